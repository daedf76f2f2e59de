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
        stdout.starts_with(
            "Score 62/100 (grade C) for \"Tangled marketplace\", 8 components reviewed\n"
        ),
        "{stdout}"
    );
    assert!(
        stdout.contains("HIGH     shared-datastore  Shared datastore\n         main-db is used directly by 2 components: listings and users.\n"),
        "{stdout}"
    );
    assert!(
        stdout.contains("QUESTION single-point-of-failure  Confirm how many instances run"),
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
    // The overview's table names the records by the numbers they were given.
    let overview =
        std::fs::read_to_string(out.join("0008-checkout-platform-architecture-overview.md"))
            .unwrap();
    assert!(
        overview.contains("| 0009 | Service boundaries |"),
        "{overview}"
    );
    assert!(
        overview.contains("| 0010 | Caching strategy |"),
        "{overview}"
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
    assert_eq!(again.status.code(), Some(3), "3: refused to overwrite");
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
        .starts_with("---\nstatus: accepted\ndate: "));
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

/// A workbook file in a fresh folder.
fn workbook_file(dir: &tempfile::TempDir, name: &str, content: &[u8]) -> PathBuf {
    let file = dir.path().join(name);
    std::fs::write(&file, content).unwrap();
    file
}

fn chain(n: usize) -> serde_json::Value {
    let nodes: Vec<_> = (0..n)
        .map(|i| serde_json::json!({ "id": format!("s{i}"), "kind": "service", "replicas": 2 }))
        .collect();
    let edges: Vec<_> = (1..n)
        .map(|i| serde_json::json!({ "from": format!("s{}", i - 1), "to": format!("s{i}") }))
        .collect();
    serde_json::json!({ "format": "archbook-workbook", "version": 1, "title": "Deep",
                        "graph": { "nodes": nodes, "edges": edges } })
}

#[test]
fn a_long_chain_is_scored_and_exported_and_a_larger_graph_is_refused_with_the_limit() {
    let dir = tempfile::tempdir().unwrap();
    let ok = workbook_file(&dir, "ok.json", chain(1_000).to_string().as_bytes());
    let score = archbook(&["score", ok.to_str().unwrap()]);
    assert_eq!(score.status.code(), Some(0), "{score:?}");
    let text = String::from_utf8(score.stdout).unwrap();
    assert!(text.contains("999 synchronous calls in a row"), "{text}");
    let out = dir.path().join("records");
    let export = archbook(&[
        "export",
        ok.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(export.status.code(), Some(0));

    // 20,000 services in a chain overflowed the stack before; now the file
    // is refused, with the limit, before anything is analysed.
    let big = workbook_file(&dir, "big.json", chain(20_000).to_string().as_bytes());
    for cmd in ["score", "validate"] {
        let run = archbook(&[cmd, big.to_str().unwrap()]);
        assert_eq!(run.status.code(), Some(2));
        let stderr = String::from_utf8(run.stderr).unwrap();
        assert!(
            stderr.contains("$.graph.nodes: 20,000 components, and a workbook holds at most 1,000"),
            "{stderr}"
        );
    }
}

#[cfg(unix)]
#[test]
fn input_is_read_up_to_a_limit_so_an_endless_file_is_refused() {
    let run = archbook(&["validate", "/dev/zero"]);
    assert_eq!(run.status.code(), Some(2));
    let stderr = String::from_utf8(run.stderr).unwrap();
    assert!(
        stderr.contains("Archbook reads files of up to 5.0 MB"),
        "{stderr}"
    );
}

#[test]
fn the_cli_reads_files_as_the_app_does() {
    let dir = tempfile::tempdir().unwrap();
    let good = std::fs::read(fixture("rich.json")).unwrap();
    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend_from_slice(&good);
    let with_bom = workbook_file(&dir, "bom.json", &bom);
    assert_eq!(
        archbook(&["validate", with_bom.to_str().unwrap()])
            .status
            .code(),
        Some(0)
    );

    let bad = workbook_file(
        &dir,
        "latin1.json",
        b"{\"format\":\"archbook-workbook\",\"version\":1,\n\"title\":\"Caf\xE9\"}",
    );
    let run = archbook(&["validate", bad.to_str().unwrap()]);
    assert_eq!(run.status.code(), Some(2));
    let stderr = String::from_utf8(run.stderr).unwrap();
    assert!(
        stderr.contains("not valid UTF-8 text: the byte at offset 55 (line 2, column 13)"),
        "{stderr}"
    );

    let utf16: Vec<u8> = "\u{feff}{}"
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    let utf16 = workbook_file(&dir, "utf16.json", &utf16);
    let stderr =
        String::from_utf8(archbook(&["validate", utf16.to_str().unwrap()]).stderr).unwrap();
    assert!(
        stderr.contains("saved as UTF-16; save it as UTF-8"),
        "{stderr}"
    );
}

#[test]
fn unknown_ids_and_duplicate_keys_are_warned_about_and_the_file_still_reads() {
    let dir = tempfile::tempdir().unwrap();
    let text = r#"{"format":"archbook-workbook","version":1,"title":"A","title":"B",
        "decisions":{"cachng":{"answers":{}},
                     "caching":{"answers":{"read-ratio":"lots","nope":"yes"},"chosen":"redis"}},
        "accepted":[{"rule":"no-such-rule","nodes":[],"reason":"r"}]}"#;
    let file = workbook_file(&dir, "w.json", text.as_bytes());
    let run = archbook(&["validate", file.to_str().unwrap()]);
    assert_eq!(run.status.code(), Some(0));
    let stderr = String::from_utf8(run.stderr).unwrap();
    for expected in [
        "has 6 entries that Archbook does not read",
        "$.title: this key appears twice in its object; only its last value is read",
        "$.decisions.cachng: no checklist has the id \"cachng\"",
        "$.decisions.caching.answers.nope: the checklist \"caching\" has no question \"nope\"",
        "$.decisions.caching.answers.read-ratio: the question \"read-ratio\" has no choice \"lots\"",
        "$.decisions.caching.chosen: the checklist \"caching\" has no option \"redis\"",
        "$.accepted[0].rule: the review has no rule \"no-such-rule\"",
    ] {
        assert!(stderr.contains(expected), "{expected}\n{stderr}");
    }
    assert!(String::from_utf8(run.stdout).unwrap().contains("\"B\""));
}

#[test]
fn impossible_dates_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    for (date, why) in [
        ("2024-02-30", "that month has 29 days"),
        ("2023-02-29", "that month has 28 days"),
        ("0000-00-00", "the year and month must exist"),
        ("2026-13-01", "the year and month must exist"),
    ] {
        let text = format!(
            r#"{{"format":"archbook-workbook","version":1,"decisions":{{"caching":{{"date":"{date}"}}}}}}"#
        );
        let file = workbook_file(&dir, "d.json", text.as_bytes());
        let run = archbook(&["validate", file.to_str().unwrap()]);
        assert_eq!(run.status.code(), Some(2), "{date}");
        let stderr = String::from_utf8(run.stderr).unwrap();
        assert!(
            stderr.contains(&format!(
                "$.decisions.caching.date: \"{date}\" is not a date: {why}"
            )),
            "{stderr}"
        );
    }
    let ok = workbook_file(
        &dir,
        "ok.json",
        br#"{"format":"archbook-workbook","version":1,"decisions":{"caching":{"date":"2024-02-29"}}}"#,
    );
    assert_eq!(
        archbook(&["validate", ok.to_str().unwrap()]).status.code(),
        Some(0)
    );
}

#[test]
fn terminal_escapes_and_ci_commands_in_a_workbook_are_printed_as_text() {
    let dir = tempfile::tempdir().unwrap();
    let wb = serde_json::json!({
        "format": "archbook-workbook", "version": 1,
        "title": "\u{1b}[2J\u{1b}]52;c;aGk=\u{7}Shop",
        "graph": { "nodes": [
            { "id": "a", "name": "api\n::error file=x,line=1::boom", "kind": "service" },
            { "id": "b", "name": "\u{1b}]8;;https://evil.example\u{7}link\u{1b}]8;;\u{7}", "kind": "service" },
            { "id": "db", "name": "db", "kind": "database" }
        ], "edges": [ { "from": "a", "to": "db" }, { "from": "b", "to": "db" } ] }
    });
    let file = workbook_file(&dir, "evil.json", wb.to_string().as_bytes());
    for args in [vec!["score"], vec!["validate"]] {
        let mut all = args.clone();
        all.push(file.to_str().unwrap());
        let run = archbook(&all);
        let out = format!(
            "{}{}",
            String::from_utf8(run.stdout).unwrap(),
            String::from_utf8(run.stderr).unwrap()
        );
        assert!(!out.contains('\u{1b}') && !out.contains('\u{7}'), "{out:?}");
        assert!(out.lines().all(|l| !l.starts_with("::")), "{out}");
        assert!(out.contains("\\u{1b}[2J"), "{out}");
    }
    let text = String::from_utf8(archbook(&["score", file.to_str().unwrap()]).stdout).unwrap();
    assert!(text.contains("api\\n::error file=x,line=1::boom"), "{text}");
}

#[test]
fn a_file_with_many_problems_lists_fifty_and_counts_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    let nodes: Vec<_> = (0..1_000)
        .map(|i| serde_json::json!({ "id": format!("n{i}"), "kind": "servise" }))
        .collect();
    let wb = serde_json::json!({ "format": "archbook-workbook", "version": 1, "graph": { "nodes": nodes } });
    let file = workbook_file(&dir, "many.json", wb.to_string().as_bytes());
    let run = archbook(&["validate", file.to_str().unwrap()]);
    assert_eq!(run.status.code(), Some(2));
    let stderr = String::from_utf8(run.stderr).unwrap();
    assert!(
        stderr.contains("This workbook has 1000 problems."),
        "{stderr}"
    );
    assert_eq!(stderr.matches("unknown value \"servise\"").count(), 50);
    assert!(stderr.contains("… and 950 more problems"), "{stderr}");
}

