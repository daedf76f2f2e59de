import { readFileSync } from "node:fs";
import { deflateRawSync } from "node:zlib";
import { test, expect, openApp, stepLink, storedWorkbooks } from "./fixtures";

/** Issue 15, item 9: what a new team notices in its first minutes. */

test("examples read as examples, and a new workbook is not scolded for having no name", async ({ page }) => {
  await openApp(page);
  for (const label of ["System name", "Team size", "Number of teams", "Peak requests per second"]) {
    await expect(page.getByLabel(label)).toHaveAttribute("placeholder", /^e\.g\. /);
  }
  const name = page.getByLabel("System name");
  await expect(page.getByText("Give the system a name")).toHaveCount(0);
  // Once the workbook holds something, the missing name is pointed out.
  await page.getByLabel("Team size").fill("6");
  await expect(page.getByText("Give the system a name; the workbook list and the records use it.")).toBeVisible();
  await name.fill("Food delivery");
  await expect(page.getByText("Give the system a name")).toHaveCount(0);
});

test("disabled buttons look disabled", async ({ page }) => {
  await openApp(page);
  await stepLink(page, "Service graph").click();
  const undo = page.getByRole("button", { name: "Undo" });
  await expect(undo).toBeDisabled();
  const opacity = await undo.evaluate((el) => Number(getComputedStyle(el).opacity));
  expect(opacity).toBeLessThan(0.6);
  const redo = page.getByRole("button", { name: "Redo" });
  expect(await redo.evaluate((el) => getComputedStyle(el).cursor)).toBe("not-allowed");
});

test("a share link opened on a first visit leaves only the shared workbook", async ({ page }) => {
  const json = readFileSync("tests/fixtures/rich.json", "utf8");
  await page.goto(`/#share=v1.${deflateRawSync(Buffer.from(json)).toString("base64url")}`);
  await page.getByRole("dialog").getByRole("button", { name: "Import" }).click();
  await expect(page.getByText('Imported "Checkout platform" from the share link.')).toBeVisible();
  const stored = Object.values(await storedWorkbooks(page));
  expect(stored.map((w: any) => w.title)).toEqual(["Checkout platform"]);
});

test("Escape closes the workbook menu, also after renaming", async ({ page }) => {
  await openApp(page);
  const button = page.getByRole("button", { name: /^Workbook / });
  const menu = page.getByRole("region", { name: "Workbooks" });
  await button.click();
  await expect(menu).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(menu).toBeHidden();
  await button.click();
  await menu.getByRole("button", { name: /^Rename / }).first().click();
  await page.getByLabel("New name").fill("Food delivery");
  await page.keyboard.press("Enter");
  await page.keyboard.press("Escape");
  await expect(menu).toBeHidden();
  await button.click();
  await menu.getByRole("button", { name: /^Rename / }).first().click();
  await page.keyboard.press("Escape"); // leaves the name as it was
  await page.keyboard.press("Escape"); // closes the menu
  await expect(menu).toBeHidden();
  await expect(button).toContainText("Food delivery");
});
