//! The workbook file format, version 1 (see `shared/PRODUCT.md`).
//!
//! Every struct keeps the fields it does not know in `extra`, so that a file
//! written by a newer tool, or edited by hand, survives a load and save.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// The value of the `format` field of every workbook file.
pub const FORMAT: &str = "archbook-workbook";
/// The newest format version this build reads and the one it writes.
pub const CURRENT_VERSION: u64 = 2;

/// Fields this build does not know, kept verbatim.
pub type Extra = Map<String, Value>;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Workbook {
    /// Where editors find the file's JSON Schema (`archbook schema`); the
    /// app sets it on export and every load and save keeps it.
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    #[cfg_attr(feature = "schema", schemars(extend("const" = "archbook-workbook")))]
    pub format: String,
    #[cfg_attr(feature = "schema", schemars(extend("const" = 2)))]
    pub version: u64,
    #[serde(default, deserialize_with = "nullable::or_default")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
    pub title: String,
    #[serde(default)]
    pub context: Context,
    #[serde(default)]
    pub decisions: BTreeMap<String, Decision>,
    #[serde(default)]
    pub graph: Graph,
    #[serde(default)]
    pub accepted: Vec<AcceptedRisk>,
    /// Limits for the review's rules; absent means the documented defaults.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub thresholds: Option<Thresholds>,
    /// Checklists the team imported, used like the built-in ones.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub custom_checklists: Vec<CustomChecklist>,
    #[serde(flatten)]
    pub extra: Extra,
}

impl Workbook {
    /// An empty workbook with the given title.
    pub fn new(title: impl Into<String>) -> Self {
        Workbook {
            schema: None,
            format: FORMAT.to_owned(),
            version: CURRENT_VERSION,
            title: title.into(),
            context: Context::default(),
            decisions: BTreeMap::new(),
            graph: Graph::default(),
            accepted: Vec::new(),
            thresholds: None,
            custom_checklists: Vec::new(),
            extra: Extra::new(),
        }
    }

    /// The title to show, never empty.
    pub fn display_title(&self) -> &str {
        let t = self.title.trim();
        if t.is_empty() {
            "Untitled workbook"
        } else {
            t
        }
    }
}

/// What is being built and what "scale" means for it (step 1).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Context {
    /// The problem the system solves, in a few sentences.
    #[serde(
        default,
        deserialize_with = "nullable::or_default",
        skip_serializing_if = "String::is_empty"
    )]
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
    pub problem: String,
    /// People who build and run the system.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub team_size: Option<u32>,
    /// Independent teams among them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub teams: Option<u32>,
    /// Expected peak requests per second.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub peak_rps: Option<u64>,
    /// Data volume in gigabytes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub data_volume_gb: Option<f64>,
    /// p99 latency target in milliseconds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub p99_latency_ms: Option<u32>,
    /// Share of requests that are reads, 0 to 100.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub read_percent: Option<u8>,
    /// Business domains that need strong consistency.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub strong_consistency: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deploy_frequency: Option<DeployFrequency>,
    /// Forces that shape the decisions (MADR "decision drivers").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub drivers: Vec<String>,
    /// Recovery point objective: recent data that may be lost, in minutes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rpo_minutes: Option<u32>,
    /// Recovery time objective: how long the system may be down, in minutes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rto_minutes: Option<u32>,
    #[serde(flatten)]
    pub extra: Extra,
}

/// How often the team ships to production.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "kebab-case")]
pub enum DeployFrequency {
    OnDemand,
    Daily,
    Weekly,
    Monthly,
    Rarely,
}

crate::labelled!(DeployFrequency {
    OnDemand => "on-demand", "Several times a day";
    Daily => "daily", "About once a day";
    Weekly => "weekly", "About once a week";
    Monthly => "monthly", "About once a month";
    Rarely => "rarely", "A few times a year";
});

