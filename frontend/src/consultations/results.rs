//! A consultation's results page: per question, an SVG bar chart (an image with a text
//! alternative) and a table with the same numbers; free-text answers a page at a time; the
//! proposals ranked by support; responses by prefecture or province and by declaration; the
//! exports.

use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

use leptos::server_fn::ServerFn;

use super::actions::ReportContent;
use super::pages::ConsultationFacts;
use super::results_api::get_results_page;
use super::types::{QuestionResultItem, ResultsData};
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

const WIDTH: i64 = 640;
const ROW: i64 = 30;
const LABELS: i64 = 240;
const BARS: i64 = WIDTH - LABELS - 90;

/// `value` with `places` decimals, in the reader's notation (a decimal comma in French and
/// Amazigh).
fn decimal(locale: Locale, value: f64, places: usize) -> String {
    let text = format!("{value:.places$}");
    match locale {
        Locale::fr | Locale::zgh => text.replace('.', ","),
        _ => text,
    }
}

/// A percentage with one decimal, in the reader's notation.
fn percent(locale: Locale, value: f64) -> String {
    format!("{} %", decimal(locale, value, 1))
}

/// `/{lang}/r/{slug}/consultations/{id}/results`.
#[component]
pub fn ResultsPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let query = use_query_map();
    let args = move || {
        let p = params.read();
        let q = query.read();
        (
            lang::code(i18n.get_locale()).to_owned(),
            p.get("slug").unwrap_or_default(),
            p.get("id")
                .and_then(|id| id.parse::<i32>().ok())
                .unwrap_or(0),
            q.get("question").and_then(|v| v.parse::<i32>().ok()),
            q.get("after").and_then(|v| v.parse::<i64>().ok()),
        )
    };
    let page = Resource::new(args, |(lang, region, id, question, after)| {
        get_results_page(lang, region, id, question, after)
    });
    let flash = Resource::new(|| (), |()| take_flash("results".into()));
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let flash = flash.await.ok().flatten().unwrap_or_default();
                match page.await {
                    Ok(Some(data)) => view! { <Results data flash/> }.into_any(),
                    Ok(None) => view! { <NotFound/> }.into_any(),
                    Err(_) => view! { <LoadError/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Results(data: ResultsData, flash: Flash) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let code = lang::code(locale);
    let item = data.item.clone();
    let page_href = paths::consultation(code, &item.region, item.id, "");
    let files = paths::consultation_results(item.id);
    let title = {
        let t = item.title.clone();
        move || td_string!(locale, results_title, title = t.clone()).to_string()
    };
    let not_given = td_string!(locale, results_province_not_given);
    let k = data.min_cell;
    let count = move |n: Option<u64>| match n {
        Some(n) => format::number(locale, i64::try_from(n).unwrap_or(i64::MAX)),
        None => td_string!(locale, results_fewer_than, k = k).to_string(),
    };
    let hidden_cells = (item.audience != "all" && data.declared.is_none())
        || data.by_province.iter().any(|(_, n)| n.is_none())
        || data
            .questions
            .iter()
            .any(|q| q.withheld || q.rows.iter().any(|r| r.hidden));
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
        {data.live.then(|| view! { <p class="notice" role="status">{td_string!(locale, results_live_notice)}</p> })}
        <ConsultationFacts item=item.clone() locale/>
        <p>
            {td_string!(locale, results_responses, count = format::number(locale, i64::try_from(data.responses).unwrap_or(i64::MAX)))}
            " "
            {if data.per_cin { td_string!(locale, results_verified_per_cin) } else { td_string!(locale, results_verified_per_account) }}
            {(item.audience != "all" && !data.total_while_open && !data.too_few).then(|| view! {
                " "
                {td_string!(locale, results_declared, count = count(data.declared))}
            })}
        </p>
        {data.total_while_open.then(|| view! { <p class="notice">{td_string!(locale, results_total_while_open)}</p> })}
        {data.too_few.then(|| view! { <p class="notice">{td_string!(locale, results_too_few, k = k)}</p> })}
        {(hidden_cells && !data.total_while_open && !data.too_few).then(|| view! { <p>{td_string!(locale, results_small_cells, k = k)}</p> })}
        <p>
            {td_string!(locale, results_exports)} " "
            <a href=format!("{files}.csv?lang={code}")>"CSV"</a> " · "
            <a href=format!("{files}.json?lang={code}")>"JSON"</a>
        </p>
        {data.questions.iter().enumerate().map(|(n, q)| view! {
            <QuestionResult
                n=n + 1
                question=q.clone()
                base=format!("{page_href}/results")
                report=data.signed_in.then(|| (item.region.clone(), item.id))
                k
            />
        }).collect_view()}
        {(!data.proposals.is_empty()).then(|| view! {
            <section aria-labelledby="ranked-proposals">
                <h2 id="ranked-proposals">{td_string!(locale, results_proposals_heading)}</h2>
                <ol class="proposal-list">
                    {data.proposals.iter().map(|p| view! {
                        <li>
                            <a href=format!("{page_href}/proposals/{}", p.id) dir="auto">{p.title.clone()}</a>
                            " — "
                            {td_string!(locale, proposal_supports, count = p.supports)}
                        </li>
                    }).collect_view()}
                </ol>
            </section>
        })}
        {(!data.by_province.is_empty()).then(|| view! {
        <section aria-labelledby="by-province">
            <h2 id="by-province">{td_string!(locale, results_by_province_heading)}</h2>
            <div class="table-scroll">
                <table class="numbers">
                    <caption>{td_string!(locale, results_by_province_caption)}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{td_string!(locale, col_province)}</th>
                            <th scope="col">{td_string!(locale, col_responses)}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {data.by_province.iter().map(|(name, n)| view! {
                            <tr>
                                <th scope="row">{name.as_ref().map_or(not_given.to_owned(), |n| n.get(locale).to_owned())}</th>
                                <td>{count(*n)}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        </section>
        })}
    }
}

/// One question's results: the chart and the table, or the free-text answers.
#[component]
fn QuestionResult(
    n: usize,
    question: QuestionResultItem,
    base: String,
    /// `(region, consultation)` when the visitor may report an answer.
    report: Option<(String, i32)>,
    /// The smallest count shown.
    k: u64,
) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let heading_id = format!("result-{}", question.id);
    let respondents = td_string!(
        locale,
        results_respondents,
        count = format::number(
            locale,
            i64::try_from(question.respondents).unwrap_or(i64::MAX)
        )
    )
    .to_string();
    let body = if question.withheld {
        view! { <p class="empty">{td_string!(locale, results_question_withheld, k = k)}</p> }
            .into_any()
    } else if question.kind == "text" {
        let more = question
            .more_after
            .map(|after| format!("{base}?question={}&after={after}#{heading_id}", question.id));
        view! {
            {if question.texts.is_empty() {
                view! { <p class="empty">{td_string!(locale, results_no_texts)}</p> }.into_any()
            } else {
                view! {
                    <ul class="text-answers">
                        {question.texts.iter().map(|(id, t)| view! {
                            <li>
                                <p class="long-text" dir="auto">{t.clone()}</p>
                                {report.clone().map(|(region, consultation)| view! {
                                    <ReportAnswer region consultation answer=*id/>
                                })}
                            </li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
            {more.map(|href| view! { <p><a href=href rel="next">{td_string!(locale, results_more_texts)}</a></p> })}
        }
        .into_any()
    } else {
        view! { <BarChart question=question.clone() k/> }.into_any()
    };
    view! {
        <section aria-labelledby=heading_id.clone() class="question-result">
            <h2 id=heading_id.clone()>{format!("{n}. ")}<span dir="auto">{question.text.clone()}</span></h2>
            <p>
                {respondents}
                {question.mean.map(|mean| view! { " · " {td_string!(locale, results_mean, mean = decimal(locale, mean, 2))} })}
                {(question.kind == "ranking").then(|| view! { " · " {td_string!(locale, results_borda_note)} })}
            </p>
            {body}
        </section>
    }
}

/// The form that reports a free-text answer to the region's moderators.
#[component]
fn ReportAnswer(region: String, consultation: i32, answer: i64) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let select_id = format!("report-answer-{answer}");
    view! {
        <details class="report">
            <summary>{td_string!(locale, report_answer)}</summary>
            <form method="post" action=ReportContent::url()>
                <input type="hidden" name="lang" value=lang::code(locale)/>
                <input type="hidden" name="region" value=region/>
                <input type="hidden" name="id" value=consultation/>
                <input type="hidden" name="proposal" value=0/>
                <input type="hidden" name="kind" value="answer"/>
                <input type="hidden" name="target" value=answer/>
                <label for=select_id.clone()>{td_string!(locale, report_reason_label)}</label>
                <select id=select_id name="reason">
                    {super::proposals::REPORT_REASONS.into_iter().map(|r| view! {
                        <option value=r>{super::labels::report_reason(locale, r)}</option>
                    }).collect_view()}
                </select>
                <button type="submit">{td_string!(locale, report_submit)}</button>
            </form>
        </details>
    }
}

/// Horizontal bars (percent of respondents, or Borda points for a ranking), mirrored on
/// right-to-left pages, then the table with the same numbers.
#[component]
fn BarChart(
    question: QuestionResultItem,
    /// The smallest count shown (hidden rows say "fewer than k").
    k: u64,
) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let rtl = lang::dir(locale) == "rtl";
    let ranking = question.kind == "ranking";
    // Bar lengths in whole numbers: Borda points, or hundredths of a percent of respondents.
    let respondents = i64::try_from(question.respondents)
        .unwrap_or(i64::MAX)
        .max(1);
    let value = |r: &super::types::ResultRow| -> i64 {
        if ranking {
            i64::try_from(r.points.unwrap_or_default()).unwrap_or(i64::MAX)
        } else {
            i64::try_from(r.count)
                .unwrap_or(i64::MAX)
                .saturating_mul(10_000)
                / respondents
        }
    };
    let top = question.rows.iter().map(value).max().unwrap_or(0).max(1);
    let top = if ranking { top } else { top.max(10_000) };
    let x = move |ltr: i64| if rtl { WIDTH - ltr } else { ltr };
    let anchor = move |ltr_end: bool| if ltr_end != rtl { "end" } else { "start" };
    let height = ROW * i64::try_from(question.rows.len()).unwrap_or(0) + 10;
    let fewer = td_string!(locale, results_fewer_than, k = k).to_string();
    let shown = |r: &super::types::ResultRow| match (r.points, r.percent) {
        _ if r.hidden => fewer.clone(),
        (Some(points), _) => format::number(locale, i64::try_from(points).unwrap_or(i64::MAX)),
        (None, Some(p)) => percent(locale, p),
        (None, None) => String::new(),
    };
    let bars = question
        .rows
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let y = i64::try_from(i).unwrap_or(0) * ROW + 5;
            let width = value(r).saturating_mul(BARS) / top;
            let bar_x = if rtl { WIDTH - LABELS - 10 - width } else { LABELS + 10 };
            let label: String = r.label.chars().take(32).collect();
            view! {
                <text x=x(LABELS) y=y + 19 text-anchor=anchor(true) class="chart-label">{label}</text>
                <rect x=bar_x y=y + 4 width=width.max(1) height=ROW - 10 class="bar"/>
                <text x=x(LABELS + 10 + width + 6) y=y + 19 text-anchor=anchor(false) class="chart-value">{shown(r)}</text>
            }
        })
        .collect_view();
    let summary = question
        .rows
        .iter()
        .map(|r| format!("{}: {}", r.label, shown(r)))
        .collect::<Vec<_>>()
        .join("; ");
    let (caption_id, desc_id) = (
        format!("chart-{}-caption", question.id),
        format!("chart-{}-desc", question.id),
    );
    let labelled_by = format!("{caption_id} {desc_id}");
    view! {
        <figure class="chart">
            <figcaption id=caption_id.clone()>{if ranking { td_string!(locale, results_chart_ranking) } else { td_string!(locale, results_chart_shares) }}</figcaption>
            <svg
                viewBox=format!("0 0 {WIDTH} {height}")
                role="img"
                aria-labelledby=labelled_by
                direction="ltr"
                class="chart-svg"
            >
                <desc id=desc_id>{summary}</desc>
                {bars}
            </svg>
        </figure>
        <div class="table-scroll">
            <table class="numbers">
                <caption>{td_string!(locale, results_table_caption, question = question.text.clone())}</caption>
                <thead>
                    <tr>
                        <th scope="col">{td_string!(locale, col_answer)}</th>
                        {if ranking {
                            view! {
                                <th scope="col">{td_string!(locale, col_borda_points)}</th>
                                <th scope="col">{td_string!(locale, col_mean_rank)}</th>
                            }.into_any()
                        } else {
                            view! {
                                <th scope="col">{td_string!(locale, col_responses)}</th>
                                <th scope="col">{td_string!(locale, col_percent)}</th>
                            }.into_any()
                        }}
                    </tr>
                </thead>
                <tbody>
                    {question.rows.iter().map(|r| view! {
                        <tr>
                            <th scope="row" dir="auto">{r.label.clone()}</th>
                            {if ranking {
                                view! {
                                    <td>{format::number(locale, i64::try_from(r.points.unwrap_or_default()).unwrap_or(i64::MAX))}</td>
                                    <td>{r.mean_rank.map(|m| decimal(locale, m, 2)).unwrap_or_default()}</td>
                                }.into_any()
                            } else {
                                view! {
                                    <td>{if r.hidden { fewer.clone() } else { format::number(locale, i64::try_from(r.count).unwrap_or(i64::MAX)) }}</td>
                                    <td>{if r.hidden { String::new() } else { r.percent.map(|p| percent(locale, p)).unwrap_or_default() }}</td>
                                }.into_any()
                            }}
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}
