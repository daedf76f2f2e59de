//! Archbook's content is written in its own words: no run of eight words
//! from the reference articles (`shared/guidance/`) appears in a checklist,
//! a pitfall or the example, once case and punctuation are ignored. Source
//! lines (footnote definitions, which quote the articles' titles) are
//! exempt.
//!
//! The articles are not part of this repository, so the test compares
//! against `tests/fixtures/guidance-shingles.txt`: a 64-bit FNV-1a hash of
//! every eight-word run of the articles, one per line, sorted. Where the
//! articles are present (`../shared/guidance/` next to the checkout), a
//! second test checks that the file is current; `UPDATE_GUIDANCE=1 cargo
//! test --test own_words` rewrites it.

use std::collections::BTreeSet;
use std::path::PathBuf;

use archbook_core::content::{CHECKLIST_FILES, EXAMPLE_WORKBOOK, PITFALL_FILES};

const RUN: usize = 8;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’')
        .map(|w| w.trim_matches(['\'', '’']).to_lowercase().replace('’', "'"))
        .filter(|w| !w.is_empty())
        .collect()
}

fn fnv(run: &[String]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in run.join(" ").bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

fn shingles(text: &str) -> Vec<(u64, String)> {
    let w = words(text);
    w.windows(RUN).map(|r| (fnv(r), r.join(" "))).collect()
}

fn stored() -> BTreeSet<u64> {
    let text = std::fs::read_to_string(root().join("tests/fixtures/guidance-shingles.txt"))
        .expect("tests/fixtures/guidance-shingles.txt");
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
        .map(|l| u64::from_str_radix(l, 16).expect("a hex hash"))
        .collect()
}

/// Every text Archbook ships, without source lines.
fn content() -> Vec<(String, String)> {
    let without_sources = |src: &str| {
        src.lines()
            .filter(|l| !l.trim_start().starts_with("[^"))
            .collect::<Vec<_>>()
            .join("\n")
    };
    CHECKLIST_FILES
        .iter()
        .map(|(f, s)| (format!("content/checklists/{f}"), without_sources(s)))
        .chain(
            PITFALL_FILES
                .iter()
                .map(|(f, s)| (format!("content/pitfalls/{f}"), without_sources(s))),
        )
        .chain([(
            "content/examples/checkout-platform.json".to_owned(),
            EXAMPLE_WORKBOOK.to_owned(),
        )])
        .collect()
}

#[test]
fn no_eight_word_run_of_the_guidance_appears_in_the_content() {
    let guidance = stored();
    assert!(guidance.len() > 3_000, "the shingle file looks empty");
    let mut copies = Vec::new();
    for (file, text) in content() {
        for (hash, run) in shingles(&text) {
            if guidance.contains(&hash) {
                copies.push(format!("{file}: \"{run}\""));
            }
        }
    }
    assert!(
        copies.is_empty(),
        "copied from the guidance:\n{}",
        copies.join("\n")
    );
}

#[test]
fn the_check_catches_a_copied_sentence() {
    let guidance = stored();
    // A sentence of the tips article, re-punctuated.
    let copied = "CACHING is one of the most effective ways to improve performance, at scale!";
    assert!(shingles(copied).iter().any(|(h, _)| guidance.contains(h)));
    assert!(
        !shingles("A cache takes load off the stores and cuts latency for everyone")
            .iter()
            .any(|(h, _)| guidance.contains(h))
    );
}

#[test]
fn the_shingle_file_is_current() {
    let dir = root().join("../shared/guidance");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        eprintln!(
            "{} is not here; the committed shingles are used as they are",
            dir.display()
        );
        return;
    };
    let mut all = BTreeSet::new();
    let mut names: Vec<PathBuf> = entries.map(|e| e.unwrap().path()).collect();
    names.sort();
    for path in &names {
        let text = std::fs::read_to_string(path).unwrap();
        // The first lines are a heading and a note about the article, not its text.
        let body: String = text.lines().skip(3).collect::<Vec<_>>().join("\n");
        all.extend(shingles(&body).into_iter().map(|(h, _)| h));
    }
    let mut file = String::from(
        "# 64-bit FNV-1a hashes of every eight-word run of the reference articles\n# (app/core/tests/own_words.rs; UPDATE_GUIDANCE=1 to rewrite).\n",
    );
    for h in &all {
        file.push_str(&format!("{h:016x}\n"));
    }
    let path = root().join("tests/fixtures/guidance-shingles.txt");
    if std::env::var_os("UPDATE_GUIDANCE").is_some() {
        std::fs::write(&path, &file).unwrap();
    }
    assert_eq!(
        std::fs::read_to_string(&path).unwrap_or_default(),
        file,
        "the shingle file is out of date: run UPDATE_GUIDANCE=1 cargo test -p archbook-core --test own_words"
    );
}
