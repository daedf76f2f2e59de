// Exports fixture workbooks with the CLI, then checks the records as a code
// host and ADR tooling would read them: markdownlint's rules (see
// .markdownlint-cli2.jsonc) and Mermaid's own parser, run in Chromium.
//
//   node scripts/check-records.mjs
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "@playwright/test";

const fixtures = ["rich", "tangled", "reference", "hostile"];
const out = mkdtempSync(join(tmpdir(), "archbook-records-"));
for (const name of fixtures) {
  execFileSync("cargo", ["run", "-q", "-p", "archbook-cli", "--", "export", `tests/fixtures/${name}.json`, "--out", join(out, name)], {
    stdio: ["ignore", "ignore", "inherit"],
  });
}
const files = fixtures.flatMap((name) => readdirSync(join(out, name)).map((f) => join(out, name, f)));
console.log(`exported ${files.length} records from ${fixtures.length} workbooks into ${out}`);

// 1. markdownlint, with the repository's settings.
execFileSync("npx", ["markdownlint-cli2", "--config", ".markdownlint-cli2.jsonc", ...files], { stdio: "inherit" });
console.log("markdownlint: no problems");

// 2. Every Mermaid block parses with Mermaid itself.
const blocks = files.flatMap((f) =>
  [...readFileSync(f, "utf8").matchAll(/```mermaid\n([\s\S]*?)```/g)].map((m) => ({ file: f, code: m[1] })),
);
if (blocks.length < fixtures.length) throw new Error(`expected a diagram per workbook, found ${blocks.length}`);
const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
});
try {
  const page = await browser.newPage();
  await page.setContent("<!doctype html><html><body></body></html>");
  await page.addScriptTag({ path: "node_modules/mermaid/dist/mermaid.min.js" });
  let failed = 0;
  for (const { file, code } of blocks) {
    const error = await page.evaluate(async (code) => {
      try {
        await window.mermaid.parse(code);
        return null;
      } catch (e) {
        return String(e && e.message ? e.message : e);
      }
    }, code);
    if (error) {
      failed++;
      console.error(`${file}: Mermaid cannot parse the diagram:\n${error}\n${code}`);
    }
  }
  if (failed) process.exit(1);
  console.log(`mermaid: ${blocks.length} diagrams parse`);

  // 3. Hostile names come out of Mermaid exactly as written: its own
  //    preprocessing (entities, "style …;", comments) changes no label.
  const hostile = JSON.parse(readFileSync("tests/fixtures/hostile.json", "utf8"));
  const expected = hostile.graph.nodes.map((n) => n.name.replace(/\s+/g, " ").trim()).sort();
  const code = blocks.find((b) => b.file.includes(`${join(out, "hostile")}/`)).code;
  const shown = await page.evaluate(async (code) => {
    window.mermaid.initialize({ startOnLoad: false, securityLevel: "strict" });
    const { svg } = await window.mermaid.render("hostile", code);
    const doc = new DOMParser().parseFromString(svg, "image/svg+xml");
    return [...doc.querySelectorAll(".node .nodeLabel, .node text")].map((e) => e.textContent.replace(/\s+/g, " ").trim()).filter(Boolean);
  }, code);
  const got = [...new Set(shown)].sort();
  if (JSON.stringify(got) !== JSON.stringify(expected)) {
    console.error(`mermaid renders the hostile names differently:\n  expected ${JSON.stringify(expected)}\n  got      ${JSON.stringify(got)}`);
    process.exit(1);
  }
  console.log(`mermaid: ${expected.length} hostile names render exactly as written`);
} finally {
  await browser.close();
}
