//! The review's rules: content and detections match one to one, each rule is
//! detected on a minimal design and not on a near miss, a clean reference
//! design scores well, and accepted risks keep their identity.

use archbook_core::analysis::{analyze, rule_ids, Report};
use archbook_core::content::{builtin_checklists, builtin_pitfalls, PITFALL_FILES};
use archbook_core::pitfall::Severity;
use archbook_core::{load, AcceptedRisk, Workbook};
use serde_json::{json, Value};

/// The identifiers fixed by the product brief.
const BRIEF: &[&str] = &[
    "shared-datastore",
    "sync-chain-depth",
    "sync-cycle",
    "sync-fan-out",
    "uncached-read-path",
    "single-point-of-failure",
    "unprotected-entry",
    "missing-observability",
    "premature-microservices",
    "non-idempotent-consumer",
    "eventual-consistency-risk",
    "stateful-service",
    "cache-without-expiry",
    "component-sprawl",
    "fragile-external-call",
    "decision-graph-mismatch",
];

fn review(wb: &Workbook) -> Report {
    analyze(wb, &builtin_pitfalls(), &builtin_checklists())
}

/// A workbook from compact nodes ("id:kind*replicas[trait,trait]") and edges
/// ("a->b", "a~>b" for async, "a->b:read").
fn design(nodes: &[&str], edges: &[&str], context: Value) -> Workbook {
    let nodes: Vec<Value> = nodes
        .iter()
        .map(|spec| {
            let (head, traits) = spec
                .split_once('[')
                .map_or((*spec, ""), |(h, t)| (h, t.trim_end_matches(']')));
            let (id, kind) = head.split_once(':').unwrap();
            let (kind, replicas) = kind
                .split_once('*')
                .map_or((kind, 1), |(k, r)| (k, r.parse().unwrap()));
            let traits: Vec<&str> = traits.split(',').filter(|t| !t.is_empty()).collect();
            json!({ "id": id, "name": id, "kind": kind, "replicas": replicas, "traits": traits })
        })
        .collect();
    let edges: Vec<Value> = edges
        .iter()
        .map(|spec| {
            let (spec, access) = spec
                .split_once(':')
                .map_or((*spec, None), |(s, a)| (s, Some(a)));
            let (style, (a, b)) = match spec.split_once("~>") {
                Some(pair) => ("async", pair),
                None => ("sync", spec.split_once("->").unwrap()),
            };
            let mut e = json!({ "from": a, "to": b, "style": style });
            if let Some(access) = access {
                e["access"] = json!(access);
            }
            e
        })
        .collect();
    let v = json!({ "format": "archbook-workbook", "version": 1, "title": "t", "context": context,
                    "graph": { "nodes": nodes, "edges": edges } });
    load(&v.to_string()).unwrap()
}

/// A finding's node ids, as plain strings to compare.
fn ids(nodes: &[std::sync::Arc<str>]) -> Vec<&str> {
    nodes.iter().map(|n| &**n).collect()
}

fn rules_found(wb: &Workbook) -> Vec<String> {
    review(wb)
        .findings
        .into_iter()
        .map(|f| f.rule.to_owned())
        .collect()
}

fn has(wb: &Workbook, rule: &str) -> bool {
    rules_found(wb).iter().any(|r| r == rule)
}

/// Well-behaved traits for a service, so that only the rule under test fires.
const OK: &str = "traced,metrics,logs,authenticated,rate-limited,idempotent,timeouts,retries";

