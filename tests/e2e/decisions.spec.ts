import { test, expect, openApp, stepLink, storedWorkbooks } from "./fixtures";
import { readFileSync } from "node:fs";

const CUSTOM = readFileSync("tests/fixtures/custom-checklist.md", "utf8");

async function openDecision(page, title: string) {
  await stepLink(page, "Decisions").click();
  await page.getByRole("link", { name: title, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
}

test("the decision list shows every decision with progress and risk", async ({ page }) => {
  await openApp(page);
  await stepLink(page, "Decisions").click();
  for (const title of [
    "Service boundaries", "Event-driven and asynchronous processing", "Caching strategy", "Database scaling",
    "CQRS and event sourcing", "Consistency model", "Deployment platform", "API security and abuse prevention",
    "Observability", "Error handling and resilience", "Delivery and evolution", "Data store choice",
    "Availability and disaster recovery", "API style and contracts", "Authorisation and tenant isolation",
  ]) {
    await expect(page.getByRole("link", { name: title, exact: true })).toBeVisible();
  }
  await expect(page.getByText("0 of 15 decisions started.")).toBeVisible();
});

test("a checklist walked by keyboard only changes the recommendation with the answers", async ({ page }) => {
  await openApp(page);
  await openDecision(page, "Service boundaries");
  const panel = page.getByRole("complementary", { name: "Recommendation" });
  await expect(panel).toContainText("Answer the questions to get a recommendation.");

  // Question 1 (team size): "1" picks "Fewer than 10 people"; "n" moves on.
  await page.keyboard.press("1");
  await expect(page.getByRole("button", { name: "Fewer than 10 people" })).toHaveAttribute("aria-pressed", "true");
  await page.keyboard.press("n");
  await expect(page.getByRole("heading", { name: "Do several teams need to release independently?" })).toBeVisible();
  await page.keyboard.press("3"); // No, one team releases everything
  // Uneven scaling could still call for extraction: not decided yet.
  await expect(panel).toContainText("Not decided yet");
  await page.keyboard.press("n");
  await page.keyboard.press("2"); // No, load is spread fairly evenly
  await expect(panel.locator(".rec-option")).toHaveText("Modular monolith");
  await expect(panel).toContainText("Fewer than 10 people");
  await expect(panel).toContainText("No, one team releases everything");

  // Change the answers: a large team, blocked by releases, with mature ops.
  await page.keyboard.press("p");
  await page.keyboard.press("p");
  await page.keyboard.press("3"); // More than 50
  await page.keyboard.press("ArrowRight");
  await page.keyboard.press("1"); // Yes, teams are blocked
  await page.keyboard.press("ArrowRight");
  await page.keyboard.press("ArrowRight");
  await page.keyboard.press("ArrowRight");
  await expect(page.getByRole("heading", { name: "Can the team run distributed infrastructure today?" })).toBeVisible();
  await page.keyboard.press("1"); // mature
  await expect(panel.locator(".rec-option")).toHaveText("Microservices");
  await expect(panel).toContainText("More than 50");

  // No automation: the recommendation changes and says the risk is high.
  await page.keyboard.press("3");
  await expect(panel.locator(".rec-option")).toHaveText("Monolith first, extract services later");
  await expect(panel).toContainText("High risk");
  await expect(panel).toContainText("Build CI/CD, distributed tracing and an on-call routine");
});

test("context answers questions in advance, and the team can change them", async ({ page }) => {
  await openApp(page);
  await page.getByLabel("Team size").fill("5");
  await page.getByLabel("Number of teams").fill("1");
  await openDecision(page, "Service boundaries");
  await expect(page.getByText("Answered from your context (Team size).")).toBeVisible();
  const panel = page.getByRole("complementary", { name: "Recommendation" });
  // The context cannot say whether load is uneven: that one is asked.
  await expect(panel).toContainText("Not decided yet");
  await page.getByRole("button", { name: "All questions" }).click();
  await page.getByRole("button", { name: "No, load is spread fairly evenly" }).click();
  await expect(panel.locator(".rec-option")).toHaveText("Modular monolith");
  await expect(panel).toContainText("(from context)");
  await page.getByRole("button", { name: "From 10 up to 50" }).click();
  await expect(page.getByText("Answered from your context (Team size).")).toBeHidden();
});

test("the team overrides the option with a justification, and it all survives a reload", async ({ page }) => {
  await openApp(page);
  await openDecision(page, "Caching strategy");
  await page.getByRole("button", { name: "All questions" }).click();
  await page.getByRole("button", { name: "Yes, a small set of data takes most reads" }).click();
  await page.getByRole("button", { name: "Yes, seconds to minutes are fine" }).click();
  // Not decided while "mostly writes?" is open: that answer would change it.
  const panel = page.getByRole("complementary", { name: "Recommendation" });
  await expect(panel).toContainText("Not decided yet");
  await expect(panel.getByRole("button", { name: "How much of the traffic only reads?" })).toBeVisible();
  await page.getByRole("button", { name: "Mostly reads (70 % or more)" }).click();
  // Static content would call for a CDN: still open. It does not apply here.
  await expect(panel).toContainText("Not decided yet");
  await page.getByRole("checkbox", { name: "Not applicable to this system" }).last().check();
  await page.getByLabel("Why this question does not apply").fill("API only, no static files");
  await expect(panel.locator(".rec-option")).toHaveText("Cache-aside with expiry");

  await page.getByLabel("Chosen option").selectOption({ label: "Write-through cache" });
  await expect(page.getByText("The record will show this reason")).toBeVisible();
  await page.getByLabel("Why the team chose differently").fill("Prices must never be stale at checkout.");
  await expect(page.getByText("The record will show this reason")).toBeHidden();
  await expect(panel).toContainText("Your team chose Write-through cache instead.");
  await page.getByLabel("Status").selectOption("accepted");
  await page.getByLabel("Decision makers").fill("Ana, Bo");
  await page.getByLabel("Notes").fill("Revisit after launch.");

  await page.reload();
  await expect(page.getByRole("heading", { level: 1, name: "Caching strategy" })).toBeVisible();
  await page.getByRole("button", { name: "All questions" }).click();
  await expect(page.getByRole("button", { name: "Yes, a small set of data takes most reads" })).toHaveAttribute("aria-pressed", "true");
  await expect(page.getByLabel("Chosen option")).toHaveValue("write-through");
  await expect(page.getByLabel("Why the team chose differently")).toHaveValue("Prices must never be stale at checkout.");
  await expect(page.getByLabel("Status")).toHaveValue("accepted");
  await expect(page.getByLabel("Decision makers")).toHaveValue("Ana, Bo");
  await expect(page.getByLabel("Why this question does not apply")).toHaveValue("API only, no static files");

  const [wb] = Object.values(await storedWorkbooks(page));
  expect(wb.decisions.caching).toMatchObject({
    answers: { "read-ratio": "mostly-reads", "hot-data": "yes", staleness: "seconds" },
    not_applicable: { "static-content": "API only, no static files" },
    chosen: "write-through",
    justification: "Prices must never be stale at checkout.",
    status: "accepted",
    decision_makers: ["Ana", "Bo"],
    notes: "Revisit after launch.",
  });
  await stepLink(page, "Decisions").click();
  await expect(page.getByText("1 of 15 decisions started.")).toBeVisible();
});

test("a team imports its own checklist and answers it like a built-in one", async ({ page }) => {
  await openApp(page);
  await stepLink(page, "Decisions").click();
  await page.getByLabel("Add a checklist file").setInputFiles({ name: "broker.md", mimeType: "text/markdown", buffer: Buffer.from(CUSTOM) });
  await expect(page.getByText("Added the checklist \"Message broker\" to this workbook.")).toBeVisible();
  await page.getByRole("link", { name: "Message broker", exact: true }).click();
  await page.keyboard.press("1");
  await page.keyboard.press("n");
  await page.keyboard.press("1");
  const panel = page.getByRole("complementary", { name: "Recommendation" });
  await expect(panel.locator(".rec-option")).toHaveText("Self-hosted log broker");
  await page.reload();
  await expect(panel.locator(".rec-option")).toHaveText("Self-hosted log broker");
  const [wb] = Object.values(await storedWorkbooks(page));
  expect(wb.custom_checklists[0].file).toBe("broker.md");
  expect(wb.decisions["message-broker"].answers).toEqual({ replay: "yes", ops: "yes" });
});

test("a broken checklist shows its problems with line numbers and changes nothing", async ({ page }) => {
  await openApp(page);
  await stepLink(page, "Decisions").click();
  const broken = CUSTOM.replace("`ops` is `yes`", "`ops` is `maybe`").replace("### Can the team run a broker cluster? (`ops`)", "### Can the team run a broker cluster?");
  await page.getByLabel("Add a checklist file").setInputFiles({ name: "broken.md", mimeType: "text/markdown", buffer: Buffer.from(broken) });
  const alert = page.getByRole("alert").filter({ hasText: "Could not add the checklist broken.md" });
  await expect(alert).toContainText("Line 31: a question heading ends with its id in backticks");
  await expect(alert).toContainText("Nothing was changed.");
  await expect(page.getByRole("link", { name: "Message broker", exact: true })).toHaveCount(0);
  const [wb] = Object.values(await storedWorkbooks(page));
  expect(wb.custom_checklists).toBeUndefined();
});

test("help text from a checklist is rendered without running its HTML", async ({ page }) => {
  await openApp(page);
  await stepLink(page, "Decisions").click();
  const hostile = CUSTOM.replace(
    "Replaying lets a new consumer rebuild its state from history. [^team]",
    "Replaying helps. <img src=x onerror=\"window.__pwned=1\"> [click](javascript:window.__pwned=2) [docs](https://example.org) [^team]",
  );
  await page.getByLabel("Add a checklist file").setInputFiles({ name: "hostile.md", mimeType: "text/markdown", buffer: Buffer.from(hostile) });
  await page.getByRole("link", { name: "Message broker", exact: true }).click();
  const help = page.locator(".help").first();
  await expect(help).toContainText("Replaying helps.");
  await expect(help).not.toContainText("onerror");
  await expect(help.locator("img")).toHaveCount(0);
  await expect(help.getByRole("link", { name: "click" })).toHaveCount(0);
  await expect(help.getByRole("link", { name: "docs" })).toHaveAttribute("href", "https://example.org");
  expect(await page.evaluate(() => (window as any).__pwned)).toBeUndefined();
});

test("every question of every checklist is reached with the Previous and Next buttons", async ({ page }) => {
  // About a hundred questions, each clicked to and back: long, not slow.
  test.setTimeout(120_000);
  await openApp(page);
  await stepLink(page, "Decisions").click();
  await expect(page.locator(".decision-card h2 a").first()).toBeVisible();
  const links = await page.locator(".decision-card h2 a").allTextContents();
  expect(links.length).toBeGreaterThanOrEqual(15);
  for (const title of links) {
    await stepLink(page, "Decisions").click();
    await page.getByRole("link", { name: title.trim(), exact: true }).click();
    const next = page.getByRole("button", { name: "Next →", exact: true });
    const previous = page.getByRole("button", { name: "← Previous", exact: true });
    const counter = page.locator(".question-nav .muted");
    const total = Number((await counter.textContent())!.match(/of (\d+)/)![1]);
    expect(total).toBeGreaterThan(1);
    await expect(previous).toBeDisabled();
    for (let i = 1; i < total; i++) {
      await expect(counter).toHaveText(`Question ${i} of ${total}`);
      await expect(next).toBeEnabled();
      await next.click();
    }
    await expect(counter).toHaveText(`Question ${total} of ${total}`);
    await expect(next).toBeDisabled();
    await previous.click();
    await expect(counter).toHaveText(`Question ${total - 1} of ${total}`);
  }
});

test("started means one thing everywhere: the list, its summary and the cards agree", async ({ page }) => {
  await openApp(page);
  await page.getByLabel("Team size").fill("5");
  await page.getByLabel("Number of teams").fill("1");
  await stepLink(page, "Decisions").click();
  await expect(page.getByText("0 of 15 decisions started.")).toBeVisible();
  const card = page.locator(".decision-card", { has: page.getByRole("link", { name: "Service boundaries", exact: true }) });
  await expect(card.locator(".decision-meta")).toHaveText("Not started · 2 of 5 answered by the context");
  await expect(card.locator(".badge").first()).toHaveText("Not started");
  await page.getByRole("link", { name: "Service boundaries", exact: true }).click();
  await page.getByRole("button", { name: "All questions" }).click();
  await page.getByRole("button", { name: "No, load is spread fairly evenly" }).click();
  await stepLink(page, "Decisions").click();
  await expect(page.getByText("1 of 15 decisions started.")).toBeVisible();
  await expect(card.locator(".decision-meta")).toHaveText("3 of 5 answered · Modular monolith");
  await expect(card.locator(".badge").first()).toHaveText("No risk");
});

test("an accepted decision keeps its option when the context changes, says so, and can be re-decided", async ({ page }) => {
  await openApp(page);
  await page.getByLabel("Team size").fill("6");
  await page.getByLabel("Number of teams").fill("1");
  await openDecision(page, "Service boundaries");
  await page.getByRole("button", { name: "All questions" }).click();
  await page.getByRole("button", { name: "No, load is spread fairly evenly" }).click();
  const panel = page.getByRole("complementary", { name: "Recommendation" });
  await expect(panel.locator(".rec-option")).toHaveText("Modular monolith");
  await page.getByLabel("Status").selectOption("accepted");

  // The organisation grows; how many teams there are does not say whether
  // a shared release holds them up, so the checklist asks, and they answer.
  await stepLink(page, "Context").click();
  await page.getByLabel("Team size").fill("40");
  await page.getByLabel("Number of teams").fill("4");
  await openDecision(page, "Service boundaries");
  await page.getByRole("button", { name: "All questions" }).click();
  await page.getByRole("button", { name: "Not yet, but a second team is planned" }).click();
  await stepLink(page, "Decisions").click();
  const card = page.locator(".decision-card", { has: page.getByRole("link", { name: "Service boundaries", exact: true }) });
  await expect(card.locator(".decision-meta")).toContainText("Modular monolith");
  await expect(card).toContainText("Recommendation changed");

  await stepLink(page, "Review").click();
  const finding = page.locator('[data-rule="outdated-decision"]');
  await expect(finding).toContainText("\"Service boundaries\" was accepted with \"Modular monolith\", but the answers now recommend \"Monolith first, extract services later\".");

  await openDecision(page, "Service boundaries");
  const note = panel.getByRole("note");
  await expect(note).toContainText("The recommendation changed since this was accepted.");
  await expect(panel.locator(".rec-option")).toHaveText("Monolith first, extract services later");
  await note.getByRole("button", { name: "Accept Monolith first, extract services later" }).click();
  await expect(note).toBeHidden();
  await stepLink(page, "Decisions").click();
  await expect(card.locator(".decision-meta")).toContainText("Monolith first, extract services later");
  await expect(card).not.toContainText("Recommendation changed");
  await stepLink(page, "Review").click();
  await expect(page.locator('[data-rule="outdated-decision"]')).toHaveCount(0);
});
