//! The storage rules against an in-memory store: what the app opens, and
//! that no byte of data it cannot read is ever lost.

use archbook_core::library::Library;
use archbook_core::store::{self, MemoryStore, Refused, Store, INDEX_KEY};
use archbook_core::{to_json, Workbook};
use pretty_assertions::assert_eq;

const NOW: f64 = 1_700_000_000_000.0;

fn workbook(title: &str) -> String {
    to_json(&Workbook::new(title))
}

fn index(current: Option<&str>, entries: &[(&str, &str, f64)]) -> String {
    let mut l = Library::new();
    for (id, title, updated) in entries {
        l.touch(id, title, *updated);
    }
    l.current = current.map(str::to_owned);
    serde_json::to_string(&l).unwrap()
}

fn with(entries: &[(&str, &str)]) -> MemoryStore {
    let mut s = MemoryStore::default();
    for (k, v) in entries {
        s.set(k, v).unwrap();
    }
    s
}

fn ids(l: &Library) -> Vec<&str> {
    l.workbooks.iter().map(|e| e.id.as_str()).collect()
}

#[test]
fn an_empty_store_opens_an_empty_library_and_writes_nothing() {
    let mut s = MemoryStore::default();
    let opened = store::open(&mut s, NOW);
    assert_eq!(opened.library, Library::new());
    assert!(opened.current.is_none());
    assert!(opened.recovered.is_empty());
    assert!(s.entries.is_empty());
}

#[test]
fn the_workbook_that_was_open_opens_again() {
    let a = workbook("Shop");
    let b = workbook("Billing");
    let mut s = with(&[
        (
            INDEX_KEY,
            &index(Some("a"), &[("a", "Shop", 1.0), ("b", "Billing", 2.0)]),
        ),
        ("archbook.workbook.a", &a),
        ("archbook.workbook.b", &b),
    ]);
    let before = s.entries.clone();
    let opened = store::open(&mut s, NOW);
    let (id, wb) = opened.current.unwrap();
    assert_eq!((id.as_str(), wb.title.as_str()), ("a", "Shop"));
    assert!(opened.recovered.is_empty());
    assert_eq!(s.entries, before, "nothing changed, nothing written");
}

#[test]
fn a_damaged_index_is_kept_byte_for_byte_and_rebuilt_from_the_workbooks() {
    let damaged = "{\"version\": 1, \"workbooks\": [";
    let mut s = with(&[
        (INDEX_KEY, damaged),
        ("archbook.workbook.a", &workbook("Shop")),
    ]);
    let opened = store::open(&mut s, NOW);
    assert_eq!(opened.recovered.len(), 1);
    let r = &opened.recovered[0];
    assert!(r.backed_up);
    assert!(
        r.summary.starts_with("The workbook list is damaged"),
        "{}",
        r.summary
    );
    assert_eq!(r.backup_key, "archbook.backup.archbook.index");
    assert!(r
        .outcome()
        .contains("under the key \"archbook.backup.archbook.index\""));
    assert_eq!(s.get(&r.backup_key).as_deref(), Some(damaged));
    assert_eq!(ids(&opened.library), ["a"]);
    assert_eq!(opened.library.get("a").unwrap().title, "Shop");
    assert_eq!(opened.current.unwrap().0, "a");
    assert_eq!(
        store::read_library(&s),
        Some(opened.library),
        "the rebuilt index is stored"
    );
}

#[test]
fn an_index_from_a_newer_archbook_is_kept_and_not_read() {
    let newer = r#"{"version": 99, "current": "a", "workbooks": [], "tags": {}}"#;
    let mut s = with(&[
        (INDEX_KEY, newer),
        ("archbook.workbook.a", &workbook("Shop")),
    ]);
    let opened = store::open(&mut s, NOW);
    let r = &opened.recovered[0];
    assert!(
        r.summary.contains("newer Archbook (index version 99)"),
        "{}",
        r.summary
    );
    assert_eq!(s.get(&r.backup_key).as_deref(), Some(newer));
    assert_eq!(ids(&opened.library), ["a"]);
}

#[test]
fn a_damaged_workbook_moves_to_a_backup_with_its_problems_and_another_opens() {
    let broken = r#"{"format": "archbook-workbook", "version": 2, "title": 7}"#;
    let mut s = with(&[
        (
            INDEX_KEY,
            &index(Some("bad"), &[("bad", "Broken", 5.0), ("ok", "Shop", 1.0)]),
        ),
        ("archbook.workbook.bad", broken),
        ("archbook.workbook.ok", &workbook("Shop")),
    ]);
    let opened = store::open(&mut s, NOW);
    let r = &opened.recovered[0];
    assert!(r.backed_up);
    assert!(
        r.summary
            .starts_with("The workbook \"Broken\" could not be read."),
        "{}",
        r.summary
    );
    assert_eq!(r.backup_key, "archbook.backup.archbook.workbook.bad");
    assert_eq!(s.get(&r.backup_key).as_deref(), Some(broken));
    assert_eq!(
        s.get("archbook.workbook.bad"),
        None,
        "removed once backed up"
    );
    assert!(
        r.problems
            .iter()
            .any(|p| p.path.as_deref() == Some("$.title")),
        "problems keep their JSON path: {:?}",
        r.problems
    );
    assert_eq!(ids(&opened.library), ["ok"]);
    assert_eq!(opened.current.unwrap().0, "ok");
}

