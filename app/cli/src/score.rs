//! The two outputs of `archbook score`: text for people, JSON for tools.

use archbook_core::analysis::{Finding, Report};
use archbook_core::pitfall::Severity;
use archbook_core::Workbook;
use serde_json::{json, Value};
use std::collections::HashMap;

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

pub fn text(wb: &Workbook, r: &Report) -> String {
    let names = Names::of(wb);
    // No user value starts a line: a CI system reads "::error …" at the
    // start of a line as a command.
    let mut out = format!(
        "Score {}/100 for \"{}\"\n",
        r.overall,
        plain(wb.display_title())
    );
    let cats: Vec<String> = r
        .categories
        .iter()
        .map(|(c, s)| format!("{} {s}", c.id()))
        .collect();
    out.push_str(&format!("  {}\n", cats.join("  ")));
    let open: Vec<&Finding> = r.findings.iter().filter(|f| f.accepted.is_none()).collect();
    let accepted: Vec<&Finding> = r.findings.iter().filter(|f| f.accepted.is_some()).collect();
    for f in &open {
        out.push_str(&format!(
            "\n{:<7} {}  {}\n",
            f.severity.id().to_uppercase(),
            f.rule,
            plain(&f.message)
        ));
        if !f.nodes.is_empty() {
            let names: Vec<&str> = f.nodes.iter().map(|id| names.get(id)).collect();
            out.push_str(&format!("        nodes: {}\n", plain(&names.join(", "))));
        }
        out.push_str(&format!("        fix: {}\n", first_line(&f.fix)));
    }
    for f in &accepted {
        out.push_str(&format!(
            "\nACCEPTED {} ({})  {}\n        reason: {}\n",
            f.rule,
            f.severity.id(),
            plain(&f.message),
            plain(f.accepted.as_deref().unwrap_or(""))
        ));
    }
    out.push_str(&format!(
        "\n{} open findings ({} high, {} medium, {} low), {} accepted.\n",
        open.len(),
        r.open(Severity::High),
        r.open(Severity::Medium),
        r.open(Severity::Low),
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
    let findings: Vec<Value> = r
        .findings
        .iter()
        .map(|f| {
            json!({
                "rule": f.rule,
                "severity": f.severity.id(),
                "category": f.category.id(),
                "title": &*f.title,
                "message": f.message,
                "nodes": f.nodes.iter().map(|id| json!({ "id": &**id, "name": names.get(id) })).collect::<Vec<_>>(),
                "edges": f.edges.iter().map(|(a, b)| json!({ "from": &**a, "to": &**b })).collect::<Vec<_>>(),
                "decision": f.decision,
                "fix": &*f.fix,
                "accepted": f.accepted.is_some(),
                "reason": f.accepted,
            })
        })
        .collect();
    serde_json::to_string_pretty(&json!({
        "title": wb.display_title(),
        "score": r.overall,
        "categories": categories,
        "findings": findings,
    }))
    .expect("the report serializes")
}
