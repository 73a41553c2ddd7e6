//! `/{lang}/r/{slug}/petitions/{id}/review`: the fraud review of a petition's online signatures,
//! for the region's moderators and the platform admins. The selection is a GET form (its fields
//! in the address, each source listed with a link that selects it); invalidating and undoing are
//! forms posted to server functions. `domain::petitions::fraud` decides who may.

use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos::server_fn::codec::GetUrl;
use leptos_router::hooks::{use_params_map, use_query_map};
use serde::{Deserialize, Serialize};

use crate::components::form::{ErrorSummary, Notice};
use crate::components::status::{LoadError, NotFound};
use crate::components::title::PageTitle;
use crate::dates::{Day, DayText};
use crate::i18n::{Locale, td_string, use_i18n};
use crate::lang;
use crate::paths;
use crate::web::flash::{Flash, take_flash};
use crate::web::messages::message;

/// The selection's fields, as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SelectionFields {
    pub network: String,
    pub domain: String,
    pub agent: String,
    pub from: String,
    pub to: String,
}

/// A source of signatures and how many came from it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourceItem {
    pub key: String,
    pub count: i64,
}

/// An invalidation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvalidationItem {
    pub id: i32,
    pub signatures: i32,
    pub reason: String,
    pub on: Day,
    pub undone_on: Option<Day>,
}

/// The review page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FraudPageData {
    pub region: String,
    pub petition: i32,
    pub title: String,
    pub online: i64,
    pub invalid: i64,
    pub median: i64,
    pub threshold: i64,
    pub spikes: usize,
    /// (the minute, count, spike).
    pub minutes: Vec<(Day, i64, bool)>,
    /// (the hour, count).
    pub hours: Vec<(Day, i64)>,
    pub networks: Vec<SourceItem>,
    pub domains: Vec<SourceItem>,
    pub agents: Vec<SourceItem>,
    pub fields: SelectionFields,
    /// The signatures the selection matches, or the code of what is wrong with it.
    pub selected: Option<Result<u64, String>>,
    pub invalidations: Vec<InvalidationItem>,
    pub can_invalidate: bool,
}

/// The fraud review of petition `id` of `region` with the selection `fields`; `None` unless the
/// visitor may review it.
#[server(prefix = "/fn", endpoint = "fraud_page", input = GetUrl)]
pub async fn fraud_page(
    region: String,
    id: i32,
    fields: SelectionFields,
) -> Result<Option<FraudPageData>, crate::web::error::AppError> {
    use domain::petitions::fraud::{Selection, Share, fraud_review};
    let ctx = crate::web::request::context()?;
    let Some(actor) = crate::web::request::current_actor(&ctx).await? else {
        return Ok(None);
    };
    let Some((_, detail)) = crate::web::request::find_region(&ctx, &region).await? else {
        return Ok(None);
    };
    let f = &fields;
    let typed = [&f.network, &f.domain, &f.agent, &f.from, &f.to]
        .iter()
        .any(|v| !v.trim().is_empty());
    let selection =
        typed.then(|| Selection::parse(&f.network, &f.domain, &f.agent, &f.from, &f.to));
    let valid = selection.as_ref().and_then(|s| s.as_ref().ok());
    let petition = domain::types::PetitionId(id);
    let review = match fraud_review(&ctx, &actor, petition, valid).await {
        Ok(review) if review.region_id == detail.id => review,
        Ok(_) | Err(domain::DomainError::Forbidden | domain::DomainError::NotFound) => {
            return Ok(None);
        }
        Err(err) => return Err(err.into()),
    };
    let sources = |list: Vec<Share>| {
        list.into_iter()
            .map(|s| SourceItem {
                key: s.key,
                count: s.count,
            })
            .collect()
    };
    Ok(Some(FraudPageData {
        region: detail.slug.clone(),
        petition: id,
        title: review.title,
        online: review.online,
        invalid: review.invalid,
        median: review.median_per_minute,
        threshold: review.spike_threshold,
        spikes: review.spikes,
        minutes: review
            .minutes
            .into_iter()
            .map(|m| (Day::moment(m.at), m.count, m.spike))
            .collect(),
        hours: review
            .hours
            .into_iter()
            .map(|(at, n)| (Day::moment(at), n))
            .collect(),
        networks: sources(review.networks),
        domains: sources(review.domains),
        agents: sources(review.agents),
        selected: selection.map(|s| match s {
            Ok(_) => Ok(review.selected.unwrap_or_default()),
            Err(domain::DomainError::Validation { code, .. }) => Err(code.to_owned()),
            Err(_) => Err("selection_invalid".to_owned()),
        }),
        fields,
        invalidations: review
            .invalidations
            .into_iter()
            .map(|i| InvalidationItem {
                id: i.id,
                signatures: i.signatures,
                reason: i.reason,
                on: Day::at(i.at),
                undone_on: i.undone_at.map(Day::at),
            })
            .collect(),
        can_invalidate: review.can_invalidate,
    }))
}