#[test]
fn content_and_detections_match_one_to_one() {
    let mut content: Vec<String> = builtin_pitfalls().into_iter().map(|p| p.id).collect();
    let mut detections: Vec<String> = rule_ids().into_iter().map(String::from).collect();
    let mut brief: Vec<String> = BRIEF.iter().map(|s| s.to_string()).collect();
    content.sort();
    detections.sort();
    brief.sort();
    assert_eq!(content, detections);
    assert_eq!(content, brief);
    for ((file, _), p) in PITFALL_FILES.iter().zip(builtin_pitfalls()) {
        assert_eq!(*file, format!("{}.md", p.id));
        assert!(
            p.why.contains(' ') && p.fix.contains(' ') && !p.sources.is_empty(),
            "{}",
            p.id
        );
    }
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../content/pitfalls");
    assert_eq!(
        std::fs::read_dir(dir).unwrap().count(),
        PITFALL_FILES.len(),
        "every file in content/pitfalls is shipped"
    );
}

#[test]
fn a_broken_pitfall_file_names_the_line() {
    let src = PITFALL_FILES[0]
        .1
        .replace("**Severity:** high", "**Severity:** severe");
    let e = archbook_core::pitfall::parse("x.md", &src).unwrap_err();
    assert_eq!(
        e.to_string(),
        "x.md:4: unknown severity \"severe\"; expected high, medium or low\n"
    );
}

#[test]
fn the_clean_reference_design_scores_at_least_90_with_no_high_finding() {
    let wb = load(include_str!("../../../tests/fixtures/reference.json")).unwrap();
    let r = review(&wb);
    assert!(
        r.overall >= 90,
        "score {} with {:#?}",
        r.overall,
        r.findings
    );
    assert_eq!(r.open_at_least(Severity::High), 0, "{:#?}", r.findings);
    assert!(
        r.findings.is_empty(),
        "the reference design should be clean: {:#?}",
        r.findings
    );
}

#[test]
fn shared_datastore() {
    let ctx = json!({});
    let hit = design(
        &["a:service*2", "b:service*2", "db:database*2"],
        &["a->db", "b->db"],
        ctx.clone(),
    );
    let f = review(&hit)
        .findings
        .into_iter()
        .find(|f| f.rule == "shared-datastore")
        .unwrap();
    assert_eq!(f.message, "db is used directly by a and b.");
    assert_eq!(ids(&f.nodes), ["a", "b", "db"]);
    assert_eq!(
        f.edges,
        [("a".into(), "db".into()), ("b".into(), "db".into())]
    );
    // Near miss: each service has its own database.
    let miss = design(
        &[
            "a:service*2",
            "b:service*2",
            "da:database*2",
            "db:database*2",
        ],
        &["a->da", "b->db"],
        ctx,
    );
    assert!(!has(&miss, "shared-datastore"));
}

#[test]
fn sync_chain_depth() {
    let chain = |n: usize| {
        let nodes: Vec<String> = (0..=n).map(|i| format!("s{i}:service*2[{OK}]")).collect();
        let edges: Vec<String> = (0..n).map(|i| format!("s{i}->s{}", i + 1)).collect();
        design(
            &nodes.iter().map(String::as_str).collect::<Vec<_>>(),
            &edges.iter().map(String::as_str).collect::<Vec<_>>(),
            json!({}),
        )
    };
    let f = review(&chain(4))
        .findings
        .into_iter()
        .find(|f| f.rule == "sync-chain-depth")
        .unwrap();
    assert!(
        f.message.starts_with(
            "A request passes through 4 synchronous calls in a row (s0 → s1 → s2 → s3 → s4)"
        ),
        "{}",
        f.message
    );
    assert!(
        !has(&chain(3), "sync-chain-depth"),
        "three hops is the default limit"
    );
    // Async hops and data stores do not count.
    let mixed = design(
        &[
            &format!("a:service*2[{OK}]"),
            &format!("b:service*2[{OK}]"),
            "q:queue*2",
            &format!("c:service*2[{OK}]"),
            &format!("d:service*2[{OK}]"),
            "db:database*2",
        ],
        &["a->b", "b->q", "q~>c", "c->d", "d->db"],
        json!({}),
    );
    assert!(!has(&mixed, "sync-chain-depth"));
    // The limit can be changed per workbook.
    let mut strict = chain(3);
    strict.thresholds = Some(archbook_core::Thresholds {
        sync_chain_depth: 2,
        ..Default::default()
    });
    assert!(has(&strict, "sync-chain-depth"));
}

