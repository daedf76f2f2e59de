//! Step 2: the list of decisions and the guided walk-through of one checklist.
//! Everything it shows comes from `archbook_core::checklist::evaluate`.

use archbook_core::checklist::{evaluate, Checklist, Confidence, Origin, Progress, RiskLevel};
use archbook_core::markdown::to_safe_html;
use archbook_core::session::QuestionKey;
use archbook_core::{Decision, DecisionStatus};
use leptos::ev;
use leptos::html;
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::frame::StepPage;
use crate::platform::files;
use crate::state::{AppState, Confirm, Step};

/// The example custom checklist offered as a starting point.
const TEMPLATE: &str = include_str!("../../../../tests/fixtures/custom-checklist.md");

#[component]
pub fn DecisionsStep() -> impl IntoView {
    let state = expect_context::<AppState>();
    move || match state.decision.get() {
        Some(id)
            if state
                .checklists()
                .with(|all| all.iter().any(|c| c.id == id)) =>
        {
            view! { <DecisionPage id/> }.into_any()
        }
        _ => view! { <DecisionList/> }.into_any(),
    }
}

/// One card's worth of facts about a decision.
#[derive(Clone, PartialEq, Eq, Hash)]
struct CardFacts {
    id: String,
    title: String,
    decision: String,
    progress: Progress,
    risk: Option<RiskLevel>,
    outcome: Option<String>,
    status: Option<DecisionStatus>,
    /// Accepted, and the answers now recommend another option.
    changed: bool,
    custom: bool,
}

fn risk_badge(risk: Option<RiskLevel>) -> impl IntoView {
    let (class, text) = match risk {
        None => ("badge badge-muted", "Not started"),
        Some(RiskLevel::None) => ("badge badge-ok", "No risk"),
        Some(RiskLevel::Medium) => ("badge badge-medium", "Medium risk"),
        Some(RiskLevel::High) => ("badge badge-high", "High risk"),
    };
    view! { <span class=class>{text}</span> }
}

#[component]
fn DecisionList() -> impl IntoView {
    let state = expect_context::<AppState>();
    let builtin_count = archbook_core::content::CHECKLIST_FILES.len();
    let cards = Memo::new(move |_| {
        state.checklists().with(|all| {
            state.workbook.with(|w| {
                all.iter()
                    .enumerate()
                    .map(|(i, c)| {
                        let d = w.decisions.get(&c.id).cloned().unwrap_or_default();
                        let o = evaluate(c, &d, &w.context);
                        let progress = Progress::new(&o, w.decisions.get(&c.id));
                        CardFacts {
                            id: c.id.clone(),
                            title: c.title.clone(),
                            decision: c.decision.clone(),
                            progress,
                            risk: progress.started.then(|| o.risk()),
                            outcome: o.decided().map(|x| x.title.clone()),
                            status: d.status,
                            changed: o.changed_since_accepted.is_some(),
                            custom: i >= builtin_count,
                        }
                    })
                    .collect::<Vec<_>>()
            })
        })
    });
    let summary = move || {
        cards.with(|cs| {
            let started = cs.iter().filter(|c| c.progress.started).count();
            let high = cs
                .iter()
                .filter(|c| c.risk == Some(RiskLevel::High))
                .count();
            let mut s = format!("{started} of {} decisions started", cs.len());
            if high > 0 {
                s.push_str(&format!(", {high} with a high risk"));
            }
            s.push('.');
            s
        })
    };
    let picker = NodeRef::<html::Input>::new();
    let on_pick = move |_| {
        let Some(input) = picker.get() else { return };
        if let Some(file) = input.files().and_then(|f| f.get(0)) {
            spawn_local(async move {
                let text = files::read_text(&file).await;
                state.import_checklist(&file.name(), text);
            });
        }
        input.set_value("");
    };
    view! {
        <StepPage step=Step::Decisions lede="One guided checklist per architecture decision. Your answers lead to a recommended option with the reasons behind it, the options considered with their pros and cons, and the risks the answers reveal.">
            <p class="muted" role="status">{summary}</p>
            <ul class="decision-grid">
                <For each=move || cards.get() key=|c| c.clone() let:card>
                    <DecisionCard card/>
                </For>
            </ul>
            <div class="card">
                <h2>"Your own checklists"</h2>
                <p>
                    "Teams can add decisions of their own, written in the same Markdown format as the built-in ones. "
                    "An added checklist is saved in this workbook and works exactly like the others."
                </p>
                <div class="button-row">
                    <button type="button" class="btn btn-primary" on:click=move |_| {
                        if let Some(i) = picker.get() { i.click(); }
                    }>"Add a checklist (.md)…"</button>
                    <input type="file" accept=".md,.markdown,text/markdown,text/plain" class="visually-hidden"
                        aria-label="Add a checklist file" tabindex="-1" node_ref=picker on:change=on_pick/>
                    <button type="button" class="btn" on:click=move |_| {
                        let _ = files::download("example-checklist.md", "text/markdown", TEMPLATE);
                    }>"Download an example"</button>
                </div>
            </div>
        </StepPage>
    }
}

