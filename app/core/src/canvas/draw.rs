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
        NodeKind::Database => "M0 7A84 7 0 0 1 168 7V57A84 7 0 0 1 0 57ZM0 7A84 7 0 0 0 168 7",
        // A cylinder lying down: fast, in memory, beside the database.
        NodeKind::Cache => {
            "M12 0H156A12 32 0 0 1 156 64H12A12 32 0 0 1 12 0ZM156 0A12 32 0 0 0 156 64"
        }
        // A pipe with a slot at each end: messages go in one end and out
        // of the other (the slots stay clear of the labels).
        NodeKind::Queue => "M0 0H168V64H0ZM10 0V64M158 0V64",
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

/// How wide a text is drawn, in pixels, at `font` pixels: an estimate from
/// the widths of common sans-serif faces, erring wide, so that a label that
/// "fits" here fits on screen.
pub fn text_width(text: &str, font: f64, bold: bool) -> f64 {
    let em: f64 = text
        .chars()
        .map(|c| match c {
            'i' | 'l' | 'j' | '.' | ',' | '\'' | '|' | ':' | ';' | '!' => 0.32,
            'f' | 't' | 'r' | 'I' | '-' | '(' | ')' | '/' | ' ' => 0.42,
            'm' | 'w' | '…' => 0.92,
            'M' | 'W' | '@' => 1.0,
            '×' | '·' | '+' => 0.62,
            c if c.is_ascii_uppercase() => 0.74,
            c if c.is_ascii() => 0.62,
            // Other scripts: CJK is a full em; most others are near latin.
            c if c > '\u{2E80}' => 1.0,
            _ => 0.7,
        })
        .sum();
    em * font * if bold { 1.08 } else { 1.0 }
}

/// The width a label may take inside a node of `kind`, centred at `x = 84`,
/// clear of the outline (slanted sides, a cylinder's cap, a queue's slots)
/// with a little air.
pub fn text_room(kind: NodeKind) -> f64 {
    match kind {
        NodeKind::Gateway => 118.0,
        NodeKind::Cache => 110.0,
        NodeKind::Search | NodeKind::ObjectStorage => 122.0,
        NodeKind::Queue | NodeKind::Cdn | NodeKind::LoadBalancer => 130.0,
        _ => 142.0,
    }
}

/// Font size of the kind line.
pub const KIND_FONT: f64 = 10.5;
/// Font size of a name on one line, and of each line of a long name.
pub const NAME_FONT: f64 = 15.0;
pub const NAME_FONT_SMALL: f64 = 12.0;

/// Traits the review reads, with how a node shows them, in that order.
const SHOWN_TRAITS: &[(&str, &str)] = &[
    ("authenticated", "auth"),
    ("rate-limited", "limited"),
    ("traced", "traced"),
    ("idempotent", "idempotent"),
    ("ttl", "ttl"),
    ("managed", "managed"),
    ("backups", "backups"),
    ("stateful", "stateful"),
    ("stateless", "stateless"),
    ("circuit-breaker", "breaker"),
    ("timeouts", "timeouts"),
    ("dead-letter", "dlq"),
    ("public", "public"),
    ("sensitive-data", "sensitive"),
];

/// A node's first line: its kind, then what the review reads from it: the
/// number of instances (×3) and the traits that make findings appear or go
/// away, as many as fit the node, then "+2" for the rest.
pub fn kind_line(n: &Node) -> String {
    let room = text_room(n.kind);
    let fits = |s: &str| text_width(s, KIND_FONT, false) <= room;
    let mut line = n.kind.label().to_owned();
    let mut tags: Vec<String> = Vec::new();
    if let Some(r) = n.replicas {
        tags.push(format!("×{r}"));
    }
    for (id, shown) in SHOWN_TRAITS {
        if n.traits.iter().any(|t| t == id) {
            tags.push((*shown).to_owned());
        }
    }
    let mut rest = tags.len();
    for t in &tags {
        let next = format!("{line} · {t}");
        let with_more = if rest > 1 {
            format!("{next} +{}", rest - 1)
        } else {
            next.clone()
        };
        if !fits(&with_more) {
            break;
        }
        line = next;
        rest -= 1;
    }
    if rest > 0 {
        line.push_str(&format!(" +{rest}"));
    }
    line
}

/// A note's width on the canvas, its text's font size and line height,
/// and the most lines it shows (the rest is in its editor).
pub const NOTE_W: f64 = 200.0;
pub const NOTE_FONT: f64 = 13.0;
const NOTE_LINE: f64 = 17.0;
const NOTE_PAD: f64 = 10.0;
const NOTE_LINES: usize = 12;

