//! Design records: the workbook as Markdown architecture decision records in
//! the MADR 4.0 layout, plus one overview record with a Mermaid diagram.
//!
//! Deterministic (the same workbook gives byte-identical files), and user text
//! is escaped so that names and notes never change a record's structure.

use crate::analysis::{Finding, Report};
use crate::checklist::{evaluate, Checklist, Origin, Source};
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

/// The layout ADR tools read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Flavour {
    /// MADR 4.0: YAML front matter (status, date, decision makers), the
    /// title on the line after it.
    #[default]
    Madr,
    /// log4brains: no front matter; `- Status:`, `- Date:`, `- Deciders:`
    /// and `- Tags:` in a list under the title, as its template has them.
    Log4brains,
}

crate::labelled!(Flavour {
    Madr => "madr", "MADR 4.0 (front matter)";
    Log4brains => "log4brains", "log4brains";
});

/// How records are written.
#[derive(Debug, Clone, PartialEq)]
pub struct Options {
    /// The number of the first record.
    pub first: u32,
    /// YYYY-MM-DD: the date of records whose decision has none (the
    /// overview, decisions without a date). The caller passes today's date,
    /// or a fixed one for reproducible output.
    pub date: String,
    pub flavour: Flavour,
    /// The number of each record (the overview first), when they are not
    /// consecutive from `first`: a folder that already holds some of them
    /// keeps their numbers. The overview's table of decisions uses them.
    pub numbers: Vec<u32>,
}

impl Options {
    pub fn new(first: u32, date: impl Into<String>) -> Options {
        Options {
            first,
            date: date.into(),
            flavour: Flavour::Madr,
            numbers: Vec::new(),
        }
    }

    /// The number of the `i`-th record (0 is the overview).
    fn number(&self, i: usize) -> u32 {
        self.numbers
            .get(i)
            .copied()
            .unwrap_or(self.first + i as u32)
    }
}

/// The overview and one record per decision that has been started, numbered
/// from `options.first`.
pub fn records(
    wb: &Workbook,
    checklists: &[Checklist],
    report: &Report,
    options: &Options,
) -> Vec<Record> {
    let started: Vec<&Checklist> = checklists
        .iter()
        .filter(|c| wb.decisions.contains_key(&c.id))
        .collect();
    let mut out = Vec::new();
    let title = format!("{}: architecture overview", wb.display_title());
    out.push(Record {
        file_name: file_name(options.number(0), &title),
        markdown: list_style(
            overview(wb, checklists, report, &title, options),
            options.flavour,
        ),
        title,
    });
    for (i, c) in started.iter().enumerate() {
        let (title, markdown) = decision_record(wb, c, report, options);
        out.push(Record {
            file_name: file_name(options.number(1 + i), &title),
            title,
            markdown: list_style(markdown, options.flavour),
        });
    }
    out
}

/// MADR's template writes lists with `*`; log4brains' with `-`, which its
/// metadata list must use. One style per file keeps Markdown linters quiet.
/// Every list item starts a line with `* ` (see `bullet_list`), and no other
/// line can: text from checklists and teams is escaped, and the diagram's
/// lines are indented.
fn list_style(md: String, flavour: Flavour) -> String {
    match flavour {
        Flavour::Madr => md,
        Flavour::Log4brains => md
            .split_inclusive('\n')
            .map(|line| match line.strip_prefix("* ") {
                Some(rest) => format!("- {rest}"),
                None => line.to_owned(),
            })
            .collect(),
    }
}

/// The head of a record: front matter then the title (MADR), or the title
/// then the metadata list (log4brains).
struct Head<'a> {
    title: &'a str,
    status: &'a str,
    date: &'a str,
    makers: &'a [String],
    consulted: &'a [String],
    informed: &'a [String],
    tags: Vec<String>,
}

impl Head<'_> {
    fn write(&self, flavour: Flavour) -> String {
        let mut md = String::new();
        match flavour {
            Flavour::Madr => {
                md.push_str("---\n");
                md.push_str(&format!("status: {}\n", self.status));
                md.push_str(&format!("date: {}\n", self.date));
                for (key, people) in [
                    ("decision-makers", self.makers),
                    ("consulted", self.consulted),
                    ("informed", self.informed),
                ] {
                    if !people.is_empty() {
                        md.push_str(&format!("{key}: {}\n", yaml(&people.join(", "))));
                    }
                }
                // The title on the next line: ADR tools take the first line
                // after the front matter as the title.
                md.push_str("---\n");
                md.push_str(&format!("# {}\n\n", inline(self.title)));
            }
            Flavour::Log4brains => {
                md.push_str(&format!("# {}\n\n", inline(self.title)));
                md.push_str(&format!("- Status: {}\n", self.status));
                if !self.makers.is_empty() {
                    md.push_str(&format!("- Deciders: {}\n", people(self.makers)));
                }
                md.push_str(&format!("- Date: {}\n", self.date));
                if !self.tags.is_empty() {
                    md.push_str(&format!("- Tags: {}\n", self.tags.join(", ")));
                }
                md.push('\n');
                for (what, list) in [("Consulted", self.consulted), ("Informed", self.informed)] {
                    if !list.is_empty() {
                        md.push_str(&format!("{what}: {}\n\n", people(list)));
                    }
                }
            }
        }
        md
    }
}