/// Marks the selected signatures of petition `id` invalid for `reason`, then the review page.
#[server(prefix = "/fn", endpoint = "invalidate_signatures")]
pub async fn invalidate_signatures(
    lang: String,
    region: String,
    id: i32,
    fields: SelectionFields,
    reason: String,
) -> Result<(), crate::web::error::AppError> {
    use domain::petitions::fraud::{self, Selection};
    let Some((lang, session, ctx, actor)) = crate::web::request::staff_form(&lang).await? else {
        return Ok(());
    };
    let f = &fields;
    let result = match Selection::parse(&f.network, &f.domain, &f.agent, &f.from, &f.to) {
        Ok(selection) => fraud::invalidate_signatures(
            &ctx,
            &actor,
            domain::types::PetitionId(id),
            &selection,
            &reason,
        )
        .await
        .map(|_| "signatures_invalidated_notice"),
        Err(err) => Err(err),
    };
    let flash = Flash::outcome("fraud", result);
    let page = super::api::server::page_path(lang, &region, id);
    crate::web::request::back(&session, flash, &format!("{page}/review#invalidations")).await
}

/// Undoes invalidation `invalidation` of petition `id`, then the review page.
#[server(prefix = "/fn", endpoint = "undo_invalidation")]
pub async fn undo_invalidation(
    lang: String,
    region: String,
    id: i32,
    invalidation: i32,
) -> Result<(), crate::web::error::AppError> {
    let Some((lang, session, ctx, actor)) = crate::web::request::staff_form(&lang).await? else {
        return Ok(());
    };
    let result = domain::petitions::fraud::undo_invalidation(
        &ctx,
        &actor,
        domain::types::PetitionId(id),
        invalidation,
    )
    .await
    .map(|()| "invalidation_undone_notice");
    let flash = Flash::outcome("fraud", result);
    let page = super::api::server::page_path(lang, &region, id);
    crate::web::request::back(&session, flash, &format!("{page}/review#invalidations")).await
}

/// The review page.
#[component]
pub fn FraudReviewPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let fields = {
        let q = query.read_untracked();
        let get = |k: &str| q.get(k).unwrap_or_default();
        SelectionFields {
            network: get("network"),
            domain: get("domain"),
            agent: get("agent"),
            from: get("from"),
            to: get("to"),
        }
    };
    let args = move || {
        let p = params.read();
        (
            p.get("slug").unwrap_or_default(),
            p.get("id")
                .and_then(|id| id.parse::<i32>().ok())
                .unwrap_or(0),
        )
    };
    let page = Resource::new(args, move |(region, id)| {
        fraud_page(region, id, fields.clone())
    });
    let flash = Resource::new(|| (), |()| take_flash("fraud".into()));
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