#[component]
fn DecisionCard(card: CardFacts) -> impl IntoView {
    let state = expect_context::<AppState>();
    let p = card.progress;
    let percent = (p.answered * 100).checked_div(p.total).unwrap_or(0);
    let id = card.id.clone();
    let remove = card.custom.then(|| {
        let id = id.clone();
        let title = card.title.clone();
        view! {
            <button type="button" class="btn btn-small btn-danger" aria-label=format!("Remove {title}")
                on:click=move |_| {
                    let id = id.clone();
                    state.confirm.set(Some(Confirm {
                        title: "Remove this checklist?",
                        body: Signal::stored(format!("\"{title}\" and the answers given to it will be removed from this workbook.")),
                        action: "Remove checklist",
                        destructive: true,
                        on_confirm: Callback::new(move |_| state.remove_checklist(&id)),
                    }));
                }>"Remove"</button>
        }
    });
    view! {
        <li class="decision-card card">
            <div class="decision-card-head">
                <h2><a href=format!("#decisions/{}", card.id)>{card.title.clone()}</a></h2>
                {risk_badge(card.risk)}
            </div>
            <p class="decision-question">{card.decision.clone()}</p>
            <div class="progress" role="progressbar" aria-valuemin="0" aria-valuemax=p.total.to_string()
                aria-valuenow=p.answered.to_string() aria-label=format!("{} answered", card.title)>
                <span style=format!("width: {percent}%")></span>
            </div>
            <p class="decision-meta">
                {p.label()}
                {p.started.then(|| card.outcome.clone()).flatten().map(|o| view! { " · " <strong>{o}</strong> })}
                {card.status.map(|s| view! { " · " {s.label()} })}
                {card.custom.then(|| view! { " · " <span class="badge badge-muted">"Custom"</span> })}
                {card.changed.then(|| view! { " · " <span class="badge badge-medium">"Recommendation changed"</span> })}
            </p>
            {remove}
        </li>
    }
}

/// How the questions are shown.
#[derive(Clone, Copy, PartialEq)]
enum Mode {
    OneAtATime,
    All,
}

