import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { test, expect, openApp, stepLink, downloadText, node, center, storedGraph, addWithPalette, connect, dropFiles, dropFile } from "./fixtures";

// A desktop screen: the whole graph of a template fits at a readable zoom
// (names of 12 px or more) beside both panels.
test.use({ viewport: { width: 1600, height: 900 } });

test("a small graph drawn with the mouse: nodes, edges, rename, traits, undo, layout, reload, SVG", async ({ page }) => {
  await openApp(page);
  await stepLink(page, "Service graph").click();
  await expect(page.getByText("An empty graph")).toBeVisible();

  await addWithPalette(page, "API gateway", 120, 120);
  await addWithPalette(page, "Service", 360, 120);
  await addWithPalette(page, "Database", 360, 300);
  await addWithPalette(page, "Cache", 120, 300);
  await expect(page.locator(".canvas [data-node]")).toHaveCount(4);
  for (const name of ["API gateway 1", "Service 1", "Database 1", "Cache 1"]) await expect(node(page, name)).toBeVisible();

  await connect(page, "API gateway 1", "Service 1");
  await connect(page, "Service 1", "Database 1");
  await connect(page, "Service 1", "Cache 1");
  await expect(page.locator(".canvas [data-edge]")).toHaveCount(3);
  // Edges into data stores say what they do with the data.
  await expect(page.locator(".canvas .caption", { hasText: "read-write" })).toHaveCount(2);

  // Rename inline with a double-click.
  await node(page, "Service 1").dblclick();
  const rename = page.getByRole("textbox", { name: "Component name" });
  await rename.fill("orders");
  await rename.press("Enter");
  await expect(node(page, "orders")).toBeVisible();

  // Traits from the properties panel, and an async edge.
  await node(page, "orders").click();
  await page.getByText("Passes a trace id along every call").click();
  await expect(page.getByRole("checkbox", { name: /traced/ })).toBeChecked();
  await page.locator(".canvas [data-edge]").first().locator(".hit").click({ force: true });
  await page.getByRole("radio", { name: /Asynchronous message/ }).check();
  await expect(page.locator(".canvas .edge.async")).toHaveCount(1);

  // Undo and redo, with the buttons and the keyboard.
  await page.getByRole("button", { name: "Undo" }).click();
  await expect(page.locator(".canvas .edge.async")).toHaveCount(0);
  await page.getByRole("button", { name: "Redo" }).click();
  await expect(page.locator(".canvas .edge.async")).toHaveCount(1);
  await node(page, "orders").click();
  await page.keyboard.press("Control+z");
  await expect(page.locator(".canvas .edge.async")).toHaveCount(0);
  await page.keyboard.press("Control+Shift+Z");
  await expect(page.locator(".canvas .edge.async")).toHaveCount(1);

  // Dragging moves a node, as one undo step.
  const before = await node(page, "Cache 1").getAttribute("transform");
  const c = await center(page, node(page, "Cache 1"));
  await page.mouse.move(c.x, c.y);
  await page.mouse.down();
  await page.mouse.move(c.x + 40, c.y + 60, { steps: 8 });
  await page.mouse.up();
  await expect(node(page, "Cache 1")).not.toHaveAttribute("transform", before!);
  await page.getByRole("button", { name: "Undo" }).click();
  await expect(node(page, "Cache 1")).toHaveAttribute("transform", before!);

  // Auto-layout puts the gateway left of the service it calls.
  await page.getByRole("button", { name: "Auto-layout" }).click();
  await expect.poll(async () => {
    const g = await storedGraph(page);
    const x = (name: string) => g.nodes.find((n: any) => n.name === name).x;
    return x("API gateway 1") < x("orders") && x("orders") < x("Database 1");
  }).toBe(true);

  // Everything survives a reload.
  const saved = await storedGraph(page);
  await page.reload();
  await expect(page.locator(".canvas [data-node]")).toHaveCount(4);
  await expect(page.locator(".canvas [data-edge]")).toHaveCount(3);
  expect(await storedGraph(page)).toEqual(saved);
  const orders = saved.nodes.find((n: any) => n.name === "orders");
  expect(orders.traits).toEqual(["traced"]);
  expect(saved.edges.filter((e: any) => e.style === "async")).toHaveLength(1);

  // The exported SVG is a standalone document that parses.
  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "SVG", exact: true }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/\.graph\.svg$/);
  const svg = await downloadText(file);
  const parsed = await page.evaluate((text) => {
    const doc = new DOMParser().parseFromString(text, "image/svg+xml");
    return {
      error: doc.getElementsByTagName("parsererror").length,
      root: doc.documentElement.nodeName,
      ns: doc.documentElement.namespaceURI,
      nodes: doc.querySelectorAll("g").length,
      edges: doc.querySelectorAll("path.link").length,
      names: [...doc.querySelectorAll("text.name")].map((t) => t.textContent),
    };
  }, svg);
  expect(parsed).toMatchObject({ error: 0, root: "svg", ns: "http://www.w3.org/2000/svg", nodes: 4, edges: 3 });
  expect(parsed.names).toContain("orders");

  // The PNG is the same drawing at twice its size, on white, for slides and chat.
  const pngDownload = page.waitForEvent("download");
  await page.getByRole("button", { name: "PNG", exact: true }).click();
  const pngFile = await pngDownload;
  expect(pngFile.suggestedFilename()).toMatch(/\.graph\.png$/);
  const png = readFileSync((await pngFile.path())!);
  expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const [w, h] = [png.readUInt32BE(16), png.readUInt32BE(20)];
  const size = /width="(\d+)" height="(\d+)"/.exec(svg)!;
  expect([w, h]).toEqual([2 * +size[1], 2 * +size[2]]);
  // Drawn, not blank: the boxes and lines darken a good share of it.
  const inked = await page.evaluate(async (b64) => {
    const img = new Image();
    img.src = `data:image/png;base64,${b64}`;
    await img.decode();
    const c = document.createElement("canvas");
    [c.width, c.height] = [img.width, img.height];
    const ctx = c.getContext("2d")!;
    ctx.drawImage(img, 0, 0);
    const px = ctx.getImageData(0, 0, c.width, c.height).data;
    let dark = 0;
    for (let i = 0; i < px.length; i += 4) if (px[i] + px[i + 1] + px[i + 2] < 600) dark++;
    return dark / (px.length / 4);
  }, png.toString("base64"));
  expect(inked).toBeGreaterThan(0.02);
});

