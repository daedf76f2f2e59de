//! What the canvas draws, shared by the editor and the SVG export: a shape
//! per node kind, where edges start and end, and the standalone SVG file.

use std::fmt::Write;

use super::geometry::{bounds, node_rect, Point, NODE_H, NODE_W};
use crate::workbook::{Access, EdgeStyle, Graph, Node, NodeKind};

/// The outline of a node of `kind`, as SVG path data in a `NODE_W` × `NODE_H`
/// box with its origin at the top left. Every kind has its own silhouette, so
/// a diagram reads without its labels.
pub fn shape(kind: NodeKind) -> &'static str {
    match kind {
        // A pill: people and devices at the edge of the system.
        NodeKind::Client => "M32 0H136A32 32 0 0 1 136 64H32A32 32 0 0 1 32 0Z",
        // A browser window with its title bar.
        NodeKind::Frontend => "M4 0H164Q168 0 168 4V64H0V4Q0 0 4 0ZM0 14H168",
        NodeKind::Gateway => "M20 0H148L168 32L148 64H20L0 32Z",
        NodeKind::LoadBalancer => "M16 0H152L168 16V48L152 64H16L0 48V16Z",
        NodeKind::Service => "M10 0H158Q168 0 168 10V54Q168 64 158 64H10Q0 64 0 54V10Q0 0 10 0Z",
        // Square corners and a second frame behind: many of them, no caller waiting.
        NodeKind::Worker => "M6 6H168V64H6ZM0 0H162V6M0 0V58H6",
        // A cylinder standing up.
        NodeKind::Database => {
            "M0 10A84 10 0 0 1 168 10V54A84 10 0 0 1 0 54ZM0 10A84 10 0 0 0 168 10"
        }
        // A cylinder lying down: fast, in memory, beside the database.
        NodeKind::Cache => {
            "M12 0H156A12 32 0 0 1 156 64H12A12 32 0 0 1 12 0ZM156 0A12 32 0 0 0 156 64"
        }
        // A pipe with slots: messages waiting in line.
        NodeKind::Queue => "M0 0H168V64H0ZM120 0V64M136 0V64M152 0V64",
        NodeKind::Cdn => "M14 0H154L168 64H0Z",
        // A bucket.
        NodeKind::ObjectStorage => "M0 0H168L154 64H14Z",
        NodeKind::Search => "M18 0H168L150 64H0Z",
        NodeKind::External => "M0 0H168V64H0Z",
    }
}

/// The broad family of a kind, for colour: entry points, compute, data,
/// messaging and outside systems.
pub fn family(kind: NodeKind) -> &'static str {
    match kind {
        NodeKind::Client | NodeKind::Frontend | NodeKind::Cdn => "edge",
        NodeKind::Gateway | NodeKind::LoadBalancer => "entry",
        NodeKind::Service | NodeKind::Worker => "compute",
        NodeKind::Database | NodeKind::Cache | NodeKind::ObjectStorage | NodeKind::Search => "data",
        NodeKind::Queue => "messaging",
        NodeKind::External => "external",
    }
}

/// The longest name drawn in full inside a node; longer ones end with "…".
pub const NAME_CHARS: usize = 20;

/// The name as drawn on the canvas.
pub fn short_name(name: &str) -> String {
    if name.chars().count() <= NAME_CHARS {
        name.to_owned()
    } else {
        let mut s: String = name.chars().take(NAME_CHARS - 1).collect();
        s.push('…');
        s
    }
}

/// Where the line of an edge from `from` to `to` starts and ends: on the
/// borders of the two boxes, along the line between their centres.
pub fn edge_ends(from: &Node, to: &Node) -> (Point, Point) {
    edge_ends_at(
        Point::new(from.x.unwrap_or(0.0), from.y.unwrap_or(0.0)),
        Point::new(to.x.unwrap_or(0.0), to.y.unwrap_or(0.0)),
    )
}

/// `edge_ends` for boxes whose top left corners are `a` and `b`.
pub fn edge_ends_at(a: Point, b: Point) -> (Point, Point) {
    let ra = super::Rect {
        x: a.x,
        y: a.y,
        w: NODE_W,
        h: NODE_H,
    };
    let rb = super::Rect {
        x: b.x,
        y: b.y,
        w: NODE_W,
        h: NODE_H,
    };
    (ra.border_toward(rb.center()), rb.border_toward(ra.center()))
}

/// SVG path data for a straight edge (whole pixels are plenty on screen).
pub fn edge_path(a: Point, b: Point) -> String {
    format!(
        "M{} {}L{} {}",
        a.x.round() as i64,
        a.y.round() as i64,
        b.x.round() as i64,
        b.y.round() as i64
    )
}

/// What an edge into a data store says about the data: "read", "write" or
/// "read-write".
pub fn access_label(access: Access) -> &'static str {
    match access {
        Access::Read => "read",
        Access::Write => "write",
        Access::ReadWrite => "read-write",
    }
}

/// The text written along an edge: its label and, on edges into data
/// stores, the access.
pub fn edge_caption(label: Option<&str>, access: Option<Access>) -> String {
    match (label.filter(|l| !l.trim().is_empty()), access) {
        (Some(l), Some(a)) => format!("{} ({})", l.trim(), access_label(a)),
        (Some(l), None) => l.trim().to_owned(),
        (None, Some(a)) => access_label(a).to_owned(),
        (None, None) => String::new(),
    }
}