#[test]
fn sync_cycle() {
    let hit = design(
        &[&format!("a:service*2[{OK}]"), &format!("b:service*2[{OK}]")],
        &["a->b", "b->a"],
        json!({}),
    );
    let f = review(&hit)
        .findings
        .into_iter()
        .find(|f| f.rule == "sync-cycle")
        .unwrap();
    assert_eq!(
        f.message,
        "a and b call each other synchronously in a loop."
    );
    let miss = design(
        &[&format!("a:service*2[{OK}]"), &format!("b:service*2[{OK}]")],
        &["a->b", "b~>a"],
        json!({}),
    );
    assert!(
        !has(&miss, "sync-cycle"),
        "an asynchronous reply is no loop of calls"
    );
}

#[test]
fn sync_fan_out() {
    let fan = |n: usize| {
        let mut nodes = vec![format!("hub:service*2[{OK}]")];
        nodes.extend((0..n).map(|i| format!("s{i}:service*2[{OK}]")));
        let edges: Vec<String> = (0..n).map(|i| format!("hub->s{i}")).collect();
        design(
            &nodes.iter().map(String::as_str).collect::<Vec<_>>(),
            &edges.iter().map(String::as_str).collect::<Vec<_>>(),
            json!({}),
        )
    };
    assert!(has(&fan(4), "sync-fan-out"));
    assert!(!has(&fan(3), "sync-fan-out"));
}

#[test]
fn uncached_read_path() {
    let hit = design(
        &[&format!("api:service*2[{OK}]"), "db:database*2[read-heavy]"],
        &["api->db:read"],
        json!({}),
    );
    let f = review(&hit)
        .findings
        .into_iter()
        .find(|f| f.rule == "uncached-read-path")
        .unwrap();
    assert_eq!(
        f.message,
        "db is read-heavy and api read it with no cache in front."
    );
    // Cache-aside: the reader also reads a cache beside the database.
    let miss = design(
        &[
            &format!("api:service*2[{OK}]"),
            "db:database*2[read-heavy]",
            "c:cache*2[ttl]",
        ],
        &["api->db:read", "api->c:read"],
        json!({}),
    );
    assert!(!has(&miss, "uncached-read-path"));
    // The context's read share marks databases read-heavy too.
    let ctx = design(
        &[&format!("api:service*2[{OK}]"), "db:database*2"],
        &["api->db:read-write"],
        json!({ "read_percent": 90 }),
    );
    assert!(has(&ctx, "uncached-read-path"));
}

#[test]
fn single_point_of_failure() {
    let hit = design(
        &["web:client", &format!("api:service[{OK}]")],
        &["web->api"],
        json!({}),
    );
    let f = review(&hit)
        .findings
        .into_iter()
        .find(|f| f.rule == "single-point-of-failure")
        .unwrap();
    assert_eq!(ids(&f.nodes), ["api"]);
    let miss = design(
        &[
            "web:client",
            &format!("api:service*2[{OK}]"),
            &format!("batch:worker[{OK}]"),
        ],
        &["web->api"],
        json!({}),
    );
    assert!(
        !has(&miss, "single-point-of-failure"),
        "a worker off the request path is not on it"
    );
}

#[test]
fn unprotected_entry() {
    let hit = design(
        &[
            "web:client",
            "lb:load-balancer*2",
            "api:service*2[traced,metrics,logs,authenticated]",
        ],
        &["web->lb", "lb->api"],
        json!({}),
    );
    let f = review(&hit)
        .findings
        .into_iter()
        .find(|f| f.rule == "unprotected-entry")
        .unwrap();
    assert_eq!(
        f.message, "Clients reach api without rate limiting.",
        "seen through the load balancer"
    );
    let miss = design(
        &["web:client", &format!("api:service*2[{OK}]")],
        &["web->api"],
        json!({}),
    );
    assert!(!has(&miss, "unprotected-entry"));
}

