import AxeBuilder from "@axe-core/playwright";
import { test, expect, openApp, stepLink } from "./fixtures";
import type { Page } from "@playwright/test";

/** Fails on serious or critical axe findings, listing them. */
async function expectNoSeriousFindings(page: Page, where: string) {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  expect(serious, `axe findings on ${where}`).toEqual([]);
}

test("every step has no serious accessibility findings", async ({ page }) => {
  await openApp(page);
  await page.getByLabel("Team size").fill("two");
  await expect(page.getByLabel("Team size")).toHaveAttribute("aria-invalid", "true");
  await expectNoSeriousFindings(page, "Context (with an error)");
  for (const name of ["Decisions", "Service graph", "Review", "Record"]) {
    await stepLink(page, name).click();
    await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
    await expectNoSeriousFindings(page, name);
  }
  // A decision being walked through, with a recommendation, risk and the record form.
  await page.goto("/#decisions/service-boundaries");
  await page.keyboard.press("2");
  await page.keyboard.press("n");
  await page.keyboard.press("1");
  await page.keyboard.press("n");
  await page.keyboard.press("n");
  await page.keyboard.press("n");
  await page.keyboard.press("3");
  await expect(page.getByRole("complementary", { name: "Recommendation" })).toContainText("High risk");
  await expectNoSeriousFindings(page, "a decision with a recommendation");
  await page.getByRole("button", { name: "All questions" }).click();
  await expectNoSeriousFindings(page, "a decision with all questions");
});

test("the switcher, the dialog and notices have no serious accessibility findings", async ({ page }) => {
  await openApp(page);
  await page.locator('input[type="file"]').setInputFiles({ name: "bad.json", mimeType: "application/json", buffer: Buffer.from("{") });
  await expect(page.getByRole("alert").filter({ hasText: "Could not import bad.json" })).toBeVisible();
  await page.getByRole("button", { name: /^Workbook/ }).click();
  await expectNoSeriousFindings(page, "the open workbook switcher and an error notice");
  await page.getByRole("button", { name: /^Delete / }).click();
  await expect(page.getByRole("dialog")).toBeVisible();
  await expectNoSeriousFindings(page, "the confirmation dialog");
});

test("the whole shell works from the keyboard", async ({ page }) => {
  await openApp(page);
  // Skip link first, then the switcher.
  await page.keyboard.press("Tab");
  await expect(page.getByRole("link", { name: "Skip to content" })).toBeFocused();
  await page.keyboard.press("Tab");
  const switcher = page.getByRole("button", { name: /^Workbook/ });
  await expect(switcher).toBeFocused();
  await page.keyboard.press("Enter");
  const panel = page.getByRole("region", { name: "Workbooks" });
  await expect(panel).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(panel).toBeHidden();

  // Steps are links: Tab to "Decisions" and follow it.
  await stepLink(page, "Decisions").focus();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { level: 1, name: "Decisions" })).toBeVisible();

  // A rename typed from the keyboard, cancelled with Escape, then confirmed with Enter.
  await stepLink(page, "Context").focus();
  await page.keyboard.press("Enter");
  await page.getByLabel("System name").fill("Keyboard only");
  await switcher.focus();
  await page.keyboard.press("Enter");
  await panel.getByRole("button", { name: "Rename Keyboard only" }).focus();
  await page.keyboard.press("Enter");
  const input = panel.getByRole("textbox", { name: "New name" });
  await expect(input).toBeFocused();
  await page.keyboard.type(" (draft)");
  await page.keyboard.press("Escape");
  await expect(panel.getByText("Keyboard only", { exact: true })).toBeVisible();
  await panel.getByRole("button", { name: "Rename Keyboard only" }).focus();
  await page.keyboard.press("Enter");
  await page.keyboard.press("End");
  await page.keyboard.type(" v2");
  await page.keyboard.press("Enter");
  await expect(page.getByLabel("System name")).toHaveValue("Keyboard only v2");

  // The delete dialog opens with focus on Cancel, and Escape closes it.
  await panel.getByRole("button", { name: "Delete Keyboard only v2" }).focus();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("dialog").getByRole("button", { name: "Cancel" })).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(page.getByRole("dialog")).toBeHidden();
  await expect(page.getByLabel("System name")).toHaveValue("Keyboard only v2");
});
