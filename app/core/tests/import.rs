//! Importing compose files and Kubernetes manifests modelled on public
//! reference applications: kinds, edges with their evidence, instances,
//! entry points, what was left out, the review of the result, bad input, and
//! updating a drawn graph from changed files.

use archbook_core::analysis::analyze;
use archbook_core::canvas::History;
use archbook_core::content::{builtin_checklists, builtin_pitfalls, checklists_for};
use archbook_core::import::{drift, import, Imported, Source};
use archbook_core::{load, to_json, EdgeStyle, Node, NodeKind, Workbook};

fn fixture(path: &str) -> String {
    std::fs::read_to_string(format!(
        "{}/../../tests/fixtures/import/{path}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

fn run(paths: &[&str]) -> Imported {
    let texts: Vec<String> = paths.iter().map(|p| fixture(p)).collect();
    let sources: Vec<Source> = paths
        .iter()
        .zip(&texts)
        .map(|(name, text)| Source { name, text })
        .collect();
    import(&sources, "Imported").unwrap_or_else(|e| panic!("{e}"))
}

fn node<'a>(wb: &'a Workbook, name: &str) -> &'a Node {
    wb.graph
        .nodes
        .iter()
        .find(|n| n.name == name)
        .unwrap_or_else(|| panic!("no node {name}"))
}

/// The evidence of the edge between two names, or None.
fn edge(wb: &Workbook, from: &str, to: &str) -> Option<(EdgeStyle, Vec<String>)> {
    let (a, b) = (&node(wb, from).id, &node(wb, to).id);
    wb.graph
        .edges
        .iter()
        .find(|e| &e.from == a && &e.to == b)
        .map(|e| (e.style, e.evidence.clone()))
}

fn rules(wb: &Workbook) -> Vec<(String, bool, Vec<String>, String)> {
    let checklists = checklists_for(&builtin_checklists(), wb);
    analyze(wb, &builtin_pitfalls(), &checklists)
        .findings
        .iter()
        .map(|f| {
            (
                f.rule.to_owned(),
                f.question,
                f.parts.iter().map(|p| p.to_string()).collect(),
                f.message.clone(),
            )
        })
        .collect()
}

#[test]
fn online_boutique_manifests_become_its_service_graph() {
    let wb = run(&["online-boutique/kubernetes-manifests.yaml"]).workbook;
    assert_eq!(wb.graph.nodes.len(), 13, "12 workloads and the clients");
    assert_eq!(node(&wb, "redis-cart").kind, NodeKind::Cache);
    assert_eq!(node(&wb, "loadgenerator").kind, NodeKind::Client);
    for s in ["frontend", "checkoutservice", "cartservice", "adservice"] {
        assert_eq!(node(&wb, s).kind, NodeKind::Service, "{s}");
    }
    // Every edge from a setting, quoted with where it is.
    let (style, evidence) = edge(&wb, "cartservice", "redis-cart").unwrap();
    assert_eq!(style, EdgeStyle::Sync);
    assert_eq!(
        evidence,
        ["online-boutique/kubernetes-manifests.yaml: Deployment cartservice: container server env REDIS_ADDR = redis-cart:6379"]
    );
    for target in [
        "productcatalogservice",
        "cartservice",
        "checkoutservice",
        "adservice",
        "shippingservice",
        "recommendationservice",
        "currencyservice",
    ] {
        assert!(
            edge(&wb, "frontend", target).is_some(),
            "frontend -> {target}"
        );
    }
    assert_eq!(wb.graph.edges.len(), 17);
    // The LoadBalancer Service makes the frontend the entry point.
    let (_, evidence) = edge(&wb, "Clients", "frontend").unwrap();
    assert!(
        evidence[0].contains("Service frontend-external: type LoadBalancer"),
        "{evidence:?}"
    );
    assert!(edge(&wb, "loadgenerator", "frontend").is_some());
    // No spec.replicas: Kubernetes runs one, and the evidence says so.
    let cart = node(&wb, "cartservice");
    assert_eq!(cart.replicas, Some(1));
    assert!(cart
        .evidence
        .iter()
        .any(|e| e.contains("no spec.replicas, and Kubernetes then runs 1")));
    assert!(cart
        .evidence
        .iter()
        .any(|e| e.contains("Service cartservice selects it")));
    // Every node is placed.
    assert!(wb
        .graph
        .nodes
        .iter()
        .all(|n| n.x.is_some() && n.y.is_some()));
    // The review: one instance of every service on the request path.
    let findings = rules(&wb);
    let spof = findings
        .iter()
        .find(|f| f.0 == "single-point-of-failure" && !f.1)
        .expect("single instances are a finding, not a question: the manifests state them");
    assert!(spof.2.contains(&"frontend".to_owned()) && spof.2.contains(&"redis-cart".to_owned()));
    assert!(!findings.iter().any(|f| f.0 == "shared-datastore"));
}

#[test]
fn online_boutique_reports_what_it_could_not_place() {
    let r = run(&["online-boutique/kubernetes-manifests.yaml"]).report;
    assert_eq!(r.unplaced.len(), 1, "{:?}", r.unplaced);
    assert!(
        r.unplaced[0].contains("SHOPPING_ASSISTANT_SERVICE_ADDR names shoppingassistantservice")
    );
    assert!(
        r.notes.iter().any(|n| n.contains("ServiceAccount ×11")),
        "{:?}",
        r.notes
    );
}

#[test]
fn eshop_compose_files_merge_and_name_their_stores_and_broker() {
    let imported = run(&[
        "eshop/docker-compose.yml",
        "eshop/docker-compose.override.yml",
    ]);
    let wb = &imported.workbook;
    assert_eq!(node(wb, "sqldata").kind, NodeKind::Database);
    assert_eq!(node(wb, "nosqldata").kind, NodeKind::Database);
    assert_eq!(node(wb, "basketdata").kind, NodeKind::Cache);
    assert_eq!(node(wb, "rabbitmq").kind, NodeKind::Queue);
    assert_eq!(node(wb, "webshoppingapigw").kind, NodeKind::Gateway);
    // Nothing calls them and they talk to the broker: workers that consume.
    assert_eq!(node(wb, "ordering-backgroundtasks").kind, NodeKind::Worker);
    assert_eq!(node(wb, "payment-api").kind, NodeKind::Worker);
    let (style, evidence) = edge(wb, "rabbitmq", "payment-api").unwrap();
    assert_eq!(style, EdgeStyle::Async);
    assert!(evidence
        .iter()
        .any(|e| e.contains("EventBusConnection = rabbitmq")));
    // The connection string from the override file, its password masked.
    let (_, evidence) = edge(wb, "catalog-api", "sqldata").unwrap();
    assert!(evidence.contains(&"eshop/docker-compose.override.yml: services.catalog-api.environment.ConnectionString = Server=sqldata;Database=Microsoft.eShopOnContainers.Services.CatalogDb;User Id=sa;Password=***".to_owned()), "{evidence:?}");
    assert!(evidence
        .contains(&"eshop/docker-compose.yml: services.catalog-api.depends_on.sqldata".to_owned()));
    let json = to_json(wb);
    assert!(
        !json.contains("Pass@word"),
        "a password reached the workbook"
    );
    let (style, _) = edge(wb, "basket-api", "rabbitmq").unwrap();
    assert_eq!(style, EdgeStyle::Async);
    // Seq is not drawn: the services that log to it are marked.
    assert!(wb.graph.nodes.iter().all(|n| n.name != "seq"));
    assert!(imported
        .report
        .absorbed
        .iter()
        .any(|a| a.starts_with("seq: a telemetry backend")));
    let catalog = node(wb, "catalog-api");
    assert!(catalog.traits.contains(&"logs".to_owned()));
    assert!(catalog
        .evidence
        .iter()
        .any(|e| e.starts_with("logs: reports to seq")));
    // Unset variables are named once each.
    assert!(
        imported.report.notes.iter().any(|n| n
            .starts_with("${ESHOP_EXTERNAL_DNS_NAME_OR_IP} has no default")
            && n.contains("identity-api, basket-api, webmvc")),
        "{:?}",
        imported.report.notes
    );
    // Stores publish ports for local tools: noted, not entry points.
    assert!(edge(wb, "Clients", "sqldata").is_none());
    assert!(imported
        .report
        .notes
        .iter()
        .any(|n| n.starts_with("sqldata publishes a port")));
    assert!(edge(wb, "Clients", "webshoppingapigw").is_some());
    // Compose gives no production instance count: the review asks.
    assert_eq!(node(wb, "sqldata").replicas, None);
    let findings = rules(wb);
    let shared = findings
        .iter()
        .find(|f| f.0 == "shared-datastore" && f.2.iter().any(|p| p == "catalog-api"))
        .expect("sqldata is shared");
    for s in [
        "identity-api",
        "catalog-api",
        "ordering-api",
        "webhooks-api",
    ] {
        assert!(shared.2.contains(&s.to_owned()), "{s} in {:?}", shared.2);
    }
    assert!(
        findings
            .iter()
            .any(|f| f.0 == "single-point-of-failure" && f.1),
        "instances are asked"
    );
}

#[test]
fn social_network_links_stores_by_name_and_marks_tracing() {
    let imported = run(&["social-network/docker-compose.yml"]);
    let wb = &imported.workbook;
    let (_, evidence) = edge(wb, "user-service", "user-mongodb").unwrap();
    assert_eq!(evidence, ["inferred from names: user-mongodb is named after user-service (no setting names it; confirm)"]);
    assert!(edge(wb, "post-storage-service", "post-storage-mongodb").is_some());
    assert!(edge(wb, "home-timeline-service", "home-timeline-redis").is_some());
    // Every service depends on the Jaeger agent: traced, and Jaeger is not drawn.
    let user = node(wb, "user-service");
    assert!(user.traits.contains(&"traced".to_owned()));
    assert!(user.evidence.iter().any(|e| e == "traced: depends on jaeger-agent (social-network/docker-compose.yml: services.user-service.depends_on.jaeger-agent)"), "{:?}", user.evidence);
    assert!(wb.graph.nodes.iter().all(|n| n.name != "jaeger-agent"));
    assert_eq!(node(wb, "nginx-thrift").kind, NodeKind::Gateway);
    assert!(edge(wb, "Clients", "nginx-thrift").is_some());
    // Services linked by nothing in the file are named in the notes.
    assert!(imported
        .report
        .notes
        .iter()
        .any(|n| n.starts_with("text-service: no setting, dependency or route")));
    // The review finds no shared store (each service has its own) and asks
    // about tracing nowhere.
    let findings = rules(wb);
    assert!(
        !findings.iter().any(|f| f.0 == "shared-datastore"),
        "{findings:?}"
    );
    // Traced everywhere but the media front end (it does not depend on the
    // agent); metrics and logs are not in the file.
    let telemetry = findings
        .iter()
        .find(|f| f.0 == "missing-observability")
        .unwrap();
    assert!(
        telemetry
            .3
            .contains("(1 without tracing, 13 without metrics"),
        "{}",
        telemetry.3
    );
}

#[test]
fn hotel_reservation_manifests_in_several_files_with_an_ingress_and_an_autoscaler() {
    let wb = run(&[
        "hotel-reservation/services.yaml",
        "hotel-reservation/stores.yaml",
        "hotel-reservation/ingress.yaml",
    ])
    .workbook;
    // The autoscaler's floor is the instance count.
    let frontend = node(&wb, "frontend");
    assert_eq!(frontend.replicas, Some(2));
    assert!(
        frontend
            .evidence
            .iter()
            .any(|e| e.ends_with("HorizontalPodAutoscaler frontend: minReplicas = 2")),
        "{:?}",
        frontend.evidence
    );
    // The Ingress is the way in.
    let ingress = node(&wb, "Ingress hotel");
    assert_eq!(ingress.kind, NodeKind::Gateway);
    let (_, evidence) = edge(&wb, "Ingress hotel", "frontend").unwrap();
    assert_eq!(
        evidence,
        ["hotel-reservation/ingress.yaml: Ingress hotel: hotel.example.com/ → Service frontend"]
    );
    assert!(edge(&wb, "Clients", "Ingress hotel").is_some());
    assert!(edge(&wb, "Clients", "frontend").is_none());
    assert_eq!(node(&wb, "mongodb-geo").kind, NodeKind::Database);
    assert_eq!(node(&wb, "mongodb-geo").replicas, Some(1));
    assert_eq!(node(&wb, "memcached-rate").replicas, Some(2));
    assert!(edge(&wb, "rate", "memcached-rate").is_some());
    assert_eq!(node(&wb, "consul").kind, NodeKind::Database);
}

#[test]
fn kubernetes_objects_of_every_kind_are_read_or_named() {
    let text = r#"
apiVersion: batch/v1
kind: CronJob
metadata: { name: nightly-report }
spec:
  schedule: "0 3 * * *"
  jobTemplate:
    spec:
      template:
        spec:
          containers:
          - name: report
            image: shop/report:1
            env:
            - { name: DB_HOST, value: orders-db.shop.svc.cluster.local }
            - { name: DB_PASSWORD, valueFrom: { secretKeyRef: { name: db, key: password } } }
---
apiVersion: apps/v1
kind: StatefulSet
metadata: { name: orders-db, namespace: shop }
spec:
  replicas: 3
  template:
    metadata: { labels: { app: orders-db } }
    spec: { containers: [ { name: pg, image: "postgres:16" } ] }
---
apiVersion: v1
kind: Service
metadata: { name: payments, namespace: shop }
spec: { type: ExternalName, externalName: api.payments.example.com }
---
apiVersion: apps/v1
kind: DaemonSet
metadata: { name: node-agent }
spec:
  template:
    metadata: { labels: { app: agent } }
    spec: { containers: [ { name: a, image: "shop/agent:2", env: [ { name: PAYMENTS_URL, value: "https://payments" } ] } ] }
---
apiVersion: example.com/v1
kind: Widget
metadata: { name: w }
"#;
    let imported = import(
        &[Source {
            name: "all.yaml",
            text,
        }],
        "T",
    )
    .unwrap();
    let wb = &imported.workbook;
    let job = node(wb, "nightly-report");
    assert_eq!(job.kind, NodeKind::Worker);
    let db = node(wb, "orders-db");
    assert_eq!((db.kind, db.replicas), (NodeKind::Database, Some(3)));
    // A cluster-local name in another namespace still finds its workload;
    // the secret reference holds no value and is not read.
    let (_, evidence) = edge(wb, "nightly-report", "orders-db").unwrap();
    assert!(
        evidence[0].ends_with("env DB_HOST = orders-db.shop.svc.cluster.local"),
        "{evidence:?}"
    );
    assert_eq!(node(wb, "payments").kind, NodeKind::External);
    assert!(edge(wb, "node-agent", "payments").is_some());
    assert_eq!(node(wb, "node-agent").replicas, None);
    let notes = imported.report.notes.join("\n");
    assert!(
        notes.contains("DaemonSet runs one instance per node"),
        "{notes}"
    );
    assert!(
        notes.contains("the kind Widget is not one Archbook reads"),
        "{notes}"
    );
}

#[test]
fn compose_forms_are_all_understood() {
    let text = r#"
services:
  web:
    build: ./web
    ports: [ { published: 8080, target: 80 } ]
    environment:
      API_URL: http://api:3000
    deploy: { replicas: 3 }
  api:
    image: registry.example.com/shop/api:${TAG-1.0}
    links: [ "db:database" ]
    environment: [ "CACHE_ADDR=cache:11211", "QUEUE_URL=amqp://guest:guest@broker:5672/", "DEBUG" ]
    depends_on:
      db: { condition: service_healthy }
  worker:
    build: .
    command: [ "celery", "worker" ]
    environment: { CELERY_BROKER_URL: "redis://jobs:6379/0" }
  jobs: { image: "redis:7" }
  cache: { image: "memcached" }
  broker: { image: "rabbitmq:3" }
  db: { image: "postgres:16", container_name: shop-db }
  adminer: { image: adminer, ports: ["8081:8080"] }
"#;
    let imported = import(
        &[Source {
            name: "compose.yaml",
            text,
        }],
        "T",
    )
    .unwrap();
    let wb = &imported.workbook;
    let web = node(wb, "web");
    assert_eq!((web.kind, web.replicas), (NodeKind::Service, Some(3)));
    assert!(web
        .evidence
        .iter()
        .any(|e| e == "instances: compose.yaml: services.web.deploy.replicas = 3"));
    assert!(edge(wb, "web", "api").is_some());
    assert!(edge(wb, "Clients", "web").is_some());
    assert!(edge(wb, "api", "db")
        .unwrap()
        .1
        .iter()
        .any(|e| e == "compose.yaml: services.api.links: db:database"));
    assert!(edge(wb, "api", "cache").is_some());
    let (style, evidence) = edge(wb, "api", "broker").unwrap();
    assert_eq!(style, EdgeStyle::Async);
    assert_eq!(
        evidence,
        ["compose.yaml: services.api.environment.QUEUE_URL = amqp://guest:***@broker:5672/"]
    );
    // Redis used as a Celery broker is a queue, and the worker consumes from it.
    assert_eq!(node(wb, "jobs").kind, NodeKind::Queue);
    assert!(node(wb, "jobs")
        .evidence
        .iter()
        .any(|e| e.contains("CELERY_BROKER_URL")));
    assert_eq!(node(wb, "worker").kind, NodeKind::Worker);
    assert_eq!(edge(wb, "jobs", "worker").unwrap().0, EdgeStyle::Async);
    // An admin UI is a tool, not a component.
    assert!(wb.graph.nodes.iter().all(|n| n.name != "adminer"));
    assert!(imported
        .report
        .absorbed
        .iter()
        .any(|a| a.starts_with("adminer: a developer tool")));
    // The variable took its default.
    assert!(
        node(wb, "api")
            .evidence
            .iter()
            .any(|e| e
                .contains("registry.example.com/shop/api:1.0 is not a known infrastructure image")),
        "{:?}",
        node(wb, "api").evidence
    );
    // The workbook loads as any other.
    load(&to_json(wb)).unwrap();
}

#[test]
fn bad_input_is_refused_with_where_and_why() {
    let err = |name: &str, text: &str| {
        import(&[Source { name, text }], "T")
            .unwrap_err()
            .to_string()
    };
    assert!(
        err("a.yaml", "services:\n  web: [1, 2\n").starts_with("a.yaml:2:"),
        "{}",
        err("a.yaml", "services:\n  web: [1, 2\n")
    );
    let helm = err(
        "deployment.yaml",
        "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ .Release.Name }}\n",
    );
    assert!(
        helm.starts_with("deployment.yaml:4:9: this is a template"),
        "{helm}"
    );
    let big = "#".repeat(20 * 1024 * 1024);
    assert!(err("big.yaml", &big)
        .contains("the file is 20 MB; the largest file Archbook imports is 5 MB"));
    let mut bomb = String::from("a: &a [x,x,x,x,x,x,x,x,x,x]\n");
    for (p, n) in ["a", "b", "c", "d", "e", "f", "g", "h"]
        .iter()
        .zip(["b", "c", "d", "e", "f", "g", "h", "i"])
    {
        bomb.push_str(&format!(
            "{n}: &{n} [{}]\n",
            vec![format!("*{p}"); 10].join(",")
        ));
    }
    let started = std::time::Instant::now();
    assert!(err("bomb.yaml", &bomb).contains("expands to far more data"));
    assert!(started.elapsed().as_secs() < 30, "bounded time");
    assert!(
        err("wb.json", r#"{"format":"archbook-workbook","version":2}"#)
            .contains("neither a compose file")
    );
    assert!(err("empty.yaml", "# nothing\n").contains("holds no YAML document"));
    let mixed = import(
        &[
            Source {
                name: "c.yml",
                text: "services:\n  a: { image: x }\n",
            },
            Source {
                name: "k.yml",
                text: "apiVersion: v1\nkind: Pod\nmetadata: { name: p }\n",
            },
        ],
        "T",
    )
    .unwrap_err();
    assert!(mixed.message.contains("import one kind at a time"));
}

/// A drawn graph updated from changed files: one undoable edit that keeps
/// positions, names, kinds and hand-set traits, and never removes what was
/// drawn by hand.
#[test]
fn update_from_changed_files_shows_the_drift_and_applies_it_as_one_step() {
    let base = fixture("eshop/docker-compose.yml");
    let over = fixture("eshop/docker-compose.override.yml");
    let first = import(
        &[
            Source {
                name: "docker-compose.yml",
                text: &base,
            },
            Source {
                name: "docker-compose.override.yml",
                text: &over,
            },
        ],
        "eShop",
    )
    .unwrap();
    let mut design = first.workbook.graph.clone();
    // The team works on the graph: moves a node, renames one, changes a
    // kind, sets a trait, draws a node of its own.
    let catalog = design
        .nodes
        .iter_mut()
        .find(|n| n.name == "catalog-api")
        .unwrap();
    catalog.x = Some(999.0);
    catalog.traits.push("stateless".into());
    let webstatus = design
        .nodes
        .iter_mut()
        .find(|n| n.name == "webstatus")
        .unwrap();
    webstatus.kind = NodeKind::Frontend;
    let mut stripe = Node::new("stripe", "Stripe", NodeKind::External);
    stripe.x = Some(10.0);
    stripe.y = Some(10.0);
    design.nodes.push(stripe);

    // What runs changes: webhooks are gone, a coupon service arrives, the
    // catalog runs three instances.
    let base2 = base
        .replace("  webhooks-api:\n    image: ${REGISTRY:-eshop}/webhooks.api:${PLATFORM:-linux}-${TAG:-latest}\n    build:\n      context: .\n      dockerfile: Services/Webhooks/Webhooks.API/Dockerfile\n    depends_on:\n      - sqldata\n", "")
        .replace("  webstatus:\n", "  coupon-api:\n    build: ./coupon\n    environment:\n      - ConnectionString=Server=sqldata;Database=Coupons\n      - EventBusConnection=rabbitmq\n    deploy:\n      replicas: 2\n\n  webstatus:\n")
        .replace("  catalog-api:\n    image:", "  catalog-api:\n    deploy:\n      replicas: 3\n    image:");
    let over2 = {
        let start = over.find("  webhooks-api:").unwrap();
        let end = over.find("  mobileshoppingapigw:").unwrap();
        format!("{}{}", &over[..start], &over[end..])
    };
    let second = import(
        &[
            Source {
                name: "docker-compose.yml",
                text: &base2,
            },
            Source {
                name: "docker-compose.override.yml",
                text: &over2,
            },
        ],
        "eShop",
    )
    .unwrap();
    let d = drift::compare(&design, &second.workbook.graph);
    assert_eq!(
        d.added.iter().map(|n| n.name.as_str()).collect::<Vec<_>>(),
        ["coupon-api"]
    );
    assert_eq!(
        d.removed.iter().map(|n| n.1.as_str()).collect::<Vec<_>>(),
        ["webhooks-api"]
    );
    assert_eq!(d.design_only, ["Stripe"]);
    assert!(
        d.changed
            .iter()
            .any(|c| c.name == "catalog-api" && c.what == "instances not stated → 3"),
        "{:?}",
        d.changed
    );
    assert!(d.kept.iter().any(
        |c| c.name == "webstatus" && c.what.contains("the design says Frontend, which is kept")
    ));
    let added: Vec<(String, String)> = d
        .added_edges
        .iter()
        .map(|e| (e.from.clone(), e.to.clone()))
        .collect();
    assert!(
        added.contains(&("coupon-api".into(), "sqldata".into())),
        "{added:?}"
    );
    // Nothing calls it and it talks to the broker: a consumer.
    assert!(
        added.contains(&("rabbitmq".into(), "coupon-api".into())),
        "{added:?}"
    );

    // The preview names components as the design does, new ones included;
    // empty sections (no edge removed on its own here) are left out.
    let sections = d.sections(&design);
    let headings: Vec<&str> = sections.iter().map(|s| s.0).collect();
    assert_eq!(
        headings,
        [
            "Added",
            "Removed (no longer in the files)",
            "Changed",
            "New edges",
            "Kept as you drew them",
            "Only in the design (kept)"
        ]
    );
    assert_eq!(sections[0].1, ["coupon-api (Worker)"]);
    assert!(
        sections[3].1.contains(&"coupon-api → sqldata".to_owned()),
        "{:?}",
        sections[3].1
    );
    assert_eq!(
        d.summary(),
        format!(
            "Updated the graph from the files: 1 added, 1 removed, {} changed.",
            d.changed.len()
        )
    );

    // Applied as one step through the history.
    let before = design.clone();
    let mut history = History::default();
    history.apply(&mut design, d.edit()).unwrap();
    let find =
        |g: &archbook_core::Graph, name: &str| g.nodes.iter().find(|n| n.name == name).cloned();
    assert!(find(&design, "webhooks-api").is_none());
    assert!(design
        .edges
        .iter()
        .all(|e| e.from != "webhooks-api" && e.to != "webhooks-api"));
    let coupon = find(&design, "coupon-api").unwrap();
    assert_eq!(coupon.replicas, Some(2));
    assert!(coupon.x.is_some() && coupon.y.is_some());
    let catalog = find(&design, "catalog-api").unwrap();
    assert_eq!((catalog.x, catalog.replicas), (Some(999.0), Some(3)));
    assert!(
        catalog.traits.contains(&"stateless".to_owned())
            && catalog.traits.contains(&"logs".to_owned())
    );
    assert_eq!(find(&design, "webstatus").unwrap().kind, NodeKind::Frontend);
    assert!(find(&design, "Stripe").is_some());
    // Importing the same files again finds nothing to do.
    assert!(drift::compare(&design, &second.workbook.graph).is_empty());
    // One undo puts everything back.
    assert!(history.undo(&mut design));
    assert_eq!(to_json(&wb_of(design)), to_json(&wb_of(before)));
}

fn wb_of(g: archbook_core::Graph) -> Workbook {
    let mut wb = Workbook::new("x");
    wb.graph = g;
    wb
}

/// Every drawn edge of a graph against every box but its ends.
fn crossings(g: &archbook_core::Graph, straight: bool) -> Vec<String> {
    use archbook_core::canvas::geometry::node_rect;
    use archbook_core::canvas::route::{route, routes, segment_hits, Obstacles};
    use archbook_core::canvas::Point;
    let drawn = if straight {
        let none = Obstacles::default();
        let at = g.positions();
        g.edges
            .iter()
            .map(|e| {
                let a = node_rect(&g.nodes[*at.get(e.from.as_str())?]);
                let b = node_rect(&g.nodes[*at.get(e.to.as_str())?]);
                Some(route(
                    Point::new(a.x, a.y),
                    Point::new(b.x, b.y),
                    &e.from,
                    &e.to,
                    &none,
                ))
            })
            .collect()
    } else {
        routes(g)
    };
    let mut out = Vec::new();
    for (e, r) in g.edges.iter().zip(drawn) {
        let Some(r) = r else { continue };
        for n in &g.nodes {
            if n.id != e.from
                && n.id != e.to
                && r.segments()
                    .iter()
                    .any(|&(p, q)| segment_hits(p, q, &node_rect(n)))
            {
                out.push(format!("{} → {} crosses {}", e.from, e.to, n.id));
            }
        }
    }
    out
}

#[test]
fn imported_systems_laid_out_draw_no_edge_through_a_box() {
    use archbook_core::canvas::layout::layered;
    for files in [
        &[
            "eshop/docker-compose.yml",
            "eshop/docker-compose.override.yml",
        ][..],
        &["online-boutique/kubernetes-manifests.yaml"],
        &["social-network/docker-compose.yml"],
        &[
            "hotel-reservation/services.yaml",
            "hotel-reservation/stores.yaml",
            "hotel-reservation/ingress.yaml",
        ],
    ] {
        let mut g = run(files).workbook.graph;
        layered(&g).apply(&mut g).unwrap();
        let straight = crossings(&g, true);
        let routed = crossings(&g, false);
        eprintln!(
            "{files:?}: {} nodes, straight {} crossings, routed {}",
            g.nodes.len(),
            straight.len(),
            routed.len()
        );
        assert_eq!(routed, Vec::<String>::new(), "{files:?}");
    }
}

#[test]
fn reference_systems_laid_out_draw_no_edge_through_a_box() {
    use archbook_core::canvas::layout::layered;
    let dir = format!(
        "{}/../../tests/fixtures/calibration",
        env!("CARGO_MANIFEST_DIR")
    );
    let mut seen = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let mut g = load(&std::fs::read_to_string(&path).unwrap())
            .unwrap()
            .graph;
        layered(&g).apply(&mut g).unwrap();
        let straight = crossings(&g, true);
        let routed = crossings(&g, false);
        eprintln!(
            "{}: {} nodes, straight {} crossings, routed {}",
            path.display(),
            g.nodes.len(),
            straight.len(),
            routed.len()
        );
        assert_eq!(routed, Vec::<String>::new(), "{}", path.display());
        seen += 1;
    }
    assert!(seen >= 8);
}

/// Captions drawn on top of each other or on a box, with each edge's caption
/// where `place` puts it (or, with `middle`, at the middle of its line).
fn caption_clashes(g: &archbook_core::Graph, middle: bool) -> (usize, Vec<String>) {
    use archbook_core::canvas::caption::{baseline, place, FONT};
    use archbook_core::canvas::draw::{edge_caption, text_width};
    use archbook_core::canvas::geometry::node_rect;
    use archbook_core::canvas::route::routes;
    use archbook_core::canvas::{Point, Rect};
    let drawn = routes(g);
    let at: Vec<Option<Point>> = if middle {
        g.edges
            .iter()
            .zip(&drawn)
            .map(|(e, r)| {
                let m = r.as_ref()?.middle();
                (!edge_caption(e.label.as_deref(), e.access).is_empty()).then(|| baseline(m))
            })
            .collect()
    } else {
        place(g, &drawn)
    };
    let boxes: Vec<(usize, Rect)> = at
        .iter()
        .enumerate()
        .filter_map(|(i, p)| {
            let p = (*p)?;
            let e = &g.edges[i];
            let w = text_width(&edge_caption(e.label.as_deref(), e.access), FONT, false);
            Some((
                i,
                Rect {
                    x: p.x - w / 2.0,
                    y: p.y - FONT * 0.36 - 6.0,
                    w,
                    h: 12.0,
                },
            ))
        })
        .collect();
    let mut out = Vec::new();
    for (k, (i, a)) in boxes.iter().enumerate() {
        let name = |i: usize| format!("{} → {}", g.edges[i].from, g.edges[i].to);
        for (j, b) in &boxes[k + 1..] {
            if a.intersects(b) {
                out.push(format!("{} on {}", name(*i), name(*j)));
            }
        }
        for n in &g.nodes {
            if a.intersects(&node_rect(n)) {
                out.push(format!("{} on {}", name(*i), n.id));
            }
        }
    }
    (boxes.len(), out)
}

#[test]
fn captions_on_real_systems_sit_apart_and_off_the_boxes() {
    use archbook_core::canvas::layout::layered;
    let dir = format!(
        "{}/../../tests/fixtures/calibration",
        env!("CARGO_MANIFEST_DIR")
    );
    let mut graphs: Vec<(String, archbook_core::Graph)> = std::fs::read_dir(dir)
        .unwrap()
        .map(|entry| {
            let path = entry.unwrap().path();
            let wb = load(&std::fs::read_to_string(&path).unwrap()).unwrap();
            (path.display().to_string(), wb.graph)
        })
        .collect();
    graphs.push((
        "example".into(),
        load(archbook_core::content::EXAMPLE_WORKBOOK)
            .unwrap()
            .graph,
    ));
    for t in archbook_core::canvas::catalog::Template::ALL {
        graphs.push((t.label().into(), t.graph()));
    }
    let mut captions = 0;
    for (name, mut g) in graphs {
        layered(&g).apply(&mut g).unwrap();
        let (n, before) = caption_clashes(&g, true);
        let (_, after) = caption_clashes(&g, false);
        eprintln!(
            "{name}: {n} captions, at the middle {} clashes, placed {}",
            before.len(),
            after.len()
        );
        captions += n;
        assert_eq!(after, Vec::<String>::new(), "{name}");
    }
    assert!(
        captions > 50,
        "the fixtures have captions to place: {captions}"
    );
}
