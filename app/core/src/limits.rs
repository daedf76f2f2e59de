//! The one set of limits a workbook lives within, and the check every door
//! uses: reading a file, importing compose files or manifests, pasting,
//! duplicating, templates, undo. An operation that would take a workbook past
//! them is refused before it changes anything, with the numbers, so that
//! Archbook never writes a file it would refuse to read back.
//!
//! The limits are a promise about speed as much as memory: every step of the
//! app opens in about a second at [`MAX_NODES`] components and
//! [`MAX_EDGES`] connections on a modest laptop.

use std::fmt;

use crate::read::{size, MAX_BYTES};
use crate::thousands;
use crate::workbook::{Graph, Workbook};

/// The largest graph Archbook supports: far beyond any system a team draws
/// or reviews in a workshop (real ones have tens of components, large
/// estates a few hundred), and small enough that every step of the app opens
/// in about a second on a modest laptop.
pub const MAX_NODES: usize = 1_000;
/// Connections a supported graph may have (five per component on average).
pub const MAX_EDGES: usize = 5_000;

/// What a limit counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Measure {
    Components,
    Connections,
    /// The workbook written as a file, in bytes.
    FileSize,
}

/// A limit that an operation would pass: what, how much, and the most
/// allowed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Exceeded {
    pub measure: Measure,
    pub would_be: usize,
    pub max: usize,
}

impl fmt::Display for Exceeded {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.measure {
            Measure::Components => write!(
                f,
                "{} components, and a workbook holds at most {}",
                thousands(self.would_be),
                thousands(self.max)
            ),
            Measure::Connections => write!(
                f,
                "{} connections, and a workbook holds at most {}",
                thousands(self.would_be),
                thousands(self.max)
            ),
            Measure::FileSize => write!(
                f,
                "a workbook file of {}, and Archbook reads files of up to {}",
                size(self.would_be as u64),
                size(self.max as u64)
            ),
        }
    }
}

impl std::error::Error for Exceeded {}

/// Whether a graph of this many components and connections is within the
/// limits.
pub fn check_counts(nodes: usize, edges: usize) -> Result<(), Exceeded> {
    if nodes > MAX_NODES {
        return Err(Exceeded {
            measure: Measure::Components,
            would_be: nodes,
            max: MAX_NODES,
        });
    }
    if edges > MAX_EDGES {
        return Err(Exceeded {
            measure: Measure::Connections,
            would_be: edges,
            max: MAX_EDGES,
        });
    }
    Ok(())
}

/// Whether a graph is within the count limits.
pub fn check_graph(g: &Graph) -> Result<(), Exceeded> {
    check_counts(g.nodes.len(), g.edges.len())
}

/// Whether a workbook is within every limit, its size as a file included
/// (written as [`crate::to_json`] writes it).
pub fn check(wb: &Workbook) -> Result<(), Exceeded> {
    check_graph(&wb.graph)?;
    check_file_size(crate::to_json(wb).len())
}

/// Whether a file of this many bytes can be read back.
pub fn check_file_size(bytes: usize) -> Result<(), Exceeded> {
    if bytes > MAX_BYTES {
        return Err(Exceeded {
            measure: Measure::FileSize,
            would_be: bytes,
            max: MAX_BYTES,
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_give_the_numbers() {
        assert_eq!(
            check_counts(1_001, 0).unwrap_err().to_string(),
            "1,001 components, and a workbook holds at most 1,000"
        );
        assert_eq!(
            check_counts(10, 5_001).unwrap_err().to_string(),
            "5,001 connections, and a workbook holds at most 5,000"
        );
        assert_eq!(
            check_file_size(6 * 1024 * 1024).unwrap_err().to_string(),
            "a workbook file of 6.0 MB, and Archbook reads files of up to 5.0 MB"
        );
        assert!(check_counts(MAX_NODES, MAX_EDGES).is_ok());
    }
}