/// The hidden fields naming the petition, and the selection.
fn hidden_fields(code: &'static str, data: &FraudPageData) -> impl IntoView + use<> {
    let f = data.fields.clone();
    view! {
        <input type="hidden" name="lang" value=code/>
        <input type="hidden" name="region" value=data.region.clone()/>
        <input type="hidden" name="id" value=data.petition/>
        <input type="hidden" name="fields[network]" value=f.network/>
        <input type="hidden" name="fields[domain]" value=f.domain/>
        <input type="hidden" name="fields[agent]" value=f.agent/>
        <input type="hidden" name="fields[from]" value=f.from/>
        <input type="hidden" name="fields[to]" value=f.to/>
    }
}

/// A table of sources, each with the link that selects it (`field`).
fn sources(
    locale: Locale,
    base: &str,
    caption: &'static str,
    field: &'static str,
    list: &[SourceItem],
    total: i64,
) -> impl IntoView + use<> {
    let rows: Vec<_> = list
        .iter()
        .map(|s| {
            let share = if total > 0 { s.count * 100 / total } else { 0 };
            let href = format!(
                "{base}?{field}={}#selection",
                super::pages::urlencode(&s.key)
            );
            let shown = if field == "domain" {
                s.key.clone()
            } else {
                s.key.chars().take(12).collect()
            };
            view! {
                <tr>
                    <td dir="ltr"><code>{shown}</code></td>
                    <td>{s.count}</td>
                    <td>{format!("{share} %")}</td>
                    <td><a href=href>{td_string!(locale, fraud_select)}</a></td>
                </tr>
            }
        })
        .collect();
    view! {
        <table>
            <caption>{caption}</caption>
            <thead><tr>
                <th scope="col">{td_string!(locale, fraud_source)}</th>
                <th scope="col">{td_string!(locale, fraud_signatures)}</th>
                <th scope="col">{td_string!(locale, fraud_share)}</th>
                <th scope="col">{td_string!(locale, col_actions)}</th>
            </tr></thead>
            <tbody>{rows}</tbody>
        </table>
    }
}

