//! A region's petitions (by stage, with a search) and a petition's page: its text, progress,
//! what the council did, the timeline, and what the visitor may do.

use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_router::hooks::{use_params_map, use_query_map};

use super::api::{RepresentativeStep, get_petition_page, list_petitions};
use super::charts::{ProvinceChart, ProvinceMap, TimeChart};
use super::glance::{PetitionGlance, ShareLinks};
use super::labels;
use super::reports::{HiddenNotice, ReportPetition};
use super::sign::SignSection;
use super::staff::StaffPanel;
use super::types::{PetitionItem, PetitionListData, PetitionPageData};
use crate::components::form::{ErrorSummary, Notice};
use crate::components::status::LoadError;
use crate::components::status::NotFound;
use crate::components::title::PageTitle;
use crate::dates::DayText;
use crate::format;
use crate::i18n::{td_string, use_i18n};
use crate::lang;
use crate::paths;
use crate::web::flash::take_flash;

const STAGES: [&str; 4] = ["open", "deposited", "answered", "all"];

/// `/{lang}/r/{slug}/petitions`: the region's petitions.
#[component]
pub fn PetitionListPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let args = move || {
        let q = query.read();
        (
            params.read().get("slug").unwrap_or_default(),
            q.get("stage").unwrap_or_else(|| "open".into()),
            Filters {
                words: q.get("q").unwrap_or_default(),
                competence: q.get("competence").unwrap_or_default(),
                province: q.get("province").unwrap_or_default(),
            },
            q.get("before").and_then(|b| b.parse::<i32>().ok()),
        )
    };
    let page = Resource::new(args, |(region, stage, filters, before)| {
        list_petitions(
            region,
            stage,
            filters.words,
            filters.competence,
            filters.province,
            before,
        )
    });
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match page.await {
                    Ok(Some(data)) => {
                        let (_, stage, filters, _) = args();
                        view! { <PetitionList data stage filters/> }.into_any()
                    }
                    Ok(None) => view! { <NotFound/> }.into_any(),
                    Err(_) => view! { <LoadError/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// The search and filters of a list, as in its address.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Filters {
    words: String,
    competence: String,
    province: String,
}

#[component]
fn PetitionList(data: PetitionListData, stage: String, filters: Filters) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let code = lang::code(locale);
    let region_name = data.region_name.get(locale).to_owned();
    let base = paths::region(code, &data.region, "petitions");
    let title = {
        let name = region_name.clone();
        move || td_string!(locale, petitions_of_region, region = name.clone()).to_string()
    };
    let next = data.next.map(|before| {
        format!(
            "{base}?stage={stage}&q={}&competence={}&province={}&before={before}",
            urlencode(&filters.words),
            urlencode(&filters.competence),
            urlencode(&filters.province)
        )
    });
    view! {
        <PageTitle text=title.clone()/>
        <nav class="breadcrumb" aria-label=td_string!(locale, breadcrumb)>
            <a href=paths::region(code, &data.region, "")>{region_name.clone()}</a>
        </nav>
        <h1>{title()}</h1>
        <nav class="tabs" aria-label=td_string!(locale, petition_stages)>
            <ul>
                {STAGES.iter().map(|s| {
                    let current = *s == stage;
                    view! {
                        <li>
                            <a href=format!("{base}?stage={s}") aria-current=current.then_some("page")>
                                {stage_label(locale, s)}
                            </a>
                        </li>
                    }
                }).collect_view()}
            </ul>
        </nav>
        <p class="region-actions"><a href=format!("{base}/new") class="button">{td_string!(locale, new_petition_link)}</a></p>
        <form method="get" role="search" class="petition-search" action=base.clone()>
            <input type="hidden" name="stage" value=stage.clone()/>
            <label for="petition-search">{td_string!(locale, petition_search_label)}</label>
            <input id="petition-search" name="q" type="search" value=filters.words.clone() dir="auto"/>
            <div class="filter-row">
                <div class="field">
                    <label for="petition-filter-competence">{td_string!(locale, field_competence)}</label>
                    <select id="petition-filter-competence" name="competence">
                        <option value="">{td_string!(locale, filter_any)}</option>
                        {data.competences.iter().map(|c| view! {
                            <option value=c.clone() selected=*c == filters.competence>{labels::competence(locale, c)}</option>
                        }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="petition-filter-province">{td_string!(locale, field_province_concerned)}</label>
                    <select id="petition-filter-province" name="province">
                        <option value="">{td_string!(locale, filter_any)}</option>
                        {data.provinces.iter().map(|p| view! {
                            <option value=p.code.clone() selected=p.code == filters.province>{p.name.get(locale).to_owned()}</option>
                        }).collect_view()}
                    </select>
                </div>
            </div>
            <button type="submit">{td_string!(locale, petition_search_submit)}</button>
        </form>
        {if data.items.is_empty() {
            view! { <p class="empty">{td_string!(locale, petitions_none)}</p> }.into_any()
        } else {
            view! {
                <ul class="petition-list">
                    {data.items.into_iter().map(|item| view! { <PetitionCard item/> }).collect_view()}
                </ul>
            }.into_any()
        }}
        {next.map(|href| view! { <p><a href=href rel="next">{td_string!(locale, petitions_older)}</a></p> })}
    }
}

#[component]
pub(crate) fn PetitionCard(item: PetitionItem) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let href = paths::petition(lang::code(locale), &item.region, item.id, "");
    let count = match item.threshold {
        Some(threshold) => td_string!(
            locale,
            signatures_of_threshold,
            count = format::number(locale, i64::from(item.signatures)),
            threshold = format::number(locale, i64::from(threshold))
        )
        .to_string(),
        None => String::new(),
    };
    view! {
        <li class="petition-card">
            <a href=href lang=item.lang.clone() dir="auto">{item.title}</a>
            <span class="petition-meta">
                <span class=format!("status status-{}", item.status.as_str())>{labels::status(locale, item.status)}</span>
                " · "
                {labels::competence(locale, &item.competence)}
                {(!count.is_empty()).then(|| view! { " · " {count} })}
            </span>
        </li>
    }
}

fn stage_label(locale: crate::i18n::Locale, stage: &str) -> &'static str {
    match stage {
        "open" => td_string!(locale, stage_open),
        "deposited" => td_string!(locale, stage_deposited),
        "answered" => td_string!(locale, stage_answered),
        _ => td_string!(locale, stage_all),
    }
}

