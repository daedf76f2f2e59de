//! Answers to recommendation: the first rule whose conditions hold wins, in
//! the spirit of the AWS Well-Architected Tool's risk rules.

use super::*;
use crate::workbook::{Context, Decision};

/// Where an answer comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// The team chose it.
    Answered,
    /// Derived from the workbook's context; the team can still change it.
    Context,
}

/// An answer that a recommendation rests on.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Because<'a> {
    pub question: &'a Question,
    pub choice: &'a Choice,
    pub origin: Origin,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Confidence {
    Low,
    Medium,
    High,
}

impl Confidence {
    pub fn label(self) -> &'static str {
        match self {
            Confidence::Low => "Low confidence",
            Confidence::Medium => "Medium confidence",
            Confidence::High => "High confidence",
        }
    }
}

/// A risk the answers reveal: every risk whose condition holds, whatever
/// the recommendation is (risks accumulate; only the recommendation is the
/// first match).
#[derive(Debug, Clone, PartialEq)]
pub struct RiskHit<'a> {
    /// The risk's id, or `rule-N` for a risk written on the N-th
    /// recommendation (the older format of a team's own checklists).
    pub id: String,
    pub title: String,
    pub level: RiskLevel,
    pub advice: &'a str,
    /// Markdown: why it is a risk.
    pub rationale: &'a str,
    pub category: Option<crate::pitfall::Category>,
    pub sources: &'a [String],
    /// The answers that reveal it.
    pub because: Vec<Because<'a>>,
}

/// What the answers lead to.
#[derive(Debug, Clone, PartialEq)]
pub struct Outcome<'a> {
    /// The rule that matched; `None` while the answers do not decide yet.
    pub rule: Option<&'a Rule>,
    pub recommended: Option<&'a DecisionOption>,
    /// The team's choice when it differs from the recommendation.
    pub overridden: Option<&'a DecisionOption>,
    /// For an accepted decision, the option it was accepted with.
    pub accepted: Option<&'a DecisionOption>,
    /// An accepted decision whose answers now recommend another option:
    /// the decision keeps `accepted`, and this is the option recommended now.
    pub changed_since_accepted: Option<&'a DecisionOption>,
    pub confidence: Confidence,
    /// The answers the matched rule is based on (for the default rule: all of them).
    pub because: Vec<Because<'a>>,
    /// Every question with its effective answer, in checklist order.
    pub answers: Vec<(&'a Question, Option<Because<'a>>)>,
    pub unanswered: Vec<&'a Question>,
    /// When no recommendation is possible yet: the unanswered questions that
    /// decide it (those of the first rule that could still apply).
    pub pending: Vec<&'a Question>,
    pub not_applicable: Vec<(&'a Question, String)>,
    /// Every risk the answers reveal, highest first.
    pub risks: Vec<RiskHit<'a>>,
    /// Questions answered or marked not applicable, out of all.
    pub answered: usize,
    pub total: usize,
}

impl Outcome<'_> {
    /// The highest risk the answers reveal.
    pub fn risk(&self) -> RiskLevel {
        self.risks
            .iter()
            .map(|r| r.level)
            .max()
            .unwrap_or(RiskLevel::None)
    }

    /// The option the decision stands on: the team's choice, else the
    /// option it was accepted with, else the recommendation.
    pub fn decided(&self) -> Option<&DecisionOption> {
        self.overridden.or(self.accepted).or(self.recommended)
    }
}

/// How far a decision is, in one definition for the decision list, its
/// summary line, the decision page and the records: a decision is started
/// once the team has recorded anything for it (an answer, a "not
/// applicable", a choice, a status); answers the context gives count as
/// answered but do not start it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Progress {
    pub started: bool,
    /// Answered or not applicable, including answers from the context.
    pub answered: usize,
    /// Of those, answered by the context alone.
    pub from_context: usize,
    pub total: usize,
}

impl Progress {
    pub fn new(o: &Outcome, decision: Option<&Decision>) -> Progress {
        Progress {
            started: decision.is_some_and(|d| !d.is_empty()),
            answered: o.answered,
            from_context: o
                .answers
                .iter()
                .filter(|(_, a)| a.is_some_and(|b| b.origin == Origin::Context))
                .count(),
            total: o.total,
        }
    }

    /// "Not started", "Not started · 2 of 5 answered by the context",
    /// "3 of 5 answered".
    pub fn label(&self) -> String {
        match (self.started, self.from_context) {
            (false, 0) => "Not started".to_owned(),
            (false, k) => format!(
                "Not started · {k} of {} answered by the context",
                self.total
            ),
            (true, _) => format!("{} of {} answered", self.answered, self.total),
        }
    }
}

/// The answer the context gives to `q`, if any.
pub fn from_context<'a>(q: &'a Question, ctx: &Context) -> Option<&'a Choice> {
    let m = q.from_context.as_ref()?;
    let value = m.field.number(ctx);
    let frequency = ctx.deploy_frequency.map(|f| f.id());
    if value.is_none()
        && frequency
            .filter(|_| m.field == crate::context::Field::DeployFrequency)
            .is_none()
    {
        return None;
    }
    let id = frequency;
    let choice = m.arms.iter().find_map(|(test, choice)| {
        let hit = match test {
            ContextTest::Under(n) => value.is_some_and(|v| v < *n),
            ContextTest::Is(values) => id.is_some_and(|id| values.iter().any(|v| v == id)),
            ContextTest::Else => true,
        };
        hit.then_some(choice)
    })?;
    q.choice(choice)
}

