//! The shipped checklists: they parse, they are complete, every option can be
//! recommended, and a table of answer sets gives the expected outcomes.

use std::collections::BTreeMap;

use archbook_core::checklist::{evaluate, parse, Checklist, Confidence, Origin, RiskLevel};
use archbook_core::content::{builtin_checklists, CHECKLIST_FILES};
use archbook_core::{Context, Decision};

const CASES: &str = include_str!("../../../tests/fixtures/checklist-cases.txt");

/// The decisions the product brief asks for, by id, then the ones teams
/// expect next (issue 18).
const REQUIRED: &[&str] = &[
    "service-boundaries",
    "event-driven",
    "caching",
    "database-scaling",
    "cqrs-event-sourcing",
    "consistency",
    "deployment-platform",
    "api-security",
    "observability",
    "resilience",
    "delivery",
    "data-store",
    "availability",
    "api-style",
    "authorisation",
];

#[test]
fn every_file_in_content_checklists_is_shipped() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../content/checklists");
    let mut on_disk: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.ends_with(".md"))
        .collect();
    on_disk.sort();
    let mut shipped: Vec<String> = CHECKLIST_FILES.iter().map(|(f, _)| f.to_string()).collect();
    shipped.sort();
    assert_eq!(
        shipped, on_disk,
        "content::CHECKLIST_FILES and content/checklists/ differ"
    );
}

#[test]
fn every_shipped_checklist_parses() {
    let errors: Vec<String> = CHECKLIST_FILES
        .iter()
        .filter_map(|(file, src)| parse(&format!("content/checklists/{file}"), src).err())
        .map(|e| e.to_string())
        .collect();
    assert!(errors.is_empty(), "broken checklists:\n{}", errors.concat());
}

#[test]
fn every_decision_of_the_brief_is_shipped_in_order() {
    let ids: Vec<String> = builtin_checklists().into_iter().map(|c| c.id).collect();
    assert_eq!(ids, REQUIRED);
}

#[test]
fn file_names_match_checklist_ids() {
    for ((file, _), c) in CHECKLIST_FILES.iter().zip(builtin_checklists()) {
        assert_eq!(*file, format!("{}.md", c.id));
    }
}

#[test]
fn every_checklist_is_substantial_and_cites_its_sources() {
    for c in builtin_checklists() {
        assert!(c.questions.len() >= 3, "{}: at least three questions", c.id);
        assert!(c.options.len() >= 2, "{}: at least two options", c.id);
        for q in &c.questions {
            assert!(
                q.help.len() >= 60,
                "{}/{}: help text that teaches",
                c.id,
                q.id
            );
            assert!(
                !q.sources.is_empty(),
                "{}/{}: cite a source in the help text",
                c.id,
                q.id
            );
        }
        for o in &c.options {
            assert!(
                !o.pros.is_empty() && !o.cons.is_empty(),
                "{}/{}: pros and cons",
                c.id,
                o.id
            );
            assert!(
                !o.sources.is_empty(),
                "{}/{}: cite a source in the description",
                c.id,
                o.id
            );
            for p in o.pros.iter().chain(&o.cons) {
                assert!(
                    !p.sources.is_empty(),
                    "{}/{}: \"{}\" cites no source",
                    c.id,
                    o.id,
                    p.text
                );
            }
        }
        for r in &c.rules {
            assert!(
                !r.sources.is_empty(),
                "{} line {}: the rationale cites no source",
                c.id,
                r.line
            );
        }
        assert!(!c.sources.is_empty(), "{}: sources", c.id);
    }
}

/// Every full combination of answers (each question answered).
fn all_answer_sets(c: &Checklist) -> Vec<BTreeMap<String, String>> {
    let mut sets = vec![BTreeMap::new()];
    for q in &c.questions {
        sets = sets
            .into_iter()
            .flat_map(|s| {
                q.choices.iter().map(move |ch| {
                    let mut s = s.clone();
                    s.insert(q.id.clone(), ch.id.clone());
                    s
                })
            })
            .collect();
    }
    sets
}

