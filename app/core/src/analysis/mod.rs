//! The review: the graph, the context and the decisions scored against the
//! documented pitfalls (`content/pitfalls/`) and the risks the checklists'
//! answers reveal.
//!
//! One finding per problem: a rule reports each distinct problem once,
//! naming every component it touches (its parts), and a team accepts a
//! finding for all of its parts or for some of them. A finding is identified
//! by its rule, its group (what tells the rule's problems apart: a store, an
//! external API, a decision's risk) and its decision, so an acceptance stays
//! put across unrelated edits, and a new component with the same problem
//! shows as open.
//!
//! Where the design does not state a fact a rule needs (an instance count,
//! any tracing at all), the rule asks a question, at low weight, instead of
//! accusing.

mod model;
mod rules;
mod score;

use std::sync::Arc;

use petgraph::graph::NodeIndex;

use crate::checklist::{evaluate, Checklist, Expect, RiskLevel, Sort};
use crate::pitfall::{Category, Pitfall, Severity};
use crate::workbook::{Node, NodeKind, Workbook};

pub use model::Model;
pub use score::{grade, weight, Score, EXPLANATION};

/// One problem found in the design.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    /// The pitfall id (`decision-risk` for risks the answers reveal).
    pub rule: &'static str,
    pub severity: Severity,
    pub category: Category,
    pub title: Arc<str>,
    /// What tells this problem apart from the rule's others (a store's id,
    /// an external API's id, a decision's risk id); none when the rule
    /// reports one problem per design.
    pub group: Option<Arc<str>>,
    /// For findings about a recorded decision: its checklist id.
    pub decision: Option<String>,
    /// A question about a fact the design does not state, not a verdict.
    pub question: bool,
    /// The components it accuses, sorted by id: each can be accepted on its
    /// own. Empty for findings about a decision or the team.
    pub parts: Vec<Arc<str>>,
    /// Every component involved (the parts and, say, the shared store),
    /// sorted, for showing it on the graph.
    pub nodes: Vec<Arc<str>>,
    /// Edges involved, as (from, to) ids.
    pub edges: Vec<(Arc<str>, Arc<str>)>,
    /// What is wrong here, naming the components.
    pub message: String,
    /// Markdown: why it hurts and how to fix it.
    pub why: Arc<str>,
    pub fix: Arc<str>,
    /// Where the advice comes from (citations).
    pub sources: Vec<String>,
    /// The parts a team accepted, with its reason, in the order of `parts`.
    pub accepted_parts: Vec<(Arc<str>, String)>,
    /// The reason, when the whole finding is accepted (every part, or a
    /// finding without parts).
    pub accepted: Option<String>,
}

impl Finding {
    /// The finding's identity as one string (rule, group, decision): equal
    /// for the same problem across edits, whichever components it names.
    pub fn key(&self) -> String {
        // Unit and record separators cannot be typed into an id by accident.
        format!(
            "{}\u{1f}{}\u{1e}{}",
            self.rule,
            self.group.as_deref().unwrap_or(""),
            self.decision.as_deref().unwrap_or("")
        )
    }

    /// Whether anything of it is still open.
    pub fn is_open(&self) -> bool {
        self.accepted.is_none()
    }

    /// The parts not accepted.
    pub fn open_parts(&self) -> impl Iterator<Item = &Arc<str>> {
        self.parts.iter().filter(move |p| {
            !self
                .accepted_parts
                .iter()
                .any(|(a, _)| Arc::ptr_eq(a, p) || a == *p)
        })
    }

    /// The accepted parts grouped by reason, in the order the reasons were
    /// first given: each reason with the parts it covers. Empty when the
    /// whole finding is accepted for one reason, which reads as one sentence.
    pub fn acceptances(&self) -> Vec<(&str, Vec<&Arc<str>>)> {
        let mut by_reason: Vec<(&str, Vec<&Arc<str>>)> = Vec::new();
        for (part, reason) in &self.accepted_parts {
            match by_reason.iter_mut().find(|(r, _)| *r == reason) {
                Some((_, parts)) => parts.push(part),
                None => by_reason.push((reason, vec![part])),
            }
        }
        if self.accepted.is_some() && by_reason.len() <= 1 {
            by_reason.clear();
        }
        by_reason
    }

    /// Accepted for some of its parts, not all.
    pub fn partly_accepted(&self) -> bool {
        self.accepted.is_none() && !self.accepted_parts.is_empty()
    }

