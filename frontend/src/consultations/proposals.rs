//! The call for proposals: the ranked list and the form on the consultation page, and a
//! proposal's own page with its comments, support and reports.

use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_router::hooks::use_params_map;

use super::actions::{CommentProposal, ReportContent, SubmitProposal, SupportProposal};
use super::api::get_proposal_page;
use super::labels;
use super::pages::ConsultationFacts;
use super::types::{ConsultationPageData, ConsultationStatus, ProposalItem, ProposalPageData};
use crate::components::form::{ErrorSummary, Field, Notice};
use crate::components::status::LoadError;
use crate::components::status::NotFound;
use crate::components::title::PageTitle;
use crate::dates::DayText;
use crate::i18n::{Locale, td_string, use_i18n};
use crate::lang;
use crate::paths;
use crate::web::flash::Flash;
use crate::web::flash::take_flash;
use crate::web::messages::message;

/// The hidden fields that say which consultation a form is about.
fn about(locale: Locale, region: &str, id: i32) -> impl IntoView + use<> {
    view! {
        <input type="hidden" name="lang" value=lang::code(locale)/>
        <input type="hidden" name="region" value=region.to_owned()/>
        <input type="hidden" name="id" value=id/>
    }
}

/// The "proposals" section of a consultation page.
#[component]
pub fn ProposalsSection(data: ConsultationPageData, form: Flash, list: Flash) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let code = lang::code(locale);
    let item = data.item.clone();
    let open = item.status == ConsultationStatus::Open;
    let base = paths::consultation(code, &item.region, item.id, "");
    view! {
        <section id="proposals" aria-labelledby="proposals-heading" class="proposals">
            <h2 id="proposals-heading">{td_string!(locale, proposals_heading)}</h2>
            <Notice flash=list.clone()/>
            <ErrorSummary flash=list/>
            {if data.proposal_items.is_empty() {
                view! { <p class="empty">{td_string!(locale, proposals_none)}</p> }.into_any()
            } else {
                view! {
                    <ol class="proposal-list" start=data.proposals_start>
                        {data.proposal_items.iter().map(|p| view! {
                            <ProposalCard
                                proposal=p.clone()
                                href=format!("{base}/proposals/{}", p.id)
                                support=(open && data.signed_in).then(|| (item.region.clone(), item.id))
                            />
                        }).collect_view()}
                    </ol>
                }.into_any()
            }}
            {(data.proposals_page > 0 || data.proposals_next).then(|| {
                let page = data.proposals_page;
                view! {
                    <nav class="pages" aria-label=td_string!(locale, proposals_pages)>
                        {(page > 0).then(|| view! {
                            <a rel="prev" href=format!("{base}?proposals_page={}#proposals", page - 1)>
                                {td_string!(locale, proposals_previous)}
                            </a>
                        })}
                        " "
                        {data.proposals_next.then(|| view! {
                            <a rel="next" href=format!("{base}?proposals_page={}#proposals", page + 1)>
                                {td_string!(locale, proposals_more)}
                            </a>
                        })}
                    </nav>
                }
            })}
            {open.then(|| view! { <ProposalForm data=data.clone() flash=form/> })}
        </section>
    }
}

/// A proposal in the ranked list, with its support button.
#[component]
fn ProposalCard(
    proposal: ProposalItem,
    href: String,
    /// `(region, consultation)` when the visitor may support it.
    support: Option<(String, i32)>,
) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let supports = td_string!(locale, proposal_supports, count = proposal.supports).to_string();
    let comments = td_string!(locale, proposal_comments, count = proposal.comments).to_string();
    let button = support.map(|(region, id)| {
        if proposal.supported {
            view! { <p class="supported">{td_string!(locale, proposal_you_support)}</p> }.into_any()
        } else {
            view! {
                <form method="post" action=SupportProposal::url() class="inline-form">
                    {about(locale, &region, id)}
                    <input type="hidden" name="proposal" value=proposal.id/>
                    <input type="hidden" name="back_to" value="list"/>
                    <button type="submit">{td_string!(locale, proposal_support_submit)}</button>
                </form>
            }
            .into_any()
        }
    });
    view! {
        <li class="proposal-card" id=format!("proposal-{}", proposal.id)>
            <a href=href dir="auto">{proposal.title.clone()}</a>
            <span class="petition-meta">
                {supports} " · " {comments}
                {proposal.province.map(|p| view! { " · " {p.get(locale).to_owned()} })}
            </span>
            {button}
        </li>
    }
}

