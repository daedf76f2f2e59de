//! Markdown to HTML that is safe to insert into the page, for help texts,
//! rationales and record previews that may come from a team's own files.
//!
//! Raw HTML is dropped, links keep only http, https and
//! mailto targets and open in a new tab, and images become their alt text,
//! because loading one would fetch from another host.

use pulldown_cmark::{html, CowStr, Event, Options, Parser, Tag, TagEnd};
use pulldown_cmark_escape::escape_href;

/// True for link targets that cannot run script or reach a local resource.
pub fn is_safe_url(url: &str) -> bool {
    let u = url.trim().to_ascii_lowercase();
    u.starts_with("https://") || u.starts_with("http://") || u.starts_with("mailto:")
}

pub fn to_safe_html(markdown: &str) -> String {
    to_safe_html_with_diagram(markdown, None)
}

/// As [`to_safe_html`], with each ```` ```mermaid ```` block shown as
/// `diagram`, an SVG drawn by [`crate::canvas::draw::to_svg`] from the same
/// graph the block describes (every text in it escaped). Mermaid's own
/// renderer is a large script that would run text from the workbook; code
/// hosts render the block itself from the Markdown.
pub fn to_safe_html_with_diagram(markdown: &str, diagram: Option<&str>) -> String {
    // Footnotes: a record cites its sources as [^1], one definition each.
    let parser = Parser::new_ext(
        markdown,
        Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_FOOTNOTES,
    );
    // For each open link: whether it was kept (so its end tag is kept too).
    let mut links: Vec<bool> = Vec::new();
    let mut in_diagram = false;
    let events = parser.filter_map(|event| match event {
        Event::Start(Tag::CodeBlock(pulldown_cmark::CodeBlockKind::Fenced(ref lang)))
            if diagram.is_some() && lang.trim() == "mermaid" =>
        {
            in_diagram = true;
            diagram.map(|svg| {
                Event::Html(CowStr::from(format!(
                    "<figure class=\"diagram\">{svg}<figcaption>The Markdown holds this diagram as a Mermaid block, which code hosts draw.</figcaption></figure>"
                )))
            })
        }
        Event::End(TagEnd::CodeBlock) if in_diagram => {
            in_diagram = false;
            None
        }
        _ if in_diagram => None,
        Event::Html(_) | Event::InlineHtml(_) => None,
        Event::Start(Tag::Link { dest_url, .. }) => {
            let safe = is_safe_url(&dest_url);
            links.push(safe);
            safe.then(|| {
                // escape_href percent-encodes quotes and writes & as &amp;.
                let mut tag = String::from("<a href=\"");
                let _ = escape_href(&mut tag, dest_url.trim());
                tag.push_str("\" rel=\"noopener noreferrer\" target=\"_blank\">");
                Event::InlineHtml(CowStr::from(tag))
            })
        }
        Event::End(TagEnd::Link) => links
            .pop()
            .unwrap_or(false)
            .then_some(Event::InlineHtml(CowStr::Borrowed("</a>"))),
        // The alt text arrives as ordinary text events between these.
        Event::Start(Tag::Image { .. }) | Event::End(TagEnd::Image) => None,
        other => Some(other),
    });
    let mut out = String::new();
    html::push_html(&mut out, events);
    out
}

/// Escapes literal text for Markdown, keeping its spaces: every character
/// that could start markup gets a backslash.
pub fn escape_text(text: &str, out: &mut String) {
    for c in crate::text::reveal_invisible(text).chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '#' | '~' | '&' | '!' => {
                out.push('\\');
                out.push(c);
            }
            // Runs of white space are one space: text dropped between two
            // spaces (raw HTML) leaves no gap.
            ' ' | '\n' | '\r' | '\t' => {
                if !out.is_empty() && !out.ends_with(' ') {
                    out.push(' ');
                }
            }
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
}