#[cfg(unix)]
#[test]
fn export_never_writes_through_a_link_or_over_a_folder_and_writes_nothing_when_it_refuses() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("decisions");
    std::fs::create_dir(&out).unwrap();
    let outside = dir.path().join("outside.txt");
    std::fs::write(&outside, "precious\n").unwrap();
    let file = fixture("rich.json");
    std::os::unix::fs::symlink(
        &outside,
        out.join("0001-checkout-platform-architecture-overview.md"),
    )
    .unwrap();
    for force in [false, true] {
        let mut args = vec![
            "export",
            file.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ];
        if force {
            args.push("--force");
        }
        let run = archbook(&args);
        assert_eq!(run.status.code(), Some(3), "force={force}");
        let stderr = String::from_utf8(run.stderr).unwrap();
        assert!(stderr.contains("is a symbolic link"), "{stderr}");
        assert!(stderr.contains("Nothing was written."), "{stderr}");
        assert_eq!(std::fs::read_to_string(&outside).unwrap(), "precious\n");
        assert_eq!(names_in(&out).len(), 1, "only the planted link");
    }

    // A folder named like the second record: refused before the first is written.
    let out = dir.path().join("other");
    std::fs::create_dir_all(out.join("0002-service-boundaries-modular-monolith.md")).unwrap();
    let run = archbook(&[
        "export",
        file.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--force",
    ]);
    assert_eq!(run.status.code(), Some(3));
    assert_eq!(
        names_in(&out),
        ["0002-service-boundaries-modular-monolith.md"]
    );
    let leftovers = std::fs::read_dir(&out).unwrap().count();
    assert_eq!(leftovers, 1, "no temporary files left behind");
}

