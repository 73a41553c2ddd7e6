//! A region's consultations (open, upcoming, past) and a consultation's page: its texts, the
//! questionnaire, the call for proposals, and the synthesis once published.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use leptos::server_fn::ServerFn;

use super::api::{FollowRegion, get_consultation_page, list_consultations};
use super::labels;
use super::proposals::ProposalsSection;
use super::questionnaire::AnswerSection;
use super::types::{
    ConsultationItem, ConsultationListData, ConsultationPageData, ConsultationStatus,
};
use crate::components::form::{ErrorSummary, Notice};
use crate::components::status::LoadError;
use crate::components::status::NotFound;
use crate::components::title::PageTitle;
use crate::dates::DayText;
use crate::i18n::{Locale, td_string, use_i18n};
use crate::lang;
use crate::paths;
use crate::web::flash::Flash;
use crate::web::flash::take_flash;

/// `/{lang}/r/{slug}/consultations`: the region's consultations.
#[component]
pub fn ConsultationListPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let args = move || {
        (
            lang::code(i18n.get_locale()).to_owned(),
            params.read().get("slug").unwrap_or_default(),
        )
    };
    let page = Resource::new(args, |(lang, region)| list_consultations(lang, region));
    let flash = Resource::new(|| (), |()| take_flash("follow".into()));
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let flash = flash.await.ok().flatten().unwrap_or_default();
                match page.await {
                    Ok(Some(data)) => view! { <ConsultationList data flash/> }.into_any(),
                    Ok(None) => view! { <NotFound/> }.into_any(),
                    Err(_) => view! { <LoadError/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn ConsultationList(data: ConsultationListData, flash: Flash) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let code = lang::code(locale);
    let region_name = data.region_name.get(locale).to_owned();
    let title = {
        let name = region_name.clone();
        move || td_string!(locale, consultations_of_region, region = name.clone()).to_string()
    };
    let group = |statuses: &[ConsultationStatus]| -> Vec<ConsultationItem> {
        data.items
            .iter()
            .filter(|c| statuses.contains(&c.status))
            .cloned()
            .collect()
    };
    let sections = [
        (
            "open",
            td_string!(locale, consultations_open),
            group(&[ConsultationStatus::Open]),
        ),
        (
            "upcoming",
            td_string!(locale, consultations_upcoming),
            group(&[ConsultationStatus::Scheduled]),
        ),
        (
            "past",
            td_string!(locale, consultations_past),
            group(&[
                ConsultationStatus::Closed,
                ConsultationStatus::ResultsPublished,
                ConsultationStatus::SynthesisPublished,
                ConsultationStatus::Cancelled,
            ]),
        ),
        (
            "drafts",
            td_string!(locale, consultations_drafts),
            group(&[ConsultationStatus::Draft]),
        ),
    ];
    view! {
        <PageTitle text=title.clone()/>
        <nav class="breadcrumb" aria-label=td_string!(locale, breadcrumb)>
            <a href=paths::region(code, &data.region, "")>{region_name.clone()}</a>
        </nav>
        <h1>{title()}</h1>
        <Notice flash=flash.clone()/>
        <ErrorSummary flash/>
        <FollowForm region=data.region.clone() signed_in=data.signed_in following=data.following/>
        {data.is_officer.then(|| view! {
            <p class="region-actions">
                <a href=paths::region(code, &data.region, "consultations/new") class="button">{td_string!(locale, new_consultation_link)}</a>
            </p>
        })}
        {sections.into_iter().filter(|(key, _, items)| *key != "drafts" || !items.is_empty()).map(|(key, heading, items)| {
            let heading_id = format!("consultations-{key}");
            view! {
                <section aria-labelledby=heading_id.clone()>
                    <h2 id=heading_id.clone()>{heading}</h2>
                    {if items.is_empty() {
                        view! { <p class="empty">{td_string!(locale, consultations_none)}</p> }.into_any()
                    } else {
                        view! {
                            <ul class="consultation-list">
                                {items.into_iter().map(|item| view! { <ConsultationCard item/> }).collect_view()}
                            </ul>
                        }.into_any()
                    }}
                </section>
            }
        }).collect_view()}
    }
}

/// Follow the region (be emailed when one of its consultations opens), or stop.
#[component]
fn FollowForm(region: String, signed_in: bool, following: bool) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let code = lang::code(locale);
    if !signed_in {
        return view! {
            <p><a href=paths::account(code, "sign-in")>{td_string!(locale, follow_sign_in)}</a></p>
        }
        .into_any();
    }
    let (text, value, label) = if following {
        (
            td_string!(locale, following_text),
            "off",
            td_string!(locale, unfollow_submit),
        )
    } else {
        (
            td_string!(locale, follow_text),
            "on",
            td_string!(locale, follow_submit),
        )
    };
    view! {
        <form method="post" action=FollowRegion::url() class="follow">
            <input type="hidden" name="lang" value=code/>
            <input type="hidden" name="region" value=region/>
            <input type="hidden" name="follow" value=value/>
            <p>{text}</p>
            <button type="submit">{label}</button>
        </form>
    }
    .into_any()
}

