// Partner API tokens (`bnr_…`) against a live server: sent as the bearer token, never refreshed.
import assert from "node:assert/strict";
import { before, describe, test } from "node:test";

import { BinoraProblemError, createBinoraClient } from "../index.js";
import { BINORA_URL, countingFetch, createDatacenter, createTenant, loggedIn, type LiveTenant } from "../testing/live.js";

describe("API tokens against a live server", () => {
  let tenant: LiveTenant;
  let token: string;
  let datacenterId: number;

  before(async () => {
    tenant = await createTenant("apitoken");
    const admin = await loggedIn(tenant);
    datacenterId = (await createDatacenter(admin)).id;
    await admin.POST("/api/assets", { body: { name: "edge-01", asset_type: "RTR", datacenter_id: datacenterId } });
    const created = await admin.POST("/api/api-tokens", {
      body: { name: "sdk tests", permissions: ["assets.assets.read", "core.datacenters.read"] },
    });
    assert.match(created.token, /^bnr_/);
    token = created.token;
  });

  test("a client with an API token needs no tenant and no login", async () => {
    const counter = countingFetch();
    const client = createBinoraClient({ baseUrl: BINORA_URL, apiToken: token, fetch: counter.fetch });
    assert.equal(client.usesApiToken, true);
    const assets = await client.GET("/api/assets", { params: { query: { datacenter_id: datacenterId } } });
    assert.deepEqual(
      assets.results.map((a) => a.name),
      ["edge-01"],
    );
    const dc = await client.GET("/api/datacenters/{id}", { params: { path: { id: datacenterId } } });
    assert.equal(dc.id, datacenterId);
    assert.equal(client.tokens, null);
  });

  test("the token's permissions are enforced", async () => {
    const client = createBinoraClient({ baseUrl: BINORA_URL, apiToken: token });
    await assert.rejects(
      client.POST("/api/assets", { body: { name: "nope", asset_type: "SRV", datacenter_id: datacenterId } }),
      (err: unknown) => err instanceof BinoraProblemError && err.status === 403 && err.code === "permission_denied",
    );
  });

  test("an invalid API token surfaces the 401 and is never refreshed", async () => {
    const counter = countingFetch();
    const client = createBinoraClient({ baseUrl: BINORA_URL, tenant: tenant.subdomain, apiToken: `${token}x`, fetch: counter.fetch });
    await assert.rejects(client.GET("/api/assets"), (err: unknown) => {
      assert.ok(err instanceof BinoraProblemError);
      assert.equal(err.status, 401);
      return true;
    });
    assert.equal(counter.count("/api/auth/refresh"), 0);
    assert.equal(counter.count("/api/assets"), 1);
  });

  test("session helpers are refused on an API-token client", async () => {
    const client = createBinoraClient({ baseUrl: BINORA_URL, apiToken: token });
    await assert.rejects(client.login(tenant.email, tenant.password), /API token/);
    await assert.rejects(client.refresh(), /API token/);
    assert.throws(() => client.setTokens(null), /API token/);
  });
});
