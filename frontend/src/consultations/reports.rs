//! Reported consultation content on the region's moderation page: each open report with the
//! reported text and its reason, to hide the item or keep it. Moderators of the region only
//! (checked in `domain::consultations::reports`).

use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos::server_fn::codec::GetUrl;
use serde::{Deserialize, Serialize};

use super::labels;
use crate::components::form::{ErrorSummary, Notice};
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
}

/// The open reports of region `region`; `None` unless the visitor moderates it.
#[server(prefix = "/fn", endpoint = "list_content_reports", input = GetUrl)]
pub async fn list_content_reports(
    region: String,
) -> Result<Option<Vec<ReportItem>>, crate::web::error::AppError> {
    use domain::consultations::reports::{ReportTarget, list_reports};
    let ctx = crate::web::request::context()?;
    let Some(actor) = crate::web::request::current_actor(&ctx).await? else {
        return Ok(None);
    };
    let Some((_, detail)) = crate::web::request::find_region(&ctx, &region).await? else {
        return Ok(None);
    };
    match list_reports(&ctx, &actor, detail.id).await {
        Ok(reports) => Ok(Some(
            reports
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
                    reason: r.reason,
                    text: r.text,
                })
                .collect(),
        )),
        Err(domain::DomainError::Forbidden) => Ok(None),
        Err(err) => Err(err.into()),
    }
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
pub fn ReportsSection(region: String, flash: Flash) -> impl IntoView {
    let slug = region.clone();
    let reports = Resource::new(move || region.clone(), list_content_reports);
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let code = lang::code(locale);
    view! {
        <Suspense fallback=|| ()>
            {move || {
                let (region, flash) = (slug.clone(), flash.clone());
                Suspend::new(async move {
                let Ok(Some(reports)) = reports.await else {
                    return ().into_any();
                };
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
                                                <blockquote class="long-text">{r.text.clone()}</blockquote>
                                                {decide("hide", td_string!(locale, report_hide_submit), "danger")}
                                                " "
                                                {decide("keep", td_string!(locale, report_keep_submit), "")}
                                            </li>
                                        }
                                    }).collect_view()}
                                </ul>
                            }.into_any()
                        }}
                    </section>
                }
                .into_any()
            })}}
        </Suspense>
    }
}
