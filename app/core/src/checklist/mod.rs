//! Decision checklists: the Markdown format, its parser and the engine that
//! turns answers into a recommendation.
//!
//! A checklist is one Markdown file that reads well on a code host (see
//! `content/checklists/` and the README for the format). [`parse`] reads it
//! with pulldown-cmark and reports every problem with its line.

mod engine;
mod parse;

use std::fmt;

pub use engine::{evaluate, Because, Confidence, Origin, Outcome};
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
    /// Footnote label to citation text.
    pub sources: Vec<Source>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct DecisionOption {
    pub id: String,
    pub title: String,
    /// Markdown.
    pub description: String,
    pub pros: Vec<Point>,
    pub cons: Vec<Point>,
    pub sources: Vec<String>,
    pub line: usize,
}

/// One "Good, because ..." or "Bad, because ..." line, without the prefix.
#[derive(Debug, Clone, PartialEq)]
pub struct Point {
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
    pub field: ContextField,
    /// Tried in order.
    pub arms: Vec<(ContextTest, String)>,
}

/// The context fields a checklist can read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ContextField {
    TeamSize,
    Teams,
    PeakRps,
    DataVolumeGb,
    P99LatencyMs,
    ReadPercent,
    DeployFrequency,
    StrongConsistency,
}

impl ContextField {
    pub const ALL: [ContextField; 8] = [
        ContextField::TeamSize,
        ContextField::Teams,
        ContextField::PeakRps,
        ContextField::DataVolumeGb,
        ContextField::P99LatencyMs,
        ContextField::ReadPercent,
        ContextField::DeployFrequency,
        ContextField::StrongConsistency,
    ];

    /// The field's name in the workbook file.
    pub fn key(self) -> &'static str {
        match self {
            ContextField::TeamSize => "team_size",
            ContextField::Teams => "teams",
            ContextField::PeakRps => "peak_rps",
            ContextField::DataVolumeGb => "data_volume_gb",
            ContextField::P99LatencyMs => "p99_latency_ms",
            ContextField::ReadPercent => "read_percent",
            ContextField::DeployFrequency => "deploy_frequency",
            ContextField::StrongConsistency => "strong_consistency",
        }
    }

    /// The Context step's label for the field.
    pub fn label(self) -> &'static str {
        use crate::context::Field;
        match self {
            ContextField::TeamSize => Field::TeamSize.label(),
            ContextField::Teams => Field::Teams.label(),
            ContextField::PeakRps => Field::PeakRps.label(),
            ContextField::DataVolumeGb => Field::DataVolume.label(),
            ContextField::P99LatencyMs => Field::P99Latency.label(),
            ContextField::ReadPercent => Field::ReadPercent.label(),
            ContextField::DeployFrequency => Field::DeployFrequency.label(),
            ContextField::StrongConsistency => Field::StrongConsistency.label(),
        }
    }

    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|f| f.key() == key)
    }
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

impl RiskLevel {
    pub fn id(self) -> &'static str {
        match self {
            RiskLevel::None => "none",
            RiskLevel::Medium => "medium",
            RiskLevel::High => "high",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            RiskLevel::None => "No risk",
            RiskLevel::Medium => "Medium risk",
            RiskLevel::High => "High risk",
        }
    }
}

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
