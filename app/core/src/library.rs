//! The list of workbooks a user keeps (the app's workbook switcher), without
//! any storage: the web layer persists it, this module decides what it holds.

use serde::{Deserialize, Serialize};

/// The version of the library index the app stores next to the workbooks.
pub const INDEX_VERSION: u64 = 1;

/// One workbook in the list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    pub id: String,
    pub title: String,
    /// Last modification, in milliseconds since the Unix epoch.
    pub updated: f64,
}

/// Every workbook the user has, and which one is open.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Library {
    #[serde(default = "index_version")]
    pub version: u64,
    #[serde(default)]
    pub current: Option<String>,
    #[serde(default)]
    pub workbooks: Vec<Entry>,
}

fn index_version() -> u64 {
    INDEX_VERSION
}

impl Library {
    pub fn new() -> Self {
        Library {
            version: INDEX_VERSION,
            current: None,
            workbooks: Vec::new(),
        }
    }

    pub fn get(&self, id: &str) -> Option<&Entry> {
        self.workbooks.iter().find(|e| e.id == id)
    }

    pub fn contains(&self, id: &str) -> bool {
        self.get(id).is_some()
    }

    /// Adds a workbook (or refreshes it if the id is known) and makes it current.
    pub fn add(&mut self, id: &str, title: &str, now: f64) {
        self.touch(id, title, now);
        self.current = Some(id.to_owned());
    }

    /// Records a change to a workbook: its title and modification time.
    pub fn touch(&mut self, id: &str, title: &str, now: f64) {
        match self.workbooks.iter_mut().find(|e| e.id == id) {
            Some(e) => {
                e.title = title.to_owned();
                e.updated = now;
            }
            None => self.workbooks.push(Entry {
                id: id.to_owned(),
                title: title.to_owned(),
                updated: now,
            }),
        }
    }

    /// Removes a workbook. When it was current, the most recently changed
    /// remaining workbook becomes current (or none when the list is empty).
    pub fn remove(&mut self, id: &str) {
        self.workbooks.retain(|e| e.id != id);
        if self.current.as_deref() == Some(id)
            || self.current.as_deref().is_some_and(|c| !self.contains(c))
        {
            self.current = self.most_recent().map(|e| e.id.clone());
        }
    }

    /// The workbooks, most recently changed first (ties by title, then id).
    pub fn by_recent(&self) -> Vec<&Entry> {
        let mut v: Vec<&Entry> = self.workbooks.iter().collect();
        // Ids are unique, so the order is total: an unstable sort gives the
        // same result.
        v.sort_unstable_by(|a, b| recency(a, b));
        v
    }

    /// The first of [`Library::by_recent`], without sorting (the first
    /// load opens it; the sort's code loads with the workbook list).
    pub fn most_recent(&self) -> Option<&Entry> {
        self.workbooks.iter().min_by(|a, b| recency(a, b))
    }

    /// The title for a workbook that arrives from elsewhere (a file, a share
    /// link): its own, or "X (2)", "X (3)" when a workbook already has it.
    pub fn arriving_title(&self, title: &str) -> String {
        let title = title.trim();
        let taken = |t: &str| self.workbooks.iter().any(|e| e.title == t);
        if title.is_empty() || !taken(title) {
            return title.to_owned();
        }
        (2..)
            .map(|n| format!("{title} ({n})"))
            .find(|t| !taken(t))
            .expect("an unused title exists")
    }

    /// A title for a copy of `title` that no workbook uses yet:
    /// "X (copy)", then "X (copy 2)", ...
    pub fn copy_title(&self, title: &str) -> String {
        let base = strip_copy_suffix(title.trim());
        let taken = |t: &str| self.workbooks.iter().any(|e| e.title == t);
        let first = format!("{base} (copy)");
        if !taken(&first) {
            return first;
        }
        (2..)
            .map(|n| format!("{base} (copy {n})"))
            .find(|t| !taken(t))
            .expect("an unused title exists")
    }
}

/// "X (copy 3)" and "X (copy)" to "X".
fn strip_copy_suffix(title: &str) -> &str {
    if let Some(rest) = title.strip_suffix(')') {
        if let Some(i) = rest.rfind(" (copy") {
            let tail = &rest[i + " (copy".len()..];
            if tail.is_empty()
                || (tail.starts_with(' ')
                    && tail[1..].chars().all(|c| c.is_ascii_digit())
                    && tail.len() > 1)
            {
                return &title[..i];
            }
        }
    }
    title
}

/// "just now", "5 minutes ago", "3 hours ago", "yesterday", "4 days ago";
/// `None` for a week or more, where a date reads better.
pub fn relative_age(now: f64, then: f64) -> Option<String> {
    let secs = ((now - then) / 1000.0).max(0.0);
    let mins = (secs / 60.0).floor() as u64;
    let hours = mins / 60;
    let days = hours / 24;
    Some(match () {
        _ if secs < 60.0 => "just now".to_owned(),
        _ if mins == 1 => "1 minute ago".to_owned(),
        _ if mins < 60 => format!("{mins} minutes ago"),
        _ if hours == 1 => "1 hour ago".to_owned(),
        _ if hours < 24 => format!("{hours} hours ago"),
        _ if days == 1 => "yesterday".to_owned(),
        _ if days < 7 => format!("{days} days ago"),
        _ => return None,
    })
}

