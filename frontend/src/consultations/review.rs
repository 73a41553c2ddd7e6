//! `/{lang}/r/{slug}/consultations/{id}/review`: the review of free-text answers before the
//! results are published, for the region's council officers and moderators (checked in
//! `domain::consultations::review`). Each text with the question it answers and what it seems
//! to carry (a phone number, a CIN, an email address), kept or hidden with a reason, in an order
//! that does not follow submission and without its author.

use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos::server_fn::codec::GetUrl;
use leptos_router::hooks::use_query_map;
use serde::{Deserialize, Serialize};

use super::labels;
use super::types::ConsultationItem;
use crate::components::form::{ErrorSummary, Notice};
use crate::components::status::LoadError;
use crate::components::status::NotFound;
use crate::components::title::PageTitle;
use crate::format;
use crate::i18n::{Locale, td_string, use_i18n};
use crate::lang;
use crate::paths;
use crate::web::flash::Flash;
use crate::web::flash::take_flash;

/// A text to review.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewItem {
    pub token: i64,
    /// The wording of the question it answers.
    pub question: String,
    pub text: String,
    pub kept: bool,
    pub hidden: bool,
    /// Why it was hidden (a report reason code).
    pub reason: Option<String>,
    /// What it seems to carry: `phone`, `cin`, `email`.
    pub hints: Vec<String>,
}

/// The review page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewData {
    pub item: ConsultationItem,
    pub texts: Vec<ReviewItem>,
    pub more_after: Option<i64>,
    pub due: u64,
    pub kept: u64,
    pub hidden: u64,
    /// Only the texts due are listed.
    pub due_only: bool,
    /// Decisions can still change (the results are not published).
    pub open_to_decisions: bool,
}

/// The review page of consultation `id`; `None` unless the visitor reviews it now.
#[server(prefix = "/fn", endpoint = "get_review_page", input = GetUrl)]
pub async fn get_review_page(
    lang: String,
    region: String,
    id: i32,
    all: bool,
    after: Option<i64>,
) -> Result<Option<ReviewData>, crate::web::error::AppError> {
    use domain::DomainError;
    use domain::consultations::review::list_texts_for_review;
    use domain::types::ConsultationId;
    let ctx = crate::web::request::context()?;
    let lang = crate::web::request::lang(&lang);
    let Some(actor) = crate::web::request::current_actor(&ctx).await? else {
        return Ok(None);
    };
    let Some(page) = super::api::server::consultation_page(&ctx, lang, &region, id, 0).await?
    else {
        return Ok(None);
    };
    let listed = match list_texts_for_review(&ctx, &actor, ConsultationId(id), !all, after).await {
        Ok(listed) => listed,
        Err(DomainError::Forbidden | DomainError::NotFound | DomainError::Conflict(_)) => {
            return Ok(None);
        }
        Err(err) => return Err(err.into()),
    };
    let wording = |q: i32| {
        page.questions
            .iter()
            .find(|v| v.id == q)
            .map(|v| v.text.clone())
            .unwrap_or_default()
    };
    Ok(Some(ReviewData {
        texts: listed
            .texts
            .into_iter()
            .map(|t| ReviewItem {
                token: t.token,
                question: wording(t.question),
                kept: t.review.as_deref() == Some("kept"),
                hidden: t.review.as_deref() == Some("hidden"),
                reason: t.reason,
                hints: t.hints.iter().map(|h| h.as_str().to_owned()).collect(),
                text: t.text,
            })
            .collect(),
        more_after: listed.more_after,
        due: listed.due,
        kept: listed.kept,
        hidden: listed.hidden,
        due_only: !all,
        open_to_decisions: listed.open,
        item: page.item,
    }))
}

/// Keeps a text (`decision` `keep`) or hides it (`hide`, with `reason`), then shows the review
/// page again.
#[server(prefix = "/fn", endpoint = "review_text")]
pub async fn review_text(
    lang: String,
    region: String,
    id: i32,
    token: i64,
    decision: String,
    reason: Option<String>,
) -> Result<(), crate::web::error::AppError> {
    use domain::consultations::review::{self, Decision};
    use domain::types::ConsultationId;
    let Some((lang, session, ctx, actor)) = crate::web::request::staff_form(&lang).await? else {
        return Ok(());
    };
    let result = match Decision::parse(&decision, reason.as_deref().unwrap_or_default()) {
        Ok(decision) => review::review_text(&ctx, &actor, ConsultationId(id), token, decision)
            .await
            .map(|()| "text_reviewed_notice"),
        Err(err) => Err(err),
    };
    let flash = crate::web::flash::Flash::outcome("review", result);
    let page = format!(
        "{}/review#texts",
        super::api::server::page_path(lang, &region, id)
    );
    crate::web::request::back(&session, flash, &page).await
}

/// What a hint says.
fn hint_label(locale: Locale, hint: &str) -> &'static str {
    match hint {
        "phone" => td_string!(locale, review_hint_phone),
        "cin" => td_string!(locale, review_hint_cin),
        _ => td_string!(locale, review_hint_email),
    }
}