/// Markdown from a possibly untrusted file (a team's own checklist) as one
/// line of Markdown that is safe in a record: the same rules as
/// [`to_safe_html`] (no raw HTML, only http, https and mailto links, images
/// as their alt text), with emphasis, code and safe links kept. Paragraphs,
/// list items and line breaks become spaces, so the text cannot change the
/// structure of the record around it.
pub fn to_safe_inline(markdown: &str) -> String {
    let parser = Parser::new_ext(markdown, Options::ENABLE_STRIKETHROUGH);
    let mut out = String::new();
    // For each open link: its target, when it is kept.
    let mut links: Vec<Option<String>> = Vec::new();
    let space = |out: &mut String| {
        if !out.is_empty() && !out.ends_with(' ') {
            out.push(' ');
        }
    };
    for event in parser {
        match event {
            Event::Text(t) => escape_text(&t, &mut out),
            Event::Code(code) => {
                let code = code.replace(['\n', '\r'], " ");
                let longest = code.split(|c| c != '`').map(str::len).max().unwrap_or(0);
                let fence = "`".repeat(longest + 1);
                let pad = if code.starts_with('`') || code.ends_with('`') {
                    " "
                } else {
                    ""
                };
                out.push_str(&format!("{fence}{pad}{code}{pad}{fence}"));
            }
            Event::Start(Tag::Emphasis) | Event::End(TagEnd::Emphasis) => out.push('*'),
            Event::Start(Tag::Strong) | Event::End(TagEnd::Strong) => out.push_str("**"),
            Event::Start(Tag::Strikethrough) | Event::End(TagEnd::Strikethrough) => {
                out.push_str("~~")
            }
            Event::Start(Tag::Link { dest_url, .. }) => {
                let safe = is_safe_url(&dest_url);
                if safe {
                    out.push('[');
                }
                links.push(safe.then(|| dest_url.trim().to_owned()));
            }
            Event::End(TagEnd::Link) => {
                if let Some(Some(url)) = links.pop() {
                    // Angle brackets hold any URL; those inside are encoded.
                    let url = url
                        .replace('<', "%3C")
                        .replace('>', "%3E")
                        .replace(' ', "%20");
                    out.push_str(&format!("](<{url}>)"));
                }
            }
            Event::SoftBreak | Event::HardBreak | Event::Rule => space(&mut out),
            Event::End(
                TagEnd::Paragraph | TagEnd::Item | TagEnd::Heading(_) | TagEnd::CodeBlock,
            ) => space(&mut out),
            // Raw HTML, images' own tags (their alt text arrives as text),
            // footnote references and the rest of the block structure.
            _ => {}
        }
    }
    out.trim_end().to_owned()
}