    /// Whether it weighs on the whole system (the team, a decision) rather
    /// than on the components it names.
    pub fn is_systemic(&self) -> bool {
        SYSTEMIC.contains(&self.rule)
    }
}

/// Rules whose findings are about the system as a whole. (Too many
/// services for a small team names, and burdens, each of those services, so
/// it counts per component.)
const SYSTEMIC: [&str; 4] = [
    "component-sprawl",
    "decision-graph-mismatch",
    "decision-risk",
    "outdated-decision",
];

/// The findings and the scores.
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    /// Open first, then by severity (high first), question last, rule and group.
    pub findings: Vec<Finding>,
    /// 0 to 100.
    pub overall: u32,
    pub categories: Vec<(Category, u32)>,
    /// Components the score is about (all but clients and external systems).
    pub reviewed: usize,
}

impl Report {
    /// Open findings of exactly `severity`.
    pub fn open(&self, severity: Severity) -> usize {
        self.findings
            .iter()
            .filter(|f| f.is_open() && f.severity == severity)
            .count()
    }

    /// Open findings at or above `severity`.
    pub fn open_at_least(&self, severity: Severity) -> usize {
        self.findings
            .iter()
            .filter(|f| f.is_open() && f.severity >= severity)
            .count()
    }

    /// The letter beside the score (A to E).
    pub fn grade(&self) -> char {
        grade(self.overall)
    }
}

/// What a rule reports before the pitfall's texts are attached. Rules speak
/// in node indices; ids are looked up once, when the findings are built.
pub(crate) struct Hit {
    pub parts: Vec<NodeIndex>,
    pub context: Vec<NodeIndex>,
    pub edges: Vec<(NodeIndex, NodeIndex)>,
    pub group: Option<String>,
    pub question: bool,
    pub message: String,
    /// A severity other than the pitfall's (a limit passed many times over).
    pub severity: Option<Severity>,
}

/// The id of every rule with a detection.
pub fn rule_ids() -> Vec<&'static str> {
    rules::GRAPH_RULES
        .iter()
        .map(|(id, _)| *id)
        .chain([
            "decision-graph-mismatch",
            "decision-risk",
            "outdated-decision",
        ])
        .collect()
}

/// Runs every rule and scores the result. `pitfalls` must hold every rule id
/// (the content tests make sure the shipped ones do).
pub fn analyze(wb: &Workbook, pitfalls: &[Pitfall], checklists: &[Checklist]) -> Report {
    let m = Model::new(wb);
    let rank = id_ranks(&m);
    let mut ids: Vec<Option<Arc<str>>> = vec![None; m.g.node_count()];
    let mut id = |i: NodeIndex| -> Arc<str> {
        ids[i.index()]
            .get_or_insert_with(|| Arc::from(m.node(i).id.as_str()))
            .clone()
    };
    let mut findings = Vec::new();
    let build =
        |rule: &'static str, p: &Pitfall, mut h: Hit, id: &mut dyn FnMut(NodeIndex) -> Arc<str>| {
            let by_rank = |i: &NodeIndex| rank[i.index()];
            h.parts.sort_unstable_by_key(by_rank);
            h.parts.dedup();
            let mut involved: Vec<NodeIndex> = h.parts.iter().chain(&h.context).copied().collect();
            involved.sort_unstable_by_key(by_rank);
            involved.dedup();
            h.edges
                .sort_unstable_by_key(|(a, b)| (by_rank(a), by_rank(b)));
            h.edges.dedup();
            let title = match (&p.question, h.question) {
                (Some(q), true) => q.clone(),
                _ => p.title.clone(),
            };
            Finding {
                rule,
                severity: if h.question {
                    Severity::Low
                } else {
                    h.severity.unwrap_or(p.severity)
                },
                category: p.category,
                title,
                group: h.group.map(Arc::from),
                decision: None,
                question: h.question,
                parts: h.parts.iter().map(|&i| id(i)).collect(),
                nodes: involved.iter().map(|&i| id(i)).collect(),
                edges: h.edges.iter().map(|&(a, b)| (id(a), id(b))).collect(),
                message: h.message,
                why: p.why.clone(),
                fix: p.fix.clone(),
                sources: p.sources.iter().map(|s| s.text.clone()).collect(),
                accepted_parts: vec![],
                accepted: None,
            }
        };
    for (rule, detect) in rules::GRAPH_RULES {
        let Some(p) = pitfalls.iter().find(|p| p.id == rule) else {
            continue;
        };
        for h in detect(&m) {
            findings.push(build(rule, p, h, &mut id));
        }
    }
    if let Some(p) = pitfalls.iter().find(|p| p.id == "decision-graph-mismatch") {
        for (decision, h) in decision_graph_mismatch(&m, checklists) {
            let mut f = build("decision-graph-mismatch", p, h, &mut id);
            f.group = Some(Arc::from(decision.as_str()));
            f.decision = Some(decision);
            findings.push(f);
        }
    }
    if let Some(p) = pitfalls.iter().find(|p| p.id == "decision-risk") {
        findings.extend(decision_risks(wb, checklists, p));
    }
    if let Some(p) = pitfalls.iter().find(|p| p.id == "outdated-decision") {
        findings.extend(outdated_decisions(wb, checklists, p));
    }
    for f in &mut findings {
        accept(f, wb);
    }
    findings.sort_by(|a, b| {
        (
            a.accepted.is_some(),
            a.question,
            std::cmp::Reverse(a.severity),
            a.rule,
            &a.group,
            &a.decision,
        )
            .cmp(&(
                b.accepted.is_some(),
                b.question,
                std::cmp::Reverse(b.severity),
                b.rule,
                &b.group,
                &b.decision,
            ))
    });
    let reviewed: Vec<&str> = m.reviewed().map(|i| m.node(i).id.as_str()).collect();
    let overall = Score::of(&reviewed, findings.iter()).value();
    let categories = Category::ALL
        .iter()
        .map(|c| {
            (
                *c,
                Score::of(&reviewed, findings.iter().filter(|f| f.category == *c)).value(),
            )
        })
        .collect();
    Report {
        overall,
        categories,
        reviewed: reviewed.len(),
        findings,
    }
}