/// A consultation in a list: title, status, audience, days and summary.
#[component]
fn ConsultationCard(item: ConsultationItem) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let href = paths::consultation(lang::code(locale), &item.region, item.id, "");
    view! {
        <li class="consultation-card" lang=item.lang.clone()>
            <a href=href dir="auto">{item.title.clone()}</a>
            <span class="petition-meta" lang=lang::code(locale)>
                <span class=format!("status status-{}", item.status.as_str())>{labels::status(locale, item.status)}</span>
                " · "
                {labels::audience(locale, &item.audience)}
                " · "
                <span><DayText day=item.opens_on.clone()/>" – "<DayText day=item.closes_on.clone()/></span>
            </span>
            {(!item.summary.is_empty()).then(|| view! { <p dir="auto">{item.summary.clone()}</p> })}
        </li>
    }
}

/// The page language, region and consultation id of the address `…/r/{slug}/consultations/{id}…`.
pub(crate) fn consultation_args()
-> impl Fn() -> (String, String, i32) + Clone + Send + Sync + 'static {
    let i18n = use_i18n();
    let params = use_params_map();
    move || {
        let p = params.read();
        (
            lang::code(i18n.get_locale()).to_owned(),
            p.get("slug").unwrap_or_default(),
            p.get("id")
                .and_then(|id| id.parse::<i32>().ok())
                .unwrap_or(0),
        )
    }
}

