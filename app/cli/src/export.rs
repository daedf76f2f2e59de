//! `archbook export`: writes the records into a folder, next to records that
//! are already there.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use archbook_core::analysis::analyze;
use archbook_core::content::{builtin_checklists, builtin_pitfalls, checklists_for};
use archbook_core::export::records;
use archbook_core::Workbook;

/// Numbered records already in `dir`: slug (name without the number) to
/// (number, file name).
fn existing(dir: &Path) -> Result<BTreeMap<String, (u32, String)>, String> {
    let mut out = BTreeMap::new();
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(out),
        Err(e) => return Err(format!("cannot read {}: {e}", dir.display())),
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some(stem) = name.strip_suffix(".md") else {
            continue;
        };
        // Cut by characters, never by bytes: "架构决策.md" and "abcé.md" are
        // names like any other.
        let Some((num, slug)) = stem.split_once('-') else {
            continue;
        };
        if num.len() == 4 && num.bytes().all(|b| b.is_ascii_digit()) {
            out.insert(slug.to_owned(), (num.parse().unwrap_or(0), name.clone()));
        }
    }
    Ok(out)
}

/// "0007-use-a-cache.md" → "use-a-cache": the name without its number and
/// extension, cut at characters Archbook wrote itself.
fn record_slug(file_name: &str) -> &str {
    let stem = file_name.strip_suffix(".md").unwrap_or(file_name);
    stem.split_once('-').map_or(stem, |(_, slug)| slug)
}

/// Why an export wrote nothing (or, for a failed rename, what it wrote).
pub struct Failure {
    pub message: String,
    /// The exit code: 3 refused, 4 could not write.
    pub code: u8,
}

fn refused(message: String) -> Failure {
    Failure { message, code: 3 }
}

fn failed(message: String) -> Failure {
    Failure { message, code: 4 }
}

/// Writes every record, or nothing. Every target is checked before any file
/// is written: a record that exists is only replaced with `force`, and a
/// symbolic link or a folder under a record's name is never written through
/// (with or without `force`). Each record goes to a temporary file in `dir`
/// that is then renamed over its name, so a reader never sees half a record
/// and a link is replaced, not followed.
pub fn run(
    wb: &Workbook,
    dir: &Path,
    force: bool,
    options: &archbook_core::export::Options,
) -> Result<Vec<PathBuf>, Failure> {
    let checklists = checklists_for(&builtin_checklists(), wb);
    let report = analyze(wb, &builtin_pitfalls(), &checklists);
    let present = existing(dir).map_err(refused)?;
    let mut next = present.values().map(|(n, _)| *n).max().unwrap_or(0) + 1;
    // Each record keeps the number of its existing file, or takes the next
    // free one; the records are then written with those numbers, so that the
    // overview's table of decisions names the right files.
    let mut numbers = Vec::new();
    for r in records(wb, &checklists, &report, options) {
        let slug = record_slug(&r.file_name);
        numbers.push(match present.get(slug) {
            Some((n, _)) => *n,
            None => {
                next += 1;
                next - 1
            }
        });
    }
    let numbered = archbook_core::export::Options {
        numbers,
        ..options.clone()
    };
    let mut plan = Vec::new();
    for r in records(wb, &checklists, &report, &numbered) {
        let slug = record_slug(&r.file_name);
        let name = match present.get(slug) {
            Some((_, existing)) => existing.clone(),
            None => r.file_name.clone(),
        };
        plan.push((dir.join(name), r.markdown));
    }
    write_all(dir, plan, force)
}

/// Writes files into `dir`, all or none: every target is checked first (a
/// file that exists is only replaced with `force`; a symbolic link or a
/// folder is never written through), then each file goes to a temporary file
/// in `dir` that is renamed over its name, so a reader never sees half a
/// file and a link is replaced, not followed.
pub fn write_all(
    dir: &Path,
    plan: Vec<(PathBuf, String)>,
    force: bool,
) -> Result<Vec<PathBuf>, Failure> {
    let shown = |p: &Path| crate::output::plain(&p.display().to_string());
    let (mut clashes, mut unsafe_targets) = (Vec::new(), Vec::new());
    for (path, _) in &plan {
        match std::fs::symlink_metadata(path) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => {
                return Err(refused(format!(
                    "cannot check {}: {e}; nothing was written",
                    shown(path)
                )))
            }
            Ok(m) if m.file_type().is_symlink() => {
                unsafe_targets.push(format!("{} is a symbolic link", shown(path)))
            }
            Ok(m) if !m.is_file() => {
                unsafe_targets.push(format!("{} is not a plain file", shown(path)))
            }
            Ok(_) if !force => clashes.push(crate::output::plain(
                &path.file_name().unwrap_or_default().to_string_lossy(),
            )),
            Ok(_) => {}
        }
    }
    if !unsafe_targets.is_empty() {
        return Err(refused(format!(
            "{}; Archbook does not write through links or replace folders. Nothing was written.",
            unsafe_targets.join(", ")
        )));
    }
    if !clashes.is_empty() {
        return Err(refused(format!(
            "{} already holds {}; nothing was written. Use --force to replace them.",
            shown(dir),
            clashes.join(", ")
        )));
    }
    std::fs::create_dir_all(dir)
        .map_err(|e| failed(format!("cannot create {}: {e}", shown(dir))))?;
    // 1. Every record into its own temporary file; on a failure, none stays.
    let mut temps: Vec<(PathBuf, PathBuf)> = Vec::new();
    let cleanup = |temps: &[(PathBuf, PathBuf)]| {
        for (tmp, _) in temps {
            let _ = std::fs::remove_file(tmp);
        }
    };
    for (path, markdown) in plan {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
        let written = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&tmp)
            .and_then(|mut f| {
                std::io::Write::write_all(&mut f, markdown.as_bytes())?;
                f.sync_all()
            });
        if let Err(e) = written {
            let _ = std::fs::remove_file(&tmp);
            cleanup(&temps);
            return Err(failed(format!(
                "cannot write {}: {e}; nothing was written",
                shown(&path)
            )));
        }
        temps.push((tmp, path));
    }
    // 2. Into place.
    let mut done = Vec::new();
    for (i, (tmp, path)) in temps.iter().enumerate() {
        if let Err(e) = std::fs::rename(tmp, path) {
            cleanup(&temps[i..]);
            let wrote: Vec<String> = done.iter().map(|p: &PathBuf| shown(p)).collect();
            return Err(failed(format!(
                "cannot write {}: {e}; {}",
                shown(path),
                if wrote.is_empty() {
                    "nothing was written".to_owned()
                } else {
                    format!("written before the failure: {}", wrote.join(", "))
                }
            )));
        }
        done.push(path.clone());
    }
    Ok(done)
}