/// The form to submit a proposal.
#[component]
fn ProposalForm(data: ConsultationPageData, flash: Flash) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let code = lang::code(locale);
    if !data.signed_in {
        return view! {
            <p><a href=paths::account(code, "sign-in")>{td_string!(locale, proposal_sign_in)}</a></p>
        }
        .into_any();
    }
    let province = flash.value("province");
    view! {
        <h3 id="propose">{td_string!(locale, proposal_form_heading)}</h3>
        <ErrorSummary flash=flash.clone() form="proposal"/>
        <form method="post" action=SubmitProposal::url() novalidate>
            {about(locale, &data.item.region, data.item.id)}
            <Field
                flash=flash.clone()
                name="title"
                input_name="proposal[title]"
                form="proposal"
                kind="text"
                autocomplete="off"
                dir="auto"
                label=move || td_string!(locale, proposal_title_label)
                value=flash.value("title")
            />
            {long_text(locale, &flash, ("proposal", "body", "proposal[body]"), td_string!(locale, proposal_body_label), 5_000)}
            <div class="field">
                <label for="proposal-province">{td_string!(locale, field_province_concerned)}</label>
                <select id="proposal-province" name="proposal[province]">
                    <option value="">{td_string!(locale, answer_province_none)}</option>
                    {data.provinces.iter().map(|p| view! {
                        <option value=p.code.clone() selected=p.code == province>{p.name.get(locale).to_owned()}</option>
                    }).collect_view()}
                </select>
            </div>
            <button type="submit" class="primary">{td_string!(locale, proposal_submit)}</button>
        </form>
    }
    .into_any()
}

