// Shared setup of the live-server tests: the server comes from BINORA_URL, tenants are created
// with `$BINORA_BIN tenant create` (see .ci/with-live-server, which exports both).
import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { promisify } from "node:util";

import { createBinoraClient, type BinoraClient, type BinoraClientOptions } from "../index.js";

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
