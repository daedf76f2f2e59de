//! The review: the graph, the context and the decisions scored against the
//! documented pitfalls (`content/pitfalls/`).
//!
//! Each rule is a function over [`Model`], a petgraph view of the workbook.
//! Findings are identified by rule and involved node ids (plus the decision for
//! findings about a decision), so an accepted risk stays accepted across
//! unrelated edits.

use std::cell::OnceCell;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use petgraph::algo::tarjan_scc;
use petgraph::graph::{DiGraph, NodeIndex};
use petgraph::visit::EdgeRef;

use crate::checklist::{evaluate, Checklist};
use crate::pitfall::{Category, Pitfall, Severity};
use crate::workbook::{Access, EdgeStyle, Node, NodeKind, Thresholds, Workbook};

/// One problem found in the design.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    pub rule: String,
    pub severity: Severity,
    pub category: Category,
    pub title: Arc<str>,
    /// Ids of the nodes involved, sorted: with `rule`, the finding's identity.
    pub nodes: Vec<String>,
    /// Edges involved, as (from, to) ids.
    pub edges: Vec<(String, String)>,
    /// For findings about a recorded decision: its checklist id.
    pub decision: Option<String>,
    /// What is wrong here, naming the components.
    pub message: String,
    /// Markdown: why it hurts and how to fix it, from the pitfall file.
    pub why: Arc<str>,
    pub fix: Arc<str>,
    /// The justification, when the team accepted the risk.
    pub accepted: Option<String>,
}

/// The findings and the scores.
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    /// Sorted by severity (high first), rule and nodes.
    pub findings: Vec<Finding>,
    /// 0 to 100.
    pub overall: u32,
    pub categories: Vec<(Category, u32)>,
}

impl Report {
    /// Unaccepted findings at or above `severity`.
    pub fn open_at_least(&self, severity: Severity) -> usize {
        self.findings
            .iter()
            .filter(|f| f.accepted.is_none() && f.severity >= severity)
            .count()
    }
}

/// The share of the score a finding takes away: the score is
/// `100 × Π (1 − weight)` over unaccepted findings (see the README).
pub fn weight(severity: Severity) -> f64 {
    match severity {
        Severity::High => 0.15,
        Severity::Medium => 0.06,
        Severity::Low => 0.02,
    }
}

fn score<'a>(findings: impl Iterator<Item = &'a Finding>) -> u32 {
    let kept: f64 = findings
        .filter(|f| f.accepted.is_none())
        .map(|f| 1.0 - weight(f.severity))
        .product();
    (100.0 * kept).round() as u32
}

/// What a rule reports before the pitfall's texts are attached.
struct Hit {
    nodes: Vec<String>,
    edges: Vec<(String, String)>,
    decision: Option<String>,
    message: String,
}

impl Hit {
    fn new(nodes: impl IntoIterator<Item = String>, message: String) -> Self {
        Hit {
            nodes: nodes.into_iter().collect(),
            edges: vec![],
            decision: None,
            message,
        }
    }

    fn with_edges(mut self, edges: Vec<(String, String)>) -> Self {
        self.edges = edges;
        self
    }
}

/// The workbook's graph as petgraph sees it.
pub struct Model<'a> {
    wb: &'a Workbook,
    g: DiGraph<&'a Node, (EdgeStyle, Option<Access>)>,
    t: Thresholds,
    /// Built on first use and shared by the rules that need them.
    calls: OnceCell<DiGraph<NodeIndex, ()>>,
    /// Strongly connected components of `calls`, in reverse topological order.
    sccs: OnceCell<Vec<Vec<NodeIndex>>>,
    consumers: OnceCell<BTreeMap<NodeIndex, Vec<(String, String)>>>,
}

fn is_store(k: NodeKind) -> bool {
    k.is_data_store()
}

/// Components that handle requests and are deployed by the team.
fn is_compute(k: NodeKind) -> bool {
    matches!(
        k,
        NodeKind::Service | NodeKind::Worker | NodeKind::Gateway | NodeKind::Frontend
    )
}

