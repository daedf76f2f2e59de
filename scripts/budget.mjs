// First-load transfer of the built app: every file the browser fetches on a
// first visit (HTML, JS, wasm, CSS), raw and gzip -9. Fails over the budget.
// With --bench, also runs the review benchmark and reports it (timings on
// shared machines are noisy, so they are reported, not enforced).
//
//   node scripts/budget.mjs [dist] [--bench]
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join, extname } from "node:path";
import { gzipSync, constants } from "node:zlib";

const BUDGET_GZIP_BYTES = 350 * 1024;
const args = process.argv.slice(2);
const dist = args.find((a) => !a.startsWith("--")) ?? "dist";
const kinds = { ".html": "HTML", ".js": "JS", ".wasm": "wasm", ".css": "CSS" };

const rows = [];
for (const name of readdirSync(dist)) {
  const path = join(dist, name);
  const kind = kinds[extname(name)];
  if (!kind || !statSync(path).isFile()) continue;
  const bytes = readFileSync(path);
  const gz = gzipSync(bytes, { level: constants.Z_BEST_COMPRESSION }).length;
  rows.push({ kind, name, raw: bytes.length, gz });
}
if (!rows.some((r) => r.kind === "wasm")) {
  console.error(`budget: no .wasm file in ${dist}; build the app first`);
  process.exit(1);
}

const kb = (n) => (n / 1024).toFixed(1).padStart(8) + " KB";
const order = ["wasm", "JS", "CSS", "HTML"];
rows.sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind) || a.name.localeCompare(b.name));
console.log(`${"kind".padEnd(6)}${"file".padEnd(44)}${"raw".padStart(11)}${"gzip -9".padStart(11)}`);
for (const r of rows) console.log(`${r.kind.padEnd(6)}${r.name.padEnd(44)}${kb(r.raw)}${kb(r.gz)}`);
const raw = rows.reduce((s, r) => s + r.raw, 0);
const gz = rows.reduce((s, r) => s + r.gz, 0);
console.log(`${"total".padEnd(50)}${kb(raw)}${kb(gz)}`);
console.log(`budget: ${kb(gz).trim()} of ${kb(BUDGET_GZIP_BYTES).trim()} gzipped first-load transfer`);
if (gz > BUDGET_GZIP_BYTES) {
  console.error(`budget: over by ${kb(gz - BUDGET_GZIP_BYTES).trim()}`);
  process.exit(1);
}

if (args.includes("--bench")) {
  const { execFileSync } = await import("node:child_process");
  console.log("\nreview benchmark (cargo bench -p archbook-core --bench analysis; target: 10,000 nodes in 20 ms):");
  const out = execFileSync("cargo", ["bench", "-q", "-p", "archbook-core", "--bench", "analysis"], { encoding: "utf8" });
  console.log(out.trimEnd());
}