/// Percent-encodes a query value.
pub(crate) fn urlencode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                char::from(b).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// `/{lang}/r/{slug}/petitions/{id}`: one petition; 404 when it does not exist for the visitor.
#[component]
pub fn PetitionPage() -> impl IntoView {
    let params = use_params_map();
    let args = move || {
        let p = params.read();
        (
            p.get("slug").unwrap_or_default(),
            p.get("id")
                .and_then(|id| id.parse::<i32>().ok())
                .unwrap_or(0),
        )
    };
    let page = Resource::new(args, |(region, id)| get_petition_page(region, id));
    let sign_flash = Resource::new(|| (), |()| take_flash("sign".into()));
    let rep_flash = Resource::new(|| (), |()| take_flash("representative".into()));
    let staff_flash = Resource::new(|| (), |()| take_flash("staff".into()));
    let report_flash = Resource::new(|| (), |()| take_flash("report".into()));
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let sign_flash = sign_flash.await.ok().flatten().unwrap_or_default();
                let rep_flash = rep_flash.await.ok().flatten().unwrap_or_default();
                let staff_flash = staff_flash.await.ok().flatten().unwrap_or_default();
                let report_flash = report_flash.await.ok().flatten().unwrap_or_default();
                match page.await {
                    Ok(Some(data)) => view! { <Petition data sign_flash rep_flash staff_flash report_flash/> }.into_any(),
                    Ok(None) => view! { <NotFound/> }.into_any(),
                    Err(_) => view! { <LoadError/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Petition(
    data: PetitionPageData,
    sign_flash: crate::web::flash::Flash,
    rep_flash: crate::web::flash::Flash,
    staff_flash: crate::web::flash::Flash,
    report_flash: crate::web::flash::Flash,
) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let code = lang::code(locale);
    let item = data.item.clone();
    let title_text = if data.title_shown {
        item.title.clone()
    } else if data.hidden.is_some() {
        td_string!(locale, petition_title_hidden).to_owned()
    } else {
        td_string!(locale, petition_title_withheld).to_owned()
    };
    let heading = title_text.clone();
    let region_href = paths::region(code, &item.region, "");
    let list_href = format!("{region_href}/petitions");
    let region_name = data.region_name.get(locale).to_owned();
    let rejected = data.rejected;
    view! {
        <PageTitle text=move || title_text.clone()/>
        <nav class="breadcrumb" aria-label=td_string!(locale, breadcrumb)>
            <a href=region_href>{region_name.clone()}</a>
            " › "
            <a href=list_href>{td_string!(locale, petitions_heading)}</a>
        </nav>
        <article class="petition" lang=data.title_shown.then(|| item.lang.clone())>
            <h1 dir="auto">{heading}</h1>
        </article>
        <PetitionGlance data=data.clone()/>
        <Notice flash=rep_flash.clone()/>
        <ErrorSummary flash=rep_flash/>
        <dl class="facts">
            <div>
                <dt>{td_string!(locale, petition_status)}</dt>
                <dd><span class=format!("status status-{}", item.status.as_str())>{labels::status(locale, item.status)}</span></dd>
            </div>
            <div>
                <dt>{td_string!(locale, petition_competence)}</dt>
                <dd>{labels::competence(locale, &item.competence)}</dd>
            </div>
            {data.province_name.clone().map(|name| view! {
                <div>
                    <dt>{td_string!(locale, field_province_concerned)}</dt>
                    <dd>{name.get(locale).to_owned()}</dd>
                </div>
            })}
            {data.signatories_erased_on.clone().map(|day| view! {
                <div>
                    <dt>{td_string!(locale, petition_signatories_erased)}</dt>
                    <dd><DayText day/></dd>
                </div>
            })}
            {data.text_shown.then(|| view! {
                <div>
                    <dt>{td_string!(locale, petition_representative)}</dt>
                    <dd dir="auto">{data.representative_name.clone()}</dd>
                </div>
            })}
            {data.association_name.clone().map(|name| view! {
                <div>
                    <dt>{td_string!(locale, petition_association)}</dt>
                    <dd dir="auto">{name}{data.association_seat.clone().map(|seat| format!(" — {seat}"))}</dd>
                </div>
            })}
            {data.collection_ends_on.clone().filter(|_| data.signable).map(|day| view! {
                <div>
                    <dt>{td_string!(locale, petition_collection_ends)}</dt>
                    <dd><DayText day/></dd>
                </div>
            })}
        </dl>
        <HiddenNotice data=data.clone()/>
        {rejected.then(|| view! {
            <section class="moderation-outcome" aria-labelledby="rejection-heading">
                <h2 id="rejection-heading">{td_string!(locale, rejection_heading)}</h2>
                <p>{data.moderation_reason.as_deref().map(|r| labels::rejection_reason(locale, r))}</p>
                {data.moderation_note.clone().map(|note| view! { <p class="note" dir="auto">{note}</p> })}
            </section>
        })}
        {data.viewer.can_edit.then(|| {
            data.moderation_note.clone().map(|note| view! {
                <section class="moderation-outcome" aria-labelledby="changes-heading">
                    <h2 id="changes-heading">{td_string!(locale, changes_requested_heading)}</h2>
                    <p class="note" dir="auto">{note}</p>
                </section>
            })
        })}
        {data.text_shown.then(|| view! {
            <section aria-labelledby="request-heading" lang=item.lang.clone()>
                <h2 id="request-heading" lang=code>{td_string!(locale, petition_request)}</h2>
                <p class="long-text" dir="auto">{data.request.clone()}</p>
                <h2 lang=code>{td_string!(locale, petition_reasons)}</h2>
                <p class="long-text" dir="auto">{data.reasons.clone()}</p>
            </section>
        })}
        <CouncilFacts data=data.clone()/>
        {data.progress.clone().map(|progress| {
            let total = td_string!(
                locale,
                signatures_of_threshold,
                count = format::number(locale, progress.total),
                threshold = format::number(locale, i64::from(progress.threshold))
            ).to_string();
            let removals = data.removals.clone();
            // Online and on paper, once the council entered paper signatures.
            let split = (progress.paper > 0).then(|| td_string!(
                locale,
                signatures_online_and_paper,
                online = format::number(locale, progress.total - progress.paper),
                paper = format::number(locale, progress.paper)
            ).to_string());
            view! {
                <section aria-labelledby="progress-heading" class="progress">
                    <h2 id="progress-heading">{td_string!(locale, progress_heading)}</h2>
                    <p class="progress-total">{total}</p>
                    {split.map(|split| view! { <p class="progress-split">{split}</p> })}
                    {(!removals.is_empty()).then(|| view! {
                        <ul class="removals">
                            {removals.iter().map(|(count, day, reason)| view! {
                                <li>{td_string!(locale, signatures_removed, count = *count, day = day.get(locale).to_owned())} " " <span dir="auto">{reason.clone()}</span></li>
                            }).collect_view()}
                        </ul>
                    })}
                    <ProvinceChart progress=progress.clone()/>
                    <ProvinceMap progress=progress.clone()/>
                    <TimeChart progress/>
                </section>
            }
        })}
        <StaffPanel data=data.clone() flash=staff_flash/>
        <SignSection data=data.clone() flash=sign_flash/>
        <RepresentativeActions data=data.clone()/>
        <ShareLinks data=data.clone()/>
        {(!data.attachments.is_empty()).then(|| view! {
            <section aria-labelledby="attachments-heading">
                <h2 id="attachments-heading">{td_string!(locale, attachments_heading)}</h2>
                <ul>
                    {data.attachments.iter().map(|a| view! {
                        <li>
                            <a href=paths::petition_file(item.id, a.id) dir="auto">{a.file_name.clone()}</a>
                            " — " {labels::purpose(locale, &a.purpose)}
                            " (" {td_string!(locale, size_kb, size = a.size_kb)} ")"
                        </li>
                    }).collect_view()}
                </ul>
            </section>
        })}
        <ReportPetition data=data.clone() flash=report_flash/>
        <section aria-labelledby="timeline-heading">
            <h2 id="timeline-heading">{td_string!(locale, timeline_heading)}</h2>
            <ol class="timeline">
                {data.timeline.iter().map(|e| view! {
                    <li>
                        <span class="timeline-date"><DayText day=e.on.clone()/></span>
                        " — "
                        {labels::step(locale, &e.step)}
                        " ("
                        {labels::role(locale, &e.actor_role)}
                        ")"
                        {e.reason.clone().map(|r| view! { " — " {labels::rejection_reason(locale, &r)} })}
                        {e.note.clone().map(|n| view! { <p class="note" dir="auto">{n.get(locale).to_owned()}</p> })}
                    </li>
                }).collect_view()}
            </ol>
        </section>
    }
}

/// Reference, deadlines and the council's decisions, once deposited.
#[component]
fn CouncilFacts(data: PetitionPageData) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    data.reference.clone().map(|reference| {
        let countdown = data.decision_days_left.map(|days| {
            if data.overdue {
                view! { <p class="overdue" role="status">{td_string!(locale, decision_overdue, days = -days)}</p> }.into_any()
            } else {
                view! { <p>{td_string!(locale, decision_days_left, days = days)}</p> }.into_any()
            }
        });
        view! {
            <section aria-labelledby="council-heading" class="council">
                <h2 id="council-heading">{td_string!(locale, council_heading)}</h2>
                <dl class="facts">
                    <div>
                        <dt>{td_string!(locale, petition_reference)}</dt>
                        <dd dir="ltr">{reference}</dd>
                    </div>
                    {data.deposited_on.clone().map(|day| view! {
                        <div><dt>{td_string!(locale, petition_deposited_on)}</dt><dd><DayText day/></dd></div>
                    })}
                    {data.decision_due_on.clone().map(|day| view! {
                        <div><dt>{td_string!(locale, petition_decision_due)}</dt><dd><DayText day/></dd></div>
                    })}
                    {data.committee.clone().map(|committee| view! {
                        <div><dt>{td_string!(locale, petition_committee)}</dt><dd dir="auto">{committee}</dd></div>
                    })}
                    {data.session.clone().map(|session| view! {
                        <div><dt>{td_string!(locale, petition_session)}</dt><dd>{session.get(locale).to_owned()}</dd></div>
                    })}
                    {data.sitting_on.clone().map(|day| view! {
                        <div><dt>{td_string!(locale, petition_sitting)}</dt><dd><DayText day/></dd></div>
                    })}
                </dl>
                {countdown}
                {data.decision_text.clone().map(|text| view! {
                    <h3>{td_string!(locale, petition_inadmissible_reasons)}</h3>
                    <p class="long-text" dir="auto">{text}</p>
                })}
                {data.answer_text.clone().map(|text| view! {
                    <h3>{td_string!(locale, petition_answer)}</h3>
                    <p class="long-text" dir="auto">{text}</p>
                })}
            </section>
        }
    })
}

/// The representative deposits (once the rule is met) or withdraws the petition.
#[component]
fn RepresentativeActions(data: PetitionPageData) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let (can_edit, can_deposit, can_withdraw) = (
        data.viewer.can_edit,
        data.viewer.can_deposit,
        data.viewer.can_withdraw,
    );
    let edit = paths::petition(lang::code(locale), &data.item.region, data.item.id, "edit");
    data.viewer.is_representative.then(|| {
        let form = move |step: &'static str, label: &'static str, class: &'static str| {
            view! {
                <form method="post" action=RepresentativeStep::url() class="inline-form">
                    <input type="hidden" name="lang" value=lang::code(locale)/>
                    <input type="hidden" name="region" value=data.item.region.clone()/>
                    <input type="hidden" name="id" value=data.item.id/>
                    <input type="hidden" name="step" value=step/>
                    <button type="submit" class=class>{label}</button>
                </form>
            }
        };
        view! {
            <section aria-labelledby="representative-heading">
                <h2 id="representative-heading">{td_string!(locale, representative_heading)}</h2>
                {can_edit.then(|| view! {
                    <p>{td_string!(locale, edit_petition_invite)}</p>
                    <p><a href=edit>
                        {td_string!(locale, edit_petition_link)}
                    </a></p>
                })}
                {can_deposit.then(|| view! {
                    <p>{td_string!(locale, deposit_text)}</p>
                    {form("deposit", td_string!(locale, deposit_submit), "primary")}
                })}
                {can_withdraw.then(|| view! {
                    <p>{td_string!(locale, withdraw_petition_text)}</p>
                    {form("withdraw", td_string!(locale, withdraw_petition_submit), "danger")}
                })}
            </section>
        }
    })
}
