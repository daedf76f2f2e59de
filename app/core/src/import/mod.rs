//! Compose files and Kubernetes manifests as a service graph, with the
//! evidence for every component and edge.
//!
//! The files are read into format-neutral [`Component`]s (`compose`,
//! `kube`), then `infer` decides kinds, edges and traits from images,
//! settings and names, writing down why. What it cannot place is reported,
//! never guessed. `drift` compares a new import with a drawn graph.
//!
//! Pure: the caller reads the files (the CLI from disk, the app from a drop).

mod compose;
pub mod drift;
mod infer;
mod kube;
pub mod secrets;
mod yaml;

use std::fmt;

use serde_json::Value;

use crate::canvas::layout::layered;
use crate::workbook::{Graph, Workbook};

pub use yaml::MAX_FILE_BYTES;

/// One file to import.
#[derive(Debug, Clone, Copy)]
pub struct Source<'a> {
    pub name: &'a str,
    pub text: &'a str,
}

/// Why the files could not be imported: the file, and where in it.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportError {
    pub file: String,
    pub line: Option<u64>,
    pub column: Option<u64>,
    pub message: String,
}

impl ImportError {
    fn file(file: &str, message: impl Into<String>) -> Self {
        ImportError {
            file: file.to_owned(),
            line: None,
            column: None,
            message: message.into(),
        }
    }
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.line, self.column) {
            (Some(l), Some(c)) => write!(f, "{}:{l}:{c}: {}", self.file, self.message),
            (Some(l), None) => write!(f, "{}:{l}: {}", self.file, self.message),
            _ => write!(f, "{}: {}", self.file, self.message),
        }
    }
}

impl std::error::Error for ImportError {}

/// What the files were.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    Compose,
    Kubernetes,
}

impl FileKind {
    pub fn label(self) -> &'static str {
        match self {
            FileKind::Compose => "compose file",
            FileKind::Kubernetes => "Kubernetes manifests",
        }
    }
}

/// The result: a workbook to open, and what the import could not place.
#[derive(Debug, Clone)]
pub struct Imported {
    pub workbook: Workbook,
    pub report: Report,
}

/// Everything an import decided without drawing it, and everything it left
/// out. The components and edges, with their evidence, are in the graph.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Report {
    /// Each file, what it was, and how many documents it held.
    pub files: Vec<(String, FileKind, usize)>,
    /// Components that are not drawn, with why: tracing and metrics
    /// backends (their users get traits instead), developer tools.
    pub absorbed: Vec<String>,
    /// Settings that name something these files do not hold.
    pub unplaced: Vec<String>,
    /// Everything else worth knowing: unset variables, skipped objects,
    /// instance counts the files do not give.
    pub notes: Vec<String>,
}

/// A fact and where it was found.
#[derive(Debug, Clone, PartialEq)]
pub struct Fact<T> {
    pub value: T,
    pub evidence: String,
}

impl<T> Fact<T> {
    fn new(value: T, evidence: String) -> Self {
        Fact { value, evidence }
    }
}

/// A running thing found in the files: a compose service or a Kubernetes
/// workload, before its kind is decided.
#[derive(Debug, Clone, Default)]
pub struct Component {
    /// Its name in the files.
    pub key: String,
    pub namespace: String,
    /// "docker-compose.yml: services.api", for evidence.
    pub origin: String,
    pub image: Option<Fact<String>>,
    /// Built from source (compose `build`), with where it says so.
    pub built: Option<String>,
    pub replicas: Option<Fact<u32>>,
    /// Evidence that it is reachable from outside.
    pub published: Vec<String>,
    /// Environment: key, value, where.
    pub env: Vec<(String, String, String)>,
    /// Command and entrypoint words, for hints such as "worker".
    pub command: String,
    /// depends_on and links: the target's name, with where.
    pub links: Vec<Fact<String>>,
    /// Host names that reach it: its name, container and host names, network
    /// aliases, the Kubernetes Services that select it.
    pub aliases: Vec<String>,
    /// Kubernetes Services that select it, as evidence.
    pub services: Vec<String>,
    /// Images of sidecar containers.
    pub sidecars: Vec<String>,
    /// A Job or CronJob.
    pub job: bool,
}

impl Component {
    fn new(key: &str, _format: &str, file: &str, path: &str) -> Self {
        Component {
            key: key.to_owned(),
            namespace: "default".into(),
            origin: format!("{file}: {path}"),
            ..Component::default()
        }
    }
}