/// Independently deployed services.
fn is_service(k: NodeKind) -> bool {
    matches!(k, NodeKind::Service | NodeKind::Worker)
}

/// "a", "a and b", "a, b and c".
fn names(list: &[&str]) -> String {
    match list {
        [] => String::new(),
        [one] => (*one).to_owned(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

impl<'a> Model<'a> {
    pub fn new(wb: &'a Workbook) -> Self {
        let mut g = DiGraph::with_capacity(wb.graph.nodes.len(), wb.graph.edges.len());
        // Ids are short strings looked up once per edge: FxHash, not SipHash
        // (no untrusted-input concern for a map that lives for one review).
        let mut index: rustc_hash::FxHashMap<&str, NodeIndex> =
            rustc_hash::FxHashMap::with_capacity_and_hasher(
                wb.graph.nodes.len(),
                Default::default(),
            );
        for n in &wb.graph.nodes {
            index.insert(n.id.as_str(), g.add_node(n));
        }
        for e in &wb.graph.edges {
            if let (Some(&a), Some(&b)) = (index.get(e.from.as_str()), index.get(e.to.as_str())) {
                g.add_edge(a, b, (e.style, e.access));
            }
        }
        Model {
            wb,
            g,
            t: wb.thresholds.clone().unwrap_or_default(),
            calls: OnceCell::new(),
            sccs: OnceCell::new(),
            consumers: OnceCell::new(),
        }
    }

    fn node(&self, i: NodeIndex) -> &'a Node {
        self.g[i]
    }

    fn name(&self, i: NodeIndex) -> &'a str {
        self.g[i].display_name()
    }

    fn id(&self, i: NodeIndex) -> String {
        self.g[i].id.clone()
    }

    fn edge_ids(&self, a: NodeIndex, b: NodeIndex) -> (String, String) {
        (self.id(a), self.id(b))
    }

    /// A synchronous call between two components that are not data stores.
    /// Edges out of a queue are deliveries, never synchronous calls.
    fn is_sync_call(&self, a: NodeIndex, b: NodeIndex, style: EdgeStyle) -> bool {
        style == EdgeStyle::Sync
            && !is_store(self.node(b).kind)
            && self.node(b).kind != NodeKind::Queue
            && self.node(a).kind != NodeKind::Queue
            && !is_store(self.node(a).kind)
    }

    fn nodes(&self) -> impl Iterator<Item = NodeIndex> + '_ {
        self.g.node_indices()
    }

    fn kind(&self, i: NodeIndex) -> NodeKind {
        self.node(i).kind
    }
}

type Rule = fn(&Model) -> Vec<Hit>;

/// Every graph rule, by pitfall id. `decision-graph-mismatch` also needs the
/// checklists and runs separately.
const GRAPH_RULES: [(&str, Rule); 15] = [
    ("shared-datastore", shared_datastore),
    ("sync-chain-depth", sync_chain_depth),
    ("sync-cycle", sync_cycle),
    ("sync-fan-out", sync_fan_out),
    ("uncached-read-path", uncached_read_path),
    ("single-point-of-failure", single_point_of_failure),
    ("unprotected-entry", unprotected_entry),
    ("missing-observability", missing_observability),
    ("premature-microservices", premature_microservices),
    ("non-idempotent-consumer", non_idempotent_consumer),
    ("eventual-consistency-risk", eventual_consistency_risk),
    ("stateful-service", stateful_service),
    ("cache-without-expiry", cache_without_expiry),
    ("component-sprawl", component_sprawl),
    ("fragile-external-call", fragile_external_call),
];

/// The id of every rule with a detection.
pub fn rule_ids() -> Vec<&'static str> {
    GRAPH_RULES
        .iter()
        .map(|(id, _)| *id)
        .chain(["decision-graph-mismatch"])
        .collect()
}