/// A file name for a workbook: "checkout-platform.archbook.json".
pub fn file_name(title: &str) -> String {
    format!("{}.archbook.json", slug(title))
}

/// The title in lower case with dashes for spaces and punctuation, letters
/// of every script kept, at most 60 characters, for file names ("workbook"
/// when nothing is left). See [`crate::slug`].
pub fn slug(title: &str) -> String {
    crate::slug::kebab(title, crate::slug::Letters::AnyScript, 60)
        .unwrap_or_else(|| "workbook".to_owned())
}

/// Most recently changed first; ties by title, then id.
fn recency(a: &Entry, b: &Entry) -> std::cmp::Ordering {
    b.updated
        .total_cmp(&a.updated)
        .then_with(|| a.title.cmp(&b.title))
        .then_with(|| a.id.cmp(&b.id))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lib() -> Library {
        let mut l = Library::new();
        l.add("a", "Alpha", 1000.0);
        l.add("b", "Beta", 3000.0);
        l.add("c", "Gamma", 2000.0);
        l
    }

    #[test]
    fn adding_makes_current_and_lists_by_recent_change() {
        let l = lib();
        assert_eq!(l.current.as_deref(), Some("c"));
        let ids: Vec<&str> = l.by_recent().iter().map(|e| e.id.as_str()).collect();
        assert_eq!(ids, ["b", "c", "a"]);
    }

    #[test]
    fn touching_renames_and_moves_to_the_top() {
        let mut l = lib();
        l.touch("a", "Alpha 2", 5000.0);
        assert_eq!(l.by_recent()[0].title, "Alpha 2");
        assert_eq!(
            l.most_recent().map(|e| &e.title),
            Some(&l.by_recent()[0].title)
        );
        assert_eq!(l.workbooks.len(), 3);
        assert_eq!(l.current.as_deref(), Some("c"), "touching does not switch");
    }

    #[test]
    fn removing_the_current_workbook_opens_the_most_recent_other() {
        let mut l = lib();
        l.remove("c");
        assert_eq!(l.current.as_deref(), Some("b"));
        l.remove("a");
        assert_eq!(
            l.current.as_deref(),
            Some("b"),
            "removing another keeps the current one"
        );
        l.remove("b");
        assert_eq!(l.current, None);
        assert!(l.workbooks.is_empty());
    }

    #[test]
    fn copies_get_unused_titles() {
        let mut l = lib();
        assert_eq!(l.copy_title("Alpha"), "Alpha (copy)");
        l.add("d", "Alpha (copy)", 1.0);
        assert_eq!(l.copy_title("Alpha"), "Alpha (copy 2)");
        assert_eq!(l.copy_title("Alpha (copy)"), "Alpha (copy 2)");
        l.add("e", "Alpha (copy 2)", 1.0);
        assert_eq!(l.copy_title("Alpha (copy 2)"), "Alpha (copy 3)");
        assert_eq!(
            l.copy_title("Draft (copyright)"),
            "Draft (copyright) (copy)"
        );
    }

    #[test]
    fn ages_read_naturally() {
        let now = 10_000_000_000.0;
        let ago = |s: f64| relative_age(now, now - s * 1000.0);
        assert_eq!(ago(5.0).unwrap(), "just now");
        assert_eq!(ago(61.0).unwrap(), "1 minute ago");
        assert_eq!(ago(45.0 * 60.0).unwrap(), "45 minutes ago");
        assert_eq!(ago(3.5 * 3600.0).unwrap(), "3 hours ago");
        assert_eq!(ago(30.0 * 3600.0).unwrap(), "yesterday");
        assert_eq!(ago(4.0 * 86400.0).unwrap(), "4 days ago");
        assert_eq!(ago(8.0 * 86400.0), None);
        assert_eq!(
            relative_age(now, now + 5000.0).unwrap(),
            "just now",
            "clock skew is not the future"
        );
    }

    #[test]
    fn file_names_are_safe_slugs() {
        assert_eq!(
            file_name("Checkout platform"),
            "checkout-platform.archbook.json"
        );
        assert_eq!(
            file_name("  Ünïcode / <script> & co. "),
            "Ünïcode-script-co.archbook.json"
        );
        assert_eq!(file_name(""), "workbook.archbook.json");
        assert_eq!(file_name("../../etc"), "etc.archbook.json");
        // The same slug names the records' archive.
        assert_eq!(slug("Checkout platform"), "checkout-platform");
        assert_eq!(slug(&"x ".repeat(50)).len(), 59);
    }

    #[test]
    fn an_index_from_storage_round_trips() {
        let l = lib();
        let json = serde_json::to_string(&l).unwrap();
        assert_eq!(serde_json::from_str::<Library>(&json).unwrap(), l);
    }

    #[test]
    fn a_workbook_from_elsewhere_gets_a_distinct_title() {
        let mut l = Library::new();
        l.add("a", "Shop", 1.0);
        l.add("b", "Shop (2)", 2.0);
        assert_eq!(l.arriving_title("Shop"), "Shop (3)");
        assert_eq!(l.arriving_title("Payments"), "Payments");
        assert_eq!(l.arriving_title(""), "");
    }
}
