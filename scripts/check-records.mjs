// Exports fixture workbooks with the CLI in both layouts (MADR 4.0 and
// log4brains), then reads the records with the tools teams point at them:
// markdownlint's rules (see .markdownlint-cli2.jsonc), Mermaid's own parser
// (run in Chromium), log4brains' library, adr-log and adr-tools. Every title,
// status and date must come back as written.
//
//   node scripts/check-records.mjs
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "@playwright/test";
import { Log4brains } from "@log4brains/core";
import yaml from "js-yaml";

const fixtures = ["rich", "tangled", "reference", "hostile", "lifecycle"];
const flavours = ["madr", "log4brains"];
// Undated decisions take this date, as `archbook export --date` sets it.
const EXPORT_DATE = "2026-12-01";
const out = mkdtempSync(join(tmpdir(), "archbook-records-"));
const repo = (flavour, name) => join(out, flavour, name);
const adrDir = (flavour, name) => join(repo(flavour, name), "docs", "decisions");
for (const flavour of flavours) {
  for (const name of fixtures) {
    execFileSync("cargo", ["run", "-q", "-p", "archbook-cli", "--", "export", `tests/fixtures/${name}.json`,
      "--out", adrDir(flavour, name), "--format", flavour, "--date", EXPORT_DATE], {
      stdio: ["ignore", "ignore", "inherit"],
    });
  }
}
const recordsOf = (flavour, name) => readdirSync(adrDir(flavour, name)).filter((f) => /^\d{4}-.*\.md$/.test(f)).sort();
const files = flavours.flatMap((flavour) => fixtures.flatMap((name) => recordsOf(flavour, name).map((f) => join(adrDir(flavour, name), f))));
console.log(`exported ${files.length} records from ${fixtures.length} workbooks, in ${flavours.length} layouts, into ${out}`);

// 1. markdownlint, with the repository's settings.
execFileSync("npx", ["markdownlint-cli2", "--config", ".markdownlint-cli2.jsonc", ...files], { stdio: "inherit" });
console.log("markdownlint: no problems");

