//! From components to a graph: each node's kind from its image and name,
//! each edge from a setting, a dependency, a route or a naming convention,
//! and every decision written down as evidence.

use std::collections::{BTreeMap, HashMap, HashSet};

use super::{Component, Fact, Report};
use crate::library::slug;
use crate::workbook::{Access, Edge, EdgeStyle, Graph, Node, NodeKind};

#[derive(Default)]
pub struct Input {
    pub components: Vec<Component>,
    pub ingresses: Vec<(String, Vec<Fact<String>>)>,
    pub external_names: Vec<(String, String, String)>,
    pub namespaces: Vec<String>,
}

/// What a component is.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Role {
    Kind(NodeKind),
    /// A proxy that is a gateway (or load balancer) when reachable from outside.
    Proxy(NodeKind),
    /// A tracing, metrics or log backend: its users get traits.
    Telemetry {
        traces: bool,
        metrics: bool,
        logs: bool,
    },
    /// A developer tool (admin UIs, mail catchers): not part of the system.
    Tool,
    /// A load generator: a client.
    Load,
}

const fn kind(k: NodeKind) -> Role {
    Role::Kind(k)
}

/// Known images, by a word of their name. Checked on the image's last path
/// segment first, then on the rest, then (for components without a known
/// image) on the component's own name.
const WORDS: &[(&str, Role, &str)] = &[
    // Telemetry backends.
    (
        "jaeger",
        Role::Telemetry {
            traces: true,
            metrics: false,
            logs: false,
        },
        "Jaeger, a tracing backend",
    ),
    (
        "jaegertracing",
        Role::Telemetry {
            traces: true,
            metrics: false,
            logs: false,
        },
        "Jaeger, a tracing backend",
    ),
    (
        "zipkin",
        Role::Telemetry {
            traces: true,
            metrics: false,
            logs: false,
        },
        "Zipkin, a tracing backend",
    ),
    (
        "openzipkin",
        Role::Telemetry {
            traces: true,
            metrics: false,
            logs: false,
        },
        "Zipkin, a tracing backend",
    ),
    (
        "tempo",
        Role::Telemetry {
            traces: true,
            metrics: false,
            logs: false,
        },
        "Grafana Tempo, a tracing backend",
    ),
    (
        "opentelemetry",
        Role::Telemetry {
            traces: true,
            metrics: false,
            logs: false,
        },
        "an OpenTelemetry collector",
    ),
    (
        "otel",
        Role::Telemetry {
            traces: true,
            metrics: false,
            logs: false,
        },
        "an OpenTelemetry collector",
    ),
    (
        "otelcol",
        Role::Telemetry {
            traces: true,
            metrics: false,
            logs: false,
        },
        "an OpenTelemetry collector",
    ),
    (
        "prometheus",
        Role::Telemetry {
            traces: false,
            metrics: true,
            logs: false,
        },
        "Prometheus, a metrics backend",
    ),
    (
        "statsd",
        Role::Telemetry {
            traces: false,
            metrics: true,
            logs: false,
        },
        "StatsD, a metrics backend",
    ),
    (
        "exporter",
        Role::Telemetry {
            traces: false,
            metrics: true,
            logs: false,
        },
        "a Prometheus exporter",
    ),
    (
        "cadvisor",
        Role::Telemetry {
            traces: false,
            metrics: true,
            logs: false,
        },
        "cAdvisor, a metrics collector",
    ),
    (
        "alertmanager",
        Role::Telemetry {
            traces: false,
            metrics: true,
            logs: false,
        },
        "Alertmanager, for metrics alerts",
    ),
    (
        "loki",
        Role::Telemetry {
            traces: false,
            metrics: false,
            logs: true,
        },
        "Grafana Loki, a log backend",
    ),
    (
        "promtail",
        Role::Telemetry {
            traces: false,
            metrics: false,
            logs: true,
        },
        "Promtail, a log shipper",
    ),
    (
        "fluentd",
        Role::Telemetry {
            traces: false,
            metrics: false,
            logs: true,
        },
        "Fluentd, a log shipper",
    ),
    (
        "fluent",
        Role::Telemetry {
            traces: false,
            metrics: false,
            logs: true,
        },
        "Fluent Bit, a log shipper",
    ),
    (
        "logstash",
        Role::Telemetry {
            traces: false,
            metrics: false,
            logs: true,
        },
        "Logstash, a log pipeline",
    ),
    (
        "seq",
        Role::Telemetry {
            traces: false,
            metrics: false,
            logs: true,
        },
        "Seq, a structured log server",
    ),
    (
        "kibana",
        Role::Telemetry {
            traces: false,
            metrics: false,
            logs: false,
        },
        "Kibana, a dashboard",
    ),
    (
        "grafana",
        Role::Telemetry {
            traces: false,
            metrics: false,
            logs: false,
        },
        "Grafana, a dashboard",
    ),
    // Developer tools.
    (
        "mongo-express",
        Role::Tool,
        "mongo-express, a database admin UI",
    ),
    (
        "redis-commander",
        Role::Tool,
        "Redis Commander, an admin UI",
    ),
    ("kafka-ui", Role::Tool, "Kafka UI, an admin UI"),
    ("adminer", Role::Tool, "Adminer, a database admin UI"),
    ("pgadmin", Role::Tool, "pgAdmin, a database admin UI"),
    ("pgadmin4", Role::Tool, "pgAdmin, a database admin UI"),
    ("phpmyadmin", Role::Tool, "phpMyAdmin, a database admin UI"),
    ("commander", Role::Tool, "an admin UI"),
    ("redisinsight", Role::Tool, "RedisInsight, an admin UI"),
    ("kafdrop", Role::Tool, "Kafdrop, an admin UI"),
    ("akhq", Role::Tool, "AKHQ, an admin UI"),
    ("portainer", Role::Tool, "Portainer, an admin UI"),
    (
        "mailhog",
        Role::Tool,
        "MailHog, a mail catcher for development",
    ),
    (
        "mailpit",
        Role::Tool,
        "Mailpit, a mail catcher for development",
    ),
    (
        "maildev",
        Role::Tool,
        "MailDev, a mail catcher for development",
    ),
    // Load generators.
    ("locust", Role::Load, "Locust, a load generator"),
    ("locustio", Role::Load, "Locust, a load generator"),
    ("k6", Role::Load, "k6, a load generator"),
    ("jmeter", Role::Load, "JMeter, a load generator"),
    ("wrk", Role::Load, "wrk, a load generator"),
    ("wrk2", Role::Load, "wrk2, a load generator"),
    ("vegeta", Role::Load, "Vegeta, a load generator"),
    ("artillery", Role::Load, "Artillery, a load generator"),
    ("gatling", Role::Load, "Gatling, a load generator"),
    ("loadgenerator", Role::Load, "a load generator"),
    // Databases and coordination stores.
    (
        "postgres",
        kind(NodeKind::Database),
        "PostgreSQL, a relational database",
    ),
    (
        "postgresql",
        kind(NodeKind::Database),
        "PostgreSQL, a relational database",
    ),
    (
        "postgis",
        kind(NodeKind::Database),
        "PostGIS, a relational database",
    ),
    (
        "timescaledb",
        kind(NodeKind::Database),
        "TimescaleDB, a relational database",
    ),
    (
        "mysql",
        kind(NodeKind::Database),
        "MySQL, a relational database",
    ),
    (
        "mariadb",
        kind(NodeKind::Database),
        "MariaDB, a relational database",
    ),
    (
        "percona",
        kind(NodeKind::Database),
        "Percona, a relational database",
    ),
    (
        "mssql",
        kind(NodeKind::Database),
        "SQL Server, a relational database",
    ),
    (
        "sqlserver",
        kind(NodeKind::Database),
        "SQL Server, a relational database",
    ),
    (
        "oracle",
        kind(NodeKind::Database),
        "Oracle, a relational database",
    ),
    (
        "cockroach",
        kind(NodeKind::Database),
        "CockroachDB, a relational database",
    ),
    (
        "cockroachdb",
        kind(NodeKind::Database),
        "CockroachDB, a relational database",
    ),
    (
        "yugabyte",
        kind(NodeKind::Database),
        "YugabyteDB, a relational database",
    ),
    (
        "mongo",
        kind(NodeKind::Database),
        "MongoDB, a document database",
    ),
    (
        "mongodb",
        kind(NodeKind::Database),
        "MongoDB, a document database",
    ),
    (
        "couchdb",
        kind(NodeKind::Database),
        "CouchDB, a document database",
    ),
    (
        "couchbase",
        kind(NodeKind::Database),
        "Couchbase, a document database",
    ),
    (
        "cassandra",
        kind(NodeKind::Database),
        "Cassandra, a wide-column database",
    ),
    (
        "scylla",
        kind(NodeKind::Database),
        "ScyllaDB, a wide-column database",
    ),
    ("neo4j", kind(NodeKind::Database), "Neo4j, a graph database"),
    (
        "dynamodb",
        kind(NodeKind::Database),
        "DynamoDB, a key-value database",
    ),
    (
        "clickhouse",
        kind(NodeKind::Database),
        "ClickHouse, an analytical database",
    ),
    (
        "influxdb",
        kind(NodeKind::Database),
        "InfluxDB, a time-series database",
    ),
    (
        "eventstore",
        kind(NodeKind::Database),
        "EventStoreDB, an event store",
    ),
    (
        "zookeeper",
        kind(NodeKind::Database),
        "ZooKeeper, a coordination store",
    ),
    (
        "etcd",
        kind(NodeKind::Database),
        "etcd, a coordination store",
    ),
    (
        "consul",
        kind(NodeKind::Database),
        "Consul, a coordination store",
    ),
    // Caches.
    ("redis", kind(NodeKind::Cache), "Redis, an in-memory store"),
    (
        "valkey",
        kind(NodeKind::Cache),
        "Valkey, an in-memory store",
    ),
    ("keydb", kind(NodeKind::Cache), "KeyDB, an in-memory store"),
    (
        "dragonfly",
        kind(NodeKind::Cache),
        "Dragonfly, an in-memory store",
    ),
    ("memcached", kind(NodeKind::Cache), "Memcached, a cache"),
    ("varnish", kind(NodeKind::Cache), "Varnish, an HTTP cache"),
    // Brokers.
    (
        "rabbitmq",
        kind(NodeKind::Queue),
        "RabbitMQ, a message broker",
    ),
    ("kafka", kind(NodeKind::Queue), "Kafka, an event log"),
    ("redpanda", kind(NodeKind::Queue), "Redpanda, an event log"),
    ("nats", kind(NodeKind::Queue), "NATS, a message broker"),
    (
        "activemq",
        kind(NodeKind::Queue),
        "ActiveMQ, a message broker",
    ),
    (
        "artemis",
        kind(NodeKind::Queue),
        "ActiveMQ Artemis, a message broker",
    ),
    ("pulsar", kind(NodeKind::Queue), "Pulsar, a message broker"),
    ("nsq", kind(NodeKind::Queue), "NSQ, a message broker"),
    ("nsqd", kind(NodeKind::Queue), "NSQ, a message broker"),
    (
        "mosquitto",
        kind(NodeKind::Queue),
        "Mosquitto, an MQTT broker",
    ),
    ("emqx", kind(NodeKind::Queue), "EMQX, an MQTT broker"),
    // Search.
    (
        "elasticsearch",
        kind(NodeKind::Search),
        "Elasticsearch, a search engine",
    ),
    (
        "opensearch",
        kind(NodeKind::Search),
        "OpenSearch, a search engine",
    ),
    ("solr", kind(NodeKind::Search), "Solr, a search engine"),
    (
        "meilisearch",
        kind(NodeKind::Search),
        "Meilisearch, a search engine",
    ),
    (
        "typesense",
        kind(NodeKind::Search),
        "Typesense, a search engine",
    ),
    // Object storage.
    (
        "minio",
        kind(NodeKind::ObjectStorage),
        "MinIO, an object store",
    ),
    (
        "azurite",
        kind(NodeKind::ObjectStorage),
        "Azurite, an object store emulator",
    ),
    (
        "seaweedfs",
        kind(NodeKind::ObjectStorage),
        "SeaweedFS, an object store",
    ),
    // Proxies.
    (
        "nginx",
        Role::Proxy(NodeKind::Gateway),
        "nginx, a reverse proxy",
    ),
    (
        "openresty",
        Role::Proxy(NodeKind::Gateway),
        "OpenResty (nginx), a reverse proxy",
    ),
    ("envoy", Role::Proxy(NodeKind::Gateway), "Envoy, a proxy"),
    (
        "envoyproxy",
        Role::Proxy(NodeKind::Gateway),
        "Envoy, a proxy",
    ),
    (
        "traefik",
        Role::Proxy(NodeKind::Gateway),
        "Traefik, a reverse proxy",
    ),
    (
        "kong",
        Role::Proxy(NodeKind::Gateway),
        "Kong, an API gateway",
    ),
    (
        "krakend",
        Role::Proxy(NodeKind::Gateway),
        "KrakenD, an API gateway",
    ),
    (
        "apisix",
        Role::Proxy(NodeKind::Gateway),
        "APISIX, an API gateway",
    ),
    ("tyk", Role::Proxy(NodeKind::Gateway), "Tyk, an API gateway"),
    (
        "caddy",
        Role::Proxy(NodeKind::Gateway),
        "Caddy, a reverse proxy",
    ),
    (
        "haproxy",
        Role::Proxy(NodeKind::LoadBalancer),
        "HAProxy, a load balancer",
    ),
];