/// Notes gathered while reading, without repeats, in the order first made.
#[derive(Debug, Default)]
pub struct Notes {
    list: Vec<String>,
    seen: std::collections::HashSet<String>,
}

impl Notes {
    fn push(&mut self, note: String) {
        if self.seen.insert(note.clone()) {
            self.list.push(note);
        }
    }
}

/// Reads compose files (merged in the order given) or Kubernetes manifests
/// (one or several files), and infers the graph. `title` names the
/// workbook.
pub fn import(sources: &[Source], title: &str) -> Result<Imported, ImportError> {
    if sources.is_empty() {
        return Err(ImportError::file(
            "(no file)",
            "choose at least one compose file or manifest",
        ));
    }
    let mut compose: Vec<(String, Value)> = Vec::new();
    let mut manifests: Vec<(String, Value)> = Vec::new();
    let mut report = Report::default();
    for s in sources {
        let docs = yaml::documents(s.name, s.text)?;
        if docs.is_empty() {
            return Err(ImportError::file(s.name, "the file holds no YAML document"));
        }
        let kind = if docs.iter().all(compose::is_compose) && docs.len() == 1 {
            FileKind::Compose
        } else if docs.iter().all(kube::is_manifest) {
            FileKind::Kubernetes
        } else {
            let which = docs
                .iter()
                .position(|d| !kube::is_manifest(d) && !compose::is_compose(d))
                .unwrap_or(0);
            return Err(ImportError::file(
                s.name,
                format!(
                    "document {} is neither a compose file (a top-level `services` mapping) nor a Kubernetes object (`apiVersion` and `kind`)",
                    which + 1
                ),
            ));
        };
        report.files.push((s.name.to_owned(), kind, docs.len()));
        let target = match kind {
            FileKind::Compose => &mut compose,
            FileKind::Kubernetes => &mut manifests,
        };
        target.extend(docs.into_iter().map(|d| (s.name.to_owned(), d)));
    }
    if !compose.is_empty() && !manifests.is_empty() {
        return Err(ImportError::file(
            &manifests[0].0,
            "compose files and Kubernetes manifests describe the same system twice; import one kind at a time",
        ));
    }
    let mut notes = Notes::default();
    let read = if !compose.is_empty() {
        let files: Vec<(&str, &Value)> = compose.iter().map(|(f, d)| (f.as_str(), d)).collect();
        infer::Input {
            components: compose::read(&files, &mut notes)?,
            ..infer::Input::default()
        }
    } else {
        let files: Vec<(&str, &Value)> = manifests.iter().map(|(f, d)| (f.as_str(), d)).collect();
        let c = kube::read(&files, &mut notes);
        infer::Input {
            components: c.components,
            ingresses: c.ingresses,
            external_names: c.external_names,
            namespaces: c.namespaces,
        }
    };
    if read.components.is_empty() {
        return Err(ImportError::file(
            sources[0].name,
            "no service or workload found in the files",
        ));
    }
    // Refused before any inference, so that a file of 20,000 services is
    // answered at once rather than after a long wait.
    let found = read.components.len() + read.external_names.len();
    if let Err(e) = crate::limits::check_counts(found, 0) {
        return Err(too_large(sources, e));
    }
    let mut graph = infer::graph(read, &mut report);
    report.notes.extend(notes.list);
    let layout = layered(&graph);
    let _ = layout.apply(&mut graph);
    let mut workbook = Workbook::new(title);
    workbook.graph = Graph {
        nodes: graph.nodes,
        edges: graph.edges,
        ..Graph::default()
    };
    // Archbook never makes a workbook it would refuse to read back.
    crate::limits::check(&workbook).map_err(|e| too_large(sources, e))?;
    Ok(Imported { workbook, report })
}

fn too_large(sources: &[Source], e: crate::limits::Exceeded) -> ImportError {
    let files = match sources {
        [one] => one.name.to_owned(),
        [first, rest @ ..] => format!("{} (and {} more files)", first.name, rest.len()),
        [] => "(no file)".to_owned(),
    };
    ImportError::file(
        &files,
        format!("the import would make {e}; nothing was imported (import part of the system, for example one namespace or fewer files)"),
    )
}