#[test]
fn every_option_can_be_recommended_and_every_rule_can_fire() {
    let ctx = Context::default();
    for c in builtin_checklists() {
        let mut options = BTreeMap::new();
        let mut rules = BTreeMap::new();
        for answers in all_answer_sets(&c) {
            let d = Decision {
                answers,
                ..Default::default()
            };
            let o = evaluate(&c, &d, &ctx);
            *options
                .entry(o.recommended.unwrap().id.clone())
                .or_insert(0) += 1;
            *rules.entry(o.rule.unwrap().line).or_insert(0) += 1;
        }
        for opt in &c.options {
            assert!(
                options.contains_key(&opt.id),
                "{}: no answers recommend \"{}\"",
                c.id,
                opt.id
            );
        }
        // The default rule may be covered by the others for full answers; it
        // still serves partial ones.
        for r in c.rules.iter().filter(|r| !r.is_default()) {
            assert!(
                rules.contains_key(&r.line),
                "{}: the rule at line {} never fires (an earlier rule covers it)",
                c.id,
                r.line
            );
        }
    }
}

/// `checklist | q=choice q=choice | context k=v | option | risk [| confidence]`
#[test]
fn the_answer_table_gives_the_expected_outcomes() {
    let checklists = builtin_checklists();
    let mut per_checklist: BTreeMap<&str, usize> = BTreeMap::new();
    let mut failures: Vec<String> = Vec::new();
    for (n, line) in CASES.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let cols: Vec<&str> = line.split('|').map(str::trim).collect();
        assert!(
            cols.len() >= 5,
            "checklist-cases.txt:{}: five columns expected",
            n + 1
        );
        let c = checklists
            .iter()
            .find(|c| c.id == cols[0])
            .unwrap_or_else(|| panic!("line {}: unknown checklist", n + 1));
        *per_checklist.entry(cols[0]).or_default() += 1;
        let mut d = Decision::default();
        for pair in cols[1].split_whitespace().filter(|p| *p != "-") {
            let (q, ch) = pair.split_once('=').unwrap();
            assert!(
                c.question(q).and_then(|q| q.choice(ch)).is_some(),
                "line {}: {q}={ch} does not exist",
                n + 1
            );
            d.answers.insert(q.into(), ch.into());
        }
        let mut ctx = Context::default();
        for pair in cols[2].split_whitespace().filter(|p| *p != "-") {
            let (k, v) = pair.split_once('=').unwrap();
            match k {
                "team_size" => ctx.team_size = v.parse().ok(),
                "teams" => ctx.teams = v.parse().ok(),
                "peak_rps" => ctx.peak_rps = v.parse().ok(),
                "read_percent" => ctx.read_percent = v.parse().ok(),
                "data_volume_gb" => ctx.data_volume_gb = v.parse().ok(),
                "rpo_minutes" => ctx.rpo_minutes = v.parse().ok(),
                "rto_minutes" => ctx.rto_minutes = v.parse().ok(),
                "p99_latency_ms" => ctx.p99_latency_ms = v.parse().ok(),
                "deploy_frequency" => {
                    ctx.deploy_frequency = archbook_core::DeployFrequency::from_id(v)
                }
                "strong_consistency" => {
                    ctx.strong_consistency = v.split(',').map(String::from).collect()
                }
                other => panic!("line {}: unknown context field {other}", n + 1),
            }
        }
        let o = evaluate(c, &d, &ctx);
        let got = (
            o.recommended
                .map(|r| r.id.as_str())
                .unwrap_or("-")
                .to_owned(),
            o.risk().id().to_owned(),
            format!("{:?}", o.confidence).to_lowercase(),
        );
        let want = (
            cols[3].to_owned(),
            cols[4].to_owned(),
            cols.get(5).map_or(got.2.clone(), |c| c.to_string()),
        );
        if got != want {
            failures.push(format!(
                "checklist-cases.txt:{}: {line}\n    got {got:?}",
                n + 1
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} cases differ:\n{}",
        failures.len(),
        failures.join("\n")
    );
    for c in &checklists {
        assert!(
            per_checklist.get(c.id.as_str()).copied().unwrap_or(0) >= 3,
            "{}: at least three cases in the table",
            c.id
        );
    }
}

#[test]
fn context_pre_answers_questions_and_the_team_can_override_them() {
    let c = builtin_checklists()
        .into_iter()
        .find(|c| c.id == "service-boundaries")
        .unwrap();
    let ctx = Context {
        team_size: Some(5),
        teams: Some(1),
        ..Default::default()
    };
    let mut answered = Decision::default();
    answered
        .answers
        .insert("uneven-scaling".into(), "no".into());
    let o = evaluate(&c, &answered, &ctx);
    let team = o
        .answers
        .iter()
        .find(|(q, _)| q.id == "team-size")
        .unwrap()
        .1
        .unwrap();
    assert_eq!(
        (team.choice.id.as_str(), team.origin),
        ("small", Origin::Context)
    );
    assert_eq!(o.recommended.unwrap().id, "modular-monolith");
    assert!(o
        .because
        .iter()
        .any(|b| b.question.id == "independent-deploys" && b.origin == Origin::Context));

    // The team says otherwise: its answer wins over the context.
    let mut d = Decision::default();
    d.answers.insert("team-size".into(), "large".into());
    let o = evaluate(&c, &d, &ctx);
    let team = o
        .answers
        .iter()
        .find(|(q, _)| q.id == "team-size")
        .unwrap()
        .1
        .unwrap();
    assert_eq!(
        (team.choice.id.as_str(), team.origin),
        ("large", Origin::Answered)
    );
}

#[test]
fn nothing_answered_gives_no_recommendation_and_lists_every_question() {
    for c in builtin_checklists() {
        let o = evaluate(&c, &Decision::default(), &Context::default());
        assert!(o.recommended.is_none(), "{}", c.id);
        assert_eq!(o.unanswered.len(), c.questions.len());
        assert_eq!(o.confidence, Confidence::Low);
        assert_eq!(o.risk(), RiskLevel::None);
    }
}

#[test]
fn not_applicable_questions_count_as_answered_but_never_match() {
    let c = builtin_checklists()
        .into_iter()
        .find(|c| c.id == "service-boundaries")
        .unwrap();
    let mut d = Decision::default();
    for q in &c.questions {
        d.not_applicable
            .insert(q.id.clone(), "one-off batch tool".into());
    }
    d.answers.insert("team-size".into(), "small".into()); // N/A wins over a stale answer
    let o = evaluate(&c, &d, &Context::default());
    assert_eq!(o.answered, o.total);
    assert_eq!(o.not_applicable.len(), c.questions.len());
    assert!(o.recommended.is_none(), "no answers, no recommendation");
}

#[test]
fn a_choice_the_team_makes_overrides_the_recommendation() {
    let c = builtin_checklists()
        .into_iter()
        .find(|c| c.id == "service-boundaries")
        .unwrap();
    let mut d = Decision::default();
    d.answers.insert("team-size".into(), "small".into());
    d.answers.insert("independent-deploys".into(), "no".into());
    d.answers.insert("uneven-scaling".into(), "no".into());
    d.chosen = Some("microservices".into());
    let o = evaluate(&c, &d, &Context::default());
    assert_eq!(o.recommended.unwrap().id, "modular-monolith");
    assert_eq!(o.overridden.unwrap().id, "microservices");
    assert_eq!(o.decided().unwrap().id, "microservices");
    // Choosing the recommended option is not an override.
    d.chosen = Some("modular-monolith".into());
    assert!(evaluate(&c, &d, &Context::default()).overridden.is_none());
}

#[test]
fn an_open_outcome_names_the_questions_that_decide_it() {
    let c = builtin_checklists()
        .into_iter()
        .find(|c| c.id == "service-boundaries")
        .unwrap();
    let mut d = Decision::default();
    d.answers.insert("team-size".into(), "large".into());
    d.answers.insert("independent-deploys".into(), "yes".into());
    let o = evaluate(&c, &d, &Context::default());
    assert!(
        o.recommended.is_none(),
        "a large team blocked by releases could go either way"
    );
    let pending: Vec<&str> = o.pending.iter().map(|q| q.id.as_str()).collect();
    assert_eq!(pending, ["ops-maturity"]);
    d.answers.insert("ops-maturity".into(), "mature".into());
    let o = evaluate(&c, &d, &Context::default());
    assert_eq!(o.recommended.unwrap().id, "microservices");
    assert!(o.pending.is_empty());
}

/// Issue 18's examples, each with its corrected outcome: the recommendation
/// and every risk the answers reveal, by id.
/// Checklist, answers, the recommended option, the risks by id.
type Case<'a> = (&'a str, &'a [(&'a str, &'a str)], &'a str, &'a [&'a str]);

