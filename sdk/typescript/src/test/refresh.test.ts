// Automatic refresh on 401 against a live server: one refresh, shared by concurrent requests;
// a refused refresh clears the session and surfaces the 401.
import assert from "node:assert/strict";
import { before, describe, test } from "node:test";

import { BinoraProblemError, type Tokens } from "../index.js";
import { countingFetch, createDatacenter, createTenant, loggedIn, type LiveTenant } from "../testing/live.js";

const REFRESH = "/api/auth/refresh";
const GARBAGE_ACCESS = "not-a-jwt";

describe("automatic refresh against a live server", () => {
  let tenant: LiveTenant;

  before(async () => {
    tenant = await createTenant("refresh");
  });

  test("an invalid access token is refreshed once and the call succeeds", async () => {
    const counter = countingFetch();
    const seen: (Tokens | null)[] = [];
    const client = await loggedIn(tenant, { fetch: counter.fetch, onTokens: (t) => seen.push(t) });
    const before = client.tokens!;
    client.setTokens({ ...before, access: GARBAGE_ACCESS });
    counter.reset();

    const me = await client.GET("/api/auth/me");
    assert.equal(me.user.email, tenant.email);
    assert.equal(counter.count(REFRESH), 1);
    assert.equal(counter.count("/api/auth/me"), 2, "the original request, then its retry");

    const after = client.tokens!;
    assert.notEqual(after.access, GARBAGE_ACCESS);
    assert.notEqual(after.refresh, before.refresh, "the refresh token was rotated");
    assert.deepEqual(seen.at(-1), after, "onTokens saw the new session");

    // The new token is used from now on: no further refresh.
    await client.GET("/api/auth/me");
    assert.equal(counter.count(REFRESH), 1);
  });

  test("a request with a body is replayed intact after the refresh", async () => {
    const counter = countingFetch();
    const client = await loggedIn(tenant, { fetch: counter.fetch });
    const dc = await createDatacenter(client);
    client.setTokens({ ...client.tokens!, access: GARBAGE_ACCESS });
    counter.reset();

    const asset = await client.POST("/api/assets", { body: { name: "replayed", asset_type: "SWT", datacenter_id: dc.id } });
    assert.equal(asset.name, "replayed");
    assert.equal(asset.datacenter.id, dc.id);
    assert.equal(counter.count(REFRESH), 1);
    assert.equal(counter.count("/api/assets"), 2);
  });

  test("concurrent 401s share a single refresh", async () => {
    const counter = countingFetch();
    const client = await loggedIn(tenant, { fetch: counter.fetch });
    const dc = await createDatacenter(client);
    client.setTokens({ ...client.tokens!, access: GARBAGE_ACCESS });
    counter.reset();

    const parallel = 8;
    const results = await Promise.all([
      ...Array.from({ length: parallel / 2 }, () => client.GET("/api/auth/me")),
      ...Array.from({ length: parallel / 2 }, () => client.GET("/api/datacenters/{id}", { params: { path: { id: dc.id } } })),
    ]);
    assert.equal(results.length, parallel);
    assert.equal(counter.count(REFRESH), 1, "exactly one refresh for all the parallel requests");
    assert.notEqual(client.tokens!.access, GARBAGE_ACCESS);

    // The one refresh token spent is the only one: the session is still alive.
    await client.GET("/api/auth/me");
    await client.refresh();
    assert.equal(counter.count(REFRESH), 2);
  });

  test("a refused refresh clears the session and surfaces the 401", async () => {
    const counter = countingFetch();
    const seen: (Tokens | null)[] = [];
    const client = await loggedIn(tenant, { fetch: counter.fetch, onTokens: (t) => seen.push(t) });
    client.setTokens({ access: GARBAGE_ACCESS, refresh: "not-a-refresh-token" });
    counter.reset();

    await assert.rejects(client.GET("/api/auth/me"), (err: unknown) => {
      assert.ok(err instanceof BinoraProblemError);
      assert.equal(err.status, 401);
      assert.equal(err.code, "unauthenticated");
      return true;
    });
    assert.equal(counter.count(REFRESH), 1);
    assert.equal(counter.count("/api/auth/me"), 1, "no retry after a refused refresh");
    assert.equal(client.tokens, null);
    assert.equal(seen.at(-1), null);

    // Without a session there is nothing to refresh: the next call is a plain 401.
    await assert.rejects(client.GET("/api/auth/me"), { name: "BinoraProblemError", status: 401 });
    assert.equal(counter.count(REFRESH), 1);
  });

  test("concurrent 401s with a refused refresh all surface the 401 after one refresh", async () => {
    const counter = countingFetch();
    const client = await loggedIn(tenant, { fetch: counter.fetch });
    client.setTokens({ access: GARBAGE_ACCESS, refresh: "spent-or-unknown" });
    counter.reset();

    const settled = await Promise.allSettled(Array.from({ length: 5 }, () => client.GET("/api/auth/me")));
    for (const s of settled) {
      assert.equal(s.status, "rejected");
      assert.ok(s.reason instanceof BinoraProblemError && s.reason.status === 401, String(s.reason));
    }
    assert.equal(counter.count(REFRESH), 1);
    assert.equal(client.tokens, null);
  });

  test("a 401 from login is never answered with a refresh", async () => {
    const counter = countingFetch();
    const client = await loggedIn(tenant, { fetch: counter.fetch });
    counter.reset();
    await assert.rejects(client.login(tenant.email, "wrong-password-here"), { name: "BinoraProblemError", status: 401 });
    assert.equal(counter.count(REFRESH), 0);
  });
});
