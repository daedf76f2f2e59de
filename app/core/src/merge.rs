//! Two versions of one workbook made one, field by field: what this tab
//! changed since the version both started from (`base`), what the other
//! changed, and where both changed the same field differently.
//!
//! Objects merge key by key; lists of things with an identity merge item by
//! item (components by `id`, connections by their ends and which of the
//! connections between them, accepted risks by rule, problem and decision,
//! custom checklists by file); lists of words (traits, drivers) merge as
//! sets, keeping what either side added and dropping what either removed.
//! A field both sides changed to different values is a conflict: the caller
//! says which fields this side wins (the one being typed in: a person's
//! keystrokes are never overwritten); any other conflict leaves the merge to
//! the caller (today: both versions are kept). After the merge, connections
//! whose component is gone are dropped, so the result always loads.

use serde_json::{Map, Value};

use crate::load::load_stored;
use crate::workbook::Workbook;

/// A merged workbook, or where the two versions disagree.
#[derive(Debug, Clone, PartialEq)]
pub enum Merge {
    /// Merged: the workbook, and the paths where this side's value won a
    /// conflict (only paths the caller allowed).
    Clean {
        workbook: Box<Workbook>,
        mine_won: Vec<String>,
    },
    /// Both changed these fields differently (paths such as
    /// `$.graph.nodes[id=orders].name`), and this side may not win them.
    Conflict(Vec<String>),
    /// A version that cannot be read (not JSON, or not a workbook this
    /// version of Archbook reads).
    Unreadable,
}

/// Merges `mine` and `theirs`, both changed from `base` (JSON texts as
/// stored). `mine_wins` lists the paths where this side's value wins a
/// conflict.
pub fn merge(base: &str, mine: &str, theirs: &str, mine_wins: &[String]) -> Merge {
    let parse = |t: &str| serde_json::from_str::<Value>(t).ok();
    let (Some(base), Some(mine), Some(theirs)) = (parse(base), parse(mine), parse(theirs)) else {
        return Merge::Unreadable;
    };
    let mut m = Merger {
        mine_wins,
        conflicts: Vec::new(),
        mine_won: Vec::new(),
    };
    let mut merged = m.value("$", Some(&base), Some(&mine), Some(&theirs));
    if !m.conflicts.is_empty() {
        return Merge::Conflict(m.conflicts);
    }
    if let Some(v) = merged.as_mut() {
        drop_dangling_edges(v);
    }
    match merged.map(|v| load_stored(&v.to_string())) {
        Some(Ok(workbook)) => Merge::Clean {
            workbook: Box::new(workbook),
            mine_won: m.mine_won,
        },
        _ => Merge::Unreadable,
    }
}

struct Merger<'a> {
    mine_wins: &'a [String],
    conflicts: Vec<String>,
    mine_won: Vec<String>,
}

