//! A petition's progress as accessible SVG charts (each an image with a text alternative), with
//! the same numbers in tables: signatures by province against the per-province minimum, and
//! signatures over time.

use leptos::prelude::*;

use super::types::ProgressData;
use crate::dates::{Day, DayText};
use crate::format;
use crate::i18n::{Locale, td_string, use_i18n};
use crate::lang;

const WIDTH: i64 = 640;
const ROW: i64 = 30;
const LABELS: i64 = 220;
const BARS: i64 = WIDTH - LABELS - 80;

/// Bars by province, the minimum marked, then the table.
#[component]
pub fn ProvinceChart(progress: ProgressData) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let rtl = lang::dir(locale) == "rtl";
    let max = progress
        .provinces
        .iter()
        .map(|p| p.count)
        .max()
        .unwrap_or(0)
        .max(i64::from(progress.per_province) * 2)
        .max(1);
    let scale = move |n: i64| n * BARS / max;
    let height = ROW * i64::try_from(progress.provinces.len()).unwrap_or(0) + 10;
    let minimum = i64::from(progress.per_province);
    // Mirrored for right-to-left pages: names on the right, bars growing leftwards.
    let x = move |ltr: i64| if rtl { WIDTH - ltr } else { ltr };
    let anchor = move |ltr_end: bool| if ltr_end != rtl { "end" } else { "start" };
    let rows = progress
        .provinces
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let y = i64::try_from(i).unwrap_or(0) * ROW + 5;
            let width = scale(p.count);
            let bar_x = if rtl { WIDTH - LABELS - 10 - width } else { LABELS + 10 };
            let met = p.met;
            let name = p.name.get(locale).to_owned();
            let count = format::number(locale, p.count);
            view! {
                <text x=x(LABELS) y=y + 19 text-anchor=anchor(true) class="chart-label">{name}</text>
                <rect x=bar_x y=y + 4 width=width.max(1) height=ROW - 10
                    class=if met { "bar bar-met" } else { "bar" }/>
                <text x=x(LABELS + 10 + width + 6) y=y + 19 text-anchor=anchor(false) class="chart-value">{count}</text>
            }
        })
        .collect_view();
    let min_x = x(LABELS + 10 + scale(minimum));
    let summary = provinces_summary(locale, &progress);
    view! {
        <figure class="chart">
            <figcaption id="chart-provinces-caption">{td_string!(locale, chart_provinces_title)}</figcaption>
            <svg
                viewBox=format!("0 0 {WIDTH} {height}")
                role="img"
                aria-labelledby="chart-provinces-caption chart-provinces-desc"
                direction="ltr"
                class="chart-svg"
            >
                <desc id="chart-provinces-desc">{summary}</desc>
                {rows}
                <line x1=min_x x2=min_x y1=0 y2=height class="chart-minimum"/>
            </svg>
            <p class="chart-note">{td_string!(locale, chart_minimum_note, minimum = format::number(locale, minimum))}</p>
        </figure>
        <table class="numbers">
            <caption>{td_string!(locale, table_provinces_caption)}</caption>
            <thead>
                <tr>
                    <th scope="col">{td_string!(locale, col_province)}</th>
                    <th scope="col">{td_string!(locale, col_signatures)}</th>
                    <th scope="col">{td_string!(locale, col_minimum_met)}</th>
                </tr>
            </thead>
            <tbody>
                {progress.provinces.iter().map(|p| {
                    let met = p.met;
                    view! {
                        <tr>
                            <th scope="row">{p.name.get(locale).to_owned()}</th>
                            <td>{format::number(locale, p.count)}</td>
                            <td>{if met { td_string!(locale, yes) } else { td_string!(locale, no) }}</td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
    }
}

/// The region's prefectures and provinces on its map, each shaded by its signatures: the minimum
/// reached, some signatures, none yet. The numbers are in the table beside the bars.
#[component]
pub fn ProvinceMap(progress: ProgressData) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let Some(map) = progress.map.clone() else {
        return ().into_any();
    };
    let shapes = map
        .outlines
        .iter()
        .map(|(code, d)| {
            let p = progress.provinces.iter().find(|p| &p.code == code);
            let count = p.map_or(0, |p| p.count);
            let class = if p.is_some_and(|p| p.met) && count > 0 {
                "province province-met"
            } else if count > 0 {
                "province province-some"
            } else {
                "province province-none"
            };
            let label = td_string!(
                locale,
                map_province_count,
                province = p.map(|p| p.name.get(locale).to_owned()).unwrap_or_default(),
                count = format::number(locale, count)
            )
            .to_string();
            // In a `<g>`: the `<title>` is then made as an SVG element when drawn in the browser.
            view! { <g><path d=d.clone() class=class><title>{label}</title></path></g> }
        })
        .collect_view();
    let summary = provinces_summary(locale, &progress);
    view! {
        <figure class="chart province-map">
            <figcaption id="map-provinces-caption">{td_string!(locale, map_provinces_title)}</figcaption>
            <svg
                viewBox=map.view_box
                role="img"
                aria-labelledby="map-provinces-caption map-provinces-desc"
                class="map-svg"
            >
                <desc id="map-provinces-desc">{summary}</desc>
                {shapes}
            </svg>
            <ul class="map-legend">
                <li><span class="swatch province-met" aria-hidden="true"></span>{td_string!(locale, map_legend_met)}</li>
                <li><span class="swatch province-some" aria-hidden="true"></span>{td_string!(locale, map_legend_some)}</li>
                <li><span class="swatch province-none" aria-hidden="true"></span>{td_string!(locale, map_legend_none)}</li>
            </ul>
            <small class="map-source">{td_string!(locale, region_map_source)}</small>
        </figure>
    }
    .into_any()
}

/// How many prefectures and provinces reach the minimum, said in words (the bars' and the map's
/// text alternative).
fn provinces_summary(locale: Locale, progress: &ProgressData) -> String {
    td_string!(
        locale,
        chart_provinces_summary,
        met = progress.provinces_met,
        total = progress.provinces.len(),
        minimum = format::number(locale, i64::from(progress.per_province))
    )
    .to_string()
}

/// Signatures gathered over time (cumulative), then the table by day.
#[component]
pub fn TimeChart(progress: ProgressData) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    if progress.days.is_empty() {
        return view! { <p>{td_string!(locale, chart_no_signatures)}</p> }.into_any();
    }
    let (width, height) = (WIDTH, 200_i64);
    let mut running = 0;
    let cumulative: Vec<(Day, i64, i64)> = progress
        .days
        .iter()
        .map(|(day, n)| {
            running += n;
            (day.clone(), *n, running)
        })
        .collect();
    let top = running.max(i64::from(progress.threshold)).max(1);
    let steps = i64::try_from(cumulative.len()).unwrap_or(1).max(2) - 1;
    let point = |i: usize, total: i64| {
        let x = 40 + i64::try_from(i).unwrap_or(0) * (width - 60) / steps;
        let y = height - 20 - total * (height - 40) / top;
        format!("{x},{y}")
    };
    let points = cumulative
        .iter()
        .enumerate()
        .map(|(i, (_, _, total))| point(i, *total))
        .collect::<Vec<_>>()
        .join(" ");
    let threshold_y = height - 20 - i64::from(progress.threshold) * (height - 40) / top;
    let words =
        |d: Option<&(Day, i64, i64)>| d.map(|d| d.0.get(locale).to_owned()).unwrap_or_default();
    let first = words(cumulative.first());
    let last = words(cumulative.last());
    let summary = td_string!(
        locale,
        chart_time_summary,
        total = format::number(locale, running),
        from = first.clone(),
        to = last.clone()
    );
    view! {
        <figure class="chart">
            <figcaption id="chart-time-caption">{td_string!(locale, chart_time_title)}</figcaption>
            <svg
                viewBox=format!("0 0 {width} {height}")
                role="img"
                aria-labelledby="chart-time-caption chart-time-desc"
                direction="ltr"
                class="chart-svg"
            >
                <desc id="chart-time-desc">{summary}</desc>
                <line x1=40 x2=width - 20 y1=threshold_y y2=threshold_y class="chart-minimum"/>
                <polyline points=points class="chart-line" fill="none"/>
                <text x=40 y=height - 4 class="chart-label" text-anchor="start">{first}</text>
                <text x=width - 20 y=height - 4 class="chart-label" text-anchor="end">{last}</text>
            </svg>
        </figure>
        <table class="numbers">
            <caption>{td_string!(locale, table_days_caption)}</caption>
            <thead>
                <tr>
                    <th scope="col">{td_string!(locale, col_day)}</th>
                    <th scope="col">{td_string!(locale, col_signatures)}</th>
                    <th scope="col">{td_string!(locale, col_cumulative)}</th>
                </tr>
            </thead>
            <tbody>
                {cumulative.into_iter().map(|(day, n, total)| view! {
                    <tr>
                        <th scope="row"><DayText day/></th>
                        <td>{format::number(locale, n)}</td>
                        <td>{format::number(locale, total)}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
    }
    .into_any()
}