#[component]
fn DecisionPage(id: String) -> impl IntoView {
    let state = expect_context::<AppState>();
    let checklist: Memo<Option<Checklist>> = {
        let id = id.clone();
        Memo::new(move |_| {
            state
                .checklists()
                .with(|all| all.iter().find(|c| c.id == id).cloned())
        })
    };
    let id = StoredValue::new(id);
    let decision = move || {
        state.workbook.with(|w| {
            w.decisions
                .get(&id.get_value())
                .cloned()
                .unwrap_or_default()
        })
    };
    let current = RwSignal::new(0usize);
    let mode = RwSignal::new(Mode::OneAtATime);
    let count = move || checklist.with(|c| c.as_ref().map_or(0, |c| c.questions.len()));

    let choose = move |qid: String, choice: String| {
        state.update_decision(&id.get_value(), |d| {
            d.not_applicable.remove(&qid);
            d.answers.insert(qid, choice);
        });
    };
    let go = move |to: usize| {
        current.set(to.min(count().saturating_sub(1)));
        // Bring the question into view and move focus to it.
        request_animation_frame(move || {
            let Some(q) = current.try_get_untracked() else {
                return;
            };
            if let Some(el) = document().get_element_by_id(&format!("q-{q}")) {
                use wasm_bindgen::JsCast;
                if let Ok(el) = el.dyn_into::<web_sys::HtmlElement>() {
                    let _ = el.focus();
                }
            }
        });
    };

    // Keyboard: 1-9 answer the current question, n/p and the left/right
    // arrows move between questions (core `QuestionKey`). Typing in a field
    // is left alone.
    let handle = window_event_listener(ev::keydown, move |e| {
        let modal = state.confirm.with_untracked(Option::is_some);
        if e.ctrl_key() || e.meta_key() || e.alt_key() || modal || crate::ui::typing_in(&e) {
            return;
        }
        let q = current.get_untracked();
        let picked = |n: usize| {
            checklist.with_untracked(|c| {
                let qq = c.as_ref()?.questions.get(q)?;
                qq.choices.get(n).map(|ch| (qq.id.clone(), ch.id.clone()))
            })
        };
        match QuestionKey::of(&e.key()) {
            Some(QuestionKey::Next) => go(q + 1),
            Some(QuestionKey::Previous) => go(q.saturating_sub(1)),
            Some(QuestionKey::Choose(n)) => match picked(n) {
                Some((qid, ch)) => choose(qid, ch),
                None => return,
            },
            None => return,
        }
        e.prevent_default();
    });
    on_cleanup(move || handle.remove());

    view! {
        <section class="step-page decision-page" aria-labelledby="step-title">
            {move || checklist.with(|c| c.as_ref().map(|c| view! { <DecisionHeader checklist=c/> }))}
            <div class="decision-layout">
                <div class="questions">
                    <div class="mode-switch" role="group" aria-label="How to show the questions">
                        <button type="button" class="btn btn-small" aria-pressed=move || (mode.get() == Mode::OneAtATime).to_string()
                            on:click=move |_| mode.set(Mode::OneAtATime)>"One at a time"</button>
                        <button type="button" class="btn btn-small" aria-pressed=move || (mode.get() == Mode::All).to_string()
                            on:click=move |_| mode.set(Mode::All)>"All questions"</button>
                        <span class="keys-hint">"Keys: 1–9 answer · n / p or ← / → move"</span>
                    </div>
                    {move || {
                        let n = count();
                        let shown: Vec<usize> = match mode.get() {
                            Mode::OneAtATime => vec![current.get().min(n.saturating_sub(1))],
                            Mode::All => (0..n).collect(),
                        };
                        shown.into_iter().map(|i| view! {
                            <QuestionView checklist index=i current decision_id=id.get_value() on_pick=Callback::new(move |(q, c)| choose(q, c))/>
                        }).collect_view()
                    }}
                    <Show when=move || mode.get() == Mode::OneAtATime>
                        <div class="question-nav">
                            <button type="button" class="btn" disabled=move || current.get() == 0
                                on:click=move |_| go(current.get_untracked().saturating_sub(1))>"← Previous"</button>
                            <span class="muted">{move || format!("Question {} of {}", current.get() + 1, count())}</span>
                            <button type="button" class="btn" disabled=move || { current.get() + 1 >= count() }
                                on:click=move |_| go(current.get_untracked() + 1)>"Next →"</button>
                        </div>
                    </Show>
                    <DecisionRecord checklist decision_id=id.get_value()/>
                    <NextDecision current=id.get_value()/>
                </div>
                <RecommendationPanel checklist decision=Signal::derive(decision) go=Callback::new(go)/>
            </div>
        </section>
    }
}

/// Where to go at the end of a checklist: the next decision in the list,
/// or back to all of them after the last.
#[component]
fn NextDecision(current: String) -> impl IntoView {
    let state = expect_context::<AppState>();
    let next = state.checklists().with_untracked(|all| {
        let at = all.iter().position(|c| c.id == current)?;
        all.get(at + 1).map(|c| (c.id.clone(), c.title.clone()))
    });
    view! {
        <nav class="step-footer next-decision" aria-label="Next decision">
            <a class="btn" href="#decisions">"← All decisions"</a>
            {next.map(|(id, title)| view! {
                <a class="btn btn-primary" href=format!("#decisions/{id}")>{format!("Next decision: {title} →")}</a>
            })}
        </nav>
    }
}

/// A checklist's title, the decision it helps make, and its introduction.
#[component]
fn DecisionHeader<'a>(checklist: &'a Checklist) -> impl IntoView {
    let intro = to_safe_html(&checklist.intro);
    view! {
        <header class="step-header">
            <p class="step-kicker"><a href="#decisions">"← All decisions"</a></p>
            <h1 id="step-title">{checklist.title.clone()}</h1>
            <p class="lede">{checklist.decision.clone()}</p>
            <div class="md muted" inner_html=intro></div>
        </header>
    }
}

