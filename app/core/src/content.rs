//! The checklists shipped with Archbook, embedded at build time from
//! `content/checklists/`. The `content` tests parse every one of them and fail
//! with the file and line of any problem.

use crate::checklist::{parse, Checklist, ContentErrors};
use crate::workbook::Workbook;

/// The example workbook offered on first run: a realistic system with
/// answers, a graph, open findings and an accepted risk.
pub const EXAMPLE_WORKBOOK: &str = include_str!("../../../content/examples/checkout-platform.json");

/// (file name, Markdown) of every built-in checklist, in the order they are shown.
pub const CHECKLIST_FILES: &[(&str, &str)] = &[
    (
        "service-boundaries.md",
        include_str!("../../../content/checklists/service-boundaries.md"),
    ),
    (
        "event-driven.md",
        include_str!("../../../content/checklists/event-driven.md"),
    ),
    (
        "caching.md",
        include_str!("../../../content/checklists/caching.md"),
    ),
    (
        "database-scaling.md",
        include_str!("../../../content/checklists/database-scaling.md"),
    ),
    (
        "cqrs-event-sourcing.md",
        include_str!("../../../content/checklists/cqrs-event-sourcing.md"),
    ),
    (
        "consistency.md",
        include_str!("../../../content/checklists/consistency.md"),
    ),
    (
        "deployment-platform.md",
        include_str!("../../../content/checklists/deployment-platform.md"),
    ),
    (
        "api-security.md",
        include_str!("../../../content/checklists/api-security.md"),
    ),
    (
        "observability.md",
        include_str!("../../../content/checklists/observability.md"),
    ),
    (
        "resilience.md",
        include_str!("../../../content/checklists/resilience.md"),
    ),
    (
        "delivery.md",
        include_str!("../../../content/checklists/delivery.md"),
    ),
    (
        "data-store.md",
        include_str!("../../../content/checklists/data-store.md"),
    ),
    (
        "availability.md",
        include_str!("../../../content/checklists/availability.md"),
    ),
    (
        "api-style.md",
        include_str!("../../../content/checklists/api-style.md"),
    ),
    (
        "authorisation.md",
        include_str!("../../../content/checklists/authorisation.md"),
    ),
];

/// (file name, Markdown) of every pitfall, one per rule of `analysis`.
pub const PITFALL_FILES: &[(&str, &str)] = &[
    (
        "shared-datastore.md",
        include_str!("../../../content/pitfalls/shared-datastore.md"),
    ),
    (
        "sync-chain-depth.md",
        include_str!("../../../content/pitfalls/sync-chain-depth.md"),
    ),
    (
        "sync-cycle.md",
        include_str!("../../../content/pitfalls/sync-cycle.md"),
    ),
    (
        "sync-fan-out.md",
        include_str!("../../../content/pitfalls/sync-fan-out.md"),
    ),
    (
        "uncached-read-path.md",
        include_str!("../../../content/pitfalls/uncached-read-path.md"),
    ),
    (
        "single-point-of-failure.md",
        include_str!("../../../content/pitfalls/single-point-of-failure.md"),
    ),
    (
        "unprotected-entry.md",
        include_str!("../../../content/pitfalls/unprotected-entry.md"),
    ),
    (
        "missing-observability.md",
        include_str!("../../../content/pitfalls/missing-observability.md"),
    ),
    (
        "premature-microservices.md",
        include_str!("../../../content/pitfalls/premature-microservices.md"),
    ),
    (
        "non-idempotent-consumer.md",
        include_str!("../../../content/pitfalls/non-idempotent-consumer.md"),
    ),
    (
        "eventual-consistency-risk.md",
        include_str!("../../../content/pitfalls/eventual-consistency-risk.md"),
    ),
    (
        "stateful-service.md",
        include_str!("../../../content/pitfalls/stateful-service.md"),
    ),
    (
        "cache-without-expiry.md",
        include_str!("../../../content/pitfalls/cache-without-expiry.md"),
    ),
    (
        "component-sprawl.md",
        include_str!("../../../content/pitfalls/component-sprawl.md"),
    ),
    (
        "fragile-external-call.md",
        include_str!("../../../content/pitfalls/fragile-external-call.md"),
    ),
    (
        "decision-graph-mismatch.md",
        include_str!("../../../content/pitfalls/decision-graph-mismatch.md"),
    ),
    (
        "decision-risk.md",
        include_str!("../../../content/pitfalls/decision-risk.md"),
    ),
    (
        "outdated-decision.md",
        include_str!("../../../content/pitfalls/outdated-decision.md"),
    ),
    (
        "store-without-backup.md",
        include_str!("../../../content/pitfalls/store-without-backup.md"),
    ),
    (
        "exposed-sensitive-data.md",
        include_str!("../../../content/pitfalls/exposed-sensitive-data.md"),
    ),
    (
        "sync-call-to-queue-worker.md",
        include_str!("../../../content/pitfalls/sync-call-to-queue-worker.md"),
    ),
    (
        "missing-dead-letter.md",
        include_str!("../../../content/pitfalls/missing-dead-letter.md"),
    ),
];

/// Every pitfall, parsed.
///
/// # Panics
/// When a shipped file is broken; the tests make sure none is.
pub fn builtin_pitfalls() -> Vec<crate::pitfall::Pitfall> {
    PITFALL_FILES
        .iter()
        .map(|(file, src)| {
            crate::pitfall::parse(file, src).unwrap_or_else(|e| panic!("broken pitfall:\n{e}"))
        })
        .collect()
}