/// `s` with its first letter upper case ("could not be read" → "Could
/// not be read"), for messages built from the app's own English parts.
/// ASCII only: Unicode case tables would add about 10 KB to the first load.
pub fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_ascii_uppercase().to_string() + c.as_str())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn footnotes_are_references_and_one_definition_each() {
        let html = to_safe_html(
            "Cache reads.[^1] Expire them.[^2]\n\n[^1]: The guide.\n[^2]: The tips.\n",
        );
        assert_eq!(
            html.matches("class=\"footnote-reference\"").count(),
            2,
            "{html}"
        );
        assert_eq!(
            html.matches("class=\"footnote-definition\"").count(),
            2,
            "{html}"
        );
        assert!(!html.contains("[^1]"), "{html}");
    }

    #[test]
    fn untrusted_markdown_becomes_one_safe_line_of_markdown() {
        let md = "Use a **cache** for `hot` reads,\nsee [the docs](<https://example.org/a b>).\n\n- one\n- two";
        assert_eq!(
            to_safe_inline(md),
            "Use a **cache** for `hot` reads, see [the docs](<https://example.org/a%20b>). one two"
        );
        let hostile = "Hi <img src=x onerror=alert(1)> [x](javascript:alert(1)) <iframe src=\"https://evil\"></iframe> ![pixel](https://tracker.example/p.png) <b>bold</b>";
        let out = to_safe_inline(hostile);
        for bad in [
            "<img",
            "onerror",
            "javascript",
            "<iframe",
            "tracker.example",
            "<b>",
            "![",
        ] {
            assert!(!out.contains(bad), "{bad} in {out}");
        }
        assert!(
            out.contains("pixel") && out.contains("bold") && out.contains('x'),
            "{out}"
        );
        // Text that looks like markup stays text.
        assert_eq!(to_safe_inline(r"a \<script\> b"), r"a \<script\> b");
        assert_eq!(to_safe_inline("`` a`b ``"), "``a`b``");
    }

    #[test]
    fn ordinary_markdown_renders() {
        let html = to_safe_html("Use a **cache** for `hot` reads:\n\n- one\n- two");
        assert!(html.contains("<strong>cache</strong>"));
        assert!(html.contains("<code>hot</code>"));
        assert!(html.contains("<li>one</li>"));
    }

    #[test]
    fn a_mermaid_block_is_shown_as_the_graph_drawn_safely() {
        use crate::workbook::{Graph, Node, NodeKind};
        let mut g = Graph::default();
        g.nodes.push(Node::new(
            "x",
            "<script>alert(1)</script>",
            NodeKind::Service,
        ));
        let svg = crate::canvas::draw::to_svg(&g, "t");
        let md = "## Service Graph\n\n```mermaid\nflowchart LR\n  x[\"a\"]\n```\n\nAfter.\n";
        let html = to_safe_html_with_diagram(md, Some(&svg));
        assert!(html.contains("<figure class=\"diagram\"><svg"), "{html}");
        assert!(!html.contains("flowchart"), "{html}");
        assert!(!html.contains("<script>") && html.contains("&lt;script&gt;"));
        assert!(html.contains("<p>After.</p>"));
        // Without a diagram, the block stays code; other code blocks always do.
        assert!(to_safe_html(md).contains("<code class=\"language-mermaid\">flowchart"));
        let other = "```rust\nfn main() {}\n```\n";
        assert_eq!(
            to_safe_html_with_diagram(other, Some(&svg)),
            to_safe_html(other)
        );
    }

    #[test]
    fn raw_html_is_dropped() {
        let html = to_safe_html("Hi <script>alert(1)</script> and <img src=x onerror=alert(1)>\n\n<div onclick=\"x\">block</div>\n\nafter");
        assert!(
            !html.contains("<script") && !html.contains("&lt;script"),
            "{html}"
        );
        assert!(
            !html.contains("<img") && !html.contains("onerror"),
            "{html}"
        );
        assert!(!html.contains("<div"), "{html}");
        assert!(
            html.contains("Hi ") && html.contains("<p>after</p>"),
            "{html}"
        );
    }

    #[test]
    fn unsafe_links_lose_their_target_but_keep_their_text() {
        for url in [
            "javascript:alert(1)",
            "JAVASCRIPT:alert(1)",
            " javascript:x",
            "data:text/html,<b>x</b>",
            "vbscript:x",
            "file:///etc/passwd",
        ] {
            let html = to_safe_html(&format!("[click me]({url})"));
            assert!(!html.contains("<a"), "{url}: {html}");
            assert!(html.contains("click me"), "{url}: {html}");
        }
    }

    #[test]
    fn safe_links_open_in_a_new_tab_and_are_escaped() {
        let html = to_safe_html("[docs](https://example.org/a?b=1&c=\"2\")");
        assert!(html.contains("<a href=\"https://example.org/a?b=1&amp;c=%222%22\" rel=\"noopener noreferrer\" target=\"_blank\">docs</a>"), "{html}");
        assert!(to_safe_html("<https://example.org>").contains("href=\"https://example.org\""));
        assert!(to_safe_html("[mail](mailto:a@b.c)").contains("href=\"mailto:a@b.c\""));
    }

    #[test]
    fn images_become_their_alt_text() {
        let html = to_safe_html("![a diagram](https://tracker.example/pixel.png)");
        assert!(!html.contains("<img"), "{html}");
        assert!(html.contains("a diagram"), "{html}");
    }

    #[test]
    fn nested_unsafe_link_inside_safe_text_is_balanced() {
        let html = to_safe_html("[ok](https://a.b) and [bad](javascript:x) and [ok2](https://c.d)");
        assert_eq!(html.matches("<a ").count(), 2, "{html}");
        assert_eq!(html.matches("</a>").count(), 2, "{html}");
    }

    #[test]
    fn capitalise_upper_cases_the_first_letter_only() {
        assert_eq!(capitalise("could not be read"), "Could not be read");
        assert_eq!(capitalise("élan API"), "élan API");
        assert_eq!(capitalise(""), "");
    }
}
