//! The review's rules: content and detections match one to one; each rule is
//! detected on a minimal design and not on a near miss; findings are one per
//! problem, naming every component; questions replace accusations where the
//! design says nothing; acceptances cover the components they name; and the
//! score follows its documented formula.

use archbook_core::analysis::{analyze, rule_ids, Finding, Report};
use archbook_core::content::{builtin_checklists, builtin_pitfalls, PITFALL_FILES};
use archbook_core::pitfall::Severity;
use archbook_core::{load, Workbook};
use serde_json::{json, Value};

/// The identifiers fixed by the product brief (more rules are welcome).
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

/// A workbook from compact nodes ("id:kind*replicas[trait,trait]", no `*`
/// for an unstated count) and edges ("a->b", "a~>b" for async, "a->b:read").
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
                .map_or((kind, None), |(k, r)| (k, Some(r.parse::<u32>().unwrap())));
            let traits: Vec<&str> = traits.split(',').filter(|t| !t.is_empty()).collect();
            let mut n = json!({ "id": id, "name": id, "kind": kind, "traits": traits });
            if let Some(r) = replicas {
                n["replicas"] = json!(r);
            }
            n
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
    let v = json!({ "format": "archbook-workbook", "version": 2, "title": "t", "context": context,
                    "graph": { "nodes": nodes, "edges": edges } });
    load(&v.to_string()).unwrap()
}

fn ids(nodes: &[std::sync::Arc<str>]) -> Vec<&str> {
    nodes.iter().map(|n| &**n).collect()
}

fn found(wb: &Workbook, rule: &str) -> Vec<Finding> {
    review(wb)
        .findings
        .into_iter()
        .filter(|f| f.rule == rule)
        .collect()
}

fn one(wb: &Workbook, rule: &str) -> Finding {
    let mut all = found(wb, rule);
    assert_eq!(all.len(), 1, "{rule}: {all:#?}");
    all.remove(0)
}

fn has(wb: &Workbook, rule: &str) -> bool {
    !found(wb, rule).is_empty()
}

/// Well-behaved traits for a service, so that only the rule under test fires.
const OK: &str =
    "traced,metrics,logs,authenticated,rate-limited,idempotent,timeouts,retries,dead-letter";