/// The state of one decision checklist.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Decision {
    /// Question id to choice id.
    #[serde(default)]
    pub answers: BTreeMap<String, String>,
    /// Questions marked "not applicable", with the reason.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub not_applicable: BTreeMap<String, String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<DecisionStatus>,
    /// The option the team chose when it differs from the recommendation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub chosen: Option<String>,
    /// Why the team chose differently from the recommendation.
    #[serde(
        default,
        deserialize_with = "nullable::or_default",
        skip_serializing_if = "String::is_empty"
    )]
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
    pub justification: String,
    /// The option in force when the decision was accepted: it stays the
    /// decision when later answers or context recommend another one, which
    /// is then reported rather than applied (see [`Decision::set_status`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub accepted_option: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub decision_makers: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub consulted: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub informed: Vec<String>,
    #[serde(
        default,
        deserialize_with = "nullable::or_default",
        skip_serializing_if = "String::is_empty"
    )]
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
    pub notes: String,
    /// When the decision was last changed, as YYYY-MM-DD (MADR's `date`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(regex(pattern = r"^\d{4}-\d{2}-\d{2}$")))]
    pub date: Option<String>,
    #[serde(flatten)]
    pub extra: Extra,
}

impl Decision {
    /// True when nothing has been recorded, so the entry can be dropped.
    pub fn is_empty(&self) -> bool {
        *self == Decision::default()
    }

    /// Sets the status. Accepting pins the option in force (`in_force`: the
    /// team's choice or the recommendation at that moment), so that later
    /// answers cannot change an accepted decision behind the team's back;
    /// any other status releases it.
    pub fn set_status(&mut self, status: Option<DecisionStatus>, in_force: Option<&str>) {
        self.status = status;
        self.accepted_option = match status {
            Some(DecisionStatus::Accepted) => {
                self.chosen.clone().or_else(|| in_force.map(str::to_owned))
            }
            _ => None,
        };
    }

    /// Re-decides an accepted decision on the option now recommended.
    pub fn accept_again(&mut self, option: &str) {
        self.chosen = None;
        self.justification.clear();
        self.accepted_option = Some(option.to_owned());
    }
}

/// MADR statuses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "kebab-case")]
pub enum DecisionStatus {
    Proposed,
    Accepted,
    Rejected,
    Deprecated,
    Superseded,
}

crate::labelled!(DecisionStatus {
    Proposed => "proposed", "Proposed";
    Accepted => "accepted", "Accepted";
    Rejected => "rejected", "Rejected";
    Deprecated => "deprecated", "Deprecated";
    Superseded => "superseded", "Superseded";
});

/// A checklist a team added to its workbook, kept as the Markdown it wrote.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct CustomChecklist {
    /// The file name it was imported from, for messages.
    pub file: String,
    pub markdown: String,
    #[serde(flatten)]
    pub extra: Extra,
}

/// The service graph (step 3).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Graph {
    #[serde(default)]
    pub nodes: Vec<Node>,
    #[serde(default)]
    pub edges: Vec<Edge>,
    /// Free text placed on the canvas for people (a reminder, a question
    /// for the workshop). Drawn and exported; the review never reads them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<Note>,
    #[serde(flatten)]
    pub extra: Extra,
}

/// A note on the canvas: text at a place.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Note {
    pub id: String,
    #[serde(default)]
    pub text: String,
    pub x: f64,
    pub y: f64,
    #[serde(flatten)]
    pub extra: Extra,
}

impl Graph {
    /// Each node's position in `nodes`, by id: one pass, for passes over the
    /// edges that look up both ends (linear, not a scan per edge).
    pub fn positions(&self) -> std::collections::HashMap<&str, usize> {
        self.nodes
            .iter()
            .enumerate()
            .map(|(i, n)| (n.id.as_str(), i))
            .collect()
    }

    /// The name shown for the node `id`; empty when there is no such node.
    pub fn name_of(&self, id: &str) -> &str {
        self.nodes
            .iter()
            .find(|n| n.id == id)
            .map_or("", Node::display_name)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Node {
    #[cfg_attr(feature = "schema", schemars(length(min = 1)))]
    pub id: String,
    #[serde(default, deserialize_with = "nullable::or_default")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
    pub name: String,
    pub kind: NodeKind,
    /// Number of instances; absent means not stated (the review asks).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(range(min = 1)))]
    pub replicas: Option<u32>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub traits: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub team: Option<String>,
    /// The id of the component this one belongs to (a worker that is part
    /// of its API): components of one service may share a store without a
    /// `shared-datastore` finding.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub part_of: Option<String>,
    /// Position on the canvas (graph coordinates); absent until placed.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        serialize_with = "whole_if_possible"
    )]
    pub x: Option<f64>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        serialize_with = "whole_if_possible"
    )]
    pub y: Option<f64>,
    /// Why the node is in the graph, when it was imported from compose files
    /// or manifests (`import`): where it was found and why it has its kind,
    /// instances and traits. Empty for nodes drawn by hand.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<String>,
    #[serde(flatten)]
    pub extra: Extra,
}

