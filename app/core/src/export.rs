//! Design records: the workbook as Markdown architecture decision records in
//! the MADR 4.0 layout, plus one overview record with a Mermaid diagram.
//!
//! Deterministic (the same workbook gives byte-identical files), and user text
//! is escaped so that names and notes never change a record's structure.

use crate::analysis::Report;
use crate::checklist::{evaluate, Checklist, Origin};
use crate::context::{Field, SECTIONS};
use crate::pitfall::Severity;
use crate::workbook::{EdgeStyle, NodeKind, Workbook};

/// One record file.
#[derive(Debug, Clone, PartialEq)]
pub struct Record {
    /// `NNNN-kebab-case-title.md`.
    pub file_name: String,
    pub title: String,
    pub markdown: String,
}

/// The overview and one record per decision that has been started, numbered
/// from `first`.
pub fn records(
    wb: &Workbook,
    checklists: &[Checklist],
    report: &Report,
    first: u32,
) -> Vec<Record> {
    let started: Vec<&Checklist> = checklists
        .iter()
        .filter(|c| wb.decisions.contains_key(&c.id))
        .collect();
    let mut out = Vec::new();
    let title = format!("{}: architecture overview", wb.display_title());
    out.push(Record {
        file_name: file_name(first, &title),
        markdown: overview(wb, checklists, report, &title, first),
        title,
    });
    for (i, c) in started.iter().enumerate() {
        let (title, markdown) = decision_record(wb, c, report);
        out.push(Record {
            file_name: file_name(first + 1 + i as u32, &title),
            title,
            markdown,
        });
    }
    out
}