#[component]
fn QuestionView(
    checklist: Memo<Option<Checklist>>,
    index: usize,
    current: RwSignal<usize>,
    decision_id: String,
    on_pick: Callback<(String, String)>,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let Some(q) =
        checklist.with_untracked(|c| c.as_ref().and_then(|c| c.questions.get(index).cloned()))
    else {
        return ().into_any();
    };
    let did = StoredValue::new(decision_id);
    let qid = StoredValue::new(q.id.clone());
    // The effective answer, and where it comes from.
    let answer = move || {
        checklist.with(|c| {
            let c = c.as_ref()?;
            state.workbook.with(|w| {
                let d = w
                    .decisions
                    .get(&did.get_value())
                    .cloned()
                    .unwrap_or_default();
                let o = evaluate(c, &d, &w.context);
                o.answers
                    .iter()
                    .find(|(q, _)| q.id == qid.get_value())
                    .and_then(|(_, b)| b.map(|b| (b.choice.id.clone(), b.origin)))
            })
        })
    };
    let na_reason = move || {
        state.workbook.with(|w| {
            w.decisions
                .get(&did.get_value())
                .and_then(|d| d.not_applicable.get(&qid.get_value()).cloned())
        })
    };
    let prompt_id = format!("q-{index}-prompt");
    let (labelled_by, group_labelled_by) = (prompt_id.clone(), prompt_id.clone());
    let help = to_safe_html(&q.help);
    let context_note = q.from_context.as_ref().map(|m| m.field.label());
    let choices = q
        .choices
        .iter()
        .enumerate()
        .map(|(n, ch)| {
            let chid = ch.id.clone();
            let chid2 = ch.id.clone();
            let pressed = move || answer().is_some_and(|(c, _)| c == chid).to_string();
            view! {
                <button type="button" class="choice" aria-pressed=pressed
                    on:click=move |_| {
                        current.set(index);
                        on_pick.run((qid.get_value(), chid2.clone()));
                    }>
                    <kbd class="choice-key" aria-hidden="true">{(n + 1).to_string()}</kbd>
                    <span>{ch.label.clone()}</span>
                </button>
            }
        })
        .collect_view();
    let set_na = move |reason: Option<String>| {
        state.update_decision(&did.get_value(), |d: &mut Decision| match reason {
            Some(r) => {
                d.answers.remove(&qid.get_value());
                d.not_applicable.insert(qid.get_value(), r);
            }
            None => {
                d.not_applicable.remove(&qid.get_value());
            }
        });
    };
    view! {
        <section id=format!("q-{index}") class="question card" class:current=move || current.get() == index tabindex="-1"
            aria-labelledby=labelled_by on:focusin=move |_| current.set(index)>
            <p class="question-number">{format!("Question {}", index + 1)}</p>
            <h2 id=prompt_id class="question-prompt">{q.prompt.clone()}</h2>
            <div class="md help" inner_html=help></div>
            <div class="choices" role="group" aria-labelledby=group_labelled_by>
                {choices}
            </div>
            {move || match (answer(), context_note) {
                (Some((_, Origin::Context)), Some(field)) => Some(view! {
                    <p class="from-context">{format!("Answered from your context ({field}). Pick another choice to change it.")}</p>
                }),
                _ => None,
            }}
            <div class="na">
                <label class="checkbox">
                    <input type="checkbox" prop:checked=move || na_reason().is_some()
                        on:change=move |e| set_na(event_target_checked(&e).then(String::new))/>
                    " Not applicable to this system"
                </label>
                <Show when=move || na_reason().is_some()>
                    <input type="text" class="input" aria-label="Why this question does not apply"
                        placeholder="Why it does not apply" value=untrack(na_reason).unwrap_or_default()
                        on:input=move |e| set_na(Some(event_target_value(&e)))/>
                </Show>
            </div>
        </section>
    }
    .into_any()
}

