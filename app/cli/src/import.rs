//! `archbook import`: compose files or Kubernetes manifests (files or
//! folders) to a workbook, with the import report.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use archbook_core::import::{default_title, import, report_text, Source};

use crate::output::plain;

/// How deep folders are searched for manifests.
const MAX_DEPTH: usize = 6;
/// How many files one import reads.
const MAX_FILES: usize = 500;

/// The YAML files a folder holds, sorted, at most `MAX_DEPTH` levels down.
/// Only plain files are read: symbolic links are not followed (one could
/// lead out of the folder), and pipes, sockets and devices are skipped (a
/// pipe named `x.yml` would block the read for ever). What was skipped is
/// said in `skipped`.
fn yaml_files(
    dir: &Path,
    depth: usize,
    out: &mut Vec<PathBuf>,
    skipped: &mut Vec<String>,
) -> std::io::Result<()> {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)?
        .flatten()
        .map(|e| e.path())
        .collect();
    entries.sort();
    for p in entries {
        let meta = std::fs::symlink_metadata(&p)?;
        let yaml = matches!(p.extension().and_then(|e| e.to_str()), Some("yaml" | "yml"));
        if meta.is_dir() {
            if depth < MAX_DEPTH {
                yaml_files(&p, depth + 1, out, skipped)?;
            }
        } else if !yaml {
        } else if meta.file_type().is_symlink() {
            skipped.push(format!(
                "{} is a symbolic link, not followed",
                plain(&p.display().to_string())
            ));
        } else if !meta.is_file() {
            skipped.push(format!(
                "{} is not a plain file (a pipe or a device), not read",
                plain(&p.display().to_string())
            ));
        } else {
            out.push(p);
        }
    }
    Ok(())
}

pub fn run(paths: &[PathBuf], out: Option<&Path>, title: Option<&str>, force: bool) -> ExitCode {
    const UNREADABLE: u8 = 2;
    let mut files = Vec::new();
    let mut skipped = Vec::new();
    for p in paths {
        if p.is_dir() {
            let before = files.len();
            if let Err(e) = yaml_files(p, 0, &mut files, &mut skipped) {
                eprintln!(
                    "archbook: cannot read the folder {}: {e}",
                    plain(&p.display().to_string())
                );
                return ExitCode::from(UNREADABLE);
            }
            if files.len() == before {
                eprintln!(
                    "archbook: {} holds no .yaml or .yml file",
                    plain(&p.display().to_string())
                );
                return ExitCode::from(UNREADABLE);
            }
        } else {
            files.push(p.clone());
        }
    }
    if files.len() > MAX_FILES {
        eprintln!(
            "archbook: {} files is more than the {MAX_FILES} one import reads",
            files.len()
        );
        return ExitCode::from(UNREADABLE);
    }
    for s in &skipped {
        eprintln!("archbook: skipped {s}");
    }
    let mut texts = Vec::new();
    for f in &files {
        match crate::files::read_text(f) {
            Ok(t) => texts.push(t),
            Err(message) => {
                eprint!("{message}");
                return ExitCode::from(UNREADABLE);
            }
        }
    }
    let names: Vec<String> = files.iter().map(|f| f.display().to_string()).collect();
    let sources: Vec<Source> = names
        .iter()
        .zip(&texts)
        .map(|(name, text)| Source { name, text })
        .collect();
    let refs: Vec<&str> = names.iter().map(String::as_str).collect();
    let title = title.map_or_else(|| default_title(&refs), str::to_owned);
    let imported = match import(&sources, &title) {
        Ok(i) => i,
        Err(e) => {
            eprintln!("archbook: {}", plain(&e.to_string()));
            return ExitCode::from(UNREADABLE);
        }
    };
    // Every line is already one inert line (core's report_text).
    let report = report_text(&imported);
    let json = archbook_core::to_json(&imported.workbook);
    match out {
        None => {
            print!("{report}");
            println!("\nNothing was written: add --out WORKBOOK.json to write the workbook (--out - for standard output).");
        }
        Some(p) if p == Path::new("-") => {
            eprint!("{report}");
            println!("{json}");
        }
        Some(p) => {
            let dir = match p.parent() {
                Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
                _ => PathBuf::from("."),
            };
            print!("{report}");
            match crate::export::write_all(
                &dir,
                vec![(p.to_path_buf(), format!("{json}\n"))],
                force,
            ) {
                Ok(_) => println!(
                    "\nwrote {} ({} components, {} edges)",
                    plain(&p.display().to_string()),
                    imported.workbook.graph.nodes.len(),
                    imported.workbook.graph.edges.len()
                ),
                Err(f) => {
                    eprintln!("archbook: {}", f.message);
                    return ExitCode::from(f.code);
                }
            }
        }
    }
    ExitCode::SUCCESS
}
