//! The review: the graph, the context and the decisions scored against the
//! documented pitfalls (`content/pitfalls/`).
//!
//! Each rule is a function over [`Model`], a petgraph view of the workbook.
//! Findings are identified by rule and involved node ids (plus the decision for
//! findings about a decision), so an accepted risk stays accepted across
//! unrelated edits.

use std::cell::OnceCell;
use std::sync::Arc;

use petgraph::algo::kosaraju_scc;
use petgraph::graph::{DiGraph, NodeIndex};
use petgraph::visit::EdgeRef;

use crate::checklist::{evaluate, Checklist};
use crate::pitfall::{Category, Pitfall, Severity};
use crate::workbook::{Access, EdgeStyle, Node, NodeKind, Thresholds, Workbook};

/// One problem found in the design.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    /// The pitfall id.
    pub rule: &'static str,
    pub severity: Severity,
    pub category: Category,
    pub title: Arc<str>,
    /// Ids of the nodes involved, sorted: with `rule`, the finding's identity.
    /// Shared: a node in many findings has its id allocated once per review.
    pub nodes: Vec<Arc<str>>,
    /// Edges involved, as (from, to) ids.
    pub edges: Vec<(Arc<str>, Arc<str>)>,
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

impl Finding {
    /// The finding's identity as one string (rule, involved node ids,
    /// decision): equal for the same finding across unrelated edits.
    pub fn key(&self) -> String {
        // The unit separator cannot be typed into an id by accident.
        let mut key = String::from(self.rule);
        for n in &self.nodes {
            key.push('\u{1f}');
            key.push_str(n);
        }
        key.push('\u{1e}');
        key.push_str(self.decision.as_deref().unwrap_or(""));
        key
    }
}

impl Report {
    /// Unaccepted findings of exactly `severity`.
    pub fn open(&self, severity: Severity) -> usize {
        self.findings
            .iter()
            .filter(|f| f.accepted.is_none() && f.severity == severity)
            .count()
    }

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

/// What a rule reports before the pitfall's texts are attached. Rules speak in
/// node indices; ids are looked up once, when the findings are built.
struct Hit {
    nodes: Vec<NodeIndex>,
    edges: Vec<(NodeIndex, NodeIndex)>,
    decision: Option<String>,
    message: String,
}

impl Hit {
    fn new(nodes: impl IntoIterator<Item = NodeIndex>, message: String) -> Self {
        Hit {
            nodes: nodes.into_iter().collect(),
            edges: vec![],
            decision: None,
            message,
        }
    }

    fn with_edges(mut self, edges: Vec<(NodeIndex, NodeIndex)>) -> Self {
        self.edges = edges;
        self
    }
}

/// The traits the rules look at, as bits: a rule asks for a trait once per
/// node, often many times per review.
mod traits {
    pub const READ_HEAVY: u32 = 1;
    pub const WRITE_HEAVY: u32 = 1 << 1;
    pub const AUTHENTICATED: u32 = 1 << 2;
    pub const RATE_LIMITED: u32 = 1 << 3;
    pub const TRACED: u32 = 1 << 4;
    pub const METRICS: u32 = 1 << 5;
    pub const LOGS: u32 = 1 << 6;
    pub const IDEMPOTENT: u32 = 1 << 7;
    pub const STRONG_CONSISTENCY: u32 = 1 << 8;
    pub const STATEFUL: u32 = 1 << 9;
    pub const TTL: u32 = 1 << 10;
    pub const TIMEOUTS: u32 = 1 << 11;
    pub const RETRIES: u32 = 1 << 12;
    pub const CIRCUIT_BREAKER: u32 = 1 << 13;
    pub const SHARDED: u32 = 1 << 14;

    pub fn of(node: &crate::workbook::Node) -> u32 {
        node.traits.iter().fold(0, |bits, t| bits | bit(t))
    }

