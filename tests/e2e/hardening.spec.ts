import { Page } from "@playwright/test";
import { deflateRawSync } from "node:zlib";
import { test, expect, openApp, storageSnapshot, stepLink } from "./fixtures";

/** Issue 17: inputs that are too big or wrongly encoded, two tabs, and the page's policy. */

function chain(n: number, title = "Deep") {
  const nodes = Array.from({ length: n }, (_, i) => ({ id: `s${i}`, name: `service ${i}`, kind: "service", replicas: 2 }));
  const edges = Array.from({ length: n - 1 }, (_, i) => ({ from: `s${i}`, to: `s${i + 1}` }));
  return { format: "archbook-workbook", version: 1, title, graph: { nodes, edges } };
}

async function pick(page: Page, name: string, buffer: Buffer) {
  await page.locator('header input[type="file"]').setInputFiles({ name, mimeType: "application/json", buffer });
}

const shareLink = (json: string) => `/#share=v1.${deflateRawSync(Buffer.from(json)).toString("base64url")}`;

test("a workbook above the supported size is refused at import and at a share link, and nothing changes", async ({ page }) => {
  await openApp(page);
  const before = await storageSnapshot(page);
  await pick(page, "huge.json", Buffer.from(JSON.stringify(chain(1_001))));
  const alert = page.getByRole("alert").filter({ hasText: "Could not import huge.json" });
  await expect(alert).toContainText("1,001 components, and a workbook holds at most 1,000");
  await expect(alert).toContainText("Nothing was changed.");
  expect(await storageSnapshot(page)).toEqual(before);

  await page.goto(shareLink(JSON.stringify(chain(3_000))));
  const refused = page.getByRole("alert").filter({ hasText: "Could not import the share link" });
  await expect(refused).toContainText("3,000 components, and a workbook holds at most 1,000");
  expect(await storageSnapshot(page)).toEqual(before);
});

test("a file that is not UTF-8 text is refused with where the problem is; a byte order mark is fine", async ({ page }) => {
  await openApp(page);
  const before = await storageSnapshot(page);
  const latin1 = Buffer.concat([Buffer.from('{"format":"archbook-workbook","version":1,\n"title":"Caf'), Buffer.from([0xe9]), Buffer.from('"}')]);
  await pick(page, "latin1.json", latin1);
  await expect(page.getByRole("alert").filter({ hasText: "Could not import latin1.json" }))
    .toContainText("not valid UTF-8 text: the byte at offset 55 (line 2, column 13)");
  const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('{"format":"archbook-workbook"}', "utf16le")]);
  await pick(page, "utf16.json", utf16);
  await expect(page.getByRole("alert").filter({ hasText: "Could not import utf16.json" })).toContainText("saved as UTF-16; save it as UTF-8");
  expect(await storageSnapshot(page)).toEqual(before);

  const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(JSON.stringify({ format: "archbook-workbook", version: 1, title: "Café" }))]);
  await pick(page, "bom.json", bom);
  await expect(page.getByText('Imported "Café" from bom.json.')).toBeVisible();
});

test("what an imported file says that Archbook does not read is listed, and kept", async ({ page }) => {
  await openApp(page);
  const text = '{"format":"archbook-workbook","version":1,"title":"A","title":"Warned","decisions":{"cachng":{"answers":{}},"caching":{"answers":{"nope":"yes"}}}}';
  await pick(page, "typos.json", Buffer.from(text));
  const notice = page.getByRole("alert").filter({ hasText: 'Imported "Warned" from typos.json.' });
  await expect(notice).toContainText("3 entries in the file are not read by Archbook");
  await expect(notice).toContainText("this key appears twice");
  await expect(notice).toContainText('no checklist has the id "cachng"');
  await expect(notice).toContainText('the checklist "caching" has no question "nope"');
  await expect(notice).toContainText("They are kept in the workbook as they were.");
});

test("a second tab takes a change made in the first when it has none of its own", async ({ page, context }) => {
  await openApp(page);
  await page.getByLabel("System name").fill("Shared shop");
  const other = await context.newPage();
  await openApp(other);
  await expect(other.getByLabel("System name")).toHaveValue("Shared shop");
  await page.getByLabel("System name").fill("Shared shop v2");
  await expect(other.getByLabel("System name")).toHaveValue("Shared shop v2");
  await expect(other.getByText("Updated with a change made in another tab.")).toBeVisible();
  await other.close();
});