#[test]
fn the_examples_of_issue_18_have_their_corrected_outcomes() {
    let checklists = builtin_checklists();
    let cases: &[Case] = &[
        // Public API, no authentication: the risk is reported, high.
        (
            "api-security",
            &[("public-api", "yes"), ("auth", "none")],
            "gateway-central",
            &["unauthenticated-public-api"],
        ),
        // Internal callers only and no authentication is no longer "the basics in place".
        (
            "api-security",
            &[
                ("public-api", "no"),
                ("auth", "none"),
                ("sensitive-data", "no"),
            ],
            "per-service",
            &["unauthenticated-internal-calls"],
        ),
        // Teams blocked by a shared release: never "without several teams that need to release".
        (
            "service-boundaries",
            &[
                ("independent-deploys", "yes"),
                ("ops-maturity", "basic"),
                ("domain-clarity", "emerging"),
                ("team-size", "medium"),
            ],
            "extract-later",
            &["unclear-boundaries"],
        ),
        // The write ceiling does not disappear behind read replicas.
        (
            "database-scaling",
            &[
                ("write-load", "near"),
                ("read-heavy", "yes"),
                ("replica-lag-ok", "yes"),
                ("hot-reads", "no"),
            ],
            "read-replicas",
            &["write-ceiling"],
        ),
        // A user-facing, multi-service workflow that must be consistent: the saga risk shows.
        (
            "event-driven",
            &[
                ("realtime", "yes"),
                ("slow-work", "no"),
                ("multi-step", "yes"),
                ("eventual-ok", "no"),
            ],
            "synchronous",
            &["cross-service-consistency"],
        ),
        // The user waits, slow work, several steps: a queue for the slow part, not events.
        (
            "event-driven",
            &[
                ("realtime", "yes"),
                ("slow-work", "yes"),
                ("multi-step", "yes"),
                ("eventual-ok", "yes"),
            ],
            "async-queue",
            &[],
        ),
        // Full history required is not plain CRUD "without a need for full history".
        (
            "cqrs-event-sourcing",
            &[("audit", "yes"), ("complex-rules", "no")],
            "crud-with-history",
            &[],
        ),
        // Legacy replacement without CI/CD: the manual delivery stays high.
        (
            "delivery",
            &[("legacy", "yes"), ("ci-cd", "no")],
            "strangler-migration",
            &["manual-delivery"],
        ),
        // A CDN beside a cache.
        (
            "caching",
            &[
                ("hot-data", "yes"),
                ("staleness", "seconds"),
                ("static-content", "yes"),
                ("read-ratio", "mostly-reads"),
            ],
            "cdn-and-cache",
            &[],
        ),
    ];
    for (id, answers, option, risks) in cases {
        let c = checklists.iter().find(|c| c.id == *id).unwrap();
        let mut d = Decision::default();
        for (q, a) in *answers {
            d.answers.insert((*q).into(), (*a).into());
        }
        let o = evaluate(c, &d, &Context::default());
        assert_eq!(
            o.recommended.map(|r| r.id.as_str()),
            Some(*option),
            "{id} {answers:?}"
        );
        let got: Vec<&str> = o.risks.iter().map(|r| r.id.as_str()).collect();
        assert_eq!(got, *risks, "{id} {answers:?}");
    }
}

