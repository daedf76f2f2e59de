//! Pitfall descriptions: one Markdown file per rule in `content/pitfalls/`,
//! holding what a finding shows (title, severity, category, why it hurts, how
//! to fix it, sources). The detections live in `analysis`.

use std::fmt;
use std::sync::Arc;

use pulldown_cmark::HeadingLevel;

use crate::checklist::{ContentError, ContentErrors, Source};
use crate::mdblocks::{blocks, code_span, strip_refs, Block};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Low,
    Medium,
    High,
}

crate::labelled!(Severity {
    High => "high", "High";
    Medium => "medium", "Medium";
    Low => "low", "Low";
});

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Category {
    Scalability,
    Data,
    Resilience,
    Security,
    Observability,
    Operability,
}

crate::labelled!(Category {
    Scalability => "scalability", "Scalability";
    Data => "data", "Data";
    Resilience => "resilience", "Resilience";
    Security => "security", "Security";
    Observability => "observability", "Observability";
    Operability => "operability", "Operability";
});

#[derive(Debug, Clone, PartialEq)]
pub struct Pitfall {
    pub id: String,
    /// Shared with every finding of the rule (cheap to clone).
    pub title: Arc<str>,
    pub severity: Severity,
    pub category: Category,
    /// Markdown.
    pub why: Arc<str>,
    /// Markdown.
    pub fix: Arc<str>,
    /// Markdown: which findings of this rule are one problem (one finding
    /// naming every component it touches) and which are distinct.
    pub grouping: Arc<str>,
    /// The title of a finding that asks about a fact the design does not
    /// state, instead of accusing (`- **Question:**`), when the rule asks.
    pub question: Option<Arc<str>>,
    /// The checklists whose decision this rule's findings bear on
    /// (`- **Decisions:** caching, resilience`): their records list the
    /// open findings under "Confirmation".
    pub decisions: Vec<String>,
    pub sources: Vec<Source>,
}

/// Parses one pitfall file; every problem is reported with its line.
pub fn parse(file: &str, src: &str) -> Result<Pitfall, ContentErrors> {
    let mut errors = Vec::new();
    let mut err = |line: usize, message: String| {
        errors.push(ContentError {
            file: file.to_owned(),
            line,
            message,
        })
    };
    let (mut title, mut id, mut severity, mut category) =
        (String::new(), String::new(), None, None);
    // Whether the lines were there at all (a bad value is reported on its line).
    let (mut severity_line, mut category_line) = (false, false);
    let (mut why, mut fix, mut sources) = (String::new(), String::new(), Vec::new());
    let (mut grouping, mut question) = (String::new(), None);
    let mut decisions: Vec<String> = Vec::new();
    #[derive(PartialEq)]
    enum Part {
        Head,
        Why,
        Fix,
        Grouping,
        Sources,
    }
    let mut part = Part::Head;
    let src = crate::workbook::Thresholds::expand(src);
    for b in blocks(&src) {
        let text = match &b.block {
            Block::Heading {
                level: HeadingLevel::H1,
                text,
            } => {
                title = text.clone();
                continue;
            }
            Block::Heading {
                level: HeadingLevel::H2,
                text,
            } => {
                part = match text.as_str() {
                    "Why it hurts" => Part::Why,
                    "How to fix it" => Part::Fix,
                    "How findings are grouped" => Part::Grouping,
                    "Sources" => Part::Sources,
                    other => {
                        err(b.line, format!("unknown section \"{other}\"; expected Why it hurts, How to fix it, How findings are grouped or Sources"));
                        Part::Sources
                    }
                };
                continue;
            }
            Block::Heading { text, .. } => {
                err(b.line, format!("unexpected heading \"{text}\""));
                continue;
            }
            Block::Footnote { label, text } => {
                sources.push(Source {
                    label: label.clone(),
                    text: strip_refs(text),
                });
                continue;
            }
            Block::List { items } if part == Part::Head => {
                for (item, _, line) in items {
                    let value = |prefix: &str| item.strip_prefix(prefix).map(str::trim);
                    if let Some(v) = value("**Id:**") {
                        id = code_span(v).unwrap_or_default().to_owned();
                    } else if let Some(v) = value("**Severity:**") {
                        severity_line = true;
                        severity = Severity::from_id(v);
                        if severity.is_none() {
                            err(
                                *line,
                                format!("unknown severity \"{v}\"; expected high, medium or low"),
                            );
                        }
                    } else if let Some(v) = value("**Category:**") {
                        category_line = true;
                        category = Category::from_id(v);
                        if category.is_none() {
                            let known: Vec<&str> = Category::ALL.iter().map(|c| c.id()).collect();
                            err(
                                *line,
                                format!(
                                    "unknown category \"{v}\"; expected one of {}",
                                    known.join(", ")
                                ),
                            );
                        }
                    } else if let Some(v) = value("**Question:**") {
                        question = Some(Arc::from(strip_refs(v)));
                    } else if let Some(v) = value("**Decisions:**") {
                        decisions = v
                            .split(',')
                            .map(|d| d.trim().trim_matches('`').to_owned())
                            .filter(|d| !d.is_empty())
                            .collect();
                    } else {
                        err(*line, "under the title only **Id:**, **Severity:**, **Category:**, **Question:** and **Decisions:** are read".to_owned());
                    }
                }
                continue;
            }
            Block::List { items } => items
                .iter()
                .map(|(t, _, _)| format!("- {}", strip_refs(t)))
                .collect::<Vec<_>>()
                .join("\n"),
            Block::Text { src, .. } => strip_refs(src),
        };
        let target = match part {
            Part::Why => &mut why,
            Part::Fix => &mut fix,
            Part::Grouping => &mut grouping,
            _ => continue,
        };
        if !target.is_empty() {
            target.push_str("\n\n");
        }
        target.push_str(&text);
    }
    for (missing, what) in [
        (title.is_empty(), "the title (# Title)"),
        (id.is_empty(), "- **Id:** `rule-id`"),
        (why.is_empty(), "## Why it hurts"),
        (fix.is_empty(), "## How to fix it"),
        (grouping.is_empty(), "## How findings are grouped"),
        (sources.is_empty(), "## Sources with at least one footnote"),
    ] {
        if missing {
            err(1, format!("missing {what}"));
        }
    }
    if !severity_line {
        err(1, "missing - **Severity:** high, medium or low".to_owned());
    }
    if !category_line {
        err(1, "missing - **Category:** (scalability, data, resilience, security, observability or operability)".to_owned());
    }
    match (severity, category) {
        (Some(severity), Some(category)) if errors.is_empty() => Ok(Pitfall {
            id,
            title: title.into(),
            severity,
            category,
            why: why.into(),
            fix: fix.into(),
            grouping: grouping.into(),
            question,
            decisions,
            sources,
        }),
        _ => Err(ContentErrors(errors)),
    }
}