    /// The bit of a trait the rules use, 0 for the others. Dispatching on the
    /// first letter keeps this to one or two comparisons per trait.
    fn bit(t: &str) -> u32 {
        match t.as_bytes().first() {
            Some(b'a') if t == "authenticated" => AUTHENTICATED,
            Some(b'c') if t == "circuit-breaker" => CIRCUIT_BREAKER,
            Some(b'i') if t == "idempotent" => IDEMPOTENT,
            Some(b'l') if t == "logs" => LOGS,
            Some(b'm') if t == "metrics" => METRICS,
            Some(b'r') => match t {
                "read-heavy" => READ_HEAVY,
                "rate-limited" => RATE_LIMITED,
                "retries" => RETRIES,
                _ => 0,
            },
            Some(b's') => match t {
                "strong-consistency" => STRONG_CONSISTENCY,
                "stateful" => STATEFUL,
                "sharded" => SHARDED,
                _ => 0,
            },
            Some(b't') => match t {
                "traced" => TRACED,
                "ttl" => TTL,
                "timeouts" => TIMEOUTS,
                _ => 0,
            },
            Some(b'w') if t == "write-heavy" => WRITE_HEAVY,
            _ => 0,
        }
    }
}

/// A node as the rules see it: what they ask most often, next to each other.
struct Facts<'a> {
    node: &'a Node,
    kind: NodeKind,
    traits: u32,
}

/// An edge as the rules see it, with the kinds of its ends: passes over the
/// edges need not visit the nodes (which, in a large graph, are far apart in
/// memory).
#[derive(Clone, Copy)]
struct Link {
    style: EdgeStyle,
    access: Option<Access>,
    from: NodeKind,
    to: NodeKind,
}

impl Link {
    /// A synchronous call between two components that are not data stores.
    /// Edges out of a queue are deliveries, never synchronous calls.
    fn is_sync_call(&self) -> bool {
        self.style == EdgeStyle::Sync
            && !is_store(self.to)
            && self.to != NodeKind::Queue
            && self.from != NodeKind::Queue
            && !is_store(self.from)
    }

    /// A message: an asynchronous edge or a delivery out of a queue.
    fn is_message(&self) -> bool {
        self.style == EdgeStyle::Async || self.from == NodeKind::Queue
    }
}

/// The strongly connected components of the call graph, in reverse
/// topological order (callees before callers), stored one after the other (a large graph has
/// thousands, most of one node).
struct Components {
    members: Vec<NodeIndex>,
    ends: Vec<usize>,
}

impl Components {
    fn len(&self) -> usize {
        self.ends.len()
    }

    fn get(&self, c: usize) -> &[NodeIndex] {
        let start = if c == 0 { 0 } else { self.ends[c - 1] };
        &self.members[start..self.ends[c]]
    }

    fn iter(&self) -> impl Iterator<Item = &[NodeIndex]> {
        (0..self.len()).map(|c| self.get(c))
    }
}

/// The workbook's graph as petgraph sees it.
pub struct Model<'a> {
    wb: &'a Workbook,
    g: DiGraph<Facts<'a>, Link>,
    t: Thresholds,
    /// Built on first use and shared by the rules that need them.
    calls: OnceCell<DiGraph<NodeIndex, ()>>,
    /// Strongly connected components of `calls`, in reverse topological order.
    sccs: OnceCell<Components>,
    /// Message deliveries (sender, receiver), sorted by receiver.
    consumers: OnceCell<Vec<(NodeIndex, NodeIndex)>>,
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

/// How many names a message lists before it counts the rest.
const LISTED: usize = 8;

