//! The staff's side of a petition page (moderation, the council's steps, the signatory list),
//! and the printable signatory list.

use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_router::hooks::{use_params_map, use_query_map};

use super::labels;
use super::reports::HideOrRestore;
use super::staff_api::{ModeratePetition, signatory_list};
use super::types::{CouncilChoice, PetitionPageData};
use crate::components::block::BlockAuthorForm;
use crate::components::form::{ErrorSummary, Field, Notice};
use crate::components::status::LoadError;
use crate::components::status::NotFound;
use crate::components::title::PageTitle;
use crate::i18n::{td_string, use_i18n};
use crate::lang;
use crate::paths;
use crate::web::flash::Flash;
use crate::web::messages::message;

/// What the region's moderators and council officers can do on this petition now.
#[component]
pub fn StaffPanel(data: PetitionPageData, flash: Flash) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let moderating = data.viewer.can_moderate;
    let hiding = data.viewer.can_hide || data.viewer.can_restore;
    let with_council = !data.viewer.council_steps.is_empty();
    let signatories = data.viewer.can_list_signatories;
    let paper = data.viewer.can_enter_paper;
    let fraud = data.viewer.can_review_fraud;
    let shown = moderating
        || hiding
        || with_council
        || signatories
        || paper
        || fraud
        || flash.notice.is_some()
        || !flash.errors.is_empty();
    shown.then(|| {
        let code = lang::code(locale);
        let (region, id) = (data.item.region.clone(), data.item.id);
        view! {
            <section id="staff" aria-labelledby="staff-heading" class="staff">
                <h2 id="staff-heading">{td_string!(locale, petition_staff_heading)}</h2>
                <Notice flash=flash.clone()/>
                <ErrorSummary flash=flash.clone() form="staff"/>
                {moderating.then(|| view! {
                    <form method="post" action=ModeratePetition::url()>
                        <input type="hidden" name="lang" value=code/>
                        <input type="hidden" name="region" value=region.clone()/>
                        <input type="hidden" name="id" value=id/>
                        <fieldset class="field" id="staff-decision">
                            <legend>{td_string!(locale, moderation_legend)}</legend>
                            {[("publish", td_string!(locale, moderation_publish)),
                              ("request_changes", td_string!(locale, moderation_request_changes)),
                              ("reject", td_string!(locale, moderation_reject))]
                                .into_iter().map(|(value, label)| view! {
                                    <div class="check">
                                        <input id=format!("staff-decision-{value}") type="radio" name="decision" value=value/>
                                        <label for=format!("staff-decision-{value}")>{label}</label>
                                    </div>
                                }).collect_view()}
                        </fieldset>
                        <div class="field">
                            <label for="staff-reason">{td_string!(locale, moderation_reason)}</label>
                            {flash.error_of("reason").map(|c| view! { <p class="field-error">{message(locale, c)}</p> })}
                            <select id="staff-reason" name="reason">
                                <option value="">{td_string!(locale, choose)}</option>
                                {crate::web::messages::REJECTION_REASONS.iter().map(|r| view! { <option value=*r>{labels::rejection_reason(locale, r)}</option> }).collect_view()}
                            </select>
                        </div>
                        <div class="field">
                            <label for="staff-note">{td_string!(locale, moderation_note)}</label>
                            <p class="hint" id="staff-note-hint">{td_string!(locale, moderation_note_hint)}</p>
                            {flash.error_of("note").map(|c| view! { <p class="field-error">{message(locale, c)}</p> })}
                            <textarea id="staff-note" name="note" rows="4" dir="auto" aria-describedby="staff-note-hint" inner_html=crate::format::escaped(&flash.value("note"))></textarea>
                        </div>
                        <button type="submit" class="primary">{td_string!(locale, moderation_submit)}</button>
                    </form>
                })}
                {hiding.then(|| view! { <HideOrRestore data=data.clone()/> })}
                {(moderating || hiding).then(|| view! { <BlockAuthorForm id="petition".to_owned() kind="petition" target=id.to_string() region=region.clone()/> })}
                {with_council.then(|| view! { <CouncilForm data=data.clone() flash=flash.clone()/> })}
                {fraud.then(|| view! {
                    <p><a href=paths::petition(code, &data.item.region, data.item.id, "review")>{td_string!(locale, fraud_link)}</a></p>
                })}
                {paper.then(|| view! {
                    <p><a href=paths::petition(code, &data.item.region, data.item.id, "paper")>{td_string!(locale, paper_link)}</a></p>
                })}
                {signatories.then(|| {
                    let base = paths::petition(code, &data.item.region, data.item.id, "");
                    view! {
                        <p>
                            <a href=format!("{base}/signatories")>{td_string!(locale, signatories_printable)}</a>
                            " · "
                            <a href=paths::signatories_csv(data.item.id)>{td_string!(locale, signatories_csv)}</a>
                        </p>
                        <p class="hint">{td_string!(locale, signatories_audit_note)}</p>
                    }
                })}
            </section>
        }
    })
}