#[component]
pub fn ReviewPage() -> impl IntoView {
    let args = super::pages::consultation_args();
    let query = use_query_map();
    let page = Resource::new(
        move || {
            let q = query.read();
            (
                args(),
                q.get("all").is_some_and(|v| v == "1"),
                q.get("after").and_then(|v| v.parse::<i64>().ok()),
            )
        },
        |((lang, region, id), all, after)| get_review_page(lang, region, id, all, after),
    );
    let flash = Resource::new(|| (), |()| take_flash("review".into()));
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let flash = flash.await.ok().flatten().unwrap_or_default();
                match page.await {
                    Ok(Some(data)) => view! { <Review data flash/> }.into_any(),
                    Ok(None) => view! { <NotFound/> }.into_any(),
                    Err(_) => view! { <LoadError/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Review(data: ReviewData, flash: Flash) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let code = lang::code(locale);
    let item = data.item.clone();
    let page_href = paths::consultation(code, &item.region, item.id, "");
    let here = format!("{page_href}/review");
    let number = |n: u64| format::number(locale, i64::try_from(n).unwrap_or(i64::MAX));
    let title = {
        let t = item.title.clone();
        move || td_string!(locale, review_title, title = t.clone()).to_string()
    };
    let next = data.more_after.map(|after| {
        let all = if data.due_only { "" } else { "all=1&" };
        format!("{here}?{all}after={after}#texts")
    });
    let open = data.open_to_decisions;
    view! {
        <PageTitle text=title.clone()/>
        <nav class="breadcrumb" aria-label=td_string!(locale, breadcrumb)>
            <a href=paths::region(code, &item.region, "consultations")>{td_string!(locale, consultations_heading)}</a>
            " › "
            <a href=page_href.clone() lang=item.lang.clone() dir="auto">{item.title.clone()}</a>
        </nav>
        <h1>{title()}</h1>
        <Notice flash=flash.clone()/>
        <ErrorSummary flash/>
        <p>{td_string!(locale, review_intro)}</p>
        <p role="status">
            {td_string!(locale, review_counts, due = number(data.due), kept = number(data.kept), hidden = number(data.hidden))}
        </p>
        <p>
            {if data.due_only {
                view! { <a href=format!("{here}?all=1#texts")>{td_string!(locale, review_show_all)}</a> }.into_any()
            } else {
                view! { <a href=format!("{here}#texts")>{td_string!(locale, review_show_due)}</a> }.into_any()
            }}
            " · "
            <a href=format!("{page_href}/manage")>{td_string!(locale, manage_consultation_title)}</a>
        </p>
        <section id="texts" aria-labelledby="texts-heading">
            <h2 id="texts-heading">{td_string!(locale, review_texts_heading)}</h2>
            {if data.texts.is_empty() {
                view! { <p class="empty">{td_string!(locale, review_none)}</p> }.into_any()
            } else {
                view! {
                    <ul class="reports">
                        {data.texts.into_iter().map(|t| {
                            let reason_id = format!("review-reason-{}", t.token);
                            let hidden_fields = {
                                let region = item.region.clone();
                                move || view! {
                                    <input type="hidden" name="lang" value=code/>
                                    <input type="hidden" name="region" value=region.clone()/>
                                    <input type="hidden" name="id" value=item.id/>
                                    <input type="hidden" name="token" value=t.token/>
                                }
                            };
                            let state = if t.kept {
                                td_string!(locale, review_state_kept).to_owned()
                            } else if t.hidden {
                                let reason = t.reason.as_deref().map(|r| labels::report_reason(locale, r)).unwrap_or_default();
                                format!("{} — {reason}", td_string!(locale, review_state_hidden))
                            } else {
                                td_string!(locale, review_state_due).to_owned()
                            };
                            view! {
                                <li>
                                    <p class="hint" dir="auto">{t.question.clone()}</p>
                                    <blockquote class="long-text" dir="auto">{t.text.clone()}</blockquote>
                                    {(!t.hints.is_empty()).then(|| view! {
                                        <p class="field-error">
                                            {td_string!(locale, review_hints)} " "
                                            {t.hints.iter().map(|h| hint_label(locale, h)).collect::<Vec<_>>().join(", ")}
                                        </p>
                                    })}
                                    <p>{state}</p>
                                    {open.then(|| view! {
                                        <form method="post" action=ReviewText::url() class="inline-form">
                                            {hidden_fields()}
                                            <input type="hidden" name="decision" value="keep"/>
                                            <button type="submit">{td_string!(locale, report_keep_submit)}</button>
                                        </form>
                                        " "
                                        <form method="post" action=ReviewText::url() class="inline-form">
                                            {hidden_fields()}
                                            <input type="hidden" name="decision" value="hide"/>
                                            <label for=reason_id.clone()>{td_string!(locale, review_reason_label)}</label>
                                            " "
                                            <select id=reason_id name="reason">
                                                {super::proposals::REPORT_REASONS.into_iter().map(|r| view! {
                                                    <option value=r selected=!t.hints.is_empty() && r == "personal_data">{labels::report_reason(locale, r)}</option>
                                                }).collect_view()}
                                            </select>
                                            " "
                                            <button type="submit" class="danger">{td_string!(locale, report_hide_submit)}</button>
                                        </form>
                                    })}
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
            {next.map(|href| view! { <p><a href=href rel="next">{td_string!(locale, results_more_texts)}</a></p> })}
        </section>
    }
}
