//! The audit log as its readers see it: `/{lang}/audit` for the platform admins (every region),
//! `/{lang}/r/{slug}/audit` for a region's moderators and council officers (their region's part).
//! Filtered by action, region (admins), actor and days, 50 a page, each action and detail written
//! in the reader's language. `domain::audit::entries` decides who reads what.

use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use leptos_router::hooks::{use_params_map, use_query_map};
use serde::{Deserialize, Serialize};

use crate::components::pager::pager;
use crate::components::status::{LoadError, NotFound};
use crate::components::title::PageTitle;
use crate::dates::{Day, DayText};
use crate::i18n::{Locale, td_string, use_i18n};
use crate::lang;
use crate::names::Names;
use crate::paths;
use crate::web::messages::message;

/// The actions the log records (for its filter).
pub const AUDIT_ACTIONS: [&str; ACTIONS] = [
    "sign_in_failed",
    "staff_signed_in",
    "role_granted",
    "role_revoked",
    "admin_created_from_cli",
    "password_reset",
    "password_changed",
    "email_change_requested",
    "email_changed",
    "account_deleted",
    "region_settings_changed",
    "region_identity_changed",
    "guide_created",
    "guide_saved",
    "guide_published",
    "guide_adopted",
    "guide_document_added",
    "guide_document_removed",
    "petition_published",
    "petition_changes_requested",
    "petition_rejected",
    "petition_hidden",
    "petition_kept",
    "petition_restored",
    "petition_review_started",
    "petition_decided_admissible",
    "petition_decided_inadmissible",
    "petition_scheduled",
    "petition_answered",
    "signatories_exported",
    "paper_batch_recorded",
    "paper_batch_voided",
    "signatures_invalidated",
    "signatures_restored",
    "content_hidden",
    "content_kept",
    "content_restored",
    "text_hidden",
    "text_kept",
    "consultation_created",
    "consultation_published",
    "consultation_corrected",
    "consultation_cancelled",
    "consultation_questions_set",
    "consultation_question_added",
    "consultation_question_removed",
    "consultation_document_added",
    "consultation_document_removed",
    "consultation_results_published",
    "consultation_synthesis_published",
    "account_blocked",
    "account_unblocked",
    "staff_alerts_changed",
    "users_searched",
    "emails_retried",
    "access_denied",
];
const ACTIONS: usize = 56;

/// The filter, as typed (`region`: a slug, empty for every region).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditQuery {
    pub region: String,
    pub action: String,
    pub actor: String,
    pub from: String,
    pub to: String,
    pub page: Option<u64>,
}

/// One line of the log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditItem {
    pub at: Day,
    pub action: String,
    /// Who acted: an address and account number (admins), a display name (a region's staff).
    pub actor: Option<String>,
    /// Whom it concerned (admins only).
    pub subject: Option<String>,
    pub region: Option<Names>,
    /// The detail's fields (name, value).
    pub detail: Vec<(String, String)>,
}

/// A page of the log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditData {
    /// The region read (`None`: every region, for admins).
    pub region: Option<(String, Names)>,
    /// The regions an admin may filter by (slug, name).
    pub regions: Vec<(String, Names)>,
    pub items: Vec<AuditItem>,
    pub total: u64,
    pub page: u64,
    pub pages: u64,
    /// What is wrong with the filter, if anything (a code).
    pub error: Option<String>,
}

/// The detail's JSON as (field, value) pairs, nested objects flattened.
#[cfg(feature = "ssr")]
fn fields(detail: &str) -> Vec<(String, String)> {
    fn walk(prefix: &str, value: &serde_json::Value, out: &mut Vec<(String, String)>) {
        match value {
            serde_json::Value::Object(map) => {
                for (k, v) in map {
                    walk(k, v, out);
                }
            }
            serde_json::Value::String(s) => out.push((prefix.to_owned(), s.clone())),
            serde_json::Value::Array(items) => out.push((
                prefix.to_owned(),
                items
                    .iter()
                    .map(|i| i.as_str().map_or_else(|| i.to_string(), str::to_owned))
                    .collect::<Vec<_>>()
                    .join(", "),
            )),
            serde_json::Value::Null => {}
            other => out.push((prefix.to_owned(), other.to_string())),
        }
    }
    let mut out = Vec::new();
    if let Ok(value) = serde_json::from_str::<serde_json::Value>(detail) {
        walk("", &value, &mut out);
    }
    out
}