// 2. Every Mermaid block parses with Mermaid itself.
const blocks = files.filter((f) => f.includes(`${join(out, "madr")}/`)).flatMap((f) =>
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
  const code = blocks.find((b) => b.file.startsWith(`${adrDir("madr", "hostile")}/`)).code;
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

// 4. What each record says about itself: its title, status and date, read
//    from the file the way its layout writes them.
function declared(flavour, file) {
  const text = readFileSync(file, "utf8");
  if (flavour === "madr") {
    const m = text.match(/^---\n([\s\S]*?)\n---\n# (.*)\n/);
    if (!m) throw new Error(`${file}: no front matter followed directly by the title`);
    const head = yaml.load(m[1], { schema: yaml.JSON_SCHEMA });
    return { title: m[2], status: head.status, date: head.date };
  }
  const m = text.match(/^# (.*)\n\n((?:- .*\n)+)/);
  if (!m) throw new Error(`${file}: no title followed by the status list`);
  const field = (k) => (m[2].match(new RegExp(`^- ${k}: (.*)$`, "m")) || [])[1];
  return { title: m[1], status: field("Status"), date: field("Date") };
}

// Hand-written expectations for the workbook made for this check: one
// decision in each status, dated and undated.
const LIFECYCLE = [
  ["0001", "Ticket office: architecture overview", "accepted", EXPORT_DATE],
  ["0002", "Service boundaries: Monolith first, extract services later", "accepted", "2026-03-02"],
  ["0003", "Event-driven and asynchronous processing: open", "deprecated", "2025-11-20"],
  ["0004", "Caching strategy: Cache-aside with expiry", "proposed", EXPORT_DATE],
  ["0005", "Database scaling: open", "rejected", "2026-05-10"],
  ["0006", "Observability: open", "superseded", "2026-01-15"],
];
const expected = new Map(); // "flavour/name/file" → { title, status, date }
let failures = 0;
const fail = (message) => { failures++; console.error(message); };
for (const flavour of flavours) {
  for (const name of fixtures) {
    for (const f of recordsOf(flavour, name)) {
      const d = declared(flavour, join(adrDir(flavour, name), f));
      if (!/^\d{4}-\d{2}-\d{2}$/.test(String(d.date))) fail(`${flavour}/${name}/${f}: date ${JSON.stringify(d.date)} is not YYYY-MM-DD`);
      expected.set(`${flavour}/${name}/${f}`, d);
    }
  }
  const lifecycle = recordsOf(flavour, "lifecycle");
  if (lifecycle.length !== LIFECYCLE.length) fail(`${flavour}/lifecycle: ${lifecycle.length} records, expected ${LIFECYCLE.length}`);
  for (const [number, title, status, date] of LIFECYCLE) {
    const f = lifecycle.find((x) => x.startsWith(`${number}-`));
    const d = f && expected.get(`${flavour}/lifecycle/${f}`);
    if (!d || d.title !== title || d.status !== status || d.date !== date) {
      fail(`${flavour}/lifecycle/${number}: expected ${JSON.stringify({ title, status, date })}, the file says ${JSON.stringify(d)}`);
    }
  }
}
// Both layouts carry the same facts.
for (const name of fixtures) {
  for (const f of recordsOf("madr", name)) {
    const a = JSON.stringify(expected.get(`madr/${name}/${f}`));
    const b = JSON.stringify(expected.get(`log4brains/${name}/${f}`));
    if (a !== b) fail(`${name}/${f}: MADR says ${a}, log4brains layout says ${b}`);
  }
}

// A title as the team typed it: the record escapes Markdown's punctuation.
const unescapeMarkdown = (md) => md.replace(/\\([!-\/:-@\[-`{-~])/g, "$1");

// 5. Each export becomes a git repository, as teams commit them.
const git = (cwd, ...args) => execFileSync("git", ["-c", "user.name=Archbook CI", "-c", "user.email=ci@archbook.invalid", ...args], { cwd, stdio: "ignore" });
for (const flavour of flavours) {
  for (const name of fixtures) {
    const dir = repo(flavour, name);
    writeFileSync(join(dir, ".log4brains.yml"), `project:\n  name: ${name}\n  tz: UTC\n  adrFolder: ./docs/decisions\n`);
    writeFileSync(join(dir, ".adr-dir"), "docs/decisions\n");
    git(dir, "init", "-q");
    git(dir, "add", ".");
    git(dir, "commit", "-q", "-m", "Architecture decision records from Archbook");
  }
}

// 6. log4brains reads the log4brains layout: title, status and date of
//    every record. (It ignores MADR front matter, so for the MADR layout
//    only the titles are checked.)
for (const flavour of flavours) {
  for (const name of fixtures) {
    const adrs = await Log4brains.create(repo(flavour, name)).searchAdrs();
    const files = recordsOf(flavour, name);
    if (adrs.length !== files.length) fail(`log4brains: ${flavour}/${name}: ${adrs.length} records read, ${files.length} written`);
    for (const adr of adrs) {
      const f = `${adr.slug}.md`;
      const want = expected.get(`${flavour}/${name}/${f}`);
      if (!want) { fail(`log4brains: ${flavour}/${name}: unexpected record ${adr.slug}`); continue; }
      // log4brains renders the Markdown: escaped characters come back as typed.
      const got = { title: adr.title, status: adr.status, date: adr.publicationDate ? adr.publicationDate.slice(0, 10) : null };
      const check = flavour === "log4brains" ? ["title", "status", "date"] : ["title"];
      for (const k of check) if (got[k] !== (k === "title" ? unescapeMarkdown(want[k]) : want[k])) fail(`log4brains: ${flavour}/${name}/${f}: ${k} ${JSON.stringify(got[k])}, the record says ${JSON.stringify(want[k])}`);
    }
  }
}
console.log("log4brains: every record read, with its title (and, in its own layout, status and date)");

// 7. adr-log lists every record with its title, in both layouts.
for (const flavour of flavours) {
  for (const name of fixtures) {
    const log = execFileSync("npx", ["adr-log", "-d", adrDir(flavour, name)], { encoding: "utf8" });
    const listed = [...log.matchAll(/^\* \[ADR-(\d+)\]\((.*?)\) - (.*)$/gm)].map((m) => ({ file: m[2], title: m[3] }));
    const files = recordsOf(flavour, name);
    if (listed.length !== files.length) fail(`adr-log: ${flavour}/${name}: ${listed.length} records listed, ${files.length} written`);
    for (const { file, title } of listed) {
      const want = expected.get(`${flavour}/${name}/${file}`);
      if (!want || want.title !== title) fail(`adr-log: ${flavour}/${name}/${file}: title ${JSON.stringify(title)}, the record says ${JSON.stringify(want && want.title)}`);
    }
  }
}
console.log("adr-log: every record listed with its title");

// 8. adr-tools lists every record; its table of contents takes the title
//    from the first line, which only the log4brains layout has there.
for (const flavour of flavours) {
  for (const name of fixtures) {
    const dir = repo(flavour, name);
    const listed = execFileSync("adr", ["list"], { cwd: dir, encoding: "utf8" }).trim().split("\n").map((l) => l.replace("docs/decisions/", ""));
    const files = recordsOf(flavour, name);
    if (JSON.stringify(listed) !== JSON.stringify(files)) fail(`adr-tools: ${flavour}/${name}: adr list gives ${JSON.stringify(listed)}, written ${JSON.stringify(files)}`);
    if (flavour !== "log4brains") continue;
    const toc = execFileSync("adr", ["generate", "toc"], { cwd: dir, encoding: "utf8" });
    for (const m of toc.matchAll(/^\* \[(.*)\]\((.*)\)$/gm)) {
      const want = expected.get(`${flavour}/${name}/${m[2]}`);
      if (!want || want.title !== m[1]) fail(`adr-tools: ${flavour}/${name}/${m[2]}: title ${JSON.stringify(m[1])}, the record says ${JSON.stringify(want && want.title)}`);
    }
  }
}
console.log("adr-tools: every record listed (and titled, in the log4brains layout)");
if (failures) {
  console.error(`${failures} problem(s) reading the records`);
  process.exit(1);
}
