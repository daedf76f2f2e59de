//! One function per pitfall. Each returns one [`Hit`] per problem: the
//! components it accuses (its parts, each of which a team can accept on its
//! own), the others it involves, and what tells it apart from the rule's
//! other problems (its group). Where the design says nothing about an aspect
//! (no component carries any of its traits), a rule asks a question instead
//! of accusing. Each pitfall file documents its grouping.

use petgraph::graph::NodeIndex;
use petgraph::visit::EdgeRef;

use super::model::{is_compute, is_service, is_store, traits, Model};
use super::Hit;
use crate::workbook::{Access, EdgeStyle, NodeKind};

/// How many names a message lists before it counts the rest.
const LISTED: usize = 8;

/// "a", "a and b", "a, b and c"; past [`LISTED`] names, "a, b, … and 12 more".
pub(super) fn names(list: &[&str]) -> String {
    match list {
        [] => String::new(),
        [one] => (*one).to_owned(),
        _ if list.len() > LISTED => format!(
            "{} and {} more",
            list[..LISTED - 1].join(", "),
            list.len() - (LISTED - 1)
        ),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

fn sorted_names<'m>(m: &'m Model, list: &[NodeIndex]) -> Vec<&'m str> {
    let mut v: Vec<&str> = list.iter().map(|&i| m.name(i)).collect();
    v.sort_unstable();
    v
}

fn distinct(mut list: Vec<NodeIndex>) -> Vec<NodeIndex> {
    list.sort_unstable();
    list.dedup();
    list
}

/// "1 component", "3 components".
fn count(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

pub(super) type Rule = fn(&Model) -> Vec<Hit>;

/// Every rule over the graph, by pitfall id. The rules about decisions
/// (`decision-graph-mismatch`, `decision-risk`) also need the checklists.
pub(super) const GRAPH_RULES: [(&str, Rule); 19] = [
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
    ("store-without-backup", store_without_backup),
    ("exposed-sensitive-data", exposed_sensitive_data),
    ("sync-call-to-queue-worker", sync_call_to_queue_worker),
    ("missing-dead-letter", missing_dead_letter),
];

/// One finding per store used directly by components of two or more
/// services (components with the same `part_of` are one service).
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
        let mut owners: Vec<&str> = users.iter().map(|&u| m.node(u).owner()).collect();
        owners.sort_unstable();
        owners.dedup();
        if owners.len() < 2 {
            continue;
        }
        let list = sorted_names(m, &users);
        let services = if owners.len() == users.len() {
            String::new()
        } else {
            format!(" (of {} services)", owners.len())
        };
        hits.push(Hit {
            parts: users.clone(),
            context: vec![s],
            edges: users.iter().map(|&u| (u, s)).collect(),
            group: Some(m.node(s).id.clone()),
            question: false,
            severity: None,
            message: format!(
                "{} is used directly by {}{services}: {}.",
                m.name(s),
                count(users.len(), "component", "components"),
                names(&list)
            ),
        });
    }
    hits
}

/// One finding per loop of synchronous calls.
fn sync_cycle(m: &Model) -> Vec<Hit> {
    let g = m.call_graph();
    let loops: Vec<&[NodeIndex]> = m
        .components()
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
            let parts: Vec<NodeIndex> = scc.iter().map(|&x| g[x]).collect();
            let group = parts
                .iter()
                .map(|&i| m.node(i).id.as_str())
                .min()
                .map(str::to_owned);
            let list = sorted_names(m, &parts);
            Hit {
                message: format!("{} call each other synchronously in a loop.", names(&list)),
                parts,
                context: vec![],
                edges,
                group,
                question: false,
                severity: None,
            }
        })
        .collect()
}