impl Merger<'_> {
    /// The merge of one value; `None` is absent.
    fn value(
        &mut self,
        path: &str,
        base: Option<&Value>,
        mine: Option<&Value>,
        theirs: Option<&Value>,
    ) -> Option<Value> {
        if mine == theirs {
            return mine.cloned();
        }
        if mine == base {
            return theirs.cloned();
        }
        if theirs == base {
            return mine.cloned();
        }
        match (base, mine, theirs) {
            (b, Some(Value::Object(m)), Some(Value::Object(t))) => {
                let b = b.and_then(Value::as_object);
                Some(Value::Object(self.object(path, b, m, t)))
            }
            (b, Some(Value::Array(m)), Some(Value::Array(t))) => {
                let empty = Vec::new();
                let b = b.and_then(Value::as_array).unwrap_or(&empty);
                match self.array(path, b, m, t) {
                    Some(v) => Some(Value::Array(v)),
                    None => self.conflict(path, mine),
                }
            }
            _ => self.conflict(path, mine),
        }
    }

    fn conflict(&mut self, path: &str, mine: Option<&Value>) -> Option<Value> {
        if self.mine_wins.iter().any(|p| p == path) {
            self.mine_won.push(path.to_owned());
        } else {
            self.conflicts.push(path.to_owned());
        }
        mine.cloned()
    }

    fn object(
        &mut self,
        path: &str,
        base: Option<&Map<String, Value>>,
        mine: &Map<String, Value>,
        theirs: &Map<String, Value>,
    ) -> Map<String, Value> {
        let mut out = Map::new();
        let keys = mine
            .keys()
            .chain(theirs.keys().filter(|k| !mine.contains_key(*k)));
        for k in keys {
            let p = format!("{path}{}", crate::load::key_path(k));
            let b = base.and_then(|b| b.get(k));
            if let Some(v) = self.value(&p, b, mine.get(k), theirs.get(k)) {
                out.insert(k.clone(), v);
            }
        }
        out
    }

    /// Lists: by identity when their items have one, as sets of words when
    /// they are words; `None` when neither fits (the whole list conflicts).
    fn array(
        &mut self,
        path: &str,
        base: &[Value],
        mine: &[Value],
        theirs: &[Value],
    ) -> Option<Vec<Value>> {
        let all = || base.iter().chain(mine).chain(theirs);
        if all().all(Value::is_string) {
            return Some(set_merge(base, mine, theirs));
        }
        let key: fn(&Value) -> Option<String> = if all().all(|v| v.get("id").is_some()) {
            |v| v.get("id").map(Value::to_string)
        } else if all().all(|v| v.get("from").is_some() && v.get("to").is_some()) {
            |v| Some(format!("{}→{}", v["from"], v["to"]))
        } else if all().all(|v| v.get("rule").is_some()) {
            |v| {
                Some(format!(
                    "{}|{}|{}",
                    v["rule"],
                    v.get("group").unwrap_or(&Value::Null),
                    v.get("decision").unwrap_or(&Value::Null)
                ))
            }
        } else if all().all(|v| v.get("file").is_some()) {
            |v| v.get("file").map(Value::to_string)
        } else {
            return None;
        };
        Some(self.keyed(path, base, mine, theirs, key))
    }

    /// Items matched by `key` (the nth item with a key, when several share
    /// it); this side's order, then what only the other side has.
    fn keyed(
        &mut self,
        path: &str,
        base: &[Value],
        mine: &[Value],
        theirs: &[Value],
        key: fn(&Value) -> Option<String>,
    ) -> Vec<Value> {
        let keyed = |items: &[Value]| -> Vec<(String, Value)> {
            let mut seen = std::collections::HashMap::<String, usize>::new();
            items
                .iter()
                .map(|v| {
                    let k = key(v).unwrap_or_default();
                    let n = seen.entry(k.clone()).or_default();
                    *n += 1;
                    (format!("{k}#{}", *n - 1), v.clone())
                })
                .collect()
        };
        let (b, m, t) = (keyed(base), keyed(mine), keyed(theirs));
        let find = |list: &[(String, Value)], k: &str| {
            list.iter().find(|(x, _)| x == k).map(|(_, v)| v.clone())
        };
        let label = |k: &str| {
            let shown = k.rsplit_once('#').map_or(k, |(a, _)| a).trim_matches('"');
            format!("{path}[id={shown}]")
        };
        let mut out = Vec::new();
        for (k, mv) in &m {
            let (bv, tv) = (find(&b, k), find(&t, k));
            if let Some(v) = self.value(&label(k), bv.as_ref(), Some(mv), tv.as_ref()) {
                out.push(v);
            }
        }
        for (k, tv) in &t {
            if find(&m, k).is_none() {
                let bv = find(&b, k);
                if let Some(v) = self.value(&label(k), bv.as_ref(), None, Some(tv)) {
                    out.push(v);
                }
            }
        }
        out
    }
}

/// Words added by either side are in, words removed by either are out; this
/// side's order, then the other side's additions.
fn set_merge(base: &[Value], mine: &[Value], theirs: &[Value]) -> Vec<Value> {
    let removed_by_them = |v: &&Value| base.contains(v) && !theirs.contains(v);
    let mut out: Vec<Value> = mine
        .iter()
        .filter(|v| !removed_by_them(v))
        .cloned()
        .collect();
    for v in theirs {
        if !base.contains(v) && !out.contains(v) {
            out.push(v.clone());
        }
    }
    out
}