#[test]
fn content_and_detections_match_one_to_one_and_cover_the_brief() {
    let mut content: Vec<String> = builtin_pitfalls().into_iter().map(|p| p.id).collect();
    let mut detections: Vec<String> = rule_ids().into_iter().map(String::from).collect();
    content.sort();
    detections.sort();
    assert_eq!(content, detections);
    for id in BRIEF {
        assert!(
            content.iter().any(|c| c == id),
            "{id} is fixed by the brief"
        );
    }
    for ((file, _), p) in PITFALL_FILES.iter().zip(builtin_pitfalls()) {
        assert_eq!(*file, format!("{}.md", p.id));
        assert!(
            p.why.contains(' ')
                && p.fix.contains(' ')
                && p.grouping.contains(' ')
                && !p.sources.is_empty(),
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
fn the_clean_reference_design_has_no_finding() {
    let wb = load(include_str!("../../../tests/fixtures/reference.json")).unwrap();
    let r = review(&wb);
    assert!(r.findings.is_empty(), "{:#?}", r.findings);
    assert_eq!(r.overall, 100);
}

#[test]
fn shared_datastore_one_per_store_and_not_within_one_service() {
    let hit = design(
        &[
            "a:service*2",
            "b:service*2",
            "c:service*2",
            "db:database*2",
            "d2:database*2",
        ],
        &["a->db", "b->db", "b->d2", "c->d2"],
        json!({}),
    );
    let all = found(&hit, "shared-datastore");
    assert_eq!(all.len(), 2, "two shared stores are two problems");
    let f = all
        .iter()
        .find(|f| f.group.as_deref() == Some("db"))
        .unwrap();
    assert_eq!(f.message, "db is used directly by 2 components: a and b.");
    assert_eq!(ids(&f.parts), ["a", "b"]);
    assert_eq!(ids(&f.nodes), ["a", "b", "db"]);
    // Near miss: each service has its own database.
    let miss = design(
        &[
            "a:service*2",
            "b:service*2",
            "da:database*2",
            "db:database*2",
        ],
        &["a->da", "b->db"],
        json!({}),
    );
    assert!(!has(&miss, "shared-datastore"));
    // Near miss: an API and its own worker (part_of) share their store.
    let mut own = design(
        &["api:service*2", "worker:worker*2", "db:database*2"],
        &["api->db", "worker->db"],
        json!({}),
    );
    own.graph.nodes[1].part_of = Some("api".into());
    assert!(!has(&own, "shared-datastore"));
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
    let f = one(&chain(4), "sync-chain-depth");
    assert!(
        f.message.starts_with(
            "A request passes through 4 synchronous calls in a row (s0 → s1 → s2 → s3 → s4)"
        ),
        "{}",
        f.message
    );
    assert_eq!(f.parts.len(), 5);
    assert!(
        !has(&chain(3), "sync-chain-depth"),
        "three hops is the default limit"
    );
    // Async hops, data stores, load balancers and CDNs do not count.
    let mixed = design(
        &[
            "lb:load-balancer*2",
            &format!("a:service*2[{OK}]"),
            &format!("b:service*2[{OK}]"),
            "q:queue*2",
            &format!("c:service*2[{OK}]"),
            &format!("d:service*2[{OK}]"),
            "db:database*2",
        ],
        &["lb->a", "a->b", "b->q", "q~>c", "c->d", "d->db"],
        json!({}),
    );
    assert!(!has(&mixed, "sync-chain-depth"));
    let mut strict = chain(3);
    strict.thresholds = Some(archbook_core::Thresholds {
        sync_chain_depth: 2,
        ..Default::default()
    });
    assert!(has(&strict, "sync-chain-depth"));
}

#[test]
fn sync_cycle_one_per_loop() {
    let hit = design(
        &[
            &format!("a:service*2[{OK}]"),
            &format!("b:service*2[{OK}]"),
            &format!("c:service*2[{OK}]"),
            &format!("d:service*2[{OK}]"),
        ],
        &["a->b", "b->a", "c->d", "d->c"],
        json!({}),
    );
    let all = found(&hit, "sync-cycle");
    assert_eq!(all.len(), 2);
    assert_eq!(
        all[0].message,
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
    let f = one(&fan(4), "sync-fan-out");
    assert_eq!(
        (ids(&f.parts), f.group.as_deref()),
        (vec!["hub"], Some("hub"))
    );
    assert!(!has(&fan(3), "sync-fan-out"));
}

#[test]
fn uncached_read_path_on_the_request_path_only() {
    let hit = design(
        &[
            "web:client",
            &format!("api:service*2[{OK}]"),
            "db:database*2[read-heavy,backups]",
        ],
        &["web->api", "api->db:read"],
        json!({}),
    );
    assert_eq!(
        one(&hit, "uncached-read-path").message,
        "db is read-heavy and api read it with no cache in front."
    );
    // Cache-aside: the reader also reads a cache beside the database.
    let aside = design(
        &[
            "web:client",
            &format!("api:service*2[{OK}]"),
            "db:database*2[read-heavy,backups]",
            "c:cache*2[ttl]",
        ],
        &["web->api", "api->db:read", "api->c:read"],
        json!({}),
    );
    assert!(!has(&aside, "uncached-read-path"));
    // A background job is not on the request path.
    let batch = design(
        &[
            &format!("job:worker*2[{OK}]"),
            "db:database*2[read-heavy,backups]",
        ],
        &["job->db:read"],
        json!({}),
    );
    assert!(!has(&batch, "uncached-read-path"));
    // The context's read share marks databases read-heavy too.
    let ctx = design(
        &[
            "web:client",
            &format!("api:service*2[{OK}]"),
            "db:database*2[backups]",
        ],
        &["web->api", "api->db:read-write"],
        json!({ "read_percent": 90 }),
    );
    assert!(has(&ctx, "uncached-read-path"));
}

#[test]
fn single_instances_are_one_finding_and_unstated_counts_a_question() {
    let hit = design(
        &[
            "web:client",
            "lb:load-balancer*1",
            &format!("api:service*1[{OK}]"),
            &format!("b:service[{OK}]"),
        ],
        &["web->lb", "lb->api", "api->b"],
        json!({}),
    );
    let all = found(&hit, "single-point-of-failure");
    assert_eq!(all.len(), 2, "{all:#?}");
    let stated = all.iter().find(|f| !f.question).unwrap();
    assert_eq!(ids(&stated.parts), ["api", "lb"]);
    assert_eq!(stated.severity, Severity::High);
    let asked = all.iter().find(|f| f.question).unwrap();
    assert_eq!(ids(&asked.parts), ["b"]);
    assert_eq!(asked.severity, Severity::Low);
    assert_eq!(&*asked.title, "Confirm how many instances run");
    // Near miss: a managed load balancer, a worker off the request path.
    let miss = design(
        &[
            "web:client",
            "lb:load-balancer*1[managed]",
            &format!("api:service*2[{OK}]"),
            &format!("batch:worker*1[{OK}]"),
        ],
        &["web->lb", "lb->api"],
        json!({}),
    );
    assert!(
        !has(&miss, "single-point-of-failure"),
        "{:#?}",
        found(&miss, "single-point-of-failure")
    );
}

#[test]
fn unprotected_entry() {
    let hit = design(
        &[
            "web:client",
            "lb:load-balancer*2",
            "api:service*2[traced,metrics,logs,authenticated]",
            "admin:service*2[traced,metrics,logs]",
        ],
        &["web->lb", "lb->api", "web->admin"],
        json!({}),
    );
    let f = one(&hit, "unprotected-entry");
    assert_eq!(
        f.message,
        "Clients reach 2 entry points without protection: admin (no authentication or rate limiting) and api (no rate limiting)."
    );
    // A rate-limited load balancer protects what is behind it.
    let limited = design(
        &[
            "web:client",
            "lb:load-balancer*2[rate-limited]",
            &format!("api:service*2[{OK}]"),
        ],
        &["web->lb", "lb->api"],
        json!({}),
    );
    assert!(!has(&limited, "unprotected-entry"));
    // Near miss: a public static site behind a CDN is not an unprotected entry.
    let site = design(
        &[
            "web:client",
            "cdn:cdn",
            "site:frontend*2[public]",
            "api:service*2[authenticated,traced,metrics,logs]",
        ],
        &["web->cdn", "cdn->site", "site->api"],
        json!({}),
    );
    assert!(
        !has(&site, "unprotected-entry"),
        "{:#?}",
        found(&site, "unprotected-entry")
    );
    // Nothing said about protection anywhere: a question, not an accusation.
    let silent = design(&["web:client", "api:service*2"], &["web->api"], json!({}));
    assert!(one(&silent, "unprotected-entry").question);
}

#[test]
fn missing_observability_names_every_service_and_asks_when_nothing_is_said() {
    let hit = design(
        &[
            "a:service*2[logs]",
            "b:service*2[traced,metrics,logs]",
            "c:worker*2",
        ],
        &[],
        json!({}),
    );
    let f = one(&hit, "missing-observability");
    assert_eq!(
        f.message,
        "2 of the 3 services lack telemetry (2 without tracing, 2 without metrics, 1 without structured logs): a and c."
    );
    let silent = design(&["a:service*2", "db:database*2"], &[], json!({}));
    let q = one(&silent, "missing-observability");
    assert!(
        q.question && ids(&q.parts) == ["a"],
        "data stores are not services"
    );
}

#[test]
fn premature_microservices() {
    let services: Vec<String> = (0..4).map(|i| format!("s{i}:service*2[{OK}]")).collect();
    let nodes: Vec<&str> = services.iter().map(String::as_str).collect();
    let f = one(
        &design(&nodes, &[], json!({ "team_size": 5, "teams": 1 })),
        "premature-microservices",
    );
    assert!(
        f.message
            .starts_with("4 independently deployed services for a team of 5"),
        "{}",
        f.message
    );
    assert_eq!(f.severity, Severity::Medium);
    assert!(!has(
        &design(&nodes, &[], json!({ "team_size": 30, "teams": 4 })),
        "premature-microservices"
    ));
    assert!(!has(
        &design(&nodes[..3], &[], json!({ "team_size": 5, "teams": 1 })),
        "premature-microservices"
    ));
    // Twice the limit and more is severe.
    let many: Vec<String> = (0..7).map(|i| format!("s{i}:service*2[{OK}]")).collect();
    let many: Vec<&str> = many.iter().map(String::as_str).collect();
    assert_eq!(
        one(
            &design(&many, &[], json!({ "teams": 1 })),
            "premature-microservices"
        )
        .severity,
        Severity::High
    );
}

#[test]
fn non_idempotent_consumer() {
    let hit = design(
        &[
            &format!("api:service*2[{OK}]"),
            "q:queue*2[dead-letter]",
            "mail:worker*2[traced,metrics,logs]",
        ],
        &["api~>q", "q->mail"],
        json!({}),
    );
    let f = one(&hit, "non-idempotent-consumer");
    assert_eq!(ids(&f.parts), ["mail"]);
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
    let f = one(&hit, "eventual-consistency-risk");
    assert_eq!(f.message, "payments belongs to the payments domain but is updated only through asynchronous messages.");
    assert_eq!(f.group.as_deref(), Some("payments"));
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
    let f = one(
        &design(&["c:cache*2", "d:cache*2[ttl]"], &[], json!({})),
        "cache-without-expiry",
    );
    assert!(!f.question && ids(&f.parts) == ["c"]);
    assert!(
        one(
            &design(&["c:cache*2"], &[], json!({})),
            "cache-without-expiry"
        )
        .question
    );
    assert!(!has(
        &design(&["c:cache*2[ttl]"], &[], json!({})),
        "cache-without-expiry"
    ));
}

#[test]
fn component_sprawl() {
    let many: Vec<String> = (0..9)
        .map(|i| format!("d{i}:database*2[backups]"))
        .collect();
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
fn fragile_external_call_one_per_external_api() {
    let hit = design(
        &[
            "a:service*2[traced,metrics,logs,timeouts]",
            "b:service*2[traced]",
            "psp:external",
            "sms:external",
        ],
        &["a->psp", "b->psp", "b->sms"],
        json!({}),
    );
    let all = found(&hit, "fragile-external-call");
    assert_eq!(all.len(), 2);
    let psp = all
        .iter()
        .find(|f| f.group.as_deref() == Some("psp"))
        .unwrap();
    assert_eq!(
        psp.message,
        "psp is called without protection by a (no retries or circuit breaker) and b (no timeout, retries or circuit breaker)."
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
fn store_without_backup_and_the_recovery_point() {
    let hit = design(
        &[
            "a:database*2[backups]",
            "b:database*2",
            "c:database*1[backups]",
        ],
        &[],
        json!({ "rpo_minutes": 15 }),
    );
    assert_eq!(
        one(&hit, "store-without-backup").message,
        "2 stores of record cannot be recovered for a recovery point of 15 minutes: b (no backups) and c (backups but no standby)."
    );
    let fine = design(
        &["a:database*2[backups]", "c:database*1[backups]"],
        &[],
        json!({ "rpo_minutes": 240 }),
    );
    assert!(!has(&fine, "store-without-backup"));
    assert!(
        one(
            &design(&["a:database*2"], &[], json!({})),
            "store-without-backup"
        )
        .question
    );
}

#[test]
fn exposed_sensitive_data() {
    let hit = design(
        &[
            "pay:service*2[sensitive-data,traced,metrics,logs]",
            "x:service*2[traced,metrics,logs]",
        ],
        &["x->pay"],
        json!({}),
    );
    assert_eq!(ids(&one(&hit, "exposed-sensitive-data").parts), ["pay"]);
    let miss = design(
        &["pay:service*2[sensitive-data,authenticated]"],
        &[],
        json!({}),
    );
    assert!(!has(&miss, "exposed-sensitive-data"));
}

#[test]
fn sync_call_to_queue_worker() {
    let hit = design(
        &[
            &format!("api:service*2[{OK}]"),
            "q:queue*2",
            &format!("w:worker*2[{OK}]"),
        ],
        &["api~>q", "q->w", "api->w"],
        json!({}),
    );
    let f = one(&hit, "sync-call-to-queue-worker");
    assert_eq!(
        (ids(&f.parts), f.group.as_deref()),
        (vec!["api"], Some("w"))
    );
    let miss = design(
        &[
            &format!("api:service*2[{OK}]"),
            "q:queue*2",
            &format!("w:worker*2[{OK}]"),
        ],
        &["api~>q", "q->w"],
        json!({}),
    );
    assert!(!has(&miss, "sync-call-to-queue-worker"));
}

#[test]
fn missing_dead_letter() {
    let hit = design(
        &[
            &format!("api:service*2[{OK}]"),
            "q:queue*2",
            "w:worker*2[idempotent]",
            "r:queue*2[dead-letter]",
            "v:worker*2",
        ],
        &["api~>q", "q->w", "api~>r", "r->v"],
        json!({}),
    );
    assert_eq!(ids(&one(&hit, "missing-dead-letter").parts), ["w"]);
    let silent = design(
        &["api:service*2", "q:queue*2", "w:worker*2"],
        &["api~>q", "q->w"],
        json!({}),
    );
    assert!(one(&silent, "missing-dead-letter").question);
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
    let f = one(&wb, "decision-graph-mismatch");
    assert_eq!(f.message, "The decision is \"Modular monolith\", but the graph has 4 independently deployed services.");
    assert_eq!(f.decision.as_deref(), Some("service-boundaries"));
    wb.decisions.insert(
        "service-boundaries".into(),
        serde_json::from_value(json!({ "chosen": "microservices" })).unwrap(),
    );
    assert!(!has(&wb, "decision-graph-mismatch"));
}

/// Every "**In the graph:**" line of the shipped checklists is enforced: a
/// graph that contradicts it, with that option chosen, gets the finding,
/// and one that meets it does not.
#[test]
fn every_graph_expectation_in_the_checklists_is_checked() {
    use archbook_core::checklist::{Expect, Sort};
    let mut checked = 0;
    for c in builtin_checklists() {
        for o in &c.options {
            for e in &o.in_graph {
                let spec = |sort: Sort| match sort {
                    Sort::Cache => "x:cache*2".to_owned(),
                    Sort::Cdn => "x:cdn".to_owned(),
                    Sort::Queue => "x:queue*2".to_owned(),
                    Sort::ShardedDatabase => "x:database*2[sharded]".to_owned(),
                    Sort::ReplicatedDatabase => "x:database*2".to_owned(),
                };
                let services = |n: usize| -> Vec<String> {
                    (0..n).map(|i| format!("s{i}:service*2[{OK}]")).collect()
                };
                let (contradicts, meets): (Vec<String>, Vec<String>) = match *e {
                    Expect::AtMostServices(n) => {
                        let n = n.of(&Default::default());
                        (services(n + 1), services(n))
                    }
                    Expect::AtLeastServices(n) => {
                        let n = n.of(&Default::default());
                        (services(n - 1), services(n))
                    }
                    Expect::Some(sort) => (vec![], vec![spec(sort)]),
                    Expect::No(sort) => (vec![spec(sort)], vec![]),
                };
                for (nodes, expected) in [(contradicts, true), (meets, false)] {
                    let nodes: Vec<&str> = nodes.iter().map(String::as_str).collect();
                    let mut wb = design(&nodes, &[], json!({}));
                    wb.decisions.insert(
                        c.id.clone(),
                        serde_json::from_value(json!({ "chosen": o.id })).unwrap(),
                    );
                    let hit = found(&wb, "decision-graph-mismatch")
                        .into_iter()
                        .any(|f| f.decision.as_deref() == Some(c.id.as_str()));
                    assert_eq!(hit, expected, "{} / {}: {e:?} with {nodes:?}", c.id, o.id);
                }
                checked += 1;
            }
        }
    }
    assert!(
        checked >= 13,
        "only {checked} expectations in the shipped checklists"
    );
}

#[test]
fn risks_the_answers_reveal_are_findings() {
    let mut wb = design(&[], &[], json!({}));
    wb.decisions.insert(
        "api-security".into(),
        serde_json::from_value(
            json!({ "answers": { "public-api": "yes", "auth": "none", "rate-limits": "no" } }),
        )
        .unwrap(),
    );
    let r = review(&wb);
    let risks: Vec<&Finding> = r
        .findings
        .iter()
        .filter(|f| f.rule == "decision-risk")
        .collect();
    let groups: Vec<&str> = risks.iter().filter_map(|f| f.group.as_deref()).collect();
    assert_eq!(
        groups,
        ["unauthenticated-public-api", "unlimited-public-api"],
        "every matching risk, not the first"
    );
    assert!(risks
        .iter()
        .all(|f| f.severity == Severity::High && f.decision.as_deref() == Some("api-security")));
    assert_eq!(risks[0].category.id(), "security");
    assert!(
        risks[0]
            .message
            .contains("Can clients on the internet reach the API? Yes"),
        "{}",
        risks[0].message
    );
    assert!(
        r.overall < 60,
        "two high risks weigh on the whole score: {}",
        r.overall
    );
    assert_eq!(r.open_at_least(Severity::High), 2);
}

/// Issue 11: 35 components with one shared database, twenty services that
/// run one instance and thirty that are not traced read as a handful of
/// findings, each naming every component it touches.
#[test]
fn a_35_component_design_reads_in_at_most_20_findings() {
    let mut nodes = vec![
        "web:client".to_owned(),
        "gw:gateway*2[authenticated,rate-limited,traced,metrics,logs]".to_owned(),
    ];
    let mut edges = vec!["web->gw".to_owned()];
    for i in 0..31 {
        let replicas = if i < 20 { 1 } else { 2 };
        let traits = if i < 30 {
            "logs"
        } else {
            "traced,metrics,logs"
        };
        nodes.push(format!(
            "s{i}:service*{replicas}[{traits},timeouts,retries]"
        ));
        edges.push(format!("gw->s{i}"));
        if i < 27 {
            edges.push(format!("s{i}->db"));
        }
    }
    nodes.push("db:database*2[backups]".into());
    nodes.push("mail:external".into());
    let wb = design(
        &nodes.iter().map(String::as_str).collect::<Vec<_>>(),
        &edges.iter().map(String::as_str).collect::<Vec<_>>(),
        json!({ "team_size": 40, "teams": 5 }),
    );
    assert_eq!(wb.graph.nodes.len(), 35);
    let r = review(&wb);
    assert!(r.findings.len() <= 20, "{:#?}", r.findings);
    assert_eq!(one(&wb, "shared-datastore").parts.len(), 27);
    assert_eq!(found(&wb, "single-point-of-failure")[0].parts.len(), 20);
    let obs = one(&wb, "missing-observability");
    assert_eq!(obs.parts.len(), 30);
    assert!(
        obs.message
            .starts_with("30 of the 32 services lack telemetry"),
        "{}",
        obs.message
    );
}

#[test]
fn accepting_part_of_a_finding_leaves_the_rest_open_and_new_components_show_as_open() {
    let mut wb = design(
        &[
            "web:client",
            &format!("a:service*1[{OK}]"),
            &format!("b:service*1[{OK}]"),
            &format!("c:service*1[{OK}]"),
        ],
        &["web->a", "web->b", "web->c"],
        json!({}),
    );
    let before = review(&wb);
    wb.accept_risk(
        "single-point-of-failure",
        None,
        None,
        &["a", "b"],
        "Restarts in seconds.".into(),
    );
    let after = review(&wb);
    let f = after
        .findings
        .iter()
        .find(|f| f.rule == "single-point-of-failure")
        .unwrap();
    assert!(f.is_open(), "c is still open");
    assert_eq!(
        f.accepted_parts
            .iter()
            .map(|(p, _)| &**p)
            .collect::<Vec<_>>(),
        ["a", "b"]
    );
    assert_eq!(f.open_parts().map(|p| &**p).collect::<Vec<_>>(), ["c"]);
    assert!(f.partly_accepted());
    let said = |f: &archbook_core::analysis::Finding| {
        f.acceptances()
            .into_iter()
            .map(|(r, ps)| (r.to_owned(), ps.iter().map(|p| p.to_string()).collect()))
            .collect::<Vec<(String, Vec<String>)>>()
    };
    assert_eq!(
        said(f),
        [(
            "Restarts in seconds.".to_owned(),
            vec!["a".into(), "b".into()]
        )]
    );
    assert!(after.overall > before.overall);
    // The rest for another reason: accepted, and each reason names its parts.
    let mut other = wb.clone();
    other.accept_risk(
        "single-point-of-failure",
        None,
        None,
        &["c"],
        "Batch only.".into(),
    );
    let two = review(&other);
    let f2 = two
        .findings
        .iter()
        .find(|f| f.rule == "single-point-of-failure")
        .unwrap();
    assert!(!f2.is_open() && !f2.partly_accepted());
    assert_eq!(
        said(f2),
        [
            (
                "Restarts in seconds.".to_owned(),
                vec!["a".into(), "b".into()]
            ),
            ("Batch only.".to_owned(), vec!["c".into()])
        ]
    );
    // Accept the rest: the finding is accepted and leaves the score.
    wb.accept_risk(
        "single-point-of-failure",
        None,
        None,
        &["c"],
        "Restarts in seconds.".into(),
    );
    let all = review(&wb);
    assert!(!all
        .findings
        .iter()
        .find(|f| f.rule == "single-point-of-failure")
        .unwrap()
        .is_open());
    let whole = all
        .findings
        .iter()
        .find(|f| f.rule == "single-point-of-failure")
        .unwrap();
    assert!(
        whole.acceptances().is_empty(),
        "one reason for everything reads as one sentence"
    );
    let accepted_score = all.overall;
    // An unrelated component changes nothing.
    let mut v: Value = serde_json::from_str(&archbook_core::to_json(&wb)).unwrap();
    v["graph"]["nodes"]
        .as_array_mut()
        .unwrap()
        .push(json!({ "id": "q", "kind": "queue", "traits": ["managed"] }));
    let unrelated = load(&v.to_string()).unwrap();
    assert!(!review(&unrelated)
        .findings
        .iter()
        .find(|f| f.rule == "single-point-of-failure")
        .unwrap()
        .is_open());
    // A new component with the same problem shows as open, alone.
    v["graph"]["nodes"].as_array_mut().unwrap().push(json!({ "id": "d", "kind": "service", "replicas": 1, "traits": OK.split(',').collect::<Vec<_>>() }));
    v["graph"]["edges"]
        .as_array_mut()
        .unwrap()
        .push(json!({ "from": "web", "to": "d" }));
    let added = load(&v.to_string()).unwrap();
    let f = review(&added)
        .findings
        .into_iter()
        .find(|f| f.rule == "single-point-of-failure")
        .unwrap();
    assert_eq!(f.open_parts().map(|p| &**p).collect::<Vec<_>>(), ["d"]);
    assert!(review(&added).overall < accepted_score);
    // Reopening one part.
    let mut wb = added;
    wb.reopen_risk("single-point-of-failure", None, None, &["a"]);
    let f = review(&wb)
        .findings
        .into_iter()
        .find(|f| f.rule == "single-point-of-failure")
        .unwrap();
    assert_eq!(f.open_parts().map(|p| &**p).collect::<Vec<_>>(), ["a", "d"]);
}

#[test]
fn a_version_1_acceptance_keeps_working_after_migration() {
    let v1 = json!({
        "format": "archbook-workbook", "version": 1, "title": "old",
        "graph": { "nodes": [
            { "id": "a", "kind": "service", "replicas": 2 }, { "id": "b", "kind": "service", "replicas": 2 },
            { "id": "db", "kind": "database", "replicas": 2 }, { "id": "db2", "kind": "database", "replicas": 2 },
            { "id": "c", "kind": "service", "replicas": 2 }
        ], "edges": [ { "from": "a", "to": "db" }, { "from": "b", "to": "db" },
                      { "from": "b", "to": "db2" }, { "from": "c", "to": "db2" } ] },
        "accepted": [ { "rule": "shared-datastore", "nodes": ["db", "b", "a"], "reason": "Split in Q3." } ]
    });
    let wb = load(&v1.to_string()).unwrap();
    assert_eq!(wb.version, 2);
    assert_eq!(wb.accepted[0].group.as_deref(), Some("db"));
    assert_eq!(wb.accepted[0].nodes, ["b", "a"]);
    let r = review(&wb);
    let db = r
        .findings
        .iter()
        .find(|f| f.group.as_deref() == Some("db"))
        .unwrap();
    assert_eq!(db.accepted.as_deref(), Some("Split in Q3."));
    let db2 = r
        .findings
        .iter()
        .find(|f| f.group.as_deref() == Some("db2"))
        .unwrap();
    assert!(
        db2.is_open(),
        "the acceptance of db does not cover db2, which b also shares"
    );
}

#[test]
fn scores_follow_the_documented_formula() {
    // Four components; one high finding on one of them, one medium on two.
    let wb = design(
        &[
            "a:service*2[stateful,traced,metrics,logs]",
            "b:service*2[traced,metrics,logs]",
            "c:cache*2",
            "d:cache*2[ttl]",
        ],
        &[],
        json!({}),
    );
    let r = review(&wb);
    let rules: Vec<&str> = r.findings.iter().map(|f| f.rule).collect();
    assert_eq!(rules, ["cache-without-expiry", "stateful-service"]);
    // Health: a 0.8 (medium), c 0.8 (medium), b and d 1: mean 0.9.
    assert_eq!(r.overall, 90);
    let scalability = r
        .categories
        .iter()
        .find(|(c, _)| c.id() == "scalability")
        .unwrap()
        .1;
    assert_eq!(
        scalability, 95,
        "only stateful-service is about scalability"
    );
    assert_eq!(r.grade(), 'A');
}

/// The templates are where teams start: each is a sound design with no high
/// finding (questions and medium findings are prompts to think).
#[test]
fn templates_start_without_high_findings() {
    use archbook_core::canvas::catalog::Template;
    for t in Template::ALL {
        let mut wb = archbook_core::Workbook::new(t.label());
        wb.graph = t.graph();
        let r = review(&wb);
        let high: Vec<_> = r
            .findings
            .iter()
            .filter(|f| f.severity == Severity::High)
            .map(|f| format!("{}: {}", f.rule, f.message))
            .collect();
        assert!(high.is_empty(), "{}: {high:#?}", t.id());
    }
}

/// The first-run example shows every part of the app: answers, a placed
/// graph, open findings of several severities and an accepted risk.
#[test]
fn the_example_workbook_has_something_to_explore_in_every_step() {
    let wb = load(archbook_core::content::EXAMPLE_WORKBOOK).expect("the example loads");
    assert!(!wb.context.problem.is_empty());
    assert!(wb.decisions.len() >= 2);
    assert!(wb
        .graph
        .nodes
        .iter()
        .all(|n| n.x.is_some() && n.y.is_some()));
    let r = review(&wb);
    assert!(
        r.findings.iter().any(|f| f.accepted.is_some()),
        "{:#?}",
        r.findings
    );
    assert!(r.open_at_least(Severity::Medium) >= 2);
    assert!((50..100).contains(&r.overall), "{}", r.overall);
}

/// The decisions a rule bears on are checklists that exist, and every rule
/// about the graph names at least one (its findings reach that record's
/// "Confirmation"); rules about a decision already carry it.
#[test]
fn every_graph_rule_names_the_decisions_it_bears_on() {
    let checklists: Vec<String> = archbook_core::content::builtin_checklists()
        .into_iter()
        .map(|c| c.id)
        .collect();
    for p in archbook_core::content::builtin_pitfalls() {
        for d in &p.decisions {
            assert!(checklists.contains(d), "{}: unknown decision \"{d}\"", p.id);
        }
        let about_decisions = [
            "decision-risk",
            "decision-graph-mismatch",
            "outdated-decision",
        ]
        .contains(&p.id.as_str());
        assert_eq!(
            p.decisions.is_empty(),
            about_decisions,
            "{}: - **Decisions:**",
            p.id
        );
    }
}

#[test]
fn a_finding_highlights_its_components_and_every_edge_it_names() {
    use archbook_core::canvas::{EdgeId, Highlight};
    let wb = design(
        &[
            &format!("a:service*2[{OK}]"),
            &format!("b:service*2[{OK}]"),
            "db:database*2[backups]",
        ],
        &["a->db", "b->db", "a->db:read", "a->b"],
        json!({}),
    );
    let f = one(&wb, "shared-datastore");
    let h = Highlight::of(&f, &wb.graph);
    assert!(h.nodes.contains(&"db".to_owned()), "{:?}", h.nodes);
    let ids: Vec<EdgeId> = [0, 1, 2]
        .into_iter()
        .map(|i| EdgeId::of(&wb.graph, i).unwrap())
        .collect();
    for id in &ids {
        assert!(h.edges.contains(id), "{id:?} in {:?}", h.edges);
    }
    assert!(
        !h.edges.contains(&EdgeId::of(&wb.graph, 3).unwrap()),
        "a->b is not about the shared store"
    );
}
