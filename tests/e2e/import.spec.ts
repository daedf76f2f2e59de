import { readFileSync } from "node:fs";
import { test, expect, openApp, stepLink, node, dropFiles, storedGraph, storedWorkbooks } from "./fixtures";

// A desktop screen: the whole graph of a template fits at a readable zoom
// (names of 12 px or more) beside both panels.
test.use({ viewport: { width: 1600, height: 900 } });

/** Issue 12: compose files and manifests become the graph, with evidence, and update it later. */

const dir = "tests/fixtures/import/eshop";
const compose = readFileSync(`${dir}/docker-compose.yml`, "utf8");
const override = readFileSync(`${dir}/docker-compose.override.yml`, "utf8");

test("dropping compose files previews the graph with its evidence, then creates a reviewed workbook", async ({ page }) => {
  await openApp(page);
  await dropFiles(page, [
    { name: "docker-compose.yml", content: compose },
    { name: "docker-compose.override.yml", content: override },
  ]);
  const preview = page.getByRole("dialog", { name: "Create a workbook from these files?" });
  await expect(preview).toBeVisible();
  await expect(preview).toContainText("18 components and 41 edges, read from docker-compose.yml, docker-compose.override.yml.");
  // A component says why it has its kind; an edge quotes its setting, password masked.
  const sqldata = preview.locator("details", { hasText: "sqldata" }).first();
  await sqldata.locator("summary").click();
  await expect(sqldata).toContainText("mcr.microsoft.com/mssql/server:2019-latest is SQL Server, a relational database");
  const edge = preview.locator("details", { hasText: "catalog-api → sqldata" });
  await edge.locator("summary").click();
  await expect(edge).toContainText("ConnectionString = Server=sqldata;Database=Microsoft.eShopOnContainers.Services.CatalogDb;User Id=sa;Password=***");
  await expect(preview).not.toContainText("Pass@word");
  await expect(preview.getByRole("heading", { name: /Not drawn/ })).toBeVisible();
  await expect(preview).toContainText("seq: a telemetry backend");
  await expect(preview.getByRole("heading", { name: /Could not place/ })).toBeVisible();

  // Cancel changes nothing; dropping again and creating opens the new workbook.
  await preview.getByRole("button", { name: "Cancel" }).click();
  await expect(preview).toBeHidden();
  expect(Object.keys(await storedWorkbooks(page))).toHaveLength(1);
  await dropFiles(page, [
    { name: "docker-compose.yml", content: compose },
    { name: "docker-compose.override.yml", content: override },
  ]);
  // The files do not name the system: the team does.
  await expect(preview.getByLabel("Workbook title")).toHaveValue("Imported system");
  await preview.getByLabel("Workbook title").fill("eShop");
  await preview.getByRole("button", { name: "Create workbook" }).click();
  await expect(page.getByText("Created \"eShop\" with 18 components and 41 edges from the files.")).toBeVisible();
  // It took the place of the empty workbook the visit started with.
  expect(Object.keys(await storedWorkbooks(page))).toHaveLength(1);
  await expect(page.getByRole("heading", { level: 1, name: "Service graph" })).toBeVisible();
  await expect(page.locator(".canvas [data-node]")).toHaveCount(18);
  await expect(page.locator(".canvas [data-edge]")).toHaveCount(41);

  // The properties panel shows a component's evidence (found by name: the
  // graph opens readable, at its start, and pans rather than squeezing).
  await page.keyboard.press("Control+f");
  await page.getByRole("searchbox", { name: "Find a component" }).fill("rabbitmq");
  await page.keyboard.press("Enter");
  await expect(node(page, "rabbitmq").first()).toHaveAttribute("aria-pressed", "true");
  await page.getByText("Why this is here (from the imported files)").click();
  await expect(page.locator(".evidence-box")).toContainText("rabbitmq:3-management-alpine is RabbitMQ, a message broker");

  // The review reads the imported graph: the shared SQL Server is a finding.
  await stepLink(page, "Review").click();
  const shared = page.locator('[data-rule="shared-datastore"]').filter({ has: page.locator(".finding-message", { hasText: /^sqldata is used directly/ }) });
  await expect(shared).toContainText("catalog-api");
  await expect(shared).toContainText("ordering-api");
});