#[test]
fn missing_observability() {
    let hit = design(&["api:service*2[logs]"], &[], json!({}));
    let f = review(&hit)
        .findings
        .into_iter()
        .find(|f| f.rule == "missing-observability")
        .unwrap();
    assert_eq!(f.message, "api has no tracing or metrics.");
    let miss = design(
        &["api:service*2[traced,metrics,logs]", "db:database*2"],
        &[],
        json!({}),
    );
    assert!(
        !has(&miss, "missing-observability"),
        "data stores are not services"
    );
}

#[test]
fn premature_microservices() {
    let services: Vec<String> = (0..4).map(|i| format!("s{i}:service*2[{OK}]")).collect();
    let nodes: Vec<&str> = services.iter().map(String::as_str).collect();
    let f = review(&design(&nodes, &[], json!({ "team_size": 5, "teams": 1 })))
        .findings
        .into_iter()
        .find(|f| f.rule == "premature-microservices")
        .unwrap();
    assert!(
        f.message
            .starts_with("4 independently deployed services for a team of 5"),
        "{}",
        f.message
    );
    assert!(!has(
        &design(&nodes, &[], json!({ "team_size": 30, "teams": 4 })),
        "premature-microservices"
    ));
    assert!(!has(
        &design(&nodes[..3], &[], json!({ "team_size": 5, "teams": 1 })),
        "premature-microservices"
    ));
}

#[test]
fn non_idempotent_consumer() {
    let hit = design(
        &[
            &format!("api:service*2[{OK}]"),
            "q:queue*2",
            "mail:worker*2[traced,metrics,logs]",
        ],
        &["api~>q", "q->mail"],
        json!({}),
    );
    let f = review(&hit)
        .findings
        .into_iter()
        .find(|f| f.rule == "non-idempotent-consumer")
        .unwrap();
    assert_eq!(ids(&f.nodes), ["mail"]);
    assert_eq!(
        f.edges,
        [("q".into(), "mail".into())],
        "edges out of a queue are deliveries"
    );
    let miss = design(
        &[
            &format!("api:service*2[{OK}]"),
            "q:queue*2",
            &format!("mail:worker*2[{OK}]"),
        ],
        &["api~>q", "q->mail"],
        json!({}),
    );
    assert!(!has(&miss, "non-idempotent-consumer"));
}

#[test]
fn eventual_consistency_risk() {
    let nodes = [
        &format!("orders:service*2[{OK}]") as &str,
        "q:queue*2",
        &format!("payments:worker*2[{OK}]"),
    ];
    let hit = design(
        &nodes,
        &["orders~>q", "q~>payments"],
        json!({ "strong_consistency": ["payments"] }),
    );
    let f = review(&hit)
        .findings
        .into_iter()
        .find(|f| f.rule == "eventual-consistency-risk")
        .unwrap();
    assert_eq!(f.message, "payments belongs to the payments domain but is updated only through asynchronous messages.");
    assert!(!has(
        &design(&nodes, &["orders~>q", "q~>payments"], json!({})),
        "eventual-consistency-risk"
    ));
    let sync = design(
        &nodes,
        &["orders->payments"],
        json!({ "strong_consistency": ["payments"] }),
    );
    assert!(!has(&sync, "eventual-consistency-risk"));
}

#[test]
fn stateful_service() {
    assert!(has(
        &design(&[&format!("api:service*2[{OK},stateful]")], &[], json!({})),
        "stateful-service"
    ));
    assert!(!has(
        &design(&[&format!("api:service*2[{OK},stateless]")], &[], json!({})),
        "stateful-service"
    ));
}

#[test]
fn cache_without_expiry() {
    assert!(has(
        &design(&["c:cache*2"], &[], json!({})),
        "cache-without-expiry"
    ));
    assert!(!has(
        &design(&["c:cache*2[ttl]"], &[], json!({})),
        "cache-without-expiry"
    ));
}

