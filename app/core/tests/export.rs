//! Design records: golden files, determinism, and structure that hostile
//! names and notes cannot break.

use archbook_core::analysis::analyze;
use archbook_core::content::{builtin_checklists, builtin_pitfalls, checklists_for};
use archbook_core::export::{records, Flavour, Options as ExportOptions};
use archbook_core::load;
use pulldown_cmark::{CodeBlockKind, Event, Options, Parser, Tag, TagEnd};

fn export(fixture: &str) -> Vec<(String, String)> {
    export_as(fixture, Flavour::Madr)
}

fn export_as(fixture: &str, flavour: Flavour) -> Vec<(String, String)> {
    let text = std::fs::read_to_string(format!(
        "{}/../../tests/fixtures/{fixture}.json",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap();
    let wb = load(&text).unwrap();
    let checklists = checklists_for(&builtin_checklists(), &wb);
    let report = analyze(&wb, &builtin_pitfalls(), &checklists);
    let options = ExportOptions {
        flavour,
        ..ExportOptions::new(1, "2026-12-01")
    };
    records(&wb, &checklists, &report, &options)
        .into_iter()
        .map(|r| (r.file_name, r.markdown))
        .collect()
}

#[test]
fn records_match_the_golden_files() {
    // Every status, dated and undated, in both layouts: lifecycle.
    for (fixture, flavour, folder) in [
        ("rich", Flavour::Madr, "rich"),
        ("tangled", Flavour::Madr, "tangled"),
        ("lifecycle", Flavour::Madr, "lifecycle"),
        ("lifecycle", Flavour::Log4brains, "lifecycle-log4brains"),
    ] {
        let dir = format!(
            "{}/../../tests/fixtures/golden/records/{folder}",
            env!("CARGO_MANIFEST_DIR")
        );
        let got = export_as(fixture, flavour);
        if std::env::var_os("UPDATE_GOLDEN").is_some() {
            let _ = std::fs::remove_dir_all(&dir);
            std::fs::create_dir_all(&dir).unwrap();
            for (name, md) in &got {
                std::fs::write(format!("{dir}/{name}"), md).unwrap();
            }
        }
        let mut names: Vec<String> = std::fs::read_dir(&dir)
            .unwrap_or_else(|_| panic!("missing {dir}; run with UPDATE_GOLDEN=1"))
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        names.sort();
        assert_eq!(
            names,
            got.iter().map(|(n, _)| n.clone()).collect::<Vec<_>>(),
            "{fixture}: file names"
        );
        for (name, md) in got {
            assert_eq!(
                md,
                std::fs::read_to_string(format!("{dir}/{name}")).unwrap(),
                "{fixture}/{name} differs from its golden file"
            );
        }
    }
}

#[test]
fn the_same_workbook_gives_byte_identical_records() {
    assert_eq!(export("tangled"), export("tangled"));
}

/// The headings and the HTML of a Markdown document, as a renderer sees them.
fn structure(md: &str) -> (Vec<String>, Vec<String>, Vec<String>) {
    let (mut headings, mut html, mut code) = (vec![], vec![], vec![]);
    let mut heading: Option<String> = None;
    let mut block: Option<String> = None;
    for ev in Parser::new_ext(
        md,
        Options::ENABLE_YAML_STYLE_METADATA_BLOCKS | Options::ENABLE_TABLES,
    ) {
        match ev {
            Event::Start(Tag::Heading { .. }) => heading = Some(String::new()),
            Event::End(TagEnd::Heading(_)) => headings.push(heading.take().unwrap()),
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(lang))) => {
                block = Some(format!("{lang}:"))
            }
            Event::End(TagEnd::CodeBlock) => code.push(block.take().unwrap_or_default()),
            Event::Html(h) | Event::InlineHtml(h) => html.push(h.to_string()),
            Event::Text(t) | Event::Code(t) => {
                if let Some(h) = heading.as_mut() {
                    h.push_str(&t);
                }
                if let Some(b) = block.as_mut() {
                    b.push_str(&t);
                }
            }
            _ => {}
        }
    }
    (headings, html, code)
}