/// `0007-checkout-platform-architecture-overview.md`
pub fn file_name(number: u32, title: &str) -> String {
    let mut slug = String::new();
    for c in title.chars().map(|c| c.to_ascii_lowercase()) {
        if c.is_ascii_alphanumeric() {
            slug.push(c);
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    let slug: String = slug.trim_end_matches('-').chars().take(60).collect();
    let slug = slug.trim_end_matches('-');
    format!(
        "{number:04}-{}.md",
        if slug.is_empty() { "record" } else { slug }
    )
}

/// Escapes user text for inline Markdown: it stays text, whatever it holds.
/// URLs become autolinks.
pub fn inline(text: &str) -> String {
    let mut out = String::new();
    for (i, word) in text.split_whitespace().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        let is_url = (word.starts_with("https://") || word.starts_with("http://"))
            && !word.contains(['<', '>', '"', '`', '\\', '|']);
        if is_url {
            out.push('<');
            out.push_str(word);
            out.push('>');
            continue;
        }
        for (j, c) in word.chars().enumerate() {
            let at_start = i == 0 && j == 0;
            if matches!(
                c,
                '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '#' | '~' | '&' | '!'
            ) || (at_start && matches!(c, '-' | '+' | '=' | '.' | ':'))
            {
                out.push('\\');
            }
            out.push(c);
        }
    }
    // "1. x" or "1) x" at the start would become a list (but "250.5" is a
    // number).
    if let Some(dot) = out.find(['.', ')']) {
        let marker = dot > 0 && out[..dot].chars().all(|c| c.is_ascii_digit());
        if marker && matches!(out[dot + 1..].chars().next(), None | Some(' ')) {
            out.insert(dot, '\\');
        }
    }
    out
}

/// User text of several paragraphs, each escaped.
fn paragraphs(text: &str) -> String {
    text.split("\n\n")
        .map(inline)
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// A YAML double-quoted string that every YAML parser reads back as the
/// text it was given: quotes and backslashes escaped, line breaks and tabs
/// as spaces, other control characters dropped (a NUL, BEL or ESC breaks
/// parsers), and angle brackets as look-alikes, so that a tool showing front
/// matter in a page cannot be handed a tag.
fn yaml(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' | '\r' | '\t' => out.push(' '),
            '<' => out.push('\u{2039}'),
            '>' => out.push('\u{203a}'),
            c if c.is_control() || c == '\u{2028}' || c == '\u{2029}' || c == '\u{feff}' => {}
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Checklist text in a record. A team's own checklist arrives in files and
/// share links, so every checklist is read as untrusted Markdown: one line,
/// no raw HTML, only http(s) and mailto links, no images (see
/// [`crate::markdown::to_safe_inline`]).
fn content(md: &str) -> String {
    crate::markdown::to_safe_inline(md)
}

fn bullet_list(items: impl IntoIterator<Item = String>) -> String {
    items.into_iter().map(|i| format!("* {i}\n")).collect()
}

fn decision_record(wb: &Workbook, c: &Checklist, report: &Report) -> (String, String) {
    let d = wb.decisions.get(&c.id).cloned().unwrap_or_default();
    let o = evaluate(c, &d, &wb.context);
    let decided = o.decided();
    let title = match decided {
        Some(opt) => format!("{}: {}", c.title, opt.title),
        None => format!("{}: open", c.title),
    };
    let mut md = String::from("---\n");
    let status = d.status.map(|s| s.id()).unwrap_or("proposed");
    md.push_str(&format!("status: {status}\n"));
    if let Some(date) = &d.date {
        md.push_str(&format!("date: {date}\n"));
    }
    for (key, people) in [
        ("decision-makers", &d.decision_makers),
        ("consulted", &d.consulted),
        ("informed", &d.informed),
    ] {
        if !people.is_empty() {
            md.push_str(&format!("{key}: {}\n", yaml(&people.join(", "))));
        }
    }
    md.push_str("---\n\n");
    md.push_str(&format!("# {}\n\n", inline(&title)));

    md.push_str("## Context and Problem Statement\n\n");
    md.push_str(&format!("{}\n\n", content(&c.decision)));
    if !c.intro.is_empty() {
        md.push_str(&format!("{}\n\n", content(&c.intro)));
    }
    if !wb.context.problem.trim().is_empty() {
        md.push_str(&format!(
            "The system, {}: {}\n\n",
            inline(wb.display_title()),
            paragraphs(&wb.context.problem)
        ));
    }

    let mut drivers: Vec<String> = wb.context.drivers.iter().map(|x| inline(x)).collect();
    for (q, answer) in &o.answers {
        if let Some(b) = answer {
            let from = if b.origin == Origin::Context {
                " (from the context)"
            } else {
                ""
            };
            drivers.push(format!(
                "{} {}{from}",
                content(&q.prompt),
                inline(&b.choice.label)
            ));
        }
    }
    if !drivers.is_empty() {
        md.push_str("## Decision Drivers\n\n");
        md.push_str(&bullet_list(drivers));
        md.push('\n');
    }

    md.push_str("## Considered Options\n\n");
    md.push_str(&bullet_list(c.options.iter().map(|x| content(&x.title))));
    md.push('\n');

    md.push_str("## Decision Outcome\n\n");
    match (decided, o.overridden) {
        (Some(opt), Some(_)) => {
            let why = if d.justification.trim().is_empty() {
                "the team chose it over the recommendation (no reason was recorded)".to_owned()
            } else {
                inline(&d.justification)
            };
            let rec = o.recommended.map(|r| content(&r.title)).unwrap_or_default();
            md.push_str(&format!(
                "Chosen option: \"{}\", because {}\n\n",
                content(&opt.title),
                trim_period(&why)
            ));
            md.push_str(&format!("The checklist recommended \"{rec}\".\n\n"));
        }
        (Some(opt), None) => {
            let rule = o.rule.map(|r| content(&r.rationale)).unwrap_or_default();
            md.push_str(&format!(
                "Chosen option: \"{}\", because {}\n\n",
                content(&opt.title),
                lower_first(&trim_period(&rule))
            ));
        }
        (None, _) => {
            md.push_str("This decision is open: the answers so far do not decide it.");
            let open: Vec<String> = o
                .pending
                .iter()
                .chain(o.unanswered.iter())
                .map(|q| content(&q.prompt))
                .collect();
            if !open.is_empty() {
                md.push_str(" Still to answer:\n\n");
                let mut seen = Vec::new();
                for q in open {
                    if !seen.contains(&q) {
                        seen.push(q);
                    }
                }
                md.push_str(&bullet_list(seen));
            } else {
                md.push('\n');
            }
            md.push('\n');
        }
    }
    if let Some(opt) = decided {
        md.push_str("### Consequences\n\n");
        md.push_str(&pros_and_cons(opt));
        md.push('\n');
        md.push_str("### Confirmation\n\n");
        let related: Vec<String> = report
            .findings
            .iter()
            .filter(|f| f.decision.as_deref() == Some(c.id.as_str()))
            .map(|f| format!("`{}`: {}", f.rule, inline(&f.message)))
            .collect();
        if related.is_empty() {
            md.push_str(
                "The review finds no contradiction between this decision and the service graph. ",
            );
        } else {
            md.push_str("The review reports, for this decision:\n\n");
            md.push_str(&bullet_list(related));
            md.push('\n');
        }
        md.push_str("Re-check the design against the documented pitfalls with:\n\n");
        md.push_str("```sh\narchbook score workbook.json --fail-on high\n```\n\n");
    }

    md.push_str("## Pros and Cons of the Options\n\n");
    for opt in &c.options {
        md.push_str(&format!("### {}\n\n", content(&opt.title)));
        if !opt.description.is_empty() {
            md.push_str(&format!("{}\n\n", content(&opt.description)));
        }
        md.push_str(&pros_and_cons(opt));
        md.push('\n');
    }

    md.push_str("## More Information\n\n");
    let mut info = Vec::new();
    for (q, answer) in &o.answers {
        let a = match answer {
            Some(b) => inline(&b.choice.label),
            None => match d.not_applicable.get(&q.id) {
                Some(reason) if !reason.trim().is_empty() => {
                    format!("not applicable ({})", inline(reason))
                }
                Some(_) => "not applicable".to_owned(),
                None => "not answered".to_owned(),
            },
        };
        info.push(format!("{} {a}", content(&q.prompt)));
    }
    md.push_str("Answers given in the checklist:\n\n");
    md.push_str(&bullet_list(info));
    md.push('\n');
    if let Some(rule) = o
        .rule
        .filter(|r| r.risk != crate::checklist::RiskLevel::None)
    {
        md.push_str(&format!(
            "Risk: {}. {}\n\n",
            rule.risk.id(),
            content(&rule.advice)
        ));
    }
    if !d.notes.trim().is_empty() {
        md.push_str(&format!("Notes: {}\n\n", paragraphs(&d.notes)));
    }
    let sources: Vec<String> = c.sources.iter().map(|s| content(&s.text)).collect();
    md.push_str("Sources:\n\n");
    md.push_str(&bullet_list(sources));
    (title, finish(md))
}

/// An option's "Good, because" and "Bad, because" lines as a list.
fn pros_and_cons(opt: &crate::checklist::DecisionOption) -> String {
    let good = opt
        .pros
        .iter()
        .map(|p| format!("Good, because {}", content(&p.text)));
    let bad = opt
        .cons
        .iter()
        .map(|p| format!("Bad, because {}", content(&p.text)));
    bullet_list(good.chain(bad))
}

fn trim_period(s: &str) -> String {
    let t = s.trim();
    format!("{}.", t.trim_end_matches('.'))
}

fn lower_first(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) if c.clone().next().is_some_and(|n| n.is_ascii_lowercase()) => {
            f.to_ascii_lowercase().to_string() + c.as_str()
        }
        _ => s.to_owned(),
    }
}

/// Exactly one final newline, no blank line runs.
fn finish(mut md: String) -> String {
    while md.contains("\n\n\n") {
        md = md.replace("\n\n\n", "\n\n");
    }
    let trimmed = md.trim_end().to_owned();
    trimmed + "\n"
}

fn overview(
    wb: &Workbook,
    checklists: &[Checklist],
    report: &Report,
    title: &str,
    first: u32,
) -> String {
    let mut md = String::from("---\nstatus: accepted\n---\n\n");
    md.push_str(&format!("# {}\n\n", inline(title)));
    md.push_str("## Context\n\n");
    if !wb.context.problem.trim().is_empty() {
        md.push_str(&format!("{}\n\n", paragraphs(&wb.context.problem)));
    }
    let context_len = md.len();
    let mut facts = Vec::new();
    for section in SECTIONS {
        for f in section.fields {
            if matches!(f, Field::SystemName | Field::Problem) {
                continue;
            }
            let value = f.get(wb);
            if !value.trim().is_empty() {
                let value = match f {
                    Field::DeployFrequency => crate::workbook::DeployFrequency::from_id(&value)
                        .map_or(value.clone(), |x| x.label().to_owned()),
                    _ => value.lines().collect::<Vec<_>>().join(", "),
                };
                facts.push(format!("{}: {}", f.label(), inline(&value)));
            }
        }
    }
    if !facts.is_empty() {
        md.push_str(&bullet_list(facts));
        md.push('\n');
    }
    if md.len() == context_len && wb.context.problem.trim().is_empty() {
        md.push_str("The context has not been described yet.\n\n");
    }

    md.push_str("## Decisions\n\n");
    if checklists.iter().any(|c| wb.decisions.contains_key(&c.id)) {
        md.push_str("| Record | Decision | Status | Chosen option |\n| --- | --- | --- | --- |\n");
    } else {
        md.push_str("No decision has been started yet.\n");
    }
    let mut n = first;
    for c in checklists {
        let Some(d) = wb.decisions.get(&c.id) else {
            continue;
        };
        n += 1;
        let o = evaluate(c, d, &wb.context);
        let chosen = o
            .decided()
            .map(|x| cell(&x.title))
            .unwrap_or_else(|| "open".to_owned());
        let status = d.status.map(|s| s.label()).unwrap_or("Proposed");
        md.push_str(&format!(
            "| {n:04} | {} | {status} | {chosen} |\n",
            cell(&c.title)
        ));
    }
    let not_started: Vec<String> = checklists
        .iter()
        .filter(|c| !wb.decisions.contains_key(&c.id))
        .map(|c| content(&c.title))
        .collect();
    md.push('\n');
    if !not_started.is_empty() {
        md.push_str(&format!("Not started: {}.\n\n", not_started.join(", ")));
    }

    md.push_str("## Service Graph\n\n");
    if wb.graph.nodes.is_empty() {
        md.push_str("No service graph has been drawn yet.\n\n");
    } else {
        md.push_str("```mermaid\n");
        md.push_str(&mermaid(wb));
        md.push_str("```\n\n");
    }

    md.push_str("## Scorecard\n\n");
    md.push_str(&format!("Overall score: {}/100.\n\n", report.overall));
    md.push_str("| Category | Score |\n| --- | --- |\n");
    for (cat, score) in &report.categories {
        md.push_str(&format!("| {} | {score} |\n", cat.label()));
    }
    md.push('\n');

    md.push_str("## Findings\n\n");
    let open: Vec<_> = report
        .findings
        .iter()
        .filter(|f| f.accepted.is_none())
        .collect();
    if open.is_empty() {
        md.push_str("The review reports no open findings.\n\n");
    }
    for sev in Severity::ALL {
        let list: Vec<String> = open
            .iter()
            .filter(|f| f.severity == sev)
            .map(|f| {
                format!(
                    "`{}`: {} Fix: {}",
                    f.rule,
                    inline(&f.message),
                    content(&f.fix).replace("* ", "").replace("- ", "")
                )
            })
            .collect();
        if !list.is_empty() {
            let heading = match sev {
                Severity::High => "High severity",
                Severity::Medium => "Medium severity",
                Severity::Low => "Low severity",
            };
            md.push_str(&format!("### {heading}\n\n"));
            md.push_str(&bullet_list(list));
            md.push('\n');
        }
    }
    md.push_str("## Accepted Risks\n\n");
    let accepted: Vec<String> = report
        .findings
        .iter()
        .filter_map(|f| {
            f.accepted
                .as_ref()
                .map(|r| format!("`{}`: {} Reason: {}", f.rule, inline(&f.message), inline(r)))
        })
        .collect();
    if accepted.is_empty() {
        md.push_str("None.\n\n");
    } else {
        md.push_str(&bullet_list(accepted));
        md.push('\n');
    }
    md.push_str("## Open Questions\n\n");
    let mut open_q = Vec::new();
    for c in checklists {
        let Some(d) = wb.decisions.get(&c.id) else {
            continue;
        };
        let o = evaluate(c, d, &wb.context);
        for q in &o.unanswered {
            open_q.push(format!("{}: {}", content(&c.title), content(&q.prompt)));
        }
    }
    if open_q.is_empty() {
        md.push_str("None in the started decisions.\n");
    } else {
        md.push_str(&bullet_list(open_q));
    }
    finish(md)
}

/// A table cell: inline text with pipes escaped.
fn cell(text: &str) -> String {
    inline(text)
}

/// Mermaid text inside a quoted label: entity codes for what Mermaid or
/// Markdown would read as syntax.
fn label(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        match c {
            '"' => out.push_str("#quot;"),
            '<' => out.push_str("#lt;"),
            '>' => out.push_str("#gt;"),
            '&' => out.push_str("#amp;"),
            '#' => out.push_str("#35;"),
            '`' => out.push_str("#96;"),
            '|' => out.push_str("#124;"),
            '[' => out.push_str("#91;"),
            ']' => out.push_str("#93;"),
            '{' => out.push_str("#123;"),
            '}' => out.push_str("#125;"),
            // Mermaid rewrites "style …:…#…;" and "classDef …" inside labels
            // before parsing; without a literal colon or semicolon nothing
            // matches.
            ':' => out.push_str("#58;"),
            ';' => out.push_str("#59;"),
            '\n' | '\r' | '\t' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// The service graph as a Mermaid flowchart: a shape per node kind, dashed
/// arrows for asynchronous edges, access on edges into data stores. Node ids
/// are generated (`n1`, `n2`, ...) so user ids never meet Mermaid's keywords.
pub fn mermaid(wb: &Workbook) -> String {
    let mut out = String::from("flowchart LR\n");
    let at = wb.graph.positions();
    let index = |id: &str| at.get(id).map(|i| i + 1);
    for (i, n) in wb.graph.nodes.iter().enumerate() {
        let text = label(n.display_name());
        let (open, close) = match n.kind {
            NodeKind::Client => ("([\"", "\"])"),
            NodeKind::Frontend => ("[/\"", "\"\\]"),
            NodeKind::Gateway => ("{{\"", "\"}}"),
            NodeKind::LoadBalancer => ("[[\"", "\"]]"),
            NodeKind::Service => ("[\"", "\"]"),
            NodeKind::Worker => ("[\\\"", "\"\\]"),
            NodeKind::Database => ("[(\"", "\")]"),
            NodeKind::Cache => ("((\"", "\"))"),
            NodeKind::Queue => (">\"", "\"]"),
            NodeKind::Cdn => ("(((\"", "\")))"),
            NodeKind::ObjectStorage => ("[/\"", "\"/]"),
            NodeKind::Search => ("{\"", "\"}"),
            NodeKind::External => ("(\"", "\")"),
        };
        out.push_str(&format!("  n{}{open}{text}{close}\n", i + 1));
    }
    for e in &wb.graph.edges {
        let (Some(a), Some(b)) = (index(&e.from), index(&e.to)) else {
            continue;
        };
        let arrow = match e.style {
            EdgeStyle::Sync => "-->",
            EdgeStyle::Async => "-.->",
        };
        let mut text = e.label.clone().unwrap_or_default();
        if let Some(access) = e.access {
            let a = match access {
                crate::workbook::Access::Read => "read",
                crate::workbook::Access::Write => "write",
                crate::workbook::Access::ReadWrite => "read-write",
            };
            text = if text.is_empty() {
                a.to_owned()
            } else {
                format!("{text}, {a}")
            };
        }
        if text.trim().is_empty() {
            out.push_str(&format!("  n{a} {arrow} n{b}\n"));
        } else {
            out.push_str(&format!("  n{a} {arrow}|\"{}\"| n{b}\n", label(&text)));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_text_cannot_become_markup() {
        assert_eq!(
            inline("a *b* _c_ `d` <e> [f](g) | #h"),
            "a \\*b\\* \\_c\\_ \\`d\\` \\<e\\> \\[f\\](g) \\| \\#h"
        );
        assert_eq!(inline("- not a list"), "\\- not a list");
        assert_eq!(inline("1. not a list"), "1\\. not a list");
        assert_eq!(
            inline("see https://example.org/x?a=1 now"),
            "see <https://example.org/x?a=1> now"
        );
        assert_eq!(inline("two\nlines"), "two lines");
        assert_eq!(inline("250.5"), "250.5");
    }

    #[test]
    fn file_names_are_numbered_slugs() {
        assert_eq!(
            file_name(7, "Caching strategy: Cache-aside with expiry"),
            "0007-caching-strategy-cache-aside-with-expiry.md"
        );
        assert_eq!(file_name(1, "<script>"), "0001-script.md");
        assert_eq!(file_name(12, "!!!"), "0012-record.md");
    }

    #[test]
    fn mermaid_labels_never_break_the_diagram() {
        assert_eq!(
            label("a \"b\" <c> | [d] {e} #f `g`"),
            "a #quot;b#quot; #lt;c#gt; #124; #91;d#93; #123;e#125; #35;f #96;g#96;"
        );
    }
}

/// Every record in one `.zip` archive, under `folder/` (stored, not
/// compressed: Markdown records are small). The same records give the same
/// bytes: entries carry a fixed timestamp.
pub fn zip(records: &[Record], folder: &str) -> Vec<u8> {
    use std::io::{Cursor, Write};
    use zip::write::SimpleFileOptions;

    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Stored)
        .last_modified_time(zip::DateTime::default())
        .unix_permissions(0o644);
    for r in records {
        // Writing to memory cannot fail; a failure here is a bug.
        out.start_file(format!("{folder}/{}", r.file_name), options)
            .expect("zip entry");
        out.write_all(r.markdown.as_bytes()).expect("zip write");
    }
    out.finish().expect("zip finish").into_inner()
}

#[cfg(test)]
mod zip_tests {
    use super::*;

    #[test]
    fn the_archive_holds_every_record_byte_for_byte_and_is_deterministic() {
        let records = vec![
            Record {
                file_name: "0001-overview.md".into(),
                title: "Overview".into(),
                markdown: "# Overview\n\nÄrger | pipes\n".into(),
            },
            Record {
                file_name: "0002-caching.md".into(),
                title: "Caching".into(),
                markdown: "# Caching\n".into(),
            },
        ];
        let bytes = zip(&records, "decisions");
        assert_eq!(bytes, zip(&records, "decisions"));
        let mut archive = ::zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
        assert_eq!(archive.len(), 2);
        for r in &records {
            let mut f = archive
                .by_name(&format!("decisions/{}", r.file_name))
                .unwrap();
            let mut text = String::new();
            std::io::Read::read_to_string(&mut f, &mut text).unwrap();
            assert_eq!(text, r.markdown);
        }
    }
}

/// A record's YAML front matter as (key, value) pairs, and the Markdown after
/// it, for previews (the records write only `key: value` lines there).
pub fn front_matter(markdown: &str) -> (Vec<(String, String)>, &str) {
    let Some(rest) = markdown.strip_prefix("---\n") else {
        return (vec![], markdown);
    };
    let Some(end) = rest.find("\n---\n") else {
        return (vec![], markdown);
    };
    let pairs = rest[..end]
        .lines()
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| {
            let v = v.trim();
            let v = v
                .strip_prefix('"')
                .and_then(|v| v.strip_suffix('"'))
                .unwrap_or(v);
            (k.trim().to_owned(), v.to_owned())
        })
        .collect();
    (pairs, &rest[end + 5..])
}

#[cfg(test)]
mod front_matter_tests {
    use super::front_matter;

    #[test]
    fn front_matter_is_split_from_the_body() {
        let (pairs, body) =
            front_matter("---\nstatus: accepted\ndate: 2026-11-23\n---\n\n# Title\n");
        assert_eq!(
            pairs,
            [
                ("status".to_owned(), "accepted".to_owned()),
                ("date".to_owned(), "2026-11-23".to_owned())
            ]
        );
        assert_eq!(body, "\n# Title\n");
        assert_eq!(front_matter("# No front matter").1, "# No front matter");
    }
}

#[cfg(test)]
mod empty_workbook_tests {
    use super::*;

    #[test]
    fn an_empty_workbook_says_so_instead_of_drawing_empty_tables() {
        let wb = Workbook::new("Blank");
        let checklists = crate::content::builtin_checklists();
        let report =
            crate::analysis::analyze(&wb, &crate::content::builtin_pitfalls(), &checklists);
        let all = records(&wb, &checklists, &report, 1);
        assert_eq!(all.len(), 1);
        let md = &all[0].markdown;
        assert!(md.contains("The context has not been described yet."));
        assert!(md.contains("No decision has been started yet."));
        assert!(!md.contains("| Record | Decision |"));
    }
}
