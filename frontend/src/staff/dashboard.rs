//! `/{lang}/r/{slug}/staff`: the staff dashboard of a region. Counts on top, then each list of
//! what waits (a page at a time, plain links), then the choice of email alerts. Each section is
//! there because the domain gave it for this viewer's roles.

use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_router::hooks::{use_params_map, use_query_map};

use super::api::{SetAlertDelivery, staff_dashboard};
use super::types::{AlertDelivery, DELIVERIES, DashboardData, Listing, ReportRow, WaitingRow};
use crate::components::form::{ErrorSummary, Notice};
use crate::components::pager::pager;
use crate::components::status::{LoadError, NotFound};
use crate::components::title::PageTitle;
use crate::consultations::labels as consultation_labels;
use crate::dates::DayText;
use crate::format;
use crate::i18n::{Locale, td_string, use_i18n};
use crate::lang;
use crate::paths;
use crate::web::flash::{Flash, take_flash};

/// The lists of the page, by their query parameter (the page of each is in the address).
const LISTS: [&str; 4] = ["moderation", "reports", "decisions", "sessions"];

/// The dashboard page.
#[component]
pub fn StaffDashboardPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let i18n = use_i18n();
    let args = move || {
        let q = query.read();
        let page = |name: &str| q.get(name).and_then(|p| p.parse::<u64>().ok());
        (
            lang::code(i18n.get_locale_untracked()).to_owned(),
            params.read().get("slug").unwrap_or_default(),
            [
                page("moderation"),
                page("reports"),
                page("decisions"),
                page("sessions"),
            ],
        )
    };
    let data = Resource::new(
        args,
        |(lang, region, [moderation, reports, decisions, sessions])| {
            staff_dashboard(lang, region, moderation, decisions, sessions, reports)
        },
    );
    let flash = Resource::new(|| (), |()| take_flash("alerts".into()));
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let flash = flash.await.ok().flatten().unwrap_or_default();
                match data.await {
                    Ok(Some(data)) => view! { <Dashboard data flash/> }.into_any(),
                    Ok(None) => view! { <NotFound/> }.into_any(),
                    Err(_) => view! { <LoadError/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Dashboard(data: DashboardData, flash: Flash) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let code = lang::code(locale);
    let name = data.region_name.get(locale).to_owned();
    let title = td_string!(locale, staff_dashboard_title, region = name.clone()).to_string();
    let heading = title.clone();
    let base = paths::region(code, &data.region, "staff");
    let pages = [
        data.to_moderate.as_ref().map_or(1, |l| l.page),
        data.reports.as_ref().map_or(1, |l| l.page),
        data.awaiting_decision.as_ref().map_or(1, |l| l.page),
        data.awaiting_session.as_ref().map_or(1, |l| l.page),
    ];
    let href = Href { base, pages };
    let region = data.region.clone();
    view! {
        <PageTitle text=move || title.clone()/>
        <nav class="breadcrumb" aria-label=td_string!(locale, breadcrumb)>
            <a href=paths::region(code, &data.region, "")>{name}</a>
        </nav>
        <h1>{heading}</h1>
        <ul class="inline-list">
            <li><a href=paths::region(code, &data.region, "audit")>{td_string!(locale, audit_link)}</a></li>
            <li><a href=paths::guides(code, Some(&data.region), "")>{td_string!(locale, guides_title)}</a></li>
            {data.officer.then(|| view! {
                <li><a href=paths::region(code, &data.region, "identity")>{td_string!(locale, identity_link)}</a></li>
            })}
        </ul>
        <Counts data=data.clone()/>
        {data.to_moderate.clone().map(|list| {
            let more = paths::region(code, &region, "moderation");
            view! {
                <section id="moderation" aria-labelledby="moderation-heading" class="dashboard-list">
                    <h2 id="moderation-heading">{td_string!(locale, dashboard_moderation_heading)}</h2>
                    <p><a href=more>{td_string!(locale, dashboard_moderation_link)}</a></p>
                    <PetitionTable list=list.clone() region=region.clone() columns=Columns::Waiting/>
                    <Pager list="moderation" page=list.page pages=list.pages href=href.clone()/>
                </section>
            }
        })}
        {data.reports.clone().map(|list| view! {
            <section id="reports" aria-labelledby="reports-list-heading" class="dashboard-list">
                <h2 id="reports-list-heading">{td_string!(locale, dashboard_reports_heading)}</h2>
                <p><a href=paths::region(code, &region, "moderation#reports")>{td_string!(locale, dashboard_moderation_link)}</a></p>
                <ReportTable list=list.clone() region=region.clone()/>
                <Pager list="reports" page=list.page pages=list.pages href=href.clone()/>
            </section>
        })}
        {data.awaiting_decision.clone().map(|list| view! {
            <section id="decisions" aria-labelledby="decisions-heading" class="dashboard-list">
                <h2 id="decisions-heading">{td_string!(locale, dashboard_decisions_heading)}</h2>
                <PetitionTable list=list.clone() region=region.clone() columns=Columns::Deadline/>
                <Pager list="decisions" page=list.page pages=list.pages href=href.clone()/>
            </section>
        })}
        {data.awaiting_session.clone().map(|list| view! {
            <section id="sessions" aria-labelledby="sessions-heading" class="dashboard-list">
                <h2 id="sessions-heading">{td_string!(locale, dashboard_sessions_heading)}</h2>
                <PetitionTable list=list.clone() region=region.clone() columns=Columns::Admissible/>
                <Pager list="sessions" page=list.page pages=list.pages href=href.clone()/>
            </section>
        })}
        {data.consultations.clone().map(|items| view! {
            <section id="consultations" aria-labelledby="consultations-heading" class="dashboard-list">
                <h2 id="consultations-heading">{td_string!(locale, dashboard_consultations_heading)}</h2>
                {if items.is_empty() {
                    view! { <p>{td_string!(locale, dashboard_nothing)}</p> }.into_any()
                } else {
                    view! {
                        <table aria-labelledby="consultations-heading">
                            <thead><tr>
                                <th scope="col">{td_string!(locale, col_title)}</th>
                                <th scope="col">{td_string!(locale, col_stage)}</th>
                                <th scope="col">{td_string!(locale, consultation_opens)}</th>
                                <th scope="col">{td_string!(locale, consultation_closes)}</th>
                            </tr></thead>
                            <tbody>
                                {items.into_iter().map(|c| view! {
                                    <tr>
                                        <td><a href=paths::consultation(code, &c.region, c.id, "manage") lang=c.lang.clone() dir="auto">{c.title.clone()}</a></td>
                                        <td>{consultation_labels::status(locale, c.status)}</td>
                                        <td><DayText day=c.opens_on.clone()/></td>
                                        <td><DayText day=c.closes_on.clone()/></td>
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    }.into_any()
                }}
            </section>
        })}
        <AlertsForm region=data.region.clone() delivery=data.delivery flash/>
    }
}

/// The counts on top, each a link to its list.
#[component]
fn Counts(data: DashboardData) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let c = data.counts;
    let reported_petitions = format!(
        "{}#petition-reports",
        paths::region(lang::code(locale), &data.region, "moderation")
    );
    let items: Vec<(Option<u64>, &'static str, String, bool)> = vec![
        (
            c.to_moderate,
            td_string!(locale, count_to_moderate),
            "#moderation".into(),
            false,
        ),
        (
            c.open_reports,
            td_string!(locale, count_open_reports),
            "#reports".into(),
            false,
        ),
        (
            c.reported_petitions,
            td_string!(locale, count_reported_petitions),
            reported_petitions,
            false,
        ),
        (
            c.awaiting_decision,
            td_string!(locale, count_awaiting_decision),
            "#decisions".into(),
            false,
        ),
        (
            c.overdue,
            td_string!(locale, count_overdue),
            "#decisions".into(),
            c.overdue.is_some_and(|n| n > 0),
        ),
        (
            c.awaiting_session,
            td_string!(locale, count_awaiting_session),
            "#sessions".into(),
            false,
        ),
        (
            c.consultation_drafts,
            td_string!(locale, count_consultation_drafts),
            "#consultations".into(),
            false,
        ),
        (
            c.consultations_open,
            td_string!(locale, count_consultations_open),
            "#consultations".into(),
            false,
        ),
        (
            c.closed_without_results,
            td_string!(locale, count_closed_without_results),
            "#consultations".into(),
            false,
        ),
        (
            c.results_without_synthesis,
            td_string!(locale, count_results_without_synthesis),
            "#consultations".into(),
            false,
        ),
    ];
    view! {
        <section aria-labelledby="counts-heading">
            <h2 id="counts-heading">{td_string!(locale, dashboard_counts_heading)}</h2>
            <ul class="dashboard-counts">
                {items.into_iter().filter_map(|(n, label, anchor, alarm)| {
                    let n = n?;
                    Some(view! {
                        <li class=if alarm { "count count-alarm" } else { "count" }>
                            <a href=anchor>
                                <span class="count-number">{format::number(locale, i64::try_from(n).unwrap_or(i64::MAX))}</span>
                                " "
                                <span class="count-label">{label}</span>
                            </a>
                        </li>
                    })
                }).collect_view()}
            </ul>
        </section>
    }
}

/// Which columns a petition table shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Columns {
    /// Waiting for moderation: since when, for how many days.
    Waiting,
    /// Waiting for the bureau: receipt, deadline, days left or overdue.
    Deadline,
    /// Admissible: receipt, since when.
    Admissible,
}

#[component]
fn PetitionTable(list: Listing<WaitingRow>, region: String, columns: Columns) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let code = lang::code(locale);
    if list.items.is_empty() {
        return view! { <p>{td_string!(locale, dashboard_nothing)}</p> }.into_any();
    }
    let head = match columns {
        Columns::Waiting => [
            td_string!(locale, col_waiting_since),
            td_string!(locale, col_days_waiting),
        ],
        Columns::Deadline => [
            td_string!(locale, petition_reference),
            td_string!(locale, petition_decision_due),
        ],
        Columns::Admissible => [
            td_string!(locale, petition_reference),
            td_string!(locale, col_admissible_since),
        ],
    };
    view! {
        <table>
            <thead><tr>
                <th scope="col">{td_string!(locale, col_title)}</th>
                <th scope="col">{head[0]}</th>
                <th scope="col">{head[1]}</th>
            </tr></thead>
            <tbody>
                {list.items.into_iter().map(|p| {
                    let href = paths::petition(code, &region, p.id, "");
                    let reference = p.reference.clone().unwrap_or_default();
                    let cells = match columns {
                        Columns::Waiting => view! {
                            <td><DayText day=p.since.clone()/></td>
                            <td>{format::number(locale, p.days_waiting)}</td>
                        }.into_any(),
                        Columns::Deadline => view! {
                            <td dir="ltr">{reference}</td>
                            <td><Deadline row=p.clone()/></td>
                        }.into_any(),
                        Columns::Admissible => view! {
                            <td dir="ltr">{reference}</td>
                            <td><DayText day=p.since.clone()/></td>
                        }.into_any(),
                    };
                    view! {
                        <tr>
                            <td><a href=href lang=p.lang.clone() dir="auto">{p.title.clone()}</a></td>
                            {cells}
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
    }
    .into_any()
}

/// The deadline of a deposited petition, with the days left or the days overdue.
#[component]
fn Deadline(row: WaitingRow) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let days = row.days_left.unwrap_or_default();
    view! {
        {row.due_on.clone().map(|day| view! { <DayText day/> })}
        " "
        {if row.overdue {
            view! { <strong class="overdue">{td_string!(locale, decision_overdue, days = -days)}</strong> }.into_any()
        } else {
            view! { <span>{td_string!(locale, decision_days_left, days = days)}</span> }.into_any()
        }}
    }
}

#[component]
fn ReportTable(list: Listing<ReportRow>, region: String) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let code = lang::code(locale);
    if list.items.is_empty() {
        return view! { <p>{td_string!(locale, dashboard_nothing)}</p> }.into_any();
    }
    view! {
        <table>
            <thead><tr>
                <th scope="col">{td_string!(locale, col_reported)}</th>
                <th scope="col">{td_string!(locale, report_reason_label)}</th>
                <th scope="col">{td_string!(locale, col_reported_on)}</th>
            </tr></thead>
            <tbody>
                {list.items.into_iter().map(|r| view! {
                    <tr>
                        <td><a href=paths::consultation(code, &region, r.consultation_id, "")>{consultation_labels::report_kind(locale, &r.kind)}</a></td>
                        <td>{consultation_labels::report_reason(locale, &r.reason)}</td>
                        <td><DayText day=r.reported_on.clone()/></td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
    }
    .into_any()
}

/// Previous and next links of a list of several pages (`href` of each page).
#[component]
fn Pager(list: &'static str, page: u64, pages: u64, href: Href) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let label = td_string!(locale, pager_label, list = list_name(locale, list)).to_string();
    pager(locale, label, page, pages, move |n| href.to(list, n))
}

/// The addresses of the dashboard's pages: each list at its page.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Href {
    base: String,
    /// The page of each of [`LISTS`] now.
    pages: [u64; 4],
}

impl Href {
    /// Page `page` of list `list`, the other lists where they are.
    fn to(&self, list: &str, page: u64) -> String {
        let query: Vec<String> = LISTS
            .iter()
            .zip(self.pages)
            .map(|(name, current)| {
                let p = if *name == list { page } else { current };
                format!("{name}={p}")
            })
            .collect();
        format!("{}?{}#{list}", self.base, query.join("&"))
    }
}

fn list_name(locale: Locale, list: &str) -> &'static str {
    match list {
        "moderation" => td_string!(locale, dashboard_moderation_heading),
        "reports" => td_string!(locale, dashboard_reports_heading),
        "decisions" => td_string!(locale, dashboard_decisions_heading),
        _ => td_string!(locale, dashboard_sessions_heading),
    }
}

/// The choice of email alerts.
#[component]
fn AlertsForm(region: String, delivery: AlertDelivery, flash: Flash) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let code = lang::code(locale);
    view! {
        <section id="alerts" aria-labelledby="alerts-heading">
            <h2 id="alerts-heading">{td_string!(locale, alerts_heading)}</h2>
            <Notice flash=flash.clone()/>
            <ErrorSummary flash/>
            <p id="alerts-hint" class="hint">{td_string!(locale, alerts_hint)}</p>
            <form method="post" action=SetAlertDelivery::url()>
                <input type="hidden" name="lang" value=code/>
                <input type="hidden" name="region" value=region/>
                <fieldset class="field" aria-describedby="alerts-hint">
                    <legend>{td_string!(locale, alerts_legend)}</legend>
                    {DELIVERIES.into_iter().map(|d| {
                        let id = format!("alerts-{}", d.as_str());
                        view! {
                            <div class="check">
                                <input id=id.clone() type="radio" name="delivery" value=d.as_str() checked=d == delivery/>
                                <label for=id>{delivery_label(locale, d)}</label>
                            </div>
                        }
                    }).collect_view()}
                </fieldset>
                <button type="submit" class="primary">{td_string!(locale, alerts_submit)}</button>
            </form>
        </section>
    }
}

fn delivery_label(locale: Locale, delivery: AlertDelivery) -> &'static str {
    match delivery {
        AlertDelivery::Immediate => td_string!(locale, alerts_immediate),
        AlertDelivery::Daily => td_string!(locale, alerts_daily),
        AlertDelivery::Off => td_string!(locale, alerts_off),
    }
}
