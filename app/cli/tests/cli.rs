//! The `archbook` binary, run as a user would.

use std::path::PathBuf;
use std::process::{Command, Output};

fn archbook(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_archbook"))
        .args(args)
        .output()
        .expect("archbook runs")
}

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures")
        .join(name)
}

#[test]
fn validate_accepts_a_good_workbook() {
    let out = archbook(&["validate", fixture("rich.json").to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0));
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(
        stdout.contains("valid Archbook workbook \"Checkout platform\""),
        "{stdout}"
    );
    assert!(
        stdout.contains("8 nodes, 7 edges, 2 decisions, 1 accepted risks"),
        "{stdout}"
    );
}

#[test]
fn validate_lists_every_problem_with_its_path_and_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("bad.json");
    std::fs::write(
        &file,
        r#"{"format":"archbook-workbook","version":1,
            "graph":{"nodes":[{"id":"a","kind":"servise"},{"id":"a","kind":"cache"}],
                     "edges":[{"from":"a","to":"b"}]}}"#,
    )
    .unwrap();
    let out = archbook(&["validate", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("This workbook has 3 problems."), "{stderr}");
    assert!(
        stderr.contains("$.graph.nodes[0].kind: unknown value \"servise\"; expected one of client"),
        "{stderr}"
    );
    assert!(
        stderr.contains("$.graph.nodes[1].id: duplicate node id \"a\""),
        "{stderr}"
    );
    assert!(
        stderr.contains("$.graph.edges[0].to: no node has the id \"b\""),
        "{stderr}"
    );
}

#[test]
fn a_missing_file_is_named() {
    let out = archbook(&["validate", "/nonexistent/wb.json"]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("cannot read /nonexistent/wb.json"),
        "{stderr}"
    );
}

#[test]
fn checklists_lists_every_decision_with_its_questions() {
    let out = archbook(&["checklists"]);
    assert_eq!(out.status.code(), Some(0));
    let stdout = String::from_utf8(out.stdout).unwrap();
    for id in [
        "service-boundaries",
        "event-driven",
        "caching",
        "database-scaling",
        "cqrs-event-sourcing",
        "consistency",
        "deployment-platform",
        "api-security",
        "observability",
        "resilience",
        "delivery",
    ] {
        assert!(
            stdout.contains(&format!("({id})\n")),
            "{id} missing:\n{stdout}"
        );
    }
    assert!(
        stdout.contains("Service boundaries (service-boundaries)\n  Should the system ship"),
        "{stdout}"
    );
    assert!(stdout.contains("  1. How many people build and run the system? (team-size)\n       small: Fewer than 10 people\n"), "{stdout}");
    assert!(
        stdout.contains("  options: modular-monolith, microservices, extract-later\n"),
        "{stdout}"
    );
}

#[test]
fn checklists_includes_a_workbooks_custom_checklists() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("wb.json");
    let markdown = std::fs::read_to_string(fixture("custom-checklist.md")).unwrap();
    let wb = serde_json::json!({
        "format": "archbook-workbook", "version": 1, "title": "T",
        "custom_checklists": [{ "file": "broker.md", "markdown": markdown }]
    });
    std::fs::write(&file, wb.to_string()).unwrap();
    let out = archbook(&["checklists", "--workbook", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0));
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(
        stdout.contains("Message broker (message-broker)"),
        "{stdout}"
    );
    assert!(
        stdout.contains("Delivery and evolution (delivery)"),
        "{stdout}"
    );
}

/// Compares with a golden file; `UPDATE_GOLDEN=1 cargo test` rewrites it.
fn golden(name: &str, actual: &str) {
    let path = fixture(&format!("golden/{name}"));
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, actual).unwrap();
    }
    let expected = std::fs::read_to_string(&path)
        .unwrap_or_else(|_| panic!("missing {}; run with UPDATE_GOLDEN=1", path.display()));
    assert_eq!(actual, expected, "{name} differs from its golden file");
}

#[test]
fn score_json_matches_the_golden_files() {
    for name in ["rich", "tangled"] {
        let out = archbook(&[
            "score",
            fixture(&format!("{name}.json")).to_str().unwrap(),
            "--format",
            "json",
        ]);
        assert_eq!(out.status.code(), Some(0));
        golden(
            &format!("{name}.score.json"),
            &String::from_utf8(out.stdout).unwrap(),
        );
    }
}