#[component]
fn RecommendationPanel(
    checklist: Memo<Option<Checklist>>,
    decision: Signal<Decision>,
    go: Callback<usize>,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let body = move || {
        checklist.with(|c| {
            let c = c.as_ref()?;
            let d = decision.get();
            Some(state.workbook.with(|w| {
                let o = evaluate(c, &d, &w.context);
                let goto = |list: &[&archbook_core::checklist::Question]| {
                    list.iter()
                        .map(|q| {
                            let i = c.questions.iter().position(|x| x.id == q.id).unwrap_or(0);
                            view! { <li><button type="button" class="link-button" on:click=move |_| go.run(i)>{q.prompt.clone()}</button></li> }
                        })
                        .collect_view()
                };
                let (Some(rec), Some(rule)) = (o.recommended, o.rule) else {
                    let progress = format!("{} of {} answered.", o.answered, o.total);
                    return if o.pending.is_empty() {
                        view! { <p class="rec-empty">"Answer the questions to get a recommendation. " {progress}</p> }.into_any()
                    } else {
                        view! {
                            <p class="rec-label">"Not decided yet"</p>
                            <p class="rec-empty">"The answers so far fit more than one option. " {progress} " These questions decide it:"</p>
                            <ul class="unanswered">{goto(&o.pending)}</ul>
                        }
                        .into_any()
                    };
                };
                let conf_class = match o.confidence {
                    Confidence::High => "badge badge-ok",
                    Confidence::Medium => "badge badge-medium",
                    Confidence::Low => "badge badge-muted",
                };
                let because = o
                    .because
                    .iter()
                    .map(|b| {
                        let from = (b.origin == Origin::Context).then_some(" (from context)");
                        view! { <li><span class="muted">{b.question.prompt.clone()}</span>" " <strong>{b.choice.label.clone()}</strong>{from}</li> }
                    })
                    .collect_view();
                // Every other answer is shown too: the reader sees all of them,
                // and which ones decided.
                let others: Vec<_> = o
                    .answers
                    .iter()
                    .filter_map(|(_, a)| *a)
                    .filter(|a| !o.because.iter().any(|b| b.question.id == a.question.id))
                    .map(|b| {
                        let from = (b.origin == Origin::Context).then_some(" (from context)");
                        view! { <li><span class="muted">{b.question.prompt.clone()}</span>" " <strong>{b.choice.label.clone()}</strong>{from}</li> }
                    })
                    .collect::<Vec<_>>();
                let unanswered = goto(&o.unanswered);
                let has_unanswered = !o.unanswered.is_empty();
                let overridden = o.overridden.map(|x| x.title.clone());
                let changed = o.accepted.zip(o.changed_since_accepted).map(|(kept, now)| view! {
                    <ChangedSinceAccepted decision=c.id.clone()
                        kept=(kept.id.clone(), kept.title.clone()) now=(now.id.clone(), now.title.clone())/>
                });
                view! {
                    {changed}
                    <p class="rec-label">"Recommended"</p>
                    <p class="rec-option">{rec.title.clone()}</p>
                    <p class="rec-badges">
                        <span class=conf_class>{o.confidence.label()}</span>
                        " " {risk_badge(Some(o.risk()))}
                        " " <span class="muted">{format!("{} of {} answered", o.answered, o.total)}</span>
                    </p>
                    {overridden.map(|t| view! { <p class="rec-override">"Your team chose " <strong>{t}</strong> " instead."</p> })}
                    <h3>"Because"</h3>
                    <ul class="because">{because}</ul>
                    {(!others.is_empty()).then(|| view! {
                        <h3>"Also answered"</h3>
                        <p class="hint">"The recommendation rests on the answers above; these were weighed too, and may reveal the risks below."</p>
                        <ul class="because because-other">{others}</ul>
                    })}
                    <div class="md" inner_html=to_safe_html(&rule.rationale)></div>
                    {risk_list(&o.risks)}
                    {has_unanswered.then(|| view! {
                        <h3>"Still open"</h3>
                        <ul class="unanswered">{unanswered}</ul>
                    })}
                }
                .into_any()
            }))
        })
    };
    view! {
        <aside class="rec-panel card" aria-label="Recommendation">
            <div aria-live="polite">{body}</div>
            <h3>"Considered options"</h3>
            <ConsideredOptions checklist decision/>
        </aside>
    }
}

