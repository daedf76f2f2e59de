import { test, expect, openApp, stepLink, node, addWithPalette, connect } from "./fixtures";

test("two services sharing a database: the finding, its highlight, accepting it, and a reload", async ({ page }) => {
  await openApp(page);
  await stepLink(page, "Review").click();
  await expect(page.getByText("Nothing to review yet")).toBeVisible();

  await stepLink(page, "Service graph").click();
  await addWithPalette(page, "Service", 120, 100);
  await addWithPalette(page, "Service", 120, 300);
  await addWithPalette(page, "Database", 420, 200);
  await connect(page, "Service 1", "Database 1");
  await connect(page, "Service 2", "Database 1");
  await expect(page.locator(".canvas [data-edge]")).toHaveCount(2);

  await stepLink(page, "Review").click();
  const finding = page.locator('[data-rule="shared-datastore"]');
  await expect(finding).toBeVisible();
  await expect(finding).toContainText("Database 1");
  await expect(finding).toContainText("Service 1");
  await expect(finding).toContainText("Service 2");

  // Selecting it highlights both services and the database, and both edges.
  await finding.getByRole("button", { name: "Show on graph" }).click();
  await expect(page.locator(".canvas .node.highlighted")).toHaveCount(3);
  await expect(page.locator(".canvas .edge.highlighted")).toHaveCount(2);
  for (const name of ["Service 1", "Service 2", "Database 1"]) await expect(node(page, name)).toHaveClass(/highlighted/);

  // Accepting needs a reason, and raises the score.
  const score = async () => Number(await page.locator(".ring-score").textContent());
  const before = await score();
  await finding.getByRole("button", { name: "Accept risk…" }).click();
  const accept = finding.getByRole("button", { name: "Accept risk", exact: true });
  await expect(accept).toBeDisabled();
  await finding.getByLabel("Why is this risk acceptable?").fill("Both services belong to one team and ship together until Q3.");
  await accept.click();
  await expect(finding).toContainText("Accepted because: Both services belong to one team");
  // The redrawn card keeps the keyboard focus.
  await expect(finding.getByRole("button", { name: "Reopen" })).toBeFocused();
  await expect.poll(score).toBeGreaterThan(before);
  const after = await score();

  // The acceptance is part of the workbook: it survives a reload.
  await page.reload();
  const again = page.locator('[data-rule="shared-datastore"]');
  await expect(again).toContainText("Accepted because: Both services belong to one team");
  expect(await score()).toBe(after);

  // Reopening puts it back into the score.
  await again.getByRole("button", { name: "Reopen" }).click();
  await expect.poll(score).toBe(before);
  await expect(again.getByRole("button", { name: "Accept risk…" })).toBeFocused();
});

test("the review follows edits to the graph live", async ({ page }) => {
  await openApp(page);
  await stepLink(page, "Service graph").click();
  await page.getByRole("button", { name: /Microservices shop/ }).click();
  await stepLink(page, "Review").click();
  await expect(page.locator(".ring-score")).toHaveText(/\d+/);
  await expect(page.locator('[data-rule="shared-datastore"]')).toHaveCount(0);
  // Billing starts reading the orders database: now two services share it.
  await stepLink(page, "Service graph").click();
  await node(page, "billing").first().click();
  await page.getByLabel("Connect to").selectOption({ label: "orders-db" });
  await page.getByRole("button", { name: "Connect", exact: true }).click();
  await stepLink(page, "Review").click();
  await expect(page.locator('[data-rule="shared-datastore"]')).toContainText("orders-db");
});

test("accepting one risk leaves the rest of the review as it was: an open form keeps its text", async ({ page }) => {
  await openApp(page);
  await page.getByRole("button", { name: "Open the example" }).click();
  await stepLink(page, "Review").click();
  const open = page.locator(".finding:not(.accepted)");
  const first = open.nth(0);
  const second = open.nth(1);
  const secondRule = await second.getAttribute("data-rule");
  const secondMessage = await second.locator(".finding-message").textContent();

  // A reason half written on the second finding...
  await second.getByRole("button", { name: "Accept risk…" }).click();
  await second.getByLabel("Why is this risk acceptable?").fill("Draft: still discussing");
  // ...while the first one is accepted.
  const accepted = await page.locator(".finding.accepted").count();
  await first.getByRole("button", { name: "Accept risk…" }).click();
  await first.getByLabel("Why is this risk acceptable?").fill("Known and planned for next quarter.");
  await first.getByRole("button", { name: "Accept risk", exact: true }).click();
  await expect(page.locator(".finding.accepted")).toHaveCount(accepted + 1);

  const draft = page.locator(`.finding[data-rule="${secondRule}"]`).filter({ hasText: secondMessage! });
  await expect(draft.getByLabel("Why is this risk acceptable?")).toHaveValue("Draft: still discussing");
});
