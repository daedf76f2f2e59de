import { readFileSync } from "node:fs";
import { test, expect, openApp, storageSnapshot, downloadText } from "./fixtures";

async function exportText(page: any) {
  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "Export", exact: true }).click();
  return downloadText(await download);
}

test("a share link carries the workbook to another browser, which imports it on request", async ({ page, context, browser, baseURL }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await openApp(page);
  await page.locator('header input[type="file"]').setInputFiles({ name: "checkout.json", mimeType: "application/json", buffer: readFileSync("tests/fixtures/rich.json") });
  await expect(page.getByText(/^Imported ".*" from checkout\.json\.$/)).toBeVisible();
  await page.getByRole("button", { name: "Share link" }).click();
  await expect(page.getByText(/^Link copied \(\d+ characters\)$/)).toBeVisible();
  const link: string = await page.evaluate(() => navigator.clipboard.readText());
  expect(link.startsWith(`${baseURL}/#share=v1.`)).toBe(true);
  const original = await exportText(page);

  // Someone else opens it: nothing is imported until they say so.
  const other = await browser.newContext({ acceptDownloads: true, viewport: { width: 1280, height: 720 } });
  const them = await other.newPage();
  await them.goto(link);
  const dialog = them.getByRole("dialog");
  await expect(dialog).toContainText("Open the shared workbook?");
  await expect(dialog).toContainText('"Checkout platform" (8 components');
  await dialog.getByRole("button", { name: "Import" }).click();
  await expect(them.getByText('Imported "Checkout platform" from the share link.')).toBeVisible();
  // The data left the address bar.
  expect(new URL(them.url()).hash).not.toContain("share=");
  expect(await exportText(them)).toBe(original);
  await other.close();
});

test("a damaged share link explains itself and changes nothing", async ({ page }) => {
  await openApp(page);
  const before = await storageSnapshot(page);
  await page.goto("/#share=v1.eJzLSM3JyVcozy_KSQEAGgQEXQ*bad");
  await expect(page.getByText("This share link cannot be opened")).toBeVisible();
  await expect(page.getByText("the link is damaged")).toBeVisible();
  await expect(page.getByText("Nothing was changed.")).toBeVisible();
  const after = await storageSnapshot(page);
  expect(Object.keys(after).filter((k) => k.startsWith("archbook.workbook."))).toEqual(
    Object.keys(before).filter((k) => k.startsWith("archbook.workbook.")),
  );
});

test("a link too long for chat apps is copied with a warning that says so", async ({ page, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  // Names that do not compress away: a few hundred random-looking words.
  let seed = 12345;
  const word = () => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed.toString(36); };
  const nodes = Array.from({ length: 600 }, (_, i) => ({ id: `c${i}-${word()}`, name: `${word()} ${word()}`, kind: "service" }));
  const wb = { format: "archbook-workbook", version: 1, title: "Large", graph: { nodes, edges: [] } };
  await openApp(page);
  await page.locator('header input[type="file"]').setInputFiles({ name: "large.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(wb)) });
  // The link carries the open workbook: the imported one, once it is open.
  await expect(page.getByText('Imported "Large" from large.json.')).toBeVisible();
  await page.getByRole("button", { name: "Share link" }).click();
  await expect(page.getByText(/^Link copied, but it is \d+ characters long$/)).toBeVisible();
  await expect(page.getByText(/longer than about 8,000 characters/)).toBeVisible();
});