/// "a", "a and b", "a, b and c"; past [`LISTED`] names, "a, b, … and 12 others".
fn names(list: &[&str]) -> String {
    match list {
        [] => String::new(),
        [one] => (*one).to_owned(),
        _ if list.len() > LISTED => format!(
            "{} and {} others",
            list[..LISTED - 1].join(", "),
            list.len() - (LISTED - 1)
        ),
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
            let facts = Facts {
                node: n,
                kind: n.kind,
                traits: traits::of(n),
            };
            index.insert(n.id.as_str(), g.add_node(facts));
        }
        for e in &wb.graph.edges {
            if let (Some(&a), Some(&b)) = (index.get(e.from.as_str()), index.get(e.to.as_str())) {
                let link = Link {
                    style: e.style,
                    access: e.access,
                    from: g[a].kind,
                    to: g[b].kind,
                };
                g.add_edge(a, b, link);
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
        self.g[i].node
    }

    fn name(&self, i: NodeIndex) -> &'a str {
        self.g[i].node.display_name()
    }

    fn kind(&self, i: NodeIndex) -> NodeKind {
        self.g[i].kind
    }

    /// Whether the node has every trait of `bits` (see [`traits`]).
    fn has(&self, i: NodeIndex, bits: u32) -> bool {
        self.g[i].traits & bits == bits
    }

    fn nodes(&self) -> impl Iterator<Item = NodeIndex> + '_ {
        self.g.node_indices()
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
    // Findings are ordered by severity (high first), then rule id, then the
    // involved ids: rules in id order, bucketed by severity, each rule's
    // findings sorted on their own. Node ids sort by rank, computed once.
    rules.sort_unstable_by_key(|(id, _)| *id);
    let rank = id_ranks(&m);
    let by_rank = |i: &NodeIndex| rank[i.index()];
    let mut buckets: [Vec<Finding>; 3] = Default::default();
    let mut ids: Vec<Option<Arc<str>>> = vec![None; m.g.node_count()];
    let mut id = |i: NodeIndex| -> Arc<str> {
        ids[i.index()]
            .get_or_insert_with(|| Arc::from(m.node(i).id.as_str()))
            .clone()
    };
    for (rule, mut hits) in rules {
        let Some(p) = pitfalls.iter().find(|p| p.id == rule) else {
            continue;
        };
        for h in &mut hits {
            h.nodes.sort_unstable_by_key(by_rank);
            h.nodes.dedup();
            h.edges
                .sort_unstable_by_key(|(a, b)| (by_rank(a), by_rank(b)));
            h.edges.dedup();
        }
        // Stable: findings with the same nodes keep the rule's order.
        hits.sort_by(|a, b| a.nodes.iter().map(by_rank).cmp(b.nodes.iter().map(by_rank)));
        let bucket = &mut buckets[match p.severity {
            Severity::High => 0,
            Severity::Medium => 1,
            Severity::Low => 2,
        }];
        for h in hits {
            let nodes: Vec<Arc<str>> = h.nodes.iter().map(|&i| id(i)).collect();
            let edges = h.edges.iter().map(|&(a, b)| (id(a), id(b))).collect();
            let accepted = wb
                .accepted
                .iter()
                .find(|a| a.covers(rule, &nodes, h.decision.as_deref()))
                .map(|a| a.reason.clone());
            bucket.push(Finding {
                rule,
                severity: p.severity,
                category: p.category,
                title: p.title.clone(),
                nodes,
                edges,
                decision: h.decision,
                message: h.message,
                why: p.why.clone(),
                fix: p.fix.clone(),
                accepted,
            });
        }
    }
    let findings: Vec<Finding> = buckets.into_iter().flatten().collect();
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

/// `list` in index order without repeats.
fn distinct(mut list: Vec<NodeIndex>) -> Vec<NodeIndex> {
    list.sort_unstable();
    list.dedup();
    list
}

fn shared_datastore(m: &Model) -> Vec<Hit> {
    let mut hits = Vec::new();
    let mut users = Vec::new();
    for s in m.nodes().filter(|&s| is_store(m.kind(s))) {
        users.clear();
        users.extend(
            m.g.edges_directed(s, petgraph::Incoming)
                .filter(|e| is_compute(e.weight().from))
                .map(|e| e.source()),
        );
        if users.len() < 2 {
            continue;
        }
        users.sort_unstable();
        users.dedup();
        if users.len() < 2 {
            continue;
        }
        let mut user_names: Vec<&str> = users.iter().map(|&u| m.name(u)).collect();
        user_names.sort_unstable();
        hits.push(
            Hit::new(
                users.iter().copied().chain([s]),
                format!("{} is used directly by {}.", m.name(s), names(&user_names)),
            )
            .with_edges(users.iter().map(|&u| (u, s)).collect()),
        );
    }
    hits
}

/// The synchronous call graph: components that are not data stores or queues,
/// and the synchronous calls between them (calls out of clients excluded:
/// they are where requests start, not hops of the backend).
fn call_graph<'m>(m: &'m Model) -> &'m DiGraph<NodeIndex, ()> {
    m.calls.get_or_init(|| {
        let mut g = DiGraph::with_capacity(m.g.node_count(), m.g.edge_count());
        let map: Vec<Option<NodeIndex>> = m
            .nodes()
            .map(|i| (!is_store(m.kind(i)) && m.kind(i) != NodeKind::Queue).then(|| g.add_node(i)))
            .collect();
        for e in m.g.edge_references() {
            let (a, b) = (e.source(), e.target());
            if e.weight().is_sync_call() && e.weight().from != NodeKind::Client {
                if let (Some(x), Some(y)) = (map[a.index()], map[b.index()]) {
                    g.add_edge(x, y, ());
                }
            }
        }
        g
    })
}

