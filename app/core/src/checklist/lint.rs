//! The content linter: checks a checklist against every combination of
//! answers (each question answered with each choice, unanswered, or marked
//! not applicable) for the mistakes that make advice untrustworthy.
//!
//! - **Hidden risks.** With risks written on recommendations (the older
//!   format), a first-matching rule with a lower risk hides a later rule's
//!   higher one. Shipped checklists keep risks under `## Risks`, where every
//!   risk whose condition holds is reported.
//! - **Unfounded claims.** A rationale states answers as links to the
//!   question: `[several teams ship on their own](#independent-deploys=yes)`,
//!   `(#shard-key=no,unknown)` for one of several choices, `(#q!=c)` for "not
//!   this one". Each claim must hold in every combination where its rule is
//!   the recommendation (or its risk is reported).
//! - **Dead content.** An option no answers recommend, a rule that never
//!   decides, a risk that never fires.
//! - **Thresholds stated twice.** Shipped content names thresholds through
//!   placeholders (`{read_heavy_percent}`), defined once in
//!   `workbook::Thresholds`; a literal share of reads or count of hops,
//!   calls, services or people is flagged.

use std::collections::{BTreeMap, BTreeSet};

use super::*;
use crate::workbook::{Context, Decision};

/// What one question is in a combination.
#[derive(Debug, Clone, Copy, PartialEq)]
enum State<'a> {
    Choice(&'a str),
    Unanswered,
    NotApplicable,
}

impl std::fmt::Display for State<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            State::Choice(c) => write!(f, "`{c}`"),
            State::Unanswered => f.write_str("unanswered"),
            State::NotApplicable => f.write_str("not applicable"),
        }
    }
}

/// A claim in a rationale: `question` is one of `choices` (or none of them).
#[derive(Debug, Clone, PartialEq)]
struct Claim {
    question: String,
    choices: Vec<String>,
    negated: bool,
}

impl Claim {
    fn parse(target: &str) -> Option<Claim> {
        let t = target.strip_prefix('#')?;
        let (q, choices, negated) = match t.split_once("!=") {
            Some((q, c)) => (q, c, true),
            None => {
                let (q, c) = t.split_once('=')?;
                (q, c, false)
            }
        };
        Some(Claim {
            question: q.to_owned(),
            choices: choices.split(',').map(str::to_owned).collect(),
            negated,
        })
    }

    fn holds(&self, s: State) -> bool {
        match s {
            State::Choice(c) => self.choices.iter().any(|x| x == c) != self.negated,
            _ => false,
        }
    }
}

fn claims(markdown: &str) -> Vec<Claim> {
    use pulldown_cmark::{Event, Parser, Tag};
    Parser::new(markdown)
        .filter_map(|e| match e {
            Event::Start(Tag::Link { dest_url, .. }) => Claim::parse(&dest_url),
            _ => None,
        })
        .collect()
}

/// Every combination of question states (choices, unanswered, not applicable).
fn combinations(c: &Checklist) -> Vec<Vec<State<'_>>> {
    let mut all: Vec<Vec<State>> = vec![vec![]];
    for q in &c.questions {
        let states: Vec<State> = q
            .choices
            .iter()
            .map(|ch| State::Choice(ch.id.as_str()))
            .chain([State::Unanswered, State::NotApplicable])
            .collect();
        all = all
            .into_iter()
            .flat_map(|prefix| {
                states.iter().map(move |s| {
                    let mut v = prefix.clone();
                    v.push(*s);
                    v
                })
            })
            .collect();
    }
    all
}

fn decision(c: &Checklist, states: &[State]) -> Decision {
    let mut d = Decision::default();
    for (q, s) in c.questions.iter().zip(states) {
        match s {
            State::Choice(ch) => {
                d.answers.insert(q.id.clone(), (*ch).to_owned());
            }
            State::NotApplicable => {
                d.not_applicable.insert(q.id.clone(), "lint".to_owned());
            }
            State::Unanswered => {}
        }
    }
    d
}

fn describe(c: &Checklist, states: &[State]) -> String {
    let parts: Vec<String> = c
        .questions
        .iter()
        .zip(states)
        .filter(|(_, s)| !matches!(s, State::Unanswered))
        .map(|(q, s)| format!("{}={}", q.id, s.to_string().trim_matches('`')))
        .collect();
    if parts.is_empty() {
        "nothing answered".to_owned()
    } else {
        parts.join(" ")
    }
}

