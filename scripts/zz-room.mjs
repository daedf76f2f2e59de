import { chromium } from "@playwright/test";
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
const out = "/tmp/room";
const port = 8094;
const server = spawn("node", ["scripts/static-server.mjs", "dist", String(port)], { stdio: "ignore" });
await new Promise((r) => setTimeout(r, 500));
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking"] });
const sizes = async (page) => page.evaluate(() => {
  const vw = innerWidth, vh = innerHeight;
  const names = [...document.querySelectorAll(".canvas [data-node] text.name")];
  const px = names.map((t) => t.getBoundingClientRect().height);
  const fontPx = names.map((t) => parseFloat(getComputedStyle(t).fontSize) * (t.getScreenCTM()?.a ?? 1));
  const nodes = [...document.querySelectorAll(".canvas [data-node]")];
  const wrap = document.querySelector(".canvas-wrap").getBoundingClientRect();
  const inView = nodes.filter((g) => { const r = g.getBoundingClientRect(); return r.left >= wrap.left - 1 && r.right <= wrap.right + 1 && r.top >= wrap.top - 1 && r.bottom <= wrap.bottom + 1; }).length;
  return { nodes: nodes.length, inView, minFont: Math.min(...fontPx).toFixed(1), zoom: document.querySelector(".zoom-level")?.textContent, canvas: [Math.round(wrap.width), Math.round(wrap.height)] };
});
try {
  for (const [w, h, name] of [[1280, 720, "projector"], [1366, 768, "laptop"]]) {
    const page = await browser.newPage({ viewport: { width: w, height: h } });
    page.on("pageerror", (e) => console.error("page error:", e.message));
    await page.goto(`http://127.0.0.1:${port}/`);
    await page.getByRole("button", { name: "Open the example" }).click();
    await page.waitForTimeout(500);
    await page.goto(`http://127.0.0.1:${port}/#graph`);
    await page.waitForTimeout(600);
    console.log(name, "open", JSON.stringify(await sizes(page)));
    await page.screenshot({ path: `${out}/${name}-graph.png` });
    await page.getByRole("button", { name: "Fit to view" }).click();
    await page.waitForTimeout(300);
    console.log(name, "fit", JSON.stringify(await sizes(page)));
    if (name === "projector") {
      await page.getByRole("button", { name: "Present" }).click();
      await page.waitForTimeout(400);
      await page.getByRole("button", { name: "Fit to view" }).click();
      await page.waitForTimeout(300);
      console.log(name, "present fit", JSON.stringify(await sizes(page)));
      await page.screenshot({ path: `${out}/${name}-present.png` });
      await page.keyboard.press("Escape");
    }
    const compose = readFileSync("tests/fixtures/import/eshop/docker-compose.yml", "utf8");
    const override = readFileSync("tests/fixtures/import/eshop/docker-compose.override.yml", "utf8");
    await page.goto(`http://127.0.0.1:${port}/`);
    await page.locator('input[type="file"]').setInputFiles([{ name: "docker-compose.yml", mimeType: "application/yaml", buffer: Buffer.from(compose) }, { name: "docker-compose.override.yml", mimeType: "application/yaml", buffer: Buffer.from(override) }]);
    await page.getByRole("button", { name: "Create workbook" }).click();
    await page.waitForTimeout(800);
    console.log(name, "eshop open", JSON.stringify(await sizes(page)));
    await page.screenshot({ path: `${out}/${name}-eshop.png` });
    await page.close();
  }
} finally { await browser.close(); server.kill(); }