/// An accepted decision whose answers now point elsewhere: keep it, or
/// accept the option recommended now.
#[component]
fn ChangedSinceAccepted(
    decision: String,
    kept: (String, String),
    now: (String, String),
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let ((kept_id, kept_title), (now_id, now_title)) = (kept, now);
    let did = decision.clone();
    view! {
        <div class="advice advice-changed" role="note">
            <p class="advice-title"><strong>"The recommendation changed since this was accepted."</strong></p>
            <p>"The decision stays " <strong>{kept_title.clone()}</strong> " until the team re-decides; the answers now point to " <strong>{now_title.clone()}</strong> "."</p>
            <div class="inline">
                <button type="button" class="btn btn-small btn-primary" on:click=move |_| {
                    let id = now_id.clone();
                    state.update_decision(&did, move |d| d.accept_again(&id));
                }>{format!("Accept {now_title}")}</button>
                <button type="button" class="btn btn-small" on:click=move |_| {
                    let id = kept_id.clone();
                    state.update_decision(&decision, move |d| d.chosen = Some(id));
                }>{format!("Keep {kept_title}")}</button>
            </div>
        </div>
    }
}

/// The risks the answers reveal, highest first, each with what to do.
fn risk_list(risks: &[archbook_core::checklist::RiskHit]) -> impl IntoView {
    (!risks.is_empty()).then(|| view! {
        <h3>{if risks.len() == 1 { "A risk the answers reveal".to_owned() } else { format!("{} risks the answers reveal", risks.len()) }}</h3>
        {risks.iter().map(|r| view! {
            <div class=if r.level == RiskLevel::High { "advice advice-high" } else { "advice" }>
                <p class="advice-title"><strong>{r.level.label()}": "</strong>{r.title.clone()}</p>
                <div class="md" inner_html=to_safe_html(r.rationale)></div>
                <p><strong>"What to do: "</strong>{r.advice.to_owned()}</p>
            </div>
        }).collect_view()}
    })
}

/// Every option of the checklist with its pros and cons; the recommended
/// one open.
#[component]
fn ConsideredOptions(
    checklist: Memo<Option<Checklist>>,
    decision: Signal<Decision>,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let options = move || {
        checklist.with(|c| {
            let c = c.as_ref()?;
            let recommended = state.workbook.with(|w| evaluate(c, &decision.get(), &w.context).recommended.map(|r| r.id.clone()));
            Some(
                c.options
                    .iter()
                    .map(|opt| {
                        let is_rec = recommended.as_deref() == Some(opt.id.as_str());
                        view! {
                            <details class="option" open=is_rec>
                                <summary>{opt.title.clone()}{is_rec.then(|| view! { " " <span class="badge badge-ok">"Recommended"</span> })}</summary>
                                <div class="md" inner_html=to_safe_html(&opt.description)></div>
                                <ul class="pros">{opt.pros.iter().map(|p| view! { <li>"Good, because " {p.text.clone()}</li> }).collect_view()}</ul>
                                <ul class="cons">{opt.cons.iter().map(|p| view! { <li>"Bad, because " {p.text.clone()}</li> }).collect_view()}</ul>
                            </details>
                        }
                    })
                    .collect_view(),
            )
        })
    };
    options
}