/// Runs every rule and scores the result. `pitfalls` must hold every rule id
/// (the content tests make sure the shipped ones do).
pub fn analyze(wb: &Workbook, pitfalls: &[Pitfall], checklists: &[Checklist]) -> Report {
    let m = Model::new(wb);
    let mut rules: Vec<(&str, Vec<Hit>)> = GRAPH_RULES
        .iter()
        .map(|(id, rule)| (*id, rule(&m)))
        .collect();
    rules.push((
        "decision-graph-mismatch",
        decision_graph_mismatch(&m, checklists),
    ));
    // Rules in id order: findings sort by severity, then rule, then nodes.
    rules.sort_unstable_by_key(|(id, _)| *id);
    let mut findings: Vec<(usize, Finding)> = Vec::new();
    for (rank, (rule, hits)) in rules.into_iter().enumerate() {
        let Some(p) = pitfalls.iter().find(|p| p.id == rule) else {
            continue;
        };
        findings.extend(hits.into_iter().map(|mut h| {
            h.nodes.sort_unstable();
            h.nodes.dedup();
            h.edges.sort_unstable();
            h.edges.dedup();
            let accepted = wb
                .accepted
                .iter()
                .find(|a| a.covers(rule, &h.nodes, h.decision.as_deref()))
                .map(|a| a.reason.clone());
            (
                rank,
                Finding {
                    rule: rule.to_owned(),
                    severity: p.severity,
                    category: p.category,
                    title: p.title.clone(),
                    nodes: h.nodes,
                    edges: h.edges,
                    decision: h.decision,
                    message: h.message,
                    why: p.why.clone(),
                    fix: p.fix.clone(),
                    accepted,
                },
            )
        }));
    }
    findings.sort_by(|(ra, a), (rb, b)| {
        b.severity
            .cmp(&a.severity)
            .then(ra.cmp(rb))
            .then_with(|| a.nodes.cmp(&b.nodes))
    });
    let findings: Vec<Finding> = findings.into_iter().map(|(_, f)| f).collect();
    let categories = Category::ALL
        .iter()
        .map(|c| (*c, score(findings.iter().filter(|f| f.category == *c))))
        .collect();
    Report {
        overall: score(findings.iter()),
        categories,
        findings,
    }
}

fn shared_datastore(m: &Model) -> Vec<Hit> {
    m.nodes()
        .filter(|&s| is_store(m.kind(s)))
        .filter_map(|s| {
            let users: BTreeSet<NodeIndex> =
                m.g.edges_directed(s, petgraph::Incoming)
                    .map(|e| e.source())
                    .filter(|&u| is_compute(m.kind(u)))
                    .collect();
            (users.len() >= 2).then(|| {
                let mut user_names: Vec<&str> = users.iter().map(|&u| m.name(u)).collect();
                user_names.sort_unstable();
                Hit::new(
                    users.iter().map(|&u| m.id(u)).chain([m.id(s)]),
                    format!("{} is used directly by {}.", m.name(s), names(&user_names)),
                )
                .with_edges(users.iter().map(|&u| m.edge_ids(u, s)).collect())
            })
        })
        .collect()
}

/// The synchronous call graph: components that are not data stores or queues,
/// and the synchronous calls between them (calls out of clients excluded:
/// they are where requests start, not hops of the backend).
fn call_graph<'m>(m: &'m Model) -> &'m DiGraph<NodeIndex, ()> {
    m.calls.get_or_init(|| {
        let mut g = DiGraph::new();
        let map: Vec<Option<NodeIndex>> = m
            .nodes()
            .map(|i| (!is_store(m.kind(i)) && m.kind(i) != NodeKind::Queue).then(|| g.add_node(i)))
            .collect();
        for e in m.g.edge_references() {
            let (a, b) = (e.source(), e.target());
            if m.is_sync_call(a, b, e.weight().0) && m.kind(a) != NodeKind::Client {
                if let (Some(x), Some(y)) = (map[a.index()], map[b.index()]) {
                    g.add_edge(x, y, ());
                }
            }
        }
        g
    })
}