#[test]
fn component_sprawl() {
    let many: Vec<String> = (0..9).map(|i| format!("d{i}:database*2")).collect();
    let nodes: Vec<&str> = many.iter().map(String::as_str).collect();
    assert!(has(
        &design(&nodes, &[], json!({ "teams": 1 })),
        "component-sprawl"
    ));
    assert!(!has(
        &design(&nodes, &[], json!({ "teams": 2 })),
        "component-sprawl"
    ));
    assert!(!has(
        &design(&nodes[..8], &[], json!({ "teams": 1 })),
        "component-sprawl"
    ));
}

#[test]
fn fragile_external_call() {
    let hit = design(
        &[
            "api:service*2[traced,metrics,logs,timeouts]",
            "psp:external",
        ],
        &["api->psp"],
        json!({}),
    );
    let f = review(&hit)
        .findings
        .into_iter()
        .find(|f| f.rule == "fragile-external-call")
        .unwrap();
    assert_eq!(
        f.message,
        "api calls psp with no retries or circuit breaker."
    );
    let miss = design(
        &[
            "api:service*2[traced,metrics,logs,timeouts,circuit-breaker]",
            "psp:external",
        ],
        &["api->psp"],
        json!({}),
    );
    assert!(!has(&miss, "fragile-external-call"));
}

#[test]
fn decision_graph_mismatch() {
    let services: Vec<String> = (0..4).map(|i| format!("s{i}:service*2[{OK}]")).collect();
    let nodes: Vec<&str> = services.iter().map(String::as_str).collect();
    let mut wb = design(&nodes, &[], json!({ "team_size": 40, "teams": 4 }));
    wb.decisions.insert(
        "service-boundaries".into(),
        serde_json::from_value(json!({ "chosen": "modular-monolith" })).unwrap(),
    );
    let f = review(&wb)
        .findings
        .into_iter()
        .find(|f| f.rule == "decision-graph-mismatch")
        .unwrap();
    assert_eq!(f.message, "The decision is \"Modular monolith\", but the graph has 4 independently deployed services.");
    assert_eq!(f.decision.as_deref(), Some("service-boundaries"));
    wb.decisions.insert(
        "service-boundaries".into(),
        serde_json::from_value(json!({ "chosen": "microservices" })).unwrap(),
    );
    assert!(!has(&wb, "decision-graph-mismatch"));
    // A caching decision with no cache drawn.
    let mut wb = design(&[&format!("api:service*2[{OK}]")], &[], json!({}));
    wb.decisions.insert(
        "caching".into(),
        serde_json::from_value(json!({ "chosen": "cache-aside-ttl" })).unwrap(),
    );
    assert!(review(&wb)
        .findings
        .iter()
        .any(|f| f.message
            == "The decision is \"Cache-aside with expiry\", but the graph has no cache."));
}

#[test]
fn an_accepted_finding_leaves_the_score_and_stays_accepted_across_edits() {
    let mut wb = design(
        &[
            &format!("a:service*2[{OK}]"),
            &format!("b:service*2[{OK}]"),
            "db:database*2",
        ],
        &["a->db", "b->db"],
        json!({}),
    );
    let before = review(&wb);
    wb.accepted.push(AcceptedRisk {
        rule: "shared-datastore".into(),
        nodes: vec!["db".into(), "b".into(), "a".into()],
        edges: vec![],
        decision: None,
        reason: "Migration planned for Q3.".into(),
        extra: Default::default(),
    });
    let after = review(&wb);
    assert_eq!(
        after.findings.len(),
        before.findings.len(),
        "accepted findings stay listed"
    );
    assert_eq!(
        after.findings[0].accepted.as_deref(),
        Some("Migration planned for Q3.")
    );
    assert!(after.overall > before.overall);
    // An unrelated edit: a new node elsewhere.
    let mut v: Value = serde_json::from_str(&archbook_core::to_json(&wb)).unwrap();
    v["graph"]["nodes"]
        .as_array_mut()
        .unwrap()
        .push(json!({ "id": "cdn", "kind": "cdn" }));
    let edited = load(&v.to_string()).unwrap();
    assert_eq!(
        review(&edited)
            .findings
            .iter()
            .find(|f| f.rule == "shared-datastore")
            .unwrap()
            .accepted
            .as_deref(),
        Some("Migration planned for Q3.")
    );
}

