//! Reported consultation content on the region's moderation page: each open report with the
//! reported text and its reason, to hide the item or keep it. Moderators of the region only
//! (checked in `domain::consultations::reports`).

use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos::server_fn::codec::GetUrl;
use serde::{Deserialize, Serialize};

use super::labels;
use crate::components::block::BlockAuthorForm;
use crate::components::form::{ErrorSummary, Notice};
use crate::components::pager::pager;
use crate::i18n::{td_string, use_i18n};
use crate::lang;
use crate::paths;
use crate::web::flash::Flash;

/// An open report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportItem {
    pub id: i32,
    pub consultation: i32,
    /// `proposal`, `comment` or `answer`.
    pub kind: String,
    pub reason: String,
    pub text: String,
    /// The public id of the reported item (a proposal's or a comment's id, an answer's token).
    pub target: String,
}

/// A page of open reports.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportsData {
    pub items: Vec<ReportItem>,
    pub page: u64,
    pub pages: u64,
}

/// Page `page` (1 when absent) of the open reports of region `region`; `None` unless the visitor
/// moderates it.
#[server(prefix = "/fn", endpoint = "list_content_reports", input = GetUrl)]
pub async fn list_content_reports(
    region: String,
    page: Option<u64>,
) -> Result<Option<ReportsData>, crate::web::error::AppError> {
    use domain::consultations::reports::{ReportTarget, list_reports};
    let ctx = crate::web::request::context()?;
    let Some(actor) = crate::web::request::current_actor(&ctx).await? else {
        return Ok(None);
    };
    let Some((_, detail)) = crate::web::request::find_region(&ctx, &region).await? else {
        return Ok(None);
    };
    match list_reports(&ctx, &actor, detail.id, page.unwrap_or(1)).await {
        Ok(listed) => Ok(Some(ReportsData {
            page: listed.page,
            pages: listed.pages,
            items: listed
                .reports
                .into_iter()
                .map(|r| ReportItem {
                    id: r.id,
                    consultation: r.consultation_id,
                    kind: match r.target {
                        ReportTarget::Proposal(_) => "proposal",
                        ReportTarget::Comment(_) => "comment",
                        ReportTarget::Answer(_) => "answer",
                    }
                    .to_owned(),
                    target: match r.target {
                        ReportTarget::Proposal(id) | ReportTarget::Comment(id) => id.to_string(),
                        ReportTarget::Answer(token) => token.to_string(),
                    },
                    reason: r.reason,
                    text: r.text,
                })
                .collect(),
        })),
        Err(domain::DomainError::Forbidden) => Ok(None),
        Err(err) => Err(err.into()),
    }
}

/// A hidden item, for its restoring.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HiddenItem {
    pub consultation: i32,
    /// `proposal`, `comment` or `answer`.
    pub kind: String,
    /// Its public id (an answer's token).
    pub target: String,
    pub reason: String,
    pub text: String,
}

/// The hidden items of region `region`; `None` unless the visitor moderates it.
#[server(prefix = "/fn", endpoint = "list_hidden_content", input = GetUrl)]
pub async fn list_hidden_content(
    region: String,
) -> Result<Option<Vec<HiddenItem>>, crate::web::error::AppError> {
    use domain::consultations::hidden::list_hidden;
    use domain::consultations::reports::ReportTarget;
    let ctx = crate::web::request::context()?;
    let Some(actor) = crate::web::request::current_actor(&ctx).await? else {
        return Ok(None);
    };
    let Some((_, detail)) = crate::web::request::find_region(&ctx, &region).await? else {
        return Ok(None);
    };
    match list_hidden(&ctx, &actor, detail.id).await {
        Ok(items) => Ok(Some(
            items
                .into_iter()
                .map(|h| {
                    let (kind, target) = match h.target {
                        ReportTarget::Proposal(id) => ("proposal", id.to_string()),
                        ReportTarget::Comment(id) => ("comment", id.to_string()),
                        ReportTarget::Answer(token) => ("answer", token.to_string()),
                    };
                    HiddenItem {
                        consultation: h.consultation_id,
                        kind: kind.to_owned(),
                        target,
                        reason: h.reason,
                        text: h.text,
                    }
                })
                .collect(),
        )),
        Err(domain::DomainError::Forbidden) => Ok(None),
        Err(err) => Err(err.into()),
    }
}

/// Shows the hidden item `kind` `target` again for `reason`, then the moderation page.
#[server(prefix = "/fn", endpoint = "restore_content")]
pub async fn restore_content(
    lang: String,
    region: String,
    kind: String,
    target: String,
    reason: String,
) -> Result<(), crate::web::error::AppError> {
    use domain::consultations::reports::ReportTarget;
    let Some((lang, session, ctx, actor)) = crate::web::request::staff_form(&lang).await? else {
        return Ok(());
    };
    let invalid = domain::DomainError::Validation {
        field: "target",
        code: "target_invalid",
    };
    let target = match kind.as_str() {
        "proposal" => target.trim().parse().map(ReportTarget::Proposal),
        "comment" => target.trim().parse().map(ReportTarget::Comment),
        _ => target.trim().parse().map(ReportTarget::Answer),
    };
    let result = match target {
        Ok(target) => {
            domain::consultations::hidden::restore_content(&ctx, &actor, target, &reason).await
        }
        Err(_) => Err(invalid),
    };
    let flash =
        crate::web::flash::Flash::outcome("reports", result.map(|()| "content_restored_notice"));
    let to = super::api::server::region_path(lang, &region, "moderation#hidden");
    crate::web::request::back(&session, flash, &to).await
}