/// One finding: the longest chain of synchronous calls past the limit.
fn sync_chain_depth(m: &Model) -> Vec<Hit> {
    // Loops are reported by sync-cycle; chains are measured between them, on
    // the components (each loop counts as one step). The components come in
    // reverse topological order, so one pass over the edges finds the
    // longest chain in linear time.
    let g = m.call_graph();
    let sccs = m.components();
    let mut comp = vec![0usize; g.node_count()];
    for (c, members) in sccs.iter().enumerate() {
        for &x in members {
            comp[x.index()] = c;
        }
    }
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
    let shown = if list.len() > 2 * LISTED {
        format!(
            "{} → … → {}",
            list[..LISTED].join(" → "),
            list[list.len() - 2..].join(" → ")
        )
    } else {
        list.join(" → ")
    };
    vec![Hit {
        parts: chain,
        context: vec![],
        edges: calls,
        group: None,
        question: false,
        severity: None,
        message: format!(
            "A request passes through {depth} synchronous calls in a row ({shown}), more than the limit of {}.",
            m.t.sync_chain_depth
        ),
    }]
}

/// One finding per component that calls too many others synchronously.
fn sync_fan_out(m: &Model) -> Vec<Hit> {
    let limit = m.t.sync_fan_out as usize;
    m.nodes()
        .filter(|&a| m.kind(a) != NodeKind::Client)
        .filter_map(|a| {
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
                let list = sorted_names(m, &targets);
                Hit {
                    parts: vec![a],
                    edges: targets.iter().map(|&t| (a, t)).collect(),
                    context: targets.clone(),
                    group: Some(m.node(a).id.clone()),
                    question: false,
                    severity: None,
                    message: format!(
                        "{} calls {} components synchronously ({}), more than the limit of {}.",
                        m.name(a),
                        targets.len(),
                        names(&list),
                        limit
                    ),
                }
            })
        })
        .collect()
}

/// One finding per read-heavy store, naming its readers without a cache.
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
        // (cache-aside) has a cache in front. Background work is not on it.
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
                .filter(|&r| m.on_request_path(r))
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
        let list = sorted_names(m, &uncached);
        hits.push(Hit {
            parts: uncached.clone(),
            context: vec![s],
            edges: uncached.iter().map(|&r| (r, s)).collect(),
            group: Some(m.node(s).id.clone()),
            question: false,
            severity: None,
            message: format!(
                "{} is read-heavy and {} read it with no cache in front.",
                m.name(s),
                names(&list)
            ),
        });
    }
    hits
}

/// One finding for the components on the request path that run a single
/// instance, and one question for those whose count was never stated.
/// Managed components (a cloud load balancer, a managed database) are kept
/// available by their provider, whatever their count.
fn single_point_of_failure(m: &Model) -> Vec<Hit> {
    let path: Vec<NodeIndex> = m
        .nodes()
        .filter(|&i| m.on_request_path(i))
        .filter(|&i| {
            !matches!(
                m.kind(i),
                NodeKind::Client | NodeKind::External | NodeKind::Cdn | NodeKind::ObjectStorage
            ) && !m.has(i, traits::MANAGED)
        })
        .collect();
    let single: Vec<NodeIndex> = path
        .iter()
        .copied()
        .filter(|&i| m.node(i).replicas == Some(1))
        .collect();
    let unstated: Vec<NodeIndex> = path
        .iter()
        .copied()
        .filter(|&i| m.node(i).replicas.is_none())
        .collect();
    let mut out = Vec::new();
    if !single.is_empty() {
        let list = sorted_names(m, &single);
        out.push(Hit {
            message: format!(
                "{} of the {} components on the request path {} a single instance, with nothing to take over: {}.",
                single.len(),
                path.len(),
                if single.len() == 1 { "runs" } else { "run" },
                names(&list)
            ),
            parts: single,
            context: vec![],
            edges: vec![],
            group: None,
            question: false,
            severity: None,
        });
    }
    if !unstated.is_empty() {
        let list = sorted_names(m, &unstated);
        out.push(Hit {
            message: format!(
                "The design does not say how many instances of {} run; they are on the request path. Enter the count under Instances, or mark a component managed if its provider keeps it available.",
                names(&list)
            ),
            parts: unstated,
            context: vec![],
            edges: vec![],
            group: Some("unstated".to_owned()),
            question: true,
            severity: None,
        });
    }
    out
}

