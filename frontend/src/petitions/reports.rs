//! Reporting a petition, and hiding and restoring one: the report form of the petition page (any
//! signed-in account), the moderators' hide and restore forms there, the notice a hidden petition
//! shows, and the moderation page's sections (reported petitions, hidden petitions). The domain
//! (`domain::petitions::{reports, hiding}`) decides who may; these parse and map.

use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos::server_fn::codec::GetUrl;
use serde::{Deserialize, Serialize};

use super::types::PetitionPageData;
use crate::components::block::BlockAuthorForm;
use crate::components::form::{ErrorSummary, Notice};
use crate::components::pager::pager;
use crate::components::reasons::{
    REPORT_REASONS, RESTORE_REASONS, ReasonSelect, report_reason, restore_reason,
};
use crate::dates::{Day, DayText};
use crate::i18n::{td_string, use_i18n};
use crate::lang;
use crate::paths;
use crate::web::flash::Flash;

/// An open report of a petition.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PetitionReportItem {
    pub id: i32,
    pub petition: i32,
    pub title: String,
    pub reason: String,
    pub reported_on: Day,
}

/// A page of open petition reports.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PetitionReportsData {
    pub items: Vec<PetitionReportItem>,
    pub page: u64,
    pub pages: u64,
}

/// A hidden petition.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HiddenPetitionItem {
    pub petition: i32,
    pub title: String,
    pub reason: String,
    pub hidden_on: Day,
}

/// Reports petition `id` of `region` for `reason`, then its page.
#[server(prefix = "/fn", endpoint = "report_petition")]
pub async fn report_petition(
    lang: String,
    region: String,
    id: i32,
    reason: String,
) -> Result<(), crate::web::error::AppError> {
    let Some((lang, session, ctx, user)) = crate::web::request::signed_in_form(&lang).await? else {
        return Ok(());
    };
    let result = domain::petitions::reports::report_petition(
        &ctx,
        user,
        &crate::web::request::client_origin(),
        domain::types::PetitionId(id),
        &reason,
    )
    .await;
    let flash = Flash::outcome("report", result.map(|()| "reported_notice"));
    let page = super::api::server::page_path(lang, &region, id);
    crate::web::request::back(&session, flash, &format!("{page}#report")).await
}

/// A moderator hides petition `id` for `reason` (`hide`) or shows it again (`restore`), then its
/// page.
#[server(prefix = "/fn", endpoint = "hide_petition")]
pub async fn hide_petition(
    lang: String,
    region: String,
    id: i32,
    action: String,
    reason: String,
) -> Result<(), crate::web::error::AppError> {
    use domain::petitions::hiding;
    let Some((lang, session, ctx, actor)) = crate::web::request::staff_form(&lang).await? else {
        return Ok(());
    };
    let id = domain::types::PetitionId(id);
    let result = if action == "restore" {
        hiding::restore_petition(&ctx, &actor, id, &reason)
            .await
            .map(|()| "petition_restored_notice")
    } else {
        hiding::hide_petition(&ctx, &actor, id, &reason)
            .await
            .map(|()| "petition_hidden_notice")
    };
    let flash = Flash::outcome("staff", result);
    let page = super::api::server::page_path(lang, &region, id.0);
    crate::web::request::back(&session, flash, &format!("{page}#staff")).await
}

/// Hides the reported petition (`decision` `hide`) or keeps it, then the moderation page.
#[server(prefix = "/fn", endpoint = "decide_petition_report")]
pub async fn decide_petition_report(
    lang: String,
    region: String,
    report: i32,
    decision: String,
) -> Result<(), crate::web::error::AppError> {
    let Some((lang, session, ctx, actor)) = crate::web::request::staff_form(&lang).await? else {
        return Ok(());
    };
    let result = domain::petitions::reports::decide_petition_report(
        &ctx,
        &actor,
        report,
        decision == "hide",
    )
    .await;
    let flash = Flash::outcome("petition_reports", result.map(|()| "report_decided_notice"));
    let to = crate::paths::region(
        lang.code(),
        &domain::types::RegionSlug::path_segment(&region),
        "moderation#petition-reports",
    );
    crate::web::request::back(&session, flash, &to).await
}

