//! `/{lang}/guides/{id}/history`: a guide's versions (when each was published; for its writers
//! also the draft and who wrote and published each), and what changed in one language between
//! two of them, line by line, marked for screen readers as well as by colour.

use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

use super::api::guide_history;
use super::types::{DiffLine, HistoryData};
use crate::components::status::{LoadError, NotFound};
use crate::components::texts::{LANGS, language_name};
use crate::components::title::PageTitle;
use crate::dates::DayText;
use crate::i18n::{Locale, td_string, use_i18n};
use crate::lang;
use crate::paths;

/// The history page.
#[component]
pub fn GuideHistoryPage() -> impl IntoView {
    let i18n = use_i18n();
    let code = lang::code(i18n.get_locale_untracked());
    let id = use_params_map()
        .read_untracked()
        .get("id")
        .and_then(|id| id.parse::<i32>().ok());
    let (from, to, text_lang) = {
        let q = use_query_map().read_untracked();
        let number = |k: &str| q.get(k).and_then(|v| v.parse::<i32>().ok());
        (
            number("from"),
            number("to"),
            q.get("text_lang").unwrap_or_default(),
        )
    };
    let data = Resource::new(
        move || text_lang.clone(),
        move |text_lang| async move {
            match id {
                Some(id) => guide_history(code.to_owned(), id, from, to, text_lang).await,
                None => Ok(None),
            }
        },
    );
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(Some(data)) => view! { <History data/> }.into_any(),
                    Ok(None) => view! { <NotFound/> }.into_any(),
                    Err(_) => view! { <LoadError/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn History(data: HistoryData) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let code = lang::code(locale);
    let title = td_string!(locale, guide_history_title, title = data.title.clone()).to_string();
    let heading = title.clone();
    let numbers: Vec<i32> = data.versions.iter().map(|v| v.number).collect();
    let (from, to) = match &data.diff {
        Some(d) => (d.from, d.to),
        None => (
            numbers.get(1).copied().unwrap_or_default(),
            numbers.first().copied().unwrap_or_default(),
        ),
    };
    let text_lang = data
        .diff
        .as_ref()
        .map_or_else(|| data.lang.clone(), |d| d.lang.clone());
    let select = |name: &'static str, label: &'static str, chosen: i32| {
        let id = format!("history-{name}");
        view! {
            <div class="field">
                <label for=id.clone()>{label}</label>
                <select id=id name=name>
                    {numbers.iter().map(|n| view! {
                        <option value=n.to_string() selected=*n == chosen>{n.to_string()}</option>
                    }).collect_view()}
                </select>
            </div>
        }
    };
    view! {
        <PageTitle text=move || title.clone()/>
        <nav class="breadcrumb" aria-label=td_string!(locale, breadcrumb)>
            <a href=paths::guide(code, None, data.id, "") dir="auto">{data.title.clone()}</a>
        </nav>
        <h1 dir="auto">{heading}</h1>
        <div class="table-scroll">
            <table>
                <thead><tr>
                    <th scope="col">{td_string!(locale, guide_col_version)}</th>
                    <th scope="col">{td_string!(locale, guide_col_written)}</th>
                    <th scope="col">{td_string!(locale, guide_col_published)}</th>
                </tr></thead>
                <tbody>
                    {data.versions.iter().map(|v| view! {
                        <tr>
                            <td>{v.number}</td>
                            <td><DayText day=v.edited.clone()/>
                                {v.edited_by.clone().map(|name| view! { " · " <span dir="auto">{name}</span> })}</td>
                            <td>{match &v.published {
                                Some(at) => view! {
                                    <DayText day=at.clone()/>
                                    {v.published_by.clone().map(|name| view! { " · " <span dir="auto">{name}</span> })}
                                }.into_any(),
                                None => view! { {td_string!(locale, guide_draft_cell)} }.into_any(),
                            }}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
        {(numbers.len() > 1).then(|| view! {
            <h2>{td_string!(locale, guide_compare_heading)}</h2>
            <form method="get" action=paths::guide(code, None, data.id, "history") class="filter-row">
                {select("from", td_string!(locale, guide_compare_from), from)}
                {select("to", td_string!(locale, guide_compare_to), to)}
                <div class="field">
                    <label for="history-text_lang">{td_string!(locale, guide_compare_language)}</label>
                    <select id="history-text_lang" name="text_lang">
                        {LANGS.iter().map(|l| view! {
                            <option value=*l selected=*l == text_lang>{language_name(l)}</option>
                        }).collect_view()}
                    </select>
                </div>
                <button type="submit">{td_string!(locale, guide_compare_submit)}</button>
            </form>
        })}
        {data.diff.map(|d| view! {
            <section class="diff" aria-labelledby="diff-heading" lang=d.lang.clone()>
                <h2 id="diff-heading" lang=code>{td_string!(locale, guide_diff_heading, from = d.from, to = d.to)}</h2>
                {diff_block(locale, td_string!(locale, consultation_title_label), d.title)}
                {diff_block(locale, td_string!(locale, consultation_summary_label), d.summary)}
                {diff_block(locale, td_string!(locale, guide_body_label), d.body)}
            </section>
        })}
    }
}

fn diff_block(locale: Locale, label: &'static str, lines: Vec<DiffLine>) -> impl IntoView {
    let code = lang::code(locale);
    let unchanged = lines.iter().all(|(change, _)| change == "same");
    view! {
        <h3 lang=code>{label}</h3>
        {if unchanged {
            view! { <p lang=code>{td_string!(locale, guide_diff_unchanged)}</p> }.into_any()
        } else {
            view! {
                <ol class="diff-lines" dir="auto">
                    {lines.into_iter().map(|(change, text)| {
                        let (class, mark) = match change.as_str() {
                            "added" => ("added", Some(td_string!(locale, guide_diff_added))),
                            "removed" => ("removed", Some(td_string!(locale, guide_diff_removed))),
                            _ => ("same", None),
                        };
                        view! {
                            <li class=class>
                                {mark.map(|m| view! { <span class="diff-mark" lang=code>{m}" "</span> })}
                                {if class == "added" {
                                    view! { <ins dir="auto">{text}</ins> }.into_any()
                                } else if class == "removed" {
                                    view! { <del dir="auto">{text}</del> }.into_any()
                                } else {
                                    view! { <span dir="auto">{text}</span> }.into_any()
                                }}
                            </li>
                        }
                    }).collect_view()}
                </ol>
            }.into_any()
        }}
    }
}