test("files that cannot be read are refused with the file, line and column", async ({ page }) => {
  await openApp(page);
  await dropFiles(page, [{ name: "deployment.yaml", content: "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ .Release.Name }}\n" }]);
  const alert = page.getByRole("alert").filter({ hasText: "Could not import the file" });
  await expect(alert).toContainText("deployment.yaml:4:9: this is a template");
  await expect(alert).toContainText("Nothing was changed.");
  await dropFiles(page, [{ name: "broken.yml", content: "services:\n  web: [1, 2\n" }]);
  await expect(page.getByRole("alert").filter({ hasText: "broken.yml:" })).toBeVisible();
  await expect(page.getByRole("dialog")).toHaveCount(0);
});

test("update from files shows the drift against the drawing and applies it as one undoable step", async ({ page }) => {
  await openApp(page);
  await dropFiles(page, [
    { name: "docker-compose.yml", content: compose },
    { name: "docker-compose.override.yml", content: override },
  ]);
  await page.getByRole("dialog", { name: "Create a workbook from these files?" }).getByRole("button", { name: "Create workbook" }).click();
  await expect(page.locator(".canvas [data-node]")).toHaveCount(18);
  // The team sets a trait by hand on a component found by name.
  await page.keyboard.press("Control+f");
  await page.getByRole("searchbox", { name: "Find a component" }).fill("catalog-api");
  await page.keyboard.press("Enter");
  const before = await node(page, "catalog-api").first().getAttribute("transform");
  await page.getByText("Keeps no session state in memory, so any instance can serve any request.").click();

  // What runs changed: webhooks are gone, a coupon service arrived, the catalog scaled out.
  const start = compose.indexOf("  webhooks-api:");
  const end = compose.indexOf("  mobileshoppingapigw:");
  const changed = (compose.slice(0, start) + compose.slice(end))
    .replace("  webstatus:\n", "  coupon-api:\n    build: ./coupon\n    environment:\n      - ConnectionString=Server=sqldata;Database=Coupons\n      - EventBusConnection=rabbitmq\n\n  webstatus:\n")
    .replace("  catalog-api:\n    image:", "  catalog-api:\n    deploy:\n      replicas: 3\n    image:");
  const overrideChanged = override.slice(0, override.indexOf("  webhooks-api:")) + override.slice(override.indexOf("  mobileshoppingapigw:"));
  await page.getByLabel("Compose files or manifests to update the graph from").setInputFiles([
    { name: "docker-compose.yml", mimeType: "application/yaml", buffer: Buffer.from(changed) },
    { name: "docker-compose.override.yml", mimeType: "application/yaml", buffer: Buffer.from(overrideChanged) },
  ]);
  const dialog = page.getByRole("dialog", { name: "Update the graph from these files?" });
  await expect(dialog).toBeVisible();
  await expect(dialog.locator("section", { hasText: "Added" }).first()).toContainText("coupon-api (Worker)");
  await expect(dialog.locator("section", { hasText: "Removed (no longer in the files)" })).toContainText("webhooks-api");
  await expect(dialog.locator("section", { hasText: "Changed" }).first()).toContainText("catalog-api: instances not stated → 3");
  await expect(dialog.locator("section", { hasText: "New edges" })).toContainText("coupon-api → sqldata");
  await dialog.getByRole("button", { name: "Apply changes" }).click();
  await expect(page.getByText("Updated the graph from the files: 1 added, 1 removed, 1 changed.")).toBeVisible();
  await expect(node(page, "coupon-api")).toHaveCount(1);
  await expect(node(page, "webhooks-api")).toHaveCount(0);
  await expect(node(page, "catalog-api").first()).toHaveAttribute("transform", before!);
  let graph = await storedGraph(page);
  const catalog = graph.nodes.find((n: any) => n.name === "catalog-api");
  expect(catalog.replicas).toBe(3);
  expect(catalog.traits).toContain("stateless");

  // One undo takes the whole update back.
  await page.getByRole("button", { name: "Undo" }).click();
  await expect(node(page, "coupon-api")).toHaveCount(0);
  await expect(node(page, "webhooks-api")).toHaveCount(1);
  graph = await storedGraph(page);
  expect(graph.nodes.find((n: any) => n.name === "catalog-api").replicas).toBeUndefined();

  // The same files again after a redo: nothing to do.
  await page.getByRole("button", { name: "Redo" }).click();
  await page.getByLabel("Compose files or manifests to update the graph from").setInputFiles([
    { name: "docker-compose.yml", mimeType: "application/yaml", buffer: Buffer.from(changed) },
    { name: "docker-compose.override.yml", mimeType: "application/yaml", buffer: Buffer.from(overrideChanged) },
  ]);
  const same = page.getByRole("dialog", { name: "The graph matches the files" });
  await expect(same).toBeVisible();
  await same.getByRole("button", { name: "Close" }).click();
});
