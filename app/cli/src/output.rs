//! Text for a terminal from values a workbook holds. A workbook is someone
//! else's file: its text must not clear the screen, write to the clipboard
//! through escape sequences, hide itself with bidirectional controls, or
//! start a line of its own that a CI system reads as a command
//! (`::error file=…::`). Every user value printed as text goes through
//! [`plain`]; long lists are cut with a count of the rest.

/// The longest user value echoed, in characters.
pub const MAX_VALUE_CHARS: usize = 300;
/// The most problems or warnings listed; the rest are counted.
pub const MAX_LISTED: usize = 50;

/// A user value on one line, with control and formatting characters shown
/// as escapes (`\n`, `\u{1b}`), cut after [`MAX_VALUE_CHARS`] characters.
pub fn plain(value: &str) -> String {
    let mut out = String::new();
    for (n, c) in value.chars().enumerate() {
        if n == MAX_VALUE_CHARS {
            out.push('…');
            break;
        }
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() || is_invisible_control(c) => {
                out.push_str(&format!("\\u{{{:x}}}", c as u32))
            }
            c => out.push(c),
        }
    }
    out
}

/// Characters that change how text around them is shown: bidirectional
/// overrides and isolates, line and paragraph separators.
fn is_invisible_control(c: char) -> bool {
    matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{2028}' | '\u{2029}' | '\u{200e}' | '\u{200f}' | '\u{feff}')
}

/// Up to [`MAX_LISTED`] lines, each indented and made plain, then
/// "… and 399,990 more" when there were more.
pub fn listed<'a>(lines: impl ExactSizeIterator<Item = &'a str>, what: &str) -> String {
    let total = lines.len();
    let mut out = String::new();
    for line in lines.take(MAX_LISTED) {
        out.push_str("  ");
        out.push_str(&plain(line));
        out.push('\n');
    }
    if total > MAX_LISTED {
        out.push_str(&format!(
            "  … and {} more {what}\n",
            archbook_core::thousands(total - MAX_LISTED)
        ));
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

    #[test]
    fn long_lists_are_cut_with_a_count() {
        let lines: Vec<String> = (0..400_000).map(|i| format!("p{i}")).collect();
        let out = listed(lines.iter().map(String::as_str), "problems");
        assert_eq!(out.lines().count(), MAX_LISTED + 1);
        assert!(out.ends_with("  … and 399,950 more problems\n"), "{out}");
    }
}