#[test]
fn a_risk_the_answers_reveal_fails_the_run() {
    let dir = tempfile::tempdir().unwrap();
    let wb = serde_json::json!({
        "format": "archbook-workbook", "version": 2, "title": "Open API",
        "decisions": { "api-security": { "answers": { "public-api": "yes", "auth": "none" } } }
    });
    let file = workbook_file(&dir, "risk.json", wb.to_string().as_bytes());
    let run = archbook(&["score", file.to_str().unwrap(), "--fail-on", "high"]);
    assert_eq!(run.status.code(), Some(1));
    let stdout = String::from_utf8(run.stdout).unwrap();
    assert!(
        stdout.contains("HIGH     decision-risk  API security and abuse prevention: Public endpoints without authentication"),
        "{stdout}"
    );
    let json: serde_json::Value = serde_json::from_slice(
        &archbook(&["score", file.to_str().unwrap(), "--format", "json"]).stdout,
    )
    .unwrap();
    let risk = &json["findings"][0];
    assert_eq!(risk["rule"], "decision-risk");
    assert_eq!(risk["decision"], "api-security");
    assert_eq!(risk["group"], "unauthenticated-public-api");
    assert!(json["score"].as_u64().unwrap() < 100);
}

#[test]
fn fail_on_counts_a_finding_until_every_part_is_accepted() {
    let dir = tempfile::tempdir().unwrap();
    let mut wb = serde_json::json!({
        "format": "archbook-workbook", "version": 2, "title": "Parts",
        "graph": { "nodes": [
            { "id": "web", "kind": "client" },
            { "id": "a", "kind": "service", "replicas": 1, "traits": ["traced", "metrics", "logs", "authenticated", "rate-limited"] },
            { "id": "b", "kind": "service", "replicas": 1, "traits": ["traced", "metrics", "logs", "authenticated", "rate-limited"] }
        ], "edges": [ { "from": "web", "to": "a" }, { "from": "web", "to": "b" } ] },
        "accepted": [ { "rule": "single-point-of-failure", "nodes": ["a"], "reason": "Restarts in seconds." } ]
    });
    let file = workbook_file(&dir, "parts.json", wb.to_string().as_bytes());
    assert_eq!(
        archbook(&["score", file.to_str().unwrap(), "--fail-on", "high"])
            .status
            .code(),
        Some(1)
    );
    wb["accepted"][0]["nodes"] = serde_json::json!(["a", "b"]);
    let file = workbook_file(&dir, "parts.json", wb.to_string().as_bytes());
    assert_eq!(
        archbook(&["score", file.to_str().unwrap(), "--fail-on", "high"])
            .status
            .code(),
        Some(0)
    );
}

