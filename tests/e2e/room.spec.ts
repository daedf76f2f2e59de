import { Page } from "@playwright/test";
import { readFileSync } from "node:fs";
import { test, expect, openApp, stepLink, storedGraph, dropFiles, downloadText } from "./fixtures";

/**
 * Issue 27: the room can read it. Sizes are measured as rendered (the font
 * size times the canvas' scale on screen), not read from CSS.
 */

/** Every drawn component: its box on screen and its smallest name, in px. */
async function drawn(page: Page) {
  return page.evaluate(() => {
    const wrap = document.querySelector(".canvas-wrap")!.getBoundingClientRect();
    return [...document.querySelectorAll(".canvas [data-node]")].map((g) => {
      const r = g.getBoundingClientRect();
      const names = [...g.querySelectorAll("text.name")].map((t) => {
        const scale = (t as SVGGraphicsElement).getScreenCTM()!.a;
        return parseFloat(getComputedStyle(t).fontSize) * scale;
      });
      const inView = r.left >= wrap.left - 1 && r.right <= wrap.right + 1 && r.top >= wrap.top - 1 && r.bottom <= wrap.bottom + 1;
      return { id: g.getAttribute("data-node")!, box: { x: r.x, y: r.y, w: r.width, h: r.height }, name: Math.min(...names), inView };
    });
  });
}

async function example(page: Page) {
  await openApp(page);
  await page.getByRole("button", { name: "Open the example" }).click();
  await expect(page.getByLabel("System name")).toHaveValue("Checkout platform (example)");
  await stepLink(page, "Service graph").click();
  await expect(page.locator(".canvas [data-node]")).toHaveCount(9);
}

test.describe("on a projector, 1280 × 720", () => {
  test.use({ viewport: { width: 1280, height: 720 } });

  test("Present gives the graph the screen: every component in view, names of 16 px or more", async ({ page }) => {
    await example(page);
    await page.getByRole("button", { name: "Present" }).click();
    await expect(page.getByRole("navigation", { name: "Workbook steps" })).toBeHidden();
    await page.getByRole("button", { name: "Fit to view" }).click();
    const nodes = await drawn(page);
    expect(nodes).toHaveLength(9);
    for (const n of nodes) {
      expect(n.inView, n.id).toBe(true);
      expect(n.name, n.id).toBeGreaterThanOrEqual(16);
    }
    // The canvas has the whole screen.
    const wrap = (await page.locator(".canvas-wrap").boundingBox())!;
    expect(wrap.width).toBeGreaterThan(1270);
    expect(wrap.height).toBeGreaterThan(710);
    await page.getByRole("button", { name: "Leave" }).click();
    await expect(page.getByRole("navigation", { name: "Workbook steps" })).toBeVisible();
  });

  test("presenting steps through the teams, each framed at a readable size", async ({ page }) => {
    await example(page);
    await page.getByRole("button", { name: "Present" }).click();
    await page.getByRole("button", { name: "Next team" }).click();
    const team = (await page.locator(".present-team").textContent())!.trim();
    const graph = await storedGraph(page);
    const members = graph.nodes.filter((n: any) => n.team === team).map((n: any) => n.id);
    expect(members.length).toBeGreaterThan(0);
    const nodes = await drawn(page);
    for (const id of members) {
      const n = nodes.find((x) => x.id === id)!;
      expect(n.inView, id).toBe(true);
      expect(n.name, id).toBeGreaterThanOrEqual(16);
    }
  });
});