#[test]
fn hostile_names_and_notes_never_break_a_record() {
    let got = export("hostile");
    let (overview, decision) = (&got[0].1, &got[1].1);

    let (headings, html, code) = structure(overview);
    assert!(html.is_empty(), "raw HTML in the overview: {html:?}");
    assert_eq!(
        headings,
        [
            "Shop <script>alert(1)</script> | *bold* `code` \"quoted\" # not a heading: architecture overview",
            "Context", "Decisions", "Service Graph", "Scorecard", "Findings", "Medium severity",
            "Questions the design leaves open", "Accepted Risks", "Open Questions",
        ]
    );
    assert_eq!(code.len(), 1);
    let diagram = code[0].strip_prefix("mermaid:").expect("a mermaid block");
    // "  n2[...": a node; "  n1 -->...": an edge. Labels cannot add lines.
    let after_id = |l: &str| {
        l.trim_start().strip_prefix('n').map(|r| {
            r.trim_start_matches(|c: char| c.is_ascii_digit())
                .to_owned()
        })
    };
    let nodes = diagram
        .lines()
        .filter(|l| after_id(l).is_some_and(|r| r.starts_with(['[', '(', '{', '>'])))
        .count();
    let edges = diagram
        .lines()
        .filter(|l| after_id(l).is_some_and(|r| r.starts_with(" -")))
        .count();
    assert_eq!(
        (nodes, edges, diagram.lines().count()),
        (6, 4, 11),
        "{diagram}"
    );
    // The decisions table keeps four columns in every row.
    for row in overview.lines().filter(|l| l.starts_with("| 0")) {
        let cells = row.replace("\\|", "").matches('|').count();
        assert_eq!(cells, 5, "{row}");
    }

    let (headings, html, _) = structure(decision);
    assert!(html.is_empty(), "raw HTML in the decision record: {html:?}");
    assert_eq!(
        headings,
        [
            "Caching strategy: Write-through cache",
            "Context and Problem Statement",
            "Decision Drivers",
            "Considered Options",
            "Decision Outcome",
            "Consequences",
            "Confirmation",
            "Pros and Cons of the Options",
            "No cache",
            "Cache-aside with expiry",
            "Write-through cache",
            "CDN at the edge",
            "CDN in front, in-memory cache behind",
            "More Information",
        ]
    );
    assert!(decision.contains("Chosen option: \"Write-through cache\", because Because \\*we\\* said so \\</div\\> \\| and \\`this\\` \\# heading."), "{decision}");
    // Front matter: YAML-quoted people, so quotes and colons stay values.
    assert!(decision.starts_with("---\nstatus: accepted\ndate: 2026-12-01\ndecision-makers: \"Ana \\\"the boss\\\", Bo: yaml: key, C\\\\D\"\n---\n# Caching strategy"), "{decision}");
}

/// What a renderer would load or follow: link targets and image sources.
fn targets(md: &str) -> (Vec<String>, Vec<String>) {
    let (mut links, mut images) = (vec![], vec![]);
    for ev in Parser::new_ext(md, Options::ENABLE_YAML_STYLE_METADATA_BLOCKS) {
        match ev {
            Event::Start(Tag::Link { dest_url, .. }) => links.push(dest_url.to_string()),
            Event::Start(Tag::Image { dest_url, .. }) => images.push(dest_url.to_string()),
            _ => {}
        }
    }
    (links, images)
}