/// A page of the log for the visitor; `None` when they may not read it.
#[server(prefix = "/fn", endpoint = "audit_log", input = GetUrl)]
pub async fn audit_log(
    query: AuditQuery,
) -> Result<Option<AuditData>, crate::web::error::AppError> {
    use domain::audit::entries::{AuditFilter, list_entries};
    let ctx = crate::web::request::context()?;
    let Some(actor) = crate::web::request::current_actor(&ctx).await? else {
        return Ok(None);
    };
    let regions = domain::regions::list_regions(&ctx).await?;
    let names = |id: i32| {
        regions
            .iter()
            .find(|r| r.id == id)
            .map(|r| Names::from(r.name.clone()))
    };
    let region = regions.iter().find(|r| r.slug == query.region.trim());
    if !query.region.trim().is_empty() && region.is_none() {
        return Ok(None);
    }
    let mut error = None;
    let mut day = |typed: &str| {
        let typed = typed.trim();
        if typed.is_empty() {
            return None;
        }
        let parsed = chrono::NaiveDate::parse_from_str(typed, "%Y-%m-%d").ok();
        if parsed.is_none() {
            error = Some("day_invalid".to_owned());
        }
        parsed
    };
    let (from, to) = (day(&query.from), day(&query.to));
    let actor_email = Some(query.actor.trim()).filter(|a| !a.is_empty());
    let actor_filter = match actor_email.map(domain::types::Email::parse) {
        Some(Ok(email)) => Some(email),
        Some(Err(_)) => {
            error = Some("invalid_email".to_owned());
            None
        }
        None => None,
    };
    let filter = AuditFilter {
        action: Some(query.action.trim().to_owned())
            .filter(|a| AUDIT_ACTIONS.contains(&a.as_str())),
        region_id: region.map(|r| r.id),
        actor: actor_filter,
        from,
        to,
    };
    let listed = match list_entries(&ctx, &actor, &filter, query.page.unwrap_or(1)).await {
        Ok(listed) => listed,
        Err(domain::DomainError::Forbidden) => return Ok(None),
        Err(err) => return Err(err.into()),
    };
    let admin = actor.is_admin();
    Ok(Some(AuditData {
        region: region.map(|r| (r.slug.clone(), Names::from(r.name.clone()))),
        regions: if admin {
            regions
                .iter()
                .map(|r| (r.slug.clone(), Names::from(r.name.clone())))
                .collect()
        } else {
            Vec::new()
        },
        total: listed.total,
        page: listed.page,
        pages: listed.pages,
        items: listed
            .entries
            .into_iter()
            .map(|e| AuditItem {
                at: Day::moment(e.at),
                actor: e.actor_user_id.map(|id| match e.actor_email {
                    Some(name) if admin => format!("{name} (#{id})"),
                    Some(name) => name,
                    None => format!("#{id}"),
                }),
                subject: e.subject_user_id.map(|id| match e.subject_email {
                    Some(email) => format!("{email} (#{id})"),
                    None => format!("#{id}"),
                }),
                region: e.region_id.and_then(names),
                detail: fields(&e.detail),
                action: e.action,
            })
            .collect(),
        error,
    }))
}

/// An action in words (its code when unknown).
pub fn action_words(locale: Locale, action: &str) -> String {
    action_word(locale, action).map_or_else(|| action.to_owned(), str::to_owned)
}