fn components<'m>(m: &'m Model) -> &'m Vec<Vec<NodeIndex>> {
    m.sccs.get_or_init(|| tarjan_scc(call_graph(m)))
}

fn sync_cycle(m: &Model) -> Vec<Hit> {
    let g = call_graph(m);
    // The loops, and which loop each component is in (one pass over the
    // edges for all of them, not one per loop).
    let loops: Vec<&Vec<NodeIndex>> = components(m)
        .iter()
        .filter(|scc| scc.len() > 1 || g.contains_edge(scc[0], scc[0]))
        .collect();
    let mut member: Vec<Option<usize>> = vec![None; m.g.node_count()];
    for (k, scc) in loops.iter().enumerate() {
        for &x in scc.iter() {
            member[g[x].index()] = Some(k);
        }
    }
    let mut edges: Vec<Vec<(String, String)>> = vec![Vec::new(); loops.len()];
    for e in m.g.edge_references() {
        if e.weight().0 != EdgeStyle::Sync {
            continue;
        }
        if let (Some(a), Some(b)) = (member[e.source().index()], member[e.target().index()]) {
            if a == b {
                edges[a].push(m.edge_ids(e.source(), e.target()));
            }
        }
    }
    loops
        .into_iter()
        .zip(edges)
        .map(|(scc, edges)| {
            let mut list: Vec<&str> = scc.iter().map(|&x| m.name(g[x])).collect();
            list.sort_unstable();
            Hit::new(
                scc.iter().map(|&x| m.id(g[x])),
                format!("{} call each other synchronously in a loop.", names(&list)),
            )
            .with_edges(edges)
        })
        .collect()
}

fn sync_chain_depth(m: &Model) -> Vec<Hit> {
    // Loops are reported by sync-cycle; chains are measured between them, on
    // the components (each loop counts as one step). Tarjan gives them in
    // reverse topological order, so one pass over the edges finds the longest
    // chain in linear time.
    let g = call_graph(m);
    let sccs = components(m);
    let mut comp = vec![0usize; g.node_count()];
    for (c, members) in sccs.iter().enumerate() {
        for &x in members {
            comp[x.index()] = c;
        }
    }
    // best[c]: (length of the longest chain ending in c, the call that reached it).
    let mut best: Vec<(usize, Option<(NodeIndex, NodeIndex)>)> = vec![(0, None); sccs.len()];
    for c in (0..sccs.len()).rev() {
        let len = best[c].0;
        for &x in &sccs[c] {
            for y in g.neighbors(x) {
                let d = comp[y.index()];
                if d != c && len + 1 > best[d].0 {
                    best[d] = (len + 1, Some((x, y)));
                }
            }
        }
    }
    let Some((end, &(depth, _))) = best
        .iter()
        .enumerate()
        .max_by_key(|(i, (len, _))| (*len, std::cmp::Reverse(*i)))
    else {
        return vec![];
    };
    if depth <= m.t.sync_chain_depth as usize {
        return vec![];
    }
    let mut calls = Vec::new();
    let mut c = end;
    while let (_, Some((x, y))) = best[c] {
        calls.push((g[x], g[y]));
        c = comp[x.index()];
    }
    calls.reverse();
    let chain: Vec<NodeIndex> = std::iter::once(calls[0].0)
        .chain(calls.iter().map(|&(_, y)| y))
        .collect();
    let list: Vec<&str> = chain.iter().map(|&i| m.name(i)).collect();
    vec![Hit::new(
        chain.iter().map(|&i| m.id(i)),
        format!(
            "A request passes through {depth} synchronous calls in a row ({}), more than the limit of {}.",
            list.join(" → "),
            m.t.sync_chain_depth
        ),
    )
    .with_edges(calls.iter().map(|&(a, b)| m.edge_ids(a, b)).collect())]
}

