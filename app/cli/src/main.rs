//! `archbook`: Archbook's command line, over the same core as the app.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

mod export;
mod output;
mod score;

use archbook_core::analysis::analyze;
use archbook_core::checklist::Checklist;
use archbook_core::content::{builtin_checklists, builtin_pitfalls, checklists_for};
use archbook_core::pitfall::Severity;
use archbook_core::Workbook;
use clap::{Parser, Subcommand, ValueEnum};
use output::{listed, plain};

#[derive(Parser)]
#[command(
    name = "archbook",
    version,
    about = "Architecture decision workbooks: check, score and export them."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Write the workbook as Markdown decision records (MADR 4.0) into a folder.
    Export {
        /// The workbook JSON file.
        file: PathBuf,
        /// The folder for the records, for example docs/decisions.
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
        /// Overwrite records that already exist.
        #[arg(long)]
        force: bool,
    },
    /// Review a workbook against the documented pitfalls and print the score.
    Score {
        /// The workbook JSON file.
        file: PathBuf,
        /// Text for people, JSON for tools.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        /// Exit with 1 when an unaccepted finding of this severity or higher remains.
        #[arg(long, value_enum, value_name = "SEVERITY")]
        fail_on: Option<Level>,
    },
    /// List every decision checklist with its questions and choices.
    Checklists {
        /// Also list the custom checklists stored in this workbook.
        #[arg(long, value_name = "FILE")]
        workbook: Option<PathBuf>,
    },
    /// Check that a workbook file is valid and print a summary of it.
    Validate {
        /// The workbook JSON file (as exported by the app).
        file: PathBuf,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Text,
    Json,
}

#[derive(Clone, Copy, ValueEnum)]
enum Level {
    High,
    Medium,
    Low,
}

impl From<Level> for Severity {
    fn from(l: Level) -> Severity {
        match l {
            Level::High => Severity::High,
            Level::Medium => Severity::Medium,
            Level::Low => Severity::Low,
        }
    }
}

/// Exit codes: 0 all good, 1 the check found something (`score --fail-on`),
/// 2 unreadable input, 3 `export` refused to write (a record exists and
/// `--force` was not given, or a target is a symbolic link or a folder),
/// 4 `export` could not write.
const UNREADABLE: u8 = 2;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Export { file, out, force } => {
            let wb = match read_workbook(&file) {
                Ok(wb) => wb,
                Err(message) => {
                    eprint!("{message}");
                    return ExitCode::from(UNREADABLE);
                }
            };
            match export::run(&wb, &out, force) {
                Ok(written) => {
                    for path in written {
                        println!("wrote {}", plain(&path.display().to_string()));
                    }
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    eprintln!("archbook: {}", e.message);
                    ExitCode::from(e.code)
                }
            }
        }
        Command::Score {
            file,
            format,
            fail_on,
        } => {
            let wb = match read_workbook(&file) {
                Ok(wb) => wb,
                Err(message) => {
                    eprint!("{message}");
                    return ExitCode::from(UNREADABLE);
                }
            };
            let checklists = checklists_for(&builtin_checklists(), &wb);
            let report = analyze(&wb, &builtin_pitfalls(), &checklists);
            match format {
                Format::Text => print!("{}", score::text(&wb, &report)),
                Format::Json => println!("{}", score::json(&wb, &report)),
            }
            match fail_on {
                Some(level) if report.open_at_least(level.into()) > 0 => ExitCode::from(1),
                _ => ExitCode::SUCCESS,
            }
        }
        Command::Checklists { workbook } => {
            let builtin = builtin_checklists();
            let all = match workbook {
                None => builtin,
                Some(path) => match read_workbook(&path) {
                    Ok(wb) => checklists_for(&builtin, &wb),
                    Err(message) => {
                        eprint!("{message}");
                        return ExitCode::from(UNREADABLE);
                    }
                },
            };
            print!("{}", describe_checklists(&all));
            ExitCode::SUCCESS
        }
        Command::Validate { file } => match read_workbook(&file) {
            Ok(wb) => {
                println!(
                    "{}: valid Archbook workbook \"{}\"",
                    plain(&file.display().to_string()),
                    plain(wb.display_title())
                );
                println!(
                    "  {} nodes, {} edges, {} decisions, {} accepted risks",
                    wb.graph.nodes.len(),
                    wb.graph.edges.len(),
                    wb.decisions.len(),
                    wb.accepted.len()
                );
                ExitCode::SUCCESS
            }
            Err(message) => {
                eprint!("{message}");
                ExitCode::from(UNREADABLE)
            }
        },
    }
}

/// The text of `archbook checklists`.
fn describe_checklists(all: &[Checklist]) -> String {
    let mut out = String::new();
    for (i, c) in all.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        // Numbered, so that no line starts with a custom checklist's text.
        out.push_str(&format!(
            "{}. {} ({})\n  {}\n",
            i + 1,
            plain(&c.title),
            c.id,
            plain(&c.decision)
        ));
        let options: Vec<&str> = c.options.iter().map(|o| o.id.as_str()).collect();
        out.push_str(&format!("  options: {}\n", options.join(", ")));
        for (n, q) in c.questions.iter().enumerate() {
            out.push_str(&format!("  {}. {} ({})\n", n + 1, plain(&q.prompt), q.id));
            for ch in &q.choices {
                out.push_str(&format!("       {}: {}\n", ch.id, plain(&ch.label)));
            }
        }
    }
    out
}

/// Reads and validates a workbook, or explains in full why it cannot. Reads
/// at most `archbook_core::read::MAX_BYTES` (so `/dev/zero` is refused, not
/// read forever), under the same reading rule as the app (a UTF-8 byte
/// order mark is fine, invalid bytes are refused with where they are).
/// Warnings (duplicate keys, ids no checklist knows) go to standard error.
fn read_workbook(path: &Path) -> Result<Workbook, String> {
    use std::io::Read;
    let name = plain(&path.display().to_string());
    let cannot = |e: &dyn std::fmt::Display| format!("archbook: cannot read {name}: {e}\n");
    let file = std::fs::File::open(path).map_err(|e| cannot(&e))?;
    if let Ok(meta) = file.metadata() {
        if meta.is_dir() {
            return Err(cannot(&"it is a folder, not a file"));
        }
        archbook_core::read::check_size(meta.len()).map_err(|e| cannot(&e))?;
    }
    let mut bytes = Vec::new();
    file.take(archbook_core::read::MAX_BYTES as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| cannot(&e))?;
    let text = archbook_core::read::text(&bytes).map_err(|e| cannot(&e))?;
    match archbook_core::content::read_incoming(text) {
        Ok(loaded) => {
            let warnings = loaded.warnings;
            if !warnings.is_empty() {
                let lines: Vec<String> = warnings.iter().map(|w| w.to_string()).collect();
                eprint!(
                    "archbook: warning: {name} has {} that Archbook does not read:\n{}",
                    match warnings.len() {
                        1 => "1 entry".to_owned(),
                        n => format!("{n} entries"),
                    },
                    listed(lines.iter().map(String::as_str), "warnings")
                );
            }
            Ok(loaded.workbook)
        }
        Err(e) => {
            let lines: Vec<String> = e.problems.iter().map(|p| p.to_string()).collect();
            Err(format!(
                "archbook: {name}: {}\n{}",
                e.summary(),
                listed(lines.iter().map(String::as_str), "problems")
            ))
        }
    }
}
