//! `/{lang}/admin/outbox`: the platform admins see the emails that failed (with their last error)
//! and those waiting for their first try, and have failed ones tried again now. Never the bodies.
//! `domain::mail::queue` decides who may.

use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos::server_fn::codec::GetUrl;
use leptos_router::hooks::use_query_map;
use serde::{Deserialize, Serialize};

use crate::components::form::{ErrorSummary, Notice};
use crate::components::pager::pager;
use crate::components::status::{LoadError, NotFound};
use crate::components::title::PageTitle;
use crate::i18n::{Locale, td_string, use_i18n};
use crate::lang;
use crate::paths;
use crate::web::flash::{Flash, take_flash};

/// An email as the page lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EmailItem {
    pub id: i32,
    pub to: String,
    pub subject: String,
    pub attempts: i32,
    pub last_error: Option<String>,
    pub created: crate::dates::Day,
    pub next_attempt: crate::dates::Day,
}

/// A page of the outbox.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutboxData {
    /// `failed` or `pending`.
    pub state: String,
    pub emails: Vec<EmailItem>,
    pub page: u64,
    pub pages: u64,
    pub failed: u64,
    pub pending: u64,
}

/// The emails in `state` (`failed`, `pending`), page `page`; `None` for anyone but a platform
/// admin.
#[server(prefix = "/fn", endpoint = "list_outbox", input = GetUrl)]
pub async fn list_outbox(
    state: String,
    page: Option<u64>,
) -> Result<Option<OutboxData>, crate::web::error::AppError> {
    use domain::mail::queue::{OutboxState, list_outbox};
    let ctx = crate::web::request::context()?;
    let Some(actor) = crate::web::request::current_actor(&ctx).await? else {
        return Ok(None);
    };
    let state = OutboxState::parse(&state);
    let listed = match list_outbox(&ctx, &actor, state, page.unwrap_or(1)).await {
        Ok(listed) => listed,
        Err(domain::DomainError::Forbidden) => return Ok(None),
        Err(err) => return Err(err.into()),
    };
    let time = crate::dates::Day::moment;
    Ok(Some(OutboxData {
        state: state.as_str().to_owned(),
        emails: listed
            .emails
            .into_iter()
            .map(|e| EmailItem {
                id: e.id,
                to: e.to,
                subject: e.subject,
                attempts: e.attempts,
                last_error: e.last_error,
                created: time(e.created_at),
                next_attempt: time(e.next_attempt_at),
            })
            .collect(),
        page: listed.page,
        pages: listed.pages,
        failed: listed.failed,
        pending: listed.pending,
    }))
}

/// Has the failed email `id` tried again now (empty: every failed email). Platform admins only,
/// checked in the domain.
#[server(prefix = "/fn", endpoint = "retry_emails")]
pub async fn retry_emails(lang: String, id: String) -> Result<(), crate::web::error::AppError> {
    use crate::web::request;
    let back_to = paths::admin_outbox(request::lang(&lang).code());
    let session = request::session().await?;
    let ctx = request::context()?;
    let Some(actor) = request::current_actor(&ctx).await? else {
        leptos_axum::redirect(&back_to);
        return Ok(());
    };
    let result = match id.trim() {
        "" => Ok(None),
        typed => typed
            .parse::<i32>()
            .map(Some)
            .map_err(|_| domain::DomainError::NotFound),
    };
    let result = match result {
        Ok(id) => domain::mail::queue::retry_emails(&ctx, &actor, id)
            .await
            .map(|_| "emails_retried_notice"),
        Err(err) => Err(err),
    };
    request::back(&session, Flash::outcome("outbox", result), &back_to).await
}

/// The outbox page.
#[component]
pub fn OutboxPage() -> impl IntoView {
    let (state, page) = {
        let query = use_query_map().read_untracked();
        (
            query.get("state").unwrap_or_default(),
            query.get("page").and_then(|p| p.parse().ok()),
        )
    };
    let data = Resource::new(
        move || (state.clone(), page),
        |(state, page)| list_outbox(state, page),
    );
    let flash = Resource::new(|| (), |()| take_flash("outbox".into()));
    view! {
        <Suspense fallback=|| ()>
            {move || {
                Suspend::new(async move {
                    let flash = flash.await.ok().flatten().unwrap_or_default();
                    match data.await {
                        Ok(Some(data)) => view! { <Outbox data flash/> }.into_any(),
                        Ok(None) => view! { <NotFound/> }.into_any(),
                        Err(_) => view! { <LoadError/> }.into_any(),
                    }
                })
            }}
        </Suspense>
    }
}