/// Marks the parts of `f` the workbook accepts, and the whole finding when
/// nothing of it is left open.
fn accept(f: &mut Finding, wb: &Workbook) {
    let entries: Vec<&crate::workbook::AcceptedRisk> = wb
        .accepted
        .iter()
        .filter(|a| a.matches(f.rule, f.group.as_deref(), f.decision.as_deref()))
        .collect();
    if entries.is_empty() {
        return;
    }
    if f.parts.is_empty() {
        f.accepted = Some(entries[0].reason.clone());
        return;
    }
    for p in &f.parts {
        if let Some(a) = entries.iter().find(|a| a.nodes.iter().any(|n| **n == **p)) {
            f.accepted_parts.push((p.clone(), a.reason.clone()));
        }
    }
    if f.accepted_parts.len() == f.parts.len() {
        let mut reasons: Vec<&str> = f.accepted_parts.iter().map(|(_, r)| r.as_str()).collect();
        reasons.dedup();
        f.accepted = Some(reasons.join(" "));
    }
}

/// Each node's position in the order of the ids.
fn id_ranks(m: &Model) -> Vec<u32> {
    // Sorted on the ids' first eight bytes (ids are short: most differ
    // there), then runs with the same start on the whole id.
    let prefix = |id: &str| {
        let mut head = [0u8; 8];
        let n = id.len().min(8);
        head[..n].copy_from_slice(&id.as_bytes()[..n]);
        u64::from_be_bytes(head)
    };
    let mut order: Vec<(u64, NodeIndex)> = m.nodes().map(|i| (prefix(&m.node(i).id), i)).collect();
    order.sort_unstable();
    for run in order.chunk_by_mut(|a, b| a.0 == b.0) {
        if run.len() > 1 {
            run.sort_unstable_by(|a, b| m.node(a.1).id.cmp(&m.node(b.1).id));
        }
    }
    let mut rank = vec![0; order.len()];
    for (r, (_, i)) in order.into_iter().enumerate() {
        rank[i.index()] = r as u32;
    }
    rank
}

