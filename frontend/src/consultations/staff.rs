//! The council officers' consultation pages: a new draft (texts in the languages they write),
//! and a consultation's management page (its questionnaire built question by question while it
//! is a draft; publishing; then the results and the synthesis).

use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_router::hooks::use_params_map;

use super::labels;
use super::pages::ConsultationFacts;
use super::staff_api::{
    AddQuestion, CancelConsultation, CreateConsultation, ManageConsultation,
    manage_consultation_page, new_consultation_page,
};
use super::types::{ConsultationPageData, ConsultationStatus};
use crate::components::form::{ErrorSummary, Notice};
use crate::components::status::LoadError;
use crate::components::status::NotFound;
use crate::components::texts::{LANGS, language_name, text_field};
use crate::components::title::PageTitle;
use crate::i18n::{Locale, td_string, use_i18n};
use crate::lang;
use crate::paths;
use crate::web::flash::Flash;
use crate::web::flash::take_flash;
use crate::web::messages::message;

const AUDIENCES: [&str; 4] = ["all", "equality_gender", "youth", "economic_actors"];
const KINDS: [&str; 5] = ["single", "multiple", "text", "scale", "ranking"];

/// `/{lang}/r/{slug}/consultations/new`: a new draft (council officers of the region).
#[component]
pub fn NewConsultationPage() -> impl IntoView {
    let params = use_params_map();
    let page = Resource::new(
        move || params.read().get("slug").unwrap_or_default(),
        new_consultation_page,
    );
    let flash = Resource::new(|| (), |()| take_flash("consultation_new".into()));
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let flash = flash.await.ok().flatten().unwrap_or_default();
                match page.await {
                    Ok(Some(data)) => view! { <NewConsultation region=data.region flash/> }.into_any(),
                    Ok(None) => view! { <NotFound/> }.into_any(),
                    Err(_) => view! { <LoadError/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn NewConsultation(region: String, flash: Flash) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let code = lang::code(locale);
    let title = move || td_string!(locale, new_consultation_title).to_string();
    view! {
        <PageTitle text=title/>
        <nav class="breadcrumb" aria-label=td_string!(locale, breadcrumb)>
            <a href=paths::region(code, &region, "consultations")>{td_string!(locale, consultations_heading)}</a>
        </nav>
        <h1>{title()}</h1>
        <ConsultationEditor region flash editing=Editing::New/>
    }
}

/// What the consultation form does: create a draft, or correct consultation `id` (only its
/// texts once it is open).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Editing {
    New,
    Correct { id: i32, texts_only: bool },
}

/// The consultation form: settings, dates and parts (unless only texts are corrected), then the
/// texts per language. `flash` holds what to show: what was typed, or what is stored.
#[component]
pub fn ConsultationEditor(region: String, flash: Flash, editing: Editing) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let code = lang::code(locale);
    // Nothing typed or stored yet: the defaults of a new draft.
    let fresh = flash.errors.is_empty() && flash.values.is_empty();
    let chosen = |name: &str, default: &str| {
        let v = flash.value(name);
        if v.is_empty() && fresh {
            default.to_owned()
        } else {
            v
        }
    };
    let (audience, fallback) = (chosen("audience", "all"), chosen("fallback_lang", code));
    let verification = chosen("verification", "cin");
    let checked = |name: &str| fresh || !flash.value(name).is_empty();
    let error_of = |name: &str| flash.error_of(name).map(|c| message(locale, c));
    let (action, id, texts_only, submit) = match editing {
        Editing::New => (
            CreateConsultation::url(),
            None,
            false,
            td_string!(locale, consultation_create_submit),
        ),
        Editing::Correct { id, texts_only } => (
            super::corrections::CorrectConsultation::url(),
            Some(id),
            texts_only,
            td_string!(locale, consultation_correct_submit),
        ),
    };
    let settings = (!texts_only).then(|| view! {
        <div class="field">
            <label for="consultation-audience">{td_string!(locale, consultation_audience)}</label>
            <select id="consultation-audience" name="consultation[audience]">
                {AUDIENCES.iter().map(|a| view! {
                    <option value=*a selected=*a == audience>{labels::audience(locale, a)}</option>
                }).collect_view()}
            </select>
        </div>
        <div class="field">
            <label for="consultation-fallback_lang">{td_string!(locale, consultation_fallback_lang)}</label>
            <p class="hint" id="consultation-fallback-hint">{td_string!(locale, consultation_fallback_hint)}</p>
            <select id="consultation-fallback_lang" name="consultation[fallback_lang]" aria-describedby="consultation-fallback-hint">
                {LANGS.iter().map(|l| view! {
                    <option value=*l selected=*l == fallback>{language_name(l)}</option>
                }).collect_view()}
            </select>
        </div>
        {["opens_on", "closes_on"].into_iter().map(|name| {
            let id = format!("consultation-{name}");
            let label = if name == "opens_on" {
                td_string!(locale, consultation_opens)
            } else {
                td_string!(locale, consultation_closes)
            };
            view! {
                <div class="field">
                    <label for=id.clone()>{label}</label>
                    {error_of(name).map(|m| view! { <p class="field-error">{m}</p> })}
                    <input id=id type="date" name=format!("consultation[{name}]") value=flash.value(name)/>
                </div>
            }
        }).collect_view()}
        <fieldset id="consultation-parts">
            <legend>{td_string!(locale, consultation_parts)}</legend>
            {error_of("parts").map(|m| view! { <p class="field-error">{m}</p> })}
            <div class="check">
                <input id="consultation-questionnaire" type="checkbox" name="consultation[questionnaire]" value="on" checked=checked("questionnaire")/>
                <label for="consultation-questionnaire">{td_string!(locale, consultation_part_questionnaire)}</label>
            </div>
            <div class="check">
                <input id="consultation-proposals" type="checkbox" name="consultation[proposals]" value="on" checked=checked("proposals")/>
                <label for="consultation-proposals">{td_string!(locale, consultation_part_proposals)}</label>
            </div>
        </fieldset>
        <fieldset id="consultation-verification">
            <legend>{td_string!(locale, consultation_verification)}</legend>
            {error_of("verification").map(|m| view! { <p class="field-error">{m}</p> })}
            {[
                ("cin", td_string!(locale, consultation_verification_cin)),
                ("account", td_string!(locale, consultation_verification_account)),
            ].into_iter().map(|(value, label)| {
                let id = format!("consultation-verification-{value}");
                view! {
                    <div class="check">
                        <input id=id.clone() type="radio" name="consultation[verification]" value=value checked=verification == value/>
                        <label for=id>{label}</label>
                    </div>
                }
            }).collect_view()}
        </fieldset>
    });
    view! {
        <ErrorSummary flash=flash.clone() form="consultation"/>
        <form method="post" action=action novalidate>
            <input type="hidden" name="lang" value=code/>
            <input type="hidden" name="region" value=region.clone()/>
            {id.map(|id| view! { <input type="hidden" name="id" value=id/> })}
            {settings}
            <p class="hint">{td_string!(locale, consultation_texts_hint)}</p>
            {LANGS.iter().map(|l| view! {
                <fieldset lang=*l>
                    <legend>{language_name(l)}</legend>
                    {text_field(locale, &flash, "consultation", ("title", "title", l), td_string!(locale, consultation_title_label).to_string(), false)}
                    {text_field(locale, &flash, "consultation", ("summary", "summary", l), td_string!(locale, consultation_summary_label).to_string(), true)}
                    {text_field(locale, &flash, "consultation", ("body", "body", l), td_string!(locale, consultation_body_label).to_string(), true)}
                </fieldset>
            }).collect_view()}
            <button type="submit" class="primary">{submit}</button>
        </form>
    }
}

