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
  await page.locator('header input[type="file"]').setInputFiles({ name: "bad.json", mimeType: "application/json", buffer: Buffer.from("{") });
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

// The example workbook fills every step; axe runs several times per test, so
// the walk is cut in three to stay well inside the per-test time limit.
async function openExample(page: Page) {
  await openApp(page);
  await page.getByRole("button", { name: "Open the example" }).click();
  await expect(page.getByLabel("System name")).toHaveValue(/Checkout platform/);
}

test("the tour has no serious accessibility findings", async ({ page }) => {
  await openApp(page);
  await page.getByRole("button", { name: "Take the tour" }).click();
  await expectNoSeriousFindings(page, "the tour");
  await page.getByRole("button", { name: "Skip tour" }).click();
  await expect(page.getByRole("button", { name: "Skip tour" })).toBeHidden();
});

test("the example's graph editor and its properties panels have no serious accessibility findings", async ({ page }) => {
  await openExample(page);
  await stepLink(page, "Service graph").click();
  await expect(page.locator(".canvas [data-node]")).toHaveCount(9);
  await expectNoSeriousFindings(page, "the graph editor");
  await page.locator(".canvas [data-node]").first().click();
  await expectNoSeriousFindings(page, "a selected node's properties");
  await page.locator(".canvas [data-edge] .hit").first().click({ force: true });
  await expectNoSeriousFindings(page, "a selected edge's properties");
});

test("the example's review and records, light and dark, have no serious accessibility findings", async ({ page }) => {
  await openExample(page);
  await stepLink(page, "Review").click();
  await page.getByRole("button", { name: "Show on graph" }).first().click();
  await page.getByRole("button", { name: "Accept risk…" }).first().click();
  await expectNoSeriousFindings(page, "the review with a finding shown and the accept form");
  await stepLink(page, "Record").click();
  await expectNoSeriousFindings(page, "the records");
  await page.getByRole("button", { name: "Dark mode" }).click();
  await expectNoSeriousFindings(page, "the records, dark");
  await stepLink(page, "Review").click();
  await expectNoSeriousFindings(page, "the review, dark");
});
