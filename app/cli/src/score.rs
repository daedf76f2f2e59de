//! The outputs of `archbook score`: text for people, JSON for tools, and
//! SARIF 2.1.0 for code scanning.

use std::collections::HashMap;

use archbook_core::analysis::{Finding, Report};
use archbook_core::pitfall::{Pitfall, Severity};
use archbook_core::Workbook;
use serde_json::{json, Value};

use crate::output::plain;

/// Display names by node id, looked up once per finding node (a large
/// graph's findings can name thousands of nodes).
struct Names<'a>(HashMap<&'a str, &'a str>);

impl<'a> Names<'a> {
    fn of(wb: &'a Workbook) -> Self {
        Names(
            wb.graph
                .nodes
                .iter()
                .map(|n| (n.id.as_str(), n.display_name()))
                .collect(),
        )
    }

    fn get<'b>(&self, id: &'b str) -> &'b str
    where
        'a: 'b,
    {
        self.0.get(id).copied().unwrap_or(id)
    }
}

/// First paragraph of a Markdown text, as plain text on one line.
fn first_line(md: &str) -> String {
    let para = md.split("\n\n").next().unwrap_or("");
    para.lines()
        .map(|l| l.trim_start_matches("- ").trim())
        .collect::<Vec<_>>()
        .join(" ")
}

fn label(f: &Finding) -> String {
    if f.question {
        "QUESTION".to_owned()
    } else {
        f.severity.id().to_uppercase()
    }
}

pub fn text(wb: &Workbook, r: &Report) -> String {
    let names = Names::of(wb);
    // No user value starts a line: a CI system reads "::error …" at the
    // start of a line as a command.
    let mut out = format!(
        "Score {}/100 (grade {}) for \"{}\", {} components reviewed\n",
        r.overall,
        r.grade(),
        plain(wb.display_title()),
        r.reviewed
    );
    let cats: Vec<String> = r
        .categories
        .iter()
        .map(|(c, s)| format!("{} {s}", c.id()))
        .collect();
    out.push_str(&format!("  {}\n", cats.join("  ")));
    let open: Vec<&Finding> = r.findings.iter().filter(|f| f.is_open()).collect();
    let accepted: Vec<&Finding> = r.findings.iter().filter(|f| !f.is_open()).collect();
    for f in &open {
        out.push_str(&format!(
            "\n{:<8} {}  {}\n         {}\n",
            label(f),
            f.rule,
            plain(&f.title),
            plain(&f.message)
        ));
        if !f.accepted_parts.is_empty() {
            let parts: Vec<&str> = f.accepted_parts.iter().map(|(p, _)| names.get(p)).collect();
            out.push_str(&format!(
                "         accepted for: {}\n",
                plain(&parts.join(", "))
            ));
        }
        if !f.question {
            out.push_str(&format!("         fix: {}\n", plain(&first_line(&f.fix))));
        }
    }
    for f in &accepted {
        out.push_str(&format!(
            "\nACCEPTED {} ({})  {}\n         reason: {}\n",
            f.rule,
            f.severity.id(),
            plain(&f.message),
            plain(f.accepted.as_deref().unwrap_or(""))
        ));
    }
    let questions = open.iter().filter(|f| f.question).count();
    out.push_str(&format!(
        "\n{} open findings ({} high, {} medium, {} low{}), {} accepted.\n",
        open.len() - questions,
        r.findings
            .iter()
            .filter(|f| f.is_open() && !f.question && f.severity == Severity::High)
            .count(),
        r.findings
            .iter()
            .filter(|f| f.is_open() && !f.question && f.severity == Severity::Medium)
            .count(),
        r.findings
            .iter()
            .filter(|f| f.is_open() && !f.question && f.severity == Severity::Low)
            .count(),
        match questions {
            0 => String::new(),
            1 => "; 1 question".to_owned(),
            n => format!("; {n} questions"),
        },
        accepted.len()
    ));
    out
}

