// Shared setup of the live-server tests: the server comes from BINORA_URL, tenants are created
// with `$BINORA_BIN tenant create` (see .ci/with-live-server, which exports both).
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { promisify } from "node:util";

import { BinoraProblemError, createBinoraClient, type BinoraClient, type BinoraClientOptions, type Schemas } from "../index.js";

const run = promisify(execFile);

function required(name: string): string {
  const value = process.env[name];
  if (!value) {
    throw new Error(
      `${name} is not set: these tests need a live Binora server. ` +
        "Run them through `.ci/with-live-server npm --prefix sdk/typescript test` (or `bash .ci/sdk-typescript`), " +
        "or export BINORA_URL and BINORA_BIN (plus DATABASE_URL and BINORA_JWT_SECRET for the binary) yourself.",
    );
  }
  return value;
}

/** The live server's base URL. Reading it fails the test file when it is not set. */
export const BINORA_URL = required("BINORA_URL");
const BINORA_BIN = required("BINORA_BIN");

export interface LiveTenant {
  subdomain: string;
  email: string;
  password: string;
}

function unique(): string {
  return `${Date.now().toString(36)}-${randomBytes(4).toString("hex")}`;
}

/** Creates a new tenant and its admin through the binora command line. */
export async function createTenant(label: string): Promise<LiveTenant> {
  const subdomain = `sdk-${label}-${unique()}`.toLowerCase().slice(0, 63).replace(/-+$/, "");
  const email = `admin@${subdomain}.example.com`;
  const password = `Quartz-${randomBytes(6).toString("hex")}-Lantern`;
  await run(
    BINORA_BIN,
    ["tenant", "create", "--subdomain", subdomain, "--name", `SDK ${label} ${subdomain}`, "--admin-email", email, "--admin-password", password],
    { env: process.env },
  );
  return { subdomain, email, password };
}

/** A `fetch` that counts the requests it sends, per path. */
export interface CountingFetch {
  fetch: (input: Request) => Promise<Response>;
  count(path: string): number;
  reset(): void;
}

export function countingFetch(): CountingFetch {
  const counts = new Map<string, number>();
  return {
    fetch: (input: Request) => {
      const path = new URL(input.url).pathname;
      counts.set(path, (counts.get(path) ?? 0) + 1);
      return globalThis.fetch(input);
    },
    count: (path) => counts.get(path) ?? 0,
    reset: () => counts.clear(),
  };
}

/** A client of the live server for a tenant. */
export function clientFor(tenant: LiveTenant, extra: Partial<BinoraClientOptions> = {}): BinoraClient {
  return createBinoraClient({ baseUrl: BINORA_URL, tenant: tenant.subdomain, ...extra });
}

/** A client of the live server, logged in as the tenant's admin. */
export async function loggedIn(tenant: LiveTenant, extra: Partial<BinoraClientOptions> = {}): Promise<BinoraClient> {
  const client = clientFor(tenant, extra);
  await client.login(tenant.email, tenant.password);
  return client;
}

/** Creates a datacenter with a unique code. */
export async function createDatacenter(client: BinoraClient, name = "Frankfurt 1") {
  const code = `DC${randomBytes(3).toString("hex").toUpperCase()}`;
  return client.POST("/api/datacenters", { body: { name: `${name} ${code}`, code } });
}

/** Awaits a call that must fail with a problem of this status and code, and returns the error. */
export async function rejectsWithProblem(promise: Promise<unknown>, status: number, code: string): Promise<BinoraProblemError> {
  try {
    await promise;
  } catch (err) {
    assert.ok(err instanceof BinoraProblemError, `expected a BinoraProblemError, got ${String(err)}`);
    assert.equal(err.status, status, err.message);
    assert.equal(err.code, code, err.message);
    return err;
  }
  assert.fail(`expected ${status} ${code}, the call succeeded`);
}

/**
 * A datacenter (unique code) with room H1, row A and rack R01 of the default size (42 units from
 * unit 1) standing in the row.
 */
export async function createSite(client: BinoraClient) {
  const dc = await createDatacenter(client);
  const room = await client.POST("/api/rooms", { body: { datacenter_id: dc.id, name: "Hall 1", code: "H1", floor: "2" } });
  const row = await client.POST("/api/rows", { body: { room_id: room.id, name: "A" } });
  const rack = await client.POST("/api/racks", { body: { room_id: room.id, row_id: row.id, name: "R01" } });
  return { dc, room, row, rack };
}

/** Where an asset goes in a rack. */
export interface Mount {
  position: number;
  u_height: number;
  face: Schemas["Face"];
  full_depth: boolean;
  reservation_id?: number;
}

/** Creates a server in the rack, naming only the rack: the asset takes the rack's datacenter. */
export function placeAsset(client: BinoraClient, rackId: number, name: string, mount: Mount): Promise<Schemas["Asset"]> {
  return client.POST("/api/assets", { body: { name, asset_type: "SRV", rack_id: rackId, ...mount } });
}