/// Hides the reported item (`decision` `hide`) or keeps it, then shows the moderation page.
#[server(prefix = "/fn", endpoint = "decide_content_report")]
pub async fn decide_content_report(
    lang: String,
    region: String,
    report: i32,
    decision: String,
) -> Result<(), crate::web::error::AppError> {
    let Some((lang, session, ctx, actor)) = crate::web::request::staff_form(&lang).await? else {
        return Ok(());
    };
    let result =
        domain::consultations::reports::decide_report(&ctx, &actor, report, decision == "hide")
            .await;
    let flash =
        crate::web::flash::Flash::outcome("reports", result.map(|()| "report_decided_notice"));
    let to = super::api::server::region_path(lang, &region, "moderation#reports");
    crate::web::request::back(&session, flash, &to).await
}

/// The "reported content" section of the moderation page of `region`, with the outcome of the
/// last decision (taken by the page: a flash is taken once per request).
#[component]
pub fn ReportsSection(region: String, page: Option<u64>, flash: Flash) -> impl IntoView {
    let slug = region.clone();
    let reports = Resource::new(
        move || (region.clone(), page),
        |(region, page)| list_content_reports(region, page),
    );
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let code = lang::code(locale);
    view! {
        <Suspense fallback=|| ()>
            {move || {
                let (region, flash) = (slug.clone(), flash.clone());
                Suspend::new(async move {
                let Ok(Some(ReportsData { items: reports, page, pages })) = reports.await else {
                    return ().into_any();
                };
                let base = paths::region(code, &region, "moderation");
                view! {
                    <section id="reports" aria-labelledby="reports-heading">
                        <h2 id="reports-heading">{td_string!(locale, reports_heading)}</h2>
                        <Notice flash=flash.clone()/>
                        <ErrorSummary flash/>
                        {if reports.is_empty() {
                            view! { <p>{td_string!(locale, reports_none)}</p> }.into_any()
                        } else {
                            view! {
                                <ul class="reports">
                                    {reports.into_iter().map(|r| {
                                        let decide = |decision: &'static str, label: &'static str, class: &'static str| view! {
                                            <form method="post" action=DecideContentReport::url() class="inline-form">
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
                                                    <a href=paths::consultation(code, &region, r.consultation, "")>{labels::report_kind(locale, &r.kind)}</a>
                                                    " — "
                                                    {labels::report_reason(locale, &r.reason)}
                                                </p>
                                                <blockquote class="long-text" dir="auto">{r.text.clone()}</blockquote>
                                                {decide("hide", td_string!(locale, report_hide_submit), "danger")}
                                                " "
                                                {decide("keep", td_string!(locale, report_keep_submit), "")}
                                                <BlockAuthorForm id=format!("report-{}", r.id) kind=block_kind(&r.kind) target=r.target.clone() region=region.clone()/>
                                            </li>
                                        }
                                    }).collect_view()}
                                </ul>
                            }.into_any()
                        }}
                        {pager(locale, td_string!(locale, reports_pages).to_owned(), page, pages, |n| format!("{base}?reports={n}#reports"))}
                    </section>
                }
                .into_any()
            })}}
        </Suspense>
    }
}

/// The kind of a reported item, as the block form names it.
fn block_kind(kind: &str) -> &'static str {
    match kind {
        "proposal" => "proposal",
        "comment" => "comment",
        _ => "answer",
    }
}

/// The hidden items of `region`, each with the form that restores it (for its moderators;
/// nothing for anyone else).
#[component]
pub fn HiddenSection(region: String) -> impl IntoView {
    let slug = region.clone();
    let items = Resource::new(move || region.clone(), list_hidden_content);
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
                        <section id="hidden" aria-labelledby="hidden-heading">
                            <h2 id="hidden-heading">{td_string!(locale, hidden_heading)}</h2>
                            {if items.is_empty() {
                                view! { <p>{td_string!(locale, hidden_none)}</p> }.into_any()
                            } else {
                                view! {
                                    <ul class="reports">
                                        {items.into_iter().map(|h| {
                                            let id = format!("restore-{}-{}", h.kind, h.target);
                                            view! {
                                                <li>
                                                    <p>
                                                        <a href=paths::consultation(code, &region, h.consultation, "")>{labels::report_kind(locale, &h.kind)}</a>
                                                        " — "
                                                        {labels::report_reason(locale, &h.reason)}
                                                    </p>
                                                    <blockquote class="long-text" dir="auto">{h.text.clone()}</blockquote>
                                                    <form method="post" action=RestoreContent::url()>
                                                        <input type="hidden" name="lang" value=code/>
                                                        <input type="hidden" name="region" value=region.clone()/>
                                                        <input type="hidden" name="kind" value=h.kind.clone()/>
                                                        <input type="hidden" name="target" value=h.target.clone()/>
                                                        <div class="field">
                                                            <label for=id.clone()>{td_string!(locale, restore_reason_label)}</label>
                                                            <select id=id name="reason" required>
                                                                <option value="">{td_string!(locale, choose)}</option>
                                                                <option value="moderation_error">{td_string!(locale, restore_moderation_error)}</option>
                                                                <option value="appeal_upheld">{td_string!(locale, restore_appeal_upheld)}</option>
                                                            </select>
                                                        </div>
                                                        <button type="submit">{td_string!(locale, restore_submit)}</button>
                                                    </form>
                                                </li>
                                            }
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
