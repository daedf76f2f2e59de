// Screenshots of the main screens, for the README and for looking at changes.
// Needs a built app (dist/) and the npm packages.
//
//   node scripts/screenshots.mjs [outdir]     (default: /tmp/archbook-shots)
import { chromium } from "@playwright/test";
import { spawn } from "node:child_process";
import { mkdirSync, readFileSync } from "node:fs";

const out = process.argv[2] ?? "/tmp/archbook-shots";
mkdirSync(out, { recursive: true });
const port = 8093;
const server = spawn("node", ["scripts/static-server.mjs", process.env.DIST ?? "dist", String(port)], { stdio: "ignore" });
await new Promise((r) => setTimeout(r, 500));
const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
});
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  page.on("pageerror", (e) => console.error("page error:", e.message));
  page.on("console", (m) => m.type() === "error" && console.error("console:", m.text().slice(0, 2000)));
  await page.goto(`http://127.0.0.1:${port}/`);
  await page.locator('input[type="file"]').setInputFiles({
    name: "checkout.json", mimeType: "application/json", buffer: readFileSync("tests/fixtures/rich.json"),
  });
  await page.getByRole("button", { name: "Dismiss message" }).click();
  await page.getByLabel("Decision drivers").fill("Survive sale peaks\nSmall team, little ops time");
  await page.screenshot({ path: `${out}/context.png` });
  await page.screenshot({ path: `${out}/context-full.png`, fullPage: true });
  await page.getByLabel("Team size").fill("six");
  await page.getByLabel("Number of teams").scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${out}/context-error.png` });
  await page.getByLabel("Team size").fill("6");
  await page.getByRole("button", { name: /^Workbook/ }).click();
  await page.screenshot({ path: `${out}/switcher.png` });
  await page.getByRole("button", { name: /^Delete / }).first().click();
  await page.screenshot({ path: `${out}/dialog.png` });
  await page.getByRole("button", { name: "Cancel" }).click();
  await page.keyboard.press("Escape");
  await page.locator('input[type="file"]').setInputFiles({ name: "broken.json", mimeType: "application/json", buffer: Buffer.from('{"format":"archbook-workbook","version":1,"graph":{"nodes":[{"id":"a","kind":"servce"}],"edges":[{"from":"a","to":"b"}]}}') });
  await page.screenshot({ path: `${out}/import-error.png` });
  await page.goto(`http://127.0.0.1:${port}/#decisions/service-boundaries`);
  await page.waitForTimeout(300);
  await page.keyboard.press("3");
  await page.keyboard.press("n");
  await page.keyboard.press("1");
  await page.keyboard.press("n");
  await page.screenshot({ path: `${out}/decision.png` });
  await page.getByRole("button", { name: "All questions" }).click();
  await page.screenshot({ path: `${out}/decision-all.png`, fullPage: true });
  for (const slug of ["decisions", "graph", "review", "record"]) {
    await page.goto(`http://127.0.0.1:${port}/#${slug}`);
    await page.waitForTimeout(300);
    await page.screenshot({ path: `${out}/${slug}.png`, fullPage: true });
  }
  // The graph editor: the imported graph, a selection, then a template.
  await page.goto(`http://127.0.0.1:${port}/#graph`);
  await page.waitForTimeout(500);
  await page.screenshot({ path: `${out}/graph-editor.png` });
  await page.locator(".canvas [data-node]").first().click();
  await page.screenshot({ path: `${out}/graph-selected.png` });
  await page.getByRole("button", { name: /^Workbook/ }).click();
  await page.getByRole("button", { name: "New workbook" }).click();
  await page.goto(`http://127.0.0.1:${port}/#graph`);
  await page.waitForTimeout(500);
  await page.screenshot({ path: `${out}/graph-empty.png` });
  await page.getByRole("button", { name: /Microservices shop/ }).click();
  await page.waitForTimeout(200);
  await page.screenshot({ path: `${out}/graph-template.png` });
  await page.goto(`http://127.0.0.1:${port}/#review`);
  await page.waitForTimeout(500);
  await page.getByRole("button", { name: "Show on graph" }).first().click();
  await page.screenshot({ path: `${out}/review.png` });
  await page.goto(`http://127.0.0.1:${port}/#record`);
  await page.waitForTimeout(500);
  await page.screenshot({ path: `${out}/record.png` });
  // The README's image: the example workbook's review.
  await page.getByRole("button", { name: /^Workbook/ }).click();
  await page.getByRole("button", { name: "Open example" }).click();
  await page.goto(`http://127.0.0.1:${port}/#review`);
  await page.waitForTimeout(500);
  for (const b of await page.getByRole("button", { name: "Dismiss message" }).all()) await b.click();
  await page.screenshot({ path: `${out}/screenshot.png` });
  const small = await browser.newPage({ viewport: { width: 390, height: 800 } });
  await small.goto(`http://127.0.0.1:${port}/`);
  await small.waitForTimeout(300);
  await small.screenshot({ path: `${out}/phone.png` });
  // The room (README "In the room"): a projector in Present mode and a
  // laptop, light and dark, the example and an imported real system.
  const eshop = ["docker-compose.yml", "docker-compose.override.yml"].map((name) => ({
    name, mimeType: "application/yaml", buffer: readFileSync(`tests/fixtures/import/eshop/${name}`),
  }));
  for (const [w, h, where] of [[1280, 720, "projector"], [1366, 768, "laptop"]]) {
    for (const theme of ["light", "dark"]) {
      for (const what of ["example", "eshop"]) {
        const p = await browser.newPage({ viewport: { width: w, height: h } });
        await p.addInitScript((t) => localStorage.setItem("archbook.theme", t), theme);
        await p.goto(`http://127.0.0.1:${port}/`);
        if (what === "example") {
          await p.getByRole("button", { name: "Open the example" }).click();
          await p.waitForTimeout(300);
          await p.goto(`http://127.0.0.1:${port}/#graph`);
        } else {
          await p.locator('input[type="file"]').setInputFiles(eshop);
          await p.getByRole("button", { name: "Create workbook" }).click();
        }
        await p.waitForTimeout(500);
        for (const b of await p.getByRole("button", { name: "Dismiss message" }).all()) await b.click();
        if (where === "projector") {
          await p.getByRole("button", { name: "Present" }).click();
          await p.waitForTimeout(300);
          await p.getByRole("button", { name: "Fit to view" }).click();
        }
        await p.waitForTimeout(300);
        await p.screenshot({ path: `${out}/room-${where}-${theme}-${what}.png` });
        await p.close();
      }
    }
  }
  console.log(`screenshots in ${out}`);
} finally {
  await browser.close();
  server.kill();
}