/// Every risk the answers of a started decision reveal: one finding per
/// (decision, risk), with the checklist's own texts.
fn decision_risks(wb: &Workbook, checklists: &[Checklist], p: &Pitfall) -> Vec<Finding> {
    let mut out = Vec::new();
    for c in checklists {
        let Some(d) = wb.decisions.get(&c.id) else {
            continue;
        };
        let o = evaluate(c, d, &wb.context);
        for r in &o.risks {
            let because: Vec<String> = r
                .because
                .iter()
                .map(|b| format!("{} {}", b.question.prompt, b.choice.label))
                .collect();
            let sources = r
                .sources
                .iter()
                .filter_map(|s| c.source(s).map(|s| s.text.clone()))
                .collect();
            out.push(Finding {
                rule: "decision-risk",
                severity: match r.level {
                    RiskLevel::High => Severity::High,
                    _ => Severity::Medium,
                },
                category: r.category.unwrap_or(p.category),
                title: Arc::from(format!("{}: {}", c.title, r.title)),
                group: Some(Arc::from(r.id.as_str())),
                decision: Some(c.id.clone()),
                question: false,
                parts: vec![],
                nodes: vec![],
                edges: vec![],
                message: format!(
                    "The answers to \"{}\" reveal this risk: {}.",
                    c.title,
                    because.join("; ")
                ),
                why: Arc::from(r.rationale),
                fix: Arc::from(r.advice),
                sources,
                accepted_parts: vec![],
                accepted: None,
            });
        }
    }
    out
}

/// Accepted decisions whose answers now recommend another option.
fn outdated_decisions(wb: &Workbook, checklists: &[Checklist], p: &Pitfall) -> Vec<Finding> {
    let mut out = Vec::new();
    for c in checklists {
        let Some(d) = wb.decisions.get(&c.id) else {
            continue;
        };
        let o = evaluate(c, d, &wb.context);
        let (Some(kept), Some(now)) = (o.accepted, o.changed_since_accepted) else {
            continue;
        };
        out.push(Finding {
            rule: "outdated-decision",
            severity: p.severity,
            category: c.category.unwrap_or(p.category),
            title: Arc::from(format!(
                "{}: the recommendation changed since it was accepted",
                c.title
            )),
            group: Some(Arc::from(c.id.as_str())),
            decision: Some(c.id.clone()),
            question: false,
            parts: vec![],
            nodes: vec![],
            edges: vec![],
            message: format!(
                "\"{}\" was accepted with \"{}\", but the answers now recommend \"{}\".",
                c.title, kept.title, now.title
            ),
            why: p.why.clone(),
            fix: p.fix.clone(),
            sources: p.sources.iter().map(|s| s.text.clone()).collect(),
            accepted_parts: vec![],
            accepted: None,
        });
    }
    out
}

/// Decided options whose "**In the graph:**" expectations (checklist
/// Markdown) the drawn graph does not meet: one finding per decision, every
/// unmet expectation in its message.
fn decision_graph_mismatch(m: &Model, checklists: &[Checklist]) -> Vec<(String, Hit)> {
    let mut out = vec![];
    for c in checklists {
        let Some(d) = m.wb.decisions.get(&c.id) else {
            continue;
        };
        let outcome = evaluate(c, d, &m.wb.context);
        let Some(option) = outcome.decided() else {
            continue;
        };
        let mut parts: Vec<NodeIndex> = vec![];
        let mut clauses: Vec<String> = vec![];
        for e in &option.in_graph {
            if let Some((clause, nodes)) = unmet(m, *e) {
                clauses.push(clause);
                parts.extend(
                    nodes
                        .into_iter()
                        .filter(|n| !parts.contains(n))
                        .collect::<Vec<_>>(),
                );
            }
        }
        if clauses.is_empty() {
            continue;
        }
        out.push((
            c.id.clone(),
            Hit {
                parts,
                context: vec![],
                edges: vec![],
                group: None,
                question: false,
                message: format!(
                    "The decision is \"{}\", but {}.",
                    option.title,
                    clauses.join(", and ")
                ),
                severity: None,
            },
        ));
    }
    out
}

