//! Text for a terminal from values a workbook holds. A workbook is someone
//! else's file: its text must not clear the screen, write to the clipboard
//! through escape sequences, hide itself with bidirectional controls, or
//! start a line of its own that a CI system reads as a command
//! (`::error file=…::`). Every user value printed as text goes through
//! [`plain`]; long lists are cut with a count of the rest.

pub use archbook_core::text::plain;

/// The most problems or warnings listed; the rest are counted.
pub const MAX_LISTED: usize = 50;

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
    fn long_lists_are_cut_with_a_count() {
        let lines: Vec<String> = (0..400_000).map(|i| format!("p{i}")).collect();
        let out = listed(lines.iter().map(String::as_str), "problems");
        assert_eq!(out.lines().count(), MAX_LISTED + 1);
        assert!(out.ends_with("  … and 399,950 more problems\n"), "{out}");
    }
}