#[test]
fn a_workbook_from_a_newer_archbook_is_kept_and_explained() {
    let newer = r#"{"format": "archbook-workbook", "version": 9, "title": "Later"}"#;
    let mut s = with(&[("archbook.workbook.n", newer)]);
    let opened = store::open(&mut s, NOW);
    let r = &opened.recovered[0];
    assert_eq!(
        r.summary,
        "A stored workbook was saved by a newer version of Archbook, so this version cannot open it."
    );
    assert_eq!(s.get(&r.backup_key).as_deref(), Some(newer));
    assert!(opened.current.is_none());
}

#[test]
fn a_backup_never_overwrites_an_earlier_backup() {
    let mut s = with(&[
        ("archbook.backup.archbook.index", "first"),
        ("archbook.backup.archbook.index.2", "second"),
        (INDEX_KEY, "third"),
    ]);
    let opened = store::open(&mut s, NOW);
    assert_eq!(
        opened.recovered[0].backup_key,
        "archbook.backup.archbook.index.3"
    );
    assert_eq!(
        s.get("archbook.backup.archbook.index").as_deref(),
        Some("first")
    );
    assert_eq!(
        s.get("archbook.backup.archbook.index.2").as_deref(),
        Some("second")
    );
    assert_eq!(
        s.get("archbook.backup.archbook.index.3").as_deref(),
        Some("third")
    );
}

#[test]
fn an_index_out_of_step_is_repaired_both_ways() {
    // Lists "gone" (no data) and misses "new" (data, not listed).
    let mut s = with(&[
        (
            INDEX_KEY,
            &index(Some("gone"), &[("gone", "Gone", 9.0), ("a", "Shop", 1.0)]),
        ),
        ("archbook.workbook.a", &workbook("Shop")),
        ("archbook.workbook.new", &workbook("Found again")),
    ]);
    let opened = store::open(&mut s, NOW);
    assert!(opened.recovered.is_empty());
    let mut listed = ids(&opened.library);
    listed.sort();
    assert_eq!(listed, ["a", "new"]);
    assert_eq!(opened.library.get("new").unwrap().title, "Found again");
    // The open one was gone: the most recent readable one opens instead.
    assert_eq!(opened.current.unwrap().0, "new");
    assert_eq!(store::read_library(&s).unwrap(), opened.library);
}

#[test]
fn when_the_store_is_full_the_unreadable_data_stays_where_it_was() {
    let broken = "not json at all";
    let mut s = with(&[
        ("archbook.workbook.bad", broken),
        ("archbook.workbook.ok", &workbook("Shop")),
    ]);
    s.capacity = Some(s.entries.iter().map(|(k, v)| k.len() + v.len()).sum());
    let opened = store::open(&mut s, NOW);
    let r = &opened.recovered[0];
    assert!(!r.backed_up);
    assert_eq!(
        s.get("archbook.workbook.bad").as_deref(),
        Some(broken),
        "never removed"
    );
    assert_eq!(s.get(&r.backup_key), None);
    assert_eq!(
        opened.warning.as_deref(),
        Some("The browser's storage for this page is full."),
        "the index could not be written either, and the user is told"
    );
    assert_eq!(
        opened.current.unwrap().0,
        "ok",
        "what can be read still opens"
    );
}

#[test]
fn a_store_that_refuses_every_write_loses_nothing() {
    let mut s = with(&[(INDEX_KEY, "{"), ("archbook.workbook.a", &workbook("Shop"))]);
    s.read_only = true;
    let before = s.entries.clone();
    let opened = store::open(&mut s, NOW);
    assert_eq!(s.entries, before);
    assert!(!opened.recovered[0].backed_up);
    assert_eq!(opened.warning.as_deref(), Some(Refused::Other.message()));
    assert_eq!(opened.current.unwrap().0, "a");
}

#[test]
fn writes_report_a_full_store_in_words() {
    let mut s = MemoryStore {
        capacity: Some(10),
        ..MemoryStore::default()
    };
    assert_eq!(
        store::save_workbook(&mut s, "a", &workbook("Shop")),
        Err("The browser's storage for this page is full.".to_owned())
    );
    assert_eq!(
        store::read_workbook(&s, "a"),
        Err("This workbook is no longer stored in this browser.".to_owned())
    );
}

#[test]
fn a_saved_workbook_reads_back_and_a_deleted_one_is_gone() {
    let mut s = MemoryStore::default();
    store::save_workbook(&mut s, "a", &workbook("Shop")).unwrap();
    assert_eq!(store::read_workbook(&s, "a").unwrap().title, "Shop");
    store::delete_workbook(&mut s, "a").unwrap();
    assert!(store::read_workbook(&s, "a").is_err());
}