/// Escapes text for SVG (XML) content and attribute values.
pub fn xml_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Control characters are not allowed in XML 1.0.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => {}
            c => out.push(c),
        }
    }
    out
}

/// Colours of the standalone SVG file (the app styles the canvas with CSS).
const SVG_STYLE: &str = "\
text{font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif}\
.shape{stroke-width:2}\
.fam-edge .shape{fill:#f3e8ff;stroke:#7c3aed}\
.fam-entry .shape{fill:#e0e7ff;stroke:#4338ca}\
.fam-compute .shape{fill:#dbeafe;stroke:#1d4ed8}\
.fam-data .shape{fill:#dcfce7;stroke:#15803d}\
.fam-messaging .shape{fill:#ffedd5;stroke:#c2410c}\
.fam-external .shape{fill:#f1f5f9;stroke:#475569;stroke-dasharray:6 4}\
.kind{font-size:11px;fill:#475569;text-transform:uppercase;letter-spacing:.06em}\
.name{font-size:14px;font-weight:600;fill:#0f172a}\
.link{fill:none;stroke:#334155;stroke-width:1.5}\
.async{stroke-dasharray:7 5}\
.caption{font-size:11px;fill:#334155}";

/// The graph as a standalone SVG document: it opens in a browser on its own,
/// with its styles inside and every user text escaped.
pub fn to_svg(g: &Graph, title: &str) -> String {
    const MARGIN: f64 = 24.0;
    let b = bounds(g).unwrap_or(super::Rect {
        x: 0.0,
        y: 0.0,
        w: NODE_W,
        h: NODE_H,
    });
    let (x0, y0) = ((b.x - MARGIN).floor(), (b.y - MARGIN).floor());
    let (w, h) = (
        (b.w + 2.0 * MARGIN).ceil() as i64,
        (b.h + 2.0 * MARGIN).ceil() as i64,
    );
    let mut s = String::new();
    let _ = writeln!(
        s,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"{} {} {w} {h}\" width=\"{w}\" height=\"{h}\" role=\"img\">",
        x0 as i64, y0 as i64
    );
    let _ = writeln!(s, "<title>{}</title>", xml_escape(title));
    let _ = writeln!(s, "<style>{SVG_STYLE}</style>");
    s.push_str("<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"8\" markerHeight=\"8\" orient=\"auto-start-reverse\"><path d=\"M0 0L10 5L0 10Z\" fill=\"#334155\"/></marker></defs>\n");
    let at = g.positions();
    let find = |id: &str| at.get(id).map(|&i| &g.nodes[i]);
    for e in &g.edges {
        let (Some(a), Some(b)) = (find(&e.from), find(&e.to)) else {
            continue;
        };
        let (p, q) = edge_ends(a, b);
        let class = match e.style {
            EdgeStyle::Sync => "link",
            EdgeStyle::Async => "link async",
        };
        let _ = writeln!(
            s,
            "<path class=\"{class}\" d=\"{}\" marker-end=\"url(#arrow)\"/>",
            edge_path(p, q)
        );
        let caption = edge_caption(e.label.as_deref(), e.access);
        if !caption.is_empty() {
            let _ = writeln!(
                s,
                "<text class=\"caption\" x=\"{}\" y=\"{}\" text-anchor=\"middle\">{}</text>",
                ((p.x + q.x) / 2.0).round() as i64,
                ((p.y + q.y) / 2.0 - 6.0).round() as i64,
                xml_escape(&caption)
            );
        }
    }
    for n in &g.nodes {
        let r = node_rect(n);
        let _ = writeln!(
            s,
            "<g class=\"fam-{}\" transform=\"translate({} {})\"><path class=\"shape\" d=\"{}\"/>\
             <text class=\"kind\" x=\"84\" y=\"25\" text-anchor=\"middle\">{}</text>\
             <text class=\"name\" x=\"84\" y=\"45\" text-anchor=\"middle\">{}</text></g>",
            family(n.kind),
            r.x.round() as i64,
            r.y.round() as i64,
            shape(n.kind),
            xml_escape(n.kind.label()),
            xml_escape(&short_name(n.display_name()))
        );
    }
    s.push_str("</svg>\n");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_has_its_own_shape() {
        let mut seen = std::collections::HashSet::new();
        for k in NodeKind::ALL {
            assert!(seen.insert(shape(k)), "{} shares a shape", k.id());
        }
    }

    #[test]
    fn long_names_are_cut_with_an_ellipsis() {
        assert_eq!(short_name("orders"), "orders");
        let long = "a-really-long-service-name-indeed";
        let s = short_name(long);
        assert_eq!(s.chars().count(), NAME_CHARS);
        assert!(s.ends_with('…'));
    }

    #[test]
    fn captions_say_label_and_access() {
        assert_eq!(
            edge_caption(Some("orders"), Some(Access::Read)),
            "orders (read)"
        );
        assert_eq!(edge_caption(Some("  "), Some(Access::Write)), "write");
        assert_eq!(edge_caption(None, None), "");
    }

    #[test]
    fn edges_end_on_the_borders_of_both_boxes() {
        let (p, q) = edge_ends_at(Point::new(0.0, 0.0), Point::new(400.0, 0.0));
        assert_eq!((p.x, p.y), (NODE_W, NODE_H / 2.0));
        assert_eq!((q.x, q.y), (400.0, NODE_H / 2.0));
    }
}