/// The council officer's next step, as the status allows.
#[component]
fn CouncilForm(data: PetitionPageData, flash: Flash) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let choices: Vec<(&str, &'static str)> = data
        .viewer
        .council_steps
        .iter()
        .map(|choice| {
            let label = match choice {
                CouncilChoice::StartReview => td_string!(locale, council_start_review),
                CouncilChoice::Admissible => td_string!(locale, council_admissible),
                CouncilChoice::Inadmissible => td_string!(locale, council_inadmissible),
                CouncilChoice::Schedule => td_string!(locale, council_schedule),
                CouncilChoice::Answer => td_string!(locale, council_answer),
            };
            (choice.as_str(), label)
        })
        .collect();
    // What was typed, else the next session after a decision today.
    let session = Some(flash.value("session"))
        .filter(|s| !s.is_empty())
        .or(data.viewer.next_session.clone())
        .unwrap_or_default();
    view! {
        <form method="post" action="/petitions/council-step" enctype="multipart/form-data">
            <input type="hidden" name="lang" value=lang::code(locale)/>
            <input type="hidden" name="region" value=data.item.region.clone()/>
            <input type="hidden" name="id" value=data.item.id/>
            <fieldset class="field" id="staff-decision">
                <legend>{td_string!(locale, council_legend)}</legend>
                {choices.into_iter().map(|(value, label)| view! {
                    <div class="check">
                        <input id=format!("staff-step-{value}") type="radio" name="decision" value=value/>
                        <label for=format!("staff-step-{value}")>{label}</label>
                    </div>
                }).collect_view()}
            </fieldset>
            <Field flash=flash.clone() form="staff" name="committee" kind="text" autocomplete="off" dir="auto"
                label=move || td_string!(locale, petition_committee) value=flash.value("committee")/>
            <Field flash=flash.clone() form="staff" name="session" kind="month" autocomplete="off"
                label=move || td_string!(locale, petition_session) value=session
                hint=Signal::stored(td_string!(locale, council_session_hint))/>
            <Field flash=flash.clone() form="staff" name="sitting_on" kind="date" autocomplete="off"
                label=move || td_string!(locale, petition_sitting) value=flash.value("sitting_on")/>
            <div class="field">
                <label for="staff-reasons">{td_string!(locale, petition_inadmissible_reasons)}</label>
                {flash.error_of("reasons").map(|c| view! { <p class="field-error">{message(locale, c)}</p> })}
                <textarea id="staff-reasons" name="reasons" rows="4" dir="auto" inner_html=crate::format::escaped(&flash.value("reasons"))></textarea>
            </div>
            <div class="field">
                <label for="staff-answer">{td_string!(locale, petition_answer)}</label>
                {flash.error_of("answer").map(|c| view! { <p class="field-error">{message(locale, c)}</p> })}
                <textarea id="staff-answer" name="answer" rows="6" dir="auto" inner_html=crate::format::escaped(&flash.value("answer"))></textarea>
            </div>
            <div class="field">
                <label for="staff-document">{td_string!(locale, council_document)}</label>
                <p class="hint" id="staff-document-hint">{td_string!(locale, council_document_hint)}</p>
                {flash.error_of("document").map(|c| view! { <p class="field-error" id="staff-document-error">{message(locale, c)}</p> })}
                <input id="staff-document" name="document" type="file" aria-describedby="staff-document-hint"
                    accept="application/pdf,image/png,image/jpeg"/>
            </div>
            <button type="submit" class="primary">{td_string!(locale, council_submit)}</button>
        </form>
    }
}

/// `/{lang}/r/{slug}/petitions/{id}/signatories`: the printable list, for the council's officers.
#[component]
pub fn SignatoriesPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let args = move || {
        (
            params
                .read()
                .get("id")
                .and_then(|id| id.parse::<i32>().ok())
                .unwrap_or(0),
            query
                .read()
                .get("after")
                .and_then(|a| a.parse::<i32>().ok()),
        )
    };
    let list = Resource::new(args, |(id, after)| signatory_list(id, after));
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let i18n = use_i18n();
                let locale = i18n.get_locale_untracked();
                match list.await {
                    Ok(Some(list)) => {
                        let title = td_string!(locale, signatories_title, title = list.title.clone()).to_string();
                        let heading = title.clone();
                        view! {
                            <PageTitle text=move || title.clone()/>
                            <h1>{heading}</h1>
                            {list.reference.map(|r| view! { <p>{td_string!(locale, petition_reference)} " : " <span dir="ltr">{r}</span></p> })}
                            <table class="signatories">
                                <caption>{td_string!(locale, signatories_caption, count = list.total)}</caption>
                                <thead><tr>
                                    <th scope="col">"#"</th>
                                    <th scope="col">{td_string!(locale, sign_full_name)}</th>
                                    <th scope="col">{td_string!(locale, sign_cin)}</th>
                                    <th scope="col">{td_string!(locale, col_province)}</th>
                                    <th scope="col">{td_string!(locale, col_day)}</th>
                                    <th scope="col">{td_string!(locale, col_origin)}</th>
                                </tr></thead>
                                <tbody>
                                    {list.rows.into_iter().enumerate().map(|(i, row)| view! {
                                        <tr>
                                            <td>{list.first + i as u64}</td>
                                            <td dir="auto">{row.full_name}</td>
                                            <td dir="ltr">{row.cin}</td>
                                            <td>{row.province.get(locale).to_owned()}</td>
                                            <td><crate::dates::DayText day=row.signed_on/></td>
                                            <td>{match row.paper {
                                                Some(batch) => view! { {td_string!(locale, origin_paper)} " (" <span dir="auto">{batch}</span> ")" }.into_any(),
                                                None => td_string!(locale, origin_online).into_any(),
                                            }}</td>
                                        </tr>
                                    }).collect_view()}
                                </tbody>
                            </table>
                            {list.next.map(|after| view! {
                                <p><a href=format!("?after={after}") rel="next">{td_string!(locale, signatories_next)}</a></p>
                            })}
                        }.into_any()
                    }
                    Ok(None) => view! { <NotFound/> }.into_any(),
                    Err(_) => view! { <LoadError/> }.into_any(),
                }
            })}
        </Suspense>
    }
}
