import { test, expect, openApp, downloadText, storageSnapshot, storedWorkbooks, dropFile, stepLink } from "./fixtures";
import { readFileSync } from "node:fs";

const RICH = readFileSync("tests/fixtures/rich.json", "utf8");

test("a new user fills the context and finds it all after a reload", async ({ page }) => {
  await openApp(page);
  await expect(page.getByRole("heading", { level: 1, name: "Context" })).toBeVisible();

  await page.getByLabel("System name").fill("Checkout platform");
  await page.getByLabel("Problem statement").fill("Shoppers pay for their basket in one step.");
  await page.getByLabel("Decision drivers").fill("Survive sale peaks\nSmall team");
  await page.getByLabel("Team size").fill("6");
  await page.getByLabel("Number of teams").fill("1");
  await page.getByLabel("Deployment frequency").selectOption("weekly");
  await page.getByLabel("Peak requests per second").fill("2,000");
  await page.getByLabel("Data volume").fill("250.5");
  await page.getByLabel("p99 latency target").fill("300");
  await page.getByLabel("Share of reads").fill("85");
  await page.getByLabel("Domains that need strong consistency").fill("payments\ninventory");

  // The workbook is named after the system, in the switcher too.
  await expect(page.getByRole("button", { name: /Workbook Checkout platform/ })).toBeVisible();

  await page.reload();
  await expect(page.getByLabel("System name")).toHaveValue("Checkout platform");
  await expect(page.getByLabel("Problem statement")).toHaveValue("Shoppers pay for their basket in one step.");
  await expect(page.getByLabel("Decision drivers")).toHaveValue("Survive sale peaks\nSmall team");
  await expect(page.getByLabel("Team size")).toHaveValue("6");
  await expect(page.getByLabel("Number of teams")).toHaveValue("1");
  await expect(page.getByLabel("Deployment frequency")).toHaveValue("weekly");
  await expect(page.getByLabel("Peak requests per second")).toHaveValue("2000");
  await expect(page.getByLabel("Data volume")).toHaveValue("250.5");
  await expect(page.getByLabel("p99 latency target")).toHaveValue("300");
  await expect(page.getByLabel("Share of reads")).toHaveValue("85");
  await expect(page.getByLabel("Domains that need strong consistency")).toHaveValue("payments\ninventory");

  // And the stored file is the documented format.
  const [wb] = Object.values(await storedWorkbooks(page));
  expect(wb).toMatchObject({
    format: "archbook-workbook",
    version: 2,
    title: "Checkout platform",
    context: {
      team_size: 6, teams: 1, peak_rps: 2000, data_volume_gb: 250.5, p99_latency_ms: 300,
      read_percent: 85, deploy_frequency: "weekly", strong_consistency: ["payments", "inventory"],
      drivers: ["Survive sale peaks", "Small team"],
    },
  });
});

test("bad numbers are explained next to the field and never stored", async ({ page }) => {
  await openApp(page);
  const teamSize = page.getByLabel("Team size");
  await teamSize.fill("6");
  await teamSize.fill("six");
  await expect(teamSize).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByText("Enter a whole number, like 12.")).toBeVisible();
  await page.getByLabel("Share of reads").fill("140");
  await expect(page.getByText("Enter a percentage from 0 to 100, like 80.")).toBeVisible();
  const [wb] = Object.values(await storedWorkbooks(page));
  expect(wb.context.team_size).toBe(6);
  expect(wb.context.read_percent).toBeUndefined();

  await teamSize.fill("2");
  await expect(teamSize).not.toHaveAttribute("aria-invalid", "true");
  await page.getByLabel("Number of teams").fill("3");
  await expect(page.getByText("3 teams but only 2 people")).toBeVisible();
});