#[test]
fn a_team_s_own_checklist_cannot_put_html_scripts_images_or_unsafe_links_in_a_record() {
    let got = export("hostile");
    let (name, evil) = got
        .iter()
        .find(|(n, _)| n.starts_with("0003-evil"))
        .expect("the custom checklist's record");
    for (name, md) in &got {
        let (_, html, _) = structure(md);
        assert!(html.is_empty(), "raw HTML in {name}: {html:?}");
        let (links, images) = targets(md);
        assert!(images.is_empty(), "images in {name}: {images:?}");
        for l in &links {
            assert!(
                l.starts_with("https://") || l.starts_with("http://") || l.starts_with("mailto:"),
                "unsafe link {l} in {name}"
            );
        }
    }
    // The text around what was dropped is kept, without gaps.
    assert!(evil.contains("Which broker?"), "{name}: {evil}");
    assert!(
        evil.contains("* Good, because nobody operates it."),
        "{evil}"
    );
    assert!(evil.contains("Run by the team, see [docs](<https://example.org/broker>)."));
    assert!(!evil.contains("tracker.example"), "{evil}");
}

#[test]
fn records_stay_what_they_say_for_markdown_yaml_and_mermaid() {
    let got = export("hostile");
    let evil = &got
        .iter()
        .find(|(n, _)| n.starts_with("0003-evil"))
        .unwrap()
        .1;
    // Control characters would break YAML parsers; tags could reach a page.
    let front = evil.split("\n---\n").next().unwrap();
    assert!(
        !front.chars().any(|c| c.is_control() && c != '\n'),
        "{front:?}"
    );
    assert!(
        front.contains("decision-makers: \"Bell Nul Esc[2J ‹b›Boss‹/b›\""),
        "{front}"
    );
    // "1) x" at the start of a paragraph is not a list.
    let overview = &got[0].1;
    assert!(
        overview.contains("\n1\\) not a list in parentheses either\n"),
        "{overview}"
    );
    assert!(!overview.contains("<ol"));
    // Mermaid rewrites "style …:#…;" in labels before it parses them.
    assert!(
        overview.contains("[\"style n1 fill#58;#35;f00#59;\"]"),
        "{overview}"
    );
}

#[test]
fn an_unanswered_decision_is_marked_open_not_invented() {
    let got = export("rich");
    let caching = &got.iter().find(|(n, _)| n.contains("caching")).unwrap().1;
    assert!(caching.contains("# Caching strategy: open"));
    assert!(caching
        .contains("This decision is open: the answers so far do not decide it. Still to answer:"));
    assert!(!caching.contains("Chosen option:"));
    assert!(caching.contains("* Is the same data read again and again? not answered"));
}

#[test]
fn notes_on_the_graph_are_in_the_overview_and_the_drawing_but_not_the_review() {
    use archbook_core::analysis::analyze;
    use archbook_core::content::{builtin_checklists, builtin_pitfalls};
    use archbook_core::export::{records, Options};
    let mut wb = archbook_core::Workbook::new("Shop");
    wb.graph.nodes.push(archbook_core::Node::new(
        "api",
        "api",
        archbook_core::NodeKind::Service,
    ));
    let checklists = builtin_checklists();
    let before = analyze(&wb, &builtin_pitfalls(), &checklists);
    wb.graph.notes.push(archbook_core::Note {
        id: "note-1".into(),
        text: "Ask the payments team\nabout *retries* <b>".into(),
        x: 10.0,
        y: 300.0,
        extra: Default::default(),
    });
    let after = analyze(&wb, &builtin_pitfalls(), &checklists);
    assert_eq!(
        before.findings.len(),
        after.findings.len(),
        "the review ignores notes"
    );
    assert_eq!(before.overall, after.overall);
    let files = records(&wb, &checklists, &after, &Options::new(1, "2026-12-07"));
    let overview = &files[0].markdown;
    assert!(
        overview.contains("- Ask the payments team about \\*retries\\* \\<b\\>"),
        "{overview}"
    );
    let svg = archbook_core::canvas::draw::to_svg(&wb.graph, "Shop");
    assert!(
        svg.contains("Ask the payments team") && svg.contains("&lt;b&gt;"),
        "{svg}"
    );
    // The file keeps them.
    let again = archbook_core::load(&archbook_core::to_json(&wb)).unwrap();
    assert_eq!(again.graph.notes, wb.graph.notes);
}
