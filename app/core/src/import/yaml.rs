//! YAML documents with limits: a file too large, a Helm template, an alias
//! bomb or a syntax error is an [`ImportError`] naming the file, the line
//! and the column, found in bounded time and memory.

use serde_json::Value;

use super::ImportError;

/// The largest file read (a compose file or a manifest bundle is a few
/// hundred kilobytes at most).
pub const MAX_FILE_BYTES: usize = 5 * 1024 * 1024;

/// Every YAML document of a file, empty ones left out.
pub fn documents(file: &str, text: &str) -> Result<Vec<Value>, ImportError> {
    if text.len() > MAX_FILE_BYTES {
        return Err(ImportError::file(
            file,
            format!(
                "the file is {} MB; the largest file Archbook imports is {} MB",
                text.len().div_ceil(1024 * 1024),
                MAX_FILE_BYTES / (1024 * 1024)
            ),
        ));
    }
    if let Some((line, column)) = template_placeholder(text) {
        return Err(ImportError {
            file: file.to_owned(),
            line: Some(line),
            column: Some(column),
            message: "this is a template ({{ … }} placeholders, as Helm writes them), not a manifest: render it first (helm template …) and import the output".into(),
        });
    }
    let mut options = serde_saphyr::Options::default();
    let mut budget = serde_saphyr::Budget::default();
    // Far above any real file, far below what exhausts a browser tab.
    budget.max_nodes = 200_000;
    budget.max_events = 400_000;
    budget.max_aliases = 5_000;
    budget.max_documents = 2_000;
    // Merge keys (`<<: *x`) copy what they name: a chain that doubles at
    // each step costs seconds before a larger cap trips. Compose files use
    // a handful.
    budget.max_merge_keys = 500;
    options.budget = Some(budget);
    options.alias_limits.max_total_replayed_events = 400_000;
    let docs: Vec<Value> =
        serde_saphyr::from_multiple_with_options(text, options).map_err(|e| {
            let location = e.location();
            ImportError {
                file: file.to_owned(),
                line: location.map(|l| l.line()),
                column: location.map(|l| l.column()),
                message: message_of(&e),
            }
        })?;
    Ok(docs.into_iter().filter(|d| !d.is_null()).collect())
}

/// The parser's message without its own position prefix and source snippet
/// (the caller prints the position its own way).
fn message_of(e: &serde_saphyr::Error) -> String {
    let text = e.without_snippet().to_string();
    let first = text.lines().next().unwrap_or_default();
    let first = first.strip_prefix("error: ").unwrap_or(first);
    // "line 3 column 4: unclosed bracket" → "unclosed bracket"
    let message = match first.split_once(": ") {
        Some((head, rest)) if head.starts_with("line ") => rest,
        _ => first,
    };
    match message {
        m if (m.contains("budget breached: Nodes") || m.contains("budget breached: Events"))
            && !m.contains("used at") =>
        {
            format!(
                "the file holds more YAML values than Archbook reads in one file (200,000); split it, or import part of the system: {m}"
            )
        }
        m if m.contains("budget breached") => format!(
            "the file expands to far more data than a manifest holds (YAML aliases repeated over and over?): {m}"
        ),
        m => m.to_owned(),
    }
}

/// The line and column (1-based) of the first `{{` outside a comment.
fn template_placeholder(text: &str) -> Option<(u64, u64)> {
    for (n, line) in text.lines().enumerate() {
        if line.trim_start().starts_with('#') {
            continue;
        }
        if let Some(at) = line.find("{{") {
            let column = line[..at].chars().count() + 1;
            return Some((n as u64 + 1, column as u64));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn syntax_errors_name_the_line_and_column() {
        let e = documents("a.yaml", "a: 1\n---\nb: [1, 2\n").unwrap_err();
        assert_eq!((e.line, e.column), (Some(3), Some(4)), "{e}");
        assert!(e.to_string().starts_with("a.yaml:3:4: "), "{e}");
        assert!(e.message.contains("bracket"), "{e}");
    }

    #[test]
    fn helm_templates_are_named_as_such() {
        let e = documents(
            "t.yaml",
            "# {{ fine in a comment }}\nimage: {{ .Values.image }}\n",
        )
        .unwrap_err();
        assert_eq!((e.line, e.column), (Some(2), Some(8)));
        assert!(e.message.contains("helm template"), "{e}");
    }

    #[test]
    fn alias_bombs_stop_early() {
        let mut text = String::from(
            "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n",
        );
        let names = ["a", "b", "c", "d", "e", "f", "g", "h", "i"];
        for w in names.windows(2) {
            let refs = vec![format!("*{}", w[0]); 9].join(",");
            text.push_str(&format!("{}: &{} [{refs}]\n", w[1], w[1]));
        }
        let e = documents("bomb.yaml", &text).unwrap_err();
        assert!(e.message.contains("expands to far more data"), "{e}");
    }

    #[test]
    fn empty_documents_are_left_out() {
        let docs = documents("m.yaml", "---\nkind: A\n---\n---\nkind: B\n").unwrap();
        assert_eq!(docs.len(), 2);
    }
}