test("the step navigation keeps the step in the URL and explains every step", async ({ page }) => {
  await openApp(page);
  for (const [name, heading, text] of [
    ["Decisions", "Decisions", "0 of 15 decisions started."],
    ["Service graph", "Service graph", "An empty graph"],
    ["Review", "Review", "Nothing to review yet"],
    ["Record", "Record", "MADR 4.0"],
  ]) {
    await stepLink(page, name).click();
    await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
    await expect(page.getByText(text).first()).toBeVisible();
    await expect(stepLink(page, name)).toHaveAttribute("aria-current", "step");
  }
  await page.reload();
  await expect(page.getByRole("heading", { level: 1, name: "Record" })).toBeVisible();
  await page.goBack();
  await expect(page.getByRole("heading", { level: 1, name: "Review" })).toBeVisible();
});

test("the workbook switcher creates, renames, duplicates and deletes", async ({ page }) => {
  await openApp(page);
  await page.getByLabel("System name").fill("Payments");
  const switcher = page.getByRole("button", { name: /^Workbook/ });

  await switcher.click();
  const panel = page.getByRole("region", { name: "Workbooks" });
  await expect(panel.getByText("Edited just now")).toBeVisible();
  await panel.getByRole("button", { name: "New workbook" }).click();
  await expect(page.getByLabel("System name")).toHaveValue("");
  await page.getByLabel("System name").fill("Search");

  await switcher.click();
  await expect(panel.getByRole("listitem")).toHaveCount(2);
  await panel.getByRole("button", { name: "Rename Payments" }).click();
  const input = panel.getByRole("textbox", { name: "New name" });
  await input.fill("Payments v2");
  await input.press("Enter");
  await expect(panel.getByText("Payments v2")).toBeVisible();

  await panel.getByRole("button", { name: "Duplicate Payments v2" }).click();
  await expect(page.getByLabel("System name")).toHaveValue("Payments v2 (copy)");

  await switcher.click();
  await expect(panel.getByRole("listitem")).toHaveCount(3);
  await panel.getByRole("button", { name: "Delete Search" }).click();
  const dialog = page.getByRole("dialog", { name: "Delete this workbook?" });
  await expect(dialog).toContainText("\"Search\" will be removed from this browser");
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toBeHidden();
  expect(Object.keys(await storedWorkbooks(page))).toHaveLength(3);

  // The list stays open behind the dialog.
  await panel.getByRole("button", { name: "Delete Search" }).click();
  await dialog.getByRole("button", { name: "Delete workbook" }).click();
  await expect(page.getByText("Deleted \"Search\".")).toBeVisible();
  const titles = Object.values(await storedWorkbooks(page)).map((w) => w.title).sort();
  expect(titles).toEqual(["Payments v2", "Payments v2 (copy)"]);

  // The list stays open with what is left; opening another workbook shows its data.
  await expect(panel.getByRole("listitem")).toHaveCount(2);
  await panel.getByRole("button", { name: /^Payments v2 Edited/ }).click();
  await expect(page.getByLabel("System name")).toHaveValue("Payments v2");
  await page.reload();
  await expect(page.getByLabel("System name")).toHaveValue("Payments v2");
});

