import { test, expect, openApp, stepLink } from "./fixtures";

const background = (page: any) => page.evaluate(() => getComputedStyle(document.body).backgroundColor);

test("light and dark themes: the system decides until the user picks, and the pick is kept", async ({ page }) => {
  await page.emulateMedia({ colorScheme: "dark" });
  await openApp(page);
  const dark = await background(page);
  const toggle = page.getByRole("button", { name: "Dark mode" });
  await expect(toggle).toHaveAttribute("aria-pressed", "true");
  await toggle.click();
  await expect(toggle).toHaveAttribute("aria-pressed", "false");
  await expect.poll(() => background(page)).not.toBe(dark);
  const light = await background(page);
  await page.reload();
  await expect(page.getByRole("button", { name: "Dark mode" })).toHaveAttribute("aria-pressed", "false");
  expect(await background(page)).toBe(light);
  await page.screenshot({ path: "tests/e2e/results/theme-light.png" });
  await page.getByRole("button", { name: "Dark mode" }).click();
  expect(await background(page)).toBe(dark);
  await page.screenshot({ path: "tests/e2e/results/theme-dark.png" });
});

test("presentation mode enlarges the step and hides the side panels; Escape leaves it", async ({ page }) => {
  await openApp(page);
  await stepLink(page, "Service graph").click();
  await page.getByRole("button", { name: /Microservices shop/ }).click();
  const size = () => page.evaluate(() => getComputedStyle(document.documentElement).fontSize);
  const normal = await size();
  await page.getByRole("button", { name: "Present" }).click();
  // On the graph, the graph takes the whole screen: the header goes, and
  // the view tools (with Leave) float over it.
  await expect(page.getByRole("button", { name: "Present" })).toBeHidden();
  await expect(page.getByRole("button", { name: "Leave" })).toBeVisible();
  await expect(page.locator(".palette")).toBeHidden();
  await expect(page.locator(".properties")).toBeHidden();
  expect(parseFloat(await size())).toBeGreaterThan(parseFloat(normal));
  await page.screenshot({ path: "tests/e2e/results/presentation.png" });
  await page.keyboard.press("Escape");
  await expect(page.locator(".palette")).toBeVisible();
});

test("printing the review shows the findings and the graph, not the controls", async ({ page }) => {
  await openApp(page);
  await stepLink(page, "Service graph").click();
  await page.getByRole("button", { name: /Microservices shop/ }).click();
  await stepLink(page, "Review").click();
  await expect(page.locator(".finding").first()).toBeVisible();
  await page.emulateMedia({ media: "print" });
  await expect(page.getByRole("navigation", { name: "Workbook steps" })).toBeHidden();
  await expect(page.locator(".finding-actions").first()).toBeHidden();
  await expect(page.locator(".finding").first()).toBeVisible();
  await expect(page.locator(".scorecard")).toBeVisible();
  await expect(page.locator(".review-graph svg.canvas")).toBeVisible();
});

test("first run: the example workbook opens with something in every step, and the tour walks the steps", async ({ page }) => {
  await openApp(page);
  await expect(page.getByRole("heading", { name: "New to Archbook?" })).toBeVisible();

  // The tour: one stop per step, each opening it; skippable, and back works.
  await page.getByRole("button", { name: "Take the tour" }).click();
  const tour = page.getByRole("dialog", { name: "Context" });
  await expect(tour).toContainText("Tour 1 of 5");
  for (const [name, heading] of [["Decisions", "Decisions"], ["Service graph", "Service graph"], ["Review", "Review"], ["Record", "Record"]]) {
    await page.getByRole("button", { name: "Next" }).click();
    await expect(page.getByRole("dialog", { name })).toBeVisible();
    await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
  }
  await page.getByRole("button", { name: "Back" }).click();
  await expect(page.getByRole("dialog", { name: "Review" })).toBeVisible();
  await page.getByRole("button", { name: "Skip tour" }).click();
  await expect(page.locator(".tour")).toHaveCount(0);

  await stepLink(page, "Context").click();
  await page.getByRole("button", { name: "Open the example" }).click();
  await expect(page.getByRole("button", { name: /^Workbook/ })).toContainText("Checkout platform (example)");
  await expect(page.getByRole("heading", { name: "New to Archbook?" })).toHaveCount(0);
  await stepLink(page, "Decisions").click();
  await expect(page.getByText(/^[1-9]\d* of 15 decisions started\.$/)).toBeVisible();
  await stepLink(page, "Service graph").click();
  await expect(page.locator(".canvas [data-node]")).toHaveCount(9);
  await stepLink(page, "Review").click();
  await expect(page.locator(".finding.sev-high").first()).toBeVisible();
  await expect(page.locator(".finding.accepted")).toHaveCount(1);
  await page.screenshot({ path: "tests/e2e/results/example-review.png" });
});