/// One finding for every entry point clients reach without protection: the
/// first components a client's request meets behind load balancers, CDNs and
/// frontends (a frontend serves the app; the API it calls is the entry). A
/// component marked `public` serves public content on purpose and needs no
/// authentication; a rate-limited load balancer or gateway, or a CDN, in
/// front counts as rate limiting.
fn unprotected_entry(m: &Model) -> Vec<Hit> {
    // (entry, whether the way in is rate limited, the call that reached it)
    let mut entries: Vec<(NodeIndex, bool, (NodeIndex, NodeIndex))> = Vec::new();
    let mut seen: Vec<Option<NodeIndex>> = vec![None; m.g.node_count()];
    let mut stack: Vec<(NodeIndex, NodeIndex, bool)> = Vec::new();
    for c in m.nodes().filter(|&i| m.kind(i) == NodeKind::Client) {
        stack.extend(m.g.neighbors(c).map(|t| (c, t, false)));
        while let Some((from, to, limited)) = stack.pop() {
            if seen[to.index()].replace(c) == Some(c) {
                continue;
            }
            let limited = limited || m.has(to, traits::RATE_LIMITED) || m.kind(to) == NodeKind::Cdn;
            match m.kind(to) {
                NodeKind::LoadBalancer | NodeKind::Cdn | NodeKind::Frontend => stack.extend(
                    m.g.edges_directed(to, petgraph::Outgoing)
                        .filter(|e| e.weight().style == EdgeStyle::Sync)
                        .map(|e| (to, e.target(), limited)),
                ),
                k if is_compute(k) => entries.push((to, limited, (from, to))),
                _ => {}
            }
        }
    }
    if entries.is_empty() {
        return vec![];
    }
    entries.sort_by_key(|&(e, limited, _)| (e, !limited));
    entries.dedup_by_key(|x| x.0);
    if !m.states(traits::PROTECTION) {
        let parts: Vec<NodeIndex> = entries.iter().map(|x| x.0).collect();
        let list = sorted_names(m, &parts);
        return vec![Hit {
            message: format!(
                "The design does not say how clients are authenticated or rate limited at {}. Mark each entry point authenticated, rate-limited, or public if it serves public content on purpose.",
                names(&list)
            ),
            edges: entries.iter().map(|x| x.2).collect(),
            parts,
            context: vec![],
            group: Some("unstated".to_owned()),
            question: true,
            severity: None,
        }];
    }
    let mut parts = Vec::new();
    let mut edges = Vec::new();
    let mut details = Vec::new();
    for (e, limited, call) in entries {
        let auth = m.has_any(e, traits::AUTHENTICATED | traits::PUBLIC);
        let missing = match (auth, limited) {
            (true, true) => continue,
            (false, false) => "authentication or rate limiting",
            (false, true) => "authentication",
            (true, false) => "rate limiting",
        };
        parts.push(e);
        edges.push(call);
        details.push(format!("{} (no {missing})", m.name(e)));
    }
    if parts.is_empty() {
        return vec![];
    }
    details.sort_unstable();
    let list: Vec<&str> = details.iter().map(String::as_str).collect();
    vec![Hit {
        message: format!(
            "Clients reach {} without protection: {}.",
            count(parts.len(), "entry point", "entry points"),
            names(&list)
        ),
        parts,
        context: vec![],
        edges,
        group: None,
        question: false,
        severity: None,
    }]
}