/// `/{lang}/r/{slug}/consultations/{id}`: one consultation; 404 when it does not exist for the
/// visitor.
#[component]
pub fn ConsultationPage() -> impl IntoView {
    let args = consultation_args();
    let query = leptos_router::hooks::use_query_map();
    let with_page = move || {
        let proposals_page = query
            .read()
            .get("proposals_page")
            .and_then(|n| n.parse::<u64>().ok())
            .unwrap_or(0)
            .min(100_000);
        (args(), proposals_page)
    };
    let page = Resource::new(with_page, |((lang, region, id), proposals_page)| {
        get_consultation_page(lang, region, id, proposals_page)
    });
    let flashes = Resource::new(
        || (),
        |()| async {
            let mut all = Vec::new();
            for form in ["answer", "proposal", "proposals"] {
                all.push(
                    take_flash(form.into())
                        .await
                        .ok()
                        .flatten()
                        .unwrap_or_default(),
                );
            }
            all
        },
    );
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let mut flashes = flashes.await.into_iter();
                let answer = flashes.next().unwrap_or_default();
                let proposal = flashes.next().unwrap_or_default();
                let list = flashes.next().unwrap_or_default();
                match page.await {
                    Ok(Some(data)) => view! { <Consultation data answer proposal list/> }.into_any(),
                    Ok(None) => view! { <NotFound/> }.into_any(),
                    Err(_) => view! { <LoadError/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// The documents of `purpose` (`document` or `synthesis`), as download links.
#[component]
pub(crate) fn Documents(data: ConsultationPageData, purpose: &'static str) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let documents: Vec<_> = data
        .documents
        .iter()
        .filter(|d| d.purpose == purpose)
        .cloned()
        .collect();
    let heading_id = format!("documents-{purpose}");
    (!documents.is_empty()).then(|| {
        view! {
            <section aria-labelledby=heading_id.clone() class="documents">
                <h3 id=heading_id.clone()>{td_string!(locale, consultation_documents)}</h3>
                <ul>
                    {documents.into_iter().map(|d| view! {
                        <li>
                            <a href=paths::consultation_document(data.item.id, d.id) dir="auto">{d.file_name.clone()}</a>
                            " (PDF, " {td_string!(locale, size_kb, size = d.size_kb)} ")"
                        </li>
                    }).collect_view()}
                </ul>
            </section>
        }
    })
}

/// The facts of a consultation: status, audience, first and last day.
#[component]
pub(crate) fn ConsultationFacts(item: ConsultationItem, locale: Locale) -> impl IntoView {
    view! {
        <dl class="facts">
            <div>
                <dt>{td_string!(locale, consultation_status)}</dt>
                <dd><span class=format!("status status-{}", item.status.as_str())>{labels::status(locale, item.status)}</span></dd>
            </div>
            <div>
                <dt>{td_string!(locale, consultation_audience)}</dt>
                <dd>{labels::audience(locale, &item.audience)}</dd>
            </div>
            <div>
                <dt>{td_string!(locale, consultation_opens)}</dt>
                <dd><DayText day=item.opens_on.clone()/></dd>
            </div>
            <div>
                <dt>{td_string!(locale, consultation_closes)}</dt>
                <dd><DayText day=item.closes_on.clone()/></dd>
            </div>
        </dl>
    }
}

#[component]
fn Consultation(
    data: ConsultationPageData,
    answer: Flash,
    proposal: Flash,
    list: Flash,
) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let code = lang::code(locale);
    let item = data.item.clone();
    let title_text = item.title.clone();
    let region_href = paths::region(code, &item.region, "");
    let list_href = format!("{region_href}/consultations");
    let page_href = format!("{list_href}/{}", item.id);
    let region_name = data.region_name.get(locale).to_owned();
    view! {
        <PageTitle text=move || title_text.clone()/>
        <nav class="breadcrumb" aria-label=td_string!(locale, breadcrumb)>
            <a href=region_href>{region_name}</a>
            " › "
            <a href=list_href>{td_string!(locale, consultations_heading)}</a>
        </nav>
        <h1 lang=item.lang.clone() dir="auto">{item.title.clone()}</h1>
        <ConsultationFacts item=item.clone() locale/>
        {data.cancelled.clone().map(|(day, reason)| view! {
            <div class="notice" role="status">
                <p>{td_string!(locale, consultation_cancelled_on, day = day.get(locale).to_owned())}</p>
                <p lang=item.lang.clone() dir="auto">{reason}</p>
            </div>
        })}
        {data.corrected_on.clone().map(|day| view! {
            <p class="hint">{td_string!(locale, consultation_corrected_on, day = day.get(locale).to_owned())}</p>
        })}
        {data.is_officer.then(|| view! {
            <p><a href=format!("{page_href}/manage")>{td_string!(locale, manage_consultation_link)}</a></p>
        })}
        {data.reviews_now.then(|| view! {
            <p><a href=format!("{page_href}/review")>{td_string!(locale, review_link)}</a></p>
        })}
        {data.results_visible.then(|| view! {
            <p><a href=format!("{page_href}/results") class="button">{td_string!(locale, results_link)}</a></p>
        })}
        <div lang=item.lang.clone()>
            {(!item.summary.is_empty()).then(|| view! { <p class="lead" dir="auto">{item.summary.clone()}</p> })}
            <div class="rich-text" inner_html=data.body_html.clone() dir="auto"></div>
        </div>
        <Documents data=data.clone() purpose="document"/>
        {data.synthesis_html.clone().map(|html| view! {
            <section aria-labelledby="synthesis-heading" class="synthesis">
                <h2 id="synthesis-heading">{td_string!(locale, synthesis_heading)}</h2>
                <div class="rich-text" lang=item.lang.clone() inner_html=html dir="auto"></div>
                <Documents data=data.clone() purpose="synthesis"/>
            </section>
        })}
        {(data.questionnaire && data.cancelled.is_none()).then(|| view! { <AnswerSection data=data.clone() flash=answer/> })}
        {(data.proposals && data.cancelled.is_none()).then(|| view! { <ProposalsSection data=data.clone() form=proposal list/> })}
    }
}
