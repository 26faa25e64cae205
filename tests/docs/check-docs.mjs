// Opens the API reference (GET /api/docs) of a running Binora server in
// headless Chromium and checks what a person would see: every operation of
// the specification rendered, a request run through "Try it out", no console
// or page error, and no request leaving this machine. Writes a full-page
// screenshot to tests/docs/screenshot.png.
//
// Run by .ci/docs-page, which starts the server and sets BINORA_URL:
//   BINORA_URL=http://127.0.0.1:18090 node --test tests/docs/check-docs.mjs
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";
const SCREENSHOT = fileURLToPath(new URL("./screenshot.png", import.meta.url));
const BASE = process.env.BINORA_URL;

// Operations the page must show, as the specification names them.
const EXPECTED = [
  { method: "post", path: "/api/auth/login", summary: "Log in" },
  { method: "get", path: "/api/assets", summary: "List assets" },
  { method: "post", path: "/api/assets", summary: "Create an asset" },
  { method: "patch", path: "/api/assets/{id}/update-status", summary: "Change an asset's status" },
  { method: "get", path: "/api/datacenters", summary: "List datacenters" },
  { method: "get", path: "/healthz", summary: "Liveness probe" },
];

function isLoopback(hostname) {
  return hostname === "localhost" || hostname === "[::1]" || /^127(\.\d{1,3}){3}$/.test(hostname);
}

let userDataDir;
let context;
let page;
const consoleErrors = [];
const pageErrors = [];
const external = [];
const failed = [];

before(async () => {
  assert.ok(BASE, "BINORA_URL is not set: run through .ci/docs-page");
  assert.ok(isLoopback(new URL(BASE).hostname), `BINORA_URL ${BASE} is not a loopback address`);

  userDataDir = await mkdtemp(join(tmpdir(), "binora-docs-chromium-"));
  context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
    viewport: { width: 1280, height: 900 },
  });

  // Every request the page makes goes through here: anything for another
  // host is recorded and never sent.
  await context.route("**/*", (route) => {
    const url = new URL(route.request().url());
    if ((url.protocol === "http:" || url.protocol === "https:") && !isLoopback(url.hostname)) {
      external.push(url.href);
      return route.abort("blockedbyclient");
    }
    return route.continue();
  });

  page = context.pages()[0] ?? (await context.newPage());
  page.on("console", (msg) => {
    if (msg.type() === "error") {
      const loc = msg.location();
      consoleErrors.push(`${msg.text()} (${loc.url}:${loc.lineNumber})`);
    }
  });
  page.on("websocket", (ws) => {
    if (!isLoopback(new URL(ws.url()).hostname)) external.push(ws.url());
  });
  page.on("pageerror", (err) => pageErrors.push(String(err.stack || err)));
  page.on("requestfailed", (req) => failed.push(`${req.method()} ${req.url()}: ${req.failure()?.errorText}`));
  page.on("response", (resp) => {
    if (resp.status() >= 400) failed.push(`${resp.request().method()} ${resp.url()}: ${resp.status()}`);
  });
});

after(async () => {
  await context?.close();
  if (userDataDir) await rm(userDataDir, { recursive: true, force: true });
});

test("the page renders every operation of the served specification", async () => {
  const spec = await (await fetch(new URL("/api/openapi.yaml", BASE))).text();
  const operations = spec.match(/^ {4}(get|put|post|patch|delete|head|options):\s*$/gm) ?? [];
  assert.ok(operations.length > 10, `only ${operations.length} operations found in the spec`);

  const resp = await page.goto(new URL("/api/docs", BASE).href, { waitUntil: "load" });
  assert.equal(resp.status(), 200);
  await page.locator(".swagger-ui .info .title").waitFor();
  await page.waitForFunction(
    (n) => document.querySelectorAll(".swagger-ui .opblock").length === n,
    operations.length,
    { timeout: 20_000 },
  );
  assert.equal(await page.title(), "Binora API reference");
  assert.match(await page.locator(".swagger-ui .info .title").innerText(), /Binora/);

  await page.screenshot({ path: SCREENSHOT, fullPage: true });
});

test("the expected operations are visible with their summaries", async () => {
  for (const op of EXPECTED) {
    const block = page.locator(`.opblock-${op.method}`, {
      has: page.locator(`.opblock-summary-path[data-path="${op.path}"]`),
    });
    assert.equal(await block.count(), 1, `${op.method.toUpperCase()} ${op.path} is rendered once`);
    assert.ok(await block.isVisible(), `${op.method.toUpperCase()} ${op.path} is visible`);
    assert.equal(
      (await block.locator(".opblock-summary-description").innerText()).trim(),
      op.summary,
      `${op.method.toUpperCase()} ${op.path}`,
    );
  }
});

test("Try it out sends a request to the server and shows its answer", async () => {
  const block = page.locator(".opblock-get", {
    has: page.locator('.opblock-summary-path[data-path="/healthz"]'),
  });
  await block.locator(".opblock-summary-control").click();
  await block.getByRole("button", { name: "Try it out" }).click();
  await block.getByRole("button", { name: "Execute" }).click();

  const status = block.locator(".live-responses-table .response .response-col_status").first();
  await status.waitFor({ timeout: 10_000 });
  assert.equal((await status.innerText()).trim(), "200");
  assert.match(await block.locator(".live-responses-table .microlight, .live-responses-table pre").first().innerText(), /ok/i);
});

// Opens every part of the page once, so that whatever it renders is rendered
// under the page's Content-Security-Policy (a violation is a console error).
test("every operation, the schemas and the Authorize dialog open", async () => {
  await page.evaluate(() => {
    for (const b of document.querySelectorAll(".opblock:not(.is-open) .opblock-summary-control")) b.click();
  });
  await page.waitForFunction(
    () => document.querySelectorAll(".opblock.is-open .opblock-body").length === document.querySelectorAll(".opblock").length,
  );

  const login = page.locator(".opblock-post", {
    has: page.locator('.opblock-summary-path[data-path="/api/auth/login"]'),
  });
  await login.getByRole("button", { name: "Try it out" }).click();
  await login.locator("textarea.body-param__text").waitFor();

  await page.locator("section.models h4").click();
  const schemas = page.locator("section.models .model-container");
  await schemas.first().waitFor();
  assert.ok((await schemas.count()) > 5, "schemas are listed");
  await schemas.first().locator(".model-box-control").first().click();

  await page.locator(".auth-wrapper .authorize").click();
  const dialog = page.locator(".dialog-ux .modal-ux");
  await dialog.waitFor();
  assert.match(await dialog.innerText(), /bearerAuth/);
  await dialog.locator(".close-modal").click();
});

test("no console error, no page error, no failed or external request", async () => {
  assert.deepEqual(external, [], "requests to a non-loopback host");
  assert.deepEqual(pageErrors, [], "uncaught page errors");
  assert.deepEqual(consoleErrors, [], "console errors (a Content-Security-Policy violation is one)");
  assert.deepEqual(failed, [], "failed requests");
});