#[test]
fn sarif_output_has_one_result_per_finding_with_rules_locations_and_suppressions() {
    let out = archbook(&[
        "score",
        fixture("tangled.json").to_str().unwrap(),
        "--format",
        "sarif",
    ]);
    assert_eq!(out.status.code(), Some(0));
    let sarif: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(sarif["version"], "2.1.0");
    let run = &sarif["runs"][0];
    let results = run["results"].as_array().unwrap();
    let json: serde_json::Value = serde_json::from_slice(
        &archbook(&[
            "score",
            fixture("tangled.json").to_str().unwrap(),
            "--format",
            "json",
        ])
        .stdout,
    )
    .unwrap();
    assert_eq!(results.len(), json["findings"].as_array().unwrap().len());
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    for r in results {
        let rule = &rules[r["ruleIndex"].as_u64().unwrap() as usize];
        assert_eq!(rule["id"], r["ruleId"]);
        assert!(
            r["locations"][0]["physicalLocation"]["region"]["startLine"]
                .as_u64()
                .unwrap()
                >= 1
        );
    }
    let accepted = results
        .iter()
        .find(|r| r["ruleId"] == "stateful-service")
        .unwrap();
    assert_eq!(
        accepted["suppressions"][0]["justification"],
        "Sessions move to the cache next sprint."
    );
    // The shared store's finding points at the line declaring its first user.
    let shared = results
        .iter()
        .find(|r| r["ruleId"] == "shared-datastore")
        .unwrap();
    let text = std::fs::read_to_string(fixture("tangled.json")).unwrap();
    let line = shared["locations"][0]["physicalLocation"]["region"]["startLine"]
        .as_u64()
        .unwrap() as usize;
    assert!(
        text.lines()
            .nth(line - 1)
            .unwrap()
            .contains("\"id\": \"listings\""),
        "line {line}"
    );
}