fn components<'m>(m: &'m Model) -> &'m Components {
    m.sccs.get_or_init(|| {
        // Kosaraju's two passes run on explicit stacks: a chain of 100,000
        // calls needs no deeper native stack than a chain of three (petgraph's
        // Tarjan recurses once per node and overflowed it).
        let g = call_graph(m);
        let mut out = Components {
            members: Vec::with_capacity(g.node_count()),
            ends: Vec::new(),
        };
        for scc in kosaraju_scc(g) {
            out.members.extend_from_slice(&scc);
            out.ends.push(out.members.len());
        }
        out
    })
}

fn sync_cycle(m: &Model) -> Vec<Hit> {
    let g = call_graph(m);
    // The loops, and which loop each component is in (one pass over the
    // edges for all of them, not one per loop).
    let loops: Vec<&[NodeIndex]> = components(m)
        .iter()
        .filter(|scc| scc.len() > 1 || g.contains_edge(scc[0], scc[0]))
        .collect();
    let mut member: Vec<Option<usize>> = vec![None; m.g.node_count()];
    for (k, scc) in loops.iter().enumerate() {
        for &x in scc.iter() {
            member[g[x].index()] = Some(k);
        }
    }
    let mut edges: Vec<Vec<(NodeIndex, NodeIndex)>> = vec![Vec::new(); loops.len()];
    for e in m.g.edge_references() {
        if e.weight().style != EdgeStyle::Sync {
            continue;
        }
        if let (Some(a), Some(b)) = (member[e.source().index()], member[e.target().index()]) {
            if a == b {
                edges[a].push((e.source(), e.target()));
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
                scc.iter().map(|&x| g[x]),
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
        for &x in sccs.get(c) {
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
        chain,
        format!(
            "A request passes through {depth} synchronous calls in a row ({}), more than the limit of {}.",
            list.join(" → "),
            m.t.sync_chain_depth
        ),
    )
    .with_edges(calls)]
}

fn sync_fan_out(m: &Model) -> Vec<Hit> {
    m.nodes()
        .filter(|&a| m.kind(a) != NodeKind::Client)
        .filter_map(|a| {
            let limit = m.t.sync_fan_out as usize;
            let calls = m.g.edges_directed(a, petgraph::Outgoing);
            // Most components call few others: no list for them.
            if calls.clone().count() <= limit {
                return None;
            }
            let targets = distinct(
                calls
                    .filter(|e| e.weight().is_sync_call())
                    .map(|e| e.target())
                    .collect(),
            );
            (targets.len() > limit).then(|| {
                let list: Vec<&str> = targets.iter().map(|&t| m.name(t)).collect();
                let edges = targets.iter().map(|&t| (a, t)).collect();
                Hit::new(
                    std::iter::once(a).chain(targets.iter().copied()),
                    format!(
                        "{} calls {} components synchronously ({}), more than the limit of {}.",
                        m.name(a),
                        targets.len(),
                        names(&list),
                        m.t.sync_fan_out
                    ),
                )
                .with_edges(edges)
            })
        })
        .collect()
}

fn uncached_read_path(m: &Model) -> Vec<Hit> {
    let read_heavy_context =
        m.wb.context
            .read_percent
            .is_some_and(|p| u32::from(p) >= m.t.read_heavy_percent);
    let read_heavy = |s| {
        m.has(s, traits::READ_HEAVY)
            || (read_heavy_context
                && m.kind(s) == NodeKind::Database
                && !m.has(s, traits::WRITE_HEAVY))
    };
    let mut hits = Vec::new();
    let mut uncached = Vec::new();
    for s in m.nodes().filter(|&s| {
        matches!(
            m.kind(s),
            NodeKind::Database | NodeKind::Search | NodeKind::ObjectStorage
        ) && read_heavy(s)
    }) {
        // Readers on the request path; a reader that also reads a cache
        // (cache-aside) or is a cache itself has a cache in front.
        uncached.clear();
        uncached.extend(
            m.g.edges_directed(s, petgraph::Incoming)
                .filter(|e| {
                    let link = e.weight();
                    link.style == EdgeStyle::Sync
                        && link.access != Some(Access::Write)
                        && is_compute(link.from)
                })
                .map(|e| e.source())
                .filter(|&r| {
                    !m.g.edges(r)
                        .any(|e| matches!(e.weight().to, NodeKind::Cache | NodeKind::Cdn))
                }),
        );
        if uncached.is_empty() {
            continue;
        }
        uncached.sort_unstable();
        uncached.dedup();
        let list: Vec<&str> = uncached.iter().map(|&r| m.name(r)).collect();
        hits.push(
            Hit::new(
                uncached.iter().copied().chain([s]),
                format!(
                    "{} is read-heavy and {} read it with no cache in front.",
                    m.name(s),
                    names(&list)
                ),
            )
            .with_edges(uncached.iter().map(|&r| (r, s)).collect()),
        );
    }
    hits
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
                .filter(|e| e.weight().style == EdgeStyle::Sync)
                .map(|e| e.target()),
        );
    }
    m.nodes().filter(|i| seen[i.index()]).collect()
}

