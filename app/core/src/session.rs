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

/// The five steps of the workbook, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    Context,
    Decisions,
    Graph,
    Review,
    Record,
}

impl Step {
    pub const ALL: [Step; 5] = [
        Step::Context,
        Step::Decisions,
        Step::Graph,
        Step::Review,
        Step::Record,
    ];

    /// The URL fragment of the step, so that reload and the back button keep it.
    pub fn slug(self) -> &'static str {
        match self {
            Step::Context => "context",
            Step::Decisions => "decisions",
            Step::Graph => "graph",
            Step::Review => "review",
            Step::Record => "record",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Step::Context => "Context",
            Step::Decisions => "Decisions",
            Step::Graph => "Service graph",
            Step::Review => "Review",
            Step::Record => "Record",
        }
    }

    pub fn number(self) -> usize {
        match self {
            Step::Context => 1,
            Step::Decisions => 2,
            Step::Graph => 3,
            Step::Review => 4,
            Step::Record => 5,
        }
    }

    pub fn from_slug(slug: &str) -> Option<Step> {
        Step::ALL.into_iter().find(|s| s.slug() == slug)
    }

    /// The step after this one (→ in the app), if any.
    pub fn next(self) -> Option<Step> {
        Step::ALL.get(self.number()).copied()
    }

    /// The step before this one (←), if any.
    pub fn previous(self) -> Option<Step> {
        Step::ALL.get(self.number().checked_sub(2)?).copied()
    }
}

/// Where the URL fragment points: a shared workbook to offer, a step (and
/// on the Decisions step, the open checklist), or nowhere the app knows
/// (then the app stays where it is).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    Shared(String),
    Step(Step, Option<String>),
    Unknown,
}

impl Route {
    /// Reads a fragment, with or without its `#`.
    pub fn parse(hash: &str) -> Route {
        let hash = hash.trim_start_matches('#');
        if crate::share::is_share(hash) {
            return Route::Shared(hash.to_owned());
        }
        let (slug, rest) = hash.split_once('/').unwrap_or((hash, ""));
        match Step::from_slug(slug) {
            Some(Step::Decisions) => {
                Route::Step(Step::Decisions, (!rest.is_empty()).then(|| rest.to_owned()))
            }
            Some(step) => Route::Step(step, None),
            None => Route::Unknown,
        }
    }

    /// The fragment (without `#`) for a step and, on Decisions, the open
    /// checklist.
    pub fn format(step: Step, decision: Option<&str>) -> String {
        match (step, decision) {
            (Step::Decisions, Some(id)) => format!("{}/{id}", step.slug()),
            _ => step.slug().to_owned(),
        }
    }
}

/// What a key does on a checklist's page (without Ctrl, Alt or Meta, and
/// not while typing in a field).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QuestionKey {
    /// n or →.
    Next,
    /// p or ←.
    Previous,
    /// 1 to 9: the current question's choice at this index (0 for "1").
    Choose(usize),
}

impl QuestionKey {
    /// The action of a key by its DOM `key` value, if it has one.
    pub fn of(key: &str) -> Option<QuestionKey> {
        match key {
            "n" | "ArrowRight" => Some(QuestionKey::Next),
            "p" | "ArrowLeft" => Some(QuestionKey::Previous),
            _ => match key.as_bytes() {
                [d @ b'1'..=b'9'] => Some(QuestionKey::Choose((d - b'1') as usize)),
                _ => None,
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digits_choose_and_letters_or_arrows_move_between_questions() {
        assert_eq!(QuestionKey::of("1"), Some(QuestionKey::Choose(0)));
        assert_eq!(QuestionKey::of("9"), Some(QuestionKey::Choose(8)));
        assert_eq!(QuestionKey::of("0"), None);
        assert_eq!(QuestionKey::of("n"), Some(QuestionKey::Next));
        assert_eq!(QuestionKey::of("ArrowLeft"), Some(QuestionKey::Previous));
        for other in ["N", "12", "", "Enter", "²", "١"] {
            assert_eq!(QuestionKey::of(other), None, "{other:?}");
        }
    }

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

    #[test]
    fn every_step_and_open_checklist_survives_the_url_fragment() {
        for step in Step::ALL {
            let hash = Route::format(step, None);
            assert_eq!(Route::parse(&format!("#{hash}")), Route::Step(step, None));
        }
        let hash = Route::format(Step::Decisions, Some("caching"));
        assert_eq!(hash, "decisions/caching");
        assert_eq!(
            Route::parse(&hash),
            Route::Step(Step::Decisions, Some("caching".into()))
        );
        // Only Decisions has a second part; elsewhere it is ignored.
        assert_eq!(Route::format(Step::Graph, Some("caching")), "graph");
        assert_eq!(Route::parse("graph/x"), Route::Step(Step::Graph, None));
        assert_eq!(Route::parse("#"), Route::Unknown);
        assert_eq!(Route::parse("#settings"), Route::Unknown);
        let link = crate::share::encode("{}");
        assert_eq!(Route::parse(&format!("#{link}")), Route::Shared(link));
    }

    #[test]
    fn arrows_walk_the_steps_and_stop_at_the_ends() {
        assert_eq!(Step::Context.previous(), None);
        assert_eq!(Step::Context.next(), Some(Step::Decisions));
        assert_eq!(Step::Review.previous(), Some(Step::Graph));
        assert_eq!(Step::Record.next(), None);
        for (i, s) in Step::ALL.into_iter().enumerate() {
            assert_eq!(s.number(), i + 1);
        }
    }
}