/** The stored workbooks as [title, team size, teams], by title. */
async function storedSummary(page: Page) {
  return page.evaluate(() => {
    const out: any[] = [];
    for (let i = 0; i < localStorage.length; i++) {
      const k = localStorage.key(i)!;
      if (k.startsWith("archbook.workbook.")) out.push(JSON.parse(localStorage.getItem(k)!));
    }
    return out
      .map((w) => [w.title, w.context.team_size ?? null, w.context.teams ?? null])
      .sort((a, b) => String(a[0]).localeCompare(String(b[0])));
  });
}

/** Writes the open workbook's stored copy as another tab would, unheard by
 * this tab (storage events reach other documents only). */
async function writeBehindItsBack(page: Page, change: (wb: any) => void) {
  const current = await page.evaluate(() => JSON.parse(localStorage.getItem("archbook.index")!).current);
  await page.evaluate(([key, change]) => {
    const wb = JSON.parse(localStorage.getItem(key)!);
    new Function("wb", change)(wb);
    localStorage.setItem(key, JSON.stringify(wb, null, 2) + "\n");
  }, [`archbook.workbook.${current}`, `(${change.toString()})(wb)`]);
}

test("a tab never writes over a version it has not seen: other fields merge in", async ({ page }) => {
  await openApp(page);
  await page.getByLabel("System name").fill("Checkout");
  await writeBehindItsBack(page, (wb) => (wb.context = { ...wb.context, team_size: 42 }));
  // This tab's own edit would have replaced it: the two are merged instead.
  await page.getByLabel("Number of teams").fill("3");
  await expect(page.getByLabel("Team size")).toHaveValue("42");
  await expect.poll(() => storedSummary(page)).toEqual([["Checkout", 42, 3]]);
});

test("a tab never writes over a version it has not seen: the same field changed on both sides keeps both", async ({ page }) => {
  await openApp(page);
  await stepLink(page, "Service graph").click();
  await page.getByRole("button", { name: /Microservices shop/ }).click();
  await expect(page.locator(".canvas [data-node]")).toHaveCount(10);
  await expect.poll(async () => (await storedSummary(page)).length).toBe(1);
  await writeBehindItsBack(page, (wb) => (wb.graph.nodes.find((n: any) => n.id === "orders").name = "orders-theirs"));
  await page.locator('.canvas [data-node="orders"]').click();
  await page.getByRole("textbox", { name: "Name", exact: true }).fill("orders-mine");
  await page.keyboard.press("Tab");
  await expect(page.getByText("This workbook was changed in another tab at the same time")).toBeVisible();
  const names = await page.evaluate(() => {
    const out: string[] = [];
    for (let i = 0; i < localStorage.length; i++) {
      const k = localStorage.key(i)!;
      if (k.startsWith("archbook.workbook.")) {
        const wb = JSON.parse(localStorage.getItem(k)!);
        out.push(wb.graph.nodes.find((n: any) => n.id === "orders").name);
      }
    }
    return out.sort();
  });
  expect(names).toEqual(["orders-mine", "orders-theirs"]);
});

test("the page runs no inline script", async ({ page }) => {
  await openApp(page);
  const policy = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute("content");
  const scriptSrc = policy!.split(";").map((d) => d.trim()).find((d) => d.startsWith("script-src"))!;
  expect(scriptSrc).not.toContain("'unsafe-inline'");
  expect(await page.locator("script:not([src])").count()).toBe(0);
  const ran = await page.evaluate(async () => {
    const blocked = new Promise((r) => document.addEventListener("securitypolicyviolation", () => r("blocked"), { once: true }));
    const s = document.createElement("script");
    s.textContent = "window.__inline = 'ran'";
    document.head.append(s);
    return Promise.race([blocked, new Promise((r) => setTimeout(() => r((window as any).__inline ?? "nothing"), 500))]);
  });
  expect(ran).toBe("blocked");
});
