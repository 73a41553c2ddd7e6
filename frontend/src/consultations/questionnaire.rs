//! The questionnaire form of a consultation page: one fieldset per question, the audience
//! declaration and the optional province. It posts to `/consultations/answer` (a plain form:
//! its fields are named after the questions) and comes back with the errors and what was given.

use leptos::prelude::*;

use super::labels;
use super::types::{ConsultationPageData, ConsultationStatus, QuestionItem};
use crate::components::form::{ErrorSummary, Notice, described_by};
use crate::i18n::{td_string, use_i18n};
use crate::lang;
use crate::paths;
use crate::web::flash::Flash;
use crate::web::messages::message;

/// Where the answer form posts.
pub const ANSWER_URL: &str = "/consultations/answer";

/// Every value posted for `name` (fields such as checkboxes repeat).
fn values_of(flash: &Flash, name: &str) -> Vec<String> {
    flash
        .values
        .iter()
        .filter(|(k, _)| k == name)
        .map(|(_, v)| v.clone())
        .collect()
}

/// The "answer" section.
#[component]
pub fn AnswerSection(data: ConsultationPageData, flash: Flash) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let code = lang::code(locale);
    let item = data.item.clone();
    let returned = !flash.errors.is_empty();
    let body = if item.status == ConsultationStatus::Scheduled {
        view! { <p>{td_string!(locale, answer_opens_on, day = item.opens_on.get(locale).to_owned())}</p> }
            .into_any()
    } else if item.status != ConsultationStatus::Open {
        view! { <p>{td_string!(locale, answer_closed)}</p> }.into_any()
    } else if !data.signed_in {
        view! {
            <p>
                <a href=paths::account(code, "sign-in")>{td_string!(locale, answer_sign_in)}</a>
            </p>
        }
        .into_any()
    } else {
        // What the form shows: what was just posted (when it came back), else the saved answer.
        let mine = data.my_answers.clone().unwrap_or_default();
        let posted = flash.clone();
        let given = move |q: i32| -> Vec<String> {
            if returned {
                values_of(&posted, &format!("q{q}"))
            } else {
                mine.of(q).to_vec()
            }
        };
        let declared = if returned {
            !values_of(&flash, "audience").is_empty()
        } else {
            data.my_answers
                .as_ref()
                .is_some_and(|m| m.audience_declared)
        };
        let notify = if returned {
            !values_of(&flash, "notify").is_empty()
        } else {
            data.my_answers.as_ref().is_some_and(|m| m.notify)
        };
        let province = if returned {
            flash.value("province")
        } else {
            data.my_answers
                .as_ref()
                .map(|m| m.province.clone())
                .unwrap_or_default()
        };
        let submit = if data.my_answers.is_some() {
            td_string!(locale, answer_update_submit)
        } else {
            td_string!(locale, answer_submit)
        };
        let audience = item.audience.clone();
        let per_cin = data.per_cin;
        view! {
            {data.my_answers.is_some().then(|| view! { <p>{td_string!(locale, answer_already_given)}</p> })}
            <form method="post" action=ANSWER_URL class="questionnaire" id="answer-form" novalidate>
                <input type="hidden" name="lang" value=code/>
                <input type="hidden" name="region" value=item.region.clone()/>
                <input type="hidden" name="id" value=item.id/>
                <div lang=item.lang.clone()>
                    {data.questions.iter().enumerate().map(|(n, q)| {
                        let values = given(q.id);
                        let error = flash.error_of(&format!("q{}", q.id)).map(str::to_owned);
                        view! { <Question n=n + 1 question=q.clone() values error/> }
                    }).collect_view()}
                </div>
                {(audience != "all").then(|| {
                    let error = flash.error_of("audience").map(str::to_owned);
                    view! {
                        <div class="check">
                            <input
                                id="answer-audience"
                                type="checkbox"
                                name="audience"
                                value="on"
                                checked=declared
                                aria-invalid=error.is_some().then_some("true")
                                aria-describedby=error.is_some().then_some("answer-audience-error")
                            />
                            <label for="answer-audience">{labels::audience_declaration(locale, &audience)}</label>
                            {error.map(|code| view! {
                                <p class="field-error" id="answer-audience-error">{message(locale, &code)}</p>
                            })}
                        </div>
                    }
                })}
                {per_cin.then(|| {
                    let error = flash.error_of("cin").map(str::to_owned);
                    let described = if error.is_some() { "answer-cin-hint answer-cin-error" } else { "answer-cin-hint" };
                    view! {
                        <div class="field">
                            <label for="answer-cin">{td_string!(locale, answer_cin_label)}</label>
                            <p class="hint" id="answer-cin-hint">{td_string!(locale, answer_cin_hint)}</p>
                            {error.clone().map(|code| view! {
                                <p class="field-error" id="answer-cin-error">{message(locale, &code)}</p>
                            })}
                            <input
                                id="answer-cin"
                                name="cin"
                                autocomplete="off"
                                aria-invalid=error.is_some().then_some("true")
                                aria-describedby=described
                            />
                        </div>
                    }
                })}
                <div class="field">
                    <label for="answer-province">{td_string!(locale, answer_province_label)}</label>
                    <p class="hint" id="answer-province-hint">{if per_cin { td_string!(locale, answer_province_required_hint) } else { td_string!(locale, answer_province_hint) }}</p>
                    {flash.error_of("province").map(|code| view! {
                        <p class="field-error">{message(locale, code)}</p>
                    })}
                    <select id="answer-province" name="province" aria-describedby="answer-province-hint">
                        <option value="">{td_string!(locale, answer_province_none)}</option>
                        {data.provinces.iter().map(|p| view! {
                            <option value=p.code.clone() selected=p.code == province>{p.name.get(locale).to_owned()}</option>
                        }).collect_view()}
                    </select>
                </div>
                <div class="check">
                    <input id="answer-notify" type="checkbox" name="notify" value="on" checked=notify/>
                    <label for="answer-notify">{td_string!(locale, answer_notify_label)}</label>
                </div>
                <button type="submit" class="primary">{submit}</button>
            </form>
        }
        .into_any()
    };
    view! {
        <section id="answer" aria-labelledby="answer-heading" class="answer">
            <h2 id="answer-heading">{td_string!(locale, answer_heading)}</h2>
            <Notice flash=flash.clone()/>
            <ErrorSummary flash=flash.clone() form="answer"/>
            {body}
        </section>
    }
}

