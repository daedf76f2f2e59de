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

/// Compose files built to cost far more than their size: one unit repeated
/// up to thousands of times (names that reduce to one id, nested defaults,
/// unset variables, merge keys, long keys). Run under a memory cap by
/// `scripts/test`; each must be answered in time and memory linear in its
/// size, and what it makes must be within the limits and load again.
fn amplified_compose() -> impl Strategy<Value = String> {
    let unit = prop_oneof![
        Just("same"),
        Just("nested"),
        Just("unset"),
        Just("merge"),
        Just("long-key"),
        Just("many-env"),
    ];
    (unit, 1usize..4_000, "[a-z!?._ -]{0,6}").prop_map(|(unit, n, noise)| match unit {
        "same" => {
            let mut y = String::from("services:\n");
            for i in 0..n.min(1_200) {
                y.push_str(&format!("  \"a{noise}{}\":\n    image: x/app\n", "!".repeat(i % 40)));
            }
            y
        }
        "nested" => format!(
            "services:\n  api:\n    image: x/app\n    environment:\n      A: \"{}x{}\"\n",
            "${X:-".repeat(n),
            "}".repeat(n)
        ),
        "unset" => format!(
            "services:\n  api:\n    image: x/app\n    command: \"{}\"\n",
            (0..n).map(|i| format!("${{V{i}}}")).collect::<Vec<_>>().join(" ")
        ),
        "merge" => {
            let mut y = String::from("x0: &x0 {a: 1}\n");
            for i in 1..n.min(200) {
                y.push_str(&format!("x{i}: &x{i}\n  <<: [*x{p}, *x{p}]\n", p = i - 1));
            }
            y.push_str("services:\n  api:\n    image: x\n");
            y
        }
        "long-key" => format!(
            "services:\n  api:\n    image: x/app\n    environment:\n{}",
            (0..n.min(500))
                .map(|i| format!("      {}{i}: http://api:80\n", "K".repeat(2_000)))
                .collect::<String>()
        ),
        _ => {
            let mut y = String::from("services:\n");
            for i in 0..n.min(1_100) {
                y.push_str(&format!(
                    "  s{i}:\n    image: x/app\n    environment:\n      A: http://s{}:80\n      B: http://s{}:80\n",
                    (i + 1) % n.min(1_100),
                    (i + 7) % n.min(1_100)
                ));
            }
            y
        }
    })
}

/// Workbook files built to cost far more than their size.
fn amplified_workbook() -> impl Strategy<Value = String> {
    (0usize..4, 1usize..5_000, 1usize..200_000).prop_map(|(shape, n, key)| {
        let head = r#"{"format":"archbook-workbook","version":2,"title":"T","x":"#;
        let body = match shape {
            0 => format!(
                r#"{{"{}":{{{}}}}}"#,
                "k".repeat(key),
                vec![r#""a":1"#; n].join(",")
            ),
            1 => format!("{}0{}", "[".repeat(n % 400), "]".repeat(n % 400)),
            2 => format!("[{}]", vec!["{}"; n * 20].join(",")),
            _ => format!(
                "{{{}}}",
                (0..n)
                    .map(|i| format!(r#""k{i}":1,"k{i}":2"#))
                    .collect::<Vec<_>>()
                    .join(",")
            ),
        };
        format!("{head}{body}}}")
    })
}

proptest! {
    #![proptest_config(Config { cases: config().cases.min(200), ..config() })]

    #[test]
    fn amplified_compose_files_are_answered_within_the_limits(text in amplified_compose()) {
        let sources = [archbook_core::import::Source { name: "amp.yml", text: &text }];
        if let Ok(imported) = archbook_core::import::import(&sources, "Amp") {
            prop_assert!(archbook_core::limits::check(&imported.workbook).is_ok());
            let json = archbook_core::to_json(&imported.workbook);
            prop_assert!(archbook_core::load(&json).is_ok());
            let report = archbook_core::import::report_text(&imported);
            prop_assert!(report.lines().all(|l| !l.trim_start().starts_with("::")));
        }
    }

    #[test]
    fn amplified_workbooks_are_answered_with_bounded_warnings(text in amplified_workbook()) {
        if let Ok(loaded) = archbook_core::load_with_warnings(&text) {
            prop_assert!(loaded.warnings.len() <= 101);
            let bytes: usize = loaded.warnings.iter().map(|w| w.path.len() + w.message.len()).sum();
            prop_assert!(bytes <= 64 * 1024, "{bytes} bytes of warnings");
        }
    }
}
