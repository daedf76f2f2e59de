import { mkdirSync, writeFileSync } from "node:fs";
import { Page } from "@playwright/test";
import { test, expect, openApp, stepLink, storedWorkbooks, dropFiles } from "./fixtures";

// A workbook at the documented limit (issue 26): the app stays responsive.
// What is asserted is deterministic (what is drawn, what is stored, what is
// refused); the timings are measured and reported by
// `scripts/budget.mjs --perf` (target: each step opens within 1 s, no task
// blocks the tab for more than 100 ms during a drag), not enforced, since
// these machines are shared and noisy.

/** 999 components in a grid (every tenth a database), five calls each. */
function atTheLimit() {
  const n = 999;
  const nodes = [];
  const edges = [];
  for (let i = 0; i < n; i++) {
    nodes.push({ id: `s${i}`, name: `svc-${i}`, kind: i % 10 === 0 ? "database" : "service", x: (i % 40) * 220, y: Math.floor(i / 40) * 110 });
  }
  for (let i = 0; i < n; i++) for (let k = 1; k <= 5; k++) edges.push({ from: `s${i}`, to: `s${(i + k * 7) % n}`, style: "sync" });
  return { format: "archbook-workbook", version: 2, title: "At the limit", graph: { nodes, edges } };
}

/** Starts collecting the page's long tasks (over 50 ms). */
async function watchLongTasks(page: Page) {
  await page.evaluate(() => {
    const w = window as any;
    w.__long = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__long.push(e.duration);
    }).observe({ type: "longtask" });
  });
}

/** Runs `act`, waits until the page has drawn and is idle, and returns how
 * long that took and the longest task meanwhile. */
async function timed(page: Page, act: () => Promise<void>): Promise<{ ms: number; longest_task_ms: number }> {
  await page.evaluate(() => ((window as any).__long = []));
  const t0 = await page.evaluate(() => performance.now());
  await act();
  // Two frames and a task: what the action woke has run and been drawn.
  const t1 = await page.evaluate(
    () => new Promise<number>((r) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(() => r(performance.now()), 0)))),
  );
  const long: number[] = await page.evaluate(() => (window as any).__long);
  return { ms: Math.round(t1 - t0), longest_task_ms: Math.round(Math.max(0, ...long)) };
}

