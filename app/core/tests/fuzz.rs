//! Fuzzing with a fixed budget: everything that reads input from elsewhere
//! (workbook files, share links, checklist Markdown, raw bytes) gets
//! thousands of generated inputs, random and shaped like the real thing, and
//! must answer with a value or an explained error, never a panic. The
//! budget is a number of cases per property (`FUZZ_CASES`, default 2,000),
//! so a CI run takes seconds and is repeatable.

use archbook_core::content::{builtin_checklists, builtin_pitfalls, CHECKLIST_FILES};
use archbook_core::{load, to_json};
use proptest::prelude::*;
use proptest::test_runner::Config;
use serde_json::{json, Map, Value};

fn config() -> Config {
    let cases = std::env::var("FUZZ_CASES")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(2_000);
    Config {
        cases,
        // Nothing is written next to the sources; a failure prints its input.
        failure_persistence: None,
        ..Config::default()
    }
}

/// Keys and values a workbook uses, so that generated objects reach deep
/// into the validator rather than stopping at the first unknown shape.
fn word() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("format".to_owned()),
        Just("archbook-workbook".to_owned()),
        Just("version".to_owned()),
        Just("title".to_owned()),
        Just("context".to_owned()),
        Just("team_size".to_owned()),
        Just("teams".to_owned()),
        Just("read_percent".to_owned()),
        Just("decisions".to_owned()),
        Just("caching".to_owned()),
        Just("answers".to_owned()),
        Just("status".to_owned()),
        Just("date".to_owned()),
        Just("graph".to_owned()),
        Just("nodes".to_owned()),
        Just("edges".to_owned()),
        Just("id".to_owned()),
        Just("kind".to_owned()),
        Just("service".to_owned()),
        Just("database".to_owned()),
        Just("queue".to_owned()),
        Just("from".to_owned()),
        Just("to".to_owned()),
        Just("style".to_owned()),
        Just("async".to_owned()),
        Just("replicas".to_owned()),
        Just("traits".to_owned()),
        Just("accepted".to_owned()),
        Just("rule".to_owned()),
        Just("thresholds".to_owned()),
        Just("custom_checklists".to_owned()),
        Just("markdown".to_owned()),
        Just("a".to_owned()),
        Just("b".to_owned()),
        "[a-z-]{0,8}",
        ".{0,12}",
    ]
}

fn value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        (0u64..5).prop_map(Value::from),
        any::<f64>()
            .prop_filter("JSON numbers are finite", |f| f.is_finite())
            .prop_map(Value::from),
        word().prop_map(Value::from),
    ];
    leaf.prop_recursive(5, 64, 8, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec((word(), inner), 0..8)
                .prop_map(|kv| Value::Object(kv.into_iter().collect::<Map<_, _>>())),
        ]
    })
}

/// A workbook-shaped value: the right header, then anything.
fn workbook_like() -> impl Strategy<Value = Value> {
    (value(), value(), value(), value()).prop_map(|(context, decisions, graph, rest)| {
        let mut wb = json!({ "format": "archbook-workbook", "version": 1 });
        let o = wb.as_object_mut().unwrap();
        o.insert("context".into(), context);
        o.insert("decisions".into(), decisions);
        o.insert("graph".into(), graph);
        if let Value::Object(more) = rest {
            for (k, v) in more {
                o.entry(k).or_insert(v);
            }
        }
        wb
    })
}

/// Lines of real checklist files, shuffled and cut: Markdown the parser's
/// every branch sees.
fn checklist_like() -> impl Strategy<Value = String> {
    let lines: Vec<&'static str> = CHECKLIST_FILES
        .iter()
        .flat_map(|(_, src)| src.lines())
        .collect();
    prop::collection::vec(
        prop_oneof![
            4 => prop::sample::select(lines),
            1 => ".{0,40}".prop_map(|s: String| Box::leak(s.into_boxed_str()) as &str),
        ],
        0..60,
    )
    .prop_map(|ls| ls.join("\n"))
}

/// Lines of the import fixtures (compose files and manifests), shuffled and
/// cut, with a line of noise now and then.
fn manifest_like() -> impl Strategy<Value = String> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures/import");
    let mut lines: Vec<&'static str> = Vec::new();
    for app in std::fs::read_dir(dir).unwrap().flatten() {
        for f in std::fs::read_dir(app.path()).unwrap().flatten() {
            let text: &'static str =
                Box::leak(std::fs::read_to_string(f.path()).unwrap().into_boxed_str());
            lines.extend(text.lines());
        }
    }
    prop::collection::vec(
        prop_oneof![
            6 => prop::sample::select(lines),
            1 => Just("---"),
            1 => ".{0,30}".prop_map(|s: String| Box::leak(s.into_boxed_str()) as &str),
        ],
        0..80,
    )
    .prop_map(|ls| ls.join("\n"))
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn load_answers_every_text(text in ".{0,200}") {
        let _ = load(&text);
    }

    #[test]
    fn load_answers_every_workbook_shape_and_what_it_accepts_round_trips(wb in workbook_like()) {
        let text = wb.to_string();
        if let Ok(loaded) = load(&text) {
            let again = load(&to_json(&loaded)).expect("what load accepts, it writes back readably");
            prop_assert_eq!(again, loaded);
        }
        let _ = archbook_core::content::read_incoming(&text);
    }

    #[test]
    fn what_load_accepts_can_be_reviewed_and_exported(wb in workbook_like()) {
        if let Ok(loaded) = load(&wb.to_string()) {
            let checklists = archbook_core::content::checklists_for(&builtin_checklists(), &loaded);
            let report = archbook_core::analysis::analyze(&loaded, &builtin_pitfalls(), &checklists);
            let _ = archbook_core::export::records(&loaded, &checklists, &report, &archbook_core::export::Options::new(1, "2026-12-01"));
        }
    }

    #[test]
    fn share_links_answer_every_fragment(tail in "[A-Za-z0-9_\\-=*.]{0,300}", bytes in prop::collection::vec(any::<u8>(), 0..300)) {
        let _ = archbook_core::share::decode(&format!("share=v1.{tail}"));
        let _ = archbook_core::share::decode(&tail);
        // Compressed garbage behind a valid header.
        let packed = archbook_core::share::encode(&String::from_utf8_lossy(&bytes));
        if let Ok(json) = archbook_core::share::decode(&packed) {
            prop_assert_eq!(json, String::from_utf8_lossy(&bytes).into_owned());
        }
    }

    #[test]
    fn the_checklist_parser_answers_every_file(md in checklist_like()) {
        let _ = archbook_core::checklist::parse("fuzz.md", &md);
        let _ = archbook_core::pitfall::parse("fuzz.md", &md);
        let _ = archbook_core::markdown::to_safe_inline(&md);
        let _ = archbook_core::markdown::to_safe_html(&md);
    }

    #[test]
    fn the_reading_rule_answers_every_byte_string(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        if let Ok(text) = archbook_core::read::text(&bytes) {
            prop_assert!(bytes.ends_with(text.as_bytes()));
        }
    }

    #[test]
    fn the_importer_answers_every_file_and_what_it_makes_loads(text in manifest_like()) {
        let sources = [archbook_core::import::Source { name: "fuzz.yaml", text: &text }];
        if let Ok(imported) = archbook_core::import::import(&sources, "Fuzz") {
            let json = archbook_core::to_json(&imported.workbook);
            prop_assert!(archbook_core::load(&json).is_ok(), "{json}");
            let design = imported.workbook.graph.clone();
            let d = archbook_core::import::drift::compare(&design, &imported.workbook.graph);
            prop_assert!(d.is_empty());
        }
    }
}