/// Problems in a parsed checklist, each with its file and line. `shipped`
/// asks for the stricter rules of Archbook's own content (risks under
/// `## Risks` only).
pub fn lint(file: &str, c: &Checklist, shipped: bool) -> Vec<ContentError> {
    let mut out: BTreeMap<(usize, String), ()> = BTreeMap::new();
    let mut err = |line: usize, message: String| {
        out.insert((line, message), ());
    };
    let qindex = |id: &str| c.questions.iter().position(|q| q.id == id);

    // Claims name real questions and choices.
    let rule_claims: Vec<Vec<Claim>> = c.rules.iter().map(|r| claims(&r.rationale)).collect();
    let risk_claims: Vec<Vec<Claim>> = c.risks.iter().map(|r| claims(&r.rationale)).collect();
    let lines = c
        .rules
        .iter()
        .map(|r| r.line)
        .chain(c.risks.iter().map(|r| r.line));
    for (line, list) in lines.zip(rule_claims.iter().chain(&risk_claims)) {
        for cl in list {
            match c.question(&cl.question) {
                None => err(
                    line,
                    format!(
                        "the rationale links to the unknown question \"{}\"",
                        cl.question
                    ),
                ),
                Some(q) => {
                    for ch in &cl.choices {
                        if q.choice(ch).is_none() {
                            err(
                                line,
                                format!("the rationale links to \"{}={ch}\", a choice the question does not have", q.id),
                            );
                        }
                    }
                }
            }
        }
    }
    if shipped {
        for r in c.rules.iter().filter(|r| r.risk != RiskLevel::None) {
            err(
                r.line,
                "a risk on a recommendation is hidden whenever an earlier rule matches first; write it under ## Risks, where every risk whose condition holds is reported".to_owned(),
            );
        }
    }

    let ctx = Context::default();
    let mut recommended = BTreeSet::new();
    let mut decided_rules = BTreeSet::new();
    let mut fired_risks = BTreeSet::new();
    for states in combinations(c) {
        let d = decision(c, &states);
        let o = super::evaluate(c, &d, &ctx);
        let state_of = |q: &str| qindex(q).map_or(State::Unanswered, |i| states[i]);
        if let Some(opt) = o.recommended {
            recommended.insert(opt.id.clone());
        }
        let decided = o
            .rule
            .and_then(|r| c.rules.iter().position(|x| std::ptr::eq(x, r)));
        if let Some(i) = decided {
            decided_rules.insert(i);
            for cl in &rule_claims[i] {
                let s = state_of(&cl.question);
                if !cl.holds(s) {
                    err(
                        c.rules[i].line,
                        format!(
                            "the rationale says `{}` is {}`{}`, but this recommendation also applies when it is {s} ({})",
                            cl.question,
                            if cl.negated { "not " } else { "" },
                            cl.choices.join("` or `"),
                            describe(c, &states)
                        ),
                    );
                }
            }
            // Older format: a later rule's higher risk behind this one.
            let level = c.rules[i].risk;
            for (j, later) in c.rules.iter().enumerate().skip(i + 1) {
                if later.is_default() || later.risk <= level {
                    continue;
                }
                let all_hold = later.when.iter().map(|w| match state_of(&w.question) {
                    State::Choice(ch) => w.holds(ch),
                    _ => false,
                });
                let holds = if later.any {
                    all_hold.into_iter().any(|x| x)
                } else {
                    all_hold.into_iter().all(|x| x)
                };
                if holds {
                    err(
                        c.rules[i].line,
                        format!(
                            "this rule (risk {}) is chosen first and hides the {} risk of the rule at line {} ({})",
                            level.id(),
                            later.risk.id(),
                            c.rules[j].line,
                            describe(c, &states)
                        ),
                    );
                }
            }
        }
        for hit in &o.risks {
            let Some(k) = c.risks.iter().position(|r| r.id == hit.id) else {
                continue;
            };
            fired_risks.insert(k);
            for cl in &risk_claims[k] {
                let s = state_of(&cl.question);
                if !cl.holds(s) {
                    err(
                        c.risks[k].line,
                        format!(
                            "the explanation says `{}` is {}`{}`, but this risk is also reported when it is {s} ({})",
                            cl.question,
                            if cl.negated { "not " } else { "" },
                            cl.choices.join("` or `"),
                            describe(c, &states)
                        ),
                    );
                }
            }
        }
    }
    for o in &c.options {
        if !recommended.contains(&o.id) {
            err(
                o.line,
                format!("no combination of answers recommends \"{}\"", o.id),
            );
        }
    }
    for (i, r) in c.rules.iter().enumerate() {
        if !r.is_default() && !decided_rules.contains(&i) {
            err(
                r.line,
                "this recommendation never applies: earlier rules cover every answer that matches it".to_owned(),
            );
        }
    }
    for (k, r) in c.risks.iter().enumerate() {
        if !fired_risks.contains(&k) {
            err(r.line, format!("the risk \"{}\" is never reported", r.id));
        }
    }
    out.into_keys()
        .map(|(line, message)| ContentError {
            file: file.to_owned(),
            line,
            message,
        })
        .collect()
}

/// Thresholds written as literals in shipped content (before placeholders
/// are expanded): a share of reads, or a count of hops, calls, services,
/// components, teams or people.
pub fn lint_thresholds(file: &str, src: &str) -> Vec<ContentError> {
    const UNITS: [&str; 9] = [
        "%",
        "percent",
        "people",
        "hops",
        "calls",
        "services",
        "components",
        "teams",
        "per team",
    ];
    let mut out = Vec::new();
    for (n, line) in src.lines().enumerate() {
        let words: Vec<&str> = line.split_whitespace().collect();
        for (i, w) in words.iter().enumerate() {
            let digits = w.trim_start_matches(['(', '"']);
            let number_end = digits
                .find(|c: char| !c.is_ascii_digit())
                .unwrap_or(digits.len());
            if number_end == 0 {
                continue;
            }
            let rest = &digits[number_end..];
            let next = words.get(i + 1).copied().unwrap_or("");
            let unit = UNITS.iter().find(|u| {
                rest.starts_with(**u)
                    || next.trim_matches([',', '.', ')']) == **u
                    || (rest.is_empty() && next.starts_with('%'))
            });
            if let Some(unit) = unit {
                out.push(ContentError {
                    file: file.to_owned(),
                    line: n + 1,
                    message: format!(
                        "\"{} {unit}\" states a threshold as a literal; use its placeholder ({}) so every file says the same",
                        &digits[..number_end],
                        crate::workbook::Thresholds::placeholders()
                            .iter()
                            .map(|(p, _)| format!("{{{p}}}"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                });
            }
        }
    }
    out
}
