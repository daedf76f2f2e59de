//! No input locks a team out of its work (issue 26): what a file costs is
//! linear in its size, every door refuses what would pass the limits before
//! anything changes, and what the importer reports is data, never lines of
//! its own. Each test here failed on the code before the issue was fixed
//! (ran out of memory, overflowed the stack, took minutes, or wrote what
//! Archbook then refused).

use archbook_core::canvas::clipboard::Clip;
use archbook_core::canvas::edit::{Edit, EditError, History};
use archbook_core::import::{import, report_text, Source};
use archbook_core::limits::{self, Measure, MAX_EDGES, MAX_NODES};
use archbook_core::{load, load_stored, load_with_warnings, to_json, Node, NodeKind, Workbook};

fn workbook_with_extra(extra: &str) -> String {
    format!(r#"{{"format":"archbook-workbook","version":2,"title":"T","x":{extra}}}"#)
}

#[test]
fn a_key_repeated_thousands_of_times_under_a_huge_key_is_one_short_warning() {
    // The probe's file: one extra field, a 1 MB key, 3,000 repeats inside.
    let huge_key = "k".repeat(1024 * 1024);
    let repeats = vec![r#""a":1"#; 3_000].join(",");
    let text = workbook_with_extra(&format!(r#"{{"{huge_key}":{{{repeats}}}}}"#));
    let loaded = load_with_warnings(&text).expect("the file is valid");
    assert_eq!(loaded.warnings.len(), 1, "{:?}", loaded.warnings);
    let w = &loaded.warnings[0];
    assert!(
        w.message.contains("appears 3,000 times"),
        "the count is given: {}",
        w.message
    );
    assert!(w.path.starts_with("$.x[\"kkkk"), "{}", w.path);
    assert!(
        w.path.ends_with("…\"].a"),
        "the long key is cut: {}",
        w.path
    );
    assert!(w.path.len() < 200, "{} bytes of path", w.path.len());
}

#[test]
fn many_keys_given_twice_are_listed_up_to_a_cap_then_counted() {
    let pairs: Vec<String> = (0..5_000)
        .map(|i| format!(r#""k{i}":1,"k{i}":2"#))
        .collect();
    let text = workbook_with_extra(&format!("{{{}}}", pairs.join(",")));
    let loaded = load_with_warnings(&text).unwrap();
    assert_eq!(loaded.warnings.len(), 101);
    assert_eq!(loaded.warnings[0].path, "$.x.k0");
    assert!(loaded.warnings[0].message.contains("appears twice"));
    assert!(
        loaded.warnings[100]
            .message
            .starts_with("4,900 more keys appear more than once"),
        "{}",
        loaded.warnings[100].message
    );
    let bytes: usize = loaded
        .warnings
        .iter()
        .map(|w| w.path.len() + w.message.len())
        .sum();
    assert!(bytes < text.len(), "warnings stay smaller than the file");
}

fn graph_of(n: usize) -> Workbook {
    let mut wb = Workbook::new("Big");
    for i in 0..n {
        wb.graph.nodes.push(Node::new(
            format!("s{i}"),
            format!("service {i}"),
            NodeKind::Service,
        ));
    }
    wb
}

#[test]
fn pasting_past_the_limit_is_refused_and_changes_nothing() {
    let mut wb = graph_of(MAX_NODES - 2);
    let before = wb.graph.clone();
    let all: Vec<String> = wb.graph.nodes[..5].iter().map(|n| n.id.clone()).collect();
    let (edit, _) = Clip::copy(&wb.graph, &all).paste(&wb.graph, 1);
    let mut history = History::default();
    let err = history.apply(&mut wb.graph, edit).unwrap_err();
    assert_eq!(
        err.to_string(),
        "this would make 1,003 components, and a workbook holds at most 1,000; nothing was changed"
    );
    assert!(matches!(err, EditError::Limit(e) if e.measure == Measure::Components));
    assert_eq!(wb.graph, before);
    assert!(!history.can_undo());
    // Two fit.
    let (edit, _) = Clip::copy(&wb.graph, &all[..2]).paste(&wb.graph, 1);
    history.apply(&mut wb.graph, edit).unwrap();
    assert_eq!(wb.graph.nodes.len(), MAX_NODES);
}

#[test]
fn a_stored_workbook_past_the_limits_still_opens_and_may_shrink_but_not_grow() {
    let wb = graph_of(MAX_NODES + 1);
    let text = to_json(&wb);
    // A file from elsewhere is refused with the numbers ...
    let err = load(&text).unwrap_err();
    assert!(err.to_string().contains("1,001 components"), "{err}");
    // ... but the app's own stored copy opens, so it never leaves the list.
    let mut opened = load_stored(&text).expect("stored workbooks open");
    assert_eq!(opened.graph.nodes.len(), MAX_NODES + 1);
    assert!(limits::check(&opened).is_err());
    let mut history = History::default();
    history
        .apply(
            &mut opened.graph,
            Edit::RemoveNode {
                id: "s0".to_owned(),
            },
        )
        .expect("removing is allowed");
    let grow = Edit::AddNode {
        node: Node::new("n", "n", NodeKind::Service),
        index: 0,
    };
    // Back at the limit, nothing may be added.
    assert_eq!(opened.graph.nodes.len(), MAX_NODES);
    let err = history.apply(&mut opened.graph, grow).unwrap_err();
    assert!(matches!(err, EditError::Limit(_)));
    assert_eq!(opened.graph.nodes.len(), MAX_NODES);
}

fn compose(services: impl Iterator<Item = (String, String)>) -> String {
    let mut yaml = String::from("services:\n");
    for (name, body) in services {
        yaml.push_str(&format!("  {name}:\n{body}"));
    }
    yaml
}

#[test]
fn a_compose_file_past_the_limit_is_refused_with_the_numbers() {
    for n in [MAX_NODES + 1, 20_000] {
        let text = compose((0..n).map(|i| (format!("s{i}"), "    image: x/app\n".to_owned())));
        let err = import(
            &[Source {
                name: "big.yml",
                text: &text,
            }],
            "Big",
        )
        .unwrap_err();
        assert!(
            err.message.contains(&format!(
                "{} components, and a workbook holds at most 1,000",
                archbook_core::thousands(n)
            )),
            "{err}"
        );
    }
}

#[test]
fn what_an_import_makes_is_within_the_limits_and_loads_again() {
    // 1,000 services that each call five others: the most an import may make.
    let n = MAX_NODES - 1;
    let text = compose((0..n).map(|i| {
        let env: String = (1..=5)
            .map(|k| format!("      S{k}_URL: http://s{}:80\n", (i + k) % n))
            .collect();
        (
            format!("s{i}"),
            format!("    image: x/app\n    environment:\n{env}"),
        )
    }));
    let imported = import(
        &[Source {
            name: "big.yml",
            text: &text,
        }],
        "Big",
    )
    .expect("at the limit");
    let wb = &imported.workbook;
    assert!(wb.graph.nodes.len() <= MAX_NODES);
    assert!(wb.graph.edges.len() <= MAX_EDGES);
    load(&to_json(wb)).expect("Archbook reads back what it made");
}

#[test]
fn names_that_reduce_to_one_id_get_distinct_ids_quickly() {
    // "a!", "a!!", … all reduce to the id "a": each takes the next suffix.
    let text = compose((1..=MAX_NODES).map(|i| {
        (
            format!("\"a{}\"", "!".repeat(i)),
            "    image: x/app\n".to_owned(),
        )
    }));
    let imported = import(
        &[Source {
            name: "same.yml",
            text: &text,
        }],
        "Same",
    )
    .unwrap();
    let ids: std::collections::HashSet<&str> = imported
        .workbook
        .graph
        .nodes
        .iter()
        .map(|n| n.id.as_str())
        .collect();
    assert_eq!(ids.len(), imported.workbook.graph.nodes.len());
    assert!(ids.contains("a") && ids.contains("a-1000"));
}

/// Runs `f` on a thread with a small stack, as a browser's wasm stack is.
fn on_a_small_stack<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    std::thread::Builder::new()
        .stack_size(256 * 1024)
        .spawn(f)
        .unwrap()
        .join()
        .expect("no stack overflow")
}

#[test]
fn nested_defaults_are_read_without_the_stack_and_refused_past_the_limit() {
    // Within the limit: the innermost default wins.
    let depth = 30;
    let value = format!("{}x{}", "${X:-".repeat(depth), "}".repeat(depth));
    let text =
        format!("services:\n  api:\n    image: x/app\n    environment:\n      A: \"{value}\"\n");
    let imported = import(
        &[Source {
            name: "nested.yml",
            text: &text,
        }],
        "N",
    )
    .unwrap();
    assert!(imported.workbook.graph.nodes[0]
        .evidence
        .iter()
        .all(|e| !e.contains("${")));
    // 10,000 levels (60 KB) overflowed the browser's stack.
    let err = on_a_small_stack(|| {
        let depth = 10_000;
        let value = format!("{}x{}", "${X:-".repeat(depth), "}".repeat(depth));
        let text = format!(
            "services:\n  api:\n    image: x/app\n    environment:\n      A: \"{value}\"\n"
        );
        import(
            &[Source {
                name: "nested.yml",
                text: &text,
            }],
            "N",
        )
        .unwrap_err()
    });
    assert!(
        err.message.contains("nested more than 32 deep"),
        "{}",
        err.message
    );
    assert_eq!(err.file, "nested.yml");
}

#[test]
fn a_megabyte_of_unset_variables_is_one_note_per_variable() {
    let vars: String = (0..3_000).map(|i| format!("${{V{}}} ", i % 500)).collect();
    let text = compose((0..50).map(|i| {
        (
            format!("s{i}"),
            format!("    image: x/app\n    command: \"{vars}\"\n"),
        )
    }));
    assert!(text.len() > 1_000_000);
    let imported = import(
        &[Source {
            name: "vars.yml",
            text: &text,
        }],
        "V",
    )
    .unwrap();
    let notes: Vec<&String> = imported
        .report
        .notes
        .iter()
        .filter(|n| n.contains("has no default"))
        .collect();
    assert_eq!(notes.len(), 500);
    assert!(notes[0].starts_with("${V0} has no default"));
    assert_eq!(
        notes[0].matches("s4").count(),
        11,
        "each service named once"
    );
}

#[test]
fn the_import_report_prints_names_and_values_as_data() {
    let text = "services:\n  \"api\\n::error file=x::owned\":\n    image: \"shop/api\\n::set-output name=x::y\"\n    environment:\n      DB_URL: \"postgres://app:s3cret@db:5432/x?password=two&sslmode=off\"\n  db:\n    image: postgres:16\n";
    let imported = import(
        &[Source {
            name: "evil.yml",
            text,
        }],
        "E",
    )
    .unwrap();
    let report = report_text(&imported);
    for line in report.lines() {
        assert!(!line.trim_start().starts_with("::"), "{line}");
    }
    assert!(report.contains("api\\n::error file=x::owned"), "{report}");
    assert!(
        !report.contains("s3cret") && !report.contains("two"),
        "{report}"
    );
    assert!(report.contains("postgres://app:***@db:5432/x?password=***&sslmode=off"));
    let json = to_json(&imported.workbook);
    assert!(!json.contains("s3cret") && !json.contains("=two"));
}

#[test]
fn a_merge_key_chain_is_refused_early() {
    // Each anchor merges the one before twice: the copies double per line.
    let mut yaml = String::from("x0: &x0 {a: 1}\n");
    for i in 1..40 {
        yaml.push_str(&format!(
            "x{i}: &x{i}\n  <<: [*x{p}, *x{p}]\n  k{i}: 1\n",
            p = i - 1
        ));
    }
    yaml.push_str("services:\n  api:\n    image: x\n    environment:\n      <<: *x39\n");
    let err = import(
        &[Source {
            name: "merge.yml",
            text: &yaml,
        }],
        "M",
    )
    .unwrap_err();
    assert!(err.message.contains("MergeKeys"), "{err}");
    // Refused while the chain is still being read (the old cap tripped at
    // its last line, after seconds of copying).
    assert!(err.line.unwrap() < 60, "{err}");
}

#[test]
fn bidirectional_controls_are_shown_escaped_in_records() {
    use archbook_core::analysis::analyze;
    use archbook_core::content::{builtin_checklists, builtin_pitfalls};
    use archbook_core::export::{records, Options};
    let mut wb = Workbook::new("Pay\u{202e}ments");
    wb.graph.nodes.push(Node::new(
        "api",
        "api\u{2066}evil\u{2069}",
        NodeKind::Service,
    ));
    let checklists = builtin_checklists();
    let report = analyze(&wb, &builtin_pitfalls(), &checklists);
    let files = records(&wb, &checklists, &report, &Options::new(1, "2026-12-07"));
    assert!(!files.is_empty());
    for f in &files {
        assert!(
            !f.markdown.contains(['\u{202e}', '\u{2066}', '\u{2069}']),
            "{}",
            f.file_name
        );
    }
    let overview = files
        .iter()
        .map(|f| f.markdown.as_str())
        .collect::<String>();
    // Shown as text: in Markdown the backslash is escaped, so the page
    // reads "Pay\u{202e}ments".
    assert!(overview.contains("# Pay\\\\u{202e}ments"), "{overview}");
    assert!(
        overview.contains("api\\\\u{2066}evil\\\\u{2069}"),
        "{overview}"
    );
}

/// Names from every script, cut wherever Archbook cuts a name: file names,
/// slugs, copy titles, import titles, one-line values, node labels. Each is
/// cut at characters (a byte slice panicked on "架构决策.md").
#[test]
fn names_are_cut_at_characters_everywhere() {
    use archbook_core::canvas::draw::name_lines;
    use archbook_core::library::{file_name, Library};
    use archbook_core::slug::{kebab, Letters};
    let pieces = [
        "架构决策",
        "abcé",
        "e\u{301}\u{301}",
        "🙂🚀👩‍👩‍👧",
        "Zahlungsplattform für Händler",
        "réservation",
        "アーキテクチャ概要",
        "\u{202e}evil",
        "a",
        " ",
    ];
    let mut lib = Library::default();
    lib.add("x", "架构决策", 0.0);
    for piece in pieces {
        for n in [1, 2, 3, 7, 13, 29, 61, 120] {
            let name = piece.repeat(n);
            for max in [1, 4, 5, 60] {
                let _ = kebab(&name, Letters::Ascii, max);
                let _ = kebab(&name, Letters::AnyScript, max);
            }
            let _ = file_name(&name);
            let _ = archbook_core::export::file_name(7, &name);
            let _ = lib.copy_title(&name);
            let _ = lib.arriving_title(&format!("{name} (copy 3)"));
            let _ = archbook_core::import::default_title(&[&format!("{name}/{name}.yml")]);
            let _ = archbook_core::text::plain(&name);
            let _ = archbook_core::export::inline(&name);
            for kind in archbook_core::NodeKind::ALL {
                let _ = name_lines(kind, &name);
            }
            // Keys in warning paths.
            let text = format!(
                r#"{{"format":"archbook-workbook","version":2,"title":"T","x":{{"{name}":1,"{name}":2}}}}"#
            );
            let loaded = load_with_warnings(&text).unwrap();
            assert_eq!(loaded.warnings.len(), 1);
        }
    }
}