/// One finding for the services that lack telemetry; a question when the
/// design says nothing about tracing, metrics or logs anywhere.
fn missing_observability(m: &Model) -> Vec<Hit> {
    let population: Vec<NodeIndex> = m
        .nodes()
        .filter(|&i| {
            matches!(
                m.kind(i),
                NodeKind::Service | NodeKind::Worker | NodeKind::Gateway
            ) && !m.has(i, traits::MANAGED)
        })
        .collect();
    if population.is_empty() {
        return vec![];
    }
    if !m.states(traits::OBSERVABILITY) {
        let list = sorted_names(m, &population);
        return vec![Hit {
            message: format!(
                "The design does not say whether {} have tracing, metrics or structured logs. Mark what each one has.",
                names(&list)
            ),
            parts: population,
            context: vec![],
            edges: vec![],
            group: Some("unstated".to_owned()),
            question: true,
            severity: None,
        }];
    }
    let lacking: Vec<NodeIndex> = population
        .iter()
        .copied()
        .filter(|&i| !m.has(i, traits::OBSERVABILITY))
        .collect();
    if lacking.is_empty() {
        return vec![];
    }
    let missing = |bit| lacking.iter().filter(|&&i| !m.has(i, bit)).count();
    let mut gaps = Vec::new();
    for (bit, what) in [
        (traits::TRACED, "tracing"),
        (traits::METRICS, "metrics"),
        (traits::LOGS, "structured logs"),
    ] {
        match missing(bit) {
            0 => {}
            n => gaps.push(format!("{n} without {what}")),
        }
    }
    let list = sorted_names(m, &lacking);
    vec![Hit {
        message: format!(
            "{} of the {} services {} telemetry ({}): {}.",
            lacking.len(),
            population.len(),
            if lacking.len() == 1 { "lacks" } else { "lack" },
            gaps.join(", "),
            names(&list)
        ),
        parts: lacking,
        context: vec![],
        edges: vec![],
        group: None,
        question: false,
        severity: None,
    }]
}