fn single_point_of_failure(m: &Model) -> Vec<Hit> {
    request_path(m)
        .into_iter()
        .filter(|&i| {
            !matches!(
                m.kind(i),
                NodeKind::Client | NodeKind::External | NodeKind::Cdn | NodeKind::ObjectStorage
            ) && m.node(i).replicas() == 1
        })
        .map(|i| {
            Hit::new(
                [i],
                format!(
                    "{} is on the request path with one instance and nothing to take over.",
                    m.name(i)
                ),
            )
        })
        .collect()
}

fn unprotected_entry(m: &Model) -> Vec<Hit> {
    // Entries: what clients call, looking through load balancers and CDNs,
    // as the calls (from, entry) that reach them.
    let mut calls: Vec<(NodeIndex, NodeIndex)> = Vec::new();
    // seen[i] == the client whose walk reached i last (one list for all walks).
    let mut seen: Vec<Option<NodeIndex>> = vec![None; m.g.node_count()];
    let mut stack: Vec<(NodeIndex, NodeIndex)> = Vec::new();
    for c in m.nodes().filter(|&i| m.kind(i) == NodeKind::Client) {
        stack.extend(m.g.neighbors(c).map(|t| (c, t)));
        while let Some((from, to)) = stack.pop() {
            if seen[to.index()].replace(c) == Some(c) {
                continue;
            }
            match m.kind(to) {
                NodeKind::LoadBalancer | NodeKind::Cdn => {
                    stack.extend(m.g.neighbors(to).map(|t| (to, t)))
                }
                k if is_compute(k) => calls.push((from, to)),
                _ => {}
            }
        }
    }
    calls.sort_by_key(|&(_, entry)| entry);
    calls
        .chunk_by(|x, y| x.1 == y.1)
        .filter_map(|edges| {
            let e = edges[0].1;
            let missing = match (
                m.has(e, traits::AUTHENTICATED),
                m.has(e, traits::RATE_LIMITED),
            ) {
                (true, true) => return None,
                (false, false) => "authentication and rate limiting",
                (false, true) => "authentication",
                (true, false) => "rate limiting",
            };
            Some(
                Hit::new(
                    [e],
                    format!("Clients reach {} without {missing}.", m.name(e)),
                )
                .with_edges(edges.to_vec()),
            )
        })
        .collect()
}