fn sync_fan_out(m: &Model) -> Vec<Hit> {
    m.nodes()
        .filter(|&a| m.kind(a) != NodeKind::Client)
        .filter_map(|a| {
            let targets: BTreeSet<NodeIndex> =
                m.g.edges_directed(a, petgraph::Outgoing)
                    .filter(|e| m.is_sync_call(a, e.target(), e.weight().0))
                    .map(|e| e.target())
                    .collect();
            (targets.len() > m.t.sync_fan_out as usize).then(|| {
                let list: Vec<&str> = targets.iter().map(|&t| m.name(t)).collect();
                Hit::new(
                    std::iter::once(m.id(a)).chain(targets.iter().map(|&t| m.id(t))),
                    format!(
                        "{} calls {} components synchronously ({}), more than the limit of {}.",
                        m.name(a),
                        targets.len(),
                        names(&list),
                        m.t.sync_fan_out
                    ),
                )
                .with_edges(targets.iter().map(|&t| m.edge_ids(a, t)).collect())
            })
        })
        .collect()
}

fn uncached_read_path(m: &Model) -> Vec<Hit> {
    let read_heavy_context =
        m.wb.context
            .read_percent
            .is_some_and(|p| u32::from(p) >= m.t.read_heavy_percent);
    m.nodes()
        .filter(|&s| {
            let n = m.node(s);
            n.has_trait("read-heavy")
                || (read_heavy_context
                    && n.kind == NodeKind::Database
                    && !n.has_trait("write-heavy"))
        })
        .filter(|&s| {
            matches!(
                m.kind(s),
                NodeKind::Database | NodeKind::Search | NodeKind::ObjectStorage
            )
        })
        .filter_map(|s| {
            // Readers on the request path; a reader that also reads a cache
            // (cache-aside) or is a cache itself has a cache in front.
            let uncached: Vec<NodeIndex> = m
                .g
                .edges_directed(s, petgraph::Incoming)
                .filter(|e| e.weight().0 == EdgeStyle::Sync && e.weight().1 != Some(Access::Write))
                .map(|e| e.source())
                .filter(|&r| is_compute(m.kind(r)))
                .filter(|&r| {
                    !m.g.neighbors(r)
                        .any(|x| matches!(m.kind(x), NodeKind::Cache | NodeKind::Cdn))
                })
                .collect::<BTreeSet<_>>()
                .into_iter()
                .collect();
            (!uncached.is_empty()).then(|| {
                let list: Vec<&str> = uncached.iter().map(|&r| m.name(r)).collect();
                Hit::new(
                    uncached.iter().map(|&r| m.id(r)).chain([m.id(s)]),
                    format!(
                        "{} is read-heavy and {} read it with no cache in front.",
                        m.name(s),
                        names(&list)
                    ),
                )
                .with_edges(uncached.iter().map(|&r| m.edge_ids(r, s)).collect())
            })
        })
        .collect()
}

/// Nodes a request reaches synchronously from a client or frontend.
fn request_path(m: &Model) -> Vec<NodeIndex> {
    let mut seen = vec![false; m.g.node_count()];
    let mut stack: Vec<NodeIndex> = m
        .nodes()
        .filter(|&i| matches!(m.kind(i), NodeKind::Client | NodeKind::Frontend))
        .collect();
    while let Some(v) = stack.pop() {
        if std::mem::replace(&mut seen[v.index()], true) {
            continue;
        }
        if m.kind(v) == NodeKind::Queue {
            continue;
        }
        stack.extend(
            m.g.edges_directed(v, petgraph::Outgoing)
                .filter(|e| e.weight().0 == EdgeStyle::Sync)
                .map(|e| e.target()),
        );
    }
    m.nodes().filter(|i| seen[i.index()]).collect()
}

fn single_point_of_failure(m: &Model) -> Vec<Hit> {
    request_path(m)
        .into_iter()
        .filter(|&i| {
            let n = m.node(i);
            !matches!(
                n.kind,
                NodeKind::Client | NodeKind::External | NodeKind::Cdn | NodeKind::ObjectStorage
            ) && n.replicas() == 1
        })
        .map(|i| {
            Hit::new(
                [m.id(i)],
                format!(
                    "{} is on the request path with one instance and nothing to take over.",
                    m.name(i)
                ),
            )
        })
        .collect()
}

