// Trunk post_build hook: builds the app's wasm, split into a first-load
// module and lazily loaded chunks (Leptos' wasm_split; see ARCHITECTURE.md,
// "Loading"), and puts it into Trunk's staging directory with its loader.
//
// Trunk 0.21's own rust pipeline cannot split a module, so index.html has no
// rust link; this script is that pipeline:
//   cargo build (linked with --emit-relocs)   the whole app as one module
//   wasm-split-cli                            first-load module + chunks + __wasm_split.js
//   wasm-bindgen --target web                 JS glue for the first-load module
//   wasm-opt -Oz, terser (release only)       size (and unused exports dropped)
// Every file name carries one hash of the whole build, so a new version never
// mixes with cached files of an old one.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { minify } from "terser";

const staging = process.env.TRUNK_STAGING_DIR;
if (!staging) throw new Error("build-wasm: run me as a Trunk hook (TRUNK_STAGING_DIR is not set)");
const root = process.env.TRUNK_SOURCE_DIR ?? process.cwd();
const release = process.env.TRUNK_PROFILE === "release";
const publicUrl = (process.env.TRUNK_PUBLIC_URL ?? "/").replace(/\/?$/, "/");
const NAME = "archbook-web";

const run = (cmd, args) => execFileSync(cmd, args, { cwd: root, stdio: ["ignore", "inherit", "inherit"] });

// 1. The whole app as one module. The relocations let wasm-split follow every
//    call and function pointer (.cargo/config.toml and scripts/lib.sh add the flag).
run("cargo", ["build", "-p", NAME, "--target", "wasm32-unknown-unknown", ...(release ? ["--release"] : [])]);
const linked = join(root, "target/wasm32-unknown-unknown", release ? "release" : "debug", `${NAME}.wasm`);

// 2. Split at the #[wasm_split] points.
const work = join(root, "target/archbook-split");
rmSync(work, { recursive: true, force: true });
mkdirSync(join(work, "bindgen"), { recursive: true });
run("wasm-split-cli", [linked, work, "--out-name", NAME]);

// 3. JS glue for the first-load module; the chunks share its memory and table.
run("wasm-bindgen", [
  "--target", "web", "--keep-lld-exports", "--no-demangle", "--no-typescript",
  "--out-dir", join(work, "bindgen"), "--out-name", NAME, join(work, `${NAME}.wasm`),
]);

// 4. Collect the outputs: { original name -> bytes }.
const files = new Map();
files.set(`${NAME}.js`, readFileSync(join(work, "bindgen", `${NAME}.js`)));
files.set(`${NAME}_bg.wasm`, readFileSync(join(work, "bindgen", `${NAME}_bg.wasm`)));
files.set("__wasm_split.js", readFileSync(join(work, "__wasm_split.js")));
const chunks = readdirSync(work).filter((f) => f.endsWith(".wasm") && f !== `${NAME}.wasm`);
for (const chunk of chunks) files.set(chunk, readFileSync(join(work, chunk)));

if (release) {
  const features = [
    "--enable-bulk-memory", "--enable-nontrapping-float-to-int", "--enable-sign-ext",
    "--enable-mutable-globals", "--enable-reference-types", "--enable-multivalue",
  ];
  // Leptos always builds server functions' browser side, and with it
  // wasm-streams, whose #[wasm_bindgen] stream adapters are exports of the
  // module: roots that wasm-opt must keep, with their code, though a
  // client-only app never creates one. Only wasm creates them, and the glue
  // would wrap what it hands over; refuse to build if it ever does, then
  // drop the exports so their code goes.
  const glue = files.get(`${NAME}.js`).toString("utf8");
  if (/IntoUnderlying\w*\.__wrap/.test(glue)) {
    throw new Error("build-wasm: the app now creates wasm-streams adapters; stop removing their exports");
  }
  const unused = ["--remove-exports", "--pass-arg=remove-exports@*intounderlying*"];
  for (const [name, bytes] of files) {
    if (!name.endsWith(".wasm")) continue;
    const path = join(work, `opt-${name}`);
    writeFileSync(path, bytes);
    const drop = name === `${NAME}_bg.wasm` ? unused : [];
    // ARCHBOOK_KEEP_NAMES=1 keeps function names, for a profile that names
    // what it measures (the size budget then fails: never ship it).
    const strip = process.env.ARCHBOOK_KEEP_NAMES ? ["-g"] : ["--strip-debug"];
    run("wasm-opt", [...drop, "-Oz", ...features, ...strip, "--strip-producers", path, "-o", path]);
    files.set(name, readFileSync(path));
  }
}