test.describe("on a laptop, 1366 × 768", () => {
  test.use({ viewport: { width: 1366, height: 768 } });

  test("Fit keeps names at 12 px or more", async ({ page }) => {
    await example(page);
    await page.getByRole("button", { name: "Fit to view" }).click();
    for (const n of await drawn(page)) {
      if (n.inView) expect(n.name, n.id).toBeGreaterThanOrEqual(12);
    }
  });

  test("an imported real system is readable on arrival: names of 12 px or more, no component under another", async ({ page }) => {
    const dir = "tests/fixtures/import/eshop";
    await openApp(page);
    await dropFiles(page, [
      { name: "docker-compose.yml", content: readFileSync(`${dir}/docker-compose.yml`, "utf8") },
      { name: "docker-compose.override.yml", content: readFileSync(`${dir}/docker-compose.override.yml`, "utf8") },
    ]);
    await page.getByRole("dialog", { name: "Create a workbook from these files?" }).getByRole("button", { name: "Create workbook" }).click();
    await expect(page.locator(".canvas [data-node]")).toHaveCount(18);
    const nodes = await drawn(page);
    expect(nodes.filter((n) => n.inView).length).toBeGreaterThan(3);
    for (const n of nodes) expect(n.name, n.id).toBeGreaterThanOrEqual(12);
    for (let i = 0; i < nodes.length; i++) {
      for (let j = i + 1; j < nodes.length; j++) {
        const a = nodes[i].box, b = nodes[j].box;
        const overlap = a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
        expect(overlap, `${nodes[i].id} and ${nodes[j].id}`).toBe(false);
      }
    }
  });
});

