// The client's middleware against a scripted fetch: timings the live server cannot be made to
// produce on demand (a 401 that arrives after the refresh finished), and answers it never gives
// (a non-problem error body).
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";

import { BinoraProblemError, createBinoraClient } from "../index.js";

const BASE = "http://binora.invalid";

function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  const contentType = status >= 400 ? "application/problem+json" : "application/json";
  return new Response(JSON.stringify(body), { status, headers: { "Content-Type": contentType, ...headers } });
}

function problem(status: number, code: string, detail = "", headers: Record<string, string> = {}): Response {
  return json(status, { type: `https://binora.dev/problems/${code}`, title: "Problem", status, detail, code }, headers);
}

const me = {
  user: {
    id: 1,
    email: "a@example.com",
    first_name: "",
    last_name: "",
    is_active: true,
    is_admin: true,
    invitation_pending: false,
    teams: [],
    last_login_at: null,
    created_at: "2024-01-01T00:00:00Z",
    updated_at: "2024-01-01T00:00:00Z",
  },
  company: { id: 1, name: "A", subdomain: "a" },
  permissions: [],
};

function pair(n: number) {
  return { access: `access-${n}`, refresh: `refresh-${n}`, access_expires_at: "2030-01-01T00:00:00Z", user: me.user, permissions: [] };
}

interface Seen {
  path: string;
  authorization: string | null;
  tenant: string | null;
  body: string;
}

