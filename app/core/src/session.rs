//! The rules a browser session follows that a person would notice when they
//! are wrong. The web layer only carries them out.
//!
//! Two tabs on one workbook: each tab remembers the text it last wrote or
//! read for its open workbook (`saved`). Another tab's write shows up as a
//! change of the stored text; a tab takes it when it has nothing of its own
//! unsaved, and otherwise keeps both versions. A tab never writes over a
//! stored text it has not seen.

/// What a tab does when the stored copy of its open workbook changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Incoming {
    /// The stored text is what this tab shows already.
    Nothing,
    /// This tab has no edit of its own since it last saved: show the other
    /// tab's version.
    Take,
    /// Both tabs changed the workbook: keep the other tab's version under
    /// its id and this tab's version as a copy, and say so.
    KeepBoth,
    /// Another tab deleted the workbook: this tab keeps it open, and its
    /// next save stores it again.
    Deleted,
}

/// `saved`: the text this tab last wrote or read; `mine`: the open workbook
/// as it would be written now; `stored`: what storage holds now.
pub fn incoming(saved: &str, mine: &str, stored: Option<&str>) -> Incoming {
    match stored {
        None => Incoming::Deleted,
        Some(s) if s == mine => Incoming::Nothing,
        Some(_) if mine == saved => Incoming::Take,
        Some(_) => Incoming::KeepBoth,
    }
}

/// Whether this tab may write its open workbook over what is stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outgoing {
    Write,
    /// Another tab wrote in between: writing would lose its edit.
    KeepBoth,
}

/// Before an autosave: `saved` as above, `stored` what storage holds now.
/// Storage holding nothing (a first save, or a deletion elsewhere) or
/// exactly what this tab saved last may be written over.
pub fn outgoing(saved: &str, stored: Option<&str>) -> Outgoing {
    match stored {
        Some(s) if s != saved => Outgoing::KeepBoth,
        _ => Outgoing::Write,
    }
}

/// The title of this tab's copy when both versions are kept, in the words
/// file-sync tools use for the same case.
pub fn this_tab_title(title: &str) -> String {
    format!("{} (conflicted copy)", title.trim())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_tab_without_edits_takes_the_other_tab_s_version() {
        assert_eq!(incoming("v1", "v1", Some("v2")), Incoming::Take);
        assert_eq!(incoming("v1", "v2", Some("v2")), Incoming::Nothing);
    }

    #[test]
    fn a_tab_with_its_own_edit_keeps_both() {
        assert_eq!(
            incoming("v1", "v1-mine", Some("v1-theirs")),
            Incoming::KeepBoth
        );
        assert_eq!(incoming("v1", "v1-mine", None), Incoming::Deleted);
    }

    #[test]
    fn a_tab_never_writes_over_a_version_it_has_not_seen() {
        assert_eq!(outgoing("v1", Some("v1")), Outgoing::Write);
        assert_eq!(outgoing("v1", None), Outgoing::Write);
        // The race of issue 17: tab A wrote v2 while tab B, still on v1,
        // made an edit; B's autosave must not replace v2.
        assert_eq!(outgoing("v1", Some("v2")), Outgoing::KeepBoth);
    }
}