fn missing_observability(m: &Model) -> Vec<Hit> {
    const ALL: u32 = traits::TRACED | traits::METRICS | traits::LOGS;
    m.nodes()
        .filter(|&i| {
            matches!(
                m.kind(i),
                NodeKind::Service | NodeKind::Worker | NodeKind::Gateway
            ) && !m.has(i, ALL)
        })
        .map(|i| {
            let has = |t| m.has(i, t);
            let missing = match (has(traits::TRACED), has(traits::METRICS), has(traits::LOGS)) {
                (false, false, false) => "tracing, metrics or structured logs",
                (false, false, true) => "tracing or metrics",
                (false, true, false) => "tracing or structured logs",
                (false, true, true) => "tracing",
                (true, false, false) => "metrics or structured logs",
                (true, false, true) => "metrics",
                (true, true, _) => "structured logs",
            };
            Hit::new([i], format!("{} has no {missing}.", m.name(i)))
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
    let message = format!(
        "{} independently deployed services for {team}, more than the {} such a team can run comfortably.",
        services.len(),
        m.t.services_per_small_team
    );
    vec![Hit::new(services, message)]
}

/// Components that receive messages: targets of asynchronous edges and of
/// edges out of a queue, with those edges, in order of the receiver.
fn consumers<'m>(m: &'m Model) -> impl Iterator<Item = &'m [(NodeIndex, NodeIndex)]> {
    deliveries(m).chunk_by(|x, y| x.1 == y.1)
}

/// Every delivery of a message (sender, receiver), sorted by receiver.
fn deliveries<'m>(m: &'m Model) -> &'m [(NodeIndex, NodeIndex)] {
    m.consumers.get_or_init(|| {
        let mut out: Vec<(NodeIndex, NodeIndex)> =
            m.g.edge_references()
                .filter(|e| e.weight().is_message() && is_compute(e.weight().to))
                .map(|e| (e.source(), e.target()))
                .collect();
        out.sort_by_key(|&(_, b)| b);
        out
    })
}

fn is_consumer(m: &Model, i: NodeIndex) -> bool {
    deliveries(m).binary_search_by_key(&i, |&(_, b)| b).is_ok()
}

