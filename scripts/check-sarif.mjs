// Writes `archbook score --format sarif` for every fixture and calibration
// workbook, and validates each file with Microsoft's SARIF Multitool (the
// SARIF team's own validator): no errors allowed. Also checks what code
// scanning relies on: one result per finding of the JSON output, rules that
// resolve, a relative artifact URI, suppressions for accepted risks.
//
//   node scripts/check-sarif.mjs
import { execFileSync } from "node:child_process";
import { chmodSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

// npm 11 may skip the package's own `chmod u+x` install script.
chmodSync("node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool", 0o755);

const workbooks = [
  ...["rich", "tangled", "reference", "hostile", "lifecycle"].map((f) => `tests/fixtures/${f}.json`),
  ...readdirSync("tests/fixtures/calibration").filter((f) => f.endsWith(".json")).map((f) => `tests/fixtures/calibration/${f}`),
];
execFileSync("cargo", ["build", "-q", "-p", "archbook-cli"], { stdio: "inherit" });
const archbook = join(process.env.CARGO_TARGET_DIR || "target", "debug", "archbook");
const out = mkdtempSync(join(tmpdir(), "archbook-sarif-"));
let failures = 0;
const fail = (m) => { failures++; console.error(m); };
for (const wb of workbooks) {
  const name = wb.replace(/^.*\//, "").replace(/\.json$/, "");
  const file = join(out, `${name}.sarif`);
  writeFileSync(file, execFileSync(archbook, ["score", wb, "--format", "sarif"]));
  const report = join(out, `${name}.validation.sarif`);
  execFileSync("npx", ["sarif-multitool", "validate", file, "--output", report, "--log", "ForceOverwrite"], { stdio: "ignore" });
  const problems = JSON.parse(readFileSync(report, "utf8")).runs.flatMap((r) => r.results || []);
  for (const p of problems.filter((p) => p.level === "error")) {
    fail(`${wb}: SARIF ${p.ruleId}: ${p.message.text || JSON.stringify(p.message)}`);
  }

  const sarif = JSON.parse(readFileSync(file, "utf8"));
  const json = JSON.parse(execFileSync(archbook, ["score", wb, "--format", "json"], { encoding: "utf8" }));
  const run = sarif.runs[0];
  if (run.results.length !== json.findings.length) fail(`${wb}: ${run.results.length} results for ${json.findings.length} findings`);
  for (const r of run.results) {
    if (run.tool.driver.rules[r.ruleIndex]?.id !== r.ruleId) fail(`${wb}: result ${r.ruleId} points at rule ${r.ruleIndex}`);
    const loc = r.locations[0].physicalLocation.artifactLocation;
    if (loc.uri !== wb || loc.uriBaseId !== "%SRCROOT%") fail(`${wb}: artifact ${JSON.stringify(loc)}`);
  }
  const accepted = json.findings.filter((f) => f.accepted).length;
  const suppressed = run.results.filter((r) => r.suppressions?.length).length;
  if (accepted !== suppressed) fail(`${wb}: ${accepted} accepted findings, ${suppressed} suppressed results`);
  const warnings = problems.filter((p) => p.level !== "error").map((p) => p.ruleId);
  console.log(`${wb}: ${run.results.length} results, ${suppressed} suppressed; valid${warnings.length ? ` (notes: ${[...new Set(warnings)].join(", ")})` : ""}`);
}
if (failures) {
  console.error(`${failures} problem(s) in the SARIF output`);
  process.exit(1);
}
console.log(`SARIF Multitool: ${workbooks.length} files, no errors`);