fn premature_microservices(m: &Model) -> Vec<Hit> {
    let c = &m.wb.context;
    let small_team = crate::workbook::Thresholds::SMALL_TEAM;
    let small = match (c.teams, c.team_size) {
        (Some(t), _) if t <= 1 => true,
        (_, Some(p)) if p < small_team => true,
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
    let severity = (services.len() > 2 * m.t.services_per_small_team as usize)
        .then_some(crate::pitfall::Severity::High);
    vec![Hit {
        parts: services,
        context: vec![],
        edges: vec![],
        group: None,
        question: false,
        severity,
        message,
    }]
}

/// One finding for the message consumers not marked idempotent; a question
/// when no component says anything about idempotency.
fn non_idempotent_consumer(m: &Model) -> Vec<Hit> {
    let consumers: Vec<&[(NodeIndex, NodeIndex)]> = m.consumers().collect();
    if consumers.is_empty() {
        return vec![];
    }
    let stated = m.states(traits::IDEMPOTENT);
    let lacking: Vec<&[(NodeIndex, NodeIndex)]> = consumers
        .into_iter()
        .filter(|d| !m.has(d[0].1, traits::IDEMPOTENT))
        .collect();
    if lacking.is_empty() {
        return vec![];
    }
    let parts: Vec<NodeIndex> = lacking.iter().map(|d| d[0].1).collect();
    let edges = lacking.iter().flat_map(|d| d.iter().copied()).collect();
    let list = sorted_names(m, &parts);
    let (message, group) = if stated {
        (
            format!(
                "{} {} messages but {} not marked idempotent: {}.",
                count(parts.len(), "component", "components"),
                if parts.len() == 1 {
                    "consumes"
                } else {
                    "consume"
                },
                if parts.len() == 1 { "is" } else { "are" },
                names(&list)
            ),
            None,
        )
    } else {
        (
            format!(
                "The design does not say whether {} {} a repeated message safely. Mark each idempotent consumer.",
                names(&list),
                if parts.len() == 1 { "handles" } else { "handle" }
            ),
            Some("unstated".to_owned()),
        )
    };
    vec![Hit {
        parts,
        context: vec![],
        edges,
        group,
        question: !stated,
        severity: None,
        message,
    }]
}

/// One finding per strongly consistent domain whose services are updated
/// only through messages.
fn eventual_consistency_risk(m: &Model) -> Vec<Hit> {
    let domains: Vec<String> =
        m.wb.context
            .strong_consistency
            .iter()
            .map(|d| d.trim().to_ascii_lowercase())
            .filter(|d| !d.is_empty())
            .collect();
    if domains.is_empty() && !m.states(traits::STRONG_CONSISTENCY) {
        return vec![];
    }
    // (domain, service, incoming edges)
    type Found = (String, NodeIndex, Vec<(NodeIndex, NodeIndex)>);
    let mut found: Vec<Found> = Vec::new();
    for i in m.nodes().filter(|&i| is_service(m.kind(i))) {
        let n = m.node(i);
        let domain = if m.has(i, traits::STRONG_CONSISTENCY) {
            Some("strongly consistent".to_owned())
        } else {
            let text = format!("{} {} {}", n.id, n.name, n.team.as_deref().unwrap_or(""))
                .to_ascii_lowercase();
            domains.iter().find(|d| text.contains(d.as_str())).cloned()
        };
        let Some(domain) = domain else { continue };
        let incoming: Vec<_> = m.g.edges_directed(i, petgraph::Incoming).collect();
        let only_async = !incoming.is_empty()
            && m.is_consumer(i)
            && incoming.iter().all(|e| e.weight().is_message());
        if only_async {
            found.push((
                domain,
                i,
                incoming.iter().map(|e| (e.source(), i)).collect(),
            ));
        }
    }
    found.sort_by(|a, b| a.0.cmp(&b.0));
    found
        .chunk_by(|a, b| a.0 == b.0)
        .map(|group| {
            let parts: Vec<NodeIndex> = group.iter().map(|x| x.1).collect();
            let list = sorted_names(m, &parts);
            Hit {
                message: format!(
                    "{} {} the {} domain but {} updated only through asynchronous messages.",
                    names(&list),
                    if parts.len() == 1 {
                        "belongs to"
                    } else {
                        "belong to"
                    },
                    group[0].0,
                    if parts.len() == 1 { "is" } else { "are" }
                ),
                edges: group.iter().flat_map(|x| x.2.iter().copied()).collect(),
                parts,
                context: vec![],
                group: Some(group[0].0.clone()),
                question: false,
                severity: None,
            }
        })
        .collect()
}

fn stateful_service(m: &Model) -> Vec<Hit> {
    let parts: Vec<NodeIndex> = m
        .nodes()
        .filter(|&i| is_compute(m.kind(i)) && m.has(i, traits::STATEFUL))
        .collect();
    if parts.is_empty() {
        return vec![];
    }
    let list = sorted_names(m, &parts);
    vec![Hit {
        message: format!(
            "{} {} session state, so {} cannot scale out freely.",
            names(&list),
            if parts.len() == 1 { "keeps" } else { "keep" },
            if parts.len() == 1 { "it" } else { "they" }
        ),
        parts,
        context: vec![],
        edges: vec![],
        group: None,
        question: false,
        severity: None,
    }]
}

/// One finding for the caches without expiry; a question when no cache in
/// the design says anything about expiry.
fn cache_without_expiry(m: &Model) -> Vec<Hit> {
    let caches: Vec<NodeIndex> = m
        .nodes()
        .filter(|&i| m.kind(i) == NodeKind::Cache)
        .collect();
    let lacking: Vec<NodeIndex> = caches
        .iter()
        .copied()
        .filter(|&i| !m.has(i, traits::TTL))
        .collect();
    if lacking.is_empty() {
        return vec![];
    }
    let stated = m.states(traits::TTL);
    let list = sorted_names(m, &lacking);
    vec![Hit {
        message: if stated {
            format!(
                "{} {} no expiry or invalidation policy.",
                names(&list),
                if lacking.len() == 1 { "has" } else { "have" }
            )
        } else {
            format!(
                "The design does not say how entries leave {}. Mark each cache that expires its entries (ttl).",
                names(&list)
            )
        },
        parts: lacking,
        context: vec![],
        edges: vec![],
        group: (!stated).then(|| "unstated".to_owned()),
        question: !stated,
        severity: None,
    }]
}

fn component_sprawl(m: &Model) -> Vec<Hit> {
    let operated: Vec<NodeIndex> = m
        .nodes()
        .filter(|&i| {
            !matches!(
                m.kind(i),
                NodeKind::Client | NodeKind::External | NodeKind::Cdn
            ) && !m.has(i, traits::MANAGED)
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
    let severity = (operated.len() > 2 * limit).then_some(crate::pitfall::Severity::High);
    vec![Hit {
        parts: operated,
        context: vec![],
        edges: vec![],
        group: None,
        question: false,
        severity,
        message,
    }]
}

/// One finding per external API, naming its callers without guards; a
/// question when no component says anything about timeouts, retries or
/// circuit breakers.
fn fragile_external_call(m: &Model) -> Vec<Hit> {
    let stated = m.states(traits::CALL_GUARDS);
    let mut hits = Vec::new();
    for x in m.nodes().filter(|&i| m.kind(i) == NodeKind::External) {
        let mut callers: Vec<(NodeIndex, &str)> = Vec::new();
        for e in m.g.edges_directed(x, petgraph::Incoming) {
            let link = e.weight();
            if link.style != EdgeStyle::Sync || link.from == NodeKind::Client {
                continue;
            }
            let c = e.source();
            let guarded = m.has(c, traits::RETRIES) || m.has(c, traits::CIRCUIT_BREAKER);
            let missing = match (m.has(c, traits::TIMEOUTS), guarded) {
                (true, true) => continue,
                (false, false) => "no timeout, retries or circuit breaker",
                (false, true) => "no timeout",
                (true, false) => "no retries or circuit breaker",
            };
            callers.push((c, missing));
        }
        if callers.is_empty() {
            continue;
        }
        callers.sort_by_key(|&(c, _)| c);
        callers.dedup_by_key(|x| x.0);
        let parts: Vec<NodeIndex> = callers.iter().map(|x| x.0).collect();
        let message = if stated {
            let mut details: Vec<String> = callers
                .iter()
                .map(|&(c, missing)| format!("{} ({missing})", m.name(c)))
                .collect();
            details.sort_unstable();
            let list: Vec<&str> = details.iter().map(String::as_str).collect();
            format!(
                "{} is called without protection by {}.",
                m.name(x),
                names(&list)
            )
        } else {
            let list = sorted_names(m, &parts);
            format!(
                "The design does not say whether {} {} {} with timeouts, retries or a circuit breaker. Mark what each caller has.",
                names(&list),
                if parts.len() == 1 { "calls" } else { "call" },
                m.name(x)
            )
        };
        hits.push(Hit {
            edges: parts.iter().map(|&c| (c, x)).collect(),
            parts,
            context: vec![x],
            group: Some(if stated {
                m.node(x).id.clone()
            } else {
                format!("unstated:{}", m.node(x).id)
            }),
            question: !stated,
            severity: None,
            message,
        });
    }
    hits
}

/// One finding for stores of record (databases, object storage) without
/// backups, or without a standby when the recovery point is short; a
/// question when the design says nothing about backups anywhere.
fn store_without_backup(m: &Model) -> Vec<Hit> {
    let stores: Vec<NodeIndex> = m
        .nodes()
        .filter(|&i| matches!(m.kind(i), NodeKind::Database | NodeKind::ObjectStorage))
        .collect();
    if stores.is_empty() {
        return vec![];
    }
    let short_rpo = m.wb.context.rpo_minutes.filter(|&r| r < 60);
    if !m.states(traits::BACKUPS) {
        let list = sorted_names(m, &stores);
        return vec![Hit {
            message: format!(
                "The design does not say how {} {} backed up. Mark each store with tested backups (backups).",
                names(&list),
                if stores.len() == 1 { "is" } else { "are" }
            ),
            parts: stores,
            context: vec![],
            edges: vec![],
            group: Some("unstated".to_owned()),
            question: true,
            severity: None,
        }];
    }
    let mut details = Vec::new();
    let mut parts = Vec::new();
    for s in stores {
        let backups = m.has(s, traits::BACKUPS);
        let standby = m.node(s).replicas() > 1 || m.has(s, traits::MANAGED);
        let gap = match (backups, short_rpo.is_some() && !standby) {
            (false, _) => "no backups",
            (true, true) => "backups but no standby",
            (true, false) => continue,
        };
        parts.push(s);
        details.push(format!("{} ({gap})", m.name(s)));
    }
    if parts.is_empty() {
        return vec![];
    }
    details.sort_unstable();
    let list: Vec<&str> = details.iter().map(String::as_str).collect();
    let rpo = short_rpo
        .map(|r| format!(" for a recovery point of {r} minutes"))
        .unwrap_or_default();
    vec![Hit {
        message: format!(
            "{} cannot be recovered{rpo}: {}.",
            count(parts.len(), "store of record", "stores of record"),
            names(&list)
        ),
        parts,
        context: vec![],
        edges: vec![],
        group: None,
        question: false,
        severity: None,
    }]
}

/// One finding for services marked as holding sensitive data that accept
/// calls without authentication.
fn exposed_sensitive_data(m: &Model) -> Vec<Hit> {
    let parts: Vec<NodeIndex> = m
        .nodes()
        .filter(|&i| {
            is_compute(m.kind(i))
                && m.has(i, traits::SENSITIVE_DATA)
                && !m.has(i, traits::AUTHENTICATED)
        })
        .collect();
    if parts.is_empty() {
        return vec![];
    }
    let callers: Vec<(NodeIndex, NodeIndex)> = parts
        .iter()
        .flat_map(|&p| {
            m.g.edges_directed(p, petgraph::Incoming)
                .map(move |e| (e.source(), p))
        })
        .collect();
    let list = sorted_names(m, &parts);
    vec![Hit {
        message: format!(
            "{} {} sensitive data but {} calls from any caller without checking who it is.",
            names(&list),
            if parts.len() == 1 { "holds" } else { "hold" },
            if parts.len() == 1 {
                "accepts"
            } else {
                "accept"
            }
        ),
        parts,
        context: vec![],
        edges: callers,
        group: None,
        question: false,
        severity: None,
    }]
}

/// One finding per queue-fed worker that components also call
/// synchronously: a request then waits on a component sized and scheduled
/// for background work.
fn sync_call_to_queue_worker(m: &Model) -> Vec<Hit> {
    let mut hits = Vec::new();
    for w in m
        .nodes()
        .filter(|&i| m.kind(i) == NodeKind::Worker && m.is_consumer(i))
    {
        let callers: Vec<NodeIndex> = distinct(
            m.g.edges_directed(w, petgraph::Incoming)
                .filter(|e| e.weight().is_sync_call() && e.weight().from != NodeKind::Client)
                .map(|e| e.source())
                .collect(),
        );
        if callers.is_empty() {
            continue;
        }
        let list = sorted_names(m, &callers);
        hits.push(Hit {
            message: format!(
                "{} {} synchronously on {}, which takes its work from a queue.",
                names(&list),
                if callers.len() == 1 { "waits" } else { "wait" },
                m.name(w)
            ),
            edges: callers.iter().map(|&c| (c, w)).collect(),
            parts: callers,
            context: vec![w],
            group: Some(m.node(w).id.clone()),
            question: false,
            severity: None,
        });
    }
    hits
}

/// One finding for the consumers of queues whose failing messages have
/// nowhere to go; a question when the design says nothing about dead
/// letters anywhere.
fn missing_dead_letter(m: &Model) -> Vec<Hit> {
    let from_queues: Vec<(NodeIndex, NodeIndex)> = m
        .deliveries()
        .iter()
        .copied()
        .filter(|&(q, _)| m.kind(q) == NodeKind::Queue)
        .collect();
    let lacking: Vec<(NodeIndex, NodeIndex)> = from_queues
        .into_iter()
        .filter(|&(q, c)| !m.has(q, traits::DEAD_LETTER) && !m.has(c, traits::DEAD_LETTER))
        .collect();
    if lacking.is_empty() {
        return vec![];
    }
    let parts = distinct(lacking.iter().map(|x| x.1).collect());
    let stated = m.states(traits::DEAD_LETTER);
    let list = sorted_names(m, &parts);
    vec![Hit {
        message: if stated {
            format!(
                "{} {} messages from a queue with no dead-letter handling: a message that keeps failing blocks or vanishes.",
                names(&list),
                if parts.len() == 1 { "consumes" } else { "consume" }
            )
        } else {
            format!(
                "The design does not say where messages that keep failing go, for {}. Mark the queues or consumers that have dead-letter handling.",
                names(&list)
            )
        },
        edges: lacking,
        parts,
        context: vec![],
        group: (!stated).then(|| "unstated".to_owned()),
        question: !stated,
        severity: None,
    }]
}
