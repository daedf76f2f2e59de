// The shape the web crate must keep (issue 19): no function or component
// longer than 120 lines, and no cycle among its modules. A module "uses"
// another when it names it through `crate::` or `super::`.
//
// node scripts/check-web.mjs [--graph]
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join, relative, sep } from "node:path";

const ROOT = new URL("..", import.meta.url).pathname;
const SRC = join(ROOT, "app/web/src");
const MAX_LINES = 120;

function files(dir) {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : p.endsWith(".rs") ? [p] : [];
  });
}

// app/web/src/steps/graph/mod.rs → "steps::graph"; main.rs → "crate".
function modulePath(file) {
  const parts = relative(SRC, file).replace(/\.rs$/, "").split(sep);
  if (parts.at(-1) === "mod") parts.pop();
  if (parts.length === 1 && parts[0] === "main") return "crate";
  return parts.join("::");
}

const modules = new Map(files(SRC).map((f) => [modulePath(f), f]));
const problems = [];

// 1. Long functions: from the `fn` line to the brace closing it at the same indent.
for (const [mod, file] of modules) {
  const lines = readFileSync(file, "utf8").split("\n");
  lines.forEach((line, i) => {
    const m = /^(\s*)(?:pub(?:\([^)]*\))?\s+)?(?:async\s+)?fn\s+(\w+)/.exec(line);
    if (!m) return;
    const indent = m[1];
    let end = i;
    if (!line.trimEnd().endsWith(";")) {
      for (let j = i + 1; j < lines.length; j++) {
        if (lines[j].startsWith(indent + "}") && !lines[j].startsWith(indent + " ")) {
          end = j;
          break;
        }
      }
    }
    const n = end - i + 1;
    if (n > MAX_LINES) {
      problems.push(`${relative(ROOT, file)}:${i + 1}: fn ${m[2]} is ${n} lines (at most ${MAX_LINES})`);
    }
  });
}

// 2. Module cycles.
function resolve(from, path) {
  // `path` is what follows `crate::` or `super::`: the longest known module prefix.
  const segs = path.split("::");
  for (let k = segs.length; k > 0; k--) {
    const cand = segs.slice(0, k).join("::");
    if (modules.has(cand)) return cand;
  }
  return null;
}
const uses = new Map();
for (const [mod, file] of modules) {
  const text = readFileSync(file, "utf8").replace(/\/\/.*$/gm, "");
  const out = new Set();
  for (const m of text.matchAll(/\bcrate::((?:\w+::)*\w+)/g)) {
    const to = resolve(mod, m[1]);
    if (to && to !== mod) out.add(to);
  }
  const parent = mod.includes("::") ? mod.split("::").slice(0, -1).join("::") : "crate";
  for (const m of text.matchAll(/\bsuper::((?:\w+::)*\w+)/g)) {
    const full = parent === "crate" ? m[1] : `${parent}::${m[1]}`;
    const to = resolve(mod, full) ?? (modules.has(parent) ? parent : null);
    if (to && to !== mod) out.add(to);
  }
  // Grouped paths: `use crate::{a, b::C}`, `use crate::a::{b, c}`, `use super::{frame::X, Y}`.
  for (const m of text.matchAll(/\b(crate|super)::((?:\w+::)*)\{([^}]*)\}/g)) {
    const prefix = m[2];
    for (const item of m[3].split(",").map((x) => x.trim()).filter(Boolean)) {
      const path = prefix + item.split(/\s+as\s+/)[0];
      const full = m[1] === "crate" || parent === "crate" ? path : `${parent}::${path}`;
      const to = resolve(mod, full) ?? (m[1] === "super" && modules.has(parent) ? parent : null);
      if (to && to !== mod) out.add(to);
    }
  }
  // A module's own children, named by a relative path (`canvas::GraphCanvas`).
  const children = [...text.matchAll(/^\s*(?:pub(?:\([^)]*\))?\s+)?mod\s+(\w+);/gm)].map((m) => m[1]);
  for (const child of children) {
    const full = mod === "crate" ? child : `${mod}::${child}`;
    const named = new RegExp(`(?<![\\w:])${child}::[\\w{]`).test(text.replace(/^\s*(?:pub(?:\([^)]*\))?\s+)?(?:mod|use)\s.*$/gm, (l) => (l.includes("use ") && !l.includes("crate::") && !l.includes("super::") ? l : "")));
    if (named && modules.has(full)) out.add(full);
  }
  uses.set(mod, out);
}
if (process.argv.includes("--graph")) {
  for (const [m, out] of [...uses].sort()) console.log(`${m} → ${[...out].sort().join(", ")}`);
}
// Tarjan's strongly connected components.
let index = 0;
const idx = new Map(), low = new Map(), stack = [], on = new Set();
function strong(v) {
  idx.set(v, index); low.set(v, index); index++;
  stack.push(v); on.add(v);
  for (const w of uses.get(v) ?? []) {
    if (!idx.has(w)) { strong(w); low.set(v, Math.min(low.get(v), low.get(w))); }
    else if (on.has(w)) low.set(v, Math.min(low.get(v), idx.get(w)));
  }
  if (low.get(v) === idx.get(v)) {
    const comp = [];
    let w;
    do { w = stack.pop(); on.delete(w); comp.push(w); } while (w !== v);
    if (comp.length > 1) problems.push(`module cycle: ${comp.sort().join(" ↔ ")}`);
  }
}
for (const m of uses.keys()) if (!idx.has(m)) strong(m);

if (problems.length) {
  console.error(problems.join("\n"));
  console.error(`\n${problems.length} problem(s) with the web crate's shape.`);
  process.exit(1);
}
console.log(`web crate: ${modules.size} modules, no cycle, no function over ${MAX_LINES} lines`);
