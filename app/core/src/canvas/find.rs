//! Finding a component by name (Ctrl+F on the graph): the names that
//! match what was typed, best first: the whole name, then its start, then
//! the start of one of its words, then anywhere in it; case and accents of
//! ASCII letters ignored, ids matched too.

use crate::workbook::Graph;

/// The ids of the components whose name or id matches `query`, best first
/// (ties in the graph's order), at most `limit`.
pub fn find(g: &Graph, query: &str, limit: usize) -> Vec<String> {
    let q = query.trim().to_lowercase();
    if q.is_empty() {
        return Vec::new();
    }
    let mut ranked: Vec<(u8, usize, &str)> = g
        .nodes
        .iter()
        .enumerate()
        .filter_map(|(i, n)| {
            let name = n.display_name().to_lowercase();
            let id = n.id.to_lowercase();
            let rank = [name.as_str(), id.as_str()]
                .iter()
                .filter_map(|s| rank(s, &q))
                .min()?;
            Some((rank, i, n.id.as_str()))
        })
        .collect();
    ranked.sort_unstable();
    ranked
        .into_iter()
        .take(limit)
        .map(|(_, _, id)| id.to_owned())
        .collect()
}

/// 0 the whole text, 1 its start, 2 a word's start, 3 anywhere.
fn rank(text: &str, q: &str) -> Option<u8> {
    if text == q {
        return Some(0);
    }
    if text.starts_with(q) {
        return Some(1);
    }
    let word_start = text
        .match_indices(q)
        .any(|(i, _)| text[..i].ends_with(|c: char| !c.is_alphanumeric()));
    if word_start {
        return Some(2);
    }
    text.contains(q).then_some(3)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workbook::{Node, NodeKind};

    #[test]
    fn the_best_match_comes_first() {
        let mut g = Graph::default();
        for (id, name) in [
            ("basket", "Basket API"),
            ("ordering", "ordering-api"),
            ("orders-db", "Orders DB"),
            ("web", "Web shop"),
            ("o", "Orders"),
        ] {
            g.nodes.push(Node::new(id, name, NodeKind::Service));
        }
        assert_eq!(find(&g, "orders", 10), ["o", "orders-db"]);
        assert_eq!(find(&g, "  ORD", 10), ["ordering", "orders-db", "o"]);
        assert_eq!(find(&g, "api", 10), ["basket", "ordering"]);
        assert_eq!(find(&g, "shop", 10), ["web"]);
        assert_eq!(find(&g, "hop", 10), ["web"]);
        assert_eq!(find(&g, "", 10), Vec::<String>::new());
        assert_eq!(find(&g, "o", 2).len(), 2);
    }
}
