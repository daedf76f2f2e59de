import { test, expect, openApp, stepLink, node, addWithPalette, connect, storedWorkbooks } from "./fixtures";

// A desktop screen: the whole graph of a template fits at a readable zoom
// (names of 12 px or more) beside both panels.
test.use({ viewport: { width: 1600, height: 900 } });

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
  // The whole template in view (it opens readable, its start in view).
  await page.getByRole("button", { name: "Fit to view" }).click();
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

test("a grouped finding accepted for some of its components: new components, undo and reload keep it precise", async ({ page }) => {
  await openApp(page);
  await stepLink(page, "Service graph").click();
  await addWithPalette(page, "Service", 120, 80);
  await addWithPalette(page, "Service", 120, 220);
  await addWithPalette(page, "Service", 120, 360);
  await addWithPalette(page, "Database", 460, 220);
  for (const s of ["Service 1", "Service 2", "Service 3"]) await connect(page, s, "Database 1");

  // One finding names the three services that share the database.
  await stepLink(page, "Review").click();
  const finding = page.locator('[data-rule="shared-datastore"]');
  await expect(finding).toHaveCount(1);
  await expect(finding.locator(".finding-message")).toHaveText("Database 1 is used directly by 3 components: Service 1, Service 2 and Service 3.");

  // Accept it for two of them.
  await finding.getByRole("button", { name: "Accept risk…" }).click();
  const parts = finding.getByRole("group", { name: "Accept for" });
  for (const s of ["Service 1", "Service 2", "Service 3"]) await expect(parts.getByRole("checkbox", { name: s })).toBeChecked();
  await parts.getByRole("checkbox", { name: "Service 3" }).uncheck();
  await finding.getByLabel("Why is this risk acceptable?").fill("One team owns both until the split in Q3.");
  await finding.getByRole("button", { name: "Accept risk", exact: true }).click();
  await expect(finding).toContainText("Partly accepted");
  await expect(finding.locator(".accepted-parts")).toHaveText(/Accepted for Service 1, Service 2: One team owns both until the split in Q3\./);
  await expect(finding.getByRole("button", { name: "Accept the rest…" })).toBeVisible();

  // An unrelated component changes nothing; a new service on the same
  // database is open, and undo takes it away again.
  await stepLink(page, "Service graph").click();
  await addWithPalette(page, "Cache", 640, 80);
  await addWithPalette(page, "Service", 640, 360);
  await node(page, "Service 4").click();
  await page.getByLabel("Connect to").selectOption({ label: "Database 1" });
  await page.getByRole("button", { name: "Connect", exact: true }).click();
  await expect(page.locator(".canvas [data-edge]")).toHaveCount(4);
  await stepLink(page, "Review").click();
  await expect(finding.locator(".finding-message")).toContainText("4 components: Service 1, Service 2, Service 3 and Service 4");
  await expect(finding.locator(".accepted-parts")).toHaveText(/Accepted for Service 1, Service 2:/);
  await finding.getByRole("button", { name: "Accept the rest…" }).click();
  await expect(parts.getByRole("checkbox")).toHaveCount(2);
  await expect(parts.getByRole("checkbox", { name: "Service 4" })).toBeChecked();
  await finding.getByRole("button", { name: "Cancel" }).click();

  await stepLink(page, "Service graph").click();
  await page.getByRole("button", { name: "Undo" }).click(); // the edge
  await page.getByRole("button", { name: "Undo" }).click(); // Service 4
  await stepLink(page, "Review").click();
  await expect(finding.locator(".finding-message")).toHaveText("Database 1 is used directly by 3 components: Service 1, Service 2 and Service 3.");

  // Reload: the acceptance is in the workbook, part by part.
  await page.reload();
  await expect(finding.locator(".accepted-parts")).toHaveText(/Accepted for Service 1, Service 2: One team owns both/);
  const [wb] = Object.values(await storedWorkbooks(page));
  expect(wb.accepted).toEqual([
    expect.objectContaining({ rule: "shared-datastore", nodes: ["service-1", "service-2"], reason: "One team owns both until the split in Q3." }),
  ]);

  // Accepting the rest makes it wholly accepted; reopening one reason reopens those parts.
  await finding.getByRole("button", { name: "Accept the rest…" }).click();
  await finding.getByLabel("Why is this risk acceptable?").fill("Reporting reads a replica next quarter.");
  await finding.getByRole("button", { name: "Accept risk", exact: true }).click();
  await expect(finding.locator(".badge-accepted")).toHaveText("Accepted");
  await finding.getByRole("button", { name: "Reopen for Service 1, Service 2" }).click();
  await expect(finding.locator(".badge-accepted")).toHaveText("Partly accepted");
  await expect(finding.locator(".accepted-parts")).toHaveText(/Accepted for Service 3: Reporting reads a replica next quarter\./);
});

test("'Show on graph' brings what a finding is about into view", async ({ page }) => {
  await openApp(page);
  await page.getByRole("button", { name: "Open the example" }).click();
  await stepLink(page, "Review").click();
  const finding = page.locator('.finding[data-rule="non-idempotent-consumer"]');
  const node = page.locator(".canvas [data-node]").filter({ hasText: "Receipt mailer" });
  const inView = async () => {
    const canvas = (await page.locator(".canvas-wrap").boundingBox())!;
    const box = (await node.boundingBox())!;
    return box.x >= canvas.x && box.x + box.width <= canvas.x + canvas.width
      && box.y >= canvas.y && box.y + box.height <= canvas.y + canvas.height;
  };
  // At 1280×720 the review's graph opens on its start; the mailer is further right.
  await expect(node).toHaveCount(1);
  expect(await inView()).toBe(false);
  await finding.getByRole("button", { name: "Show on graph" }).click();
  await expect(node).toHaveClass(/highlighted/);
  await expect.poll(inView).toBe(true);
});
