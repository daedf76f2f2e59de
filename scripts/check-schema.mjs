// The published JSON Schema (public/workbook.schema.json, `archbook schema`)
// read by a standard validator, ajv (draft 2020-12), against what `load`
// decides. The cases come from app/core/tests/format_cases.rs, which
// `cargo test` runs first:
// - every workbook Archbook writes, and every current fixture, is valid;
// - what `load` accepts, the schema accepts;
// - what `load` refuses for a value's type or shape, the schema refuses.
//
// node scripts/check-schema.mjs
import { readFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const Ajv2020 = require("ajv/dist/2020").default;

const ROOT = new URL("..", import.meta.url).pathname;
const schema = JSON.parse(readFileSync(join(ROOT, "public/workbook.schema.json"), "utf8"));
const casesFile = join(ROOT, "target/schema-cases.jsonl");
if (!existsSync(casesFile)) {
  console.error(`${casesFile} is missing: run \`cargo test -p archbook-core --test format_cases\` first`);
  process.exit(1);
}

const ajv = new Ajv2020({ strict: true, allErrors: true });
// The number formats schemars writes, checked for what they say.
const int = (min, max) => ({ type: "number", validate: (n) => Number.isInteger(n) && n >= min && n <= max });
ajv.addFormat("uint8", int(0, 255));
ajv.addFormat("uint32", int(0, 4294967295));
ajv.addFormat("uint64", int(0, Number.MAX_SAFE_INTEGER * 2048));
ajv.addFormat("double", { type: "number", validate: Number.isFinite });
const validate = ajv.compile(schema);

const problems = [];
const counts = { written: 0, accepted: 0, refused: 0, beyond: 0 };
for (const line of readFileSync(casesFile, "utf8").split("\n")) {
  if (!line) continue;
  const c = JSON.parse(line);
  const valid = validate(c.doc);
  const why = () => ajv.errorsText(validate.errors, { dataVar: "$" });
  if (c.loads) {
    counts[c.name.endsWith("as Archbook saves it") ? "written" : "accepted"]++;
    if (!valid) problems.push(`${c.name}: Archbook reads it, the schema refuses it: ${why()}`);
  } else if (c.shape) {
    counts.refused++;
    if (valid) problems.push(`${c.name}: Archbook refuses its shape, the schema accepts it`);
  } else {
    counts.beyond++;
  }
}
if (problems.length) {
  console.error(problems.slice(0, 30).join("\n"));
  console.error(`\n${problems.length} case(s) where the schema and Archbook disagree.`);
  process.exit(1);
}
console.log(
  `schema agrees with load: ${counts.written} saved workbooks and ${counts.accepted} accepted files valid, ` +
    `${counts.refused} refused files invalid (${counts.beyond} refused for rules beyond a schema)`,
);
