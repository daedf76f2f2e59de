//! Calibration: workbooks of known quality, reviewed, must come out in the
//! order an experienced reviewer would put them, with a readable number of
//! findings. The expected order was written down before the score formula
//! (issue 11): deliberately good designs first, a young startup with a few
//! gaps next, then the public reference applications as their manifests
//! deploy them (one instance of everything, no stated operations), then a
//! system whose services mostly share one database, and a deliberately bad
//! design last.

use archbook_core::analysis::{analyze, Report};
use archbook_core::content::{builtin_checklists, builtin_pitfalls, checklists_for};
use archbook_core::load;

fn review(name: &str) -> Report {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures");
    let path = if name == "reference" {
        format!("{dir}/reference.json")
    } else {
        format!("{dir}/calibration/{name}.json")
    };
    let wb =
        load(&std::fs::read_to_string(&path).unwrap()).unwrap_or_else(|e| panic!("{path}: {e}"));
    let checklists = checklists_for(&builtin_checklists(), &wb);
    analyze(&wb, &builtin_pitfalls(), &checklists)
}

/// Deliberately good designs.
const GOOD: [&str; 2] = ["reference", "modular-monolith-done-well"];
/// Public reference applications as deployed by their own manifests.
const REFERENCE_APPS: [&str; 4] = [
    "online-boutique",
    "eshop-on-containers",
    "social-network",
    "hotel-reservation",
];

#[test]
fn the_calibration_set_comes_out_in_the_expected_order() {
    let score = |n: &str| review(n).overall;
    for g in GOOD {
        assert!(
            score(g) >= 90,
            "{g}: a clean design stays at 90 or above, got {}",
            score(g)
        );
    }
    let startup = score("startup-with-gaps");
    let train = score("train-ticket");
    let mud = score("big-ball-of-mud");
    assert!(
        mud <= 20,
        "the big ball of mud scores 20 or less, got {mud}"
    );
    for real in REFERENCE_APPS
        .iter()
        .chain(&["startup-with-gaps", "train-ticket"])
    {
        let s = score(real);
        assert!(
            (25..=85).contains(&s),
            "{real}: a system that runs scores between 25 and 85, got {s}"
        );
    }
    for g in GOOD {
        assert!(score(g) > startup, "{g} above the startup");
    }
    for app in REFERENCE_APPS {
        let s = score(app);
        assert!(startup > s, "the startup ({startup}) above {app} ({s})");
        assert!(
            s > train,
            "{app} ({s}) above train-ticket ({train}), whose services share one database"
        );
    }
    assert!(
        train > mud,
        "train-ticket ({train}) above the big ball of mud ({mud})"
    );
}

#[test]
fn every_calibration_system_reads_in_at_most_twenty_findings() {
    for name in GOOD.iter().chain(&REFERENCE_APPS).chain(&[
        "startup-with-gaps",
        "train-ticket",
        "big-ball-of-mud",
    ]) {
        let r = review(name);
        assert!(
            r.findings.len() <= 20,
            "{name}: {} findings:\n{}",
            r.findings.len(),
            r.findings
                .iter()
                .map(|f| format!("  {} {}", f.rule, f.message))
                .collect::<Vec<_>>()
                .join("\n")
        );
    }
}

/// Prints the table the README shows (`cargo test --test calibration -- --nocapture`).
#[test]
fn the_table_for_the_readme() {
    println!("| Design | Components | Score | Grade | Open findings |");
    println!("| --- | ---: | ---: | :---: | ---: |");
    for name in GOOD
        .iter()
        .chain(&["startup-with-gaps"])
        .chain(&REFERENCE_APPS)
        .chain(&["train-ticket", "big-ball-of-mud"])
    {
        let r = review(name);
        let open = r.findings.iter().filter(|f| f.is_open()).count();
        println!(
            "| {name} | {} | {} | {} | {open} |",
            r.reviewed,
            r.overall,
            r.grade()
        );
        if std::env::var_os("CALIBRATION_DETAIL").is_some() {
            for f in &r.findings {
                println!(
                    "    {:?} {}{} [{}] {}",
                    f.severity,
                    if f.question { "? " } else { "" },
                    f.rule,
                    f.parts.len(),
                    f.message
                );
            }
        }
    }
}
