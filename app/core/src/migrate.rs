//! Migrations between workbook format versions: the one place where old files
//! are brought up to date.
//!
//! To introduce version N+1: bump [`CURRENT_VERSION`], append a function that
//! rewrites a version-N value into version N+1 to [`STEPS`], and add a fixture
//! of version N to the tests. Loading runs every step from the file's version on.

use serde_json::Value;

use crate::workbook::CURRENT_VERSION;

/// `STEPS[i]` turns a version `i + 1` value into version `i + 2`.
const STEPS: &[fn(&mut Value)] = &[v1_to_v2];

/// Version 2 groups findings: one finding per problem, naming every
/// component it touches, accepted for all or some of them. A version 1
/// acceptance named every node of one finding (rule and node ids); for the
/// rules whose problems are told apart by one component (a store, an
/// external API, a calling component) that component becomes the
/// acceptance's `group`, and the others stay as the accepted components.
/// Everything else is unchanged: version 1 files mean the same in version 2,
/// except that a node without `replicas` now counts as not stated.
fn v1_to_v2(value: &mut Value) {
    let kinds: std::collections::HashMap<String, String> = value
        .pointer("/graph/nodes")
        .and_then(Value::as_array)
        .map(|nodes| {
            nodes
                .iter()
                .filter_map(|n| {
                    Some((
                        n.get("id")?.as_str()?.to_owned(),
                        n.get("kind")?.as_str()?.to_owned(),
                    ))
                })
                .collect()
        })
        .unwrap_or_default();
    let sync_calls: Vec<(String, String)> = value
        .pointer("/graph/edges")
        .and_then(Value::as_array)
        .map(|edges| {
            edges
                .iter()
                .filter(|e| e.get("style").and_then(Value::as_str).unwrap_or("sync") == "sync")
                .filter_map(|e| {
                    Some((
                        e.get("from")?.as_str()?.to_owned(),
                        e.get("to")?.as_str()?.to_owned(),
                    ))
                })
                .collect()
        })
        .unwrap_or_default();
    let Some(accepted) = value.get_mut("accepted").and_then(Value::as_array_mut) else {
        return;
    };
    for a in accepted {
        let Some(obj) = a.as_object_mut() else {
            continue;
        };
        if obj.contains_key("group") {
            continue;
        }
        let rule = obj
            .get("rule")
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_owned();
        let Some(nodes) = obj.get("nodes").and_then(Value::as_array).cloned() else {
            continue;
        };
        let ids: Vec<String> = nodes
            .iter()
            .filter_map(|n| n.as_str().map(str::to_owned))
            .collect();
        let kind = |id: &str| kinds.get(id).map(String::as_str).unwrap_or("");
        let store = |k: &str| matches!(k, "database" | "cache" | "object-storage" | "search");
        let group = match rule.as_str() {
            "shared-datastore" | "uncached-read-path" => {
                ids.iter().find(|i| store(kind(i))).cloned()
            }
            "fragile-external-call" => ids.iter().find(|i| kind(i) == "external").cloned(),
            // The caller: the node with calls to every other node listed.
            "sync-fan-out" => ids
                .iter()
                .max_by_key(|i| {
                    sync_calls
                        .iter()
                        .filter(|(a, b)| a == *i && ids.contains(b))
                        .count()
                })
                .cloned(),
            _ => None,
        };
        if let Some(g) = group {
            let rest: Vec<Value> = if rule == "sync-fan-out" {
                vec![Value::from(g.clone())]
            } else {
                ids.iter()
                    .filter(|i| **i != g)
                    .map(|i| Value::from(i.as_str()))
                    .collect()
            };
            obj.insert("group".to_owned(), Value::from(g));
            obj.insert("nodes".to_owned(), Value::from(rest));
        }
    }
}

const _: () = assert!(
    STEPS.len() as u64 + 1 == CURRENT_VERSION,
    "one migration step per version"
);

/// Upgrades `value` (at `version`, which is at most [`CURRENT_VERSION`]) in place.
pub(crate) fn to_current(value: &mut Value, version: u64) {
    debug_assert!((1..=CURRENT_VERSION).contains(&version));
    for step in &STEPS[(version - 1) as usize..] {
        step(value);
    }
    if let Some(root) = value.as_object_mut() {
        root.insert("version".to_owned(), Value::from(CURRENT_VERSION));
    }
}