impl Node {
    /// A new node of `kind` at a position.
    pub fn new(id: impl Into<String>, name: impl Into<String>, kind: NodeKind) -> Self {
        Node {
            id: id.into(),
            name: name.into(),
            kind,
            replicas: None,
            traits: Vec::new(),
            team: None,
            part_of: None,
            x: None,
            y: None,
            evidence: Vec::new(),
            extra: Extra::new(),
        }
    }

    /// The number of instances, or one when none was stated.
    pub fn replicas(&self) -> u32 {
        self.replicas.unwrap_or(1)
    }

    /// The component it belongs to: its `part_of`, else itself.
    pub fn owner(&self) -> &str {
        self.part_of.as_deref().unwrap_or(&self.id)
    }

    pub fn has_trait(&self, t: &str) -> bool {
        self.traits.iter().any(|x| x == t)
    }

    /// The name to show, falling back to the id.
    pub fn display_name(&self) -> &str {
        if self.name.trim().is_empty() {
            &self.id
        } else {
            &self.name
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "kebab-case")]
pub enum NodeKind {
    Client,
    Frontend,
    Gateway,
    LoadBalancer,
    Service,
    Worker,
    Database,
    Cache,
    Queue,
    Cdn,
    ObjectStorage,
    Search,
    External,
}

crate::labelled!(NodeKind {
    Client => "client", "Client";
    Frontend => "frontend", "Frontend";
    Gateway => "gateway", "API gateway";
    LoadBalancer => "load-balancer", "Load balancer";
    Service => "service", "Service";
    Worker => "worker", "Worker";
    Database => "database", "Database";
    Cache => "cache", "Cache";
    Queue => "queue", "Queue / broker";
    Cdn => "cdn", "CDN";
    ObjectStorage => "object-storage", "Object storage";
    Search => "search", "Search index";
    External => "external", "External API";
});

impl NodeKind {
    /// Stores that hold data: databases, caches, object storage and search indexes.
    pub fn is_data_store(self) -> bool {
        matches!(
            self,
            NodeKind::Database | NodeKind::Cache | NodeKind::ObjectStorage | NodeKind::Search
        )
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Edge {
    pub from: String,
    pub to: String,
    #[serde(default, deserialize_with = "nullable::or_default")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<EdgeStyle>"))]
    pub style: EdgeStyle,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub access: Option<Access>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// Why the edge exists, when it was imported: the settings that name
    /// its target, or the naming convention it was inferred from.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<String>,
    #[serde(flatten)]
    pub extra: Extra,
}

impl Edge {
    /// A synchronous edge with no access and no label.
    pub fn new(from: impl Into<String>, to: impl Into<String>) -> Self {
        Edge {
            from: from.into(),
            to: to.into(),
            style: EdgeStyle::Sync,
            access: None,
            label: None,
            evidence: Vec::new(),
            extra: Extra::new(),
        }
    }
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "kebab-case")]
pub enum EdgeStyle {
    #[default]
    Sync,
    Async,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "kebab-case")]
pub enum Access {
    Read,
    Write,
    ReadWrite,
}

impl Access {
    /// As the workbook file writes it.
    pub fn id(self) -> &'static str {
        match self {
            Access::Read => "read",
            Access::Write => "write",
            Access::ReadWrite => "read-write",
        }
    }
}