/// The team's decision: its chosen option, status and the MADR people fields.
#[component]
fn DecisionRecord(checklist: Memo<Option<Checklist>>, decision_id: String) -> impl IntoView {
    let state = expect_context::<AppState>();
    let did = StoredValue::new(decision_id);
    let d = Signal::derive(move || {
        state.workbook.with(|w| {
            w.decisions
                .get(&did.get_value())
                .cloned()
                .unwrap_or_default()
        })
    });
    let update =
        move |f: Box<dyn FnOnce(&mut Decision)>| state.update_decision(&did.get_value(), f);
    // What "no option chosen" means: the recommendation, or, for an
    // accepted decision whose answers now point elsewhere, the option that
    // was accepted (it stays until the team re-decides).
    let follow = move || {
        checklist.with(|c| {
            let c = c.as_ref()?;
            state.workbook.with(|w| {
                let o = evaluate(c, &d.get(), &w.context);
                Some(match (&o.changed_since_accepted, o.decided()) {
                    (Some(_), Some(kept)) => format!("The accepted option ({})", kept.title),
                    _ => match &o.recommended {
                        Some(r) => format!("Follow the recommendation ({})", r.title),
                        None => "Follow the recommendation".to_owned(),
                    },
                })
            })
        })
    };
    let options = move || {
        checklist.with(|c| {
            c.as_ref()
                .map(|c| {
                    c.options
                        .iter()
                        .map(|o| (o.id.clone(), o.title.clone()))
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    };
    // The team chose another option than the recommended one (core's rule).
    let overriding = move || {
        checklist.with(|c| {
            c.as_ref().is_some_and(|c| {
                state
                    .workbook
                    .with(|w| evaluate(c, &d.get(), &w.context).overridden.is_some())
            })
        })
    };
    let initial = d.get_untracked();
    view! {
        <section class="card record-form" aria-labelledby="record-title">
            <h2 id="record-title">"Your decision"</h2>
            <div class="fields">
                <div class="field field-wide">
                    <label class="field-label" for="chosen">"Chosen option"</label>
                    <select id="chosen" class="input" on:change=move |e| {
                        let v = event_target_value(&e);
                        update(Box::new(move |d| d.chosen = (!v.is_empty()).then_some(v)));
                    }>
                        <option value="" selected=move || d.with(|d| d.chosen.is_none())>
                            {move || follow().unwrap_or_else(|| "Follow the recommendation".to_owned())}
                        </option>
                        {move || options().into_iter().map(|(id, title)| {
                            let sel = id.clone();
                            view! { <option value=id selected=move || d.with(|d| d.chosen.as_deref() == Some(sel.as_str()))>{title}</option> }
                        }).collect_view()}
                    </select>
                </div>
                <Show when=overriding>
                    <div class="field field-wide">
                        <label class="field-label" for="justification">"Why the team chose differently"</label>
                        <textarea id="justification" class="input" rows="3"
                            aria-describedby="justification-hint"
                            on:input=move |e| { let v = event_target_value(&e); update(Box::new(move |d| d.justification = v)); }
                        >{d.get_untracked().justification}</textarea>
                        <p id="justification-hint" class="field-warning">
                            {move || d.with(|d| d.justification.trim().is_empty()).then_some("The record will show this reason; say why the recommendation does not fit.")}
                        </p>
                    </div>
                </Show>
                <div class="field">
                    <label class="field-label" for="status">"Status"</label>
                    <select id="status" class="input" on:change=move |e| {
                        let v = DecisionStatus::from_id(&event_target_value(&e));
                        // Accepting pins the option in force now.
                        let in_force = checklist.with_untracked(|c| c.as_ref().and_then(|c| {
                            state.workbook.with_untracked(|w| evaluate(c, &d.get_untracked(), &w.context).decided().map(|o| o.id.clone()))
                        }));
                        update(Box::new(move |d| d.set_status(v, in_force.as_deref())));
                    }>
                        <option value="" selected=initial.status.is_none()>"Not set"</option>
                        {DecisionStatus::ALL.into_iter().map(|s| view! {
                            <option value=s.id() selected=initial.status == Some(s)>{s.label()}</option>
                        }).collect_view()}
                    </select>
                </div>
                <PeopleField id="makers" label="Decision makers" decision=d field=People::Makers update/>
                <PeopleField id="consulted" label="Consulted" decision=d field=People::Consulted update/>
                <PeopleField id="informed" label="Informed" decision=d field=People::Informed update/>
                <div class="field field-wide">
                    <label class="field-label" for="notes">"Notes"</label>
                    <textarea id="notes" class="input" rows="3"
                        on:input=move |e| { let v = event_target_value(&e); update(Box::new(move |d| d.notes = v)); }
                    >{initial.notes.clone()}</textarea>
                </div>
            </div>
        </section>
    }
}

/// The MADR people fields of a decision.
#[derive(Clone, Copy)]
enum People {
    Makers,
    Consulted,
    Informed,
}

impl People {
    fn of(self, d: &mut Decision) -> &mut Vec<String> {
        match self {
            People::Makers => &mut d.decision_makers,
            People::Consulted => &mut d.consulted,
            People::Informed => &mut d.informed,
        }
    }
}

/// A comma-separated list of names.
#[component]
fn PeopleField(
    id: &'static str,
    label: &'static str,
    decision: Signal<Decision>,
    field: People,
    update: impl Fn(Box<dyn FnOnce(&mut Decision)>) + Copy + 'static,
) -> impl IntoView {
    let initial = decision.with_untracked(|d| field.of(&mut d.clone()).join(", "));
    view! {
        <div class="field">
            <label class="field-label" for=id>{label}</label>
            <input id=id class="input" placeholder="Names, separated by commas" value=initial
                on:input=move |e| {
                    let names: Vec<String> =
                        event_target_value(&e).split(',').map(|x| x.trim().to_owned()).filter(|x| !x.is_empty()).collect();
                    update(Box::new(move |d| *field.of(d) = names));
                }/>
        </div>
    }
}
