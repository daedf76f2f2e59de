//! Step 4, the review: the scorecard, the findings grouped by severity or
//! category, each shown on the graph, and accepting a risk with a reason.
//! The analysis itself is `archbook_core::analysis`; this draws its report,
//! recomputed whenever the workbook changes.

use archbook_core::analysis::{Finding, Report};
use archbook_core::markdown::to_safe_html;
use archbook_core::pitfall::{Category, Severity};
use leptos::prelude::*;

use super::frame::{GoTo, StepPage};
use super::graph::{Editor, GraphCanvas};
use crate::state::{AppState, Step};
use archbook_core::canvas::Highlight;

/// A word for a score, so colour is never the only signal.
fn grade(score: u32) -> (&'static str, &'static str) {
    match score {
        90.. => ("good", "Good"),
        70..=89 => ("fair", "Needs work"),
        _ => ("poor", "At risk"),
    }
}

#[derive(Clone, Copy, PartialEq)]
enum Grouping {
    Severity,
    Category,
}

/// One group of findings on the page.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
enum Group {
    Severity(Severity),
    Category(Category),
}

impl Group {
    fn all(grouping: Grouping) -> Vec<Group> {
        match grouping {
            Grouping::Severity => Severity::ALL.iter().map(|s| Group::Severity(*s)).collect(),
            Grouping::Category => Category::ALL.iter().map(|c| Group::Category(*c)).collect(),
        }
    }

    fn title(self) -> String {
        match self {
            Group::Severity(s) => format!("{} severity", s.label()),
            Group::Category(c) => c.label().to_owned(),
        }
    }

    fn holds(self, f: &Finding) -> bool {
        match self {
            Group::Severity(s) => f.severity == s,
            Group::Category(c) => f.category == c,
        }
    }
}