#[component]
fn Outbox(data: OutboxData, flash: Flash) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let code = lang::code(locale);
    let base = paths::admin_outbox(code);
    let failed = data.state == "failed";
    let tab = |state: &'static str, label: String, current: bool| {
        let href = format!("{}?state={state}", paths::admin_outbox(code));
        view! {
            <li><a href=href aria-current=current.then_some("page")>{label}</a></li>
        }
    };
    let href = {
        let base = base.clone();
        let state = data.state.clone();
        move |n: u64| format!("{base}?state={state}&page={n}")
    };
    let title = td_string!(locale, outbox_title).to_owned();
    view! {
        <PageTitle text=move || title.clone()/>
        <p><a href=paths::admin(code, None)>{td_string!(locale, admin_title)}</a></p>
        <h1>{td_string!(locale, outbox_title)}</h1>
        <Notice flash=flash.clone()/>
        <ErrorSummary flash/>
        <nav class="tabs" aria-label=td_string!(locale, outbox_states)>
            <ul>
                {tab("failed", td_string!(locale, outbox_failed, count = data.failed).to_string(), failed)}
                {tab("pending", td_string!(locale, outbox_pending, count = data.pending).to_string(), !failed)}
            </ul>
        </nav>
        <p>{if failed { td_string!(locale, outbox_failed_hint) } else { td_string!(locale, outbox_pending_hint) }}</p>
        {(failed && data.failed > 0).then(|| view! {
            <form method="post" action=RetryEmails::url()>
                <input type="hidden" name="lang" value=code/>
                <input type="hidden" name="id" value=""/>
                <button type="submit">{td_string!(locale, outbox_retry_all)}</button>
            </form>
        })}
        {if data.emails.is_empty() {
            view! { <p>{td_string!(locale, outbox_none)}</p> }.into_any()
        } else {
            view! {
                <div class="table-scroll">
                    <table>
                        <thead><tr>
                            <th scope="col">{td_string!(locale, col_created)}</th>
                            <th scope="col">{td_string!(locale, col_recipient)}</th>
                            <th scope="col">{td_string!(locale, col_email_subject)}</th>
                            <th scope="col">{td_string!(locale, col_attempts)}</th>
                            <th scope="col">{td_string!(locale, col_next_attempt)}</th>
                            {failed.then(|| view! {
                                <th scope="col">{td_string!(locale, col_last_error)}</th>
                                <th scope="col">{td_string!(locale, col_actions)}</th>
                            })}
                        </tr></thead>
                        <tbody>
                            {data.emails.into_iter().map(|e| email_row(locale, e, failed)).collect_view()}
                        </tbody>
                    </table>
                </div>
            }.into_any()
        }}
        {pager(locale, td_string!(locale, outbox_pages).to_owned(), data.page, data.pages, href)}
    }
}

fn email_row(locale: Locale, e: EmailItem, failed: bool) -> impl IntoView {
    let code = lang::code(locale);
    view! {
        <tr>
            <td><crate::dates::DayText day=e.created/></td>
            <td dir="ltr">{e.to}</td>
            <td dir="auto">{e.subject}</td>
            <td>{e.attempts}</td>
            <td><crate::dates::DayText day=e.next_attempt/></td>
            {failed.then(|| view! {
                <td dir="ltr">{e.last_error}</td>
                <td>
                    <form method="post" action=RetryEmails::url()>
                        <input type="hidden" name="lang" value=code/>
                        <input type="hidden" name="id" value=e.id.to_string()/>
                        <button type="submit" class="link-button">{td_string!(locale, outbox_retry)}</button>
                    </form>
                </td>
            })}
        </tr>
    }
}
