//! What the editor offers: the traits it explains, the templates a graph can
//! start from, and names for new nodes.

use super::edit::Edit;
use super::geometry::Point;
use super::layout::layered;
use crate::workbook::{Access, Edge, EdgeStyle, Graph, Node, NodeKind};

/// A trait the review understands, with a short explanation for the
/// properties panel.
pub struct TraitInfo {
    pub id: &'static str,
    pub help: &'static str,
}

/// Every trait of the workbook format, in the order the panel lists them.
pub const TRAITS: [TraitInfo; 21] = [
    TraitInfo {
        id: "traced",
        help: "Passes a trace id along every call, so one request can be followed across services.",
    },
    TraitInfo {
        id: "metrics",
        help: "Publishes rates, errors and latencies that dashboards and alerts use.",
    },
    TraitInfo {
        id: "logs",
        help: "Writes structured logs that are collected in one place.",
    },
    TraitInfo {
        id: "authenticated",
        help: "Checks who is calling before doing anything.",
    },
    TraitInfo {
        id: "rate-limited",
        help: "Refuses callers who send more than their share.",
    },
    TraitInfo {
        id: "idempotent",
        help: "Handling the same message or request twice has the effect of handling it once.",
    },
    TraitInfo {
        id: "stateless",
        help: "Keeps no session state in memory, so any instance can serve any request.",
    },
    TraitInfo {
        id: "stateful",
        help: "Keeps state in memory or on local disk, so instances are not interchangeable.",
    },
    TraitInfo {
        id: "read-heavy",
        help: "Serves far more reads than writes.",
    },
    TraitInfo {
        id: "write-heavy",
        help: "Takes far more writes than reads.",
    },
    TraitInfo {
        id: "sharded",
        help: "Data is split over several partitions by a key.",
    },
    TraitInfo {
        id: "ttl",
        help: "Entries expire after a set time, so stale data does not live forever.",
    },
    TraitInfo {
        id: "timeouts",
        help: "Gives up on slow calls after a set time instead of waiting forever.",
    },
    TraitInfo {
        id: "retries",
        help: "Retries failed calls, with backoff.",
    },
    TraitInfo {
        id: "circuit-breaker",
        help: "Stops calling a failing dependency for a while so it can recover.",
    },
    TraitInfo {
        id: "strong-consistency",
        help: "Readers must always see the latest write.",
    },
    TraitInfo {
        id: "managed",
        help: "Run by a provider who keeps it available (a cloud load balancer, a managed database or queue), whatever its instance count.",
    },
    TraitInfo {
        id: "public",
        help: "Serves public content to anyone on purpose, so it needs no login.",
    },
    TraitInfo {
        id: "sensitive-data",
        help: "Holds personal or payment data: only the callers that need it should reach it.",
    },
    TraitInfo {
        id: "backups",
        help: "Has regular backups in another place, and restoring one has been tested.",
    },
    TraitInfo {
        id: "dead-letter",
        help: "Messages that keep failing are set aside (a dead-letter queue) instead of blocking or vanishing.",
    },
];

/// A new node of `kind` for `g`: an id and a name not used yet ("service-2",
/// "Service 2"), placed with its top left corner at `at`.
pub fn fresh_node(g: &Graph, kind: NodeKind, at: Point) -> Node {
    let taken = |id: &str| g.nodes.iter().any(|n| n.id == id);
    let mut i = 1;
    while taken(&format!("{}-{i}", kind.id())) {
        i += 1;
    }
    let mut node = Node::new(
        format!("{}-{i}", kind.id()),
        format!("{} {i}", kind.label()),
        kind,
    );
    node.x = Some(at.x.round());
    node.y = Some(at.y.round());
    node
}

/// A template's node: id, name, kind, traits.
type TemplateNode = (
    &'static str,
    &'static str,
    NodeKind,
    &'static [&'static str],
);
/// A template's edge: from, to, style, access.
type TemplateEdge = (&'static str, &'static str, EdgeStyle, Option<Access>);

