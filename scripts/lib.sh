# Shared by scripts/serve and scripts/test. Installs what is missing, skips
# what is there, and says which.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TRUNK_VERSION="0.21.14"          # trunk 0.22 needs a newer rustc than 1.95
WASM_BINDGEN_VERSION="0.2.130"   # must equal the wasm-bindgen crate in Cargo.lock
WASM_SPLIT_VERSION="0.2.4"       # wasm_split_cli_support: splits the wasm for lazy loading
WASM_OPT_VERSION="132"           # npm binaryen, pinned in package.json; named in Trunk.toml
export PATH="$ROOT/node_modules/.bin:$HOME/.cargo/bin:$PATH"
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-auto}"
# wasm builds: type-erased Leptos components and relocations for wasm-split
# (as in .cargo/config.toml), and
# dependency source paths shortened in panic locations, which the wasm embeds.
CARGO_HOME_DIR="${CARGO_HOME:-$HOME/.cargo}"
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="--cfg erase_components -Clink-args=--emit-relocs --remap-path-prefix=$CARGO_HOME_DIR/registry/src/= --remap-path-prefix=$ROOT/="

say()  { printf '\n\033[1;34m==>\033[0m \033[1m%s\033[0m\n' "$*"; }
note() { printf '    %s\n' "$*"; }
die()  { printf '\n\033[1;31merror:\033[0m %s\n' "$*" >&2; exit 1; }

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

APT_UPDATED=""
apt_install() {
  local missing=()
  for pkg in "$@"; do
    dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  command -v apt-get >/dev/null || die "please install ${missing[*]} (no apt-get on this machine)"
  note "installing ${missing[*]} from Debian's packages"
  if [ -z "$APT_UPDATED" ]; then $SUDO apt-get update -qq; APT_UPDATED=1; fi
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
}

ensure_build_tools() {
  say "Checking the build tools"
  command -v cargo >/dev/null || die "Rust is needed: install it with rustup (https://rustup.rs)"
  grep -A1 '^name = "wasm-bindgen"$' "$ROOT/Cargo.lock" | grep -q "version = \"$WASM_BINDGEN_VERSION\"" \
    || die "Cargo.lock's wasm-bindgen is not $WASM_BINDGEN_VERSION; keep scripts/lib.sh, Trunk.toml and app/web/Cargo.toml in step"

  if rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
    note "wasm32-unknown-unknown target: installed"
  else
    note "adding the wasm32-unknown-unknown target"
    rustup target add wasm32-unknown-unknown
  fi

  if trunk --version 2>/dev/null | grep -q " $TRUNK_VERSION"; then
    note "trunk $TRUNK_VERSION: installed"
  else
    note "installing trunk $TRUNK_VERSION (takes about 6 minutes once)"
    cargo install --locked trunk --version "$TRUNK_VERSION"
  fi

  if wasm-bindgen --version 2>/dev/null | grep -q " $WASM_BINDGEN_VERSION"; then
    note "wasm-bindgen $WASM_BINDGEN_VERSION: installed"
  else
    # Not --locked: its lockfile names a crate version the registry here lacks.
    note "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (takes about 3 minutes once)"
    cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION"
  fi

  if wasm-split-cli --help >/dev/null 2>&1 && cargo install --list | grep -q "^wasm_split_cli_support v$WASM_SPLIT_VERSION:"; then
    note "wasm-split-cli $WASM_SPLIT_VERSION: installed"
  else
    note "installing wasm-split-cli $WASM_SPLIT_VERSION (takes about a minute once)"
    cargo install --locked wasm_split_cli_support --version "$WASM_SPLIT_VERSION" --features build-binary
  fi

  # wasm-opt comes from npm's binaryen (Debian's 108 breaks wasm-bindgen's
  # externref table), with the test packages: all pinned in package-lock.json.
  ensure_npm_packages
  wasm-opt --version 2>/dev/null | grep -q "version $WASM_OPT_VERSION" \
    || die "wasm-opt $WASM_OPT_VERSION is missing from node_modules/.bin; Trunk.toml expects it"
  note "wasm-opt $WASM_OPT_VERSION: installed"
}

ensure_npm_packages() {
  command -v node >/dev/null && command -v npm >/dev/null || die "Node.js and npm are needed (wasm-opt and the browser tests come from npm)"
  if [ -d "$ROOT/node_modules/binaryen" ] && [ "$ROOT/node_modules/.package-lock.json" -nt "$ROOT/package-lock.json" ]; then
    note "npm packages: installed"
  else
    note "installing the npm packages (npm ci)"
    (cd "$ROOT" && npm ci --no-audit --no-fund --loglevel=error)
  fi
}

ensure_test_tools() {
  say "Checking the test tools"
  if [ -x /usr/bin/chromium ]; then
    note "chromium: installed"
  else
    apt_install chromium
  fi
  # adr-tools reads the exported records in scripts/check-records.mjs.
  if command -v adr >/dev/null; then
    note "adr-tools: installed"
  else
    apt_install adr-tools
  fi
  ensure_npm_packages
}

release_build() {
  say "Building the app for release (Trunk, offline, with wasm-opt)"
  (cd "$ROOT" && trunk build --release --offline)
}

# The fuzz tests (app/core/tests/fuzz.rs), more cases than the plain test
# run, each test binary run under a memory cap: an input whose cost is not
# linear in its size ends the run instead of passing slowly.
fuzz_capped() {
  local host runner
  host="$(rustc -vV | sed -n 's/^host: //p' | tr 'a-z-' 'A-Z_')"
  runner="CARGO_TARGET_${host}_RUNNER"
  env "$runner=prlimit --as=1073741824 --" FUZZ_CASES="${FUZZ_CASES:-1000}" \
    cargo test --locked -p archbook-core --test fuzz
}
