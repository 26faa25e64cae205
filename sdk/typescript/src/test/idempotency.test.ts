// Idempotency-Key on creates: what the client sends (against a scripted fetch), and a replay by
// the live server.
import assert from "node:assert/strict";
import { before, describe, test } from "node:test";

import { createBinoraClient, IDEMPOTENCY_KEY_HEADER, newIdempotencyKey, type Schemas } from "../index.js";
import { createDatacenter, createTenant, loggedIn, rejectsWithProblem, type LiveTenant } from "../testing/live.js";

const BASE = "http://binora.invalid";

/** A client whose fetch answers `answer(request)` and records every request. */
function scripted(answer: (req: Request) => Response) {
  const sent: Request[] = [];
  const client = createBinoraClient({
    baseUrl: BASE,
    tenant: "a",
    tokens: { access: "access-1", refresh: "refresh-1" },
    fetch: async (req) => {
      sent.push(req.clone());
      return answer(req);
    },
  });
  const keysOf = (method: string, path: string) =>
    sent.filter((r) => r.method === method && new URL(r.url).pathname === path).map((r) => r.headers.get(IDEMPOTENCY_KEY_HEADER));
  return { client, keysOf };
}

const created = () => new Response("{}", { status: 201, headers: { "Content-Type": "application/json" } });
const tokens = (n: number) =>
  new Response(JSON.stringify({ access: `access-${n}`, refresh: `refresh-${n}`, access_expires_at: "2030-01-01T00:00:00Z" }), {
    status: 200,
    headers: { "Content-Type": "application/json" },
  });

describe("Idempotency-Key, as sent", () => {
  test("each create gets a fresh key, a caller's key is kept, other calls get none", async () => {
    const { client, keysOf } = scripted(() => created());
    const body = { name: "Paris 1", code: "PAR1" };

    await client.POST("/api/datacenters", { body });
    await client.POST("/api/datacenters", { body });
    await client.POST("/api/datacenters", { params: { header: { [IDEMPOTENCY_KEY_HEADER]: "mine" } }, body });
    await client.raw.GET("/api/datacenters");
    await client.raw.POST("/api/auth/logout", { body: { refresh: "refresh-1" } });

    const keys = keysOf("POST", "/api/datacenters");
    assert.equal(keys.length, 3);
    assert.ok(keys[0]);
    assert.notEqual(keys[0], keys[1], "each call is a new create");
    assert.equal(keys[2], "mine");
    assert.deepEqual(keysOf("GET", "/api/datacenters"), [null]);
    assert.deepEqual(keysOf("POST", "/api/auth/logout"), [null], "not a create");
  });

  test("the create sent again after a refresh carries the same key", async () => {
    let creates = 0;
    const { client, keysOf } = scripted((req) => {
      const path = new URL(req.url).pathname;
      if (path === "/api/auth/refresh") return tokens(2);
      creates++;
      return creates === 1 ? new Response("", { status: 401 }) : created();
    });

    await client.POST("/api/assets", { body: { name: "web-1", asset_type: "SRV" } });

    const keys = keysOf("POST", "/api/assets");
    assert.equal(keys.length, 2, "sent, refused, sent again");
    assert.ok(keys[0]);
    assert.equal(keys[0], keys[1]);
  });
});

describe("Idempotency-Key against a live server", () => {
  let tenant: LiveTenant;

  before(async () => {
    tenant = await createTenant("idem");
  });

  test("a create retried with its key answers the first asset again and creates nothing", async () => {
    const client = await loggedIn(tenant);
    const dc = await createDatacenter(client);
    const key = newIdempotencyKey();
    const create = (name: string): Promise<Schemas["Asset"]> =>
      client.POST("/api/assets", {
        params: { header: { [IDEMPOTENCY_KEY_HEADER]: key } },
        body: { name, asset_type: "SRV", datacenter_id: dc.id },
      });

    const first = await create("web-01");
    const retried = await create("web-01");
    await rejectsWithProblem(create("web-02"), 422, "idempotency_key_reused");

    assert.equal(retried.id, first.id);
    const list = await client.GET("/api/assets", { params: { query: { datacenter_id: dc.id } } });
    assert.equal(list.count, 1);
  });
});