test("the keyboard reaches, moves, renames and deletes nodes", async ({ page }) => {
  await openApp(page);
  await stepLink(page, "Service graph").click();
  await page.getByRole("button", { name: /Modular monolith/ }).click();
  await expect(page.locator(".canvas [data-node]")).toHaveCount(7);

  // Keyboard activation of a palette item adds the node and focuses it.
  await page.getByRole("button", { name: "Worker", exact: true }).focus();
  await page.keyboard.press("Enter");
  const added = node(page, "Worker 1");
  await expect(added).toBeFocused();
  const before = await added.getAttribute("transform");
  await page.keyboard.press("ArrowRight");
  await expect(added).not.toHaveAttribute("transform", before!);
  await page.keyboard.press("Enter");
  await page.keyboard.press("Control+a");
  await page.keyboard.type("mailer");
  await page.keyboard.press("Enter");
  await expect(node(page, "mailer")).toBeFocused();
  await page.keyboard.press("Delete");
  await expect(page.locator(".canvas [data-node]")).toHaveCount(7);
  await page.keyboard.press("Control+z");
  await expect(node(page, "mailer")).toBeVisible();
});

/** A workbook of `n` services in a grid with about two edges per node. */
function bigWorkbook(n: number, edgesPerNode: number) {
  const nodes = [];
  const edges = [];
  for (let i = 0; i < n; i++) nodes.push({ id: `s${i}`, name: `svc-${i}`, kind: "service", x: (i % 20) * 220, y: Math.floor(i / 20) * 110 });
  for (let i = 0; i < n; i++) for (let k = 1; k <= edgesPerNode; k++) edges.push({ from: `s${i}`, to: `s${(i + k * 7) % n}`, style: "sync" });
  return { format: "archbook-workbook", version: 1, title: "Big graph", graph: { nodes, edges } };
}

