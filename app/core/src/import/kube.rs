//! Kubernetes manifests: workloads (Deployment, StatefulSet, DaemonSet,
//! ReplicaSet, Pod, Job, CronJob) as [`Component`]s; Services map names to
//! the workloads they select and mark entry points; Ingresses route to
//! Services; HorizontalPodAutoscalers set the instance floor.

use std::collections::BTreeMap;

use serde_json::Value;

use super::compose::scalar;
use super::{Component, Fact, Notes};

/// Whether a document is a Kubernetes object.
pub fn is_manifest(doc: &Value) -> bool {
    doc.get("apiVersion").is_some_and(Value::is_string)
        && doc.get("kind").is_some_and(Value::is_string)
}

/// Objects that hold no component of the graph, skipped with a count.
const INERT: &[&str] = &[
    "ConfigMap",
    "Secret",
    "ServiceAccount",
    "Role",
    "RoleBinding",
    "ClusterRole",
    "ClusterRoleBinding",
    "NetworkPolicy",
    "PodDisruptionBudget",
    "PersistentVolumeClaim",
    "PersistentVolume",
    "StorageClass",
    "Namespace",
    "LimitRange",
    "ResourceQuota",
    "PriorityClass",
    "CustomResourceDefinition",
    "MutatingWebhookConfiguration",
    "ValidatingWebhookConfiguration",
    "IngressClass",
    "EndpointSlice",
    "Endpoints",
    "VerticalPodAutoscaler",
    "ServiceMonitor",
    "PodMonitor",
];

/// What the manifests say beyond the workloads.
#[derive(Default)]
pub struct Cluster {
    pub components: Vec<Component>,
    /// Ingresses: name, file, and each backend Service with its evidence.
    pub ingresses: Vec<(String, Vec<Fact<String>>)>,
    /// ExternalName Services: name, external host, evidence.
    pub external_names: Vec<(String, String, String)>,
    /// Namespaces seen, for reading `name.namespace` host names.
    pub namespaces: Vec<String>,
}

struct Service {
    name: String,
    namespace: String,
    selector: BTreeMap<String, String>,
    kind: String,
    evidence: String,
}