#[test]
fn scores_follow_the_documented_formula() {
    let wb = design(&["c:cache*2", "d:cache*2"], &[], json!({}));
    let r = review(&wb);
    // Two medium data findings: 100 × 0.94² = 88.36.
    assert_eq!(r.overall, 88);
    let data = r
        .categories
        .iter()
        .find(|(c, _)| c.id() == "data")
        .unwrap()
        .1;
    assert_eq!(data, 88);
    assert!(r
        .categories
        .iter()
        .filter(|(c, _)| c.id() != "data")
        .all(|(_, s)| *s == 100));
}

/// The templates are where teams start: each is a sound design with no high
/// finding (medium and low ones are fine, they are prompts to think).
#[test]
fn templates_start_without_high_findings() {
    use archbook_core::canvas::catalog::Template;
    let pitfalls = archbook_core::content::builtin_pitfalls();
    let checklists = archbook_core::content::builtin_checklists();
    for t in Template::ALL {
        let mut wb = archbook_core::Workbook::new(t.label());
        wb.graph = t.graph();
        let r = archbook_core::analysis::analyze(&wb, &pitfalls, &checklists);
        let high: Vec<_> = r
            .findings
            .iter()
            .filter(|f| f.severity == archbook_core::pitfall::Severity::High)
            .map(|f| format!("{}: {}", f.rule, f.message))
            .collect();
        assert!(high.is_empty(), "{}: {high:#?}", t.id());
        println!("{}: {} ({} findings)", t.id(), r.overall, r.findings.len());
    }
}

/// The first-run example shows every part of the app: answers, a placed
/// graph, open findings of several severities and an accepted risk.
#[test]
fn the_example_workbook_has_something_to_explore_in_every_step() {
    let wb =
        archbook_core::load(archbook_core::content::EXAMPLE_WORKBOOK).expect("the example loads");
    assert!(!wb.context.problem.is_empty());
    assert!(wb.decisions.len() >= 2);
    assert!(wb
        .graph
        .nodes
        .iter()
        .all(|n| n.x.is_some() && n.y.is_some()));
    let checklists = archbook_core::content::builtin_checklists();
    let r = archbook_core::analysis::analyze(
        &wb,
        &archbook_core::content::builtin_pitfalls(),
        &checklists,
    );
    assert!(r.findings.iter().any(|f| f.accepted.is_some()));
    assert!(r.open_at_least(archbook_core::pitfall::Severity::Medium) >= 2);
    assert!((50..100).contains(&r.overall), "{}", r.overall);
}

/// Accepting and reopening go by the finding's identity, whatever order the
/// file lists the nodes in.
#[test]
fn accepting_and_reopening_a_finding_by_its_identity() {
    let mut wb = archbook_core::load(archbook_core::content::EXAMPLE_WORKBOOK).unwrap();
    let nodes = vec!["mail".to_owned()];
    wb.accept_risk(
        "non-idempotent-consumer",
        &nodes,
        None,
        "Receipts may go out twice.".into(),
    );
    let a = wb.accepted.last().unwrap();
    assert!(a.covers("non-idempotent-consumer", &nodes, None));
    assert!(!a.covers("missing-observability", &nodes, None));
    // The example lists ["api", "psp"]; a finding's nodes are sorted.
    assert!(wb.accepted[0].covers("fragile-external-call", &["api", "psp"], None));
    let before = wb.accepted.len();
    wb.reopen_risk("non-idempotent-consumer", &nodes, None);
    assert_eq!(wb.accepted.len(), before - 1);
}