/// Names in a metadata line: one line, no markup.
fn people(list: &[String]) -> String {
    let joined = list.join(", ");
    let mut out = String::new();
    crate::markdown::escape_text(&joined, &mut out);
    out
}

/// Footnotes for a record: each source once, numbered in order of first use
/// (so that two files' labels never clash), written at the end.
#[derive(Default)]
struct Notes {
    texts: Vec<String>,
}

impl Notes {
    /// References (`[^1] [^2]`) for these source texts.
    fn cite<'a>(&mut self, sources: impl IntoIterator<Item = &'a str>) -> String {
        let mut refs = Vec::new();
        for text in sources {
            let n = match self.texts.iter().position(|t| t == text) {
                Some(i) => i + 1,
                None => {
                    self.texts.push(text.to_owned());
                    self.texts.len()
                }
            };
            let r = format!("[^{n}]");
            if !refs.contains(&r) {
                refs.push(r);
            }
        }
        if refs.is_empty() {
            String::new()
        } else {
            format!(" {}", refs.join(" "))
        }
    }

    /// The source texts cited by `labels` in checklist `c`.
    fn cite_labels(&mut self, c: &Checklist, labels: &[String]) -> String {
        let texts: Vec<String> = labels
            .iter()
            .filter_map(|l| c.source(l).map(|s: &Source| s.text.clone()))
            .collect();
        self.cite(texts.iter().map(String::as_str))
    }

    fn write(&self, md: &mut String) {
        if self.texts.is_empty() {
            return;
        }
        md.push('\n');
        for (i, t) in self.texts.iter().enumerate() {
            md.push_str(&format!("[^{}]: {}\n", i + 1, content(t)));
        }
    }
}

/// `0007-checkout-platform-architecture-overview.md`: the title in kebab
/// case, ASCII only (ADR tools put file names in shell commands and URLs),
/// cut at a word boundary to at most 60 characters. See [`crate::slug`].
pub fn file_name(number: u32, title: &str) -> String {
    let slug = crate::slug::kebab(title, crate::slug::Letters::Ascii, 60);
    format!("{number:04}-{}.md", slug.as_deref().unwrap_or("record"))
}

/// Escapes user text for inline Markdown: it stays text, whatever it holds.
/// URLs become autolinks.
pub fn inline(text: &str) -> String {
    let text = &*crate::text::reveal_invisible(text);
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
    let text = &*crate::text::reveal_invisible(text);
    // Plain when nothing in it means something to YAML (most names), so
    // that tools reading front matter line by line see the bare value.
    let plain = !text.is_empty()
        && text
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, ' ' | ',' | '.' | '-' | '\'' | '(' | ')'))
        && !text.starts_with([' ', '-', '\'', ','])
        && !text.ends_with(' ');
    if plain {
        return text.to_owned();
    }
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