test("at the limit every step opens and a drag, a rename and an add stay responsive @perf", async ({ page }) => {
  test.setTimeout(120_000);
  const wb = atTheLimit();
  await openApp(page);
  await page.locator('header input[type="file"]').setInputFiles({ name: "limit.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(wb)) });
  await expect(page.getByText('Imported "At the limit" from limit.json.')).toBeVisible({ timeout: 20_000 });
  await watchLongTasks(page);

  const steps: Record<string, { ms: number; longest_task_ms: number }> = {};
  const open = async (label: string, ready: () => Promise<void>) => {
    steps[label] = await timed(page, async () => {
      await stepLink(page, label).click();
      await ready();
    });
  };
  const heading = (name: string) => async () => {
    await expect(page.getByRole("heading", { name, level: 1 })).toBeVisible();
  };
  await open("Service graph", async () => {
    await expect(page.locator(".canvas [data-node]").first()).toBeVisible();
  });
  // Only what is in view is drawn: a small part of the graph.
  const drawnNodes = await page.locator(".canvas [data-node]").count();
  const drawnEdges = await page.locator(".canvas [data-edge]").count();
  expect(drawnNodes).toBeGreaterThan(0);
  expect(drawnNodes).toBeLessThan(250);
  expect(drawnEdges).toBeLessThan(2_000);

  // A drag with the real mouse: every move and the drop.
  const target = await page.evaluate(() => {
    const wrap = document.querySelector("svg.canvas")!.getBoundingClientRect();
    for (const g of document.querySelectorAll("[data-node]")) {
      const r = g.getBoundingClientRect();
      if (r.left > wrap.left + 100 && r.top > wrap.top + 100 && r.right < wrap.right - 200 && r.bottom < wrap.bottom - 100) {
        return { id: g.getAttribute("data-node")!, x: r.x + r.width / 2, y: r.y + r.height / 2 };
      }
    }
    return null;
  });
  expect(target).not.toBeNull();
  const before = (await storedWorkbooks(page));
  const xBefore = Object.values(before)[0].graph.nodes.find((n: any) => n.id === target!.id).x;
  const drag = await timed(page, async () => {
    await page.mouse.move(target!.x, target!.y);
    await page.mouse.down();
    for (let i = 1; i <= 30; i++) await page.mouse.move(target!.x + i * 4, target!.y + (i % 5));
    await page.mouse.up();
  });
  await expect.poll(async () => Object.values(await storedWorkbooks(page))[0].graph.nodes.find((n: any) => n.id === target!.id).x).toBeGreaterThan(xBefore);

  // A rename in the properties panel.
  const rename = await timed(page, async () => {
    const name = page.getByRole("textbox", { name: "Name", exact: true });
    await name.fill("renamed at the limit");
    await name.press("Enter");
    await expect(page.locator(`[data-node="${target!.id}"]`)).toHaveAttribute("aria-label", /^renamed at the limit,/);
  });

  // Adding the thousandth component, then one more, which is refused.
  // A spot of bare canvas, away from every component and connection.
  const bare = () => page.evaluate(() => {
    const r = document.querySelector("svg.canvas")!.getBoundingClientRect();
    for (let y = r.top + 20; y < r.bottom - 20; y += 10) {
      for (let x = r.left + 20; x < r.right - 20; x += 10) {
        const el = document.elementFromPoint(x, y);
        if (el && !el.closest("[data-node], [data-edge]") && el.closest("svg.canvas")) return { x, y };
      }
    }
    return null;
  });
  const add = async () => {
    const at = await bare();
    expect(at).not.toBeNull();
    await page.getByRole("button", { name: "Service", exact: true }).click();
    await page.mouse.click(at!.x, at!.y);
  };
  const added = await timed(page, add);
  await expect.poll(async () => Object.values(await storedWorkbooks(page))[0].graph.nodes.length).toBe(1000);
  await add();
  await expect(page.getByRole("alert").filter({ hasText: "That change could not be made" }))
    .toContainText("this would make 1,001 components, and a workbook holds at most 1,000; nothing was changed");
  expect(Object.values(await storedWorkbooks(page))[0].graph.nodes.length).toBe(1000);

  await open("Review", heading("Review"));
  await open("Record", heading("Record"));
  await open("Decisions", heading("Decisions"));
  await open("Context", heading("Context"));

  mkdirSync("target/perf", { recursive: true });
  writeFileSync(
    "target/perf/limit.json",
    JSON.stringify({ nodes: 1000, edges: wb.graph.edges.length, drawn: { nodes: drawnNodes, edges: drawnEdges }, steps, drag, rename, add: added, targets: { step_ms: 1000, task_ms: 100 } }, null, 2),
  );
});

/** The benchmark's largest accepted compose file (app/core/benches/import.rs):
 * 999 services, four calls and one dependency each, about 5 MB. */
function largestCompose() {
  const out = ["services:"];
  for (let i = 0; i < 999; i++) {
    out.push(`  svc-${i}:`, `    image: shop/svc-${i}:1.0`, "    environment:");
    for (let k = 1; k <= 4; k++) out.push(`      PEER_${k}_URL: http://svc-${(i + k * 7) % 999}:8080/api`);
    let n = 0;
    while (n < 4_700) {
      const line = `      SETTING_${n}: "value number ${n} for svc-${i}, as long as a real setting's value can be: a list of options, flags, paths and words"`;
      n += line.length + 1;
      out.push(line);
    }
    out.push("    depends_on:", "      - svc-0");
  }
  return out.join("\n") + "\n";
}

test("the largest compose file an import accepts is previewed and opened @perf", async ({ page }) => {
  test.setTimeout(120_000);
  const text = largestCompose();
  expect(text.length).toBeGreaterThan(4_500_000);
  expect(text.length).toBeLessThanOrEqual(5 * 1024 * 1024);
  await openApp(page);
  const t0 = Date.now();
  await dropFiles(page, [{ name: "docker-compose.yml", content: text }]);
  const preview = page.getByRole("dialog", { name: "Create a workbook from these files?" });
  await expect(preview).toContainText("999 components and 4,990 edges", { timeout: 60_000 });
  const previewMs = Date.now() - t0;
  const t1 = Date.now();
  await preview.getByRole("button", { name: "Create workbook" }).click();
  await expect(page.locator(".canvas [data-node]").first()).toBeVisible({ timeout: 60_000 });
  const createMs = Date.now() - t1;
  expect((await storedWorkbooks(page)) && true).toBe(true);
  mkdirSync("target/perf", { recursive: true });
  writeFileSync("target/perf/import.json", JSON.stringify({ bytes: text.length, preview_ms: previewMs, create_ms: createMs, target_ms: 5000 }, null, 2));
});