/// Words a store's name adds to the name of the service it belongs to
/// (`orders-db`, `user-memcached`, `redis-cart`).
const STORE_WORDS: &[&str] = &[
    "db",
    "database",
    "data",
    "store",
    "storage",
    "mongo",
    "mongodb",
    "redis",
    "memcached",
    "cache",
    "postgres",
    "postgresql",
    "pg",
    "mysql",
    "mariadb",
    "sql",
    "sqldata",
    "nosql",
    "es",
    "elasticsearch",
    "search",
    "cassandra",
];
/// Words a service's name adds (`user-service`, `orders-api`).
const SERVICE_WORDS: &[&str] = &["service", "svc", "api", "server", "app", "srv", "backend"];

/// Environment keys that hold secrets: never read for host names, never
/// quoted as evidence.
fn secret_key(key: &str) -> bool {
    let k = key.to_ascii_uppercase();
    [
        "PASSWORD",
        "PASSWD",
        "SECRET",
        "TOKEN",
        "PRIVATE",
        "CREDENTIAL",
        "APIKEY",
        "API_KEY",
        "_KEY",
        "SALT",
    ]
    .iter()
    .any(|w| k.contains(w) || k == "KEY")
}

/// Keys whose bare value is a host name (`REDIS_HOST=cache`).
fn host_key(key: &str) -> bool {
    let k = key.to_ascii_lowercase().replace("__", "_");
    [
        "host",
        "hostname",
        "addr",
        "address",
        "server",
        "servers",
        "url",
        "uri",
        "endpoint",
        "broker",
        "brokers",
        "connection",
        "connectionstring",
        "dsn",
        "service",
        "bootstrap_servers",
    ]
    .iter()
    .any(|w| k.ends_with(w))
}