/// Limits used by the review's rules, each with a documented default.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Thresholds {
    /// Longest acceptable chain of synchronous calls (`sync-chain-depth`).
    #[serde(
        default = "defaults::sync_chain_depth",
        deserialize_with = "nullable::sync_chain_depth"
    )]
    #[cfg_attr(feature = "schema", schemars(with = "Option<u32>"))]
    pub sync_chain_depth: u32,
    /// Most synchronous calls one component may make (`sync-fan-out`).
    #[serde(
        default = "defaults::sync_fan_out",
        deserialize_with = "nullable::sync_fan_out"
    )]
    #[cfg_attr(feature = "schema", schemars(with = "Option<u32>"))]
    pub sync_fan_out: u32,
    /// Most components one team can operate (`component-sprawl`).
    #[serde(
        default = "defaults::components_per_team",
        deserialize_with = "nullable::components_per_team"
    )]
    #[cfg_attr(feature = "schema", schemars(with = "Option<u32>"))]
    pub components_per_team: u32,
    /// Most deployed services for one small team (`premature-microservices`).
    #[serde(
        default = "defaults::services_per_small_team",
        deserialize_with = "nullable::services_per_small_team"
    )]
    #[cfg_attr(feature = "schema", schemars(with = "Option<u32>"))]
    pub services_per_small_team: u32,
    /// Share of reads above which databases count as read-heavy (`uncached-read-path`).
    #[serde(
        default = "defaults::read_heavy_percent",
        deserialize_with = "nullable::read_heavy_percent"
    )]
    #[cfg_attr(feature = "schema", schemars(with = "Option<u32>"))]
    pub read_heavy_percent: u32,
    #[serde(flatten)]
    pub extra: Extra,
}

mod defaults {
    pub fn sync_chain_depth() -> u32 {
        3
    }
    pub fn sync_fan_out() -> u32 {
        3
    }
    pub fn components_per_team() -> u32 {
        8
    }
    pub fn services_per_small_team() -> u32 {
        3
    }
    pub fn read_heavy_percent() -> u32 {
        70
    }
}

impl Thresholds {
    /// Fewer people than this make a small team: service boundaries,
    /// deployment platform and `premature-microservices` all use it.
    pub const SMALL_TEAM: u32 = 10;

    /// The placeholders content files use for thresholds (`{read_heavy_percent}`),
    /// with their default values: each threshold is stated once, here.
    pub fn placeholders() -> [(&'static str, u32); 6] {
        let d = Thresholds::default();
        [
            ("sync_chain_depth", d.sync_chain_depth),
            ("sync_fan_out", d.sync_fan_out),
            ("components_per_team", d.components_per_team),
            ("services_per_small_team", d.services_per_small_team),
            ("read_heavy_percent", d.read_heavy_percent),
            ("small_team", Thresholds::SMALL_TEAM),
        ]
    }

    /// This workbook's value of the threshold a placeholder names.
    pub fn value(&self, placeholder: &str) -> Option<u32> {
        Some(match placeholder {
            "sync_chain_depth" => self.sync_chain_depth,
            "sync_fan_out" => self.sync_fan_out,
            "components_per_team" => self.components_per_team,
            "services_per_small_team" => self.services_per_small_team,
            "read_heavy_percent" => self.read_heavy_percent,
            "small_team" => Thresholds::SMALL_TEAM,
            _ => return None,
        })
    }

    /// `text` with every `{placeholder}` replaced by its default value.
    pub fn expand(text: &str) -> std::borrow::Cow<'_, str> {
        if !text.contains('{') {
            return std::borrow::Cow::Borrowed(text);
        }
        let mut out = text.to_owned();
        for (name, value) in Thresholds::placeholders() {
            out = out.replace(&format!("{{{name}}}"), &value.to_string());
        }
        std::borrow::Cow::Owned(out)
    }
}

impl Default for Thresholds {
    fn default() -> Self {
        Thresholds {
            sync_chain_depth: defaults::sync_chain_depth(),
            sync_fan_out: defaults::sync_fan_out(),
            components_per_team: defaults::components_per_team(),
            services_per_small_team: defaults::services_per_small_team(),
            read_heavy_percent: defaults::read_heavy_percent(),
            extra: Extra::new(),
        }
    }
}

/// Writes 40.0 as 40, so positions stay as people (and diffs) expect them.
fn whole_if_possible<S: serde::Serializer>(v: &Option<f64>, s: S) -> Result<S::Ok, S::Error> {
    match v {
        Some(f) if f.fract() == 0.0 && f.abs() < 9.0e15 => s.serialize_i64(*f as i64),
        Some(f) => s.serialize_f64(*f),
        None => s.serialize_none(),
    }
}