/// `/{lang}/r/{slug}/consultations/{id}/manage`: the officers' page of a consultation.
#[component]
pub fn ManageConsultationPage() -> impl IntoView {
    let args = super::pages::consultation_args();
    let page = Resource::new(args, |(lang, region, id)| {
        manage_consultation_page(lang, region, id)
    });
    let flashes = Resource::new(
        || (),
        |()| async {
            let manage = take_flash("manage".into()).await;
            let question = take_flash("question".into()).await;
            (
                manage.ok().flatten().unwrap_or_default(),
                question.ok().flatten().unwrap_or_default(),
            )
        },
    );
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let (manage, question) = flashes.await;
                match page.await {
                    Ok(Some(data)) => view! { <Manage data manage question/> }.into_any(),
                    Ok(None) => view! { <NotFound/> }.into_any(),
                    Err(_) => view! { <LoadError/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Manage(data: ConsultationPageData, manage: Flash, question: Flash) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let code = lang::code(locale);
    let item = data.item.clone();
    let page_href = paths::consultation(code, &item.region, item.id, "");
    let title_text = item.title.clone();
    let status = item.status;
    let step_form = {
        let item = item.clone();
        move |step: &'static str, label: &'static str, extra: Option<(i32, &'static str)>| {
            view! {
                <form method="post" action=ManageConsultation::url() class="inline-form">
                    <input type="hidden" name="lang" value=code/>
                    <input type="hidden" name="region" value=item.region.clone()/>
                    <input type="hidden" name="id" value=item.id/>
                    <input type="hidden" name="step" value=step/>
                    {extra.map(|(q, _)| view! { <input type="hidden" name="question" value=q/> })}
                    <button type="submit" class=extra.map_or("primary", |(_, class)| class)>{label}</button>
                </form>
            }
        }
    };
    let may = data.may;
    view! {
        <PageTitle text=move || title_text.clone()/>
        <nav class="breadcrumb" aria-label=td_string!(locale, breadcrumb)>
            <a href=paths::region(code, &item.region, "consultations")>{td_string!(locale, consultations_heading)}</a>
            " › "
            <a href=page_href.clone() lang=item.lang.clone() dir="auto">{item.title.clone()}</a>
        </nav>
        <h1>{td_string!(locale, manage_consultation_title)}</h1>
        <Notice flash=manage.clone()/>
        <ErrorSummary flash=manage.clone()/>
        <ConsultationFacts item=item.clone() locale/>
        {(may.correct_all || may.correct_texts).then(|| view! {
            <p>
                <a href=format!("{page_href}/correct") class="button">{td_string!(locale, correct_consultation_link)}</a>
                " "
                <span class="hint">{if may.correct_all {
                    td_string!(locale, correct_consultation_all_hint)
                } else {
                    td_string!(locale, correct_consultation_texts_hint)
                }}</span>
            </p>
        })}
        {data.questionnaire.then(|| view! {
            <section aria-labelledby="questions-heading">
                <h2 id="questions-heading">{td_string!(locale, questions_heading)}</h2>
                {if data.questions.is_empty() {
                    view! { <p class="empty">{td_string!(locale, questions_none)}</p> }.into_any()
                } else {
                    view! {
                        <ol class="questions" lang=item.lang.clone()>
                            {data.questions.iter().map(|q| view! {
                                <li>
                                    <span dir="auto">{q.text.clone()}</span>
                                    " ("
                                    <span lang=code>{kind_label(locale, &q.kind)}</span>
                                    ")"
                                    {(!q.choices.is_empty()).then(|| view! {
                                        <ul>{q.choices.iter().map(|(_, c)| view! { <li dir="auto">{c.clone()}</li> }).collect_view()}</ul>
                                    })}
                                    {may.edit_questions.then(|| step_form("remove_question", td_string!(locale, question_remove_submit), Some((q.id, "danger"))))}
                                </li>
                            }).collect_view()}
                        </ol>
                    }.into_any()
                }}
                {may.edit_questions.then(|| view! { <QuestionForm data=data.clone() flash=question.clone()/> })}
            </section>
        })}
        <DocumentForm data=data.clone() flash=manage.clone()/>
        <section aria-labelledby="steps-heading">
            <h2 id="steps-heading">{td_string!(locale, manage_steps_heading)}</h2>
            {match status {
                ConsultationStatus::Draft => view! {
                    <p>{td_string!(locale, publish_consultation_text)}</p>
                    {step_form("publish", td_string!(locale, publish_consultation_submit), None)}
                }.into_any(),
                ConsultationStatus::Scheduled if may.cancel => {
                    let error = manage.error_of("reason").map(|c| message(locale, c));
                    view! {
                        <form method="post" action=CancelConsultation::url()>
                            <input type="hidden" name="lang" value=code/>
                            <input type="hidden" name="region" value=item.region.clone()/>
                            <input type="hidden" name="id" value=item.id/>
                            <div class="field">
                                <label for="manage-reason">{td_string!(locale, cancel_consultation_label)}</label>
                                <p class="hint" id="manage-reason-hint">{td_string!(locale, cancel_consultation_hint)}</p>
                                {error.map(|m| view! { <p class="field-error">{m}</p> })}
                                <textarea id="manage-reason" name="reason" rows="3" dir="auto" aria-describedby="manage-reason-hint"
                                    inner_html=crate::format::escaped(&manage.value("reason"))></textarea>
                            </div>
                            <button type="submit" class="danger">{td_string!(locale, cancel_consultation_submit)}</button>
                        </form>
                    }.into_any()
                }
                ConsultationStatus::Closed => view! {
                    <p><a href=format!("{page_href}/results")>{td_string!(locale, results_link)}</a></p>
                    <p><a href=format!("{page_href}/review")>{td_string!(locale, review_link)}</a></p>
                    <p>{td_string!(locale, publish_results_text)}</p>
                    {step_form("publish_results", td_string!(locale, publish_results_submit), None)}
                }.into_any(),
                ConsultationStatus::ResultsPublished => {
                    let error = manage.error_of("synthesis").map(|c| message(locale, c));
                    view! {
                        <p><a href=format!("{page_href}/results")>{td_string!(locale, results_link)}</a></p>
                        <form method="post" action=ManageConsultation::url()>
                            <input type="hidden" name="lang" value=code/>
                            <input type="hidden" name="region" value=item.region.clone()/>
                            <input type="hidden" name="id" value=item.id/>
                            <input type="hidden" name="step" value="publish_synthesis"/>
                            <div class="field">
                                <label for="manage-synthesis">{td_string!(locale, synthesis_label)}</label>
                                <p class="hint" id="manage-synthesis-hint">{td_string!(locale, synthesis_hint)}</p>
                                {error.map(|m| view! { <p class="field-error">{m}</p> })}
                                <textarea id="manage-synthesis" name="synthesis" rows="12" dir="auto" aria-describedby="manage-synthesis-hint"
                                    inner_html=crate::format::escaped(&manage.value("synthesis"))></textarea>
                            </div>
                            <button type="submit" class="primary">{td_string!(locale, publish_synthesis_submit)}</button>
                        </form>
                    }.into_any()
                }
                _ => view! {
                    <p><a href=format!("{page_href}/results")>{td_string!(locale, results_link)}</a></p>
                }.into_any(),
            }}
        </section>
    }
}

/// The documents attached so far, and the form that attaches a PDF: to the consultation until it
/// closes, to the synthesis once the results are out.
#[component]
fn DocumentForm(data: ConsultationPageData, flash: Flash) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let code = lang::code(locale);
    let purpose = match data.item.status {
        ConsultationStatus::Draft | ConsultationStatus::Scheduled | ConsultationStatus::Open => {
            Some("document")
        }
        ConsultationStatus::ResultsPublished | ConsultationStatus::SynthesisPublished => {
            Some("synthesis")
        }
        ConsultationStatus::Closed | ConsultationStatus::Cancelled => None,
    };
    let error = flash.error_of("document").map(|c| message(locale, c));
    view! {
        <section aria-labelledby="documents-heading">
            <h2 id="documents-heading">{td_string!(locale, consultation_documents)}</h2>
            {if data.documents.is_empty() {
                view! { <p class="empty">{td_string!(locale, documents_none)}</p> }.into_any()
            } else {
                view! {
                    <ul>
                        {data.documents.iter().map(|d| view! {
                            <li>
                                <a href=paths::consultation_document(data.item.id, d.id) dir="auto">{d.file_name.clone()}</a>
                                " — "
                                {if d.purpose == "synthesis" { td_string!(locale, document_of_synthesis) } else { td_string!(locale, document_of_consultation) }}
                                {d.removable.then(|| view! {
                                    <form method="post" action=ManageConsultation::url() class="inline-form">
                                        <input type="hidden" name="lang" value=code/>
                                        <input type="hidden" name="region" value=data.item.region.clone()/>
                                        <input type="hidden" name="id" value=data.item.id/>
                                        <input type="hidden" name="step" value="remove_document"/>
                                        <input type="hidden" name="document" value=d.id/>
                                        <button type="submit" class="danger" aria-label=td_string!(locale, document_remove_label, file = d.file_name.clone())>
                                            {td_string!(locale, document_remove_submit)}
                                        </button>
                                    </form>
                                })}
                            </li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
            {purpose.map(|purpose| view! {
                <form method="post" action="/consultations/document" enctype="multipart/form-data">
                    <input type="hidden" name="lang" value=code/>
                    <input type="hidden" name="region" value=data.item.region.clone()/>
                    <input type="hidden" name="id" value=data.item.id/>
                    <input type="hidden" name="purpose" value=purpose/>
                    <div class="field">
                        <label for="manage-document">{if purpose == "synthesis" { td_string!(locale, document_synthesis_label) } else { td_string!(locale, document_label) }}</label>
                        <p class="hint" id="manage-document-hint">{td_string!(locale, document_hint)}</p>
                        {error.map(|m| view! { <p class="field-error">{m}</p> })}
                        <input id="manage-document" type="file" name="document" accept="application/pdf" aria-describedby="manage-document-hint"/>
                    </div>
                    <button type="submit">{td_string!(locale, document_submit)}</button>
                </form>
            })}
        </section>
    }
}

/// A question's kind.
fn kind_label(locale: Locale, kind: &str) -> &'static str {
    match kind {
        "single" => td_string!(locale, question_kind_single),
        "multiple" => td_string!(locale, question_kind_multiple),
        "text" => td_string!(locale, question_kind_text),
        "scale" => td_string!(locale, question_kind_scale),
        _ => td_string!(locale, question_kind_ranking),
    }
}

/// The form that adds a question to a draft.
#[component]
fn QuestionForm(data: ConsultationPageData, flash: Flash) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let code = lang::code(locale);
    let kind = flash.value("kind");
    let required = flash.errors.is_empty() || !flash.value("required").is_empty();
    let error_of = |name: &str| flash.error_of(name).map(|c| message(locale, c));
    view! {
        <h3 id="add-question">{td_string!(locale, add_question_heading)}</h3>
        <Notice flash=flash.clone()/>
        <ErrorSummary flash=flash.clone() form="question"/>
        <form method="post" action=AddQuestion::url() novalidate>
            <input type="hidden" name="lang" value=code/>
            <input type="hidden" name="region" value=data.item.region.clone()/>
            <input type="hidden" name="id" value=data.item.id/>
            <div class="field">
                <label for="question-question_kind">{td_string!(locale, question_kind_label)}</label>
                {error_of("question_kind").map(|m| view! { <p class="field-error">{m}</p> })}
                <select id="question-question_kind" name="question[kind]">
                    {KINDS.iter().map(|k| view! {
                        <option value=*k selected=*k == kind>{kind_label(locale, k)}</option>
                    }).collect_view()}
                </select>
            </div>
            <div class="check">
                <input id="question-required" type="checkbox" name="question[required]" value="on" checked=required/>
                <label for="question-required">{td_string!(locale, question_required_label)}</label>
            </div>
            <div class="field">
                <label for="question-max">{td_string!(locale, question_max_label)}</label>
                <p class="hint" id="question-max-hint">{td_string!(locale, question_max_hint)}</p>
                {error_of("max").map(|m| view! { <p class="field-error">{m}</p> })}
                <input id="question-max" name="question[max]" type="text" inputmode="numeric" value=flash.value("max") aria-describedby="question-max-hint"/>
            </div>
            <p class="hint">{td_string!(locale, question_texts_hint)}</p>
            {LANGS.iter().map(|l| view! {
                <fieldset lang=*l>
                    <legend>{language_name(l)}</legend>
                    {text_field(locale, &flash, "question", ("question_text", "text", l), td_string!(locale, question_text_label).to_string(), false)}
                    {text_field(locale, &flash, "question", ("choices", "choices", l), td_string!(locale, question_choices_label).to_string(), true)}
                    {text_field(locale, &flash, "question", ("labels", "low", l), td_string!(locale, question_low_label).to_string(), false)}
                    {text_field(locale, &flash, "question", ("labels", "high", l), td_string!(locale, question_high_label).to_string(), false)}
                </fieldset>
            }).collect_view()}
            <button type="submit">{td_string!(locale, add_question_submit)}</button>
        </form>
    }
}
