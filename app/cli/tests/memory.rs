//! What the command line costs in memory: the costliest files a workbook
//! may be are read within 100 MB (issue 26). A test binary of its own, so
//! that no other test's data counts towards the peak it measures.

use std::path::Path;
use std::process::{Command, Output};

fn archbook(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_archbook"))
        .args(args)
        .output()
        .expect("archbook runs")
}

fn workbook_with_extra(extra: &str) -> String {
    format!(r#"{{"format":"archbook-workbook","version":2,"title":"T","x":{extra}}}"#)
}

/// The largest peak resident size, in bytes, of the children this test
/// process has waited for.
#[cfg(unix)]
fn children_peak_bytes() -> u64 {
    // SAFETY: getrusage only writes the struct it is given.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let rc = unsafe { libc::getrusage(libc::RUSAGE_CHILDREN, &mut usage) };
    assert_eq!(rc, 0);
    usage.ru_maxrss as u64 * 1024
}

/// The files that cost the most memory per byte, each within the 5 MB a
/// file may have: `validate` reads every one in under 100 MB.
#[cfg(unix)]
#[test]
fn the_costliest_files_are_read_within_a_hundred_megabytes() {
    let dir = tempfile::tempdir().unwrap();
    // Written first and dropped: a child's peak counts the memory of this
    // process at the moment it is started.
    let names = write_cases(dir.path());
    for name in names {
        let file = dir.path().join(name);
        let run = archbook(&["validate", file.to_str().unwrap()]);
        let stderr = String::from_utf8_lossy(&run.stderr);
        assert!(
            matches!(run.status.code(), Some(0 | 2)),
            "{name}: {:?} {stderr}",
            run.status
        );
        assert!(!stderr.contains("panicked"), "{name}: {stderr}");
        if name == "zeros.json" {
            assert!(
                stderr.contains("a workbook holds at most 500,000"),
                "{stderr}"
            );
        }
        let peak = children_peak_bytes();
        assert!(
            peak < 100 * 1024 * 1024,
            "{name}: peak {} MB",
            peak / 1024 / 1024
        );
    }
}

fn write_cases(dir: &Path) -> Vec<&'static str> {
    let huge_key = "k".repeat(4 * 1024 * 1024);
    let repeats = vec![r#""a":1"#; 100_000].join(",");
    let cases = [
        // Repeated keys under a 4 MB key: the warnings once copied the key
        // for every repeat (4.4 GB for a 1 MB file).
        (
            "repeated-keys.json",
            workbook_with_extra(&format!(r#"{{"{huge_key}":{{{repeats}}}}}"#)),
        ),
        // As many small values as a 5 MB file holds: refused by count.
        (
            "zeros.json",
            workbook_with_extra(&format!("[{}]", vec!["0"; 2_500_000].join(","))),
        ),
        // Just under the count limit.
        (
            "objects.json",
            workbook_with_extra(&format!("[{}]", vec!["{}"; 240_000].join(","))),
        ),
        (
            "numbers.json",
            workbook_with_extra(&format!("[{}]", vec!["12345"; 490_000].join(","))),
        ),
    ];
    let mut names = Vec::new();
    for (name, text) in cases {
        assert!(
            text.len() <= 5 * 1024 * 1024,
            "{name} is {} bytes",
            text.len()
        );
        std::fs::write(dir.join(name), text).unwrap();
        names.push(name);
    }
    names
}