/// Reads every object of every file.
pub fn read(files: &[(&str, &Value)], notes: &mut Notes) -> Cluster {
    let mut objects: Vec<(&str, &Value)> = Vec::new();
    for (file, doc) in files {
        // `kind: List` bundles (kubectl get -o yaml) hold objects in items.
        if doc.get("kind").and_then(Value::as_str) == Some("List") {
            if let Some(Value::Array(items)) = doc.get("items") {
                objects.extend(items.iter().map(|i| (*file, i)));
            }
        } else {
            objects.push((file, doc));
        }
    }
    let mut cluster = Cluster::default();
    let mut services: Vec<Service> = Vec::new();
    let mut labels: Vec<BTreeMap<String, String>> = Vec::new();
    let mut hpas: Vec<(String, u32, String)> = Vec::new();
    let mut skipped: BTreeMap<String, usize> = BTreeMap::new();
    for (file, o) in objects {
        let kind = o.get("kind").and_then(Value::as_str).unwrap_or_default();
        let meta = o.get("metadata");
        let name = meta
            .and_then(|m| m.get("name"))
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned();
        let namespace = meta
            .and_then(|m| m.get("namespace"))
            .and_then(Value::as_str)
            .unwrap_or("default")
            .to_owned();
        if !cluster.namespaces.contains(&namespace) {
            cluster.namespaces.push(namespace.clone());
        }
        let at = format!("{file}: {kind} {name}");
        if name.is_empty() {
            notes.push(format!(
                "{file}: a {kind} without metadata.name was skipped."
            ));
            continue;
        }
        match kind {
            "Deployment" | "StatefulSet" | "DaemonSet" | "ReplicaSet" | "Pod" | "Job"
            | "CronJob" => {
                let spec = o.get("spec");
                let template = match kind {
                    "Pod" => Some(o),
                    "CronJob" => spec
                        .and_then(|s| s.get("jobTemplate"))
                        .and_then(|j| j.get("spec"))
                        .and_then(|s| s.get("template")),
                    _ => spec.and_then(|s| s.get("template")),
                };
                let pod = template.and_then(|t| t.get("spec"));
                let mut c = Component::new(&name, "kubernetes", file, &format!("{kind} {name}"));
                c.namespace = namespace.clone();
                c.job = matches!(kind, "Job" | "CronJob");
                match kind {
                    "DaemonSet" => notes.push(format!(
                        "{at}: a DaemonSet runs one instance per node; the number of nodes is not in the files, so the review asks."
                    )),
                    "Job" | "CronJob" | "Pod" => {}
                    _ => {
                        let replicas = spec.and_then(|s| s.get("replicas"));
                        c.replicas = Some(match replicas.and_then(Value::as_u64) {
                            Some(n) => Fact::new(
                                u32::try_from(n).unwrap_or(u32::MAX),
                                format!("{at}: spec.replicas = {n}"),
                            ),
                            None => Fact::new(
                                1,
                                format!("{at}: no spec.replicas, and Kubernetes then runs 1"),
                            ),
                        });
                    }
                }
                let containers = pod
                    .and_then(|p| p.get("containers"))
                    .and_then(Value::as_array)
                    .cloned()
                    .unwrap_or_default();
                // The first container is the workload's own; the others are
                // sidecars (proxies, log shippers), named in the evidence.
                for (i, container) in containers.iter().enumerate() {
                    let cname = container.get("name").and_then(Value::as_str).unwrap_or("?");
                    if let Some(image) = container.get("image").and_then(Value::as_str) {
                        if i == 0 {
                            c.image = Some(Fact::new(
                                image.to_owned(),
                                format!("{at}: container {cname} image"),
                            ));
                        } else {
                            c.sidecars.push(image.to_owned());
                        }
                    }
                    if let Some(Value::Array(env)) = container.get("env") {
                        for e in env {
                            let Some(k) = e.get("name").and_then(Value::as_str) else {
                                continue;
                            };
                            // valueFrom (secrets, config maps) holds no value here.
                            let Some(v) = e.get("value") else { continue };
                            c.env.push((
                                k.to_owned(),
                                scalar(v),
                                format!("{at}: container {cname} env {k}"),
                            ));
                        }
                    }
                    for key in ["command", "args"] {
                        if let Some(Value::Array(parts)) = container.get(key) {
                            for p in parts.iter().filter_map(Value::as_str) {
                                c.command.push(' ');
                                c.command.push_str(p);
                            }
                        }
                    }
                }
                if c.image.is_none() {
                    notes.push(format!(
                        "{at}: no container image; its kind comes from its name only."
                    ));
                }
                c.aliases.push(name.clone());
                labels.push(
                    template
                        .and_then(|t| t.get("metadata"))
                        .and_then(|m| m.get("labels"))
                        .map(string_map)
                        .unwrap_or_default(),
                );
                cluster.components.push(c);
            }
            "Service" => {
                let spec = o.get("spec");
                let kind = spec
                    .and_then(|s| s.get("type"))
                    .and_then(Value::as_str)
                    .unwrap_or("ClusterIP")
                    .to_owned();
                if kind == "ExternalName" {
                    let host = spec
                        .and_then(|s| s.get("externalName"))
                        .and_then(Value::as_str)
                        .unwrap_or_default()
                        .to_owned();
                    cluster.external_names.push((
                        name.clone(),
                        host.clone(),
                        format!("{at}: type ExternalName, {host}"),
                    ));
                    continue;
                }
                services.push(Service {
                    name,
                    namespace,
                    selector: spec
                        .and_then(|s| s.get("selector"))
                        .map(string_map)
                        .unwrap_or_default(),
                    kind,
                    evidence: at,
                });
            }
            "Ingress" => {
                let mut backends = Vec::new();
                let spec = o.get("spec");
                let mut add = |backend: Option<&Value>, path: String| {
                    let service = backend
                        .and_then(|b| b.get("service"))
                        .and_then(|s| s.get("name"))
                        .or_else(|| backend.and_then(|b| b.get("serviceName")))
                        .and_then(Value::as_str);
                    if let Some(s) = service {
                        backends.push(Fact::new(
                            s.to_owned(),
                            format!("{at}: {path} → Service {s}"),
                        ));
                    }
                };
                add(
                    spec.and_then(|s| s.get("defaultBackend").or_else(|| s.get("backend"))),
                    "default backend".into(),
                );
                for rule in spec
                    .and_then(|s| s.get("rules"))
                    .and_then(Value::as_array)
                    .into_iter()
                    .flatten()
                {
                    let host = rule.get("host").and_then(Value::as_str).unwrap_or("*");
                    for p in rule
                        .get("http")
                        .and_then(|h| h.get("paths"))
                        .and_then(Value::as_array)
                        .into_iter()
                        .flatten()
                    {
                        let path = p.get("path").and_then(Value::as_str).unwrap_or("/");
                        add(p.get("backend"), format!("{host}{path}"));
                    }
                }
                cluster.ingresses.push((name, backends));
            }
            "HorizontalPodAutoscaler" => {
                let spec = o.get("spec");
                let target = spec
                    .and_then(|s| s.get("scaleTargetRef"))
                    .and_then(|t| t.get("name"))
                    .and_then(Value::as_str)
                    .unwrap_or_default()
                    .to_owned();
                let min = spec
                    .and_then(|s| s.get("minReplicas"))
                    .and_then(Value::as_u64)
                    .unwrap_or(1);
                hpas.push((target, u32::try_from(min).unwrap_or(u32::MAX), at));
            }
            k if INERT.contains(&k) => *skipped.entry(k.to_owned()).or_default() += 1,
            k => notes.push(format!(
                "{at}: the kind {k} is not one Archbook reads; it was skipped."
            )),
        }
    }
    if !skipped.is_empty() {
        let list: Vec<String> = skipped.iter().map(|(k, n)| format!("{k} ×{n}")).collect();
        notes.push(format!(
            "Objects that hold no component were skipped: {}.",
            list.join(", ")
        ));
    }
    // Services: the workloads they select answer to their names, and a
    // LoadBalancer or NodePort makes them an entry point.
    for s in &services {
        let selected: Vec<usize> = (0..cluster.components.len())
            .filter(|&i| {
                cluster.components[i].namespace == s.namespace
                    && !s.selector.is_empty()
                    && s.selector.iter().all(|(k, v)| labels[i].get(k) == Some(v))
            })
            .collect();
        if selected.is_empty() {
            notes.push(format!(
                "{}: selects no workload in these files; names that point at it could not be placed.",
                s.evidence
            ));
        }
        for &i in &selected {
            let c = &mut cluster.components[i];
            if !c.aliases.contains(&s.name) {
                c.aliases.push(s.name.clone());
            }
            c.services.push(format!("{} selects it", s.evidence));
            if matches!(s.kind.as_str(), "LoadBalancer" | "NodePort") {
                c.published.push(format!("{}: type {}", s.evidence, s.kind));
            }
        }
    }
    for (target, min, evidence) in hpas {
        match cluster.components.iter_mut().find(|c| c.key == target) {
            Some(c) => {
                c.replicas = Some(Fact::new(min, format!("{evidence}: minReplicas = {min}")));
            }
            None => notes.push(format!(
                "{evidence}: scales {target}, which is not in these files."
            )),
        }
    }
    cluster
}

fn string_map(v: &Value) -> BTreeMap<String, String> {
    v.as_object()
        .map(|m| m.iter().map(|(k, v)| (k.clone(), scalar(v))).collect())
        .unwrap_or_default()
}