#[component]
pub fn ReviewStep() -> impl IntoView {
    let state = expect_context::<AppState>();
    let editor = Editor::new(state, true);
    provide_context(editor);
    let report = state.report();
    let selected = RwSignal::new(None::<String>);
    let refocus = RwSignal::new(None::<String>);
    let grouping = RwSignal::new(Grouping::Severity);
    // Highlight the selected finding's nodes and edges on the canvas.
    Effect::new(move |_| {
        let sel = selected.get();
        let h = report.with(|r| {
            let f = sel.and_then(|k| r.findings.iter().find(|f| f.key() == k))?;
            Some(state.workbook.with(|w| Highlight::of(f, &w.graph)))
        });
        let h = h.unwrap_or_default();
        // What the finding is about may be outside the part of the graph in view.
        editor.show_nodes(&h.nodes);
        editor.highlight.set(h);
    });
    // Decisions are reviewed without a graph; a review with neither has nothing to say.
    let no_graph = move || state.workbook.with(|w| w.graph.nodes.is_empty());
    let empty = move || no_graph() && report.with(|r| r.findings.is_empty());

    view! {
        <StepPage step=Step::Review lede="The graph, the context and the decisions, checked against documented backend-architecture pitfalls. Select a finding to see it on the graph; accept a risk the team chooses to live with, with the reason.">
            <Show when=move || !empty() fallback=|| view! {
                <div class="card">
                    <h2>"Nothing to review yet"</h2>
                    <p>"The review reads the service graph. Draw it, or start from a template, and come back: findings and the score update as you edit."</p>
                    <GoTo step=Step::Graph label="Go to Service graph"/>
                </div>
            }>
                <Show when=no_graph>
                    <div class="card">
                        <p>"These findings come from your decisions. The service graph is still empty: draw it, or start from a template, for the review of the design itself."</p>
                        <GoTo step=Step::Graph label="Go to Service graph"/>
                    </div>
                </Show>
                <div class="review-layout">
                    <div class="review-main">
                        <Scorecard report/>
                        <div class="findings-head">
                            <h2>{move || {
                                let (n, q) = report.with(|r| (
                                    r.findings.iter().filter(|f| !f.question).count(),
                                    r.findings.iter().filter(|f| f.question).count(),
                                ));
                                let findings = match n { 0 => "No findings".to_owned(), 1 => "1 finding".to_owned(), n => format!("{n} findings") };
                                match q { 0 => findings, 1 => format!("{findings}, 1 question"), q => format!("{findings}, {q} questions") }
                            }}</h2>
                            <fieldset class="segmented">
                                <legend class="visually-hidden">"Group findings by"</legend>
                                <label><input type="radio" name="grouping" prop:checked=move || grouping.get() == Grouping::Severity
                                    on:change=move |_| grouping.set(Grouping::Severity)/>" By severity"</label>
                                <label><input type="radio" name="grouping" prop:checked=move || grouping.get() == Grouping::Category
                                    on:change=move |_| grouping.set(Grouping::Category)/>" By category"</label>
                            </fieldset>
                        </div>
                        <Show when=move || report.with(|r| !r.findings.is_empty())
                            fallback=|| view! { <p class="card">"No pitfall applies to this design. Keep the graph current, and the review stays honest."</p> }>
                            // Keyed by group and by finding: an edit redraws only the
                            // findings it changes, so an open accept form elsewhere stays.
                            <For each=move || {
                                let groups = Group::all(grouping.get());
                                report.with(|r| groups.into_iter().filter(|g| r.findings.iter().any(|f| g.holds(f))).collect::<Vec<_>>())
                            } key=|g| *g children=move |g| {
                                // A large system has hundreds of findings: the
                                // first page of each group is drawn, the rest on
                                // request, so the step opens at once.
                                let shown = RwSignal::new(FINDINGS_PER_PAGE);
                                let total = Memo::new(move |_| report.with(|r| r.findings.iter().filter(|f| g.holds(f)).count()));
                                view! {
                                <section class="finding-group">
                                    <h3>{g.title()}" "<span class="count">{total}</span></h3>
                                    <For each=move || report.with(|r| r.findings.iter().filter(|f| g.holds(f)).take(shown.get()).cloned().collect::<Vec<_>>())
                                        key=|f| (f.key(), f.accepted.clone(), f.accepted_parts.len(), f.message.clone())
                                        children=move |f| view! { <FindingCard finding=f selected refocus/> }/>
                                    {move || {
                                        let rest = total.get().saturating_sub(shown.get());
                                        (rest > 0).then(|| view! {
                                            <button type="button" class="btn more-findings" on:click=move |_| shown.update(|n| *n += FINDINGS_PER_PAGE)>
                                                {format!("Show {} more ({} not shown)", rest.min(FINDINGS_PER_PAGE), archbook_core::thousands(rest))}
                                            </button>
                                        })
                                    }}
                                </section>
                                }
                            }/>
                        </Show>
                    </div>
                    <div class="review-graph">
                        <h2 class="visually-hidden">"The graph"</h2>
                        <GraphCanvas editor/>
                        <p class="hint">"Highlighted: what the selected finding is about."</p>
                    </div>
                </div>
            </Show>
        </StepPage>
    }
}

/// Findings drawn per group before "Show more".
const FINDINGS_PER_PAGE: usize = 50;