test("export then import gives an equal workbook, unknown fields included", async ({ page }) => {
  await openApp(page);
  // Start from a rich file (graph, decisions, unknown fields) imported by the picker.
  await page.locator('header input[type="file"]').setInputFiles({ name: "rich.json", mimeType: "application/json", buffer: Buffer.from(RICH) });
  await expect(page.getByText("Imported \"Checkout platform\" from rich.json.")).toBeVisible();
  await expect(page.getByLabel("System name")).toHaveValue("Checkout platform");

  const first = page.waitForEvent("download");
  await page.getByRole("button", { name: "Export", exact: true }).click();
  const download = await first;
  expect(download.suggestedFilename()).toBe("checkout-platform.archbook.json");
  const exported = await downloadText(download);
  // Equal, plus "$schema": the JSON Schema this app serves, for editors.
  const schemaUrl = new URL("workbook.schema.json", page.url()).href;
  expect(JSON.parse(exported)).toEqual({ $schema: schemaUrl, ...JSON.parse(RICH) });
  expect(exported.startsWith(`{\n  "$schema": "${schemaUrl}",\n  "format"`)).toBe(true);
  const schema = await page.request.get(schemaUrl);
  expect(schema.ok()).toBe(true);
  expect((await schema.json()).title).toBe("Archbook workbook");

  // The first import replaced the empty workbook the visit started with.
  expect(Object.keys(await storedWorkbooks(page))).toHaveLength(1);
  // Imported again, it gets a title of its own; everything else is equal.
  await page.locator('header input[type="file"]').setInputFiles({ name: "again.json", mimeType: "application/json", buffer: Buffer.from(exported) });
  await expect(page.getByText("Imported \"Checkout platform (2)\" from again.json.")).toBeVisible();
  const second = page.waitForEvent("download");
  await page.getByRole("button", { name: "Export", exact: true }).click();
  expect(JSON.parse(await downloadText(await second))).toEqual({ ...JSON.parse(exported), title: "Checkout platform (2)" });
  expect(Object.keys(await storedWorkbooks(page))).toHaveLength(2);

  // The imported graph is drawn on the graph step.
  await stepLink(page, "Service graph").click();
  await expect(page.locator(".canvas [data-node]")).toHaveCount(8);
  await expect(page.locator(".canvas [data-edge]")).toHaveCount(7);
});

test("a workbook dropped on the page is imported", async ({ page }) => {
  await openApp(page);
  await dropFile(page, "dropped.json", RICH);
  await expect(page.getByText("Imported \"Checkout platform\" from dropped.json.")).toBeVisible();
  await expect(page.getByLabel("System name")).toHaveValue("Checkout platform");
});