test("presenting the review puts the graph across the screen and enlarges the scorecard", async ({ page }) => {
  await openApp(page);
  await page.getByRole("button", { name: "Open the example" }).click();
  await stepLink(page, "Review").click();
  const chart = page.locator(".scorecard-chart");
  const before = (await chart.boundingBox())!;
  await page.getByRole("button", { name: "Present" }).click();
  const graph = (await page.locator(".review-graph .canvas-wrap").boundingBox())!;
  const after = (await chart.boundingBox())!;
  expect(graph.width).toBeGreaterThan(1100);
  expect(graph.y).toBeLessThan(after.y);
  expect(after.width).toBeGreaterThan(before.width * 1.3);
  await page.screenshot({ path: "tests/e2e/results/presentation-review.png" });
  await chart.scrollIntoViewIfNeeded();
  await page.screenshot({ path: "tests/e2e/results/presentation-scorecard.png" });
});

test("on a 1280×720 projector the graph is readable, can take the whole width, and Present shows it alone", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await openApp(page);
  await page.getByRole("button", { name: "Open the example" }).click();
  await stepLink(page, "Service graph").click();
  const nameSize = async () =>
    page.locator(".canvas [data-node] text.name").first().evaluate((el: SVGGraphicsElement) => el.getBoundingClientRect().height);
  // Names stay readable when the graph opens (at least 10 px tall on screen).
  await expect.poll(nameSize).toBeGreaterThanOrEqual(10);

  // The panels fold away: the canvas takes the width, and the graph grows.
  const canvasWidth = async () => (await page.locator("svg.canvas").boundingBox())!.width;
  const narrow = await canvasWidth();
  await page.getByRole("button", { name: "Hide panels" }).click();
  await expect(page.getByRole("complementary", { name: "Components" })).toHaveCount(0);
  await expect.poll(canvasWidth).toBeGreaterThan(narrow + 400);
  await page.getByRole("button", { name: "Show panels" }).click();
  await expect(page.getByRole("complementary", { name: "Components" })).toBeVisible();

  // Present: the graph alone, whole on screen, with only the view tools.
  await page.getByRole("button", { name: "Present" }).click();
  await expect(page.getByRole("complementary", { name: "Components" })).toBeHidden();
  await expect(page.getByRole("button", { name: "Undo" })).toBeHidden();
  await expect(page.getByRole("button", { name: "Fit to view" })).toBeVisible();
  const box = (await page.locator("svg.canvas").boundingBox())!;
  expect(box.y + box.height).toBeLessThanOrEqual(720);
  expect(box.height).toBeGreaterThan(380);
  // → moves to the next step, ← back, as slides do.
  await page.keyboard.press("ArrowRight");
  await expect(page.getByRole("heading", { level: 1, name: "Review" })).toBeVisible();
  await page.keyboard.press("ArrowLeft");
  await expect(page.locator("svg.canvas")).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(page.getByRole("button", { name: "Undo" })).toBeVisible();

  // The view chosen is the view found on coming back to the step.
  await page.getByRole("button", { name: "Hide panels" }).click();
  await page.getByRole("button", { name: "Zoom in" }).click();
  const zoom = await page.getByLabel("Zoom level").textContent();
  await stepLink(page, "Review").click();
  await stepLink(page, "Service graph").click();
  await expect(page.getByLabel("Zoom level")).toHaveText(zoom!);
  await expect(page.getByRole("button", { name: "Show panels" })).toBeVisible();
});
