// Trunk post_build hook: minifies the wasm-bindgen JS glue of release builds
// (Trunk's own minifier fails on it), to stay inside the first-load budget.
// The rust link in index.html has data-integrity="none", because this runs
// after Trunk would have hashed the file.
import { readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { minify } from "terser";

if (process.env.TRUNK_PROFILE === "release") {
  const dir = process.env.TRUNK_STAGING_DIR;
  if (!dir) throw new Error("minify-js: run me as a Trunk hook (TRUNK_STAGING_DIR is not set)");
  for (const name of await readdir(dir)) {
    if (!name.endsWith(".js")) continue;
    const path = join(dir, name);
    const out = await minify(await readFile(path, "utf8"), { module: true, compress: { passes: 2 }, mangle: true });
    await writeFile(path, out.code);
  }
}