/// Evaluates a checklist for one decision's answers and the workbook context.
pub fn evaluate<'a>(c: &'a Checklist, d: &Decision, ctx: &Context) -> Outcome<'a> {
    let mut answers = Vec::new();
    let mut unanswered = Vec::new();
    let mut not_applicable = Vec::new();
    for q in &c.questions {
        if let Some(reason) = d.not_applicable.get(&q.id) {
            not_applicable.push((q, reason.clone()));
            answers.push((q, None));
            continue;
        }
        let given = d
            .answers
            .get(&q.id)
            .and_then(|id| q.choice(id))
            .map(|choice| Because {
                question: q,
                choice,
                origin: Origin::Answered,
            });
        let answer = given.or_else(|| {
            from_context(q, ctx).map(|choice| Because {
                question: q,
                choice,
                origin: Origin::Context,
            })
        });
        if answer.is_none() {
            unanswered.push(q);
        }
        answers.push((q, answer));
    }
    let total = c.questions.len();
    let answered = total - unanswered.len();
    let given: Vec<Because> = answers.iter().filter_map(|(_, a)| *a).collect();
    let answer_of = |qid: &str| given.iter().find(|b| b.question.id == qid);

    // The first rule that is not ruled out by the answers decides. When that
    // rule still depends on unanswered questions, the outcome is open: a
    // default recommendation now would contradict answers still to come.
    let mut pending = Vec::new();
    let rule = if given.is_empty() {
        None
    } else {
        let mut decided = None;
        for r in &c.rules {
            if r.is_default() {
                decided = Some(r);
                break;
            }
            let state = |cond: &Condition| match answer_of(&cond.question) {
                Some(b) => Some(cond.holds(&b.choice.id)),
                None if c
                    .question(&cond.question)
                    .is_some_and(|q| d.not_applicable.contains_key(&q.id)) =>
                {
                    Some(false)
                }
                None => None,
            };
            let states: Vec<Option<bool>> = r.when.iter().map(state).collect();
            let matches = if r.any {
                states.contains(&Some(true))
            } else {
                states.iter().all(|s| *s == Some(true))
            };
            let ruled_out = if r.any {
                states.iter().all(|s| *s == Some(false))
            } else {
                states.contains(&Some(false))
            };
            if matches {
                decided = Some(r);
                break;
            }
            if !ruled_out {
                pending = r
                    .when
                    .iter()
                    .zip(&states)
                    .filter(|(_, s)| s.is_none())
                    .filter_map(|(cond, _)| c.question(&cond.question))
                    .collect();
                break;
            }
        }
        decided
    };
    let because = match rule {
        Some(r) if !r.is_default() => r
            .when
            .iter()
            // For "or" rules, name only the conditions that hold.
            .filter_map(|cond| {
                answer_of(&cond.question)
                    .filter(|b| cond.holds(&b.choice.id))
                    .copied()
            })
            .collect(),
        Some(_) => given.clone(),
        None => vec![],
    };
    let confidence = match rule {
        _ if answered == total => Confidence::High,
        Some(r) if !r.is_default() => Confidence::Medium,
        _ if answered * 2 >= total => Confidence::Medium,
        _ => Confidence::Low,
    };
    // Risks accumulate: each one whose conditions hold is reported.
    let holds = |when: &[Condition], any: bool| -> Option<Vec<Because<'a>>> {
        let mut because = Vec::new();
        let mut all = true;
        for cond in when {
            match answer_of(&cond.question) {
                Some(b) if cond.holds(&b.choice.id) => because.push(*b),
                _ => all = false,
            }
        }
        let ok = if any {
            !because.is_empty()
        } else {
            all && !when.is_empty()
        };
        ok.then_some(because)
    };
    let mut risks: Vec<RiskHit<'a>> = c
        .risks
        .iter()
        .filter_map(|r| {
            holds(&r.when, r.any).map(|because| RiskHit {
                id: r.id.clone(),
                title: r.title.clone(),
                level: r.level,
                advice: &r.advice,
                rationale: &r.rationale,
                category: r.category.or(c.category),
                sources: &r.sources,
                because,
            })
        })
        .collect();
    // Risks written on recommendations (the older format): reported when
    // their rule's conditions hold, the default's when it decides.
    for (i, r) in c.rules.iter().enumerate() {
        if r.risk == RiskLevel::None {
            continue;
        }
        let because = if r.is_default() {
            rule.filter(|d| std::ptr::eq(*d, r)).map(|_| given.clone())
        } else {
            holds(&r.when, r.any)
        };
        if let Some(because) = because {
            let option = c.option(&r.recommend).map_or("", |o| o.title.as_str());
            risks.push(RiskHit {
                id: format!("rule-{}", i + 1),
                title: format!("{}: {option}", c.title),
                level: r.risk,
                advice: &r.advice,
                rationale: &r.rationale,
                category: c.category,
                sources: &r.sources,
                because,
            });
        }
    }
    risks.sort_by_key(|r| std::cmp::Reverse(r.level));
    let recommended = rule.and_then(|r| c.option(&r.recommend));
    let overridden = d
        .chosen
        .as_deref()
        .and_then(|id| c.option(id))
        .filter(|o| Some(o.id.as_str()) != recommended.map(|r| r.id.as_str()));
    let accepted = (d.status == Some(crate::workbook::DecisionStatus::Accepted))
        .then(|| d.accepted_option.as_deref().and_then(|id| c.option(id)))
        .flatten();
    let changed_since_accepted = match (accepted, recommended) {
        (Some(a), Some(r)) if overridden.is_none() && a.id != r.id => Some(r),
        _ => None,
    };
    Outcome {
        rule,
        recommended,
        overridden,
        accepted,
        changed_since_accepted,
        confidence,
        because,
        answers,
        unanswered,
        pending,
        not_applicable,
        risks,
        answered,
        total,
    }
}