/// `/{lang}/r/{slug}/consultations/{id}/proposals/{proposal}`: a proposal and its comments.
#[component]
pub fn ProposalPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let args = move || {
        let p = params.read();
        let number = |key: &str| p.get(key).and_then(|v| v.parse::<i32>().ok()).unwrap_or(0);
        (
            lang::code(i18n.get_locale()).to_owned(),
            p.get("slug").unwrap_or_default(),
            number("id"),
            number("proposal"),
        )
    };
    let page = Resource::new(args, |(lang, region, id, proposal)| {
        get_proposal_page(lang, region, id, proposal)
    });
    let flashes = Resource::new(
        || (),
        |()| async {
            let page = take_flash("proposal_page".into()).await;
            let comment = take_flash("comment".into()).await;
            (
                page.ok().flatten().unwrap_or_default(),
                comment.ok().flatten().unwrap_or_default(),
            )
        },
    );
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let (flash, comment) = flashes.await;
                match page.await {
                    Ok(Some(data)) => view! { <Proposal data flash comment/> }.into_any(),
                    Ok(None) => view! { <NotFound/> }.into_any(),
                    Err(_) => view! { <LoadError/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Proposal(data: ProposalPageData, flash: Flash, comment: Flash) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let code = lang::code(locale);
    let c = data.consultation.clone();
    let p = data.proposal.clone();
    let consultation_href = paths::consultation(code, &c.region, c.id, "");
    let title_text = p.title.clone();
    let act = data.open && data.signed_in;
    let report = move |kind: &'static str, target: i32, label: String| {
        let select_id = format!("report-{kind}-{target}");
        view! {
            <details class="report">
                <summary>{label}</summary>
                <form method="post" action=ReportContent::url()>
                    {about(locale, &c.region, c.id)}
                    <input type="hidden" name="proposal" value=p.id/>
                    <input type="hidden" name="kind" value=kind/>
                    <input type="hidden" name="target" value=target/>
                    <label for=select_id.clone()>{td_string!(locale, report_reason_label)}</label>
                    <select id=select_id name="reason">
                        {REPORT_REASONS.into_iter().map(|r| view! {
                            <option value=r>{labels::report_reason(locale, r)}</option>
                        }).collect_view()}
                    </select>
                    <button type="submit">{td_string!(locale, report_submit)}</button>
                </form>
            </details>
        }
    };
    let supports = td_string!(locale, proposal_supports, count = p.supports).to_string();
    view! {
        <PageTitle text=move || title_text.clone()/>
        <nav class="breadcrumb" aria-label=td_string!(locale, breadcrumb)>
            <a href=paths::region(code, &data.consultation.region, "consultations")>{td_string!(locale, consultations_heading)}</a>
            " › "
            <a href=consultation_href.clone() lang=data.consultation.lang.clone() dir="auto">{data.consultation.title.clone()}</a>
        </nav>
        <h1 dir="auto">{p.title.clone()}</h1>
        <Notice flash=flash.clone()/>
        <ErrorSummary flash=flash/>
        <ConsultationFacts item=data.consultation.clone() locale/>
        <p class="long-text" dir="auto">{p.body.clone()}</p>
        <p class="petition-meta">
            {supports}
            {p.province.clone().map(|province| view! { " · " {province.get(locale).to_owned()} })}
        </p>
        {act.then(|| {
            if p.own {
                view! { <p>{td_string!(locale, proposal_own)}</p> }.into_any()
            } else if p.supported {
                view! { <p class="supported">{td_string!(locale, proposal_you_support)}</p> }.into_any()
            } else {
                view! {
                    <form method="post" action=SupportProposal::url() class="support">
                        {about(locale, &data.consultation.region, data.consultation.id)}
                        <input type="hidden" name="proposal" value=p.id/>
                        <button type="submit" class="primary">{td_string!(locale, proposal_support_submit)}</button>
                    </form>
                }.into_any()
            }
        })}
        {data.signed_in.then(|| report("proposal", p.id, td_string!(locale, report_proposal).to_string()))}
        <section id="comment" aria-labelledby="comments-heading">
            <h2 id="comments-heading">{td_string!(locale, comments_heading)}</h2>
            <Notice flash=comment.clone()/>
            <ErrorSummary flash=comment.clone() form="comment"/>
            {if data.comments.is_empty() {
                view! { <p class="empty">{td_string!(locale, comments_none)}</p> }.into_any()
            } else {
                view! {
                    <ol class="comments">
                        {data.comments.iter().map(|c| view! {
                            <li id=format!("comment-{}", c.id)>
                                <p class="long-text" dir="auto">{c.body.clone()}</p>
                                <span class="timeline-date"><DayText day=c.on.clone()/></span>
                                {data.signed_in.then(|| report("comment", c.id, td_string!(locale, report_comment).to_string()))}
                            </li>
                        }).collect_view()}
                    </ol>
                }.into_any()
            }}
            {act.then(|| {
                view! {
                    <form method="post" action=CommentProposal::url() novalidate>
                        {about(locale, &data.consultation.region, data.consultation.id)}
                        <input type="hidden" name="proposal" value=p.id/>
                        {long_text(locale, &comment, ("comment", "comment", "comment"), td_string!(locale, comment_label), 2_000)}
                        <button type="submit">{td_string!(locale, comment_submit)}</button>
                    </form>
                }
            })}
        </section>
    }
}

/// A labelled textarea of `form` for `field` (posted as `name`), with its error and what was
/// typed.
fn long_text(
    locale: Locale,
    flash: &Flash,
    (form, field, name): (&'static str, &'static str, &'static str),
    label: &'static str,
    max_chars: u32,
) -> impl IntoView + use<> {
    let id = format!("{form}-{field}");
    let error_id = format!("{id}-error");
    let error = flash.error_of(field).map(str::to_owned);
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            {error.clone().map(|code| view! {
                <p class="field-error" id=error_id.clone()>{message(locale, &code)}</p>
            })}
            <textarea
                id=id
                name=name
                rows="5" dir="auto"
                maxlength=max_chars
                aria-invalid=error.is_some().then_some("true")
                aria-describedby=error.is_some().then_some(error_id)
                inner_html=crate::format::escaped(&flash.value(field))
            ></textarea>
        </div>
    }
}

pub(crate) use crate::components::reasons::REPORT_REASONS;
