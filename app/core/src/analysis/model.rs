//! The workbook's graph as the rules see it: petgraph over the nodes, with
//! each node's kind and traits next to each other, edges that carry their
//! ends' kinds, and the derived structures several rules share (the
//! synchronous call graph, its loops, the message deliveries, the request
//! path), built once on first use.

use std::cell::OnceCell;

use petgraph::algo::kosaraju_scc;
use petgraph::graph::{DiGraph, NodeIndex};
use petgraph::visit::EdgeRef;

use crate::workbook::{Access, EdgeStyle, Node, NodeKind, Thresholds, Workbook};

/// The traits the rules look at, as bits: a rule asks for a trait once per
/// node, often many times per review.
pub mod traits {
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
    pub const STATELESS: u32 = 1 << 15;
    pub const MANAGED: u32 = 1 << 16;
    pub const PUBLIC: u32 = 1 << 17;
    pub const SENSITIVE_DATA: u32 = 1 << 18;
    pub const DEAD_LETTER: u32 = 1 << 19;
    pub const BACKUPS: u32 = 1 << 20;

    /// Every bit a trait can have.
    #[cfg(test)]
    pub const ALL: u32 = (1 << 21) - 1;

    /// What the design says about an aspect: when no component carries any
    /// of its traits, the team has not described it, and the rules ask
    /// rather than accuse.
    pub const OBSERVABILITY: u32 = TRACED | METRICS | LOGS;
    pub const PROTECTION: u32 = AUTHENTICATED | RATE_LIMITED | PUBLIC;
    pub const CALL_GUARDS: u32 = TIMEOUTS | RETRIES | CIRCUIT_BREAKER;

    pub fn of(node: &crate::workbook::Node) -> u32 {
        node.traits.iter().fold(0, |bits, t| bits | bit(t))
    }

    /// The bit of a trait the rules use, 0 for the others. Dispatching on the
    /// first letter keeps this to one or two comparisons per trait.
    pub fn bit(t: &str) -> u32 {
        match t.as_bytes().first() {
            Some(b'a') if t == "authenticated" => AUTHENTICATED,
            Some(b'b') if t == "backups" => BACKUPS,
            Some(b'c') if t == "circuit-breaker" => CIRCUIT_BREAKER,
            Some(b'd') if t == "dead-letter" => DEAD_LETTER,
            Some(b'i') if t == "idempotent" => IDEMPOTENT,
            Some(b'l') if t == "logs" => LOGS,
            Some(b'm') => match t {
                "metrics" => METRICS,
                "managed" => MANAGED,
                _ => 0,
            },
            Some(b'p') if t == "public" => PUBLIC,
            Some(b'r') => match t {
                "read-heavy" => READ_HEAVY,
                "rate-limited" => RATE_LIMITED,
                "retries" => RETRIES,
                _ => 0,
            },
            Some(b's') => match t {
                "strong-consistency" => STRONG_CONSISTENCY,
                "stateful" => STATEFUL,
                "stateless" => STATELESS,
                "sharded" => SHARDED,
                "sensitive-data" => SENSITIVE_DATA,
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
pub struct Facts<'a> {
    pub node: &'a Node,
    pub kind: NodeKind,
    pub traits: u32,
}

/// An edge as the rules see it, with the kinds of its ends: passes over the
/// edges need not visit the nodes (which, in a large graph, are far apart in
/// memory).
#[derive(Clone, Copy)]
pub struct Link {
    pub style: EdgeStyle,
    pub access: Option<Access>,
    pub from: NodeKind,
    pub to: NodeKind,
}

impl Link {
    /// A synchronous call between two components that are not data stores.
    /// Edges out of a queue are deliveries, never synchronous calls.
    pub fn is_sync_call(&self) -> bool {
        self.style == EdgeStyle::Sync
            && !is_store(self.to)
            && self.to != NodeKind::Queue
            && self.from != NodeKind::Queue
            && !is_store(self.from)
    }

    /// A message: an asynchronous edge or a delivery out of a queue.
    pub fn is_message(&self) -> bool {
        self.style == EdgeStyle::Async || self.from == NodeKind::Queue
    }
}

/// The strongly connected components of the call graph, in reverse
/// topological order (callees before callers), stored one after the other
/// (a large graph has thousands, most of one node).
pub struct Components {
    members: Vec<NodeIndex>,
    ends: Vec<usize>,
}

impl Components {
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    pub fn get(&self, c: usize) -> &[NodeIndex] {
        let start = if c == 0 { 0 } else { self.ends[c - 1] };
        &self.members[start..self.ends[c]]
    }

    pub fn iter(&self) -> impl Iterator<Item = &[NodeIndex]> {
        (0..self.len()).map(|c| self.get(c))
    }
}

pub fn is_store(k: NodeKind) -> bool {
    k.is_data_store()
}

/// Components that handle requests and are deployed by the team.
pub fn is_compute(k: NodeKind) -> bool {
    matches!(
        k,
        NodeKind::Service | NodeKind::Worker | NodeKind::Gateway | NodeKind::Frontend
    )
}

/// Independently deployed services.
pub fn is_service(k: NodeKind) -> bool {
    matches!(k, NodeKind::Service | NodeKind::Worker)
}

/// The workbook's graph as petgraph sees it.
pub struct Model<'a> {
    pub wb: &'a Workbook,
    pub g: DiGraph<Facts<'a>, Link>,
    pub t: Thresholds,
    /// Every trait any component carries: what the design talks about.
    pub stated: u32,
    calls: OnceCell<DiGraph<NodeIndex, ()>>,
    sccs: OnceCell<Components>,
    consumers: OnceCell<Vec<(NodeIndex, NodeIndex)>>,
    request_path: OnceCell<Vec<bool>>,
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
        let mut stated = 0;
        for n in &wb.graph.nodes {
            let facts = Facts {
                node: n,
                kind: n.kind,
                traits: traits::of(n),
            };
            stated |= facts.traits;
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
            stated,
            calls: OnceCell::new(),
            sccs: OnceCell::new(),
            consumers: OnceCell::new(),
            request_path: OnceCell::new(),
        }
    }

    pub fn node(&self, i: NodeIndex) -> &'a Node {
        self.g[i].node
    }

