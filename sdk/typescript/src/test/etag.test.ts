// ETags from reads and If-Match on writes, against a live server: a write over a version that
// changed since it was read is refused with 412 and changes nothing.
import assert from "node:assert/strict";
import { before, describe, test } from "node:test";

import { unwrapTagged } from "../index.js";
import { createDatacenter, createTenant, loggedIn, rejectsWithProblem, type LiveTenant } from "../testing/live.js";

describe("ETag and If-Match against a live server", () => {
  let tenant: LiveTenant;

  before(async () => {
    tenant = await createTenant("etag");
  });

  test("a stale ifMatch is a 412 and the object keeps the other write", async () => {
    const client = await loggedIn(tenant);
    const dc = await createDatacenter(client);
    const path = { params: { path: { id: dc.id } } };
    const read = await client.tagged.GET("/api/datacenters/{id}", path);
    assert.match(read.etag ?? "", /^".+"$/, "a strong, quoted ETag");

    const renamed = await client.tagged.PATCH("/api/datacenters/{id}", { ...path, body: { name: `${dc.name} A` }, ifMatch: read.etag! });
    await rejectsWithProblem(
      client.PATCH("/api/datacenters/{id}", { ...path, body: { name: `${dc.name} B` }, ifMatch: read.etag! }),
      412,
      "precondition_failed",
    );
    await rejectsWithProblem(client.DELETE("/api/datacenters/{id}", { ...path, ifMatch: read.etag! }), 412, "precondition_failed");

    const after = await unwrapTagged(client.raw.GET("/api/datacenters/{id}", path));
    assert.notEqual(renamed.etag, read.etag, "a write changes the ETag");
    assert.equal(after.data.name, `${dc.name} A`);
    assert.equal(after.etag, renamed.etag);
    await client.DELETE("/api/datacenters/{id}", { ...path, ifMatch: after.etag! });
    await rejectsWithProblem(client.GET("/api/datacenters/{id}", path), 404, "not_found");
  });

  test("ifMatch * writes over any version; no ifMatch writes as before", async () => {
    const client = await loggedIn(tenant);
    const dc = await createDatacenter(client, "Any");
    const path = { params: { path: { id: dc.id } } };

    const any = await client.PATCH("/api/datacenters/{id}", { ...path, body: { address: "Calle 1" }, ifMatch: "*" });
    const plain = await client.PATCH("/api/datacenters/{id}", { ...path, body: { address: "Calle 2" } });

    assert.equal(any.address, "Calle 1");
    assert.equal(plain.address, "Calle 2");
  });
});