/// Page `page` of the open petition reports of `region`; `None` unless the visitor moderates it.
#[server(prefix = "/fn", endpoint = "list_petition_reports", input = GetUrl)]
pub async fn list_petition_reports(
    region: String,
    page: Option<u64>,
) -> Result<Option<PetitionReportsData>, crate::web::error::AppError> {
    let ctx = crate::web::request::context()?;
    let Some(actor) = crate::web::request::current_actor(&ctx).await? else {
        return Ok(None);
    };
    let Some((_, detail)) = crate::web::request::find_region(&ctx, &region).await? else {
        return Ok(None);
    };
    let listed = domain::petitions::reports::list_petition_reports(
        &ctx,
        &actor,
        detail.id,
        page.unwrap_or(1),
    )
    .await;
    match listed {
        Ok(listed) => Ok(Some(PetitionReportsData {
            page: listed.page,
            pages: listed.pages,
            items: listed
                .reports
                .into_iter()
                .map(|r| PetitionReportItem {
                    id: r.id,
                    petition: r.petition_id,
                    title: r.title,
                    reason: r.reason,
                    reported_on: Day::at(r.created_at),
                })
                .collect(),
        })),
        Err(domain::DomainError::Forbidden) => Ok(None),
        Err(err) => Err(err.into()),
    }
}

/// The hidden petitions of `region`; `None` unless the visitor moderates it.
#[server(prefix = "/fn", endpoint = "list_hidden_petitions", input = GetUrl)]
pub async fn list_hidden_petitions(
    region: String,
) -> Result<Option<Vec<HiddenPetitionItem>>, crate::web::error::AppError> {
    let ctx = crate::web::request::context()?;
    let Some(actor) = crate::web::request::current_actor(&ctx).await? else {
        return Ok(None);
    };
    let Some((_, detail)) = crate::web::request::find_region(&ctx, &region).await? else {
        return Ok(None);
    };
    match domain::petitions::hiding::list_hidden_petitions(&ctx, &actor, detail.id).await {
        Ok(items) => Ok(Some(
            items
                .into_iter()
                .map(|h| HiddenPetitionItem {
                    petition: h.id.0,
                    title: h.title,
                    reason: h.reason,
                    hidden_on: Day::at(h.hidden_at),
                })
                .collect(),
        )),
        Err(domain::DomainError::Forbidden) => Ok(None),
        Err(err) => Err(err.into()),
    }
}

/// What a hidden petition's page says: to the public instead of the petition, to its
/// representative and the staff above it.
#[component]
pub fn HiddenNotice(data: PetitionPageData) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    data.hidden.map(|hidden| {
        let said = td_string!(
            locale,
            petition_hidden_on,
            day = hidden.on.get(locale).to_owned(),
            reason = report_reason(locale, &hidden.reason)
        )
        .to_string();
        view! {
            <section class="moderation-outcome" aria-labelledby="hidden-heading">
                <h2 id="hidden-heading">{td_string!(locale, petition_hidden_heading)}</h2>
                <p>{said}</p>
                {data.text_shown.then(|| view! { <p class="hint">{td_string!(locale, petition_hidden_staff_hint)}</p> })}
            </section>
        }
    })
}

/// "Report this petition" (a disclosure with the reason), with the outcome of the last report.
#[component]
pub fn ReportPetition(data: PetitionPageData, flash: Flash) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let answered = flash.notice.is_some() || !flash.errors.is_empty();
    (data.viewer.can_report || answered).then(|| {
        view! {
            <section id="report" aria-labelledby="report-heading">
                <h2 id="report-heading" class="visually-hidden">{td_string!(locale, petition_report_summary)}</h2>
                <Notice flash=flash.clone()/>
                <ErrorSummary flash/>
                {data.viewer.can_report.then(|| view! {
                    <details class="report">
                        <summary>{td_string!(locale, petition_report_summary)}</summary>
                        <form method="post" action=ReportPetition::url()>
                            <input type="hidden" name="lang" value=lang::code(locale)/>
                            <input type="hidden" name="region" value=data.item.region.clone()/>
                            <input type="hidden" name="id" value=data.item.id/>
                            <ReasonSelect id="report-reason".into() label=td_string!(locale, report_reason_label) reasons=&REPORT_REASONS label_of=report_reason/>
                            <button type="submit">{td_string!(locale, report_submit)}</button>
                        </form>
                    </details>
                })}
            </section>
        }
    })
}

/// The moderators' hide or restore form of a petition page (whichever applies, if any).
#[component]
pub fn HideOrRestore(data: PetitionPageData) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let v = &data.viewer;
    type Label = fn(crate::i18n::Locale, &str) -> &'static str;
    let (action, reasons, label_of, label, legend, submit): (
        _,
        &'static [&'static str],
        Label,
        _,
        _,
        _,
    ) = if v.can_hide {
        let legend = td_string!(locale, petition_hide_legend);
        let label = td_string!(locale, report_reason_label);
        (
            "hide",
            &REPORT_REASONS,
            report_reason,
            label,
            legend,
            td_string!(locale, petition_hide_submit),
        )
    } else if v.can_restore {
        let legend = td_string!(locale, petition_restore_legend);
        let label = td_string!(locale, restore_reason_label);
        (
            "restore",
            &RESTORE_REASONS,
            restore_reason,
            label,
            legend,
            td_string!(locale, restore_submit),
        )
    } else {
        return None;
    };
    Some(view! {
        <form method="post" action=HidePetition::url()>
            <fieldset>
                <legend>{legend}</legend>
                <input type="hidden" name="lang" value=lang::code(locale)/>
                <input type="hidden" name="region" value=data.item.region.clone()/>
                <input type="hidden" name="id" value=data.item.id/>
                <input type="hidden" name="action" value=action/>
                <ReasonSelect id=format!("{action}-reason") label reasons label_of/>
                <button type="submit" class=if action == "hide" { "danger" } else { "" }>{submit}</button>
            </fieldset>
        </form>
    })
}