test("a broken file shows what is wrong and changes nothing", async ({ page }) => {
  await openApp(page);
  await page.getByLabel("System name").fill("Keep me");
  await page.getByLabel("Team size").fill("4");
  await expect.poll(async () => Object.values(await storedWorkbooks(page))[0]?.context?.team_size).toBe(4);
  const before = await storageSnapshot(page);

  const broken = JSON.parse(RICH);
  broken.graph.nodes[4].kind = "databse";
  broken.graph.edges.push({ from: "api", to: "ghost" });
  await page.locator('header input[type="file"]').setInputFiles({ name: "broken.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(broken)) });
  const alert = page.getByRole("alert").filter({ hasText: "Could not import broken.json" });
  await expect(alert).toBeVisible();
  await expect(alert).toContainText("This workbook has 2 problems.");
  await expect(alert).toContainText('$.graph.nodes[4].kind unknown value "databse"; expected one of client');
  await expect(alert).toContainText('(did you mean "database"?)');
  await expect(alert).toContainText("$.graph.edges[7].to no node has the id \"ghost\"");
  await expect(alert).toContainText("Nothing was changed.");

  await dropFile(page, "notes.txt", "these are not JSON");
  await expect(page.getByRole("alert").filter({ hasText: "Could not import notes.txt" })).toContainText("This file is not valid JSON.");

  await expect(page.getByLabel("System name")).toHaveValue("Keep me");
  expect(await storageSnapshot(page)).toEqual(before);

  // The message goes away when dismissed.
  await alert.getByRole("button", { name: "Dismiss message" }).click();
  await expect(alert).toBeHidden();
});

test("unreadable stored data is kept in a backup, explained and downloadable", async ({ page }) => {
  await openApp(page);
  await page.getByLabel("System name").fill("Healthy");
  const corrupt = '{"format":"archbook-workbook","version":1,"title":"Half-writ';
  const newer = JSON.stringify({ format: "archbook-workbook", version: 99, title: "From the future" });
  await page.evaluate(([corrupt, newer]) => {
    const index = JSON.parse(localStorage.getItem("archbook.index")!);
    index.workbooks.push({ id: "broken1", title: "Broken one", updated: Date.now() });
    index.current = "broken1";
    localStorage.setItem("archbook.index", JSON.stringify(index));
    localStorage.setItem("archbook.workbook.broken1", corrupt);
    localStorage.setItem("archbook.workbook.future", newer);
  }, [corrupt, newer]);

  await page.reload();
  await expect(page.getByRole("heading", { level: 1, name: "Context" })).toBeVisible();
  const damaged = page.getByRole("alert").filter({ hasText: "The workbook \"Broken one\" could not be read." });
  await expect(damaged).toBeVisible();
  await expect(damaged).toContainText("archbook.backup.archbook.workbook.broken1");
  await expect(page.getByRole("alert").filter({ hasText: "was saved by a newer version of Archbook" })).toBeVisible();

  const stored = await storageSnapshot(page);
  expect(stored["archbook.backup.archbook.workbook.broken1"]).toBe(corrupt);
  expect(stored["archbook.backup.archbook.workbook.future"]).toBe(newer);
  // The healthy workbook opens instead, and still works.
  await expect(page.getByLabel("System name")).toHaveValue("Healthy");
  await page.getByLabel("Team size").fill("3");

  const download = page.waitForEvent("download");
  await damaged.getByRole("button", { name: "Download the unreadable data" }).click();
  expect(await downloadText(await download)).toBe(corrupt);

  // A second start never overwrites the first backup.
  await page.evaluate((corrupt) => localStorage.setItem("archbook.workbook.broken1", corrupt + "again"), corrupt);
  await page.reload();
  await expect(page.getByRole("alert").filter({ hasText: "archbook.backup.archbook.workbook.broken1.2" })).toBeVisible();
  const after = await storageSnapshot(page);
  expect(after["archbook.backup.archbook.workbook.broken1"]).toBe(corrupt);
  expect(after["archbook.backup.archbook.workbook.broken1.2"]).toBe(corrupt + "again");
});

test("a damaged workbook list is backed up and rebuilt from the workbooks", async ({ page }) => {
  await openApp(page);
  await page.getByLabel("System name").fill("Survivor");
  await expect.poll(async () => Object.values(await storedWorkbooks(page))[0]?.title).toBe("Survivor");
  await page.evaluate(() => localStorage.setItem("archbook.index", "{{{"));
  await page.reload();
  await expect(page.getByRole("alert").filter({ hasText: "The workbook list is damaged" })).toBeVisible();
  await expect(page.getByLabel("System name")).toHaveValue("Survivor");
  expect((await storageSnapshot(page))["archbook.backup.archbook.index"]).toBe("{{{");
});

test("when the browser refuses to store, the user is warned and keeps the edits", async ({ page }) => {
  await openApp(page);
  await page.getByLabel("System name").fill("Before the disk filled up");
  await page.evaluate(() => {
    const original = Storage.prototype.setItem;
    Storage.prototype.setItem = function (key: string, value: string) {
      if (key.startsWith("archbook.")) throw new DOMException("full", "QuotaExceededError");
      return original.call(this, key, value);
    };
  });
  await page.getByLabel("System name").fill("Edited while full");
  const banner = page.getByRole("alert").filter({ hasText: "Your changes are not being saved in this browser." });
  await expect(banner).toContainText("The browser's storage for this page is full.");
  await page.getByLabel("Team size").fill("7");

  // The edits stay in the tab: across steps, and in the export.
  await stepLink(page, "Review").click();
  await stepLink(page, "Context").click();
  await expect(page.getByLabel("System name")).toHaveValue("Edited while full");
  const download = page.waitForEvent("download");
  await banner.getByRole("button", { name: "Export now" }).click();
  const exported = JSON.parse(await downloadText(await download));
  expect(exported.title).toBe("Edited while full");
  expect(exported.context.team_size).toBe(7);

  // What was stored before is untouched.
  const [stored] = Object.values(await storedWorkbooks(page));
  expect(stored.title).toBe("Before the disk filled up");
});

test("on a phone all five steps are in view, without scrolling sideways", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 800 });
  await openApp(page);
  for (const name of ["Context", "Decisions", "Service graph", "Review", "Record"]) {
    const box = (await stepLink(page, name).boundingBox())!;
    expect(box.x, name).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width, name).toBeLessThanOrEqual(390);
  }
  await stepLink(page, "Record").click();
  await expect(page.getByRole("heading", { level: 1, name: "Record" })).toBeVisible();
});

