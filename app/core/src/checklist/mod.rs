//! Decision checklists: the Markdown format, its parser and the engine that
//! turns answers into a recommendation.
//!
//! A checklist is one Markdown file that reads well on a code host (see
//! `content/checklists/` and the README for the format). [`parse`] reads it
//! with pulldown-cmark and reports every problem with its line.

mod engine;
pub mod lint;
mod parse;

use std::fmt;

pub use engine::{evaluate, from_context, Because, Confidence, Origin, Outcome, Progress, RiskHit};

use crate::pitfall::Category;
pub use parse::parse;

/// A parsed checklist.
#[derive(Debug, Clone, PartialEq)]
pub struct Checklist {
    pub id: String,
    pub title: String,
    /// The decision, asked as a question.
    pub decision: String,
    /// Markdown shown before the questions.
    pub intro: String,
    pub options: Vec<DecisionOption>,
    pub questions: Vec<Question>,
    /// Tried in order; the first that matches wins. The last is the default.
    pub rules: Vec<Rule>,
    /// Every risk whose condition holds is reported, whatever is recommended.
    pub risks: Vec<Risk>,
    /// Where the review counts this decision's risks (`- **Category:**`).
    pub category: Option<Category>,
    /// Footnote label to citation text.
    pub sources: Vec<Source>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct DecisionOption {
    pub id: String,
    pub title: String,
    /// Markdown.
    pub description: String,
    pub pros: Vec<Argument>,
    pub cons: Vec<Argument>,
    pub sources: Vec<String>,
    /// What a graph built this way shows ("**In the graph:** no cache"):
    /// the review says when the drawn graph disagrees with the decision.
    pub in_graph: Vec<Expect>,
    pub line: usize,
}

/// Something a decided option implies about the service graph.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expect {
    /// At most this many services and workers (deployed on their own).
    AtMostServices(Count),
    /// At least this many services and workers.
    AtLeastServices(Count),
    /// At least one component of this sort.
    Some(Sort),
    /// No component of this sort.
    No(Sort),
}

/// A number in an expectation: written out, or a workbook threshold
/// (`{services_per_small_team}`), read from the workbook under review.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Count {
    Fixed(usize),
    Threshold(&'static str),
}

impl Count {
    fn parse(text: &str) -> Option<Count> {
        let t = text.trim();
        match t.strip_prefix('{').and_then(|t| t.strip_suffix('}')) {
            Some(name) => crate::workbook::Thresholds::placeholders()
                .into_iter()
                .find(|(p, _)| *p == name)
                .map(|(p, _)| Count::Threshold(p)),
            None => t.parse().ok().map(Count::Fixed),
        }
    }

    /// Its value for a workbook's thresholds.
    pub fn of(self, t: &crate::workbook::Thresholds) -> usize {
        match self {
            Count::Fixed(n) => n,
            Count::Threshold(name) => t.value(name).unwrap_or(0) as usize,
        }
    }
}

/// A sort of component an expectation counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sort {
    Cache,
    Cdn,
    /// A queue or broker.
    Queue,
    /// A database with the `sharded` trait.
    ShardedDatabase,
    /// A database with more than one instance.
    ReplicatedDatabase,
}

impl Sort {
    const ALL: [Sort; 5] = [
        Sort::Cache,
        Sort::Cdn,
        Sort::Queue,
        Sort::ShardedDatabase,
        Sort::ReplicatedDatabase,
    ];

    /// How the checklist Markdown names it after "a" (or "no").
    pub fn words(self) -> &'static str {
        match self {
            Sort::Cache => "cache",
            Sort::Cdn => "CDN",
            Sort::Queue => "queue",
            Sort::ShardedDatabase => "sharded database",
            Sort::ReplicatedDatabase => "replicated database",
        }
    }
}

impl Expect {
    /// Reads one expectation: "at most {services_per_small_team} services",
    /// "more than one service", "a cache", "no CDN", "a queue", "a sharded
    /// database", "a replicated database".
    pub fn parse(text: &str) -> Result<Expect, String> {
        let t = text.trim().trim_end_matches('.');
        let count = |rest: &str| -> Option<Count> {
            let n = rest
                .strip_suffix(" services")
                .or(rest.strip_suffix(" service"))?;
            Count::parse(n)
        };
        if let Some(n) = t.strip_prefix("at most ").and_then(count) {
            return Ok(Expect::AtMostServices(n));
        }
        if let Some(n) = t.strip_prefix("at least ").and_then(count) {
            return Ok(Expect::AtLeastServices(n));
        }
        if t == "more than one service" {
            return Ok(Expect::AtLeastServices(Count::Fixed(2)));
        }
        for sort in Sort::ALL {
            if t.strip_prefix("a ").or(t.strip_prefix("an ")) == Some(sort.words()) {
                return Ok(Expect::Some(sort));
            }
            if t.strip_prefix("no ") == Some(sort.words()) {
                return Ok(Expect::No(sort));
            }
        }
        let sorts: Vec<&str> = Sort::ALL.iter().map(|s| s.words()).collect();
        Err(format!(
            "unknown graph expectation \"{t}\"; write \"at most N services\" (N a number or a {{threshold}}), \"at least N services\", \"more than one service\", or \"a\"/\"no\" followed by one of: {}",
            sorts.join(", ")
        ))
    }
}