pub fn json(wb: &Workbook, r: &Report) -> String {
    let categories: serde_json::Map<String, Value> = r
        .categories
        .iter()
        .map(|(c, s)| (c.id().to_owned(), json!(s)))
        .collect();
    let names = Names::of(wb);
    let node = |id: &str| json!({ "id": id, "name": names.get(id) });
    let findings: Vec<Value> = r
        .findings
        .iter()
        .map(|f| {
            json!({
                "rule": f.rule,
                "severity": f.severity.id(),
                "category": f.category.id(),
                "question": f.question,
                "group": f.group.as_deref(),
                "decision": f.decision,
                "title": &*f.title,
                "message": f.message,
                "nodes": f.parts.iter().map(|id| node(id)).collect::<Vec<_>>(),
                "open_nodes": f.open_parts().map(|id| node(id)).collect::<Vec<_>>(),
                "involved": f.nodes.iter().map(|id| node(id)).collect::<Vec<_>>(),
                "edges": f.edges.iter().map(|(a, b)| json!({ "from": &**a, "to": &**b })).collect::<Vec<_>>(),
                "fix": &*f.fix,
                "sources": f.sources,
                "accepted": !f.is_open(),
                "reason": f.accepted,
                "accepted_nodes": f.accepted_parts.iter().map(|(id, reason)| json!({ "id": &**id, "name": names.get(id), "reason": reason })).collect::<Vec<_>>(),
            })
        })
        .collect();
    serde_json::to_string_pretty(&json!({
        "title": wb.display_title(),
        "score": r.overall,
        "grade": r.grade().to_string(),
        "reviewed": r.reviewed,
        "categories": categories,
        "findings": findings,
    }))
    .expect("the report serializes")
}

/// Where SARIF says the workbook is. Inside the current folder (a
/// repository's root, in CI) a relative reference against `%SRCROOT%`, so
/// code hosts can place the results on the file; elsewhere an absolute
/// `file://` URI. Either is percent-encoded.
pub fn artifact_uri(file: &std::path::Path) -> ArtifactUri {
    use percent_encoding::{utf8_percent_encode, AsciiSet, CONTROLS};
    // What a path segment of a URI reference may not hold unescaped.
    const SEGMENT: &AsciiSet = &CONTROLS
        .add(b' ')
        .add(b'"')
        .add(b'#')
        .add(b'%')
        .add(b'<')
        .add(b'>')
        .add(b'?')
        .add(b'`')
        .add(b'{')
        .add(b'}')
        .add(b'[')
        .add(b']')
        .add(b'^')
        .add(b'|')
        .add(b'\\');
    let absolute = std::fs::canonicalize(file).unwrap_or_else(|_| file.to_path_buf());
    let here = std::env::current_dir().and_then(std::fs::canonicalize);
    if let Some(inside) = here
        .ok()
        .and_then(|h| absolute.strip_prefix(h).ok().map(|p| p.to_path_buf()))
    {
        let segments: Vec<String> = inside
            .components()
            .map(|c| utf8_percent_encode(&c.as_os_str().to_string_lossy(), SEGMENT).to_string())
            .collect();
        return ArtifactUri {
            uri: segments.join("/"),
            relative: true,
        };
    }
    match url::Url::from_file_path(&absolute) {
        Ok(u) => ArtifactUri {
            uri: u.to_string(),
            relative: false,
        },
        // Not absolute after all (canonicalize failed on a path that
        // vanished): its text, with forward slashes.
        Err(()) => ArtifactUri {
            uri: file
                .to_string_lossy()
                .replace('\\', "/")
                .trim_start_matches('/')
                .to_owned(),
            relative: true,
        },
    }
}

/// A SARIF artifact location: `relative` ones are against `%SRCROOT%`.
pub struct ArtifactUri {
    pub uri: String,
    pub relative: bool,
}