#[test]
fn export_writes_log4brains_records_with_the_given_date() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("adr");
    let run = archbook(&[
        "export",
        fixture("rich.json").to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--format",
        "log4brains",
        "--date",
        "2026-12-01",
    ]);
    assert_eq!(
        run.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let overview =
        std::fs::read_to_string(out.join("0001-checkout-platform-architecture-overview.md"))
            .unwrap();
    assert!(overview.starts_with("# Checkout platform: architecture overview\n\n- Status: accepted\n- Date: 2026-12-01\n- Tags: overview\n"), "{overview}");
    let bad = archbook(&[
        "export",
        fixture("rich.json").to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--date",
        "2026-02-30",
    ]);
    assert_eq!(bad.status.code(), Some(2));
}

/// Code hosts place results on the file only through a reference relative
/// to the repository root; a file elsewhere gets an absolute `file:` URI.
#[test]
fn sarif_names_the_workbook_relative_to_the_folder_it_runs_in() {
    let dir = tempfile::tempdir().unwrap();
    let sub = dir.path().join("docs and notes");
    std::fs::create_dir(&sub).unwrap();
    std::fs::copy(fixture("tangled.json"), sub.join("shop #1.json")).unwrap();
    let run = |cwd: &std::path::Path, file: &str| -> serde_json::Value {
        let out = Command::new(env!("CARGO_BIN_EXE_archbook"))
            .current_dir(cwd)
            .args(["score", file, "--format", "sarif"])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0));
        serde_json::from_slice(&out.stdout).unwrap()
    };
    let inside = run(dir.path(), "./docs and notes/shop #1.json");
    let artifact = &inside["runs"][0]["artifacts"][0]["location"];
    assert_eq!(artifact["uri"], "docs%20and%20notes/shop%20%231.json");
    assert_eq!(artifact["uriBaseId"], "%SRCROOT%");
    let result =
        &inside["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"];
    assert_eq!(result["uri"], artifact["uri"]);
    assert_eq!(result["index"], 0);

    let elsewhere = tempfile::tempdir().unwrap();
    let outside = run(elsewhere.path(), sub.join("shop #1.json").to_str().unwrap());
    let uri = outside["runs"][0]["artifacts"][0]["location"]["uri"]
        .as_str()
        .unwrap()
        .to_owned();
    assert!(
        uri.starts_with("file:///") && uri.ends_with("/docs%20and%20notes/shop%20%231.json"),
        "{uri}"
    );
    assert!(outside["runs"][0]["artifacts"][0]["location"]
        .get("uriBaseId")
        .is_none());
}

fn import_fixture(path: &str) -> PathBuf {
    fixture("import").join(path)
}

