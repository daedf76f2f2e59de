//! The score: how much of the system the open findings touch, and how badly.
//!
//! Every reviewed component (all but clients and external systems) starts
//! healthy at 1. Each open finding takes a share off each component it
//! names (its open parts): high 50 %, medium 20 %, low 5 %, a question 3 %,
//! multiplied when several findings name the same component. The system's
//! health is the mean over its components. Findings about the system as a
//! whole (a decision's risk, more components than the teams can run, a
//! decision the graph contradicts) take a share off the total: high 30 %,
//! medium 15 %, low 5 %.
//!
//! `score = 100 × mean(component health) × Π(1 − systemic share)`
//!
//! So a defect on 3 of 40 components costs about a tenth of what the same
//! defect on 30 of 40 costs, and one database shared by 27 of 30 services
//! weighs far more than one worker without tracing. Accepted parts leave the
//! score. The README and the Review step's "How is this computed?" say the
//! same; the calibration test (`tests/calibration.rs`) holds it to an order
//! of known designs.

use std::collections::HashMap;

use super::Finding;
use crate::pitfall::Severity;

/// How the score is computed, in the words the Review step and the README
/// use.
pub const EXPLANATION: &[&str] = &[
    "Every component the team runs starts at full health. Each open finding takes a share off each component it names: 50 % for a high finding, 20 % for a medium one, 5 % for a low one and 3 % for a question about something the design does not say. Several findings on one component multiply.",
    "The score is the average health of the components, so a problem on 3 of 40 components costs about a tenth of the same problem on 30 of them.",
    "Findings about the system as a whole (a risk the checklist answers reveal, more components than the teams can run, a decision the graph contradicts) take a share off the total: 30 % high, 15 % medium, 5 % low.",
    "Accepted components leave the score. Grades: A from 90, B from 75, C from 55, D from 35, E below.",
];

/// The share of a component's health an open finding takes.
pub fn weight(severity: Severity, question: bool) -> f64 {
    if question {
        return 0.03;
    }
    match severity {
        Severity::High => 0.50,
        Severity::Medium => 0.20,
        Severity::Low => 0.05,
    }
}

/// The share of the whole score a finding about the system takes.
pub fn systemic_weight(severity: Severity) -> f64 {
    match severity {
        Severity::High => 0.30,
        Severity::Medium => 0.15,
        Severity::Low => 0.05,
    }
}

/// The letter beside a score, as code-quality tools give one: A from 90,
/// B from 75, C from 55, D from 35, E below.
pub fn grade(score: u32) -> char {
    match score {
        90.. => 'A',
        75..=89 => 'B',
        55..=74 => 'C',
        35..=54 => 'D',
        _ => 'E',
    }
}

/// The parts of a score, for showing how it came about.
#[derive(Debug, Clone, PartialEq)]
pub struct Score {
    /// Mean component health, 0 to 1.
    pub components: f64,
    /// The product of the systemic findings' factors, 0 to 1.
    pub systemic: f64,
}

impl Score {
    /// The score of `findings` over the components `reviewed`.
    pub fn of<'a>(reviewed: &[&str], findings: impl Iterator<Item = &'a Finding>) -> Score {
        let mut health: HashMap<&str, f64> = reviewed.iter().map(|id| (*id, 1.0)).collect();
        let mut systemic = 1.0;
        for f in findings.filter(|f| f.is_open()) {
            if f.is_systemic() {
                systemic *= 1.0 - systemic_weight(f.severity);
                continue;
            }
            let w = weight(f.severity, f.question);
            for p in f.open_parts() {
                if let Some(h) = health.get_mut(&**p) {
                    *h *= 1.0 - w;
                }
            }
        }
        let components = if health.is_empty() {
            1.0
        } else {
            health.values().sum::<f64>() / health.len() as f64
        };
        Score {
            components,
            systemic,
        }
    }

    /// 0 to 100.
    pub fn value(&self) -> u32 {
        (100.0 * self.components * self.systemic).round() as u32
    }
}