fn unprotected_entry(m: &Model) -> Vec<Hit> {
    // Entries: what clients call, looking through load balancers and CDNs.
    let mut entries: BTreeMap<NodeIndex, Vec<(String, String)>> = BTreeMap::new();
    for c in m.nodes().filter(|&i| m.kind(i) == NodeKind::Client) {
        let mut stack: Vec<(NodeIndex, NodeIndex)> = m.g.neighbors(c).map(|t| (c, t)).collect();
        let mut seen = BTreeSet::new();
        while let Some((from, to)) = stack.pop() {
            if !seen.insert(to) {
                continue;
            }
            match m.kind(to) {
                NodeKind::LoadBalancer | NodeKind::Cdn => {
                    stack.extend(m.g.neighbors(to).map(|t| (to, t)))
                }
                k if is_compute(k) => entries.entry(to).or_default().push(m.edge_ids(from, to)),
                _ => {}
            }
        }
    }
    entries
        .into_iter()
        .filter_map(|(e, edges)| {
            let n = m.node(e);
            let missing: Vec<&str> = [
                ("authentication", "authenticated"),
                ("rate limiting", "rate-limited"),
            ]
            .into_iter()
            .filter(|(_, t)| !n.has_trait(t))
            .map(|(what, _)| what)
            .collect();
            (!missing.is_empty()).then(|| {
                Hit::new(
                    [m.id(e)],
                    format!("Clients reach {} without {}.", m.name(e), names(&missing)),
                )
                .with_edges(edges)
            })
        })
        .collect()
}

fn missing_observability(m: &Model) -> Vec<Hit> {
    m.nodes()
        .filter(|&i| {
            matches!(
                m.kind(i),
                NodeKind::Service | NodeKind::Worker | NodeKind::Gateway
            )
        })
        .filter_map(|i| {
            let n = m.node(i);
            let missing: Vec<&str> = [
                ("tracing", "traced"),
                ("metrics", "metrics"),
                ("structured logs", "logs"),
            ]
            .into_iter()
            .filter(|(_, t)| !n.has_trait(t))
            .map(|(what, _)| what)
            .collect();
            (!missing.is_empty()).then(|| {
                Hit::new(
                    [m.id(i)],
                    format!(
                        "{} has no {}.",
                        m.name(i),
                        names(&missing).replace(" and ", " or ")
                    ),
                )
            })
        })
        .collect()
}

fn premature_microservices(m: &Model) -> Vec<Hit> {
    let c = &m.wb.context;
    let small = match (c.teams, c.team_size) {
        (Some(t), _) if t <= 1 => true,
        (_, Some(p)) if p < 10 => true,
        _ => false,
    };
    let services: Vec<NodeIndex> = m.nodes().filter(|&i| is_service(m.kind(i))).collect();
    if !small || services.len() <= m.t.services_per_small_team as usize {
        return vec![];
    }
    let team = match (c.teams, c.team_size) {
        (_, Some(p)) => format!("a team of {p}"),
        _ => "one team".to_owned(),
    };
    vec![Hit::new(
        services.iter().map(|&i| m.id(i)),
        format!(
            "{} independently deployed services for {team}, more than the {} such a team can run comfortably.",
            services.len(),
            m.t.services_per_small_team
        ),
    )]
}

/// Components that receive messages: targets of asynchronous edges and of
/// edges out of a queue, with those edges.
fn consumers<'m>(m: &'m Model) -> &'m BTreeMap<NodeIndex, Vec<(String, String)>> {
    m.consumers.get_or_init(|| {
        let mut out: BTreeMap<NodeIndex, Vec<(String, String)>> = BTreeMap::new();
        for e in m.g.edge_references() {
            let (a, b) = (e.source(), e.target());
            if (e.weight().0 == EdgeStyle::Async || m.kind(a) == NodeKind::Queue)
                && is_compute(m.kind(b))
            {
                out.entry(b).or_default().push(m.edge_ids(a, b));
            }
        }
        out
    })
}

