import { Page } from "@playwright/test";
import { test, expect, openApp, stepLink, storedGraph } from "./fixtures";

// A desktop screen: the whole graph of a template fits at a readable zoom
// (names of 12 px or more) beside both panels.
test.use({ viewport: { width: 1600, height: 900 } });

/**
 * Issue 27: nobody loses a keystroke. A change arriving from another tab
 * updates everything except the field being typed in; that field says a
 * newer value exists and keeps what was typed; undo keeps this tab's own
 * history across incoming changes.
 */

async function shop(page: Page) {
  await openApp(page);
  await stepLink(page, "Service graph").click();
  await page.getByRole("button", { name: /Microservices shop/ }).click();
  await expect(page.locator(".canvas [data-node]")).toHaveCount(10);
}

const byId = (page: Page, id: string) => page.locator(`.canvas [data-node="${id}"]`);

/** Renames a component through the properties panel, as a person does. */
async function rename(page: Page, id: string, name: string) {
  await byId(page, id).click();
  const field = page.getByRole("textbox", { name: "Name", exact: true });
  await field.fill(name);
  await field.press("Enter");
  await expect(byId(page, id)).toHaveAttribute("aria-label", new RegExp(`^${name},`));
}

test("typing in tab B while tab A saves three renames loses no keystroke", async ({ page: a, context }) => {
  await shop(a);
  const b = await context.newPage();
  await openApp(b);
  await stepLink(b, "Service graph").click();
  await expect(byId(b, "catalog")).toBeVisible();
  await byId(b, "catalog").click();
  const name = b.getByRole("textbox", { name: "Name", exact: true });
  await name.click();
  await name.press("End");
  const typed = " catalogue for restaurants";
  const renames = ["Restaurants X", "Restaurants Y", "Restaurants Z"];
  for (let i = 0; i < typed.length; i++) {
    await name.press(typed[i] === " " ? "Space" : typed[i]);
    // Every few keystrokes tab A saves a rename of the same component and
    // of another one.
    if (i % 8 === 3 && renames.length) {
      const next = renames.shift()!;
      await rename(a, "catalog", next);
      await rename(a, "orders", `orders ${next.slice(-1)}`);
      // B shows A's other change while typing ...
      await expect(byId(b, "orders")).toHaveAttribute("aria-label", new RegExp(`^orders ${next.slice(-1)},`));
      // ... and its own field is untouched.
      await expect(name).toBeFocused();
    }
  }
  expect(renames).toEqual([]);
  await expect(name).toHaveValue(`catalog${typed}`);
  await expect(b.getByRole("status").filter({ hasText: "Changed elsewhere to" })).toContainText("“Restaurants Z”");
  // Leaving the field saves what was typed, in both tabs.
  await name.press("Tab");
  await expect(byId(b, "catalog")).toHaveAttribute("aria-label", new RegExp(`^catalog${typed},`));
  await expect(byId(a, "catalog")).toHaveAttribute("aria-label", new RegExp(`^catalog${typed},`));
  await expect.poll(async () => (await storedGraph(a)).nodes.find((n: any) => n.id === "catalog").name).toBe(`catalog${typed}`);
  expect((await storedGraph(a)).nodes.find((n: any) => n.id === "orders").name).toBe("orders Z");
  await b.close();
});

test("a Context field being typed in keeps its text while the other fields follow the other tab", async ({ page: a, context }) => {
  await openApp(a);
  await a.getByLabel("System name").fill("Shop");
  const b = await context.newPage();
  await openApp(b);
  await expect(b.getByLabel("System name")).toHaveValue("Shop");
  const problem = b.getByLabel("Problem statement");
  await problem.click();
  const text = "Shoppers pay in one step and see their order at once.";
  for (let i = 0; i < text.length; i++) {
    await problem.press(text[i] === " " ? "Space" : text[i]);
    if (i === 10) await a.getByLabel("Team size").fill("7");
    if (i === 25) await a.getByLabel("Number of teams").fill("2");
    if (i === 40) await a.getByLabel("System name").fill("Shop platform");
  }
  await expect(problem).toHaveValue(text);
  await expect(b.getByLabel("Team size")).toHaveValue("7");
  await expect(b.getByLabel("Number of teams")).toHaveValue("2");
  await expect(b.getByLabel("System name")).toHaveValue("Shop platform");
  await problem.press("Tab");
  await expect(a.getByLabel("Problem statement")).toHaveValue(text);
  await b.close();
});

test("undo in one tab undoes its own change, keeping the other tab's", async ({ page: a, context }) => {
  await shop(a);
  const b = await context.newPage();
  await openApp(b);
  await stepLink(b, "Service graph").click();
  await expect(byId(b, "orders")).toBeVisible();
  await rename(b, "orders", "orders-b");
  await expect(byId(a, "orders")).toHaveAttribute("aria-label", /^orders-b,/);
  await rename(a, "catalog", "catalog-a");
  await expect(byId(b, "catalog")).toHaveAttribute("aria-label", /^catalog-a,/);
  // B's undo is still there, and undoes B's rename only.
  await b.getByRole("button", { name: "Undo" }).click();
  await expect(byId(b, "orders")).toHaveAttribute("aria-label", /^orders,/);
  await expect(byId(b, "catalog")).toHaveAttribute("aria-label", /^catalog-a,/);
  await expect(byId(a, "orders")).toHaveAttribute("aria-label", /^orders,/);
  await expect(byId(a, "catalog")).toHaveAttribute("aria-label", /^catalog-a,/);
  await b.close();
});