fn action_word(locale: Locale, action: &str) -> Option<&'static str> {
    match action {
        "sign_in_failed" => Some(td_string!(locale, audit_action_sign_in_failed)),
        "staff_signed_in" => Some(td_string!(locale, audit_action_staff_signed_in)),
        "role_granted" => Some(td_string!(locale, audit_action_role_granted)),
        "role_revoked" => Some(td_string!(locale, audit_action_role_revoked)),
        "admin_created_from_cli" => Some(td_string!(locale, audit_action_admin_created_from_cli)),
        "password_reset" => Some(td_string!(locale, audit_action_password_reset)),
        "password_changed" => Some(td_string!(locale, audit_action_password_changed)),
        "email_change_requested" => Some(td_string!(locale, audit_action_email_change_requested)),
        "email_changed" => Some(td_string!(locale, audit_action_email_changed)),
        "account_deleted" => Some(td_string!(locale, audit_action_account_deleted)),
        "region_settings_changed" => Some(td_string!(locale, audit_action_region_settings_changed)),
        "region_identity_changed" => Some(td_string!(locale, audit_action_region_identity_changed)),
        "guide_created" => Some(td_string!(locale, audit_action_guide_created)),
        "guide_saved" => Some(td_string!(locale, audit_action_guide_saved)),
        "guide_published" => Some(td_string!(locale, audit_action_guide_published)),
        "guide_adopted" => Some(td_string!(locale, audit_action_guide_adopted)),
        "guide_document_added" => Some(td_string!(locale, audit_action_guide_document_added)),
        "guide_document_removed" => Some(td_string!(locale, audit_action_guide_document_removed)),
        "petition_published" => Some(td_string!(locale, audit_action_petition_published)),
        "petition_changes_requested" => {
            Some(td_string!(locale, audit_action_petition_changes_requested))
        }
        "petition_rejected" => Some(td_string!(locale, audit_action_petition_rejected)),
        "petition_hidden" => Some(td_string!(locale, audit_action_petition_hidden)),
        "petition_kept" => Some(td_string!(locale, audit_action_petition_kept)),
        "petition_restored" => Some(td_string!(locale, audit_action_petition_restored)),
        "petition_review_started" => Some(td_string!(locale, audit_action_petition_review_started)),
        "petition_decided_admissible" => {
            Some(td_string!(locale, audit_action_petition_decided_admissible))
        }
        "petition_decided_inadmissible" => Some(td_string!(
            locale,
            audit_action_petition_decided_inadmissible
        )),
        "petition_scheduled" => Some(td_string!(locale, audit_action_petition_scheduled)),
        "petition_answered" => Some(td_string!(locale, audit_action_petition_answered)),
        "signatories_exported" => Some(td_string!(locale, audit_action_signatories_exported)),
        "paper_batch_recorded" => Some(td_string!(locale, audit_action_paper_batch_recorded)),
        "paper_batch_voided" => Some(td_string!(locale, audit_action_paper_batch_voided)),
        "signatures_invalidated" => Some(td_string!(locale, audit_action_signatures_invalidated)),
        "signatures_restored" => Some(td_string!(locale, audit_action_signatures_restored)),
        "content_hidden" => Some(td_string!(locale, audit_action_content_hidden)),
        "content_kept" => Some(td_string!(locale, audit_action_content_kept)),
        "content_restored" => Some(td_string!(locale, audit_action_content_restored)),
        "text_hidden" => Some(td_string!(locale, audit_action_text_hidden)),
        "text_kept" => Some(td_string!(locale, audit_action_text_kept)),
        "consultation_created" => Some(td_string!(locale, audit_action_consultation_created)),
        "consultation_published" => Some(td_string!(locale, audit_action_consultation_published)),
        "consultation_corrected" => Some(td_string!(locale, audit_action_consultation_corrected)),
        "consultation_cancelled" => Some(td_string!(locale, audit_action_consultation_cancelled)),
        "consultation_questions_set" => {
            Some(td_string!(locale, audit_action_consultation_questions_set))
        }
        "consultation_question_added" => {
            Some(td_string!(locale, audit_action_consultation_question_added))
        }
        "consultation_question_removed" => Some(td_string!(
            locale,
            audit_action_consultation_question_removed
        )),
        "consultation_document_added" => {
            Some(td_string!(locale, audit_action_consultation_document_added))
        }
        "consultation_document_removed" => Some(td_string!(
            locale,
            audit_action_consultation_document_removed
        )),
        "consultation_results_published" => Some(td_string!(
            locale,
            audit_action_consultation_results_published
        )),
        "consultation_synthesis_published" => Some(td_string!(
            locale,
            audit_action_consultation_synthesis_published
        )),
        "account_blocked" => Some(td_string!(locale, audit_action_account_blocked)),
        "account_unblocked" => Some(td_string!(locale, audit_action_account_unblocked)),
        "staff_alerts_changed" => Some(td_string!(locale, audit_action_staff_alerts_changed)),
        "users_searched" => Some(td_string!(locale, audit_action_users_searched)),
        "emails_retried" => Some(td_string!(locale, audit_action_emails_retried)),
        "access_denied" => Some(td_string!(locale, audit_action_access_denied)),
        _ => None,
    }
}