/// One question, with its error and what was given.
#[component]
fn Question(
    n: usize,
    question: QuestionItem,
    values: Vec<String>,
    error: Option<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let id = format!("answer-q{}", question.id);
    let name = format!("q{}", question.id);
    let error_id = format!("{id}-error");
    let hint_id = format!("{id}-hint");
    let chosen = |value: &str| values.iter().any(|v| v == value);
    let hint = match question.kind.as_str() {
        "multiple" => question
            .max_choices
            .map(|max| td_string!(locale, question_hint_multiple, max = max).to_string()),
        // Texts may be published: nobody's personal data in them.
        "text" => Some(match question.max_chars {
            Some(max) => format!(
                "{} {}",
                td_string!(locale, question_hint_text, max = max),
                td_string!(locale, question_hint_no_personal_data)
            ),
            None => td_string!(locale, question_hint_no_personal_data).to_string(),
        }),
        "ranking" => Some(td_string!(locale, question_hint_ranking).to_string()),
        _ => None,
    };
    let described = described_by(
        hint.is_some().then_some(hint_id.as_str()),
        error.is_some().then_some(error_id.as_str()),
    );
    let control = match question.kind.as_str() {
        "single" | "multiple" => {
            let kind = if question.kind == "single" {
                "radio"
            } else {
                "checkbox"
            };
            question
                .choices
                .iter()
                .map(|(choice, wording)| {
                    let input_id = format!("{id}-c{choice}");
                    view! {
                        <div class="check">
                            <input id=input_id.clone() type=kind name=name.clone() value=*choice checked=chosen(&choice.to_string())/>
                            <label for=input_id dir="auto">{wording.clone()}</label>
                        </div>
                    }
                })
                .collect_view()
                .into_any()
        }
        "scale" => (1..=5)
            .map(|point| {
                let input_id = format!("{id}-p{point}");
                let label = match point {
                    1 => question.low_label.clone().map(|l| format!("1 — {l}")),
                    5 => question.high_label.clone().map(|l| format!("5 — {l}")),
                    _ => None,
                }
                .unwrap_or_else(|| point.to_string());
                view! {
                    <div class="check scale-point">
                        <input id=input_id.clone() type="radio" name=name.clone() value=point checked=chosen(&point.to_string())/>
                        <label for=input_id dir="auto">{label}</label>
                    </div>
                }
            })
            .collect_view()
            .into_any(),
        "ranking" => (0..question.choices.len())
            .map(|place| {
                let select_id = format!("{id}-r{}", place + 1);
                let current = values.get(place).cloned().unwrap_or_default();
                view! {
                    <div class="field ranking-place">
                        <label for=select_id.clone()>{td_string!(locale, ranking_place, place = place + 1)}</label>
                        <select id=select_id name=name.clone()>
                            <option value="">"—"</option>
                            {question.choices.iter().map(|(choice, wording)| view! {
                                <option value=*choice dir="auto" selected=choice.to_string() == current>{wording.clone()}</option>
                            }).collect_view()}
                        </select>
                    </div>
                }
            })
            .collect_view()
            .into_any(),
        _ => {
            let text_id = format!("{id}-text");
            view! {
                <label for=text_id.clone() class="visually-hidden" dir="auto">{question.text.clone()}</label>
                <textarea
                    id=text_id
                    name=name.clone()
                    rows="5" dir="auto"
                    maxlength=question.max_chars
                    aria-describedby=described.clone()
                    inner_html=crate::format::escaped(values.first().map(String::as_str).unwrap_or_default())
                ></textarea>
            }
            .into_any()
        }
    };
    view! {
        <fieldset
            class="question"
            id=id.clone()
            tabindex="-1"
            aria-describedby=described.clone()
        >
            <legend>
                {format!("{n}. ")}<span dir="auto">{question.text.clone()}</span>
                {(!question.required).then(|| view! {
                    " " <span class="optional">{td_string!(locale, question_optional)}</span>
                })}
            </legend>
            {hint.map(|h| view! { <p class="hint" id=hint_id.clone()>{h}</p> })}
            {error.map(|code| view! { <p class="field-error" id=error_id.clone()>{message(locale, &code)}</p> })}
            {control}
        </fieldset>
    }
}
