//! The core crate must stay free of browser crates: it is tested natively and
//! shared by the CLI. This test fails as soon as one enters its dependency tree.

use std::process::Command;

const FORBIDDEN: &[&str] = &[
    "leptos",
    "web-sys",
    "js-sys",
    "wasm-bindgen",
    "gloo",
    "tachys",
    "reactive_graph",
    "getrandom",
];

#[test]
fn core_has_no_browser_dependencies() {
    let out = Command::new(env!("CARGO"))
        .args([
            "tree",
            "-p",
            "archbook-core",
            "-e",
            "normal,build",
            "--prefix",
            "none",
            "--format",
            "{p}",
        ])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("cargo tree runs");
    assert!(
        out.status.success(),
        "cargo tree failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let tree = String::from_utf8(out.stdout).unwrap();
    assert!(
        tree.contains("serde_json"),
        "unexpected cargo tree output:\n{tree}"
    );
    let bad: Vec<&str> = tree
        .lines()
        .filter(|l| {
            let name = l.split_whitespace().next().unwrap_or("");
            FORBIDDEN
                .iter()
                .any(|f| name == *f || name.starts_with(&format!("{f}-")))
        })
        .collect();
    assert!(
        bad.is_empty(),
        "archbook-core must not depend on browser crates, found: {bad:?}"
    );
}
