//! The blocks of a Markdown document with their lines, read with
//! pulldown-cmark: the common ground of the checklist and pitfall formats.

use std::ops::Range;

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

/// One top-level block of the document.
#[derive(Debug)]
pub(crate) enum Block {
    Heading {
        level: HeadingLevel,
        text: String,
    },
    /// A list: each item's source (without the marker) and its footnote references.
    List {
        items: Vec<(String, Vec<String>, usize)>,
    },
    /// Any other block (paragraph, code, quote, table): its source.
    Text {
        src: String,
        first_words: String,
    },
    Footnote {
        label: String,
        text: String,
    },
}

pub(crate) struct Located {
    pub block: Block,
    pub line: usize,
    pub refs: Vec<String>,
}

pub(crate) fn line_of(src: &str, offset: usize) -> usize {
    src[..offset.min(src.len())]
        .bytes()
        .filter(|b| *b == b'\n')
        .count()
        + 1
}

/// The footnote labels referenced in a piece of source (`[^guide]`), found by
/// scanning the text: pulldown-cmark does not report references to undefined
/// footnotes, and those are exactly the ones to report.
pub(crate) fn refs_in(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(i) = rest.find("[^") {
        let after = &rest[i + 2..];
        match after.find(']') {
            Some(j)
                if !after[..j].contains(char::is_whitespace)
                    && !after[j + 1..].starts_with(':') =>
            {
                out.push(after[..j].to_owned());
                rest = &after[j + 1..];
            }
            _ => rest = after,
        }
    }
    out
}

/// Removes footnote references (`[^guide]`) and trailing space.
pub(crate) fn strip_refs(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find("[^") {
        match rest[i..].find(']') {
            Some(j) => {
                out.push_str(&rest[..i]);
                rest = &rest[i + j + 1..];
            }
            None => break,
        }
    }
    out.push_str(rest);
    out.lines()
        .map(str::trim_end)
        .collect::<Vec<_>>()
        .join("\n")
        .trim()
        .to_owned()
}

pub(crate) fn blocks(src: &str) -> Vec<Located> {
    let parser = Parser::new_ext(
        src,
        Options::ENABLE_FOOTNOTES | Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH,
    );
    let mut out = Vec::new();
    let mut depth = 0usize;
    let mut current: Option<(Tag, Range<usize>)> = None;
    let mut items: Vec<(String, Vec<String>, usize)> = Vec::new();
    let mut item_start: Option<Range<usize>> = None;
    let mut first_words = String::new();

    for (event, range) in parser.into_offset_iter() {
        match event {
            Event::Start(tag) => {
                if depth == 0 {
                    current = Some((tag.clone(), range.clone()));
                    items.clear();
                    first_words.clear();
                } else if depth == 1
                    && matches!(current, Some((Tag::List(_), _)))
                    && matches!(tag, Tag::Item)
                {
                    item_start = Some(range.clone());
                }
                depth += 1;
            }
            Event::End(end) => {
                depth -= 1;
                if depth == 1 && matches!(end, TagEnd::Item) {
                    if let Some(r) = item_start.take() {
                        let raw = src[r.clone()].trim_end();
                        let body = raw
                            .trim_start()
                            .trim_start_matches(['-', '*', '+'])
                            .trim_start_matches(|c: char| c.is_ascii_digit())
                            .trim_start_matches(['.', ')'])
                            .trim();
                        items.push((body.to_owned(), refs_in(body), line_of(src, r.start)));
                    }
                }
                if depth == 0 {
                    let Some((tag, r)) = current.take() else {
                        continue;
                    };
                    let line = line_of(src, r.start);
                    let text = src[r.clone()].trim_end();
                    let block = match tag {
                        Tag::Heading { level, .. } => Block::Heading {
                            level,
                            text: text
                                .trim_start_matches('#')
                                .trim()
                                .trim_end_matches('#')
                                .trim()
                                .to_owned(),
                        },
                        Tag::List(_) => Block::List {
                            items: std::mem::take(&mut items),
                        },
                        Tag::FootnoteDefinition(label) => {
                            let body = text.split_once("]:").map(|(_, b)| b).unwrap_or("").trim();
                            Block::Footnote {
                                label: label.to_string(),
                                text: body.to_owned(),
                            }
                        }
                        _ => Block::Text {
                            src: text.to_owned(),
                            first_words: std::mem::take(&mut first_words),
                        },
                    };
                    out.push(Located {
                        block,
                        line,
                        refs: refs_in(text),
                    });
                }
            }
            Event::Text(t) | Event::Code(t) if depth > 0 && first_words.len() < 40 => {
                first_words.push_str(&t)
            }
            _ => {}
        }
    }
    out
}

/// The content of a leading code span: "`abc` rest" gives "abc".
pub(crate) fn code_span(s: &str) -> Option<&str> {
    let rest = s.strip_prefix('`')?;
    let end = rest.find('`')?;
    Some(&rest[..end])
}
