import { test as base, expect, Page, Download } from "@playwright/test";
import { readFile } from "node:fs/promises";

/**
 * Every test gets a page that fails the test if the app requests anything from
 * a host other than its own (nothing a user types may leave the browser), and
 * if the page throws: an uncaught error or a trapped wasm panic
 * ("RuntimeError: unreachable") fails any test, whatever it asserts. A test
 * that causes one on purpose empties `pageErrors` after checking it.
 */
export const test = base.extend<{ offsite: string[]; pageErrors: string[] }>({
  pageErrors: [
    async ({ page }, use) => {
      const errors: string[] = [];
      page.on("pageerror", (e) => errors.push(`${e.name}: ${e.message}`));
      await use(errors);
      expect(errors, "errors thrown in the page").toEqual([]);
    },
    { auto: true },
  ],
  offsite: [
    async ({ page, baseURL }, use) => {
      const offsite: string[] = [];
      const origin = new URL(baseURL!).origin;
      page.on("request", (req) => {
        const url = req.url();
        if (url.startsWith("data:") || url.startsWith("blob:")) return;
        if (new URL(url).origin !== origin) offsite.push(url);
      });
      await use(offsite);
      expect(offsite, "requests to other hosts").toEqual([]);
    },
    { auto: true },
  ],
});
export { expect };

/** Opens the app on a fresh profile and waits until it has rendered. */
export async function openApp(page: Page, path = "/") {
  await page.goto(path);
  await expect(page.getByRole("navigation", { name: "Workbook steps" })).toBeVisible();
}

/** A link of the step navigation. */
export function stepLink(page: Page, name: string) {
  return page.getByRole("navigation", { name: "Workbook steps" }).getByRole("link", { name });
}

/** The text of a finished download. */
export async function downloadText(download: Download): Promise<string> {
  return readFile((await download.path())!, "utf8");
}

/** Every localStorage entry, to prove that something changed nothing. */
export async function storageSnapshot(page: Page): Promise<Record<string, string>> {
  return page.evaluate(() => {
    const out: Record<string, string> = {};
    for (let i = 0; i < localStorage.length; i++) {
      const k = localStorage.key(i)!;
      out[k] = localStorage.getItem(k)!;
    }
    return out;
  });
}

/** The stored workbook files, parsed, by key. */
export async function storedWorkbooks(page: Page): Promise<Record<string, any>> {
  const all = await storageSnapshot(page);
  return Object.fromEntries(
    Object.entries(all)
      .filter(([k]) => k.startsWith("archbook.workbook."))
      .map(([k, v]) => [k, JSON.parse(v)]),
  );
}

/** Drops a file on the page as a user dragging it from their desktop would. */
export async function dropFile(page: Page, name: string, content: string) {
  await page.evaluate(
    ([name, content]) => {
      const dt = new DataTransfer();
      dt.items.add(new File([content], name, { type: "application/json" }));
      const target = document.querySelector("main")!;
      target.dispatchEvent(new DragEvent("dragover", { dataTransfer: dt, bubbles: true, cancelable: true }));
      target.dispatchEvent(new DragEvent("drop", { dataTransfer: dt, bubbles: true, cancelable: true }));
    },
    [name, content],
  );
}

/** Drops several files on the page at once (compose files with their override). */
export async function dropFiles(page: Page, files: { name: string; content: string }[]) {
  await page.evaluate((files) => {
    const dt = new DataTransfer();
    for (const f of files) dt.items.add(new File([f.content], f.name, { type: "application/yaml" }));
    const target = document.querySelector("main")!;
    target.dispatchEvent(new DragEvent("dragover", { dataTransfer: dt, bubbles: true, cancelable: true }));
    target.dispatchEvent(new DragEvent("drop", { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, files);
}

/** The graph canvas. */
export const canvas = (page: Page) => page.locator("svg.canvas");
/** A node of the canvas, by the text it shows. */
export const node = (page: Page, name: string) => page.locator(".canvas [data-node]", { hasText: name });

/** The centre of an element on screen. */
export async function center(page: Page, selector: ReturnType<Page["locator"]>) {
  const box = (await selector.boundingBox())!;
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

/** The open workbook's graph as stored. */
export async function storedGraph(page: Page) {
  const all = await storedWorkbooks(page);
  const current = await page.evaluate(() => JSON.parse(localStorage.getItem("archbook.index")!).current);
  return all[`archbook.workbook.${current}`].graph;
}

/** Clicks a palette item, then the canvas at (x, y). */
export async function addWithPalette(page: Page, kind: string, x: number, y: number) {
  await page.getByRole("button", { name: kind, exact: true }).click();
  const box = (await canvas(page).boundingBox())!;
  await page.mouse.click(box.x + x, box.y + y);
}

/** Drags from one node's handle onto another node. */
export async function connect(page: Page, from: string, to: string) {
  const handle = node(page, from).locator("[data-handle]");
  await node(page, from).hover();
  const a = await center(page, handle);
  const b = await center(page, node(page, to));
  await page.mouse.move(a.x, a.y);
  await page.mouse.down();
  await page.mouse.move((a.x + b.x) / 2, (a.y + b.y) / 2, { steps: 4 });
  await page.mouse.move(b.x, b.y, { steps: 4 });
  await page.mouse.up();
}