test.describe("what draw.io users reach for", () => {
  test.use({ viewport: { width: 1600, height: 900 } });

  async function shop(page: Page) {
    await openApp(page);
    await stepLink(page, "Service graph").click();
    await page.getByRole("button", { name: /Microservices shop/ }).click();
    await expect(page.locator(".canvas [data-node]")).toHaveCount(10);
  }

  test("a drag on the background selects; Space and drag pans", async ({ page }) => {
    await shop(page);
    const canvas = (await page.locator("svg.canvas").boundingBox())!;
    const start = { x: canvas.x + 8, y: canvas.y + 8 };
    await page.mouse.move(start.x, start.y);
    await page.mouse.down();
    await page.mouse.move(canvas.x + canvas.width - 8, canvas.y + canvas.height - 8, { steps: 8 });
    await page.mouse.up();
    await expect(page.locator(".canvas [data-node][aria-pressed=true]")).not.toHaveCount(0);
    const before = await page.locator('.canvas [data-node="orders"]').boundingBox();
    await page.locator("svg.canvas").hover({ position: { x: 20, y: 20 } });
    await page.keyboard.down("Space");
    await page.mouse.down();
    await page.mouse.move(canvas.x + 120, canvas.y + 80, { steps: 5 });
    await page.mouse.up();
    await page.keyboard.up("Space");
    const after = await page.locator('.canvas [data-node="orders"]').boundingBox();
    expect(after!.x).toBeGreaterThan(before!.x + 50);
  });

  test("Ctrl+F finds a component, selects it and brings it into view", async ({ page }) => {
    await shop(page);
    await page.locator("svg.canvas").click({ position: { x: 5, y: 5 } });
    await page.keyboard.press("Control+f");
    await page.getByRole("searchbox", { name: "Find a component" }).fill("cata");
    await expect(page.locator(".find-results button").first()).toHaveText("catalog");
    await expect(page.locator(".find-results button")).toContainText(["catalog", "catalog-db"]);
    await page.keyboard.press("Enter");
    await expect(page.locator('.canvas [data-node="catalog"]')).toHaveAttribute("aria-pressed", "true");
    await expect(page.locator('.canvas [data-node="catalog"]')).toBeFocused();
  });

  test("align and distribute the selected components, undone in one step", async ({ page }) => {
    await shop(page);
    await page.locator('.canvas [data-node="orders"]').click();
    await page.locator('.canvas [data-node="catalog"]').click({ modifiers: ["Shift"] });
    await page.locator('.canvas [data-node="web"]').click({ modifiers: ["Shift"] });
    await page.getByRole("group", { name: "Arrange" }).getByRole("button", { name: "Align tops" }).click();
    await expect.poll(async () => {
      const g = await storedGraph(page);
      return new Set(g.nodes.filter((n: any) => ["orders", "catalog", "web"].includes(n.id)).map((n: any) => n.y)).size;
    }).toBe(1);
    await page.getByRole("button", { name: "Undo" }).click();
    await expect.poll(async () => {
      const g = await storedGraph(page);
      return new Set(g.nodes.filter((n: any) => ["orders", "catalog", "web"].includes(n.id)).map((n: any) => n.y)).size;
    }).toBeGreaterThan(1);
  });

  test("the connections drawn can be narrowed to the selection's", async ({ page }) => {
    await shop(page);
    const all = await page.locator(".canvas [data-edge]").count();
    await page.locator('.canvas [data-node="orders"]').click();
    await page.getByLabel("Connections to draw").selectOption("selection");
    const some = await page.locator(".canvas [data-edge]").count();
    expect(some).toBeGreaterThan(0);
    expect(some).toBeLessThan(all);
    const titles = await page.locator(".canvas [data-edge] title").allTextContents();
    expect(titles.every((t) => t.includes("orders"))).toBe(true);
  });

  test("a note on the canvas is kept, exported, and ignored by the review", async ({ page }) => {
    await shop(page);
    await stepLink(page, "Review").click();
    const score = await page.locator(".ring-score").textContent();
    await stepLink(page, "Service graph").click();
    await page.getByRole("button", { name: "Note" }).click();
    const text = page.getByRole("textbox", { name: "Note text" });
    await text.fill("Ask the payments team about retries");
    await text.press("Control+Enter");
    const note = page.locator(".canvas [data-note]");
    await expect(note).toHaveAttribute("aria-label", "Note: Ask the payments team about retries");
    await page.reload();
    await expect(page.locator(".canvas [data-note]")).toHaveCount(1);
    const svg = page.waitForEvent("download");
    await page.getByRole("button", { name: "SVG" }).click();
    // Wrapped to the note's width, line by line.
    expect(await downloadText(await svg)).toContain("Ask the payments team");
    await stepLink(page, "Review").click();
    await expect(page.locator(".ring-score")).toHaveText(score!);
    await stepLink(page, "Record").click();
    await expect(page.locator(".record-body")).toContainText("Notes on the graph (for people; the review does not read them)");
    await expect(page.locator(".record-body")).toContainText("Ask the payments team about retries");
  });

  test("a large graph shows a minimap; a click on it moves the view there", async ({ page }) => {
    const nodes = Array.from({ length: 40 }, (_, i) => ({ id: `s${i}`, name: `svc-${i}`, kind: "service", x: (i % 10) * 240, y: Math.floor(i / 10) * 120 }));
    await openApp(page);
    await page.locator('header input[type="file"]').setInputFiles({ name: "forty.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify({ format: "archbook-workbook", version: 2, title: "Forty", graph: { nodes, edges: [] } })) });
    await stepLink(page, "Service graph").click();
    const map = page.getByRole("img", { name: /Minimap of the whole graph/ });
    await expect(map).toBeVisible();
    await expect(page.locator('.canvas [data-node="s39"]')).not.toBeInViewport();
    // The far corner of the graph as the minimap draws it.
    const shapes = (await page.locator(".minimap-nodes").boundingBox())!;
    await page.mouse.click(shapes.x + shapes.width - 3, shapes.y + shapes.height - 3);
    await expect(page.locator('.canvas [data-node="s39"]')).toBeInViewport();
  });
});

test("a checklist's end leads to the next decision", async ({ page }) => {
  await openApp(page);
  await stepLink(page, "Decisions").click();
  await page.getByRole("link", { name: "Service boundaries", exact: true }).click();
  const next = page.getByRole("navigation", { name: "Next decision" }).getByRole("link", { name: /^Next decision: / });
  const label = (await next.textContent())!;
  await next.click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(label.replace(/^Next decision: /, "").replace(/ →$/, ""));
});