/// Connection-string keys that name the host (`Server=sqldata;…`).
const CONN_HOST_KEYS: &[&str] = &[
    "server",
    "host",
    "data source",
    "datasource",
    "address",
    "addr",
    "endpoint",
    "hostname",
];

/// Host names a setting names, in order.
fn hosts_in(key: &str, value: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut push = |h: &str| {
        let h = h
            .trim()
            .trim_matches(|c| c == '"' || c == '\'')
            .to_ascii_lowercase();
        if !h.is_empty() && !out.contains(&h) {
            out.push(h);
        }
    };
    for part in value
        .split([';', ',', '\n'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
    {
        // Connection-string pairs may hold spaces ("Data Source=db").
        if !part.contains("://") {
            if let Some((k, v)) = part.split_once('=').filter(|(k, _)| {
                k.chars()
                    .all(|c| c.is_ascii_alphanumeric() || " _-.".contains(c))
            }) {
                if CONN_HOST_KEYS.contains(&k.trim().to_ascii_lowercase().as_str()) {
                    let v = v.trim();
                    let v = v.strip_prefix("tcp:").unwrap_or(v);
                    push(strip_port(v));
                }
                continue;
            }
        }
        for piece in part.split_whitespace() {
            if let Some((_, rest)) = piece.split_once("://") {
                let authority = rest.split(['/', '?', '#']).next().unwrap_or(rest);
                let host_port = authority.rsplit('@').next().unwrap_or(authority);
                push(strip_port(host_port));
            } else if let Some((h, port)) = piece
                .split(['/', '?'])
                .next()
                .unwrap_or(piece)
                .rsplit_once(':')
            {
                if !port.is_empty()
                    && port.chars().all(|c| c.is_ascii_digit())
                    && looks_like_host(h)
                {
                    push(h);
                }
            } else if host_key(key) && looks_like_host(piece) {
                push(piece);
            }
        }
    }
    out
}

fn strip_port(s: &str) -> &str {
    match s.rsplit_once(':') {
        Some((h, p)) if p.chars().all(|c| c.is_ascii_digit()) => h,
        _ => s,
    }
}

fn looks_like_host(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 253
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '.' || c == '_')
        && s.chars().any(|c| c.is_ascii_alphabetic())
}

/// A setting's value fit to quote: every secret it holds masked
/// ([`super::secrets::mask`]), long values cut.
fn quoted(value: &str) -> String {
    let v = super::secrets::mask(value);
    if v.chars().count() > 100 {
        v.chars().take(100).collect::<String>() + "…"
    } else {
        v
    }
}

/// The words of a name, lower case.
fn words(s: &str) -> Vec<String> {
    s.to_ascii_lowercase()
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect()
}

/// An image reference's path segments, without registry, tag or digest.
fn image_segments(image: &str) -> Vec<String> {
    let image = image
        .split('@')
        .next()
        .unwrap_or(image)
        .to_ascii_lowercase();
    let mut parts: Vec<&str> = image.split('/').collect();
    if parts.len() > 1
        && (parts[0].contains('.') || parts[0].contains(':') || parts[0] == "localhost")
    {
        parts.remove(0);
    }
    let mut out: Vec<String> = parts.iter().map(|p| (*p).to_owned()).collect();
    if let Some(last) = out.last_mut() {
        if let Some((name, _tag)) = last.split_once(':') {
            *last = name.to_owned();
        }
    }
    out
}

fn lookup(word: &str) -> Option<(Role, &'static str)> {
    WORDS
        .iter()
        .find(|(w, _, _)| *w == word)
        .map(|&(_, r, d)| (r, d))
}

/// The strongest hit among a name's words: a tool or a telemetry backend
/// named after what it serves (redis-exporter, pgadmin) is that tool, not
/// the store.
fn best(words: &[String]) -> Option<(Role, &'static str)> {
    let rank = |r: &Role| match r {
        Role::Tool => 0,
        Role::Telemetry { .. } => 1,
        Role::Load => 2,
        Role::Kind(_) | Role::Proxy(_) => 3,
    };
    words
        .iter()
        .filter_map(|w| lookup(w))
        .min_by_key(|(r, _)| rank(r))
}

/// The role of a component, and why.
fn classify(c: &Component) -> (Role, String) {
    if let Some(image) = &c.image {
        let segments = image_segments(&image.value);
        // The last segment first (grafana/loki is Loki), whole then by word.
        for seg in segments.iter().rev() {
            let hit = lookup(seg).or_else(|| best(&words(seg)));
            if let Some((role, what)) = hit {
                return (
                    role,
                    format!("{}: {} is {what}", image.evidence, image.value),
                );
            }
        }
    }
    if c.job {
        return (
            Role::Kind(NodeKind::Worker),
            format!("{}: a Job runs to completion, called by no one", c.origin),
        );
    }
    if let Some(built) = &c.built {
        return (
            Role::Kind(NodeKind::Service),
            format!("{built}: built from source, so one of your services"),
        );
    }
    // No known image: the name may still say what it is (a workload named
    // user-mongodb running a custom image).
    if let Some((role, what)) = best(&words(&c.key)) {
        if !matches!(role, Role::Proxy(_)) {
            return (role, format!("{}: the name says it is {what}", c.origin));
        }
    }
    match &c.image {
        Some(image) => (
            Role::Kind(NodeKind::Service),
            format!(
                "{}: {} is not a known infrastructure image, so one of your services",
                image.evidence, image.value
            ),
        ),
        None => (
            Role::Kind(NodeKind::Service),
            format!("{}: no image, taken as one of your services", c.origin),
        ),
    }
}

/// Resolves host names to components.
struct Names {
    by_alias: BTreeMap<String, usize>,
    namespaces: Vec<String>,
}

impl Names {
    fn find(&self, host: &str) -> Option<usize> {
        let host = host.trim_end_matches('.');
        if let Some(&i) = self.by_alias.get(host) {
            return Some(i);
        }
        // name.namespace, name.namespace.svc, name.namespace.svc.cluster.local
        let mut labels = host.split('.');
        let first = labels.next()?;
        let rest: Vec<&str> = labels.collect();
        let cluster_local = !rest.is_empty()
            && (rest.get(1) == Some(&"svc")
                || (rest.len() == 1 && self.namespaces.iter().any(|n| n == rest[0])))
            || rest.first() == Some(&"svc");
        cluster_local
            .then(|| self.by_alias.get(first).copied())
            .flatten()
    }
}

struct Built {
    nodes: Vec<Node>,
    roles: Vec<Role>,
    /// Evidence of being reachable from outside, per node.
    published: Vec<Vec<String>>,
    /// from, to → evidence, keys used
    edges: BTreeMap<(usize, usize), (Vec<String>, Vec<String>)>,
}

impl Built {
    fn edge(&mut self, from: usize, to: usize, evidence: String, key: Option<&str>) {
        if from == to {
            return;
        }
        let e = self.edges.entry((from, to)).or_default();
        if !e.0.contains(&evidence) {
            e.0.push(evidence);
        }
        if let Some(k) = key {
            e.1.push(k.to_owned());
        }
    }

    fn add_trait(&mut self, i: usize, t: &str, why: String) {
        let n = &mut self.nodes[i];
        if !n.traits.iter().any(|x| x == t) {
            n.traits.push(t.to_owned());
            n.evidence.push(format!("{t}: {why}"));
        }
    }
}

/// Ids handed out so far. Each base remembers the next suffix to try, so
/// that many names reducing to one id cost a constant each, not a scan of
/// every earlier one.
#[derive(Default)]
struct Ids {
    taken: HashSet<String>,
    next: HashMap<String, usize>,
}

impl Ids {
    fn unique(&mut self, name: &str) -> String {
        let base = match slug(name) {
            s if s.is_empty() => "component".to_owned(),
            s => s,
        };
        let mut id = base.clone();
        if self.taken.contains(&id) {
            let n = self.next.entry(base.clone()).or_insert(2);
            loop {
                id = format!("{base}-{n}");
                *n += 1;
                if !self.taken.contains(&id) {
                    break;
                }
            }
        }
        self.taken.insert(id.clone());
        id
    }
}

pub fn graph(input: Input, report: &mut Report) -> Graph {
    let comps = &input.components;
    let mut ids = Ids::default();
    let mut b = Built {
        nodes: Vec::new(),
        roles: Vec::new(),
        published: Vec::new(),
        edges: BTreeMap::new(),
    };
    let mut by_alias = BTreeMap::new();
    for (i, c) in comps.iter().enumerate() {
        let (role, why) = classify(c);
        let kind = match role {
            Role::Kind(k) | Role::Proxy(k) => k,
            Role::Load => NodeKind::Client,
            Role::Telemetry { .. } | Role::Tool => NodeKind::External,
        };
        let mut node = Node::new(ids.unique(&c.key), c.key.clone(), kind);
        node.evidence.push(format!("Found in {}", c.origin));
        node.evidence.push(format!("kind {}: {why}", kind.id()));
        match &c.replicas {
            Some(r) => {
                node.replicas = Some(r.value.max(1));
                node.evidence.push(format!("instances: {}", r.evidence));
            }
            None if matches!(role, Role::Kind(_) | Role::Proxy(_)) && !c.job => node.evidence.push(
                "instances: not in the files (compose runs one container per service unless deploy.replicas says otherwise; production may differ), so the review asks".into(),
            ),
            None => {}
        }
        node.evidence.extend(c.services.iter().cloned());
        if !c.sidecars.is_empty() {
            node.evidence
                .push(format!("sidecar containers: {}", c.sidecars.join(", ")));
        }
        for a in &c.aliases {
            by_alias.entry(a.to_ascii_lowercase()).or_insert(i);
        }
        b.nodes.push(node);
        b.roles.push(role);
        b.published.push(c.published.clone());
    }
    let mut names = Names {
        by_alias,
        namespaces: input.namespaces.clone(),
    };
    // ExternalName Services: external systems under a cluster name.
    for (name, host, evidence) in &input.external_names {
        let mut node = Node::new(ids.unique(name), name.clone(), NodeKind::External);
        node.evidence.push(format!("external: {evidence}"));
        names
            .by_alias
            .entry(name.to_ascii_lowercase())
            .or_insert(b.nodes.len());
        names
            .by_alias
            .entry(host.to_ascii_lowercase())
            .or_insert(b.nodes.len());
        b.nodes.push(node);
        b.roles.push(Role::Kind(NodeKind::External));
        b.published.push(Vec::new());
    }

    // Settings and dependencies.
    for (i, c) in comps.iter().enumerate() {
        let me = b.nodes[i].display_name().to_owned();
        for (key, value, at) in &c.env {
            if secret_key(key) {
                continue;
            }
            let upper = key.to_ascii_uppercase();
            // Tracing switched on by a setting, whatever receives it.
            if (upper.contains("OTEL_EXPORTER")
                || upper.contains("OTLP")
                || upper.contains("JAEGER")
                || upper.contains("ZIPKIN"))
                && !value.trim().is_empty()
            {
                b.add_trait(i, "traced", format!("{at} = {}", quoted(value)));
            }
            if upper.starts_with("ENABLE_TRACING")
                && ["1", "true", "yes", "on"].contains(&value.trim().to_ascii_lowercase().as_str())
            {
                b.add_trait(i, "traced", format!("{at} = {value}"));
            }
            for host in hosts_in(key, value) {
                // The machine itself, or the Docker host.
                if matches!(
                    host.as_str(),
                    "localhost"
                        | "127.0.0.1"
                        | "0.0.0.0"
                        | "::1"
                        | "host.docker.internal"
                        | "gateway.docker.internal"
                ) {
                    continue;
                }
                match names.find(&host) {
                    Some(t) if t == i => {}
                    Some(t) => {
                        let evidence = format!("{at} = {}", quoted(value));
                        match b.roles[t] {
                            Role::Telemetry {
                                traces,
                                metrics,
                                logs,
                            } => {
                                let backend = b.nodes[t].display_name().to_owned();
                                for (on, tr) in
                                    [(traces, "traced"), (metrics, "metrics"), (logs, "logs")]
                                {
                                    if on {
                                        b.add_trait(
                                            i,
                                            tr,
                                            format!("reports to {backend} ({evidence})"),
                                        );
                                    }
                                }
                            }
                            Role::Tool => {}
                            _ => b.edge(i, t, evidence, Some(key)),
                        }
                    }
                    None if host.contains('.') && host.chars().any(|c| c.is_ascii_alphabetic()) => {
                        report.unplaced.push(format!(
                            "{me}: {at} names {host}, which is not in these files (an external system? add it by hand if it matters)"
                        ));
                    }
                    None if host_key(key) => report.unplaced.push(format!(
                        "{me}: {at} names {host}, which is not in these files"
                    )),
                    None => {}
                }
            }
        }
        for link in &c.links {
            match names.find(&link.value.to_ascii_lowercase()) {
                Some(t) => match b.roles[t] {
                    Role::Telemetry {
                        traces,
                        metrics,
                        logs,
                    } => {
                        let backend = b.nodes[t].display_name().to_owned();
                        for (on, tr) in [(traces, "traced"), (metrics, "metrics"), (logs, "logs")] {
                            if on {
                                b.add_trait(
                                    i,
                                    tr,
                                    format!("depends on {backend} ({})", link.evidence),
                                );
                            }
                        }
                    }
                    Role::Tool => {}
                    _ => b.edge(i, t, link.evidence.clone(), None),
                },
                None => report.unplaced.push(format!(
                    "{me}: {} names {}, which is not in these files",
                    link.evidence, link.value
                )),
            }
        }
    }
    // Ingress routes: a gateway node per Ingress.
    let mut ingress_nodes = Vec::new();
    for (name, backends) in &input.ingresses {
        let id = ids.unique(&format!("ingress-{name}"));
        let mut node = Node::new(id, format!("Ingress {name}"), NodeKind::Gateway);
        node.evidence.push(format!(
            "gateway: the Ingress {name} routes outside traffic in"
        ));
        let at = b.nodes.len();
        b.nodes.push(node);
        b.roles.push(Role::Kind(NodeKind::Gateway));
        b.published.push(vec![format!(
            "Ingress {name}: takes traffic from outside the cluster"
        )]);
        ingress_nodes.push(at);
        for be in backends {
            match names.find(&be.value.to_ascii_lowercase()) {
                Some(t) => b.edge(at, t, be.evidence.clone(), None),
                None => report.unplaced.push(format!(
                    "{}: no workload answers to that Service in these files",
                    be.evidence
                )),
            }
        }
    }
    // Naming conventions: a store named after a service.
    let stem = |name: &str, strip: &[&str]| -> Vec<String> {
        words(name)
            .into_iter()
            .filter(|w| !strip.contains(&w.as_str()))
            .map(|w| {
                // "cartservice" → "cart"
                SERVICE_WORDS
                    .iter()
                    .find_map(|s| {
                        w.strip_suffix(s)
                            .filter(|r| r.len() >= 3)
                            .map(str::to_owned)
                    })
                    .unwrap_or(w)
            })
            .collect()
    };
    // Services by the words of their names, with and without store words,
    // so that each store finds its namesakes in one lookup.
    let mut by_stem: HashMap<Vec<String>, Vec<usize>> = HashMap::new();
    for svc in (0..comps.len())
        .filter(|&i| matches!(b.roles[i], Role::Kind(NodeKind::Service | NodeKind::Worker)))
    {
        // "post-storage-service" owns "post-storage-mongodb": the
        // service's own words may include a store word.
        let svc_stem = stem(&comps[svc].key, SERVICE_WORDS);
        let svc_bare: Vec<String> = svc_stem
            .iter()
            .filter(|w| !STORE_WORDS.contains(&w.as_str()))
            .cloned()
            .collect();
        if svc_bare != svc_stem {
            by_stem.entry(svc_bare).or_default().push(svc);
        }
        by_stem.entry(svc_stem).or_default().push(svc);
    }
    for s in 0..comps.len() {
        if !matches!(
            b.nodes[s].kind,
            NodeKind::Database | NodeKind::Cache | NodeKind::Search | NodeKind::ObjectStorage
        ) || !matches!(b.roles[s], Role::Kind(_))
        {
            continue;
        }
        let store_stem = stem(&comps[s].key, STORE_WORDS);
        if store_stem.is_empty() {
            continue;
        }
        let mut owners = by_stem.get(&store_stem).cloned().unwrap_or_default();
        owners.sort_unstable();
        owners.dedup();
        for svc in owners {
            if b.edges.contains_key(&(svc, s)) || b.edges.contains_key(&(s, svc)) {
                continue;
            }
            b.edge(
                svc,
                s,
                format!(
                    "inferred from names: {} is named after {} (no setting names it; confirm)",
                    comps[s].key, comps[svc].key
                ),
                None,
            );
        }
    }
    // Redis and friends used as a queue.
    let mut queue_key: HashMap<usize, String> = HashMap::new();
    for ((_, to), (_, keys)) in &b.edges {
        if b.nodes[*to].kind != NodeKind::Cache || queue_key.contains_key(to) {
            continue;
        }
        let key = keys.iter().find(|k| {
            let k = k.to_ascii_uppercase();
            [
                "QUEUE", "BROKER", "CELERY", "BULL", "SIDEKIQ", "JOBS", "RQ_", "PUBSUB", "STREAM",
            ]
            .iter()
            .any(|w| k.contains(w))
        });
        if let Some(key) = key {
            queue_key.insert(*to, key.clone());
        }
    }
    for t in 0..b.nodes.len() {
        if let Some(key) = queue_key.remove(&t) {
            b.nodes[t].kind = NodeKind::Queue;
            b.nodes[t]
                .evidence
                .push(format!("queue: used as a queue, as the setting {key} says"));
        }
    }
    // Workers: built services that nothing calls, reachable from nowhere,
    // that talk to a broker: they consume from it.
    let called_before_workers: HashSet<usize> = b.edges.keys().map(|&(_, to)| to).collect();
    for (i, comp) in comps.iter().enumerate() {
        if b.nodes[i].kind != NodeKind::Service || !b.published[i].is_empty() {
            continue;
        }
        let called = called_before_workers.contains(&i);
        // Edges are ordered by (from, to): this component's own are a range.
        let queues: Vec<usize> = b
            .edges
            .range((i, 0)..(i + 1, 0))
            .map(|(&(_, to), _)| to)
            .filter(|&to| b.nodes[to].kind == NodeKind::Queue)
            .collect();
        if called || queues.is_empty() {
            continue;
        }
        b.nodes[i].kind = NodeKind::Worker;
        b.nodes[i].evidence.push(
            "worker: nothing calls it and it talks to a broker, so it consumes messages".into(),
        );
        for q in queues {
            if let Some((mut evidence, keys)) = b.edges.remove(&(i, q)) {
                evidence.push(format!(
                    "direction: {} is a worker, so messages flow from {} to it",
                    comp.key,
                    b.nodes[q].display_name()
                ));
                b.edges.insert((q, i), (evidence, keys));
            }
        }
    }
    // Entry points: a Clients node calls what is reachable from outside.
    let mut entries: Vec<usize> = Vec::new();
    for i in 0..b.nodes.len() {
        if b.published[i].is_empty() || ingress_backend(&b, &ingress_nodes, i) {
            continue;
        }
        match b.nodes[i].kind {
            NodeKind::Database
            | NodeKind::Cache
            | NodeKind::Queue
            | NodeKind::Search
            | NodeKind::ObjectStorage => {
                report.notes.push(format!(
                    "{} publishes a port ({}): taken as access for local tools, not as an entry point.",
                    b.nodes[i].display_name(),
                    b.published[i].join("; ")
                ));
            }
            NodeKind::Client | NodeKind::External => {}
            _ => entries.push(i),
        }
    }
    if !entries.is_empty() {
        let id = ids.unique("clients");
        let mut node = Node::new(id, "Clients", NodeKind::Client);
        node.evidence.push(
            "client: added for the entry points, the components reachable from outside".into(),
        );
        let at = b.nodes.len();
        b.nodes.push(node);
        b.roles.push(Role::Kind(NodeKind::Client));
        b.published.push(Vec::new());
        for i in entries {
            for ev in b.published[i].clone() {
                b.edge(at, i, ev, None);
            }
        }
    }
    // Telemetry backends and tools are not drawn.
    let keep: Vec<bool> = b
        .roles
        .iter()
        .map(|r| !matches!(r, Role::Telemetry { .. } | Role::Tool))
        .collect();
    for (i, k) in keep.iter().enumerate() {
        if !k {
            let why = b.nodes[i].evidence.get(1).cloned().unwrap_or_default();
            let why = why
                .split_once(": ")
                .map_or(why.as_str(), |x| x.1)
                .to_owned();
            let what = match b.roles[i] {
                Role::Tool => "a developer tool, not part of the system",
                _ => "a telemetry backend: the services that report to it are marked traced, metrics or logs instead",
            };
            report
                .absorbed
                .push(format!("{}: {what} ({why})", b.nodes[i].display_name()));
        }
    }
    let mut edges: Vec<Edge> = Vec::new();
    for ((from, to), (evidence, keys)) in &b.edges {
        if !keep[*from] || !keep[*to] {
            continue;
        }
        let mut e = Edge::new(b.nodes[*from].id.clone(), b.nodes[*to].id.clone());
        let target = b.nodes[*to].kind;
        if target == NodeKind::Queue || b.nodes[*from].kind == NodeKind::Queue {
            e.style = EdgeStyle::Async;
        }
        if matches!(
            target,
            NodeKind::Database | NodeKind::Cache | NodeKind::Search | NodeKind::ObjectStorage
        ) {
            let read_only = !keys.is_empty()
                && keys.iter().all(|k| {
                    let k = k.to_ascii_uppercase();
                    k.contains("READ") || k.contains("REPLICA") || k.contains("_RO")
                });
            if read_only {
                e.access = Some(Access::Read);
            }
        }
        e.evidence = evidence.clone();
        edges.push(e);
    }
    let nodes: Vec<Node> = b
        .nodes
        .into_iter()
        .zip(keep)
        .filter_map(|(n, k)| k.then_some(n))
        .collect();
    let connected: HashSet<&str> = edges
        .iter()
        .flat_map(|e| [e.from.as_str(), e.to.as_str()])
        .collect();
    for n in &nodes {
        if !connected.contains(n.id.as_str()) && n.kind != NodeKind::Client {
            report.notes.push(format!(
                "{}: no setting, dependency or route connects it to anything; draw its edges by hand if it has any.",
                n.display_name()
            ));
        }
    }
    Graph {
        nodes,
        edges,
        ..Graph::default()
    }
}

/// Whether an Ingress routes to the node (then the Ingress, not the node, is
/// the entry point).
fn ingress_backend(b: &Built, ingresses: &[usize], i: usize) -> bool {
    !ingresses.contains(&i)
        && ingresses.iter().any(|g| b.edges.contains_key(&(*g, i)))
        && b.published[i]
            .iter()
            .all(|p| p.contains(": Ingress ") || p.starts_with("Ingress "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_name_hosts_in_every_usual_form() {
        assert_eq!(
            hosts_in(
                "ConnectionString",
                "Server=sqldata;Database=Orders;User Id=sa;Password=x"
            ),
            ["sqldata"]
        );
        assert_eq!(
            hosts_in("DB", "Server=tcp:sqldata,1433;Initial Catalog=x"),
            ["sqldata"]
        );
        assert_eq!(
            hosts_in("REDIS", "basketdata:6379,abortConnect=false"),
            ["basketdata"]
        );
        assert_eq!(
            hosts_in(
                "MONGO_URL",
                "mongodb://user:pw@mongo-a:27017,mongo-b:27017/db?replicaSet=rs"
            ),
            ["mongo-a", "mongo-b"]
        );
        assert_eq!(hosts_in("EventBusConnection", "rabbitmq"), ["rabbitmq"]);
        assert_eq!(hosts_in("REDIS_HOST", "cache"), ["cache"]);
        assert_eq!(hosts_in("GREETING", "hello"), Vec::<String>::new());
        assert_eq!(hosts_in("FRONTEND_ADDR", "frontend:80"), ["frontend"]);
        assert_eq!(hosts_in("KAFKA", "PLAINTEXT://kafka:9092"), ["kafka"]);
        assert_eq!(hosts_in("RATIO", "16:9"), Vec::<String>::new());
    }

    #[test]
    fn quoted_settings_hide_secrets() {
        assert_eq!(
            quoted("Server=sqldata;User Id=sa;Password=Pass@word"),
            "Server=sqldata;User Id=sa;Password=***"
        );
        assert_eq!(
            quoted("amqp://guest:guest@rabbitmq:5672/"),
            "amqp://guest:***@rabbitmq:5672/"
        );
        assert!(
            secret_key("POSTGRES_PASSWORD")
                && secret_key("STRIPE_API_KEY")
                && !secret_key("KEYCLOAK_URL")
        );
    }

    #[test]
    fn images_say_what_a_component_is() {
        let role = |image: &str| {
            let mut c = Component::new("x", "", "f", "p");
            c.image = Some(Fact::new(image.to_owned(), "e".into()));
            classify(&c).0
        };
        assert_eq!(role("postgres:16-alpine"), Role::Kind(NodeKind::Database));
        assert_eq!(
            role("mcr.microsoft.com/mssql/server:2019-latest"),
            Role::Kind(NodeKind::Database)
        );
        assert_eq!(
            role("grafana/loki:2.9"),
            Role::Telemetry {
                traces: false,
                metrics: false,
                logs: true
            }
        );
        assert_eq!(role("grafana/k6"), Role::Load);
        assert_eq!(role("mongo-express"), Role::Tool);
        assert_eq!(
            role("oliver006/redis_exporter"),
            Role::Telemetry {
                traces: false,
                metrics: true,
                logs: false
            }
        );
        assert_eq!(
            role("confluentinc/cp-kafka:7.5.0"),
            Role::Kind(NodeKind::Queue)
        );
        assert_eq!(
            role("jaegertracing/all-in-one:1.57"),
            Role::Telemetry {
                traces: true,
                metrics: false,
                logs: false
            }
        );
        assert_eq!(
            role("localhost:5000/shop/orders:dev"),
            Role::Kind(NodeKind::Service)
        );
        assert_eq!(
            role("envoyproxy/envoy:v1.29"),
            Role::Proxy(NodeKind::Gateway)
        );
    }
}
