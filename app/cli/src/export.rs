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
        let (num, slug) = stem.split_at(stem.len().min(4));
        if num.len() == 4 && num.chars().all(|c| c.is_ascii_digit()) && slug.starts_with('-') {
            out.insert(
                slug[1..].to_owned(),
                (num.parse().unwrap_or(0), name.clone()),
            );
        }
    }
    Ok(out)
}

/// Writes every record, or nothing: a record that exists is only replaced
/// with `force`.
pub fn run(wb: &Workbook, dir: &Path, force: bool) -> Result<Vec<PathBuf>, String> {
    let checklists = checklists_for(&builtin_checklists(), wb);
    let report = analyze(wb, &builtin_pitfalls(), &checklists);
    let present = existing(dir)?;
    let mut next = present.values().map(|(n, _)| *n).max().unwrap_or(0) + 1;
    let mut plan = Vec::new();
    let mut clashes = Vec::new();
    // Number 1 is a placeholder: each record keeps the number of its existing
    // file, or takes the next free one.
    for r in records(wb, &checklists, &report, 1) {
        let slug = r.file_name[5..r.file_name.len() - 3].to_owned();
        let name = match present.get(&slug) {
            Some((_, existing)) => {
                if !force {
                    clashes.push(existing.clone());
                }
                existing.clone()
            }
            None => {
                let n = next;
                next += 1;
                format!("{n:04}-{slug}.md")
            }
        };
        plan.push((dir.join(name), r.markdown));
    }
    if !clashes.is_empty() {
        return Err(format!(
            "{} already holds {}; nothing was written. Use --force to replace them.",
            dir.display(),
            clashes.join(", ")
        ));
    }
    std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    let mut written = Vec::new();
    for (path, markdown) in plan {
        std::fs::write(&path, markdown)
            .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        written.push(path);
    }
    Ok(written)
}