/// A note's text as the lines drawn, wrapped at words to the note's width
/// (a word too long for a line is cut), at most [`NOTE_LINES`] of them, the
/// last ending with "…" when there is more.
pub fn note_lines(text: &str) -> Vec<String> {
    let room = NOTE_W - 2.0 * NOTE_PAD;
    let fits = |s: &str| text_width(s, NOTE_FONT, false) <= room;
    let mut lines: Vec<String> = Vec::new();
    for para in text.lines() {
        let mut line = String::new();
        for word in para.split_whitespace() {
            let next = if line.is_empty() {
                word.to_owned()
            } else {
                format!("{line} {word}")
            };
            if fits(&next) {
                line = next;
                continue;
            }
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            // A word longer than a line: cut at characters.
            let mut rest = word.to_owned();
            while !fits(&rest) {
                let cut = (1..rest.chars().count())
                    .rev()
                    .find(|&k| fits(&rest.chars().take(k).collect::<String>()))
                    .unwrap_or(1);
                lines.push(rest.chars().take(cut).collect());
                rest = rest.chars().skip(cut).collect();
            }
            line = rest;
        }
        lines.push(line);
    }
    if lines.len() > NOTE_LINES {
        lines.truncate(NOTE_LINES);
        let last = lines.last_mut().expect("not empty");
        last.push('…');
    }
    if lines.is_empty() {
        lines.push(String::new());
    }
    lines
}

/// A note's box on the canvas.
pub fn note_rect(n: &crate::workbook::Note) -> super::geometry::Rect {
    let lines = note_lines(&n.text).len() as f64;
    super::geometry::Rect {
        x: n.x,
        y: n.y,
        w: NOTE_W,
        h: 2.0 * NOTE_PAD + lines * NOTE_LINE,
    }
}

/// The baseline of each of a note's lines, in the note's box.
pub fn note_baselines(lines: usize) -> Vec<f64> {
    (0..lines)
        .map(|i| NOTE_PAD + NOTE_FONT + i as f64 * NOTE_LINE)
        .collect()
}

/// Everything the kind line shortens, in words, for the node's tooltip:
/// "Service · 3 instances · traced, metrics, logs, authenticated".
pub fn kind_details(n: &Node) -> String {
    let mut parts = vec![n.kind.label().to_owned()];
    if let Some(r) = n.replicas {
        parts.push(format!("{r} instance{}", if r == 1 { "" } else { "s" }));
    }
    if !n.traits.is_empty() {
        parts.push(n.traits.join(", "));
    }
    if let Some(team) = n.team.as_deref().filter(|t| !t.trim().is_empty()) {
        parts.push(format!("team {}", team.trim()));
    }
    parts.join(" · ")
}

/// How a name is drawn in a node, the largest that fits: one line at
/// [`NAME_FONT`], two lines at it, one or two lines at
/// [`NAME_FONT_SMALL`]; broken where the name breaks (`-`, `_`, `.`, a
/// space, a lower-to-upper case change), the last line ending with "…" when
/// even that is too short. Names stay large as long as they can, so that a
/// projector shows them from across a room (see
/// [`super::geometry::name_zoom`]). The whole name is always in the node's
/// tooltip and the properties panel.
#[derive(Clone, Debug, PartialEq)]
pub struct NameLines {
    pub lines: Vec<String>,
    pub font: f64,
}

impl NameLines {
    /// The baseline of each line, in the node's box (the kind line sits at
    /// 25): two lines a font's height and a pixel apart.
    pub fn baselines(&self) -> Vec<f64> {
        if self.lines.len() > 1 {
            let first = 49.0 - (self.font + 1.0) / 2.0;
            vec![first, first + self.font + 1.0]
        } else {
            vec![47.0]
        }
    }
}

pub fn name_lines(kind: NodeKind, name: &str) -> NameLines {
    let room = text_room(kind);
    let name = name.trim();
    for font in [NAME_FONT, NAME_FONT_SMALL] {
        let fits = |s: &str| text_width(s, font, true) <= room;
        if fits(name) {
            return NameLines {
                lines: vec![name.to_owned()],
                font,
            };
        }
        let (first, rest) = split_name(name, &fits);
        if fits(&rest) {
            return NameLines {
                lines: vec![first, rest],
                font,
            };
        }
    }
    let font = NAME_FONT_SMALL;
    let (first, rest) = split_name(name, &|s| text_width(s, font, true) <= room);
    NameLines {
        lines: vec![first, ellipsize(&rest, room, font)],
        font,
    }
}