fn non_idempotent_consumer(m: &Model) -> Vec<Hit> {
    consumers(m)
        .iter()
        .filter(|(c, _)| !m.node(**c).has_trait("idempotent"))
        .map(|(&c, edges)| {
            Hit::new(
                [m.id(c)],
                format!(
                    "{} consumes messages but is not marked idempotent.",
                    m.name(c)
                ),
            )
            .with_edges(edges.clone())
        })
        .collect()
}

fn eventual_consistency_risk(m: &Model) -> Vec<Hit> {
    let domains: Vec<String> =
        m.wb.context
            .strong_consistency
            .iter()
            .map(|d| d.trim().to_ascii_lowercase())
            .collect();
    if domains.is_empty()
        && !m
            .wb
            .graph
            .nodes
            .iter()
            .any(|n| n.has_trait("strong-consistency"))
    {
        return vec![];
    }
    let consumers = consumers(m);
    m.nodes()
        .filter(|&i| is_service(m.kind(i)))
        .filter_map(|i| {
            let n = m.node(i);
            let text = format!("{} {} {}", n.id, n.name, n.team.as_deref().unwrap_or("")).to_ascii_lowercase();
            let domain = if n.has_trait("strong-consistency") {
                Some("strongly consistent")
            } else {
                domains.iter().find(|d| !d.is_empty() && text.contains(d.as_str())).map(String::as_str)
            }?;
            let incoming: Vec<_> = m.g.edges_directed(i, petgraph::Incoming).collect();
            let only_async = !incoming.is_empty() && consumers.contains_key(&i) && incoming.iter().all(|e| {
                e.weight().0 == EdgeStyle::Async || m.kind(e.source()) == NodeKind::Queue
            });
            only_async.then(|| {
                Hit::new(
                    [m.id(i)],
                    format!("{} belongs to the {domain} domain but is updated only through asynchronous messages.", m.name(i)),
                )
                .with_edges(incoming.iter().map(|e| m.edge_ids(e.source(), i)).collect())
            })
        })
        .collect()
}

fn stateful_service(m: &Model) -> Vec<Hit> {
    m.nodes()
        .filter(|&i| is_compute(m.kind(i)) && m.node(i).has_trait("stateful"))
        .map(|i| {
            Hit::new(
                [m.id(i)],
                format!(
                    "{} keeps session state, so it cannot scale out freely.",
                    m.name(i)
                ),
            )
        })
        .collect()
}

fn cache_without_expiry(m: &Model) -> Vec<Hit> {
    m.nodes()
        .filter(|&i| m.kind(i) == NodeKind::Cache && !m.node(i).has_trait("ttl"))
        .map(|i| {
            Hit::new(
                [m.id(i)],
                format!("{} has no expiry or invalidation policy.", m.name(i)),
            )
        })
        .collect()
}

fn component_sprawl(m: &Model) -> Vec<Hit> {
    let operated: Vec<NodeIndex> = m
        .nodes()
        .filter(|&i| {
            !matches!(
                m.kind(i),
                NodeKind::Client | NodeKind::External | NodeKind::Cdn
            )
        })
        .collect();
    let teams = m.wb.context.teams.unwrap_or(1).max(1) as usize;
    let limit = m.t.components_per_team as usize * teams;
    if operated.len() <= limit {
        return vec![];
    }
    let who = if teams == 1 {
        "one team".to_owned()
    } else {
        format!("{teams} teams")
    };
    vec![Hit::new(
        operated.iter().map(|&i| m.id(i)),
        format!(
            "{} components to operate for {who}, more than the {} per team set as the limit.",
            operated.len(),
            m.t.components_per_team
        ),
    )]
}