#[test]
fn every_risk_explains_itself_and_cites_a_source() {
    for c in builtin_checklists() {
        assert!(c.category.is_some(), "{}: a category for its risks", c.id);
        for r in &c.risks {
            assert!(!r.sources.is_empty(), "{}/{}: cite a source", c.id, r.id);
            assert!(
                r.rationale.len() >= 40,
                "{}/{}: say why it is a risk",
                c.id,
                r.id
            );
        }
    }
}

/// Issue 15: an accepted decision keeps the option it was accepted with;
/// new answers that recommend another option are reported, on the outcome
/// and in the review, until the team re-decides.
#[test]
fn an_accepted_decision_keeps_its_option_and_reports_a_changed_recommendation() {
    use archbook_core::analysis::analyze;
    use archbook_core::content::{builtin_pitfalls, checklists_for};
    use archbook_core::{DecisionStatus, Workbook};
    let all = builtin_checklists();
    let c = all.iter().find(|c| c.id == "service-boundaries").unwrap();
    let mut wb = Workbook::new("Food delivery");
    wb.context.team_size = Some(6);
    wb.context.teams = Some(1);
    let mut d = Decision::default();
    d.answers.insert("uneven-scaling".into(), "no".into());
    let before = evaluate(c, &d, &wb.context);
    assert_eq!(before.recommended.unwrap().id, "modular-monolith");
    let in_force = before.decided().map(|o| o.id.clone());
    d.set_status(Some(DecisionStatus::Accepted), in_force.as_deref());
    assert_eq!(d.accepted_option.as_deref(), Some("modular-monolith"));
    wb.decisions.insert(c.id.clone(), d.clone());

    // The organisation grows: the context now answers differently, and the
    // team says a shared release is about to hold the new teams up (the
    // number of teams alone does not say so: the question is asked).
    wb.context.team_size = Some(40);
    wb.context.teams = Some(4);
    assert!(archbook_core::checklist::from_context(
        c.questions
            .iter()
            .find(|q| q.id == "independent-deploys")
            .unwrap(),
        &wb.context
    )
    .is_none());
    d.answers
        .insert("independent-deploys".into(), "soon".into());
    wb.decisions.insert(c.id.clone(), d.clone());
    let after = evaluate(c, &d, &wb.context);
    assert_eq!(after.recommended.unwrap().id, "extract-later");
    assert_eq!(
        after.decided().unwrap().id,
        "modular-monolith",
        "the accepted option stays"
    );
    assert_eq!(after.changed_since_accepted.unwrap().id, "extract-later");
    let checklists = checklists_for(&all, &wb);
    let report = analyze(&wb, &builtin_pitfalls(), &checklists);
    let f = report
        .findings
        .iter()
        .find(|f| f.rule == "outdated-decision")
        .expect("reported in the review");
    assert_eq!(f.message, "\"Service boundaries\" was accepted with \"Modular monolith\", but the answers now recommend \"Monolith first, extract services later\".");

    // Re-deciding on the new recommendation clears it.
    let mut d2 = d.clone();
    d2.accept_again("extract-later");
    let redecided = evaluate(c, &d2, &wb.context);
    assert_eq!(redecided.decided().unwrap().id, "extract-later");
    assert!(redecided.changed_since_accepted.is_none());
    // Any other status releases the pin: the decision follows the answers.
    d.set_status(Some(DecisionStatus::Proposed), None);
    assert!(d.accepted_option.is_none());
    assert_eq!(
        evaluate(c, &d, &wb.context).decided().unwrap().id,
        "extract-later"
    );
}

#[test]
fn progress_has_one_meaning_of_started() {
    use archbook_core::checklist::Progress;
    let all = builtin_checklists();
    let c = all.iter().find(|c| c.id == "service-boundaries").unwrap();
    let ctx = Context {
        team_size: Some(5),
        teams: Some(1),
        ..Context::default()
    };
    let untouched = Decision::default();
    let o = evaluate(c, &untouched, &ctx);
    let p = Progress::new(&o, None);
    assert!(!p.started);
    assert_eq!(p.label(), "Not started · 2 of 5 answered by the context");
    assert_eq!(
        Progress::new(&evaluate(c, &untouched, &Context::default()), None).label(),
        "Not started"
    );
    let mut d = Decision::default();
    d.answers.insert("uneven-scaling".into(), "no".into());
    let p = Progress::new(&evaluate(c, &d, &ctx), Some(&d));
    assert!(p.started);
    assert_eq!(p.label(), "3 of 5 answered");
    // An entry with nothing in it is not a start.
    assert!(!Progress::new(&o, Some(&Decision::default())).started);
}
