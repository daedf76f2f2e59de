//! Loading, validating and saving workbook files.

use archbook_core::{load, to_json, Access, EdgeStyle, NodeKind, ProblemKind, Workbook};
use pretty_assertions::assert_eq;
use serde_json::{json, Value};

const RICH: &str = include_str!("../../../tests/fixtures/rich.json");

/// Loads `value` and returns the problems as "path: message" lines.
fn problems(value: Value) -> Vec<String> {
    let err = load(&value.to_string()).expect_err("expected the load to fail");
    err.problems.iter().map(|p| p.to_string()).collect()
}

fn minimal() -> Value {
    json!({ "format": "archbook-workbook", "version": 2, "title": "T" })
}

fn with_graph(nodes: Value, edges: Value) -> Value {
    let mut v = minimal();
    v["graph"] = json!({ "nodes": nodes, "edges": edges });
    v
}

#[test]
fn the_rich_example_loads_with_its_typed_fields() {
    let wb = load(RICH).unwrap();
    assert_eq!(wb.title, "Checkout platform");
    assert_eq!(wb.context.team_size, Some(6));
    assert_eq!(wb.context.read_percent, Some(85));
    assert_eq!(wb.graph.nodes.len(), 8);
    assert_eq!(wb.graph.nodes[1].kind, NodeKind::Gateway);
    assert_eq!(wb.graph.nodes[1].replicas(), 2);
    assert_eq!(wb.graph.nodes[0].replicas(), 1, "replicas default to one");
    assert!(wb.graph.nodes[2].has_trait("stateless"));
    assert_eq!(wb.graph.edges[3].access, Some(Access::ReadWrite));
    assert_eq!(wb.graph.edges[4].style, EdgeStyle::Async);
    assert_eq!(
        wb.decisions["service-boundaries"].answers["independent-deploys"],
        "no"
    );
    assert_eq!(wb.accepted[0].rule, "uncached-read-path");
}

#[test]
fn a_load_and_save_keeps_every_field_including_unknown_ones() {
    let wb = load(RICH).unwrap();
    let saved = to_json(&wb);
    let original: Value = serde_json::from_str(RICH).unwrap();
    let again: Value = serde_json::from_str(&saved).unwrap();
    assert_eq!(again, original);
    assert_eq!(again["x-origin"]["tags"], json!(["fixture", 1, null]));
    assert_eq!(again["graph"]["nodes"][2]["notes"], "owns orders");
    assert_eq!(again["graph"]["edges"][3]["weight"], 3);
    assert_eq!(
        again["decisions"]["service-boundaries"]["deciders"],
        json!(["Ana", "Bo"])
    );
    // And a second round trip is byte-identical.
    assert_eq!(to_json(&load(&saved).unwrap()), saved);
}

#[test]
fn saved_files_keep_known_fields_first_and_end_with_a_newline() {
    let saved = to_json(&load(RICH).unwrap());
    assert!(saved.starts_with("{\n  \"format\": \"archbook-workbook\",\n  \"version\": 2,"));
    assert!(saved.ends_with("}\n"));
}

#[test]
fn a_new_workbook_saves_and_loads() {
    let wb = Workbook::new("Fresh");
    assert_eq!(load(&to_json(&wb)).unwrap(), wb);
}

#[test]
fn text_that_is_not_json_says_where() {
    let err = load("{ \"format\": \"archbook-workbook\",\n  oops }").unwrap_err();
    assert_eq!(err.kind(), ProblemKind::NotJson);
    let p = &err.problems[0];
    assert!(p.message.contains("line 2"), "{p}");
    assert_eq!(err.summary(), "This file is not valid JSON.");
}

#[test]
fn an_empty_file_is_not_json() {
    assert_eq!(load("").unwrap_err().kind(), ProblemKind::NotJson);
}