fn decision_record(
    wb: &Workbook,
    c: &Checklist,
    report: &Report,
    options: &Options,
) -> (String, String) {
    let d = wb.decisions.get(&c.id).cloned().unwrap_or_default();
    let o = evaluate(c, &d, &wb.context);
    let decided = o.decided();
    let title = match decided {
        Some(opt) => format!("{}: {}", c.title, opt.title),
        None => format!("{}: open", c.title),
    };
    let mut notes = Notes::default();
    let mut tags = vec![c.id.clone()];
    if let Some(cat) = c.category.filter(|cat| cat.id() != c.id) {
        tags.push(cat.id().to_owned());
    }
    let mut md = Head {
        title: &title,
        status: d.status.map(|s| s.id()).unwrap_or("proposed"),
        date: d.date.as_deref().unwrap_or(&options.date),
        makers: &d.decision_makers,
        consulted: &d.consulted,
        informed: &d.informed,
        tags,
    }
    .write(options.flavour);

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

    // The answers, once: the drivers of the decision.
    let mut drivers: Vec<String> = wb.context.drivers.iter().map(|x| inline(x)).collect();
    for (q, answer) in &o.answers {
        let a = match answer {
            Some(b) if b.origin == Origin::Context => {
                format!("{} (from the context)", inline(&b.choice.label))
            }
            Some(b) => inline(&b.choice.label),
            None => match d.not_applicable.get(&q.id) {
                Some(reason) if !reason.trim().is_empty() => {
                    format!("not applicable ({})", inline(reason))
                }
                Some(_) => "not applicable".to_owned(),
                None => "not answered".to_owned(),
            },
        };
        drivers.push(format!("{} {a}", content(&q.prompt)));
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
        (Some(opt), None) if o.changed_since_accepted.is_some() => {
            // Accepted earlier; the answers have changed since.
            let now = o
                .changed_since_accepted
                .map(|n| content(&n.title))
                .unwrap_or_default();
            let (rule, cite) = o
                .rule
                .map(|r| (content(&r.rationale), notes.cite_labels(c, &r.sources)))
                .unwrap_or_default();
            md.push_str(&format!(
                "Chosen option: \"{}\", as accepted.\n\n",
                content(&opt.title)
            ));
            md.push_str(&format!(
                "Since it was accepted, the answers have changed and the checklist now recommends \"{now}\": {}{cite} The decision stands until the team re-decides.\n\n",
                lower_first(&trim_period(&rule))
            ));
        }
        (Some(opt), None) => {
            let (rule, cite) = o
                .rule
                .map(|r| (content(&r.rationale), notes.cite_labels(c, &r.sources)))
                .unwrap_or_default();
            md.push_str(&format!(
                "Chosen option: \"{}\", because {}{cite}\n\n",
                content(&opt.title),
                lower_first(&trim_period(&rule))
            ));
        }
        (None, _) => {
            md.push_str("This decision is open: the answers so far do not decide it.");
            let mut open: Vec<String> = Vec::new();
            for q in o.pending.iter().chain(o.unanswered.iter()) {
                let p = content(&q.prompt);
                if !open.contains(&p) {
                    open.push(p);
                }
            }
            if open.is_empty() {
                md.push('\n');
            } else {
                md.push_str(" Still to answer:\n\n");
                md.push_str(&bullet_list(open));
            }
            md.push('\n');
        }
    }
    if let Some(opt) = decided {
        md.push_str("### Consequences\n\n");
        md.push_str(&pros_and_cons(c, opt, &mut notes));
        md.push('\n');
    }
    md.push_str("### Confirmation\n\n");
    // Risks in this decision's answers are named, not repeated: the answers
    // are under Decision Drivers, the risks under More Information.
    let own: Vec<String> = report
        .findings
        .iter()
        .filter(|f| f.decision.as_deref() == Some(c.id.as_str()))
        .map(|f| {
            let state = if f.is_open() { "" } else { ", accepted" };
            let what = if f.rule == "decision-risk" {
                "from the answers; see More Information".to_owned()
            } else {
                trim_period(&inline(&f.message))
            };
            format!(
                "{} ({} risk{state}): {what}",
                inline(&f.title),
                f.severity.id()
            )
        })
        .collect();
    // Findings on the service graph about what this decision covers (the
    // pitfall files say which decisions each rule bears on).
    let pitfalls = crate::content::builtin_pitfalls();
    let bearing: Vec<String> = report
        .findings
        .iter()
        .filter(|f| f.decision.is_none() && f.is_open())
        .filter(|f| {
            pitfalls
                .iter()
                .any(|p| p.id == f.rule && p.decisions.contains(&c.id))
        })
        .map(|f| {
            format!(
                "{} ({} risk): {}",
                inline(&f.title),
                f.severity.id(),
                trim_period(&inline(&f.message))
            )
        })
        .collect();
    match (own.is_empty(), bearing.is_empty()) {
        (true, true) => md.push_str(
            "The review reports nothing about this decision: no risk in the answers, no contradiction with the service graph, and no open finding on the graph about what it covers. ",
        ),
        _ => {
            if !own.is_empty() {
                md.push_str("The review reports, for this decision:\n\n");
                md.push_str(&bullet_list(own));
                md.push('\n');
            }
            if !bearing.is_empty() {
                md.push_str("Open findings on the service graph about what this decision covers:\n\n");
                md.push_str(&bullet_list(bearing));
                md.push('\n');
            }
        }
    }
    md.push_str("Re-check the design against the documented pitfalls with:\n\n");
    md.push_str("```sh\narchbook score workbook.json --fail-on high\n```\n\n");

    md.push_str("## Pros and Cons of the Options\n\n");
    for opt in &c.options {
        md.push_str(&format!("### {}\n\n", content(&opt.title)));
        if !opt.description.is_empty() {
            let cite = notes.cite_labels(c, &opt.sources);
            md.push_str(&format!("{}{cite}\n\n", content(&opt.description)));
        }
        md.push_str(&pros_and_cons(c, opt, &mut notes));
        md.push('\n');
    }

    md.push_str("## More Information\n\n");
    if o.risks.is_empty() {
        md.push_str("The answers reveal no risk.\n\n");
    } else {
        md.push_str("Risks the answers reveal:\n\n");
        let risks: Vec<String> = o
            .risks
            .iter()
            .map(|r| {
                let cite = notes.cite_labels(c, r.sources);
                format!(
                    "{} ({} risk): {} Advice: {}{cite}",
                    inline(&r.title),
                    r.level.id(),
                    trim_period(&content(r.rationale)),
                    trim_period(&content(r.advice))
                )
            })
            .collect();
        md.push_str(&bullet_list(risks));
        md.push('\n');
    }
    if !d.notes.trim().is_empty() {
        md.push_str(&format!("Notes: {}\n\n", paragraphs(&d.notes)));
    }
    notes.write(&mut md);
    (title, finish(md))
}