/// The overall score as a ring and each category as a bar, in one SVG.
#[component]
fn Scorecard(report: Memo<Report>) -> impl IntoView {
    const R: f64 = 42.0;
    let circumference = 2.0 * std::f64::consts::PI * R;
    let overall = move || report.with(|r| r.overall);
    let summary = move || {
        report.with(|r| {
            let accepted = r.findings.iter().filter(|f| f.accepted.is_some()).count();
            format!(
                "Score {} of 100, grade {}. Open findings: {} high, {} medium, {} low; {} accepted.",
                r.overall,
                r.grade(),
                r.open(Severity::High),
                r.open(Severity::Medium),
                r.open(Severity::Low),
                accepted
            )
        })
    };
    view! {
        <div class="card scorecard">
            <svg viewBox="0 0 560 150" role="img" aria-label=summary class="scorecard-chart">
                <g transform="translate(70 75)">
                    <circle r=R class="ring-track"/>
                    <circle r=R class=move || format!("ring {}", grade(overall()).0) transform="rotate(-90)"
                        stroke-dasharray=move || format!("{:.1} {:.1}", circumference * overall() as f64 / 100.0, circumference)/>
                    <text class="ring-score" text-anchor="middle" y="8">{overall}</text>
                    <text class="ring-label" text-anchor="middle" y="64">{move || format!("Grade {} · {}", archbook_core::analysis::grade(overall()), grade(overall()).1)}</text>
                </g>
                {move || report.with(|r| r.categories.iter().enumerate().map(|(i, (c, s))| {
                    let y = 10.0 + i as f64 * 22.0;
                    let (class, _) = grade(*s);
                    view! {
                        <g transform=format!("translate(160 {y})")>
                            <text class="bar-label" x="0" y="13">{c.label()}</text>
                            <rect class="bar-track" x="110" y="3" width="250" height="12" rx="6"/>
                            <rect class=format!("bar {class}") x="110" y="3" width=format!("{:.1}", 2.5 * *s as f64) height="12" rx="6"/>
                            <text class="bar-value" x="372" y="13">{s.to_string()}</text>
                        </g>
                    }
                }).collect_view())}
            </svg>
            <p class="visually-hidden">{summary}</p>
            <details class="score-help">
                <summary>"How is this computed?"</summary>
                {archbook_core::analysis::EXPLANATION.iter().map(|p| view! { <p>{*p}</p> }).collect_view()}
            </details>
        </div>
    }
}