/// A finding the team accepted as a known risk, for some or all of the
/// components it names, with the reason.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct AcceptedRisk {
    pub rule: String,
    /// Which of the rule's problems (a store, an external API, a decision's
    /// risk); absent covers every problem of the rule.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
    /// The components accepted. A component added later with the same
    /// problem is not covered, and shows as open.
    #[serde(default)]
    pub nodes: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub edges: Vec<String>,
    /// For findings about a decision: its checklist id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decision: Option<String>,
    #[serde(default, deserialize_with = "nullable::or_default")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
    pub reason: String,
    #[serde(flatten)]
    pub extra: Extra,
}

impl AcceptedRisk {
    /// Whether this acceptance is about the finding of `rule`, `group` and
    /// `decision` (which of its components it covers is `nodes`).
    pub fn matches(&self, rule: &str, group: Option<&str>, decision: Option<&str>) -> bool {
        self.rule == rule
            && self.decision.as_deref() == decision
            && (self.group.is_none() || self.group.as_deref() == group)
    }
}

impl Workbook {
    /// Whether nothing has been typed, drawn or answered yet.
    pub fn is_blank(&self) -> bool {
        self.title.trim().is_empty()
            && self.context == Workbook::new("").context
            && self.graph.nodes.is_empty()
            && self.decisions.is_empty()
            && self.custom_checklists.is_empty()
    }

    /// Accepts the finding of `rule`, `group` and `decision` for `parts`
    /// (all of its components, or some), with `reason`. Parts accepted
    /// before keep their own reason.
    pub fn accept_risk(
        &mut self,
        rule: &str,
        group: Option<&str>,
        decision: Option<&str>,
        parts: &[impl AsRef<str>],
        reason: String,
    ) {
        self.accepted.push(AcceptedRisk {
            rule: rule.to_owned(),
            group: group.map(str::to_owned),
            nodes: parts.iter().map(|n| n.as_ref().to_owned()).collect(),
            edges: vec![],
            decision: decision.map(str::to_owned),
            reason,
            extra: Extra::new(),
        });
    }

    /// Takes back the acceptance of `parts` of the finding (all of it when
    /// `parts` holds every accepted component). Entries left with no
    /// component are removed; a finding without components is reopened
    /// whole.
    pub fn reopen_risk(
        &mut self,
        rule: &str,
        group: Option<&str>,
        decision: Option<&str>,
        parts: &[impl AsRef<str>],
    ) {
        self.accepted.retain_mut(|a| {
            if !a.matches(rule, group, decision) {
                return true;
            }
            if parts.is_empty() {
                return false;
            }
            let had = a.nodes.len();
            a.nodes
                .retain(|n| !parts.iter().any(|p| p.as_ref() == n.as_str()));
            had == a.nodes.len() || !a.nodes.is_empty()
        });
    }
}

/// The format's rule that an optional field set to null is absent (as
/// `load` reads it), for fields whose absence means a default value.
mod nullable {
    use serde::{Deserialize, Deserializer};

    pub fn or_default<'de, D, T>(d: D) -> Result<T, D::Error>
    where
        D: Deserializer<'de>,
        T: Deserialize<'de> + Default,
    {
        Ok(Option::<T>::deserialize(d)?.unwrap_or_default())
    }

    macro_rules! thresholds {
        ($($name:ident),*) => {$(
            pub fn $name<'de, D: Deserializer<'de>>(d: D) -> Result<u32, D::Error> {
                Ok(Option::<u32>::deserialize(d)?.unwrap_or_else(super::defaults::$name))
            }
        )*};
    }
    thresholds!(
        sync_chain_depth,
        sync_fan_out,
        components_per_team,
        services_per_small_team,
        read_heavy_percent
    );
}

/// The JSON Schema (draft 2020-12) of the workbook file this Archbook
/// writes, derived from these types: editors validate a committed
/// `workbook.json` with it as it is typed (`"$schema"` in the file).
/// `load` checks more than a schema can say (that edges name existing
/// components, that ids are unique, that dates exist).
#[cfg(feature = "schema")]
pub fn schema() -> serde_json::Value {
    let mut s = serde_json::to_value(schemars::schema_for!(Workbook)).expect("a schema serializes");
    s["title"] = "Archbook workbook".into();
    s["description"] = format!(
        "An Archbook workbook file, format version {CURRENT_VERSION}: context, decisions, \
         service graph and accepted risks. Written by the Archbook app and its command line."
    )
    .into();
    s
}
