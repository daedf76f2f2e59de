//! `archbook`: Archbook's command line, over the same core as the app.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

mod export;
mod files;
mod import;
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
    /// Write the workbook as Markdown decision records into a folder.
    Export {
        /// The workbook JSON file.
        file: PathBuf,
        /// The folder for the records, for example docs/decisions.
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
        /// Overwrite records that already exist.
        #[arg(long)]
        force: bool,
        /// The layout: MADR 4.0 (front matter) or log4brains' (a list under the title).
        #[arg(long, value_enum, default_value_t = RecordFormat::Madr)]
        format: RecordFormat,
        /// The date of records whose decision has none, YYYY-MM-DD (default: today, UTC).
        #[arg(long, value_name = "DATE")]
        date: Option<String>,
    },
    /// Review a workbook against the documented pitfalls and print the score.
    Score {
        /// The workbook JSON file.
        file: PathBuf,
        /// Text for people, JSON for tools, SARIF 2.1.0 for code scanning.
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
    /// Turn docker-compose files or Kubernetes manifests into a workbook,
    /// with the evidence for every component and edge.
    Import {
        /// Compose files (merged in the order given, as docker compose -f does),
        /// or Kubernetes manifests: files or folders of .yaml/.yml files.
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
        /// Where to write the workbook (- for standard output). Without it,
        /// only the import report is printed.
        #[arg(long, value_name = "WORKBOOK.json")]
        out: Option<PathBuf>,
        /// The workbook's title (default: the folder or file name).
        #[arg(long, value_name = "TITLE")]
        title: Option<String>,
        /// Replace the --out file if it exists.
        #[arg(long)]
        force: bool,
    },
    /// Check that a workbook file is valid and print a summary of it.
    Validate {
        /// The workbook JSON file (as exported by the app).
        file: PathBuf,
    },
    /// Print the JSON Schema of the workbook file, for editors: point a
    /// workbook's "$schema" at a copy of it.
    Schema,
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Text,
    Json,
    Sarif,
}

#[derive(Clone, Copy, ValueEnum)]
enum RecordFormat {
    Madr,
    Log4brains,
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
    quiet_on_closed_pipe();
    let cli = Cli::parse();
    match cli.command {
        Command::Export {
            file,
            out,
            force,
            format,
            date,
        } => {
            let wb = match read_workbook(&file) {
                Ok((wb, _)) => wb,
                Err(message) => {
                    eprint!("{message}");
                    return ExitCode::from(UNREADABLE);
                }
            };
            let date = match date {
                Some(d) => match archbook_core::check_date(&d) {
                    Ok(()) => d,
                    Err(why) => {
                        eprintln!("archbook: --date: {}", plain(&why));
                        return ExitCode::from(UNREADABLE);
                    }
                },
                None => today(),
            };
            let options = archbook_core::export::Options {
                first: 1,
                date,
                flavour: match format {
                    RecordFormat::Madr => archbook_core::export::Flavour::Madr,
                    RecordFormat::Log4brains => archbook_core::export::Flavour::Log4brains,
                },
                numbers: Vec::new(),
            };
            match export::run(&wb, &out, force, &options) {
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
            let (wb, text) = match read_workbook(&file) {
                Ok(read) => read,
                Err(message) => {
                    eprint!("{message}");
                    return ExitCode::from(UNREADABLE);
                }
            };
            let checklists = checklists_for(&builtin_checklists(), &wb);
            let pitfalls = builtin_pitfalls();
            let report = analyze(&wb, &pitfalls, &checklists);
            match format {
                Format::Text => print!("{}", score::text(&wb, &report)),
                Format::Json => println!("{}", score::json(&wb, &report)),
                Format::Sarif => {
                    let uri = score::artifact_uri(&file);
                    println!("{}", score::sarif(&wb, &report, &pitfalls, &uri, &text))
                }
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
                    Ok((wb, _)) => checklists_for(&builtin, &wb),
                    Err(message) => {
                        eprint!("{message}");
                        return ExitCode::from(UNREADABLE);
                    }
                },
            };
            print!("{}", describe_checklists(&all));
            ExitCode::SUCCESS
        }
        Command::Import {
            files,
            out,
            title,
            force,
        } => import::run(&files, out.as_deref(), title.as_deref(), force),
        Command::Schema => {
            let schema = archbook_core::workbook::schema();
            println!(
                "{}",
                serde_json::to_string_pretty(&schema).expect("a schema serializes")
            );
            ExitCode::SUCCESS
        }
        Command::Validate { file } => match read_workbook(&file) {
            Ok((wb, _)) => {
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

/// Rust ignores SIGPIPE, so that writing to a closed pipe is an error, and
/// `println!` turns that error into a panic with a backtrace
/// (`archbook score … | head -1`). A command line tool should end quietly
/// instead, as `cat` does: the default action ends the process with the
/// conventional status 141, and nothing is printed.
fn quiet_on_closed_pipe() {
    #[cfg(unix)]
    // SAFETY: called first thing in main, before any thread exists; it only
    // changes how the process reacts to one signal.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
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
fn read_workbook(path: &Path) -> Result<(Workbook, String), String> {
    let name = plain(&path.display().to_string());
    let text = files::read_text(path)?;
    let text = text.as_str();
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
            Ok((loaded.workbook, text.to_owned()))
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

/// Today's date (UTC) as YYYY-MM-DD, from the system clock.
fn today() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    date_of_day((secs / 86_400) as i64)
}

/// The civil date of a day number since 1970-01-01 (Howard Hinnant's
/// `civil_from_days`).
fn date_of_day(days: i64) -> String {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}

#[cfg(test)]
mod tests {
    #[test]
    fn day_numbers_become_calendar_dates() {
        assert_eq!(super::date_of_day(0), "1970-01-01");
        assert_eq!(super::date_of_day(19_782), "2024-02-29");
        assert_eq!(super::date_of_day(20_791), "2026-12-04");
    }
}
