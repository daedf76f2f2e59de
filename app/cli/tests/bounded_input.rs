//! The command line under hostile and unusual input (issue 26): bounded
//! memory, names cut at characters, no panic on a closed pipe, the limits
//! enforced on what `import` writes, and folders read without following
//! links out of them or blocking on pipes.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn archbook(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_archbook"))
        .args(args)
        .output()
        .expect("archbook runs")
}

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures")
        .join(name)
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p
}

#[test]
fn export_reads_folders_whose_file_names_are_not_ascii() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("decisions");
    std::fs::create_dir(&out).unwrap();
    for name in [
        "架构决策.md",
        "abcé.md",
        "é-accent.md",
        "🙂🙂.md",
        "000é-x.md",
        "0001-e\u{301}.md",
        "x.md",
        "-.md",
        ".md",
    ] {
        write(&out, name, "# hand-written\n");
    }
    let run = archbook(&[
        "export",
        fixture("rich.json").to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--date",
        "2026-12-07",
    ]);
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(0), "{stderr}");
    // "0001-é" is a record: numbering continues after it.
    let stdout = String::from_utf8(run.stdout).unwrap();
    assert!(stdout.contains("0002-"), "{stdout}");
    assert_eq!(
        std::fs::read_to_string(out.join("架构决策.md")).unwrap(),
        "# hand-written\n"
    );
}

/// Runs the command with its standard output closed at once, as `| head -0`
/// does: it must end without a panic, quietly (0, or killed by SIGPIPE as
/// `cat` is).
#[cfg(unix)]
fn into_a_closed_pipe(args: &[&str]) {
    use std::os::unix::process::ExitStatusExt;
    let mut child = Command::new(env!("CARGO_BIN_EXE_archbook"))
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    let status = child.wait().unwrap();
    assert!(
        status.code() == Some(0) || status.signal() == Some(libc::SIGPIPE),
        "{args:?}: {status:?} {stderr}"
    );
    assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
}

#[cfg(unix)]
#[test]
fn a_closed_pipe_ends_every_command_quietly() {
    let dir = tempfile::tempdir().unwrap();
    // Outputs larger than a pipe's buffer, so that the write fails.
    let rich = fixture("rich.json");
    let rich = rich.to_str().unwrap();
    into_a_closed_pipe(&["score", rich]);
    into_a_closed_pipe(&["score", rich, "--format", "sarif"]);
    into_a_closed_pipe(&["checklists"]);
    into_a_closed_pipe(&["schema"]);
    let some: String = (0..900)
        .map(|i| format!("  s{i}:\n    image: x/app\n"))
        .collect();
    let some = write(dir.path(), "some.yml", &format!("services:\n{some}"));
    into_a_closed_pipe(&["import", some.to_str().unwrap()]);
    into_a_closed_pipe(&["import", some.to_str().unwrap(), "--out", "-"]);
}

#[test]
fn import_never_writes_a_workbook_past_the_limits() {
    let dir = tempfile::tempdir().unwrap();
    let services: String = (0..1_001)
        .map(|i| format!("  s{i}:\n    image: x/app\n"))
        .collect();
    let file = write(dir.path(), "big.yml", &format!("services:\n{services}"));
    let out = dir.path().join("big.json");
    let run = archbook(&[
        "import",
        file.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(run.status.code(), Some(2));
    let stderr = String::from_utf8(run.stderr).unwrap();
    assert!(
        stderr
            .contains("1,001 components, and a workbook holds at most 1,000; nothing was imported"),
        "{stderr}"
    );
    assert!(!out.exists());
}

#[cfg(unix)]
#[test]
fn a_folder_import_reads_only_the_plain_files_inside_it() {
    let dir = tempfile::tempdir().unwrap();
    let outside = tempfile::tempdir().unwrap();
    let secret = write(
        outside.path(),
        "elsewhere.yml",
        "services:\n  secret-service:\n    image: x/secret\n",
    );
    let folder = dir.path().join("deploy");
    std::fs::create_dir(&folder).unwrap();
    write(
        &folder,
        "compose.yml",
        "services:\n  api:\n    image: x/api\n",
    );
    std::os::unix::fs::symlink(&secret, folder.join("link.yml")).unwrap();
    let fifo = folder.join("pipe.yml");
    let c = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
    // SAFETY: mkfifo reads the path it is given.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o644) }, 0);
    let run = archbook(&["import", folder.to_str().unwrap()]);
    let stdout = String::from_utf8(run.stdout).unwrap();
    let stderr = String::from_utf8(run.stderr).unwrap();
    assert_eq!(run.status.code(), Some(0), "{stderr}");
    assert!(stdout.contains("api"), "{stdout}");
    assert!(!stdout.contains("secret-service"), "{stdout}");
    assert!(
        stderr.contains("link.yml is a symbolic link, not followed"),
        "{stderr}"
    );
    assert!(stderr.contains("pipe.yml is not a plain file"), "{stderr}");
}
