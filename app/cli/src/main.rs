//! `archbook`: Archbook's command line, over the same core as the app.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use archbook_core::{load, Workbook};
use clap::{Parser, Subcommand};

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
    /// Check that a workbook file is valid and print a summary of it.
    Validate {
        /// The workbook JSON file (as exported by the app).
        file: PathBuf,
    },
}

/// Exit codes: 0 all good, 1 the check found something, 2 unreadable input.
const UNREADABLE: u8 = 2;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Validate { file } => match read_workbook(&file) {
            Ok(wb) => {
                println!(
                    "{}: valid Archbook workbook \"{}\"",
                    file.display(),
                    wb.display_title()
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

/// Reads and validates a workbook, or explains in full why it cannot.
fn read_workbook(path: &Path) -> Result<Workbook, String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("archbook: cannot read {}: {e}\n", path.display()))?;
    load(&text).map_err(|e| {
        let mut out = format!("archbook: {}: {}\n", path.display(), e.summary());
        for p in &e.problems {
            out.push_str(&format!("  {p}\n"));
        }
        out
    })
}