/// A name in two: the longest first line that `fits`, cut where the name
/// breaks (after a separator, or before an upper-case letter that follows a
/// lower-case one), else as near the middle as the room allows.
fn split_name(name: &str, fits: &dyn Fn(&str) -> bool) -> (String, String) {
    let chars: Vec<char> = name.chars().collect();
    let mut breaks = (1..chars.len()).filter(|&i| {
        matches!(chars[i - 1], '-' | '_' | '.' | ' ' | '/')
            || (chars[i - 1].is_lowercase() && chars[i].is_uppercase())
    });
    let first_fits = |i: usize| fits(chars[..i].iter().collect::<String>().trim_end());
    let cut = breaks.rfind(|&i| first_fits(i)).unwrap_or_else(|| {
        // No break point: halves, as even as the room allows.
        let half = chars.len().div_ceil(2);
        if first_fits(half) {
            half
        } else {
            (1..chars.len()).rfind(|&i| first_fits(i)).unwrap_or(1)
        }
    });
    let first: String = chars[..cut]
        .iter()
        .collect::<String>()
        .trim_end()
        .to_owned();
    let rest: String = chars[cut..]
        .iter()
        .collect::<String>()
        .trim_start()
        .to_owned();
    (first, rest)
}

/// `text` cut to fit `room` at `font` (bold), ending with "…" when cut.
fn ellipsize(text: &str, room: f64, font: f64) -> String {
    if text_width(text, font, true) <= room {
        return text.to_owned();
    }
    let mut s = String::new();
    for c in text.chars() {
        let next = format!("{s}{c}…");
        if text_width(&next, font, true) > room {
            break;
        }
        s.push(c);
    }
    s.push('…');
    s
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
.kind{font-size:10.5px;fill:#475569;letter-spacing:.02em}\
.name{font-size:15px;font-weight:600;fill:#0f172a}\
.note rect{fill:#fef9c3;stroke:#ca8a04}\
.note text{font-size:13px;fill:#422006}\
.link{fill:none;stroke:#334155;stroke-width:1.5}\
.async{stroke-dasharray:7 5}\
.boundary rect{fill:#f1f5f9;stroke:#64748b;stroke-dasharray:6 4}\
.boundary text{font-size:12px;font-weight:600;fill:#334155}\
.caption{font-size:11px;fill:#334155;paint-order:stroke;stroke:#fff;stroke-width:3px;stroke-linejoin:round}";

/// How much a drawing of `w` × `h` pixels is enlarged when it is turned
/// into a PNG: twice (sharp on high-density screens and in slides), less
/// for a large graph, so that the image stays within what browsers draw
/// (16,384 pixels a side, and 64 million pixels in all here).
pub fn png_scale(w: f64, h: f64) -> f64 {
    const SIDE: f64 = 16_384.0;
    const AREA: f64 = 64_000_000.0;
    if w <= 0.0 || h <= 0.0 {
        return 1.0;
    }
    2.0_f64
        .min(SIDE / w)
        .min(SIDE / h)
        .min((AREA / (w * h)).sqrt())
}

/// The graph as a standalone SVG document: it opens in a browser on its own,
/// with its styles inside and every user text escaped.
pub fn to_svg(g: &Graph, title: &str) -> String {
    to_svg_with(g, title, false)
}

/// The graph as HTML for a page that shows it (the Record step's preview):
/// the SVG itself, or, for a graph past the canvas' cull limits, the SVG as
/// one image, so that thousands of shapes are not thousands of elements of
/// the page to lay out and keep.
pub fn to_html(g: &Graph, title: &str) -> String {
    let svg = to_svg(g, title);
    if !super::scene::culls(g) {
        return svg;
    }
    use base64::Engine;
    format!(
        "<img class=\"archbook-graph\" alt=\"{}: the service graph, {} components and {} connections\" src=\"data:image/svg+xml;base64,{}\">",
        xml_escape(title),
        g.nodes.len(),
        g.edges.len(),
        base64::engine::general_purpose::STANDARD.encode(svg)
    )
}

/// [`to_svg`], with the team boundaries drawn when `teams` is set (as the
/// canvas shows them).
pub fn to_svg_with(g: &Graph, title: &str, teams: bool) -> String {
    const MARGIN: f64 = 24.0;
    let frames = if teams {
        super::boundary::teams(g)
    } else {
        Vec::new()
    };
    let b = bounds(g).unwrap_or(super::Rect {
        x: 0.0,
        y: 0.0,
        w: NODE_W,
        h: NODE_H,
    });
    let b = frames.iter().fold(b, |b, f| b.union(&f.rect));
    let (x0, y0) = ((b.x - MARGIN).floor(), (b.y - MARGIN).floor());
    let (w, h) = (
        (b.w + 2.0 * MARGIN).ceil() as i64,
        (b.h + 2.0 * MARGIN).ceil() as i64,
    );
    let mut s = String::new();
    let _ = writeln!(
        s,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"{} {} {w} {h}\" width=\"{w}\" height=\"{h}\" role=\"img\" class=\"archbook-graph\">",
        x0 as i64, y0 as i64
    );
    let _ = writeln!(s, "<title>{}</title>", xml_escape(title));
    // Scoped to this drawing: the SVG is also shown inside the app (the
    // record preview), where its rules must not reach the page.
    let style: String = SVG_STYLE
        .split_inclusive('}')
        .map(|rule| match rule.split_once('{') {
            Some((selectors, body)) => {
                let scoped: Vec<String> = selectors
                    .split(',')
                    .map(|sel| format!(".archbook-graph {}", sel.trim()))
                    .collect();
                format!("{}{{{body}", scoped.join(","))
            }
            None => rule.to_owned(),
        })
        .collect();
    let _ = writeln!(s, "<style>{style}</style>");
    s.push_str("<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"8\" markerHeight=\"8\" orient=\"auto-start-reverse\"><path d=\"M0 0L10 5L0 10Z\" fill=\"#334155\"/></marker></defs>\n");
    for f in &frames {
        let _ = writeln!(
            s,
            "<g class=\"boundary\"><rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"14\"/><text x=\"{}\" y=\"{}\">{}</text></g>",
            f.rect.x.round() as i64,
            f.rect.y.round() as i64,
            f.rect.w.round() as i64,
            f.rect.h.round() as i64,
            (f.rect.x + super::boundary::CAPTION_INSET).round() as i64,
            (f.rect.y + super::boundary::CAPTION_BASELINE).round() as i64,
            xml_escape(&f.caption())
        );
    }
    let drawn = super::route::routes(g);
    let captions = super::caption::place(g, &drawn);
    // Over every line, on a halo of the background.
    let mut captions_svg = String::new();
    for ((e, r), at) in g.edges.iter().zip(&drawn).zip(captions) {
        let Some(r) = r else {
            continue;
        };
        let class = match e.style {
            EdgeStyle::Sync => "link",
            EdgeStyle::Async => "link async",
        };
        let _ = writeln!(
            s,
            "<path class=\"{class}\" d=\"{}\" marker-end=\"url(#arrow)\"/>",
            r.path()
        );
        if let Some(m) = at {
            let _ = writeln!(
                captions_svg,
                "<text class=\"caption\" x=\"{}\" y=\"{}\" text-anchor=\"middle\">{}</text>",
                m.x.round() as i64,
                m.y.round() as i64,
                xml_escape(&edge_caption(e.label.as_deref(), e.access))
            );
        }
    }
    s.push_str(&captions_svg);
    for n in &g.nodes {
        let r = node_rect(n);
        let name = name_lines(n.kind, n.display_name());
        let _ = write!(
            s,
            "<g class=\"fam-{}\" transform=\"translate({} {})\"><title>{}</title><path class=\"shape\" d=\"{}\"/>\
             <text class=\"kind\" x=\"84\" y=\"25\" text-anchor=\"middle\">{}</text>",
            family(n.kind),
            r.x.round() as i64,
            r.y.round() as i64,
            xml_escape(n.display_name()),
            shape(n.kind),
            xml_escape(&kind_line(n)),
        );
        for (line, y) in name.lines.iter().zip(name.baselines()) {
            let _ = write!(
                s,
                "<text class=\"name\" x=\"84\" y=\"{y}\" text-anchor=\"middle\" style=\"font-size:{}px\">{}</text>",
                name.font,
                xml_escape(line)
            );
        }
        s.push_str("</g>\n");
    }
    // Notes: for people, drawn as the canvas draws them.
    for n in &g.notes {
        let r = note_rect(n);
        let lines = note_lines(&n.text);
        let _ = write!(
            s,
            "<g class=\"note\" transform=\"translate({} {})\"><rect width=\"{}\" height=\"{}\" rx=\"4\"/>",
            r.x.round() as i64,
            r.y.round() as i64,
            r.w,
            r.h
        );
        for (line, y) in lines.iter().zip(note_baselines(lines.len())) {
            let _ = write!(
                s,
                "<text x=\"{NOTE_PAD}\" y=\"{y}\">{}</text>",
                xml_escape(line)
            );
        }
        s.push_str("</g>\n");
    }
    s.push_str("</svg>\n");
    s
}

#[cfg(test)]
mod tests {

    #[test]
    fn a_node_shows_its_instances_and_the_traits_the_review_reads() {
        let mut n = Node::new("api", "Orders API", NodeKind::Service);
        assert_eq!(kind_line(&n), "Service");
        n.replicas = Some(3);
        n.traits = vec!["logs".into(), "traced".into(), "authenticated".into()];
        assert_eq!(kind_line(&n), "Service · ×3 · auth +1");
        n.kind = NodeKind::Cache;
        n.traits = vec!["ttl".into()];
        n.replicas = None;
        assert_eq!(kind_line(&n), "Cache · ttl");
        let mut many = Node::new("db", "db", NodeKind::ObjectStorage);
        many.traits = vec!["backups".into(), "managed".into(), "public".into()];
        assert_eq!(kind_line(&many), "Object storage +3");
    }

    use super::*;

    #[test]
    fn every_kind_has_its_own_shape() {
        let mut seen = std::collections::HashSet::new();
        for k in NodeKind::ALL {
            assert!(seen.insert(shape(k)), "{} shares a shape", k.id());
        }
    }

    #[test]
    fn names_fit_their_node_on_one_or_two_lines() {
        let short = name_lines(NodeKind::Service, "orders");
        assert_eq!(
            (short.lines.as_slice(), short.font),
            (&["orders".to_owned()][..], NAME_FONT)
        );
        // Broken where the name breaks, both lines inside the outline.
        let two = name_lines(NodeKind::Gateway, "recommendation-service-gateway");
        assert_eq!(two.lines, ["recommendation-", "service-gateway"]);
        let solid = name_lines(NodeKind::Gateway, "webshoppingapigw");
        assert_eq!(solid.lines, ["webshopp", "ingapigw"]);
        let camel = name_lines(NodeKind::Cache, "ShoppingCartBasketCache");
        assert_eq!(camel.lines[0], "ShoppingCart");
        // Too long even for two lines: the second ends with an ellipsis.
        let long = name_lines(
            NodeKind::Queue,
            "a-really-long-service-name-that-goes-on-and-on-and-on",
        );
        assert!(long.lines[1].ends_with('…'), "{long:?}");
        for kind in NodeKind::ALL {
            for name in [
                "x",
                "frontend-proxy-with-a-long-name",
                "WWWWWWWWWWWWWWWWWWWWWWWWWW",
                "用户服务订单处理系统中心",
            ] {
                let l = name_lines(kind, name);
                for line in &l.lines {
                    assert!(
                        text_width(line, l.font, true) <= text_room(kind),
                        "{kind:?} {line}"
                    );
                }
            }
        }
    }

    #[test]
    fn team_boundaries_are_drawn_when_asked_and_escaped() {
        let mut g = Graph::default();
        for (i, id) in ["a", "b"].iter().enumerate() {
            let mut n = Node::new(*id, *id, NodeKind::Service);
            n.team = Some("<pay & ship>".into());
            n.x = Some(i as f64 * 300.0);
            n.y = Some(0.0);
            g.nodes.push(n);
        }
        assert!(!to_svg(&g, "t").contains("class=\"boundary\""));
        let svg = to_svg_with(&g, "t", true);
        assert!(
            svg.contains("&lt;pay &amp; ship&gt; · 2 components"),
            "{svg}"
        );
        // The frame (34 px above the boxes) is inside the drawing.
        assert!(svg.contains("viewBox=\"-40 -58 "), "{svg}");
    }

    #[test]
    fn png_is_twice_as_sharp_unless_the_graph_is_huge() {
        assert_eq!(png_scale(900.0, 400.0), 2.0);
        // 150 components in a row: kept within the side limit.
        let s = png_scale(150.0 * 230.0, 600.0);
        assert!(s < 1.0 && 150.0 * 230.0 * s <= 16_384.0, "{s}");
        // A big square: kept within the area limit.
        let s = png_scale(8_000.0, 8_000.0);
        assert!((8_000.0 * s).powi(2) <= 64_000_001.0, "{s}");
        assert_eq!(png_scale(0.0, 10.0), 1.0);
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