/// Graphs to start from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Template {
    ModularMonolith,
    Microservices,
    EventDriven,
}

crate::labelled!(Template {
    ModularMonolith => "modular-monolith", "Modular monolith";
    Microservices => "microservices", "Microservices shop";
    EventDriven => "event-driven", "Event-driven pipeline";
});

impl Template {
    pub fn description(self) -> &'static str {
        match self {
            Template::ModularMonolith => "One deployable application with one database, behind a load balancer, with background jobs.",
            Template::Microservices => "A gateway in front of services with their own databases, caches and a message broker.",
            Template::EventDriven => "Producers publish events to a broker; consumers process them into their own stores.",
        }
    }

    /// The template's graph, laid out left to right.
    pub fn graph(self) -> Graph {
        use NodeKind::*;
        let (nodes, edges): (&[TemplateNode], &[TemplateEdge]) = match self {
            Template::ModularMonolith => (
                &[
                    ("web", "Browser", Client, &[]),
                    ("lb", "Load balancer", LoadBalancer, &["rate-limited"]),
                    (
                        "app",
                        "Shop application",
                        Service,
                        &[
                            "stateless",
                            "traced",
                            "metrics",
                            "logs",
                            "authenticated",
                            "rate-limited",
                            "timeouts",
                        ],
                    ),
                    ("db", "shop-db", Database, &["strong-consistency"]),
                    ("queue", "job queue", Queue, &[]),
                    (
                        "jobs",
                        "Background jobs",
                        Worker,
                        &[
                            "idempotent",
                            "traced",
                            "metrics",
                            "logs",
                            "timeouts",
                            "retries",
                        ],
                    ),
                    ("mail", "Email provider", External, &[]),
                ],
                &[
                    ("web", "lb", EdgeStyle::Sync, None),
                    ("lb", "app", EdgeStyle::Sync, None),
                    ("app", "db", EdgeStyle::Sync, Some(Access::ReadWrite)),
                    ("app", "queue", EdgeStyle::Async, None),
                    ("queue", "jobs", EdgeStyle::Async, None),
                    ("jobs", "mail", EdgeStyle::Sync, None),
                ],
            ),
            Template::Microservices => (
                &[
                    ("web", "Web app", Frontend, &[]),
                    (
                        "gw",
                        "API gateway",
                        Gateway,
                        &["authenticated", "rate-limited"],
                    ),
                    (
                        "orders",
                        "orders",
                        Service,
                        &["stateless", "traced", "metrics", "logs", "timeouts"],
                    ),
                    (
                        "catalog",
                        "catalog",
                        Service,
                        &["stateless", "traced", "metrics", "logs"],
                    ),
                    (
                        "billing",
                        "billing",
                        Service,
                        &["stateless", "traced", "metrics", "logs", "idempotent"],
                    ),
                    ("broker", "event broker", Queue, &[]),
                    ("orders-db", "orders-db", Database, &[]),
                    ("catalog-db", "catalog-db", Database, &["read-heavy"]),
                    ("catalog-cache", "catalog-cache", Cache, &["ttl"]),
                    (
                        "billing-db",
                        "billing-db",
                        Database,
                        &["strong-consistency"],
                    ),
                ],
                &[
                    ("web", "gw", EdgeStyle::Sync, None),
                    ("gw", "orders", EdgeStyle::Sync, None),
                    ("gw", "catalog", EdgeStyle::Sync, None),
                    (
                        "orders",
                        "orders-db",
                        EdgeStyle::Sync,
                        Some(Access::ReadWrite),
                    ),
                    (
                        "catalog",
                        "catalog-cache",
                        EdgeStyle::Sync,
                        Some(Access::Read),
                    ),
                    (
                        "catalog",
                        "catalog-db",
                        EdgeStyle::Sync,
                        Some(Access::ReadWrite),
                    ),
                    ("orders", "broker", EdgeStyle::Async, None),
                    ("broker", "billing", EdgeStyle::Async, None),
                    (
                        "billing",
                        "billing-db",
                        EdgeStyle::Sync,
                        Some(Access::ReadWrite),
                    ),
                ],
            ),
            Template::EventDriven => (
                &[
                    ("sources", "Event sources", External, &[]),
                    (
                        "ingest",
                        "ingest",
                        Service,
                        &["authenticated", "rate-limited", "traced", "metrics", "logs"],
                    ),
                    ("bus", "event bus", Queue, &[]),
                    (
                        "enrich",
                        "enrich",
                        Worker,
                        &["idempotent", "traced", "metrics", "logs"],
                    ),
                    (
                        "index",
                        "indexer",
                        Worker,
                        &["idempotent", "traced", "metrics", "logs"],
                    ),
                    ("lake", "event archive", ObjectStorage, &[]),
                    ("search", "search index", Search, &["read-heavy"]),
                ],
                &[
                    ("sources", "ingest", EdgeStyle::Sync, None),
                    ("ingest", "bus", EdgeStyle::Async, None),
                    ("bus", "enrich", EdgeStyle::Async, None),
                    ("bus", "index", EdgeStyle::Async, None),
                    ("enrich", "lake", EdgeStyle::Sync, Some(Access::Write)),
                    ("index", "search", EdgeStyle::Sync, Some(Access::Write)),
                ],
            ),
        };
        let mut g = Graph::default();
        for &(id, name, kind, traits) in nodes {
            let mut n = Node::new(id, name, kind);
            n.traits = traits.iter().map(|t| (*t).to_owned()).collect();
            // Everything the system runs comes in pairs; clients and outside
            // systems are not the team's to run.
            if !matches!(kind, Client | External) {
                n.replicas = Some(2);
            }
            g.nodes.push(n);
        }
        for &(from, to, style, access) in edges {
            g.edges.push(Edge {
                style,
                access,
                ..Edge::new(from, to)
            });
        }
        layered(&g)
            .apply(&mut g)
            .expect("a template's own layout applies");
        g
    }

    /// One undoable edit that replaces `current` with this template.
    pub fn replace(self, current: &Graph) -> Edit {
        let mut steps: Vec<Edit> = current
            .nodes
            .iter()
            .map(|n| Edit::RemoveNode { id: n.id.clone() })
            .collect();
        let g = self.graph();
        for (index, node) in g.nodes.into_iter().enumerate() {
            steps.push(Edit::AddNode { node, index });
        }
        for (index, edge) in g.edges.into_iter().enumerate() {
            steps.push(Edit::AddEdge { edge, index });
        }
        Edit::Batch(steps)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fresh_nodes_never_reuse_an_id() {
        let mut g = Graph::default();
        for _ in 0..3 {
            let n = fresh_node(&g, NodeKind::Service, Point::new(0.0, 0.0));
            g.nodes.push(n);
        }
        let ids: Vec<_> = g.nodes.iter().map(|n| n.id.as_str()).collect();
        assert_eq!(ids, ["service-1", "service-2", "service-3"]);
        assert_eq!(g.nodes[2].name, "Service 3");
    }

    #[test]
    fn the_trait_list_is_the_format_s_list() {
        let ids: Vec<_> = TRAITS.iter().map(|t| t.id).collect();
        assert_eq!(ids.len(), 21);
        assert!(ids.contains(&"circuit-breaker") && ids.contains(&"strong-consistency"));
    }

    #[test]
    fn templates_are_placed_and_replace_in_one_undoable_step() {
        let mut g = Template::Microservices.graph();
        assert!(g.nodes.iter().all(|n| n.x.is_some() && n.y.is_some()));
        let before = g.clone();
        let inverse = Template::EventDriven.replace(&g).apply(&mut g).unwrap();
        assert_eq!(g, Template::EventDriven.graph());
        inverse.apply(&mut g).unwrap();
        assert_eq!(g, before);
    }
}