// 5. One hash for the build, in every name; references rewritten to match.
const hash = createHash("sha256");
for (const [name, bytes] of [...files].sort(([a], [b]) => a.localeCompare(b))) hash.update(name).update(bytes);
const tag = hash.digest("hex").slice(0, 16);
const renamed = (name) => {
  if (name.endsWith("_bg.wasm")) return `${NAME}-${tag}_bg.wasm`;
  if (name.endsWith(".wasm")) return `${NAME}-${tag}-lazy-${name}`;
  return name.replace(/\.js$/, `-${tag}.js`);
};
for (const [name, bytes] of files) {
  let out = bytes;
  if (name.endsWith(".js")) {
    let text = bytes.toString("utf8");
    // Only where a file is loaded (import ... from, new URL): the keys of the
    // wasm imports object keep the names the wasm module was linked with.
    for (const other of files.keys()) {
      text = text
        .replaceAll(`from "./${other}"`, `from "./${renamed(other)}"`)
        .replaceAll(`URL("./${other}"`, `URL("./${renamed(other)}"`);
    }
    if (release) text = (await minify(text, { module: true, compress: { passes: 2 }, mangle: true })).code;
    out = Buffer.from(text);
  }
  writeFileSync(join(staging, renamed(name)), out);
}

// 6. The loader: a file of its own (the page's Content-Security-Policy allows
//    no inline script), with both first-load files preloaded.
const js = `${publicUrl}${renamed(`${NAME}.js`)}`;
const wasm = `${publicUrl}${renamed(`${NAME}_bg.wasm`)}`;
const boot = `boot-${tag}.js`;
writeFileSync(join(staging, boot), `import init from "${js}";init({module_or_path:"${wasm}"});\n`);
const loader =
  `<link rel="modulepreload" href="${js}">` +
  `<link rel="preload" href="${wasm}" as="fetch" type="application/wasm" crossorigin>` +
  `<script type="module" src="${publicUrl}${boot}"></script>`;
const htmlPath = join(staging, "index.html");
const html = readFileSync(htmlPath, "utf8");
if (!html.includes("</head>")) throw new Error("build-wasm: index.html has no </head>");
// Trunk leaves its skipped rust link in place: drop it.
const page = html.replace(/<link[^>]*data-trunk-skip[^>]*>/, "").replace("</head>", `${loader}</head>`);
writeFileSync(htmlPath, page);
// 7. The service worker (public/page.js registers it): it caches every file
//    of this build on install, so that the app starts and works offline, and
//    serves them cache-first. A new build means a new sw.js, which waits until
//    the user chooses "Reload to update".
const listFiles = (dir, prefix = "") =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? listFiles(join(dir, e.name), `${prefix}${e.name}/`) : [`${prefix}${e.name}`]);
const precache = listFiles(staging).filter((f) => f !== "sw.js").sort();
const version = createHash("sha256");
for (const f of precache) version.update(f).update(readFileSync(join(staging, f)));
writeFileSync(join(staging, "sw.js"), serviceWorker(version.digest("hex").slice(0, 16), precache));
console.log(`build-wasm: ${NAME}-${tag}: first-load module + ${chunks.length} lazy chunk(s), ${precache.length} files cached for offline use`);

function serviceWorker(version, files) {
  return `// Generated by scripts/build-wasm.mjs: caches this build for offline use.
const CACHE = "archbook-${version}";
const FILES = ${JSON.stringify(["./", ...files.map((f) => `./${f}`)])};
self.addEventListener("install", (e) => {
  e.waitUntil(caches.open(CACHE).then((c) => c.addAll(FILES)));
});
self.addEventListener("activate", (e) => {
  e.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith("archbook-") && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});
self.addEventListener("message", (e) => {
  if (e.data === "skip-waiting") self.skipWaiting();
});
self.addEventListener("fetch", (e) => {
  const req = e.request;
  const url = new URL(req.url);
  if (req.method !== "GET" || url.origin !== location.origin) return;
  // Pages (any URL fragment, any path of the app) are the cached index.html.
  const key = req.mode === "navigate" ? "./" : req;
  e.respondWith(
    caches.open(CACHE).then((c) => c.match(key, { ignoreSearch: req.mode === "navigate" }))
      .then((hit) => hit || fetch(req)),
  );
});
`;
}