test("once idle, the app fetches the next steps' code, also where requestIdleCallback is missing", async ({ page }) => {
  for (const idle of [true, false]) {
    if (!idle) await page.addInitScript(() => { delete (window as any).requestIdleCallback; });
    const fetched: string[] = [];
    const listen = (r: { url(): string }) => fetched.push(r.url());
    page.on("request", listen);
    await openApp(page);
    // No click: the Decisions and workspace chunks and the workbook list arrive anyway.
    for (const chunk of ["split_decisions", "split_workspace", "split_switcher", "split_import", "split_overlays"]) {
      await expect.poll(() => fetched.some((u) => u.includes(chunk)), { message: `${chunk}, idle callback ${idle}` }).toBe(true);
    }
    page.off("request", listen);
    // A step then opens without a loading message.
    await stepLink(page, "Review").click();
    await expect(page.getByRole("heading", { level: 1, name: "Review" })).toBeVisible();
  }
});

test("a step chosen while the example loads stays chosen, and the example arrives there", async ({ page }) => {
  await openApp(page);
  await page.getByRole("button", { name: "Open the example" }).click();
  await stepLink(page, "Service graph").click();
  await expect(page.locator(".canvas [data-node]")).toHaveCount(9);
  await expect(page.getByRole("heading", { level: 1, name: "Service graph" })).toBeVisible();
});

test.describe("a part of the app that does not arrive", () => {
  // The service worker would serve the chunk from its cache.
  test.use({ serviceWorkers: "block" });

  test("says so, changes nothing, and arrives when asked again", async ({ page }) => {
    let refuse = true;
    await page.route(/split_overlays/, (route) => (refuse ? route.abort() : route.continue()));
    await openApp(page);
    await page.getByRole("button", { name: "Take the tour" }).click();
    const notice = page.locator(".notice-error");
    await expect(notice).toContainText("This part of the app did not load");
    await expect(notice).toContainText("Your workbook is safe in this browser.");
    await expect(page.locator(".tour")).toHaveCount(0);
    await expect(page.getByRole("heading", { level: 1, name: "Context" })).toBeVisible();

    refuse = false;
    await notice.getByRole("button", { name: "Dismiss message" }).click();
    await page.getByRole("button", { name: "Take the tour" }).click();
    await expect(page.getByRole("dialog", { name: "Context" })).toBeVisible();
    await expect(page.locator(".tour-count")).toHaveText("Tour 1 of 5");
    await expect(notice).toHaveCount(0);
  });

  test("an action whose code does not arrive names it, and runs once it does", async ({ page, context }) => {
    await context.grantPermissions(["clipboard-read", "clipboard-write"]);
    let refuse = true;
    await page.route(/split_share/, (route) => (refuse ? route.abort() : route.continue()));
    await openApp(page);
    await page.getByRole("button", { name: "Share link" }).click();
    const notice = page.locator(".notice-error");
    await expect(notice).toContainText("The link could not be made");
    await expect(notice).toContainText("The part of the app that makes links did not load; check the connection and reload.");
    await expect(notice).toContainText("Nothing was changed.");

    refuse = false;
    await page.getByRole("button", { name: "Share link" }).click();
    await expect(page.getByText(/^Link copied \(\d+ characters\)$/)).toBeVisible();
  });
});