    pub fn name(&self, i: NodeIndex) -> &'a str {
        self.g[i].node.display_name()
    }

    pub fn kind(&self, i: NodeIndex) -> NodeKind {
        self.g[i].kind
    }

    /// Whether the node has every trait of `bits` (see [`traits`]).
    pub fn has(&self, i: NodeIndex, bits: u32) -> bool {
        self.g[i].traits & bits == bits
    }

    /// Whether the node has any trait of `bits`.
    pub fn has_any(&self, i: NodeIndex, bits: u32) -> bool {
        self.g[i].traits & bits != 0
    }

    /// Whether any component of the design carries a trait of `aspect`.
    pub fn states(&self, aspect: u32) -> bool {
        self.stated & aspect != 0
    }

    pub fn nodes(&self) -> impl Iterator<Item = NodeIndex> + '_ {
        self.g.node_indices()
    }

    /// The components the score is about: everything but clients and the
    /// external systems the team does not run.
    pub fn reviewed(&self) -> impl Iterator<Item = NodeIndex> + '_ {
        self.nodes()
            .filter(|&i| !matches!(self.kind(i), NodeKind::Client | NodeKind::External))
    }

    /// The synchronous call graph: components that are not data stores,
    /// queues or proxies, and the synchronous calls between them. Calls out
    /// of clients are where requests start, and load balancers and CDNs pass
    /// requests on: neither is a hop of the backend.
    pub fn call_graph(&self) -> &DiGraph<NodeIndex, ()> {
        self.calls.get_or_init(|| {
            let mut g = DiGraph::with_capacity(self.g.node_count(), self.g.edge_count());
            let map: Vec<Option<NodeIndex>> = self
                .nodes()
                .map(|i| {
                    let k = self.kind(i);
                    (!is_store(k)
                        && !matches!(
                            k,
                            NodeKind::Queue
                                | NodeKind::LoadBalancer
                                | NodeKind::Cdn
                                | NodeKind::Client
                        ))
                    .then(|| g.add_node(i))
                })
                .collect();
            for e in self.g.edge_references() {
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

    /// The loops of the call graph. Kosaraju's two passes run on explicit
    /// stacks: a chain of 100,000 calls needs no deeper native stack than a
    /// chain of three (petgraph's Tarjan recurses once per node).
    pub fn components(&self) -> &Components {
        self.sccs.get_or_init(|| {
            let g = self.call_graph();
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

    /// Every delivery of a message (sender, receiver), sorted by receiver.
    pub fn deliveries(&self) -> &[(NodeIndex, NodeIndex)] {
        self.consumers.get_or_init(|| {
            let mut out: Vec<(NodeIndex, NodeIndex)> = self
                .g
                .edge_references()
                .filter(|e| e.weight().is_message() && is_compute(e.weight().to))
                .map(|e| (e.source(), e.target()))
                .collect();
            out.sort_by_key(|&(_, b)| b);
            out
        })
    }

    /// Components that receive messages, with the deliveries to each.
    pub fn consumers(&self) -> impl Iterator<Item = &[(NodeIndex, NodeIndex)]> {
        self.deliveries().chunk_by(|x, y| x.1 == y.1)
    }

    pub fn is_consumer(&self, i: NodeIndex) -> bool {
        self.deliveries()
            .binary_search_by_key(&i, |&(_, b)| b)
            .is_ok()
    }

    /// Whether a request from a client or frontend reaches the node through
    /// synchronous calls.
    pub fn on_request_path(&self, i: NodeIndex) -> bool {
        self.request_path.get_or_init(|| {
            let mut seen = vec![false; self.g.node_count()];
            let mut stack: Vec<NodeIndex> = self
                .nodes()
                .filter(|&i| matches!(self.kind(i), NodeKind::Client | NodeKind::Frontend))
                .collect();
            while let Some(v) = stack.pop() {
                if std::mem::replace(&mut seen[v.index()], true) {
                    continue;
                }
                if self.kind(v) == NodeKind::Queue {
                    continue;
                }
                stack.extend(
                    self.g
                        .edges_directed(v, petgraph::Outgoing)
                        .filter(|e| e.weight().style == EdgeStyle::Sync)
                        .map(|e| e.target()),
                );
            }
            seen
        })[i.index()]
    }
}