impl ArtifactUri {
    fn location(&self) -> Value {
        if self.relative {
            json!({ "uri": self.uri, "uriBaseId": "%SRCROOT%" })
        } else {
            json!({ "uri": self.uri })
        }
    }
}

/// SARIF 2.1.0 for code scanning: one result per finding, with the rule's
/// texts from its pitfall file, located at the line of the workbook that
/// declares its first component (or the decision). Accepted findings carry
/// a suppression with the team's reason, so code hosts show them as
/// dismissed rather than hide them.
pub fn sarif(
    wb: &Workbook,
    r: &Report,
    pitfalls: &[Pitfall],
    uri: &ArtifactUri,
    text: &str,
) -> String {
    let names = Names::of(wb);
    let mut rules: Vec<&str> = r.findings.iter().map(|f| f.rule).collect();
    rules.sort_unstable();
    rules.dedup();
    let level = |s: Severity| match s {
        Severity::High => "error",
        Severity::Medium => "warning",
        Severity::Low => "note",
    };
    let rule_json: Vec<Value> = rules
        .iter()
        .map(|id| {
            let p = pitfalls.iter().find(|p| p.id == *id);
            let name: String = id
                .split('-')
                .map(archbook_core::markdown::capitalise)
                .collect();
            json!({
                "id": id,
                "name": name,
                "shortDescription": { "text": p.map_or(id.to_string(), |p| p.title.to_string()) },
                "fullDescription": { "text": p.map_or(String::new(), |p| first_line(&p.why)) },
                "help": {
                    "text": p.map_or(String::new(), |p| format!("{}\n\n{}", p.why, p.fix)),
                    "markdown": p.map_or(String::new(), |p| format!("## Why it hurts\n\n{}\n\n## How to fix it\n\n{}", p.why, p.fix)),
                },
                "defaultConfiguration": { "level": level(p.map_or(Severity::Medium, |p| p.severity)) },
                "properties": {
                    "category": p.map_or("", |p| p.category.id()),
                    "tags": ["architecture", p.map_or("", |p| p.category.id())],
                },
            })
        })
        .collect();
    let line_of = |needle: &str| -> usize {
        text.find(needle)
            .map(|i| text[..i].matches('\n').count() + 1)
            .unwrap_or(1)
    };
    let mut artifact_location = uri.location();
    artifact_location["index"] = json!(0);
    let results: Vec<Value> = r
        .findings
        .iter()
        .map(|f| {
            let line = match (f.parts.first(), &f.decision) {
                (Some(id), _) => line_of(&format!("\"id\": {}", serde_json::to_string(&**id).unwrap_or_default())),
                (None, Some(d)) => line_of(&format!("{}:", serde_json::to_string(d).unwrap_or_default())),
                _ => 1,
            };
            let mut result = json!({
                "ruleId": f.rule,
                "ruleIndex": rules.iter().position(|x| *x == f.rule).unwrap_or(0),
                "level": if f.question { "note" } else { level(f.severity) },
                "message": { "text": format!("{}: {}", f.title, f.message) },
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": artifact_location.clone(),
                        "region": { "startLine": line },
                    },
                    "logicalLocations": f.parts.iter().map(|id| json!({ "name": names.get(id), "fullyQualifiedName": &**id, "kind": "module" })).collect::<Vec<_>>(),
                }],
                "partialFingerprints": { "archbookFinding/v1": f.key().replace(['\u{1f}', '\u{1e}'], "/") },
                "properties": { "category": f.category.id(), "question": f.question },
            });
            if let Some(reason) = &f.accepted {
                result["suppressions"] = json!([{ "kind": "external", "status": "accepted", "justification": reason }]);
            }
            result
        })
        .collect();
    serde_json::to_string_pretty(&json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": {
                "name": "archbook",
                "version": env!("CARGO_PKG_VERSION"),
                "rules": rule_json,
            } },
            "artifacts": [{ "location": uri.location(), "mimeType": "application/json" }],
            "results": results,
        }],
    }))
    .expect("the report serializes")
}
