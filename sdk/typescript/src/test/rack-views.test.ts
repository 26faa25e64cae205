// The views of racks against a live server: a rack's elevation as JSON and as an SVG drawing, the
// search for free space, a datacenter's capacity.
import assert from "node:assert/strict";
import { before, describe, test } from "node:test";

import type { BinoraClient } from "../index.js";
import { createSite, createTenant, loggedIn, placeAsset } from "../testing/live.js";

describe("rack views against a live server", () => {
  let client: BinoraClient;

  before(async () => {
    client = await loggedIn(await createTenant("rack-views"));
  });

  test("the elevation lists every unit top down, with the asset on its units", async () => {
    const { rack } = await createSite(client);
    const web = await placeAsset(client, rack.id, "web-01", { position: 1, u_height: 2, face: "front", full_depth: true });
    const reservation = await client.POST("/api/racks/{id}/reservations", {
      params: { path: { id: rack.id } },
      body: { position: 5, face: "front", description: "Patch panel" },
    });

    const el = await client.GET("/api/racks/{id}/elevation", { params: { path: { id: rack.id }, query: { face: "front" } } });
    assert.deepEqual(el.rack, { id: rack.id, name: "R01" });
    assert.equal(el.face, "front");
    assert.deepEqual([el.units_used, el.units_reserved, el.units_free], [2, 1, 39]);
    assert.deepEqual(
      el.units.map((u) => u.unit),
      Array.from({ length: 42 }, (_, i) => 42 - i),
      "units from the top of the drawing down",
    );

    const webOnUnits = { id: web.id, code: web.code, name: "web-01", position: 1, u_height: 2, face: "front", full_depth: true };
    for (const u of el.units) {
      if (u.unit <= 2) {
        assert.deepEqual([u.asset, u.reservation], [webOnUnits, null], `unit ${u.unit} holds web-01`);
      } else if (u.unit === 5) {
        assert.deepEqual([u.asset, u.reservation], [null, { id: reservation.id, description: "Patch panel" }], "unit 5 is reserved");
      } else {
        assert.deepEqual([u.asset, u.reservation], [null, null], `unit ${u.unit} is free`);
      }
    }
  });

  test("the SVG elevation is a drawing with the asset's name escaped", async () => {
    const { rack } = await createSite(client);
    await placeAsset(client, rack.id, "R&D <db>", { position: 3, u_height: 2, face: "front", full_depth: true });

    // The answer is image/svg+xml, not JSON: ask openapi-fetch for the text.
    const draw = (face?: "front" | "rear") =>
      client.GET("/api/racks/{id}/elevation.svg", { params: { path: { id: rack.id }, query: face ? { face } : {} }, parseAs: "text" });
    const front = await draw("front");
    assert.equal(typeof front, "string");
    assert.ok(front.startsWith("<svg"), `an SVG document: ${front.slice(0, 80)}`);
    assert.ok(front.trimEnd().endsWith("</svg>"));
    assert.ok(front.includes("R&amp;D &lt;db&gt;"), "the name, escaped");
    assert.ok(!front.includes("<db>"), "never the raw name");
    assert.equal(await draw("front"), front, "the same rack gives the same bytes");

    const both = await draw();
    assert.ok(both.startsWith("<svg"));
    assert.notEqual(both, front, "without a face, both faces are drawn");
  });

  test("free space lists the rack with the fitting position; capacity sums the datacenter", async () => {
    const { dc, room, row, rack } = await createSite(client);
    // Units 1-20 and 23-42 taken on both faces: only 21-22 are free.
    await placeAsset(client, rack.id, "blade-a", { position: 1, u_height: 20, face: "front", full_depth: true });
    await placeAsset(client, rack.id, "blade-b", { position: 23, u_height: 20, face: "front", full_depth: true });
    await client.POST("/api/assets", { body: { name: "spare-disk", asset_type: "STO", datacenter_id: dc.id } });

    const two = await client.GET("/api/racks/free-space", { params: { query: { units: 2, datacenter_id: dc.id } } });
    assert.equal(two.count, 1);
    assert.deepEqual(two.results, [
      {
        rack: { id: rack.id, name: "R01" },
        datacenter: { id: dc.id, code: dc.code, name: dc.name },
        room: { id: room.id, code: "H1", name: "Hall 1" },
        row: { id: row.id, name: "A" },
        fit: 2,
        positions: [21],
      },
    ]);

    const three = await client.GET("/api/racks/free-space", { params: { query: { units: 3, datacenter_id: dc.id } } });
    assert.deepEqual([three.count, three.results], [0, []], "no rack has 3 free units in a row");

    const capacity = await client.GET("/api/datacenters/{id}/capacity", { params: { path: { id: dc.id } } });
    assert.deepEqual(capacity, {
      racks: 1,
      units_total: 42,
      units_used: 40,
      units_reserved: 0,
      units_free: 2,
      utilization: 95.2,
      assets_placed: 2,
      assets_unplaced: 1,
    });
  });
});