/// `refocus`: a finding (by key) whose card is redrawn by an accept or a
/// reopen: the new card takes the focus, so a keyboard user stays where
/// they were.
#[component]
fn FindingCard(
    finding: Finding,
    selected: RwSignal<Option<String>>,
    refocus: RwSignal<Option<String>>,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let k = finding.key();
    let is_selected = {
        let k = k.clone();
        Memo::new(move |_| selected.with(|s| s.as_deref() == Some(k.as_str())))
    };
    let accepting = RwSignal::new(false);
    let reason = RwSignal::new(String::new());
    let why = to_safe_html(&finding.why);
    let fix = to_safe_html(&finding.fix);
    // The components it names, with their display names, and which are open.
    let names = state
        .workbook
        .with_untracked(|w| part_names(&finding, &w.graph));
    let open: Vec<(String, String)> = names
        .iter()
        .filter(|(id, _)| finding.open_parts().any(|p| &**p == id))
        .cloned()
        .collect();
    // Parts ticked in the accept form: all open ones to start with.
    let ticked = RwSignal::new(open.iter().map(|(id, _)| id.clone()).collect::<Vec<_>>());
    let f = StoredValue::new(finding.clone());
    let toggle = {
        let k = k.clone();
        move |_| selected.update(|s| *s = (s.as_deref() != Some(k.as_str())).then(|| k.clone()))
    };
    let accept = move |()| {
        let text = reason.get_untracked().trim().to_owned();
        let parts = ticked.get_untracked();
        let Some(f) = f.try_get_value() else { return };
        if text.is_empty() || (parts.is_empty() && !f.parts.is_empty()) {
            return;
        }
        refocus.set(Some(f.key()));
        state.workbook.update(|w| {
            w.accept_risk(
                f.rule,
                f.group.as_deref(),
                f.decision.as_deref(),
                &parts,
                text,
            )
        });
        accepting.set(false);
    };
    let reopen = Callback::new(move |parts: Vec<String>| {
        let Some(f) = f.try_get_value() else { return };
        refocus.set(Some(f.key()));
        state
            .workbook
            .update(|w| w.reopen_risk(f.rule, f.group.as_deref(), f.decision.as_deref(), &parts));
    });
    let action = NodeRef::<leptos::html::Button>::new();
    focus_when_asked(action, refocus, k.clone());
    let class = {
        let (question, severity, accepted) = (
            finding.question,
            finding.severity,
            finding.accepted.is_some(),
        );
        move || {
            let sev = if question { "question" } else { severity.id() };
            let selected = if is_selected.get() { " selected" } else { "" };
            let accepted = if accepted { " accepted" } else { "" };
            format!("finding sev-{sev}{selected}{accepted}")
        }
    };
    let whole = finding.accepted.clone();
    let partly = finding.partly_accepted();
    let by_reason = acceptance_lines(&finding, &names);
    let accepted_ids: Vec<String> = finding
        .accepted_parts
        .iter()
        .map(|(p, _)| p.to_string())
        .collect();
    let has_parts = !finding.parts.is_empty();
    let single_reason = whole.is_some() && by_reason.is_empty();
    view! {
        <article class=class data-rule=finding.rule>
            <FindingHead finding=f.get_value() partly/>
            <h4 class="finding-title">{finding.title.to_string()}</h4>
            <p class="finding-message">{finding.message.clone()}</p>
            {(!by_reason.is_empty()).then(|| view! { <AcceptedParts by_reason reopen/> })}
            {single_reason.then(|| whole.clone().map(|r| view! { <p class="accepted-reason"><strong>"Accepted because: "</strong>{r}</p> }))}
            <details>
                <summary>{if finding.question { "Why the review asks" } else { "Why it hurts and how to fix it" }}</summary>
                <div class="md" inner_html=why></div>
                <div class="md" inner_html=fix></div>
            </details>
            <div class="finding-actions">
                {(!finding.nodes.is_empty()).then(|| view! {
                    <button type="button" class="btn btn-small" aria-pressed=move || is_selected.get().to_string() on:click=toggle>
                        {move || if is_selected.get() { "Hide on graph" } else { "Show on graph" }}
                    </button>
                })}
                {if whole.is_some() {
                    let all = accepted_ids.clone();
                    view! { <button type="button" class="btn btn-small" node_ref=action on:click=move |_| reopen.run(all.clone())>"Reopen"</button> }.into_any()
                } else {
                    view! {
                        <button type="button" class="btn btn-small" node_ref=action aria-expanded=move || accepting.get().to_string()
                            on:click=move |_| accepting.update(|a| *a = !*a)>
                            {if partly { "Accept the rest…" } else { "Accept risk…" }}
                        </button>
                    }.into_any()
                }}
            </div>
            <Show when=move || accepting.get()>
                <AcceptForm open=open.clone() ticked reason has_parts accept=Callback::new(accept)
                    cancel=Callback::new(move |()| accepting.set(false))/>
            </Show>
        </article>
    }
}

/// The accepted parts by reason, each part as (id, display name).
fn acceptance_lines(
    finding: &Finding,
    names: &[(String, String)],
) -> Vec<(String, Vec<(String, String)>)> {
    let name_of = |p: &str| {
        names
            .iter()
            .find(|(id, _)| id == p)
            .map_or(p.to_owned(), |x| x.1.clone())
    };
    finding
        .acceptances()
        .into_iter()
        .map(|(r, parts)| {
            let parts = parts.iter().map(|p| (p.to_string(), name_of(p))).collect();
            (r.to_owned(), parts)
        })
        .collect()
}

/// Each component a finding names, with its display name.
fn part_names(finding: &Finding, graph: &archbook_core::Graph) -> Vec<(String, String)> {
    let at = graph.positions();
    finding
        .parts
        .iter()
        .map(|p| {
            let name = at
                .get(&**p)
                .map_or(&**p, |&i| graph.nodes[i].display_name())
                .to_owned();
            (p.to_string(), name)
        })
        .collect()
}

/// Focuses `action` when `refocus` names this card, once it is drawn. Only
/// a card that has just been drawn takes the focus: the card being replaced
/// sees the same key and must leave it alone.
fn focus_when_asked(
    action: NodeRef<leptos::html::Button>,
    refocus: RwSignal<Option<String>>,
    mine: String,
) {
    Effect::new(move |mounted: Option<bool>| {
        if mounted == Some(true) {
            return true;
        }
        let Some(button) = action.get() else {
            return false;
        };
        if refocus.with(|r| r.as_ref() == Some(&mine)) {
            let _ = button.focus();
            refocus.set(None);
        }
        true
    });
}