#[test]
fn score_text_names_the_findings_and_the_score() {
    let out = archbook(&["score", fixture("tangled.json").to_str().unwrap()]);
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(
        stdout.starts_with("Tangled marketplace: score "),
        "{stdout}"
    );
    assert!(
        stdout
            .contains("HIGH    shared-datastore  main-db is used directly by listings and users."),
        "{stdout}"
    );
    assert!(
        stdout.contains("ACCEPTED stateful-service (medium)"),
        "{stdout}"
    );
    assert!(
        stdout.contains("reason: Sessions move to the cache next sprint."),
        "{stdout}"
    );
}

#[test]
fn fail_on_sets_the_exit_code() {
    let tangled = fixture("tangled.json");
    let reference = fixture("reference.json");
    assert_eq!(
        archbook(&["score", tangled.to_str().unwrap(), "--fail-on", "high"])
            .status
            .code(),
        Some(1)
    );
    assert_eq!(
        archbook(&["score", reference.to_str().unwrap(), "--fail-on", "low"])
            .status
            .code(),
        Some(0)
    );
    assert_eq!(
        archbook(&["score", tangled.to_str().unwrap()])
            .status
            .code(),
        Some(0),
        "no --fail-on, no failure"
    );
}

#[test]
fn only_unaccepted_findings_fail_the_run() {
    // Accept every medium-or-worse finding of a small design: --fail-on passes.
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("wb.json");
    let wb = serde_json::json!({
        "format": "archbook-workbook", "version": 1, "title": "T",
        "graph": { "nodes": [{ "id": "c", "kind": "cache", "replicas": 2 }], "edges": [] },
        "accepted": [{ "rule": "cache-without-expiry", "nodes": ["c"], "reason": "Entries are immutable." }]
    });
    std::fs::write(&file, wb.to_string()).unwrap();
    assert_eq!(
        archbook(&["score", file.to_str().unwrap(), "--fail-on", "low"])
            .status
            .code(),
        Some(0)
    );
}

#[test]
fn score_of_unreadable_input_exits_2_with_a_clear_message() {
    let out = archbook(&["score", "/nonexistent.json"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8(out.stderr)
        .unwrap()
        .contains("cannot read /nonexistent.json"));
}

fn names_in(dir: &std::path::Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    v.sort();
    v
}

#[test]
fn export_writes_numbered_records_and_continues_after_existing_ones() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("docs/decisions");
    std::fs::create_dir_all(&out).unwrap();
    std::fs::write(out.join("0007-use-postgres.md"), "# Use Postgres\n").unwrap();
    std::fs::write(out.join("README.md"), "not a record\n").unwrap();
    let run = archbook(&[
        "export",
        fixture("rich.json").to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(
        run.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert_eq!(
        names_in(&out),
        [
            "0007-use-postgres.md",
            "0008-checkout-platform-architecture-overview.md",
            "0009-service-boundaries-modular-monolith.md",
            "0010-caching-strategy-open.md",
            "README.md",
        ]
    );
    let stdout = String::from_utf8(run.stdout).unwrap();
    assert!(
        stdout.contains("wrote ")
            && stdout.contains("0008-checkout-platform-architecture-overview.md"),
        "{stdout}"
    );
    assert_eq!(
        std::fs::read_to_string(out.join("0007-use-postgres.md")).unwrap(),
        "# Use Postgres\n"
    );
}

#[test]
fn export_never_overwrites_without_force() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path();
    let file = fixture("rich.json");
    assert_eq!(
        archbook(&[
            "export",
            file.to_str().unwrap(),
            "--out",
            out.to_str().unwrap()
        ])
        .status
        .code(),
        Some(0)
    );
    let overview = out.join("0001-checkout-platform-architecture-overview.md");
    std::fs::write(&overview, "edited by hand\n").unwrap();

    let again = archbook(&[
        "export",
        file.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(again.status.code(), Some(1));
    let stderr = String::from_utf8(again.stderr).unwrap();
    assert!(
        stderr.contains("already holds 0001-checkout-platform-architecture-overview.md"),
        "{stderr}"
    );
    assert!(
        stderr.contains("nothing was written. Use --force to replace them."),
        "{stderr}"
    );
    assert_eq!(
        std::fs::read_to_string(&overview).unwrap(),
        "edited by hand\n"
    );
    assert_eq!(names_in(out).len(), 3, "no duplicates under new numbers");

    let forced = archbook(&[
        "export",
        file.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--force",
    ]);
    assert_eq!(forced.status.code(), Some(0));
    assert!(std::fs::read_to_string(&overview)
        .unwrap()
        .starts_with("---\nstatus: accepted\n---\n\n# Checkout platform"));
    assert_eq!(names_in(out).len(), 3, "replaced in place, same numbers");
}

#[test]
fn export_of_unreadable_input_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    let out = archbook(&[
        "export",
        "/nonexistent.json",
        "--out",
        dir.path().to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2));
}