/// A detail's field name in words (its name when unknown).
fn key_words(locale: Locale, key: &str) -> String {
    let word = match key {
        "petition" => Some(td_string!(locale, audit_key_petition)),
        "consultation" => Some(td_string!(locale, audit_key_consultation)),
        "reason" => Some(td_string!(locale, audit_key_reason)),
        "report" => Some(td_string!(locale, audit_key_report)),
        "target" => Some(td_string!(locale, audit_key_target)),
        "operation" => Some(td_string!(locale, audit_key_operation)),
        "roles" => Some(td_string!(locale, audit_key_roles)),
        "role" => Some(td_string!(locale, audit_key_role)),
        "kind" => Some(td_string!(locale, audit_key_kind)),
        "batch" => Some(td_string!(locale, audit_key_batch)),
        "reference" => Some(td_string!(locale, audit_key_reference)),
        "accepted" => Some(td_string!(locale, audit_key_accepted)),
        "refused" => Some(td_string!(locale, audit_key_refused)),
        "signatures" => Some(td_string!(locale, audit_key_signatures)),
        "invalidation" => Some(td_string!(locale, audit_key_invalidation)),
        "selection" => Some(td_string!(locale, audit_key_selection)),
        "format" => Some(td_string!(locale, audit_key_format)),
        "lines" => Some(td_string!(locale, audit_key_lines)),
        "email" => Some(td_string!(locale, audit_key_email)),
        "delivery" => Some(td_string!(locale, audit_key_delivery)),
        "region" => Some(td_string!(locale, audit_key_region)),
        "item" => Some(td_string!(locale, audit_key_item)),
        "search" => Some(td_string!(locale, audit_key_search)),
        "found" => Some(td_string!(locale, audit_key_found)),
        "emails" => Some(td_string!(locale, audit_key_emails)),
        _ => None,
    };
    word.map_or_else(|| key.to_owned(), str::to_owned)
}

/// The log page (every region for admins; `slug` in the route: one region's part).
#[component]
pub fn AuditLogPage() -> impl IntoView {
    let params = use_params_map();
    let query = {
        let q = use_query_map().read_untracked();
        let get = |k: &str| q.get(k).unwrap_or_default();
        AuditQuery {
            region: params
                .read_untracked()
                .get("slug")
                .unwrap_or_else(|| get("region")),
            action: get("action"),
            actor: get("actor"),
            from: get("from"),
            to: get("to"),
            page: q.get("page").and_then(|p| p.parse().ok()),
        }
    };
    let in_route = params.read_untracked().get("slug").is_some();
    let typed = query.clone();
    let data = Resource::new(move || query.clone(), audit_log);
    view! {
        <Suspense fallback=|| ()>
            {move || {
                let typed = typed.clone();
                Suspend::new(async move {
                    match data.await {
                        Ok(Some(data)) => view! { <AuditLog data typed in_route/> }.into_any(),
                        Ok(None) => view! { <NotFound/> }.into_any(),
                        Err(_) => view! { <LoadError/> }.into_any(),
                    }
                })
            }}
        </Suspense>
    }
}