fn non_idempotent_consumer(m: &Model) -> Vec<Hit> {
    consumers(m)
        .filter(|edges| !m.has(edges[0].1, traits::IDEMPOTENT))
        .map(|edges| {
            let c = edges[0].1;
            Hit::new(
                [c],
                format!(
                    "{} consumes messages but is not marked idempotent.",
                    m.name(c)
                ),
            )
            .with_edges(edges.to_vec())
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
    if domains.is_empty() && !m.nodes().any(|i| m.has(i, traits::STRONG_CONSISTENCY)) {
        return vec![];
    }
    m.nodes()
        .filter(|&i| is_service(m.kind(i)))
        .filter_map(|i| {
            let n = m.node(i);
            let domain = if m.has(i, traits::STRONG_CONSISTENCY) {
                Some("strongly consistent")
            } else {
                let text = format!("{} {} {}", n.id, n.name, n.team.as_deref().unwrap_or("")).to_ascii_lowercase();
                domains.iter().find(|d| !d.is_empty() && text.contains(d.as_str())).map(String::as_str)
            }?;
            let incoming: Vec<_> = m.g.edges_directed(i, petgraph::Incoming).collect();
            let only_async = !incoming.is_empty() && is_consumer(m, i) && incoming.iter().all(|e| {
                e.weight().is_message()
            });
            only_async.then(|| {
                Hit::new(
                    [i],
                    format!("{} belongs to the {domain} domain but is updated only through asynchronous messages.", m.name(i)),
                )
                .with_edges(incoming.iter().map(|e| (e.source(), i)).collect())
            })
        })
        .collect()
}

fn stateful_service(m: &Model) -> Vec<Hit> {
    m.nodes()
        .filter(|&i| is_compute(m.kind(i)) && m.has(i, traits::STATEFUL))
        .map(|i| {
            Hit::new(
                [i],
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
        .filter(|&i| m.kind(i) == NodeKind::Cache && !m.has(i, traits::TTL))
        .map(|i| {
            Hit::new(
                [i],
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
    let message = format!(
        "{} components to operate for {who}, more than the {} per team set as the limit.",
        operated.len(),
        m.t.components_per_team
    );
    vec![Hit::new(operated, message)]
}

fn fragile_external_call(m: &Model) -> Vec<Hit> {
    m.g.edge_references()
        .filter(|e| {
            let link = e.weight();
            link.style == EdgeStyle::Sync
                && link.to == NodeKind::External
                && link.from != NodeKind::Client
        })
        .filter_map(|e| {
            let (caller, callee) = (e.source(), e.target());
            let guarded = m.has(caller, traits::RETRIES) || m.has(caller, traits::CIRCUIT_BREAKER);
            let missing = match (m.has(caller, traits::TIMEOUTS), guarded) {
                (true, true) => return None,
                (false, false) => "no timeout and no retries or circuit breaker",
                (false, true) => "no timeout",
                (true, false) => "no retries or circuit breaker",
            };
            Some(
                Hit::new(
                    [caller, callee],
                    format!(
                        "{} calls {} with {missing}.",
                        m.name(caller),
                        m.name(callee)
                    ),
                )
                .with_edges(vec![(caller, callee)]),
            )
        })
        .collect()
}

fn decision_graph_mismatch(m: &Model, checklists: &[Checklist]) -> Vec<Hit> {
    let count = |f: &dyn Fn(&Node) -> bool| m.nodes().filter(|&i| f(m.node(i))).count();
    let ids = |f: &dyn Fn(&Node) -> bool| m.nodes().filter(|&i| f(m.node(i))).collect::<Vec<_>>();
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
        let (nodes, problem): (Vec<NodeIndex>, Option<String>) = match (c.id.as_str(), option.id.as_str()) {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn workbook_with_ids(ids: &[&str]) -> Workbook {
        let nodes: Vec<_> = ids
            .iter()
            .map(|id| serde_json::json!({ "id": id, "kind": "service" }))
            .collect();
        let v = serde_json::json!({ "format": "archbook-workbook", "version": 1, "title": "t",
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
        let offered: Vec<&str> = crate::canvas::catalog::TRAITS
            .iter()
            .map(|t| t.id)
            .collect();
        let mut seen = 0;
        for id in &offered {
            let node: Node = serde_json::from_value(
                serde_json::json!({ "id": "x", "kind": "service", "traits": [id] }),
            )
            .unwrap();
            let bit = traits::of(&node);
            assert!(bit.count_ones() <= 1, "{id}");
            assert_eq!(seen & bit, 0, "{id} shares a bit");
            seen |= bit;
        }
        // Every bit the rules use is reachable from a trait the editor offers.
        assert_eq!(seen, (1 << 15) - 1);
    }

    #[test]
    fn a_finding_key_tells_ids_with_commas_apart_from_several_ids() {
        let wb = workbook_with_ids(&["a,b", "a", "b"]);
        let checklists = crate::content::builtin_checklists();
        let mut r = analyze(&wb, &crate::content::builtin_pitfalls(), &checklists);
        let mut f = r.findings.remove(0);
        f.nodes = vec!["a,b".into()];
        let one = f.key();
        f.nodes = vec!["a".into(), "b".into()];
        assert_ne!(one, f.key());
        assert_eq!(f.key(), f.clone().key());
    }

    #[test]
    fn open_findings_are_counted_by_severity_without_the_accepted() {
        let wb = workbook_with_ids(&["a", "b"]);
        let checklists = crate::content::builtin_checklists();
        let mut r = analyze(&wb, &crate::content::builtin_pitfalls(), &checklists);
        let medium = r
            .findings
            .iter()
            .filter(|f| f.severity == Severity::Medium)
            .count();
        assert!(medium > 0);
        assert_eq!(r.open(Severity::Medium), medium);
        let i = r
            .findings
            .iter()
            .position(|f| f.severity == Severity::Medium)
            .unwrap();
        r.findings[i].accepted = Some("known".into());
        assert_eq!(r.open(Severity::Medium), medium - 1);
    }

    #[test]
    fn a_workbook_is_blank_until_something_is_typed_drawn_or_answered() {
        let mut wb = Workbook::new("");
        assert!(wb.is_blank());
        wb.context.team_size = Some(4);
        assert!(!wb.is_blank());
        assert!(!workbook_with_ids(&["a"]).is_blank());
    }

    #[test]
    fn long_lists_of_names_are_counted_not_spelled_out() {
        assert_eq!(names(&["a"]), "a");
        assert_eq!(names(&["a", "b", "c"]), "a, b and c");
        let eight = ["a", "b", "c", "d", "e", "f", "g", "h"];
        assert_eq!(names(&eight), "a, b, c, d, e, f, g and h");
        let nine = ["a", "b", "c", "d", "e", "f", "g", "h", "i"];
        assert_eq!(names(&nine), "a, b, c, d, e, f, g and 2 others");
    }
}
