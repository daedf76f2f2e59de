import { readFileSync, readdirSync } from "node:fs";
import { test, expect, openApp, stepLink, downloadText } from "./fixtures";

const golden = "tests/fixtures/golden/records/rich";
const files = readdirSync(golden).sort();

async function importFile(page: any, fixture: string) {
  await page.locator('header input[type="file"]').setInputFiles({
    name: fixture, mimeType: "application/json", buffer: readFileSync(`tests/fixtures/${fixture}`),
  });
  await expect(page.getByText(new RegExp(`^Imported ".*" from ${fixture.replace(".", "\\.")}\\.$`))).toBeVisible();
}

test("the records are previewed, copied, downloaded one by one and as a zip, equal to the CLI's", async ({ page, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await openApp(page);
  await importFile(page, "rich.json");
  await stepLink(page, "Record").click();
  // Undated decisions take the date set here (today by default); the
  // golden files were made with `archbook export --date 2026-12-01`.
  const today = new Date();
  const iso = `${today.getFullYear()}-${String(today.getMonth() + 1).padStart(2, "0")}-${String(today.getDate()).padStart(2, "0")}`;
  await expect(page.getByLabel("Date", { exact: true })).toHaveValue(iso);
  await page.getByLabel("Date", { exact: true }).fill("2026-12-01");

  // One entry per record, named as `archbook export` names them.
  const items = page.getByRole("navigation", { name: "Records" }).getByRole("button");
  await expect(items).toHaveCount(files.length);
  for (const f of files) await expect(page.getByRole("navigation", { name: "Records" })).toContainText(f);

  // The preview renders the Markdown; the front matter is shown as fields.
  await items.nth(1).click();
  const preview = page.getByRole("article", { name: "Record preview" });
  await expect(preview.getByRole("heading", { level: 1 })).toHaveText("Service boundaries: Modular monolith");
  await expect(preview.locator(".record-meta")).toContainText("status");
  await expect(preview.getByRole("heading", { level: 2, name: "Decision Outcome" })).toBeVisible();
  await expect(preview.locator(".record-body li").first()).toBeVisible();

  // The source view is the file, byte for byte.
  await preview.getByRole("radio", { name: "Markdown" }).check();
  const expected = readFileSync(`${golden}/${files[1]}`, "utf8");
  expect(await preview.locator(".record-source code").textContent()).toBe(expected);

  // Copy to the clipboard.
  await preview.getByRole("button", { name: "Copy Markdown" }).click();
  await expect(preview.getByRole("button", { name: "Copied" })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(expected);

  // Download one.
  const one = page.waitForEvent("download");
  await preview.getByRole("button", { name: "Download .md" }).click();
  const file = await one;
  expect(file.suggestedFilename()).toBe(files[1]);
  expect(await downloadText(file)).toBe(expected);

  // Download all: a zip holding every record under decisions/ (stored, so
  // each file's bytes appear as they are).
  const all = page.waitForEvent("download");
  await page.getByRole("button", { name: "Download all (.zip)" }).click();
  const zip = await all;
  expect(zip.suggestedFilename()).toBe("checkout-platform-decisions.zip");
  const bytes = readFileSync((await zip.path())!);
  expect(bytes.subarray(0, 2).toString("latin1")).toBe("PK");
  for (const f of files) {
    expect(bytes.includes(Buffer.from(`decisions/${f}`))).toBe(true);
    expect(bytes.includes(readFileSync(`${golden}/${f}`))).toBe(true);
  }

  // Numbering can continue after records a repository already has.
  await page.getByLabel("First number").fill("12");
  await page.getByLabel("First number").press("Tab");
  await expect(page.getByRole("navigation", { name: "Records" })).toContainText("0012-checkout-platform-architecture-overview.md");
});

test("hostile names never become markup in the preview", async ({ page }) => {
  let dialogs = 0;
  page.on("dialog", (d) => { dialogs++; d.dismiss(); });
  await openApp(page);
  await importFile(page, "hostile.json");
  await stepLink(page, "Record").click();
  const preview = page.getByRole("article", { name: "Record preview" });
  await expect(preview.getByRole("heading", { level: 1 })).toContainText("<script>alert(1)</script>");
  expect(await preview.locator("script, img, iframe").count()).toBe(0);
  expect(await preview.locator('a[href^="javascript"]').count()).toBe(0);
  // The graph diagram draws the same names as text.
  const diagram = preview.locator("figure.diagram svg");
  await expect(diagram).toBeVisible();
  expect(await diagram.locator("script, foreignObject").count()).toBe(0);
  expect(dialogs).toBe(0);
});

test("the Record step fits a 1366 px screen and shows the graph as a diagram, drawn offline", async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  const requests: string[] = [];
  page.on("request", (r) => requests.push(r.url()));
  await openApp(page);
  await page.getByRole("button", { name: "Open the example" }).click();
  await stepLink(page, "Record").click();
  const preview = page.getByRole("article", { name: "Record preview" });
  await expect(preview.getByRole("heading", { level: 1 })).toBeVisible();
  // No sideways scrolling into blank space.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1366);
  // The Mermaid block is a diagram in the preview (one box per component)…
  const diagram = preview.locator("figure.diagram svg");
  await expect(diagram).toBeVisible();
  await expect(diagram.locator("g[class^=fam-]")).toHaveCount(9);
  await expect(preview.getByText("flowchart LR")).toHaveCount(0);
  // …and stays Mermaid in the Markdown the repository gets.
  await page.getByRole("radio", { name: "Markdown" }).check();
  await expect(preview.locator("pre")).toContainText("```mermaid");
  await page.screenshot({ path: "tests/e2e/results/record-1366.png" });
  // Drawn here, not fetched: every request stays on the app's origin.
  const origin = new URL(page.url()).origin;
  expect(requests.filter((u) => !u.startsWith(origin) && !u.startsWith("data:"))).toEqual([]);
});