test("dragging one node of 300 touches only that node and its edges; pointer moves are timed @perf", async ({ page }) => {
  const wb = bigWorkbook(300, 2);
  await openApp(page);
  await page.locator('header input[type="file"]').setInputFiles({ name: "big.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(wb)) });
  await stepLink(page, "Service graph").click();
  await expect(page.locator(".canvas [data-node]")).toHaveCount(300);
  await expect(page.locator(".canvas [data-edge]")).toHaveCount(600);

  const id = "s21";
  const attached = wb.graph.edges.filter((e) => e.from === id || e.to === id).length;
  const result = await page.evaluate(async (id) => {
    const svg = document.querySelector("svg.canvas")!;
    const target = document.querySelector(`[data-node="${id}"]`)!;
    const r = target.getBoundingClientRect();
    const start = { x: r.x + r.width / 2, y: r.y + r.height / 2 };
    const settle = () => new Promise<void>((done) => {
      const ch = new MessageChannel();
      ch.port1.onmessage = () => done();
      ch.port2.postMessage(0);
    });
    const fire = (type: string, x: number, y: number, on: Element) =>
      on.dispatchEvent(new PointerEvent(type, { clientX: x, clientY: y, pointerId: 7, pointerType: "mouse", button: 0, buttons: 1, bubbles: true, isPrimary: true }));
    fire("pointerdown", start.x, start.y, target);
    await settle();
    const changed: number[] = [];
    const times: number[] = [];
    let late = 0;
    // Counted by the node or edge drawing an updated element belongs to
    // (an edge redraws its line and moves its caption).
    let touched = new Set<Node>();
    const owner = (rec: MutationRecord) => {
      const el = (rec.type === "characterData" ? rec.target.parentNode! : rec.target) as Element;
      return el.closest("[data-node], [data-edge]") ?? el;
    };
    const observer = new MutationObserver((records) => {
      for (const rec of records) touched.add(owner(rec));
    });
    observer.observe(svg, { subtree: true, attributes: true, childList: true, characterData: true });
    for (let i = 1; i <= 120; i++) {
      // The handler and the reactive updates it wakes (they run as
      // microtasks), without the browser's rendering of the frame.
      const before = target.getAttribute("transform");
      const t0 = performance.now();
      fire("pointermove", start.x + i * 2, start.y + (i % 7), svg);
      await new Promise<void>((r) => queueMicrotask(r));
      await new Promise<void>((r) => queueMicrotask(r));
      times.push(performance.now() - t0);
      // The timing only counts if the node had moved by then.
      if (target.getAttribute("transform") === before) late++;
      await settle();
      for (const rec of observer.takeRecords()) touched.add(owner(rec));
      changed.push(touched.size);
      touched = new Set();
    }
    observer.disconnect();
    fire("pointerup", start.x + 240, start.y, svg);
    await settle();
    times.sort((a, b) => a - b);
    return { changed, late, p50: times[Math.floor(times.length * 0.5)], p95: times[Math.floor(times.length * 0.95)] };
  }, id);

  // Fine-grained updates: each step rewrites the node and its edges, nothing else.
  expect(Math.max(...result.changed)).toBeLessThanOrEqual(1 + attached);
  expect(Math.max(...result.changed)).toBeGreaterThan(0);
  // Moves below the drag threshold change nothing; every later one is drawn
  // before the timing stops.
  expect(result.late).toBeLessThanOrEqual(2);
  // The drag ends as one stored move.
  await expect.poll(async () => (await storedGraph(page)).nodes.find((n: any) => n.id === id).x).toBeGreaterThan(wb.graph.nodes[21].x);

  // Timings are reported (scripts/budget.mjs --perf), not enforced: machines are shared and noisy.
  mkdirSync("target/perf", { recursive: true });
  writeFileSync("target/perf/pointer-move.json", JSON.stringify({ nodes: 300, edges: 600, samples: result.changed.length, p50_ms: result.p50, p95_ms: result.p95, target_p95_ms: 4 }, null, 2));
});

test("a component dragged from the palette lands where it is dropped", async ({ page }) => {
  await openApp(page);
  await stepLink(page, "Service graph").click();
  const box = (await page.locator("svg.canvas").boundingBox())!;
  await page.getByRole("button", { name: "Queue / broker", exact: true }).dragTo(page.locator("svg.canvas"), {
    targetPosition: { x: box.width - 150, y: 80 },
  });
  const added = node(page, "Queue / broker 1");
  await expect(added).toBeVisible();
  const at = (await added.boundingBox())!;
  expect(Math.abs(at.x + at.width / 2 - (box.x + box.width - 150))).toBeLessThan(20);
});

test("deleting an edge removes its drawing only; the others keep their elements, captions and selection", async ({ page }) => {
  await openApp(page);
  await stepLink(page, "Service graph").click();
  await page.getByRole("button", { name: /Microservices shop/ }).click();
  // The whole template in view: Fit keeps names readable, so zoom out once
  // more by hand.
  await page.getByRole("button", { name: "Fit to view" }).click();
  await page.getByRole("button", { name: "Zoom out" }).click();
  const edges = page.locator(".canvas [data-edge]");
  const count = await edges.count();
  expect(count).toBeGreaterThan(3);
  // Mark the drawn elements of every edge but the first.
  await page.evaluate(() => {
    document.querySelectorAll(".canvas [data-edge]").forEach((g, i) => { if (i > 0) (g as HTMLElement).dataset.mark = String(i); });
  });
  const captions = await edges.evaluateAll((gs) => gs.slice(1).map((g) => g.querySelector(".caption")!.textContent));

  await edges.first().locator(".hit").click({ force: true });
  await page.keyboard.press("Delete");
  await expect(edges).toHaveCount(count - 1);
  // The same elements, now numbered from 0, with their captions.
  const after = await edges.evaluateAll((gs) => gs.map((g) => [(g as HTMLElement).dataset.mark, g.getAttribute("data-edge"), g.querySelector(".caption")!.textContent]));
  expect(after).toEqual(captions.map((c, i) => [String(i + 1), String(i), c]));

  // Selecting a moved edge still selects that edge (its panel names its ends).
  const last = edges.last();
  await last.locator(".hit").click({ force: true });
  await expect(last).toHaveClass(/selected/);
  await expect(page.locator(".canvas .edge.selected")).toHaveCount(1);
});

test("connecting the same two components twice is refused with a message", async ({ page }) => {
  await openApp(page);
  await stepLink(page, "Service graph").click();
  await addWithPalette(page, "Service", 120, 100);
  await addWithPalette(page, "Database", 420, 100);
  await node(page, "Service 1").click();
  for (let i = 0; i < 2; i++) {
    await page.getByLabel("Connect to").selectOption({ label: "Database 1" });
    await page.getByRole("button", { name: "Connect", exact: true }).click();
  }
  await expect(page.locator(".canvas [data-edge]")).toHaveCount(1);
  await expect(page.locator(".notices > div").filter({ hasText: "Already connected" })).toContainText("\"Service 1\" is already connected to \"Database 1\" in this style");
});

test("a node shows its instances and the traits the review reads", async ({ page }) => {
  await openApp(page);
  await stepLink(page, "Service graph").click();
  await addWithPalette(page, "Service", 200, 150);
  const n = node(page, "Service 1");
  await expect(n.locator("text.kind")).toHaveText("Service");
  await n.click();
  const instances = page.getByRole("textbox", { name: "Instances", exact: true });
  await instances.fill("3");
  await instances.press("Tab");
  await page.getByText("Checks who is calling before doing anything.").click();
  await expect(n.locator("text.kind")).toHaveText("Service · ×3 · auth");
  // Undo takes the trait away, and the node says so.
  await page.getByRole("button", { name: "Undo" }).click();
  await expect(n.locator("text.kind")).toHaveText("Service · ×3");
});

test("labels stay inside their shapes: the example, every template and long names", async ({ page }) => {
  await openApp(page);
  // Every text of every node lies inside its outline, clear of a queue's
  // slots and a cache's cap (measured in the node's own coordinates).
  const spills = () =>
    page.locator(".canvas [data-node]").evaluateAll((gs) =>
      gs.flatMap((g) => {
        const shape = (g.querySelector("path.shape") as SVGGraphicsElement).getBBox();
        const kind = g.getAttribute("class") ?? "";
        let [left, right] = [shape.x + 6, shape.x + shape.width - 6];
        if (/fam-messaging/.test(kind)) [left, right] = [12, 156];
        return [...g.querySelectorAll("text.kind, text.name")].flatMap((t) => {
          const b = (t as SVGGraphicsElement).getBBox();
          const inside = b.x >= left && b.x + b.width <= right && b.y >= shape.y && b.y + b.height <= shape.y + shape.height;
          return inside ? [] : [`${g.querySelector("title")?.textContent}: "${t.textContent}" spans ${Math.round(b.x)}–${Math.round(b.x + b.width)}`];
        });
      }),
    );
  await page.getByRole("button", { name: "Open the example" }).click();
  await stepLink(page, "Service graph").click();
  await expect(page.locator(".canvas [data-node]").first()).toBeVisible();
  expect(await spills()).toEqual([]);

  const templates = await page.locator("#template-select option:not([value=''])").allTextContents();
  expect(templates.length).toBeGreaterThan(2);
  for (const t of templates) {
    await page.getByLabel("Start from a template").selectOption({ label: t });
    await page.getByRole("button", { name: "Replace graph" }).click();
    await expect(page.getByRole("dialog")).toHaveCount(0);
    expect(await spills(), t).toEqual([]);
  }

  // Names as real systems have them: broken where they break, or cut.
  const first = page.locator(".canvas [data-node]").first();
  await first.dblclick();
  const rename = page.getByRole("textbox", { name: "Component name" });
  await rename.fill("recommendation-service-with-a-very-long-name");
  await rename.press("Enter");
  await expect(page.locator(".canvas [data-node] text.name", { hasText: "recommendation-" })).toHaveCount(1);
  expect(await spills()).toEqual([]);
});

test("a component reached with the keyboard is brought into view", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await openApp(page);
  await page.getByRole("button", { name: "Open the example" }).click();
  await stepLink(page, "Service graph").click();
  const canvas = (await page.locator("svg.canvas").boundingBox())!;
  const far = node(page, "Receipt mailer");
  // Opened readable, the far end of the graph is out of view.
  expect((await far.boundingBox())!.x).toBeGreaterThan(canvas.x + canvas.width);
  await node(page, "Shop web").click();
  for (let i = 0; i < 12 && !(await far.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press("Tab");
  await expect(far).toBeFocused();
  await expect.poll(async () => {
    const b = (await far.boundingBox())!;
    return b.x >= canvas.x && b.x + b.width <= canvas.x + canvas.width && b.y >= canvas.y && b.y + b.height <= canvas.y + canvas.height;
  }).toBe(true);
});

test("auto-laid-out edges go around the components between their ends, never through them", async ({ page }) => {
  await openApp(page);
  await dropFiles(page, [
    { name: "docker-compose.yml", content: readFileSync("tests/fixtures/import/eshop/docker-compose.yml", "utf8") },
    { name: "docker-compose.override.yml", content: readFileSync("tests/fixtures/import/eshop/docker-compose.override.yml", "utf8") },
  ]);
  await page.getByRole("dialog", { name: "Create a workbook from these files?" }).getByRole("button", { name: "Create workbook" }).click();
  await expect(page.locator(".canvas [data-edge]")).toHaveCount(41);
  await page.getByRole("button", { name: "Auto-layout" }).click();
  // Every drawn line, sampled along its length, against every box but the
  // two it joins (all in graph coordinates).
  const through = await page.evaluate(() => {
    const boxes = [...document.querySelectorAll(".canvas [data-node]")].map((g) => {
      const m = /translate\(([-\d.]+)[ ,]+([-\d.]+)\)/.exec(g.getAttribute("transform")!)!;
      return { name: g.querySelector("title")!.textContent, x: +m[1], y: +m[2], w: 168, h: 64 };
    });
    const inside = (b: { x: number; y: number; w: number; h: number }, p: DOMPoint, pad: number) =>
      p.x > b.x - pad && p.x < b.x + b.w + pad && p.y > b.y - pad && p.y < b.y + b.h + pad;
    const out: string[] = [];
    const paths = document.querySelectorAll<SVGPathElement>(".canvas path.link");
    if (paths.length !== 41) out.push(`${paths.length} lines drawn`);
    for (const path of paths) {
      const len = path.getTotalLength();
      const [a, z] = [path.getPointAtLength(0), path.getPointAtLength(len)];
      const ends = boxes.filter((b) => inside(b, a, 2) || inside(b, z, 2));
      for (let t = 0.02; t < 0.98; t += 0.01) {
        const p = path.getPointAtLength(len * t);
        const hit = boxes.find((b) => !ends.includes(b) && inside(b, p, 0));
        if (hit) { out.push(`${ends.map((e) => e.name).join(" → ")} runs through ${hit.name}`); break; }
      }
    }
    return out;
  });
  expect(through).toEqual([]);
});

test("what draw.io users reach for: select all, copy, paste, duplicate, Ctrl+Y, and the target lit while connecting", async ({ page }) => {
  await openApp(page);
  await stepLink(page, "Service graph").click();
  await addWithPalette(page, "Service", 120, 100);
  await addWithPalette(page, "Database", 420, 100);
  await connect(page, "Service 1", "Database 1");
  const nodes = page.locator(".canvas [data-node]");
  // By id: "Service 1" is also part of "Service 1 (copy)".
  const byId = (id: string) => page.locator(`.canvas [data-node="${id}"]`);

  // Ctrl+D: a copy of the selected component, selected, beside it.
  await byId("service-1").click();
  await page.keyboard.press("Control+d");
  await expect(byId("service-1-copy")).toHaveAttribute("aria-pressed", "true");
  await expect(byId("service-1")).toHaveAttribute("aria-pressed", "false");

  // Ctrl+A, Ctrl+C, Ctrl+V: everything again, with the connection among them.
  await page.keyboard.press("Control+a");
  await expect(page.locator('.canvas [data-node][aria-pressed="true"]')).toHaveCount(3);
  await page.keyboard.press("Control+c");
  await page.keyboard.press("Control+v");
  await expect(nodes).toHaveCount(6);
  await expect(byId("database-1-copy")).toBeVisible();
  await expect(page.locator(".canvas [data-edge]")).toHaveCount(2);
  // One undo takes the paste back; Ctrl+Y brings it again.
  await page.keyboard.press("Control+z");
  await expect(nodes).toHaveCount(3);
  await page.keyboard.press("Control+y");
  await expect(nodes).toHaveCount(6);

  // While a connection is drawn, the component it would end on is lit.
  await page.getByRole("button", { name: "Undo" }).click();
  const handle = byId("service-1-copy").locator("[data-handle]");
  await byId("service-1-copy").hover();
  const a = await center(page, handle);
  const b = await center(page, byId("database-1"));
  await page.mouse.move(a.x, a.y);
  await page.mouse.down();
  await page.mouse.move(b.x, b.y, { steps: 6 });
  await expect(byId("database-1")).toHaveClass(/drop-target/);
  await page.mouse.up();
  await expect(page.locator(".canvas .drop-target")).toHaveCount(0);
  await expect(page.locator(".canvas [data-edge]")).toHaveCount(2);
});

test("edge captions stay level and clear of each other and of the components", async ({ page }) => {
  await openApp(page);
  // A tangled real-world shape: at the middle of their lines, three pairs of captions would overlap.
  await dropFile(page, "big-ball-of-mud.json", readFileSync("tests/fixtures/calibration/big-ball-of-mud.json", "utf8"));
  await expect(page.getByText(/^Imported /)).toBeVisible();
  await stepLink(page, "Service graph").click();
  await page.getByRole("button", { name: "Auto-layout" }).click();
  await page.getByRole("button", { name: "Fit to view" }).click();
  const clashes = await page.evaluate(() => {
    type Box = { name: string; r: DOMRect };
    const captions: Box[] = [...document.querySelectorAll<SVGTextElement>(".canvas .caption")]
      .filter((t) => t.textContent!.trim() !== "")
      .map((t) => ({ name: t.textContent!.trim(), r: t.getBoundingClientRect() }));
    const shapes: Box[] = [...document.querySelectorAll(".canvas [data-node]")].map((g) => ({
      name: g.querySelector("title")!.textContent!,
      r: g.querySelector(".shape")!.getBoundingClientRect(),
    }));
    const meet = (a: DOMRect, b: DOMRect) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
    const out: string[] = [];
    if (captions.length < 10) out.push(`only ${captions.length} captions drawn`);
    if (document.querySelector(".canvas textPath")) out.push("a caption follows its line");
    captions.forEach((c, i) => {
      for (const d of captions.slice(i + 1)) if (meet(c.r, d.r)) out.push(`"${c.name}" on "${d.name}"`);
      for (const s of shapes) if (meet(c.r, s.r)) out.push(`"${c.name}" on ${s.name}`);
    });
    return out;
  });
  expect(clashes).toEqual([]);
});

test("team boundaries frame each team's components, on the canvas and in the exported drawing", async ({ page }) => {
  await openApp(page);
  await stepLink(page, "Service graph").click();
  await addWithPalette(page, "Service", 120, 100);
  await addWithPalette(page, "Service", 420, 100);
  await addWithPalette(page, "Database", 420, 300);
  for (const id of ["service-1", "service-2"]) {
    await page.locator(`.canvas [data-node="${id}"]`).click();
    await page.getByLabel("Team").fill("payments");
    await page.getByLabel("Team").press("Enter");
  }
  const frames = page.locator(".canvas .boundary");
  await expect(frames).toHaveCount(0);
  const teams = page.getByRole("button", { name: "Teams" });
  const off = await teams.evaluate((b) => getComputedStyle(b).backgroundColor);
  await teams.click();
  await expect(teams).toHaveAttribute("aria-pressed", "true");
  // On looks on.
  expect(await teams.evaluate((b) => getComputedStyle(b).backgroundColor)).not.toBe(off);
  await expect(frames).toHaveCount(1);
  // Named after the team; the unowned database below is not claimed.
  await expect(frames).toHaveText("payments · 2 components");
  const frame = await frames.locator("rect").boundingBox();
  for (const id of ["service-1", "service-2"]) {
    const box = (await page.locator(`.canvas [data-node="${id}"] .shape`).boundingBox())!;
    expect(box.x).toBeGreaterThan(frame!.x);
    expect(box.x + box.width).toBeLessThan(frame!.x + frame!.width);
    expect(box.y).toBeGreaterThan(frame!.y);
    expect(box.y + box.height).toBeLessThan(frame!.y + frame!.height);
  }
  // The exported drawing shows what the canvas shows.
  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "SVG", exact: true }).click();
  expect(await downloadText(await download)).toContain("payments · 2 components");
  await teams.click();
  await expect(frames).toHaveCount(0);
});

test("two fingers zoom by how far they spread, from where both fingers are", async ({ page }) => {
  await openApp(page);
  await stepLink(page, "Service graph").click();
  await addWithPalette(page, "Service", 300, 200);
  const zoom = page.getByLabel("Zoom level");
  const before = parseInt((await zoom.textContent())!);
  await page.evaluate(() => {
    const svg = document.querySelector("svg.canvas")!;
    const r = svg.getBoundingClientRect();
    const fire = (type: string, id: number, x: number, y: number) =>
      svg.dispatchEvent(new PointerEvent(type, { clientX: r.x + x, clientY: r.y + y, pointerId: id, pointerType: "touch", button: 0, buttons: 1, bubbles: true, isPrimary: id === 1 }));
    // Two fingers on the background 200 px apart; the second spreads them to 400 px.
    fire("pointerdown", 1, 40, 300);
    fire("pointerdown", 2, 240, 300);
    for (let x = 260; x <= 440; x += 20) fire("pointermove", 2, x, 300);
    fire("pointerup", 2, 440, 300);
    fire("pointerup", 1, 40, 300);
  });
  await expect(zoom).toHaveText(`${before * 2}%`);
});