#[test]
fn a_wrong_or_missing_format_is_not_a_workbook() {
    let err = load(r#"{"format": "drawio", "version": 1}"#).unwrap_err();
    assert_eq!(err.kind(), ProblemKind::NotWorkbook);
    assert_eq!(
        err.problems[0].to_string(),
        "$.format: expected \"archbook-workbook\", found \"drawio\""
    );
    assert_eq!(
        load(r#"{"version": 1}"#).unwrap_err().kind(),
        ProblemKind::NotWorkbook
    );
    assert_eq!(load("[1, 2]").unwrap_err().problems[0].path, "$");
}

#[test]
fn a_newer_version_is_refused_and_named() {
    let mut v = minimal();
    v["version"] = json!(7);
    let err = load(&v.to_string()).unwrap_err();
    assert_eq!(err.kind(), ProblemKind::NewerVersion);
    assert!(
        err.problems[0].message.contains("version 7"),
        "{}",
        err.problems[0]
    );
    assert_eq!(err.problems[0].path, "$.version");
}

#[test]
fn a_missing_or_nonsense_version_is_an_error() {
    let mut v = minimal();
    v.as_object_mut().unwrap().remove("version");
    assert_eq!(
        problems(v),
        ["$.version: missing; this Archbook writes version 2"]
    );
    let mut v = minimal();
    v["version"] = json!("one");
    assert_eq!(
        problems(v),
        ["$.version: expected a whole number of at least 1, found \"one\""]
    );
}

#[test]
fn duplicate_node_ids_name_both_places() {
    let v = with_graph(
        json!([
            { "id": "api", "kind": "service" },
            { "id": "db", "kind": "database" },
            { "id": "api", "kind": "worker" }
        ]),
        json!([]),
    );
    assert_eq!(
        problems(v),
        ["$.graph.nodes[2].id: duplicate node id \"api\" (already used by $.graph.nodes[0])"]
    );
}

#[test]
fn edges_to_missing_nodes_are_reported_at_each_end() {
    let v = with_graph(
        json!([{ "id": "api", "kind": "service" }]),
        json!([{ "from": "api", "to": "dbb" }, { "from": "ghost", "to": "api" }]),
    );
    assert_eq!(
        problems(v),
        [
            "$.graph.edges[0].to: no node has the id \"dbb\"",
            "$.graph.edges[1].from: no node has the id \"ghost\"",
        ]
    );
}

#[test]
fn unknown_kind_and_style_are_named_with_the_allowed_values() {
    let v = with_graph(
        json!([{ "id": "api", "kind": "service" }, { "id": "db", "kind": "databse" }]),
        json!([{ "from": "api", "to": "db", "style": "rpc" }]),
    );
    let p = problems(v);
    // The edge to the node with a bad kind is not also called dangling.
    assert_eq!(p.len(), 2, "{p:#?}");
    assert_eq!(
        p[0],
        "$.graph.nodes[1].kind: unknown value \"databse\"; expected one of client, frontend, gateway, \
         load-balancer, service, worker, database, cache, queue, cdn, object-storage, search, external \
         (did you mean \"database\"?)"
    );
    assert_eq!(
        p[1],
        "$.graph.edges[0].style: unknown value \"rpc\"; expected one of sync, async"
    );
}

#[test]
fn an_unknown_access_is_named_with_the_allowed_values() {
    let v = with_graph(
        json!([{ "id": "api", "kind": "service" }, { "id": "db", "kind": "database" }]),
        json!([{ "from": "api", "to": "db", "access": "read-only" }]),
    );
    assert_eq!(
        problems(v),
        ["$.graph.edges[0].access: unknown value \"read-only\"; expected one of read, write, read-write"]
    );
}

#[test]
fn every_problem_is_reported_not_just_the_first() {
    let mut v = with_graph(
        json!([
            { "id": "a", "kind": "service", "replicas": 0 },
            { "id": "a", "kind": "service" },
            { "id": "", "kind": "queue" },
            { "kind": "cache" }
        ]),
        json!([{ "from": "a", "to": "zzz" }, "not an edge"]),
    );
    v["context"] = json!({ "team_size": "six" });
    v["accepted"] = json!([{ "nodes": ["a"] }]);
    v["decisions"] = json!({ "caching": { "answers": { "q": 3 } } });
    let p = problems(v);
    let paths: Vec<&str> = p.iter().map(|l| l.split(": ").next().unwrap()).collect();
    assert_eq!(
        paths,
        [
            "$.context.team_size",
            "$.decisions.caching.answers.q",
            "$.accepted[0]",
            "$.graph.nodes[0].replicas",
            "$.graph.nodes[1].id",
            "$.graph.nodes[2].id",
            "$.graph.nodes[3]",
            "$.graph.edges[0].to",
            "$.graph.edges[1]",
        ],
        "{p:#?}"
    );
    assert_eq!(
        p[0],
        "$.context.team_size: expected a whole number, found \"six\""
    );
    assert_eq!(
        p[1],
        "$.decisions.caching.answers.q: expected text, found 3"
    );
    assert_eq!(p[2], "$.accepted[0]: missing the required field \"rule\"");
    assert_eq!(p[6], "$.graph.nodes[3]: missing the required field \"id\"");
    assert_eq!(
        p[8],
        "$.graph.edges[1]: expected an object, found \"not an edge\""
    );
}

#[test]
fn sections_of_the_wrong_type_are_reported() {
    let mut v = minimal();
    v["graph"] = json!({ "nodes": {}, "edges": 3 });
    v["decisions"] = json!([]);
    v["title"] = json!(5);
    assert_eq!(
        problems(v),
        [
            "$.title: expected text, found 5",
            "$.decisions: expected an object keyed by decision id, found a list",
            "$.graph.nodes: expected a list, found an object",
            "$.graph.edges: expected a list, found 3",
        ]
    );
}

#[test]
fn a_loaded_file_is_always_at_the_current_version() {
    assert_eq!(load(RICH).unwrap().version, archbook_core::CURRENT_VERSION);
}

#[test]
fn custom_checklists_are_kept_and_checked_with_their_lines() {
    let good = include_str!("../../../tests/fixtures/custom-checklist.md");
    let mut v = minimal();
    v["custom_checklists"] = json!([{ "file": "broker.md", "markdown": good }]);
    let wb = load(&v.to_string()).unwrap();
    assert_eq!(wb.custom_checklists[0].file, "broker.md");
    assert_eq!(load(&to_json(&wb)).unwrap(), wb);

    v["custom_checklists"] = json!([{ "file": "broker.md", "markdown": good.replace("`ops` is `yes`", "`ops` is `maybe`") }]);
    assert_eq!(
        problems(v),
        ["$.custom_checklists[0].markdown: line 40: the question \"ops\" has no choice \"maybe\" (it has: yes, no)"]
    );
}

#[test]
fn decision_details_round_trip() {
    let mut v = minimal();
    v["decisions"] = json!({ "caching": {
        "answers": { "hot-data": "yes" },
        "not_applicable": { "static-content": "API only" },
        "status": "accepted",
        "chosen": "write-through",
        "justification": "Prices must be exact.",
        "decision_makers": ["Ana"], "consulted": ["Ops"], "informed": ["Sales"],
        "notes": "Revisit after launch."
    }});
    let wb = load(&v.to_string()).unwrap();
    let d = &wb.decisions["caching"];
    assert_eq!(d.chosen.as_deref(), Some("write-through"));
    assert_eq!(d.not_applicable["static-content"], "API only");
    let again: Value = serde_json::from_str(&to_json(&wb)).unwrap();
    assert_eq!(again["decisions"], v["decisions"]);
}

#[test]
fn loading_builds_the_same_workbook_as_the_derived_deserializer() {
    for fixture in ["rich", "tangled", "reference", "hostile"] {
        let text = std::fs::read_to_string(format!(
            "{}/../../tests/fixtures/{fixture}.json",
            env!("CARGO_MANIFEST_DIR")
        ))
        .unwrap();
        let derived: Workbook = serde_json::from_str(&text).unwrap();
        assert_eq!(load(&text).unwrap(), derived, "{fixture}");
    }
}

#[test]
fn thresholds_set_to_null_are_absent_for_the_validator_the_builder_and_the_serde_types() {
    let mut v = minimal();
    v["thresholds"] = Value::Null;
    let text = v.to_string();
    let loaded = load(&text).expect("null is absent, as for every optional field");
    assert_eq!(loaded.thresholds, None);
    let derived: Workbook = serde_json::from_str(&text).unwrap();
    assert_eq!(derived.thresholds, None);
    // A wrong type is still refused, with where.
    v["thresholds"] = json!(3);
    assert_eq!(problems(v), ["$.thresholds: expected an object, found 3"]);
}

#[test]
fn a_schema_reference_stays_first_through_load_and_save() {
    let text = r#"{"$schema": "https://example.org/app/workbook.schema.json",
        "format": "archbook-workbook", "version": 2, "title": "Shop"}"#;
    let wb = archbook_core::load(text).unwrap();
    assert_eq!(
        wb.schema.as_deref(),
        Some("https://example.org/app/workbook.schema.json")
    );
    let saved = archbook_core::to_json(&wb);
    assert!(
        saved.starts_with(
            "{\n  \"$schema\": \"https://example.org/app/workbook.schema.json\",\n  \"format\""
        ),
        "{saved}"
    );
    assert_eq!(archbook_core::load(&saved).unwrap(), wb);
    // A workbook without one is written without one.
    assert!(!archbook_core::to_json(&archbook_core::Workbook::new("x")).contains("$schema"));
    // Not text: refused with its path.
    let bad = archbook_core::load(r#"{"$schema": 7, "format": "archbook-workbook", "version": 2}"#)
        .unwrap_err();
    assert_eq!(bad.problems[0].path, "$[\"$schema\"]");
}

#[test]
fn every_enum_id_is_the_name_the_file_format_uses() {
    use archbook_core::{DecisionStatus, DeployFrequency, NodeKind};
    fn check<T: serde::Serialize + Copy + PartialEq + std::fmt::Debug>(
        all: &[T],
        id: fn(T) -> &'static str,
        from: fn(&str) -> Option<T>,
    ) {
        for &x in all {
            assert_eq!(serde_json::to_value(x).unwrap(), serde_json::json!(id(x)));
            assert_eq!(from(id(x)), Some(x));
        }
    }
    check(&NodeKind::ALL, NodeKind::id, NodeKind::from_id);
    check(
        &DecisionStatus::ALL,
        DecisionStatus::id,
        DecisionStatus::from_id,
    );
    check(
        &DeployFrequency::ALL,
        DeployFrequency::id,
        DeployFrequency::from_id,
    );
    assert_eq!(NodeKind::from_id("nonsense"), None);
}

#[test]
fn a_stored_workbook_opens_without_its_checklists_markdown_being_parsed_again() {
    let text = r#"{"format": "archbook-workbook", "version": 2,
        "custom_checklists": [{"file": "broken.md", "markdown": "not a checklist"}]}"#;
    // From elsewhere: the checklist is checked, with its line.
    let err = archbook_core::load(text).unwrap_err();
    assert_eq!(err.problems[0].path, "$.custom_checklists[0].markdown");
    // Stored by the app (checked when it was added): it opens, and the
    // format itself is still checked.
    let wb = archbook_core::load_stored(text).unwrap();
    assert_eq!(wb.custom_checklists[0].file, "broken.md");
    assert!(archbook_core::load_stored(
        r#"{"format": "archbook-workbook", "version": 2, "title": 1}"#
    )
    .is_err());
    // Every fixture reads the same either way.
    for f in [
        "rich.json",
        "reference.json",
        "hostile.json",
        "tangled.json",
        "lifecycle.json",
    ] {
        let text = std::fs::read_to_string(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("../../tests/fixtures")
                .join(f),
        )
        .unwrap();
        assert_eq!(
            archbook_core::load_stored(&text).ok(),
            archbook_core::load(&text).ok(),
            "{f}"
        );
    }
}

#[test]
fn a_share_link_offer_names_what_it_adds_or_nothing_when_unreadable() {
    let rich = include_str!("../../../tests/fixtures/rich.json");
    assert_eq!(
        archbook_core::share::offer(rich).as_deref(),
        Some("\"Checkout platform\" (8 components, 2 decisions) opens as a new workbook. Your own workbooks are not changed.")
    );
    assert_eq!(archbook_core::share::offer("{}"), None);
}
