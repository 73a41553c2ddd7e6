//! `/{lang}/r/{slug}/moderation-log`: the region's public moderation log, a page above the
//! features (petitions rejected, contributions to consultations hidden or restored): when, what
//! and the reason, never a person or a hidden text.

use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use leptos_router::hooks::{use_params_map, use_query_map};
use serde::{Deserialize, Serialize};

use crate::components::pager::pager;
use crate::components::reasons;
use crate::components::status::{LoadError, NotFound};
use crate::components::title::PageTitle;
use crate::consultations::labels as consultation_labels;
use crate::dates::{Day, DayText};
use crate::i18n::{Locale, td_string, use_i18n};
use crate::lang;
use crate::names::Names;
use crate::paths;
use crate::petitions::labels as petition_labels;

/// A line of the log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LogLine {
    pub day: Day,
    /// `rejected`, `hidden` or `restored`.
    pub action: String,
    /// `petition`, `proposal`, `comment` or `answer`.
    pub kind: String,
    pub petition: Option<i32>,
    pub consultation: Option<i32>,
    pub reason: Option<String>,
}

/// A page of the log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LogData {
    pub region: String,
    pub region_name: Names,
    pub lines: Vec<LogLine>,
    pub page: u64,
    pub pages: u64,
}

/// Page `page` of region `region`'s moderation log; `None` for an unknown region.
#[server(prefix = "/fn", endpoint = "moderation_log", input = GetUrl)]
pub async fn moderation_log(
    region: String,
    page: Option<u64>,
) -> Result<Option<LogData>, crate::web::error::AppError> {
    let ctx = crate::web::request::context()?;
    let Some((slug, detail)) = crate::web::request::find_region(&ctx, &region).await? else {
        return Ok(None);
    };
    let log = domain::moderation_log::moderation_log(&ctx, &slug, page.unwrap_or(1)).await?;
    Ok(Some(LogData {
        region: detail.slug,
        region_name: Names::from(detail.name),
        lines: log
            .lines
            .into_iter()
            .map(|l| LogLine {
                day: Day::at(l.at),
                action: l.action,
                kind: l.kind,
                petition: l.petition,
                consultation: l.consultation,
                reason: l.reason,
            })
            .collect(),
        page: log.page,
        pages: log.pages,
    }))
}

/// The log page.
#[component]
pub fn ModerationLogPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let args = move || {
        (
            params.read().get("slug").unwrap_or_default(),
            query.read().get("page").and_then(|p| p.parse::<u64>().ok()),
        )
    };
    let data = Resource::new(args, |(region, page)| moderation_log(region, page));
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(Some(data)) => view! { <Log data/> }.into_any(),
                    Ok(None) => view! { <NotFound/> }.into_any(),
                    Err(_) => view! { <LoadError/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Log(data: LogData) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let code = lang::code(locale);
    let name = data.region_name.get(locale).to_owned();
    let title = td_string!(locale, moderation_log_title, region = name.clone()).to_string();
    let heading = title.clone();
    let base = paths::region(code, &data.region, "moderation-log");
    let region = data.region.clone();
    view! {
        <PageTitle text=move || title.clone()/>
        <nav class="breadcrumb" aria-label=td_string!(locale, breadcrumb)>
            <a href=paths::region(code, &data.region, "")>{name}</a>
        </nav>
        <h1>{heading}</h1>
        <p>{td_string!(locale, moderation_log_intro)}</p>
        {if data.lines.is_empty() {
            view! { <p>{td_string!(locale, moderation_log_empty)}</p> }.into_any()
        } else {
            view! {
                <table>
                    <thead><tr>
                        <th scope="col">{td_string!(locale, col_day)}</th>
                        <th scope="col">{td_string!(locale, col_decision)}</th>
                        <th scope="col">{td_string!(locale, col_item)}</th>
                        <th scope="col">{td_string!(locale, report_reason_label)}</th>
                    </tr></thead>
                    <tbody>
                        {data.lines.into_iter().map(|l| {
                            let href = match (l.petition, l.consultation) {
                                (Some(id), _) => Some(paths::petition(code, &region, id, "")),
                                (None, Some(id)) => Some(paths::consultation(code, &region, id, "")),
                                _ => None,
                            };
                            let item = item_label(locale, &l.kind);
                            view! {
                                <tr>
                                    <td><DayText day=l.day.clone()/></td>
                                    <td>{action_label(locale, &l.action)}</td>
                                    <td>{match href {
                                        Some(href) => view! { <a href=href>{item}</a> }.into_any(),
                                        None => view! { <span>{item}</span> }.into_any(),
                                    }}</td>
                                    <td>{reason_label(locale, &l.action, l.reason.as_deref().unwrap_or_default())}</td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            }.into_any()
        }}
        {pager(locale, td_string!(locale, moderation_log_pages).to_owned(), data.page, data.pages, |n| format!("{base}?page={n}"))}
    }
}

fn action_label(locale: Locale, action: &str) -> &'static str {
    match action {
        "rejected" => td_string!(locale, log_rejected),
        "hidden" => td_string!(locale, log_hidden),
        _ => td_string!(locale, log_restored),
    }
}

fn item_label(locale: Locale, kind: &str) -> &'static str {
    match kind {
        "petition" => td_string!(locale, log_item_petition),
        other => consultation_labels::report_kind(locale, other),
    }
}

fn reason_label(locale: Locale, action: &str, reason: &str) -> &'static str {
    match action {
        "rejected" => petition_labels::rejection_reason(locale, reason),
        "hidden" => reasons::report_reason(locale, reason),
        _ => reasons::restore_reason(locale, reason),
    }
}