fn fragile_external_call(m: &Model) -> Vec<Hit> {
    m.g.edge_references()
        .filter(|e| e.weight().0 == EdgeStyle::Sync && m.kind(e.target()) == NodeKind::External)
        .filter(|e| m.kind(e.source()) != NodeKind::Client)
        .filter_map(|e| {
            let caller = m.node(e.source());
            let mut missing = vec![];
            if !caller.has_trait("timeouts") {
                missing.push("no timeout");
            }
            if !caller.has_trait("retries") && !caller.has_trait("circuit-breaker") {
                missing.push("no retries or circuit breaker");
            }
            (!missing.is_empty()).then(|| {
                Hit::new(
                    [m.id(e.source()), m.id(e.target())],
                    format!(
                        "{} calls {} with {}.",
                        m.name(e.source()),
                        m.name(e.target()),
                        names(&missing)
                    ),
                )
                .with_edges(vec![m.edge_ids(e.source(), e.target())])
            })
        })
        .collect()
}

fn decision_graph_mismatch(m: &Model, checklists: &[Checklist]) -> Vec<Hit> {
    let count = |f: &dyn Fn(&Node) -> bool| m.wb.graph.nodes.iter().filter(|n| f(n)).count();
    let ids = |f: &dyn Fn(&Node) -> bool| {
        m.wb.graph
            .nodes
            .iter()
            .filter(|n| f(n))
            .map(|n| n.id.clone())
            .collect::<Vec<_>>()
    };
    let services = count(&|n| is_service(n.kind));
    let mut out = vec![];
    for c in checklists {
        let Some(d) = m.wb.decisions.get(&c.id) else {
            continue;
        };
        let outcome = evaluate(c, d, &m.wb.context);
        let Some(option) = outcome.decided() else {
            continue;
        };
        let (nodes, problem): (Vec<String>, Option<String>) = match (c.id.as_str(), option.id.as_str()) {
            ("service-boundaries", "modular-monolith" | "extract-later") if services > 3 => (
                ids(&|n| is_service(n.kind)),
                Some(format!("The decision is \"{}\", but the graph has {services} independently deployed services.", option.title)),
            ),
            ("service-boundaries", "microservices") if services <= 1 => {
                (vec![], Some(format!("The decision is \"{}\", but the graph has {services} service.", option.title)))
            }
            ("caching", "cache-aside-ttl" | "write-through") if count(&|n| n.kind == NodeKind::Cache) == 0 => {
                (vec![], Some(format!("The decision is \"{}\", but the graph has no cache.", option.title)))
            }
            ("caching", "cdn-edge") if count(&|n| n.kind == NodeKind::Cdn) == 0 => {
                (vec![], Some(format!("The decision is \"{}\", but the graph has no CDN.", option.title)))
            }
            ("caching", "no-cache") if count(&|n| n.kind == NodeKind::Cache) > 0 => (
                ids(&|n| n.kind == NodeKind::Cache),
                Some(format!("The decision is \"{}\", but the graph has a cache.", option.title)),
            ),
            ("event-driven", "event-driven" | "async-queue") if count(&|n| n.kind == NodeKind::Queue) == 0 => {
                (vec![], Some(format!("The decision is \"{}\", but the graph has no queue or broker.", option.title)))
            }
            ("event-driven", "synchronous") if count(&|n| n.kind == NodeKind::Queue) > 0 => (
                ids(&|n| n.kind == NodeKind::Queue),
                Some(format!("The decision is \"{}\", but the graph has a queue or broker.", option.title)),
            ),
            ("database-scaling", "sharding")
                if count(&|n| n.kind == NodeKind::Database && n.has_trait("sharded")) == 0 =>
            {
                (vec![], Some(format!("The decision is \"{}\", but no database is marked sharded.", option.title)))
            }
            ("database-scaling", "read-replicas")
                if count(&|n| n.kind == NodeKind::Database && n.replicas() > 1) == 0 =>
            {
                (vec![], Some(format!("The decision is \"{}\", but no database has more than one instance.", option.title)))
            }
            _ => (vec![], None),
        };
        if let Some(message) = problem {
            out.push(Hit {
                nodes,
                edges: vec![],
                decision: Some(c.id.clone()),
                message,
            });
        }
    }
    out
}
