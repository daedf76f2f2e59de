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