#[component]
fn Review(data: FraudPageData, flash: Flash) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let code = lang::code(locale);
    let base = paths::petition(code, &data.region, data.petition, "review");
    let title = td_string!(locale, fraud_title).to_owned();
    let heading = title.clone();
    let summary = td_string!(
        locale,
        fraud_summary,
        online = data.online,
        invalid = data.invalid,
        median = data.median,
        threshold = data.threshold,
        spikes = data.spikes
    )
    .to_string();
    let f = data.fields.clone();
    let field = |name: &'static str, label: &'static str, kind: &'static str, value: String| {
        let id = format!("selection-{name}");
        view! {
            <div class="field">
                <label for=id.clone()>{label}</label>
                <input id=id name=name type=kind value=value dir="ltr"/>
            </div>
        }
    };
    view! {
        <PageTitle text=move || title.clone()/>
        <nav class="breadcrumb" aria-label=td_string!(locale, breadcrumb)>
            <a href=paths::petition(code, &data.region, data.petition, "") dir="auto">{data.title.clone()}</a>
        </nav>
        <h1>{heading}</h1>
        <p>{summary}</p>
        <section aria-labelledby="minutes-heading">
            <h2 id="minutes-heading">{td_string!(locale, fraud_minutes_heading)}</h2>
            <table>
                <caption>{td_string!(locale, fraud_minutes_caption)}</caption>
                <thead><tr>
                    <th scope="col">{td_string!(locale, fraud_minute)}</th>
                    <th scope="col">{td_string!(locale, fraud_signatures)}</th>
                    <th scope="col">{td_string!(locale, fraud_spike)}</th>
                </tr></thead>
                <tbody>
                    {data.minutes.iter().map(|(at, n, spike)| view! {
                        <tr class=spike.then_some("spike")>
                            <td><DayText day=at.clone()/></td>
                            <td>{*n}</td>
                            <td>{spike.then(|| td_string!(locale, fraud_spike_yes))}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
            <table>
                <caption>{td_string!(locale, fraud_hours_caption)}</caption>
                <thead><tr>
                    <th scope="col">{td_string!(locale, fraud_hour)}</th>
                    <th scope="col">{td_string!(locale, fraud_signatures)}</th>
                    <th scope="col">{td_string!(locale, fraud_per_minute)}</th>
                </tr></thead>
                <tbody>
                    {data.hours.iter().map(|(at, n)| view! {
                        <tr><td><DayText day=at.clone()/></td><td>{*n}</td><td>{format!("{:.1}", *n as f64 / 60.0)}</td></tr>
                    }).collect_view()}
                </tbody>
            </table>
        </section>
        <section aria-labelledby="sources-heading">
            <h2 id="sources-heading">{td_string!(locale, fraud_sources_heading)}</h2>
            {sources(locale, &base, td_string!(locale, fraud_networks), "network", &data.networks, data.online)}
            {sources(locale, &base, td_string!(locale, fraud_domains), "domain", &data.domains, data.online)}
            {sources(locale, &base, td_string!(locale, fraud_agents), "agent", &data.agents, data.online)}
        </section>
        <section id="selection" aria-labelledby="selection-heading">
            <h2 id="selection-heading">{td_string!(locale, fraud_selection_heading)}</h2>
            <form method="get" action=base.clone()>
                {field("network", td_string!(locale, fraud_networks), "text", f.network.clone())}
                {field("domain", td_string!(locale, fraud_domains), "text", f.domain.clone())}
                {field("agent", td_string!(locale, fraud_agents), "text", f.agent.clone())}
                {field("from", td_string!(locale, fraud_from), "datetime-local", f.from.clone())}
                {field("to", td_string!(locale, fraud_to), "datetime-local", f.to.clone())}
                <button type="submit">{td_string!(locale, fraud_count_submit)}</button>
            </form>
            {data.selected.clone().map(|selected| match selected {
                Err(code) => view! { <p class="field-error" role="alert">{message(locale, &code)}</p> }.into_any(),
                Ok(n) => view! {
                    <p role="status">{td_string!(locale, fraud_selected, count = n)}</p>
                    {(data.can_invalidate && n > 0).then(|| view! {
                        <form method="post" action=InvalidateSignatures::url()>
                            {hidden_fields(code, &data)}
                            <div class="field">
                                <label for="invalidation-reason">{td_string!(locale, fraud_reason)}</label>
                                <p class="hint" id="invalidation-reason-hint">{td_string!(locale, fraud_reason_hint)}</p>
                                <input id="invalidation-reason" name="reason" type="text" dir="auto" required maxlength="300" aria-describedby="invalidation-reason-hint"/>
                            </div>
                            <button type="submit" class="danger">{td_string!(locale, fraud_invalidate_submit, count = n)}</button>
                        </form>
                    })}
                }.into_any(),
            })}
        </section>
        <section id="invalidations" aria-labelledby="invalidations-heading">
            <h2 id="invalidations-heading">{td_string!(locale, fraud_invalidations_heading)}</h2>
            <Notice flash=flash.clone()/>
            <ErrorSummary flash/>
            {if data.invalidations.is_empty() {
                view! { <p>{td_string!(locale, fraud_invalidations_none)}</p> }.into_any()
            } else {
                view! {
                    <ul>
                        {data.invalidations.iter().map(|i| view! {
                            <li>
                                {td_string!(locale, signatures_removed, count = i.signatures, day = i.on.get(locale).to_owned())}
                                " " <span dir="auto">{i.reason.clone()}</span>
                                {i.undone_on.clone().map(|day| view! { " — " {td_string!(locale, fraud_undone_on, day = day.get(locale).to_owned())} })}
                                {(data.can_invalidate && i.undone_on.is_none()).then(|| view! {
                                    <form method="post" action=UndoInvalidation::url() class="inline-form">
                                        <input type="hidden" name="lang" value=code/>
                                        <input type="hidden" name="region" value=data.region.clone()/>
                                        <input type="hidden" name="id" value=data.petition/>
                                        <input type="hidden" name="invalidation" value=i.id/>
                                        <button type="submit">{td_string!(locale, fraud_undo_submit)}</button>
                                    </form>
                                })}
                            </li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
    }
}