/// An option's "Good, because" and "Bad, because" lines, each with its sources.
fn pros_and_cons(
    c: &Checklist,
    opt: &crate::checklist::DecisionOption,
    notes: &mut Notes,
) -> String {
    let mut lines = Vec::new();
    for (word, points) in [("Good", &opt.pros), ("Bad", &opt.cons)] {
        for p in points {
            let cite = notes.cite_labels(c, &p.sources);
            lines.push(format!("{word}, because {}{cite}", content(&p.text)));
        }
    }
    bullet_list(lines)
}

fn trim_period(s: &str) -> String {
    let t = s.trim();
    format!("{}.", t.trim_end_matches('.'))
}

fn lower_first(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        // "Teams are" → "teams are", "A split" → "a split"; "CI/CD" stays.
        Some(f)
            if c.clone().next().is_some_and(|n| n.is_ascii_lowercase())
                || (f == 'A' && c.as_str().starts_with(' ')) =>
        {
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

/// "accounts and listings", with the finding's components by name.
fn part_names(wb: &Workbook, f: &Finding, parts: &[&str]) -> String {
    let _ = f;
    let at = wb.graph.positions();
    let names: Vec<String> = parts
        .iter()
        .map(|p| {
            at.get(p)
                .map_or(*p, |&i| wb.graph.nodes[i].display_name())
                .to_owned()
        })
        .collect();
    inline(&names.join(", "))
}

fn overview(
    wb: &Workbook,
    checklists: &[Checklist],
    report: &Report,
    title: &str,
    options: &Options,
) -> String {
    let mut notes = Notes::default();
    let mut md = Head {
        title,
        status: "accepted",
        date: &options.date,
        makers: &[],
        consulted: &[],
        informed: &[],
        tags: vec!["overview".to_owned()],
    }
    .write(options.flavour);
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
            let value = f.show(wb);
            if !value.trim().is_empty() {
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
    let mut i = 0;
    for c in checklists {
        let Some(d) = wb.decisions.get(&c.id) else {
            continue;
        };
        i += 1;
        let n = options.number(i);
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
    let on_graph: Vec<&str> = wb
        .graph
        .notes
        .iter()
        .map(|n| n.text.trim())
        .filter(|t| !t.is_empty())
        .collect();
    if !on_graph.is_empty() {
        md.push_str("Notes on the graph (for people; the review does not read them):\n\n");
        for t in on_graph {
            md.push_str(&format!("- {}\n", inline(&t.replace('\n', " "))));
        }
        md.push('\n');
    }

    md.push_str("## Scorecard\n\n");
    md.push_str(&format!(
        "Overall score: {}/100, grade {}, over {} reviewed components.\n\n",
        report.overall,
        report.grade(),
        report.reviewed
    ));
    md.push_str("| Category | Score |\n| --- | --- |\n");
    for (cat, score) in &report.categories {
        md.push_str(&format!("| {} | {score} |\n", cat.label()));
    }
    md.push('\n');

    md.push_str("## Findings\n\n");
    let open: Vec<&Finding> = report
        .findings
        .iter()
        .filter(|f| f.is_open() && !f.question)
        .collect();
    if open.is_empty() {
        md.push_str("The review reports no open findings.\n\n");
    }
    for sev in Severity::ALL {
        let list: Vec<String> = open
            .iter()
            .filter(|f| f.severity == sev)
            .map(|f| {
                let cite = notes.cite(f.sources.iter().map(String::as_str));
                let accepted: Vec<&str> = f.accepted_parts.iter().map(|(p, _)| &**p).collect();
                let partly = if accepted.is_empty() {
                    String::new()
                } else {
                    format!(" Accepted for {}.", part_names(wb, f, &accepted))
                };
                format!(
                    "**{}** (`{}`): {}{partly} Fix: {}{cite}",
                    inline(&f.title),
                    f.rule,
                    inline(&f.message),
                    trim_period(&content(&f.fix))
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
    let questions: Vec<String> = report
        .findings
        .iter()
        .filter(|f| f.is_open() && f.question)
        .map(|f| {
            format!(
                "**{}** (`{}`): {}",
                inline(&f.title),
                f.rule,
                inline(&f.message)
            )
        })
        .collect();
    if !questions.is_empty() {
        md.push_str("### Questions the design leaves open\n\n");
        md.push_str(&bullet_list(questions));
        md.push('\n');
    }
    md.push_str("## Accepted Risks\n\n");
    let mut accepted = Vec::new();
    for f in &report.findings {
        if f.parts.is_empty() {
            if let Some(r) = &f.accepted {
                accepted.push(format!(
                    "**{}** (`{}`): {} Reason: {}",
                    inline(&f.title),
                    f.rule,
                    inline(&f.message),
                    inline(r)
                ));
            }
            continue;
        }
        // One line per reason, naming the parts accepted with it.
        let mut by_reason: Vec<(&str, Vec<&str>)> = Vec::new();
        for (p, r) in &f.accepted_parts {
            match by_reason.iter_mut().find(|(x, _)| *x == r.as_str()) {
                Some((_, parts)) => parts.push(p),
                None => by_reason.push((r.as_str(), vec![&**p])),
            }
        }
        for (reason, parts) in by_reason {
            accepted.push(format!(
                "**{}** (`{}`) for {}: {} Reason: {}",
                inline(&f.title),
                f.rule,
                part_names(wb, f, &parts),
                inline(&f.message),
                inline(reason)
            ));
        }
    }
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
    notes.write(&mut md);
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
    for c in crate::text::reveal_invisible(text).chars() {
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
/// compressed: Markdown records are small), with the workbook itself as
/// `folder/workbook.json` when given (so the archive is everything a
/// repository needs: `archbook score decisions/workbook.json` in CI). Every
/// entry is dated `date` (YYYY-MM-DD, the records' date), so the same
/// records give the same bytes.
pub fn zip(records: &[Record], folder: &str, date: &str, workbook: Option<&str>) -> Vec<u8> {
    use std::io::{Cursor, Write};
    use zip::write::SimpleFileOptions;

    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let num = |r: std::ops::Range<usize>| date.get(r).and_then(|s| s.parse::<u16>().ok());
    let when = match (num(0..4), num(5..7), num(8..10)) {
        (Some(y), Some(m), Some(d)) => {
            zip::DateTime::from_date_and_time(y, m as u8, d as u8, 12, 0, 0).unwrap_or_default()
        }
        _ => zip::DateTime::default(),
    };
    let options = SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Stored)
        .last_modified_time(when)
        .unix_permissions(0o644);
    let files = records
        .iter()
        .map(|r| (r.file_name.as_str(), r.markdown.as_str()))
        .chain(workbook.map(|w| ("workbook.json", w)));
    for (name, text) in files {
        // Writing to memory cannot fail; a failure here is a bug.
        out.start_file(format!("{folder}/{name}"), options)
            .expect("zip entry");
        out.write_all(text.as_bytes()).expect("zip write");
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
        let bytes = zip(&records, "decisions", "2026-12-07", Some("{}\n"));
        assert_eq!(
            bytes,
            zip(&records, "decisions", "2026-12-07", Some("{}\n"))
        );
        let mut archive = ::zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
        assert_eq!(archive.len(), 3);
        {
            let f = archive.by_name("decisions/workbook.json").unwrap();
            let t = f.last_modified().unwrap();
            assert_eq!(
                (t.year(), t.month(), t.day()),
                (2026, 12, 7),
                "dated as the records"
            );
        }
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
        let all = records(&wb, &checklists, &report, &Options::new(1, "2026-12-01"));
        assert_eq!(all.len(), 1);
        let md = &all[0].markdown;
        assert!(md.contains("The context has not been described yet."));
        assert!(md.contains("No decision has been started yet."));
        assert!(!md.contains("| Record | Decision |"));
    }
}
