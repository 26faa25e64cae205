// Facilities against a live server, as a partner uses them: a datacenter's rooms, rows and racks,
// assets placed in a rack's units, reservations and moves. The rack views are in rack-views.test.ts.
import assert from "node:assert/strict";
import { before, describe, test } from "node:test";

import type { BinoraClient } from "../index.js";
import { createSite, createTenant, loggedIn, placeAsset, rejectsWithProblem, type LiveTenant } from "../testing/live.js";

/** The rack's unit counts as the API reports them now: [used, reserved, free]. */
async function units(client: BinoraClient, rackId: number): Promise<number[]> {
  const rack = await client.GET("/api/racks/{id}", { params: { path: { id: rackId } } });
  return [rack.units_used, rack.units_reserved, rack.units_free];
}

describe("facilities against a live server", () => {
  let tenant: LiveTenant;
  let client: BinoraClient;

  before(async () => {
    tenant = await createTenant("facilities");
    client = await loggedIn(tenant);
  });

  test("a room, a row and a rack with the default size and status", async () => {
    const { dc, room, row, rack } = await createSite(client);
    assert.equal(room.datacenter.id, dc.id);
    assert.equal(room.floor, "2");
    assert.deepEqual(row.room, { id: room.id, code: "H1", name: "Hall 1" });

    assert.equal(rack.datacenter.id, dc.id, "the rack is in its room's datacenter");
    assert.equal(rack.room.id, room.id);
    assert.deepEqual(rack.row, { id: row.id, name: "A" });
    assert.equal(rack.u_height, 42);
    assert.equal(rack.starting_unit, 1);
    assert.equal(rack.status, "active");
    assert.deepEqual([rack.units_used, rack.units_reserved, rack.units_free, rack.utilization], [0, 0, 42, 0]);

    const inRow = await client.GET("/api/racks", { params: { query: { row_id: row.id } } });
    assert.deepEqual(
      inRow.results.map((r) => r.id),
      [rack.id],
    );
  });

  test("an asset placed in a rack, and a clash answered 409 naming the unit", async () => {
    const { dc, rack } = await createSite(client);
    const web = await placeAsset(client, rack.id, "web-01", { position: 10, u_height: 2, face: "front", full_depth: true });
    assert.equal(web.datacenter.id, dc.id, "the datacenter comes from the rack");
    assert.deepEqual(web.rack, { id: rack.id, name: "R01" });
    assert.deepEqual([web.position, web.face, web.u_height, web.full_depth], [10, "front", 2, true]);
    assert.deepEqual(await units(client, rack.id), [2, 0, 40]);

    // A full-depth asset takes its units on the rear face too.
    const err = await rejectsWithProblem(
      placeAsset(client, rack.id, "pdu-shelf", { position: 11, u_height: 1, face: "rear", full_depth: false }),
      409,
      "conflict",
    );
    assert.match(err.detail, /\bUnit 11\b/);
    assert.ok(err.detail.includes(web.code), `the detail names the asset holding the unit: ${err.detail}`);
    assert.deepEqual(
      err.errors.map((e) => e.field),
      ["position"],
    );
    assert.match(err.fieldErrors("position")[0] ?? "", /\bUnit 11\b/);

    assert.deepEqual(await units(client, rack.id), [2, 0, 40], "nothing changed");
    await placeAsset(client, rack.id, "pdu-shelf", { position: 12, u_height: 1, face: "rear", full_depth: false });
    assert.deepEqual(await units(client, rack.id), [3, 0, 39]);
  });

  test("a reservation admits only the asset that names it", async () => {
    const { rack } = await createSite(client);
    const reservation = await client.POST("/api/racks/{id}/reservations", {
      params: { path: { id: rack.id } },
      body: { position: 20, u_height: 2, face: "front", description: "Project Atlas storage" },
    });
    assert.deepEqual(reservation.rack, { id: rack.id, name: "R01" });
    assert.deepEqual([reservation.position, reservation.u_height, reservation.full_depth], [20, 2, false]);
    assert.equal(reservation.expires_at, null, "no expiry given: until released");
    assert.equal(reservation.expired, false);
    assert.equal(reservation.created_by?.email, tenant.email);
    assert.deepEqual(await units(client, rack.id), [0, 2, 40]);

    const into = { position: 20, u_height: 2, face: "front", full_depth: false } as const;
    const err = await rejectsWithProblem(placeAsset(client, rack.id, "atlas-01", into), 409, "conflict");
    assert.match(err.detail, /\bUnit 20\b/);
    assert.ok(err.detail.includes("Project Atlas storage"), `the detail names the reservation: ${err.detail}`);

    const asset = await placeAsset(client, rack.id, "atlas-01", { ...into, reservation_id: reservation.id });
    assert.equal(asset.position, 20);
    assert.deepEqual(await units(client, rack.id), [2, 0, 40], "units an asset takes count as used, not reserved");
  });

  test("a move is in the placement history, newest first", async () => {
    const { rack } = await createSite(client);
    const asset = await placeAsset(client, rack.id, "db-01", { position: 5, u_height: 1, face: "front", full_depth: false });

    const moved = await client.PATCH("/api/assets/{id}", { params: { path: { id: asset.id } }, body: { position: 30 } });
    assert.deepEqual([moved.position, moved.face], [30, "front"]);

    const history = await client.GET("/api/assets/{id}/placement-history", { params: { path: { id: asset.id } } });
    assert.equal(history.count, 2);
    const at = (position: number) => ({ rack: { id: rack.id, name: "R01" }, position, face: "front" });
    assert.deepEqual(
      history.results.map((h) => [h.from, h.to]),
      [
        [at(5), at(30)],
        [null, at(5)],
      ],
      "newest first; the create is a move from nowhere",
    );
    assert.equal(history.results[0]?.changed_by?.email, tenant.email);
  });

  test("the unit filter finds a multi-unit asset at one of its upper units", async () => {
    const { rack } = await createSite(client);
    await placeAsset(client, rack.id, "tor-01", { position: 1, u_height: 1, face: "front", full_depth: false });
    const big = await placeAsset(client, rack.id, "storage-01", { position: 10, u_height: 3, face: "front", full_depth: true });

    const inRack = await client.GET("/api/assets", { params: { query: { rack_id: rack.id } } });
    assert.equal(inRack.count, 2);
    for (const [unit, want] of [
      [10, [big.id]],
      [12, [big.id]],
      [13, []],
      [2, []],
    ] as const) {
      const page = await client.GET("/api/assets", { params: { query: { rack_id: rack.id, unit } } });
      assert.deepEqual(
        page.results.map((a) => a.id),
        want,
        `unit ${unit}`,
      );
      assert.equal(page.count, want.length, `unit ${unit}`);
    }

    const err = await rejectsWithProblem(client.GET("/api/assets", { params: { query: { unit: 12 } } }), 400, "validation_error");
    assert.ok(err.fieldErrors("unit").length > 0, JSON.stringify(err.errors));
  });
});