/// Whether a file's name says it is YAML (a compose file or a manifest)
/// rather than a workbook.
pub fn is_yaml_file(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    lower.ends_with(".yaml") || lower.ends_with(".yml")
}

/// A title from the files: the folder they sit in, else the first file's name.
pub fn default_title(paths: &[&str]) -> String {
    const GENERIC: &[&str] = &[
        "docker-compose",
        "compose",
        "docker-compose.override",
        "compose.override",
        "kubernetes-manifests",
        "manifests",
        "k8s",
        "kubernetes",
        "deploy",
        "deployment",
        "all",
        "release",
    ];
    let Some(first) = paths.first() else {
        return "Imported system".to_owned();
    };
    let parts: Vec<&str> = first
        .split(['/', '\\'])
        .filter(|p| !p.is_empty() && *p != "." && *p != "..")
        .collect();
    let file = parts.last().copied().unwrap_or_default();
    let stem = file.rsplit_once('.').map_or(file, |(s, _)| s);
    let generic = GENERIC.contains(&stem.to_ascii_lowercase().as_str());
    // Several files, or a generic name: the folder says more, if there is one.
    let folder = parts.iter().rev().nth(1).copied();
    let name = match folder {
        Some(f) if generic || paths.len() > 1 => f,
        _ if generic => "",
        _ => stem,
    };
    if name.is_empty() {
        "Imported system".to_owned()
    } else {
        name.to_owned()
    }
}

/// The report as text, for the command line. Every name, value and piece
/// of evidence comes from the files, so each line is made one inert line
/// ([`crate::text::one_line`]): a line break in a service name cannot start
/// a line of its own that a CI runner would obey (`::error …`).
pub fn report_text(imported: &Imported) -> String {
    let g = &imported.workbook.graph;
    let r = &imported.report;
    let mut out = String::new();
    let mut line = |indent: usize, text: &str| {
        out.push_str(&" ".repeat(indent));
        out.push_str(&crate::text::one_line(text));
        out.push('\n');
    };
    for (file, kind, docs) in &r.files {
        line(
            0,
            &format!(
                "read {file}: {}, {docs} document{}",
                kind.label(),
                if *docs == 1 { "" } else { "s" }
            ),
        );
    }
    line(0, "");
    line(0, &format!("{} components:", g.nodes.len()));
    for n in &g.nodes {
        let replicas = n.replicas.map_or(String::new(), |r| {
            format!(", {r} instance{}", if r == 1 { "" } else { "s" })
        });
        let traits = if n.traits.is_empty() {
            String::new()
        } else {
            format!(", {}", n.traits.join(", "))
        };
        line(
            2,
            &format!(
                "{} ({}{replicas}{traits})",
                n.display_name(),
                n.kind.label()
            ),
        );
        for e in &n.evidence {
            line(6, e);
        }
    }
    line(0, "");
    line(0, &format!("{} edges:", g.edges.len()));
    let names: std::collections::HashMap<&str, &str> = g
        .nodes
        .iter()
        .map(|n| (n.id.as_str(), n.display_name()))
        .collect();
    let name = |id: &str| names.get(id).copied().unwrap_or(id).to_owned();
    for e in &g.edges {
        let style = match e.style {
            crate::EdgeStyle::Async => " (async)",
            crate::EdgeStyle::Sync => "",
        };
        let access = e.access.map_or(String::new(), |a| format!(" [{}]", a.id()));
        line(
            2,
            &format!("{} -> {}{style}{access}", name(&e.from), name(&e.to)),
        );
        for ev in &e.evidence {
            line(6, ev);
        }
    }
    for (title, list) in [
        ("Not drawn", &r.absorbed),
        ("Could not place", &r.unplaced),
        ("Notes", &r.notes),
    ] {
        if !list.is_empty() {
            line(0, "");
            line(0, &format!("{title}:"));
            for item in list.iter() {
                line(2, item);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::default_title;

    #[test]
    fn titles_come_from_the_folder_or_a_telling_file_name() {
        assert_eq!(
            default_title(&[
                "shop/docker-compose.yml",
                "shop/docker-compose.override.yml"
            ]),
            "shop"
        );
        assert_eq!(default_title(&["docker-compose.yml"]), "Imported system");
        assert_eq!(default_title(&["deploy/hotel/all.yaml"]), "hotel");
        assert_eq!(default_title(&["payments.yaml"]), "payments");
        assert_eq!(default_title(&[]), "Imported system");
    }
}
