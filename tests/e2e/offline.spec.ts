import { test, expect, openApp, stepLink } from "./fixtures";

test("after one visit the app starts and works with the network off", async ({ page, context }) => {
  await openApp(page);
  // The service worker has cached this version and controls the page.
  await page.evaluate(() => navigator.serviceWorker.ready);
  await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);

  await context.setOffline(true);
  await page.reload();
  await expect(page.getByRole("navigation", { name: "Workbook steps" })).toBeVisible();

  // Create and edit a workbook offline, in steps that load lazily.
  await page.getByRole("button", { name: /^Workbook/ }).click();
  await page.getByRole("button", { name: "New workbook" }).click();
  await page.getByLabel("System name").fill("Offline shop");
  await stepLink(page, "Service graph").click();
  await page.getByRole("button", { name: /Event-driven pipeline/ }).click();
  await expect(page.locator(".canvas [data-node]")).toHaveCount(7);
  await stepLink(page, "Decisions").click();
  await expect(page.getByRole("heading", { level: 1, name: "Decisions" })).toBeVisible();

  // Still there after another offline reload.
  await page.reload();
  await stepLink(page, "Service graph").click();
  await expect(page.locator(".canvas [data-node]")).toHaveCount(7);
  await stepLink(page, "Context").click();
  await expect(page.getByLabel("System name")).toHaveValue("Offline shop");
});

test("the app installs: a manifest with icons", async ({ page, request }) => {
  await openApp(page);
  const href = await page.locator('link[rel="manifest"]').getAttribute("href");
  const manifest = await (await request.get(href!)).json();
  expect(manifest.name).toContain("Archbook");
  expect(manifest.display).toBe("standalone");
  const sizes = manifest.icons.map((i: any) => i.sizes);
  expect(sizes).toEqual(expect.arrayContaining(["192x192", "512x512"]));
  for (const icon of manifest.icons) expect((await request.get(icon.src)).ok()).toBe(true);
});

test("a new version is offered with a reload prompt, never swapped under the open page", async ({ browser }) => {
  // Two service worker installs, each caching the whole build.
  test.slow();
  // A private copy of the build, so that this test can publish a "new version".
  const { cpSync, mkdtempSync, appendFileSync } = await import("node:fs");
  const { tmpdir } = await import("node:os");
  const { join } = await import("node:path");
  const { spawn } = await import("node:child_process");
  const dir = mkdtempSync(join(tmpdir(), "archbook-update-"));
  cpSync("dist", dir, { recursive: true });
  // Beside the suite's own server, and clear of another run on this machine.
  const port = Number(process.env.ARCHBOOK_TEST_PORT ?? 8081) + 16 + test.info().parallelIndex;
  const server = spawn("node", ["scripts/static-server.mjs", dir, String(port)], { stdio: "ignore" });
  try {
    // Wait until the server answers (a fixed pause is too short on a busy machine).
    for (let i = 0; i < 50; i++) {
      const up = await fetch(`http://127.0.0.1:${port}/`).then((r) => r.ok, () => false);
      if (up) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`http://127.0.0.1:${port}/`);
    await expect(page.getByRole("navigation", { name: "Workbook steps" })).toBeVisible();
    await page.evaluate(() => navigator.serviceWorker.ready);
    await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
    await page.getByLabel("System name").fill("Mid-edit");

    // Publish a new version and let the browser find it.
    appendFileSync(join(dir, "sw.js"), "\n// a new version\n");
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())!.update());
    const banner = page.getByRole("status").filter({ hasText: "A new version of Archbook is ready" });
    await expect(banner).toBeVisible();
    // Nothing changed under the user's hands.
    await expect(page.getByLabel("System name")).toHaveValue("Mid-edit");

    // Wait for the reload from before the click: on a busy machine the new
    // worker can take over and the page reload quickly.
    const reloaded = page.waitForEvent("load");
    await banner.getByRole("button", { name: "Reload to update" }).click();
    await reloaded;
    await expect(page.getByLabel("System name")).toHaveValue("Mid-edit");
    expect(await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())!.waiting)).toBeNull();
    await context.close();
  } finally {
    server.kill();
  }
});