/// A finding's badges: severity (or question), category, acceptance, rule.
#[component]
fn FindingHead(finding: Finding, partly: bool) -> impl IntoView {
    view! {
        <header class="finding-head">
            {if finding.question {
                view! { <span class="badge sev-question">"Question"</span> }.into_any()
            } else {
                view! { <span class=format!("badge sev-{}", finding.severity.id())>{finding.severity.label()}</span> }.into_any()
            }}
            <span class="badge">{finding.category.label()}</span>
            {finding.accepted.is_some().then(|| view! { <span class="badge badge-accepted">"Accepted"</span> })}
            {partly.then(|| view! { <span class="badge badge-accepted">"Partly accepted"</span> })}
            <code class="rule-id">{finding.rule}</code>
        </header>
    }
}

/// The parts of a finding accepted so far, one line per reason, each with a
/// way to reopen them.
#[component]
fn AcceptedParts(
    by_reason: Vec<(String, Vec<(String, String)>)>,
    reopen: Callback<Vec<String>>,
) -> impl IntoView {
    view! {
        <ul class="accepted-parts">
            {by_reason.into_iter().map(|(r, list)| {
                let ids: Vec<String> = list.iter().map(|x| x.0.clone()).collect();
                let who = list.iter().map(|x| x.1.clone()).collect::<Vec<_>>().join(", ");
                let label = format!("Reopen for {who}");
                view! {
                    <li>
                        <strong>"Accepted for " {who} ": "</strong>{r}" "
                        <button type="button" class="btn-link" aria-label=label on:click=move |_| reopen.run(ids.clone())>"Reopen"</button>
                    </li>
                }
            }).collect_view()}
        </ul>
    }
}

/// Accepting a risk: for which of the open parts (when there are several),
/// and the reason, which is required.
#[component]
fn AcceptForm(
    open: Vec<(String, String)>,
    ticked: RwSignal<Vec<String>>,
    reason: RwSignal<String>,
    has_parts: bool,
    accept: Callback<()>,
    cancel: Callback<()>,
) -> impl IntoView {
    // Node ids may hold spaces, which an element id must not: a counter.
    static NEXT_REASON: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = NEXT_REASON.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let reason_id = format!("reason-{n}");
    let several_open = open.len() > 1;
    view! {
        <div class="accept-form">
            {several_open.then(|| view! {
                <fieldset class="accept-parts">
                    <legend>"Accept for"</legend>
                    {open.into_iter().map(|(id, name)| {
                        let (mine, mine2) = (id.clone(), id.clone());
                        view! {
                            <label class="checkbox">
                                <input type="checkbox" prop:checked=move || ticked.with(|t| t.contains(&mine))
                                    on:change=move |e| {
                                        let on = event_target_checked(&e);
                                        let id = mine2.clone();
                                        ticked.update(|t| {
                                            t.retain(|x| *x != id);
                                            if on { t.push(id) }
                                        });
                                    }/>
                                " " {name}
                            </label>
                        }
                    }).collect_view()}
                </fieldset>
            })}
            <label for=reason_id.clone()>"Why is this risk acceptable? (required)"</label>
            <textarea id=reason_id.clone() class="input" rows="2" prop:value=move || reason.get()
                on:input=move |e| reason.set(event_target_value(&e))></textarea>
            <div class="inline">
                <button type="button" class="btn btn-primary btn-small" on:click=move |_| accept.run(())
                    disabled=move || reason.with(|r| r.trim().is_empty()) || (has_parts && ticked.with(Vec::is_empty))>
                    "Accept risk"
                </button>
                <button type="button" class="btn btn-small" on:click=move |_| cancel.run(())>"Cancel"</button>
            </div>
        </div>
    }
}