/// When the graph does not meet `e`: what it shows instead, and the
/// components that show it.
fn unmet(m: &Model, e: Expect) -> Option<(String, Vec<NodeIndex>)> {
    let of = |f: &dyn Fn(&Node) -> bool| m.nodes().filter(|&i| f(m.node(i))).collect::<Vec<_>>();
    let services = of(&|n| matches!(n.kind, NodeKind::Service | NodeKind::Worker));
    let sort_of = |s: Sort| -> (Vec<NodeIndex>, &'static str, &'static str) {
        match s {
            Sort::Cache => (
                of(&|n| n.kind == NodeKind::Cache),
                "the graph has no cache",
                "the graph has a cache",
            ),
            Sort::Cdn => (
                of(&|n| n.kind == NodeKind::Cdn),
                "the graph has no CDN",
                "the graph has a CDN",
            ),
            Sort::Queue => (
                of(&|n| n.kind == NodeKind::Queue),
                "the graph has no queue or broker",
                "the graph has a queue or broker",
            ),
            Sort::ShardedDatabase => (
                of(&|n| n.kind == NodeKind::Database && n.has_trait("sharded")),
                "no database is marked sharded",
                "a database is marked sharded",
            ),
            Sort::ReplicatedDatabase => (
                of(&|n| n.kind == NodeKind::Database && n.replicas() > 1),
                "no database has more than one instance",
                "a database has more than one instance",
            ),
        }
    };
    let n = services.len();
    let counted = if n == 1 {
        "1 service".to_owned()
    } else {
        format!("{n} services")
    };
    match e {
        Expect::AtMostServices(max) if n > max.of(&m.t) => Some((
            format!("the graph has {n} independently deployed services"),
            services,
        )),
        Expect::AtLeastServices(min) if n < min.of(&m.t) => {
            Some((format!("the graph has {counted}"), vec![]))
        }
        Expect::Some(s) => {
            let (found, none, _) = sort_of(s);
            found.is_empty().then(|| (none.to_owned(), vec![]))
        }
        Expect::No(s) => {
            let (found, _, some) = sort_of(s);
            (!found.is_empty()).then(|| (some.to_owned(), found))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn workbook_with_ids(ids: &[&str]) -> Workbook {
        let nodes: Vec<_> = ids
            .iter()
            .map(|id| serde_json::json!({ "id": id, "kind": "service" }))
            .collect();
        let v = serde_json::json!({ "format": "archbook-workbook", "version": 2, "title": "t",
                                    "graph": { "nodes": nodes, "edges": [] } });
        crate::load(&v.to_string()).expect("valid workbook")
    }

    #[test]
    fn ids_rank_in_string_order_whatever_their_length_and_shared_start() {
        let ids = [
            "orders-service-b",
            "orders-service-a",
            "orders",
            "orders-s",
            "orders-service",
            "a",
            "zz",
            "orders-t",
            "ünïcode",
            "orders-service-aa",
            "b",
            "ab",
        ];
        let wb = workbook_with_ids(&ids);
        let m = Model::new(&wb);
        let rank = id_ranks(&m);
        let mut by_rank: Vec<&str> = ids.to_vec();
        by_rank.sort_by_key(|id| rank[ids.iter().position(|x| x == id).unwrap()]);
        let mut sorted = ids.to_vec();
        sorted.sort();
        assert_eq!(by_rank, sorted);
    }

    #[test]
    fn every_trait_a_rule_reads_is_one_the_editor_offers_with_its_own_bit() {
        let mut seen = 0;
        for t in crate::canvas::catalog::TRAITS.iter() {
            let bit = model::traits::bit(t.id);
            assert!(bit.count_ones() <= 1, "{}", t.id);
            assert_eq!(seen & bit, 0, "{} shares a bit", t.id);
            seen |= bit;
        }
        // Every bit the rules use is reachable from a trait the editor offers.
        assert_eq!(seen, model::traits::ALL);
    }

    #[test]
    fn a_finding_key_tells_groups_and_decisions_apart() {
        let wb = workbook_with_ids(&["a", "b"]);
        let r = analyze(
            &wb,
            &crate::content::builtin_pitfalls(),
            &crate::content::builtin_checklists(),
        );
        let mut f = r.findings[0].clone();
        f.group = Some("a,b".into());
        let one = f.key();
        f.group = Some("a".into());
        f.decision = Some("b".into());
        assert_ne!(one, f.key());
        assert_eq!(f.key(), f.clone().key());
    }

    #[test]
    fn long_lists_of_names_are_counted_not_spelled_out() {
        use rules::names;
        assert_eq!(names(&["a"]), "a");
        assert_eq!(names(&["a", "b", "c"]), "a, b and c");
        let eight = ["a", "b", "c", "d", "e", "f", "g", "h"];
        assert_eq!(names(&eight), "a, b, c, d, e, f, g and h");
        let nine = ["a", "b", "c", "d", "e", "f", "g", "h", "i"];
        assert_eq!(names(&nine), "a, b, c, d, e, f, g and 2 more");
    }

    #[test]
    fn a_workbook_is_blank_until_something_is_typed_drawn_or_answered() {
        let mut wb = Workbook::new("");
        assert!(wb.is_blank());
        wb.context.team_size = Some(4);
        assert!(!wb.is_blank());
        assert!(!workbook_with_ids(&["a"]).is_blank());
    }
}