/// Connections to a component that the merge removed (one side deleted a
/// component, the other connected to it) are dropped, so the result loads.
fn drop_dangling_edges(wb: &mut Value) {
    let Some(graph) = wb.get_mut("graph").and_then(Value::as_object_mut) else {
        return;
    };
    let ids: std::collections::HashSet<String> = graph
        .get("nodes")
        .and_then(Value::as_array)
        .map(|ns| {
            ns.iter()
                .filter_map(|n| n.get("id").and_then(Value::as_str).map(str::to_owned))
                .collect()
        })
        .unwrap_or_default();
    if let Some(Value::Array(edges)) = graph.get_mut("edges") {
        edges.retain(|e| {
            let end = |k: &str| {
                e.get(k)
                    .and_then(Value::as_str)
                    .is_some_and(|id| ids.contains(id))
            };
            end("from") && end("to")
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::to_json;
    use crate::workbook::{Edge, Node, NodeKind};

    fn base() -> Workbook {
        let mut wb = Workbook::new("Shop");
        for id in ["web", "orders", "db"] {
            wb.graph.nodes.push(Node::new(id, id, NodeKind::Service));
        }
        wb.graph.edges.push(Edge::new("web", "orders"));
        wb.graph.edges.push(Edge::new("orders", "db"));
        wb.context.team_size = Some(5);
        wb
    }

    fn run(
        mine: impl FnOnce(&mut Workbook),
        theirs: impl FnOnce(&mut Workbook),
        wins: &[&str],
    ) -> Merge {
        let b = base();
        let (mut m, mut t) = (b.clone(), b.clone());
        mine(&mut m);
        theirs(&mut t);
        let wins: Vec<String> = wins.iter().map(|s| s.to_string()).collect();
        merge(&to_json(&b), &to_json(&m), &to_json(&t), &wins)
    }

    fn clean(m: Merge) -> Workbook {
        match m {
            Merge::Clean { workbook, .. } => *workbook,
            other => panic!("not clean: {other:?}"),
        }
    }

    #[test]
    fn different_fields_of_one_component_both_survive() {
        let wb = clean(run(
            |m| m.graph.nodes[1].x = Some(300.0),
            |t| t.graph.nodes[1].name = "orders-api".into(),
            &[],
        ));
        assert_eq!(wb.graph.nodes[1].x, Some(300.0));
        assert_eq!(wb.graph.nodes[1].name, "orders-api");
    }

    #[test]
    fn additions_on_both_sides_are_kept_and_removals_applied() {
        let wb = clean(run(
            |m| {
                m.graph
                    .nodes
                    .push(Node::new("cache", "cache", NodeKind::Cache));
                m.graph.nodes[0].traits.push("traced".into());
            },
            |t| {
                t.graph
                    .nodes
                    .push(Node::new("queue", "queue", NodeKind::Queue));
                t.graph.nodes[0].traits.push("metrics".into());
                t.graph.edges.remove(0);
            },
            &[],
        ));
        let ids: Vec<&str> = wb.graph.nodes.iter().map(|n| n.id.as_str()).collect();
        assert_eq!(ids, ["web", "orders", "db", "cache", "queue"]);
        assert_eq!(wb.graph.nodes[0].traits, ["traced", "metrics"]);
        assert_eq!(wb.graph.edges.len(), 1);
    }

    #[test]
    fn a_connection_to_a_component_deleted_elsewhere_is_dropped() {
        let wb = clean(run(
            |m| m.graph.edges.push(Edge::new("web", "db")),
            |t| {
                t.graph.nodes.retain(|n| n.id != "db");
                t.graph.edges.retain(|e| e.to != "db");
            },
            &[],
        ));
        assert!(wb.graph.edges.iter().all(|e| e.to != "db"));
        assert!(wb.graph.nodes.iter().all(|n| n.id != "db"));
    }

    #[test]
    fn the_same_field_changed_twice_is_a_conflict_unless_this_side_is_typing_in_it() {
        let conflict = run(
            |m| m.graph.nodes[1].name = "Restaurants catalogue".into(),
            |t| t.graph.nodes[1].name = "Restaurants".into(),
            &[],
        );
        assert_eq!(
            conflict,
            Merge::Conflict(vec!["$.graph.nodes[id=orders].name".into()])
        );
        let typing = run(
            |m| {
                m.graph.nodes[1].name = "Restaurants catalogue".into();
                m.context.team_size = Some(6);
            },
            |t| {
                t.graph.nodes[1].name = "Restaurants".into();
                t.title = "Shop 2".into();
            },
            &["$.graph.nodes[id=orders].name"],
        );
        let Merge::Clean { workbook, mine_won } = typing else {
            panic!("{typing:?}")
        };
        assert_eq!(workbook.graph.nodes[1].name, "Restaurants catalogue");
        assert_eq!(workbook.title, "Shop 2");
        assert_eq!(workbook.context.team_size, Some(6));
        assert_eq!(mine_won, ["$.graph.nodes[id=orders].name"]);
    }

    #[test]
    fn unreadable_versions_are_said() {
        assert_eq!(merge("{", "{}", "{}", &[]), Merge::Unreadable);
    }
}