/// One "Good, because ..." or "Bad, because ..." line, without the prefix.
#[derive(Debug, Clone, PartialEq)]
pub struct Argument {
    pub text: String,
    pub sources: Vec<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Question {
    pub id: String,
    pub prompt: String,
    /// Markdown that teaches what the question is about.
    pub help: String,
    pub choices: Vec<Choice>,
    /// How the workbook's context answers this question in advance.
    pub from_context: Option<ContextMapping>,
    pub sources: Vec<String>,
    pub line: usize,
}

impl Question {
    pub fn choice(&self, id: &str) -> Option<&Choice> {
        self.choices.iter().find(|c| c.id == id)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Choice {
    pub id: String,
    pub label: String,
}

/// `**From context:** `team_size` under 10 → `small`, else → `large``.
/// A list field (strong consistency domains) counts its items and gives no
/// answer while it is empty.
#[derive(Debug, Clone, PartialEq)]
pub struct ContextMapping {
    pub field: crate::context::Field,
    /// Tried in order.
    pub arms: Vec<(ContextTest, String)>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum ContextTest {
    /// The number is below the bound.
    Under(f64),
    /// The value is one of these ids (deployment frequency).
    Is(Vec<String>),
    /// Always (the last arm).
    Else,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Rule {
    /// Empty for the default rule ("Otherwise").
    pub when: Vec<Condition>,
    /// True when any condition suffices; false when all must hold.
    pub any: bool,
    pub recommend: String,
    pub risk: RiskLevel,
    pub advice: String,
    /// Markdown.
    pub rationale: String,
    pub sources: Vec<String>,
    pub line: usize,
}

impl Rule {
    pub fn is_default(&self) -> bool {
        self.when.is_empty()
    }
}

/// A risk the answers can reveal (`## Risks`): reported whenever its
/// condition holds, next to whatever the recommendation is, and a finding
/// of the review (rule `decision-risk`).
#[derive(Debug, Clone, PartialEq)]
pub struct Risk {
    /// Stable: accepted risks name it.
    pub id: String,
    pub title: String,
    pub when: Vec<Condition>,
    /// True when any condition suffices; false when all must hold.
    pub any: bool,
    pub level: RiskLevel,
    pub advice: String,
    /// Markdown: why it hurts.
    pub rationale: String,
    /// The checklist's category unless given.
    pub category: Option<Category>,
    pub sources: Vec<String>,
    pub line: usize,
}

/// `question` is (or is not) one of `choices`.
#[derive(Debug, Clone, PartialEq)]
pub struct Condition {
    pub question: String,
    pub negated: bool,
    pub choices: Vec<String>,
}

impl Condition {
    /// Whether the condition holds for this answer to its question.
    pub fn holds(&self, choice: &str) -> bool {
        self.choices.iter().any(|c| c == choice) != self.negated
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum RiskLevel {
    None,
    Medium,
    High,
}

crate::labelled!(RiskLevel {
    None => "none", "No risk";
    Medium => "medium", "Medium risk";
    High => "high", "High risk";
});

#[derive(Debug, Clone, PartialEq)]
pub struct Source {
    pub label: String,
    pub text: String,
}

impl Checklist {
    pub fn question(&self, id: &str) -> Option<&Question> {
        self.questions.iter().find(|q| q.id == id)
    }

    pub fn option(&self, id: &str) -> Option<&DecisionOption> {
        self.options.iter().find(|o| o.id == id)
    }

    pub fn source(&self, label: &str) -> Option<&Source> {
        self.sources.iter().find(|s| s.label == label)
    }

    pub fn risk(&self, id: &str) -> Option<&Risk> {
        self.risks.iter().find(|r| r.id == id)
    }
}

/// A problem in a checklist file, at a line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContentError {
    pub file: String,
    pub line: usize,
    pub message: String,
}

impl fmt::Display for ContentError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.file, self.line, self.message)
    }
}

/// Every problem found in one file. Never empty.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContentErrors(pub Vec<ContentError>);

impl fmt::Display for ContentErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for e in &self.0 {
            writeln!(f, "{e}")?;
        }
        Ok(())
    }
}

impl std::error::Error for ContentErrors {}