describe("client middleware", () => {
  test("sends X-Tenant everywhere and the bearer token only outside the session endpoints", async () => {
    const seen: Seen[] = [];
    const client = createBinoraClient({
      baseUrl: BASE,
      tenant: "acme",
      fetch: async (req) => {
        const path = new URL(req.url).pathname;
        seen.push({ path, authorization: req.headers.get("Authorization"), tenant: req.headers.get("X-Tenant"), body: await req.text() });
        if (path === "/api/auth/login") return json(200, pair(1));
        if (path === "/api/auth/logout") return new Response(null, { status: 204 });
        return json(200, me);
      },
    });
    await client.login("a@example.com", "secret-secret");
    await client.GET("/api/auth/me");
    await client.logout();
    assert.deepEqual(
      seen.map((s) => [s.path, s.authorization, s.tenant]),
      [
        ["/api/auth/login", null, "acme"],
        ["/api/auth/me", "Bearer access-1", "acme"],
        ["/api/auth/logout", null, "acme"],
      ],
    );
    assert.deepEqual(JSON.parse(seen[2]!.body), { refresh: "refresh-1" });
    assert.equal(client.tokens, null);
  });

  test("a 401 that arrives after the refresh finished is retried with the new token, without a second refresh", async () => {
    let refreshes = 0;
    let staleAnswers = 0;
    const client = createBinoraClient({
      baseUrl: BASE,
      tenant: "acme",
      tokens: { access: "access-0", refresh: "refresh-0" },
      fetch: async (req) => {
        const path = new URL(req.url).pathname;
        if (path === "/api/auth/refresh") {
          refreshes++;
          return json(200, pair(refreshes));
        }
        if (req.headers.get("Authorization") === "Bearer access-0") {
          // The first stale request is answered at once, the second one late.
          const delay = staleAnswers++ === 0 ? 0 : 50;
          await sleep(delay);
          return problem(401, "unauthenticated");
        }
        return json(200, me);
      },
    });
    const results = await Promise.all([client.GET("/api/auth/me"), client.GET("/api/auth/me")]);
    assert.equal(results.length, 2);
    assert.equal(staleAnswers, 2);
    assert.equal(refreshes, 1);
    assert.equal(client.tokens?.access, "access-1");
  });

  test("a request started during a refresh waits for it instead of sending the old token", async () => {
    let refreshes = 0;
    const tokensSent: (string | null)[] = [];
    const client = createBinoraClient({
      baseUrl: BASE,
      tokens: { access: "access-0", refresh: "refresh-0" },
      fetch: async (req) => {
        const path = new URL(req.url).pathname;
        if (path === "/api/auth/refresh") {
          refreshes++;
          await sleep(30);
          return json(200, pair(refreshes));
        }
        tokensSent.push(req.headers.get("Authorization"));
        return json(200, me);
      },
    });
    const refreshing = client.refresh();
    await client.GET("/api/auth/me");
    await refreshing;
    assert.deepEqual(tokensSent, ["Bearer access-1"]);
    assert.equal(refreshes, 1);
  });

  test("token_tenant_mismatch is not answered with a refresh", async () => {
    let refreshes = 0;
    const client = createBinoraClient({
      baseUrl: BASE,
      tenant: "other",
      tokens: { access: "access-0", refresh: "refresh-0" },
      fetch: async (req) => {
        if (new URL(req.url).pathname === "/api/auth/refresh") refreshes++;
        return problem(401, "token_tenant_mismatch", "The token belongs to another tenant.");
      },
    });
    await assert.rejects(client.GET("/api/auth/me"), { name: "BinoraProblemError", code: "token_tenant_mismatch" });
    assert.equal(refreshes, 0);
    assert.equal(client.tokens?.access, "access-0");
  });

  test("a network failure during the refresh is thrown and the session kept", async () => {
    const client = createBinoraClient({
      baseUrl: BASE,
      tokens: { access: "access-0", refresh: "refresh-0" },
      fetch: async (req) => {
        if (new URL(req.url).pathname === "/api/auth/refresh") throw new TypeError("fetch failed");
        return problem(401, "unauthenticated");
      },
    });
    await assert.rejects(client.GET("/api/auth/me"), { name: "TypeError", message: "fetch failed" });
    assert.deepEqual(client.tokens, { access: "access-0", refresh: "refresh-0" });
  });

  test("a problem carries status, code, detail, errors, request id and Retry-After", async () => {
    const client = createBinoraClient({
      baseUrl: BASE,
      tenant: "acme",
      fetch: async () =>
        json(
          429,
          {
            type: "https://binora.dev/problems/rate_limited",
            title: "Too Many Requests",
            status: 429,
            detail: "Too many attempts.",
            code: "rate_limited",
            errors: [{ field: "email", message: "too many failed logins" }],
          },
          { "X-Request-ID": "req-123", "Retry-After": "42" },
        ),
    });
    const err = await client.login("a@example.com", "x").then(
      () => assert.fail("login should fail"),
      (e: unknown) => e,
    );
    assert.ok(err instanceof BinoraProblemError);
    assert.ok(err instanceof Error);
    assert.equal(err.status, 429);
    assert.equal(err.code, "rate_limited");
    assert.equal(err.detail, "Too many attempts.");
    assert.deepEqual(err.errors, [{ field: "email", message: "too many failed logins" }]);
    assert.deepEqual(err.fieldErrors("email"), ["too many failed logins"]);
    assert.equal(err.requestId, "req-123");
    assert.equal(err.retryAfter, 42);
    assert.equal(err.message, "429 rate_limited: Too many attempts.");
  });

  test("an error answer that is not a problem document still throws BinoraProblemError", async () => {
    const client = createBinoraClient({
      baseUrl: BASE,
      apiToken: "bnr_1_secret",
      fetch: async () => new Response("<html>Bad gateway</html>", { status: 502, statusText: "Bad Gateway", headers: { "Content-Type": "text/html" } }),
    });
    await assert.rejects(client.GET("/api/assets"), (err: unknown) => {
      assert.ok(err instanceof BinoraProblemError);
      assert.equal(err.status, 502);
      assert.equal(err.code, "http_error");
      assert.equal(err.title, "Bad Gateway");
      assert.equal(err.detail, "<html>Bad gateway</html>");
      assert.deepEqual(err.errors, []);
      assert.equal(err.requestId, null);
      return true;
    });
  });
});
