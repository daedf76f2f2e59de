//! Names made from titles: "Checkout platform" → `checkout-platform`, for
//! file names and ids. One rule, two alphabets:
//! - records (`NNNN-title.md`) keep ASCII letters and digits only, because
//!   adr-tools, log4brains and code hosts put them in shell commands and URLs;
//! - workbook file names and the ids of imported components keep letters
//!   and digits of every script, so a team's names stay readable
//!   ("Zahlung über Karte" → `zahlung-über-karte`, not `zahlung-ber-karte`).
//!
//! Case is folded for ASCII only: Unicode case tables would cost the web app
//! 20 KB, and a file name in its original case is still a good name.

/// Which letters a slug keeps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Letters {
    Ascii,
    AnyScript,
}

/// The text in lower case with one dash for each run of spaces and
/// punctuation, cut at a word boundary to at most `max` characters; `None`
/// when nothing is left.
pub fn kebab(text: &str, letters: Letters, max: usize) -> Option<String> {
    let mut slug = String::new();
    for c in text.trim().chars().map(|c| c.to_ascii_lowercase()) {
        let keep = c.is_ascii_alphanumeric()
            || (letters == Letters::AnyScript && !(c.is_ascii() || c.is_whitespace()));
        if keep {
            slug.push(c);
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    let slug = slug.trim_end_matches('-');
    let chars: Vec<char> = slug.chars().collect();
    let cut: String = if chars.len() > max {
        // At the last dash that keeps it within `max`, else at `max`.
        let end = chars[..=max]
            .iter()
            .rposition(|c| *c == '-')
            .filter(|i| *i > 0)
            .unwrap_or(max);
        chars[..end].iter().collect()
    } else {
        slug.to_owned()
    };
    let cut = cut.trim_end_matches('-');
    (!cut.is_empty()).then(|| cut.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_become_kebab_case_in_either_alphabet() {
        assert_eq!(
            kebab("Checkout platform: v2!", Letters::Ascii, 60).as_deref(),
            Some("checkout-platform-v2")
        );
        assert_eq!(
            kebab("Zahlung über Karte", Letters::AnyScript, 60).as_deref(),
            Some("zahlung-über-karte")
        );
        assert_eq!(
            kebab("Zahlung über Karte", Letters::Ascii, 60).as_deref(),
            Some("zahlung-ber-karte")
        );
        // Case is folded for ASCII only.
        assert_eq!(
            kebab("Über", Letters::AnyScript, 60).as_deref(),
            Some("Über")
        );
        assert_eq!(
            kebab("決済", Letters::AnyScript, 60).as_deref(),
            Some("決済")
        );
        assert_eq!(kebab("決済", Letters::Ascii, 60), None);
        assert_eq!(kebab("  ", Letters::AnyScript, 60), None);
    }

    #[test]
    fn long_titles_are_cut_at_a_word_boundary_counting_characters() {
        let long = "word ".repeat(20);
        let s = kebab(&long, Letters::Ascii, 60).unwrap();
        assert!(s.len() <= 60 && s.ends_with("word"), "{s}");
        let wide = "ü".repeat(70);
        assert_eq!(
            kebab(&wide, Letters::AnyScript, 60)
                .unwrap()
                .chars()
                .count(),
            60
        );
        assert_eq!(
            kebab(&"x ".repeat(50), Letters::AnyScript, 60)
                .unwrap()
                .len(),
            59
        );
    }
}
