//! Text that came from someone else's file, shown where its characters
//! could do more than be read: a terminal (escape sequences), a CI log (a
//! line of its own starting with `::error`), or any page (bidirectional
//! overrides that reorder what is shown). [`plain`] makes such text one
//! inert line.

/// The longest value [`plain`] shows, in characters.
pub const MAX_VALUE_CHARS: usize = 300;

/// Characters that change how the text around them is shown without being
/// seen: bidirectional embeddings, overrides, isolates and marks, line and
/// paragraph separators, and the zero-width no-break space.
pub fn is_invisible_control(c: char) -> bool {
    matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{2028}' | '\u{2029}' | '\u{200e}' | '\u{200f}' | '\u{061c}' | '\u{feff}')
}

/// `\u{202e}`: how a control or invisible character is shown.
pub fn escaped(c: char) -> String {
    format!("\\u{{{:x}}}", c as u32)
}

/// `text` with every invisible control ([`is_invisible_control`]) shown as
/// its escape, so that a right-to-left override in a name cannot reorder
/// what a record or a page shows around it.
pub fn reveal_invisible(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.chars().any(is_invisible_control) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if is_invisible_control(c) {
            out.push_str(&escaped(c));
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

/// A value on one line, with control and formatting characters shown as
/// escapes (`\n`, `\u{1b}`, `\u{202e}`), cut after [`MAX_VALUE_CHARS`]
/// characters.
pub fn plain(value: &str) -> String {
    escape(value, MAX_VALUE_CHARS)
}

/// [`plain`] without the cut, for lines Archbook composed itself around
/// values from a file (a report line that lists many names).
pub fn one_line(value: &str) -> String {
    escape(value, usize::MAX)
}

fn escape(value: &str, max_chars: usize) -> String {
    let mut out = String::with_capacity(value.len().min(max_chars.saturating_add(8)));
    for (n, c) in value.chars().enumerate() {
        if n == max_chars {
            out.push('…');
            break;
        }
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() || is_invisible_control(c) => out.push_str(&escaped(c)),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_sequences_and_line_breaks_are_shown_not_obeyed() {
        assert_eq!(plain("a\u{1b}[2Jb"), "a\\u{1b}[2Jb");
        assert_eq!(
            plain("x\n::error file=a,line=1::boom"),
            "x\\n::error file=a,line=1::boom"
        );
        assert_eq!(plain("\u{1b}]52;c;aGk=\u{7}"), "\\u{1b}]52;c;aGk=\\u{7}");
        assert_eq!(plain("ab\u{202e}cd"), "ab\\u{202e}cd");
        assert_eq!(plain("Café — ok"), "Café — ok");
        assert_eq!(plain(&"x".repeat(400)).chars().count(), MAX_VALUE_CHARS + 1);
    }
}