/// Every built-in checklist, parsed.
///
/// # Panics
/// When a shipped file is broken; the tests make sure none is.
pub fn builtin_checklists() -> Vec<Checklist> {
    CHECKLIST_FILES
        .iter()
        .map(|(file, src)| {
            parse(file, src).unwrap_or_else(|e| panic!("broken built-in checklist:\n{e}"))
        })
        .collect()
}

/// The built-in checklists followed by the workbook's own, skipping custom
/// ones that no longer parse (they were validated when imported) and custom
/// ones whose id repeats an earlier checklist.
pub fn checklists_for(builtin: &[Checklist], wb: &Workbook) -> Vec<Checklist> {
    let mut all = builtin.to_vec();
    for c in &wb.custom_checklists {
        if let Ok(parsed) = parse(&c.file, &c.markdown) {
            if !all.iter().any(|x| x.id == parsed.id) {
                all.push(parsed);
            }
        }
    }
    all
}

/// Validates a checklist a team wants to add to a workbook.
pub fn check_custom(
    builtin: &[Checklist],
    wb: &Workbook,
    file: &str,
    markdown: &str,
) -> Result<Checklist, ContentErrors> {
    let parsed = parse(file, markdown)?;
    let taken = builtin
        .iter()
        .map(|c| (&c.id, "a built-in checklist"))
        .chain(
            wb.custom_checklists
                .iter()
                .filter_map(|c| parse(&c.file, &c.markdown).ok())
                .filter(|c| c.id == parsed.id)
                .map(|_| (&parsed.id, "a checklist already in this workbook")),
        );
    for (id, what) in taken {
        if *id == parsed.id {
            return Err(ContentErrors(vec![crate::checklist::ContentError {
                file: file.to_owned(),
                line: 1,
                message: format!(
                    "the id \"{id}\" is already used by {what}; give this checklist its own id"
                ),
            }]));
        }
    }
    Ok(parsed)
}

/// A workbook that arrives from elsewhere (an import, a share link, the
/// command line): loaded, with every warning about what it says that
/// Archbook does not read (duplicate keys, ids no checklist knows).
pub fn read_incoming(text: &str) -> Result<crate::Loaded, crate::LoadError> {
    let mut loaded = crate::load_with_warnings(text)?;
    let checklists = checklists_for(&builtin_checklists(), &loaded.workbook);
    loaded
        .warnings
        .extend(unknown_ids(&loaded.workbook, &checklists));
    Ok(loaded)
}

/// What a workbook says about decisions that no checklist knows: a decision,
/// question, choice or option id that matches nothing (a typo, or content
/// renamed since), and accepted risks of rules the review does not have.
/// Such entries are kept, as the format promises, but they do nothing, so
/// the person who wrote them is told.
pub fn unknown_ids(wb: &Workbook, checklists: &[Checklist]) -> Vec<crate::Problem> {
    let mut out = Vec::new();
    let mut warn = |path: String, message: String| {
        out.push(crate::Problem {
            kind: crate::ProblemKind::Warning,
            path,
            message,
        })
    };
    let ids = |list: Vec<&str>| list.join(", ");
    for (id, d) in &wb.decisions {
        let p = format!("$.decisions{}", crate::load::key_path(id));
        let Some(c) = checklists.iter().find(|c| c.id == *id) else {
            warn(
                p,
                format!(
                    "no checklist has the id \"{id}\" (the checklists are: {}); this entry is kept but not read",
                    ids(checklists.iter().map(|c| c.id.as_str()).collect())
                ),
            );
            continue;
        };
        let questions = || ids(c.questions.iter().map(|q| q.id.as_str()).collect());
        for (q, a) in &d.answers {
            let path = format!("{p}.answers{}", crate::load::key_path(q));
            match c.question(q) {
                None => warn(
                    path,
                    format!(
                        "the checklist \"{id}\" has no question \"{q}\" (it asks: {}); this answer is not read",
                        questions()
                    ),
                ),
                Some(question) if question.choice(a).is_none() => warn(
                    path,
                    format!(
                        "the question \"{q}\" has no choice \"{a}\" (it offers: {}); the question counts as unanswered",
                        ids(question.choices.iter().map(|c| c.id.as_str()).collect())
                    ),
                ),
                Some(_) => {}
            }
        }
        for q in d.not_applicable.keys() {
            if c.question(q).is_none() {
                warn(
                    format!("{p}.not_applicable{}", crate::load::key_path(q)),
                    format!(
                        "the checklist \"{id}\" has no question \"{q}\" (it asks: {})",
                        questions()
                    ),
                );
            }
        }
        if let Some(chosen) = &d.chosen {
            if c.option(chosen).is_none() {
                warn(
                    format!("{p}.chosen"),
                    format!(
                        "the checklist \"{id}\" has no option \"{chosen}\" (its options are: {}); the recommendation stands",
                        ids(c.options.iter().map(|o| o.id.as_str()).collect())
                    ),
                );
            }
        }
    }
    let rules = crate::analysis::rule_ids();
    for (i, a) in wb.accepted.iter().enumerate() {
        if !rules.contains(&a.rule.as_str()) {
            warn(
                format!("$.accepted[{i}].rule"),
                format!(
                    "the review has no rule \"{}\"; this accepted risk matches no finding",
                    a.rule
                ),
            );
        }
    }
    out
}