#[component]
fn AuditLog(data: AuditData, typed: AuditQuery, in_route: bool) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let code = lang::code(locale);
    let title = match &data.region {
        Some((_, name)) if in_route => td_string!(
            locale,
            audit_region_title,
            region = name.get(locale).to_owned()
        )
        .to_string(),
        _ => td_string!(locale, audit_title).to_owned(),
    };
    let heading = title.clone();
    let base = match &data.region {
        Some((slug, _)) if in_route => paths::region(code, slug, "audit"),
        _ => format!("/{code}/audit"),
    };
    let href = {
        let base = base.clone();
        let typed = typed.clone();
        move |n: u64| {
            let enc = crate::petitions::pages::urlencode;
            let mut href = format!(
                "{base}?action={}&actor={}&from={}&to={}&page={n}",
                enc(&typed.action),
                enc(&typed.actor),
                enc(&typed.from),
                enc(&typed.to)
            );
            if !in_route && !typed.region.is_empty() {
                href.push_str(&format!("&region={}", enc(&typed.region)));
            }
            href
        }
    };
    view! {
        <PageTitle text=move || title.clone()/>
        <h1>{heading}</h1>
        <form method="get" action=base.clone() class="filter-row">
            <div class="field">
                <label for="audit-action">{td_string!(locale, field_action)}</label>
                <select id="audit-action" name="action">
                    <option value="">{td_string!(locale, all_actions)}</option>
                    {AUDIT_ACTIONS.into_iter().map(|a| view! {
                        <option value=a selected=a == typed.action>{action_words(locale, a)}</option>
                    }).collect_view()}
                </select>
            </div>
            {(!in_route).then(|| view! {
                <div class="field">
                    <label for="audit-region">{td_string!(locale, col_region)}</label>
                    <select id="audit-region" name="region">
                        <option value="">{td_string!(locale, audit_any_region)}</option>
                        {data.regions.iter().map(|(slug, name)| view! {
                            <option value=slug.clone() selected=*slug == typed.region>{name.get(locale).to_owned()}</option>
                        }).collect_view()}
                    </select>
                </div>
            })}
            <div class="field">
                <label for="audit-actor">{td_string!(locale, audit_actor_filter)}</label>
                <input id="audit-actor" name="actor" type="email" dir="ltr" value=typed.actor.clone()/>
            </div>
            <div class="field">
                <label for="audit-from">{td_string!(locale, audit_from)}</label>
                <input id="audit-from" name="from" type="date" value=typed.from.clone()/>
            </div>
            <div class="field">
                <label for="audit-to">{td_string!(locale, audit_to)}</label>
                <input id="audit-to" name="to" type="date" value=typed.to.clone()/>
            </div>
            <button type="submit">{td_string!(locale, audit_filter_submit)}</button>
        </form>
        {data.error.clone().map(|code| view! { <p class="field-error" role="alert">{message(locale, &code)}</p> })}
        <p>{td_string!(locale, audit_count, count = data.total)}</p>
        {if data.items.is_empty() {
            view! { <p>{td_string!(locale, audit_none)}</p> }.into_any()
        } else {
            view! {
                <div class="table-scroll">
                    <table>
                        <thead><tr>
                            <th scope="col">{td_string!(locale, col_when)}</th>
                            <th scope="col">{td_string!(locale, col_action)}</th>
                            <th scope="col">{td_string!(locale, col_by)}</th>
                            <th scope="col">{td_string!(locale, col_subject)}</th>
                            <th scope="col">{td_string!(locale, col_region)}</th>
                            <th scope="col">{td_string!(locale, col_detail)}</th>
                        </tr></thead>
                        <tbody>
                            {data.items.into_iter().map(|e| view! {
                                <tr>
                                    <td><DayText day=e.at/></td>
                                    <td>{action_words(locale, &e.action)}</td>
                                    <td dir="auto">{e.actor}</td>
                                    <td dir="ltr">{e.subject}</td>
                                    <td>{e.region.map(|r| r.get(locale).to_owned())}</td>
                                    <td>
                                        {e.detail.into_iter().map(|(k, v)| view! {
                                            <span class="detail">{key_words(locale, &k)} " : " <span dir="auto">{v}</span></span> " "
                                        }).collect_view()}
                                    </td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            }.into_any()
        }}
        {pager(locale, td_string!(locale, audit_pages).to_owned(), data.page, data.pages, href)}
    }
}
