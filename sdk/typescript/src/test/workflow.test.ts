// Login, datacenters, assets, status changes and history, tenant isolation and error shapes,
// against a live server.
import assert from "node:assert/strict";
import { before, describe, test } from "node:test";

import type { Schemas, Tokens } from "../index.js";
import { clientFor, createDatacenter, createTenant, loggedIn, rejectsWithProblem, type LiveTenant } from "../testing/live.js";

describe("workflow against a live server", () => {
  let tenantA: LiveTenant;
  let tenantB: LiveTenant;

  before(async () => {
    [tenantA, tenantB] = await Promise.all([createTenant("a"), createTenant("b")]);
  });

  test("login stores the session and reports it", async () => {
    const seen: (Tokens | null)[] = [];
    const client = clientFor(tenantA, { onTokens: (t) => seen.push(t) });
    assert.equal(client.tokens, null);

    const pair = await client.login(tenantA.email, tenantA.password);
    assert.equal(pair.user.email, tenantA.email);
    assert.ok(pair.permissions.includes("assets.assets.write"));
    assert.deepEqual(client.tokens, { access: pair.access, refresh: pair.refresh, accessExpiresAt: pair.access_expires_at });
    assert.equal(seen.length, 1);
    assert.equal(seen[0]?.access, pair.access);

    const me = await client.GET("/api/auth/me");
    assert.equal(me.company.subdomain, tenantA.subdomain);
    assert.equal(me.user.email, tenantA.email);
  });

  test("wrong password is a 401 problem, and no session is kept", async () => {
    const client = clientFor(tenantA);
    const err = await rejectsWithProblem(client.login(tenantA.email, "not-the-password-at-all"), 401, "unauthenticated");
    assert.ok(err.requestId, "the problem carries the X-Request-ID of the answer");
    assert.equal(client.tokens, null);
  });

  test("an unknown tenant is a 404 tenant_not_found problem", async () => {
    const client = clientFor({ ...tenantA, subdomain: `${tenantA.subdomain}-missing` });
    await rejectsWithProblem(client.login(tenantA.email, tenantA.password), 404, "tenant_not_found");
  });

  test("create a datacenter and an asset, change its status, read the history newest first", async () => {
    const client = await loggedIn(tenantA);
    const dc = await createDatacenter(client);
    assert.ok(dc.id > 0);
    assert.equal((await client.GET("/api/datacenters/{id}", { params: { path: { id: dc.id } } })).code, dc.code);

    const created: Schemas["Asset"] = await client.POST("/api/assets", {
      body: { name: "web-01", asset_type: "SRV", serial_number: "SN-0001", datacenter_id: dc.id },
    });
    assert.match(created.code, /^SRV-\d{5}$/);
    assert.equal(created.status, 50, "a new asset is Requested by default");
    assert.equal(created.datacenter.id, dc.id);
    assert.equal(created.created_by?.email, tenantA.email);

    const installing = await client.PATCH("/api/assets/{id}/update-status", {
      params: { path: { id: created.id } },
      body: { status: 40, reason: "racked" },
    });
    assert.equal(installing.status, 40);
    assert.equal(installing.status_display, "Installation");

    const live = await client.PATCH("/api/assets/{id}/update-status", {
      params: { path: { id: created.id } },
      body: { status: 100 },
    });
    assert.equal(live.status, 100);

    const history = await client.GET("/api/assets/{id}/status-history", { params: { path: { id: created.id } } });
    assert.equal(history.count, 2);
    assert.deepEqual(
      history.results.map((h) => [h.from_status, h.to_status]),
      [
        [40, 100],
        [50, 40],
      ],
      "newest first",
    );
    assert.equal(history.results[1]?.reason, "racked");
    assert.equal(history.results[0]?.changed_by?.email, tenantA.email);

    const inProduction = await client.GET("/api/assets", { params: { query: { status: [100], datacenter_id: dc.id } } });
    assert.deepEqual(
      inProduction.results.map((a) => a.id),
      [created.id],
    );

    const renamed = await client.PATCH("/api/assets/{id}", { params: { path: { id: created.id } }, body: { name: "web-01a" } });
    assert.equal(renamed.name, "web-01a");

    const deleted = await client.DELETE("/api/assets/{id}", { params: { path: { id: created.id } } });
    assert.equal(deleted, undefined);
    await rejectsWithProblem(client.GET("/api/assets/{id}", { params: { path: { id: created.id } } }), 404, "not_found");
  });

  test("another tenant's asset is a 404 not_found", async () => {
    const clientA = await loggedIn(tenantA);
    const clientB = await loggedIn(tenantB);
    const dc = await createDatacenter(clientA);
    const asset = await clientA.POST("/api/assets", { body: { name: "db-01", asset_type: "STO", datacenter_id: dc.id } });

    const err = await rejectsWithProblem(clientB.GET("/api/assets/{id}", { params: { path: { id: asset.id } } }), 404, "not_found");
    assert.ok(err.requestId);
    await rejectsWithProblem(
      clientB.PATCH("/api/assets/{id}/update-status", { params: { path: { id: asset.id } }, body: { status: 35 } }),
      404,
      "not_found",
    );
    await rejectsWithProblem(clientB.GET("/api/assets/{id}/status-history", { params: { path: { id: asset.id } } }), 404, "not_found");

    // Still untouched for its owner.
    const again = await clientA.GET("/api/assets/{id}", { params: { path: { id: asset.id } } });
    assert.equal(again.status, 50);
  });

  test("a token of tenant A used on tenant B is refused without a refresh", async () => {
    const clientA = await loggedIn(tenantA);
    const sessionA = clientA.tokens!;
    const onB = clientFor(tenantB, { tokens: sessionA });
    await rejectsWithProblem(onB.GET("/api/auth/me"), 401, "token_tenant_mismatch");
    assert.deepEqual(onB.tokens, sessionA, "the session is left alone");
  });

  test("a validation error names the field", async () => {
    const client = await loggedIn(tenantA);
    const dc = await createDatacenter(client);
    const err = await rejectsWithProblem(
      client.POST("/api/assets", { body: { name: "", asset_type: "SRV", datacenter_id: dc.id } }),
      400,
      "validation_error",
    );
    assert.ok(err.errors.length > 0, "errors[] is filled");
    assert.ok(err.fieldErrors("name").length > 0, `errors name the field: ${JSON.stringify(err.errors)}`);
    assert.ok(err.requestId);
    assert.equal(err.problem.status, 400);

    const unknownStatus = await rejectsWithProblem(
      client.PATCH("/api/assets/{id}/update-status", {
        params: { path: { id: (await client.POST("/api/assets", { body: { name: "x", asset_type: "OTH", datacenter_id: dc.id } })).id } },
        // 42 is not a status: the server must say so, whatever the types allow.
        body: { status: 42 as Schemas["AssetStatus"] },
      }),
      400,
      "validation_error",
    );
    assert.ok(unknownStatus.errors.some((e) => e.field === "status"), JSON.stringify(unknownStatus.errors));
  });

  test("a duplicate datacenter code is a 409 conflict naming the field", async () => {
    const client = await loggedIn(tenantA);
    const dc = await createDatacenter(client);
    const err = await rejectsWithProblem(client.POST("/api/datacenters", { body: { name: `${dc.name} bis`, code: dc.code } }), 409, "conflict");
    assert.ok(err.fieldErrors("code").length > 0, JSON.stringify(err.errors));
  });

  test("the raw client answers {data, error} instead of throwing", async () => {
    const client = await loggedIn(tenantA);
    const { data, error, response } = await client.raw.GET("/api/assets/{id}", { params: { path: { id: 999_999_999 } } });
    assert.equal(data, undefined);
    assert.equal(response.status, 404);
    assert.equal(error?.code, "not_found");
  });

  test("logout ends the session on the server", async () => {
    const seen: (Tokens | null)[] = [];
    const client = await loggedIn(tenantA, { onTokens: (t) => seen.push(t) });
    const session = client.tokens!;
    await client.logout();
    assert.equal(client.tokens, null);
    assert.equal(seen.at(-1), null);

    // The old refresh token no longer works.
    const other = clientFor(tenantA, { tokens: session });
    await rejectsWithProblem(other.refresh(), 401, "unauthenticated");
    assert.equal(other.tokens, null);
  });
});