/// The moderation page's reported petitions of `region` (its moderators only), page `page`.
#[component]
pub fn PetitionReportsSection(region: String, page: Option<u64>, flash: Flash) -> impl IntoView {
    let slug = region.clone();
    let reports = Resource::new(
        move || (region.clone(), page),
        |(region, page)| list_petition_reports(region, page),
    );
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let code = lang::code(locale);
    view! {
        <Suspense fallback=|| ()>
            {move || {
                let (region, flash) = (slug.clone(), flash.clone());
                Suspend::new(async move {
                    let Ok(Some(PetitionReportsData { items, page, pages })) = reports.await else {
                        return ().into_any();
                    };
                    let base = paths::region(code, &region, "moderation");
                    view! {
                        <section id="petition-reports" aria-labelledby="petition-reports-heading">
                            <h2 id="petition-reports-heading">{td_string!(locale, petition_reports_heading)}</h2>
                            <Notice flash=flash.clone()/>
                            <ErrorSummary flash/>
                            {if items.is_empty() {
                                view! { <p>{td_string!(locale, petition_reports_none)}</p> }.into_any()
                            } else {
                                view! {
                                    <ul class="reports">
                                        {items.into_iter().map(|r| {
                                            let decide = |decision: &'static str, label: &'static str, class: &'static str| view! {
                                                <form method="post" action=DecidePetitionReport::url() class="inline-form">
                                                    <input type="hidden" name="lang" value=code/>
                                                    <input type="hidden" name="region" value=region.clone()/>
                                                    <input type="hidden" name="report" value=r.id/>
                                                    <input type="hidden" name="decision" value=decision/>
                                                    <button type="submit" class=class>{label}</button>
                                                </form>
                                            };
                                            view! {
                                                <li>
                                                    <p>
                                                        <a href=paths::petition(code, &region, r.petition, "") dir="auto">{r.title.clone()}</a>
                                                        " — "
                                                        {report_reason(locale, &r.reason)}
                                                        " — "
                                                        <DayText day=r.reported_on.clone()/>
                                                    </p>
                                                    {decide("hide", td_string!(locale, report_hide_submit), "danger")}
                                                    " "
                                                    {decide("keep", td_string!(locale, report_keep_submit), "")}
                                                    <BlockAuthorForm id=format!("petition-report-{}", r.id) kind="petition" target=r.petition.to_string() region=region.clone()/>
                                                </li>
                                            }
                                        }).collect_view()}
                                    </ul>
                                }.into_any()
                            }}
                            {pager(locale, td_string!(locale, petition_reports_pages).to_owned(), page, pages, |n| format!("{base}?petition_reports={n}#petition-reports"))}
                        </section>
                    }
                    .into_any()
                })
            }}
        </Suspense>
    }
}

/// The moderation page's hidden petitions of `region` (its moderators only), each linking to its
/// page, where it is restored.
#[component]
pub fn HiddenPetitionsSection(region: String) -> impl IntoView {
    let slug = region.clone();
    let items = Resource::new(move || region.clone(), list_hidden_petitions);
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let code = lang::code(locale);
    view! {
        <Suspense fallback=|| ()>
            {move || {
                let region = slug.clone();
                Suspend::new(async move {
                    let Ok(Some(items)) = items.await else {
                        return ().into_any();
                    };
                    view! {
                        <section id="hidden-petitions" aria-labelledby="hidden-petitions-heading">
                            <h2 id="hidden-petitions-heading">{td_string!(locale, hidden_petitions_heading)}</h2>
                            {if items.is_empty() {
                                view! { <p>{td_string!(locale, hidden_petitions_none)}</p> }.into_any()
                            } else {
                                view! {
                                    <ul class="reports">
                                        {items.into_iter().map(|h| view! {
                                            <li>
                                                <a href=format!("{}#staff", paths::petition(code, &region, h.petition, "")) dir="auto">{h.title.clone()}</a>
                                                " — "
                                                {report_reason(locale, &h.reason)}
                                                " — "
                                                <DayText day=h.hidden_on.clone()/>
                                            </li>
                                        }).collect_view()}
                                    </ul>
                                }.into_any()
                            }}
                        </section>
                    }
                    .into_any()
                })
            }}
        </Suspense>
    }
}