#[test]
fn import_writes_a_workbook_the_other_commands_read_and_prints_the_evidence() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("eshop.json");
    let run = archbook(&[
        "import",
        import_fixture("eshop/docker-compose.yml").to_str().unwrap(),
        import_fixture("eshop/docker-compose.override.yml")
            .to_str()
            .unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--title",
        "eShop",
    ]);
    assert_eq!(
        run.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let report = String::from_utf8(run.stdout).unwrap();
    assert!(report.contains("  catalog-api -> sqldata\n"), "{report}");
    assert!(report.contains("environment.ConnectionString = Server=sqldata;Database=Microsoft.eShopOnContainers.Services.CatalogDb;User Id=sa;Password=***"));
    assert!(report.contains("Not drawn:\n  seq: a telemetry backend"));
    assert!(report.contains("\nwrote "));
    let validate = archbook(&["validate", out.to_str().unwrap()]);
    assert_eq!(validate.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&validate.stdout).contains("valid Archbook workbook \"eShop\""));
    let score = archbook(&["score", out.to_str().unwrap(), "--format", "json"]);
    let json: serde_json::Value = serde_json::from_slice(&score.stdout).unwrap();
    assert!(json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .any(|f| f["rule"] == "shared-datastore"));

    // The file exists now: replaced only with --force.
    let again = archbook(&[
        "import",
        import_fixture("eshop/docker-compose.yml").to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(again.status.code(), Some(3));
    assert!(String::from_utf8_lossy(&again.stderr).contains("Use --force"));
    let forced = archbook(&[
        "import",
        import_fixture("eshop/docker-compose.yml").to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--force",
    ]);
    assert_eq!(forced.status.code(), Some(0));
}

#[test]
fn import_reads_a_folder_of_manifests_and_writes_to_standard_output() {
    let run = archbook(&[
        "import",
        import_fixture("hotel-reservation").to_str().unwrap(),
        "--out",
        "-",
    ]);
    assert_eq!(run.status.code(), Some(0));
    let wb: serde_json::Value = serde_json::from_slice(&run.stdout).unwrap();
    assert_eq!(wb["title"], "hotel-reservation");
    let nodes = wb["graph"]["nodes"].as_array().unwrap();
    assert!(nodes
        .iter()
        .any(|n| n["name"] == "Ingress hotel" && n["kind"] == "gateway"));
    let frontend = nodes.iter().find(|n| n["name"] == "frontend").unwrap();
    assert_eq!(frontend["replicas"], 2);
    assert!(frontend["evidence"]
        .as_array()
        .unwrap()
        .iter()
        .any(|e| e.as_str().unwrap().contains("minReplicas = 2")));
    // The report goes to standard error, out of the JSON's way.
    assert!(String::from_utf8_lossy(&run.stderr).contains("20 components:"));
    // Without --out nothing is written, and the report says how.
    let dry = archbook(&[
        "import",
        import_fixture("hotel-reservation").to_str().unwrap(),
    ]);
    assert!(String::from_utf8_lossy(&dry.stdout)
        .contains("Nothing was written: add --out WORKBOOK.json"));
}

#[test]
fn import_refuses_templates_and_broken_files_with_where_and_why() {
    let dir = tempfile::tempdir().unwrap();
    let helm = dir.path().join("deployment.yaml");
    std::fs::write(
        &helm,
        "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ .Release.Name }}\n",
    )
    .unwrap();
    let run = archbook(&["import", helm.to_str().unwrap()]);
    assert_eq!(run.status.code(), Some(2));
    let err = String::from_utf8_lossy(&run.stderr);
    assert!(
        err.contains("deployment.yaml:4:9: this is a template"),
        "{err}"
    );
    let empty = tempfile::tempdir().unwrap();
    let run = archbook(&["import", empty.path().to_str().unwrap()]);
    assert_eq!(run.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&run.stderr).contains("holds no .yaml or .yml file"));
}

#[test]
fn the_published_schema_is_the_one_the_types_describe() {
    let out = archbook(&["schema"]);
    assert_eq!(out.status.code(), Some(0));
    let printed = String::from_utf8(out.stdout).unwrap();
    let published = std::fs::read_to_string(
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../public/workbook.schema.json"),
    )
    .unwrap();
    assert!(
        printed == published,
        "public/workbook.schema.json is out of date: run `cargo run -p archbook-cli -- schema > public/workbook.schema.json`"
    );
    let schema: serde_json::Value = serde_json::from_str(&printed).unwrap();
    assert_eq!(
        schema["$schema"],
        "https://json-schema.org/draft/2020-12/schema"
    );
    assert_eq!(schema["properties"]["format"]["const"], "archbook-workbook");
}
