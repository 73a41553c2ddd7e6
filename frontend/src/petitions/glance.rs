//! The top of a petition's page, read at a glance: the count and a bar to the threshold, the
//! prefectures and provinces at their minimum as a small multiple, the days left in words, one
//! "Sign" action (or "you signed" to the one who did), and share links as plain links.

use leptos::prelude::*;

use super::pages::urlencode;
use super::types::{PetitionPageData, ProgressData};
use crate::format;
use crate::i18n::{Locale, td_string, use_i18n};
use crate::lang;
use crate::paths;

/// The lead of the page, under its title.
#[component]
pub fn PetitionGlance(data: PetitionPageData) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let progress = data.progress.clone();
    let days = data.collection_days_left.map(|d| days_left(locale, d));
    let action = if data.viewer.has_signed && data.signable {
        Some(view! { <p class="you-signed" role="status">{td_string!(locale, glance_you_signed)}</p> }.into_any())
    } else if data.signable {
        Some(view! { <p><a href="#sign" class="action-button">{td_string!(locale, glance_sign)}</a></p> }.into_any())
    } else {
        None
    };
    let any = progress.is_some() || days.is_some() || action.is_some();
    any.then(|| {
        view! {
            <section class="glance" aria-labelledby="glance-count">
                {progress.map(|p| view! { <Count progress=p/> })}
                {days.map(|d| view! { <p class="glance-days">{d}</p> })}
                {action}
            </section>
        }
    })
}

/// The count, the bar to the threshold and the provinces at their minimum.
#[component]
fn Count(progress: ProgressData) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let threshold = i64::from(progress.threshold);
    let minimum = i64::from(progress.per_province);
    let of_threshold = td_string!(
        locale,
        glance_of_threshold,
        threshold = format::number(locale, threshold)
    )
    .to_string();
    let provinces = td_string!(
        locale,
        glance_provinces_met,
        met = progress.provinces_met,
        total = progress.provinces.len(),
        minimum = format::number(locale, minimum)
    )
    .to_string();
    view! {
        <p class="glance-count" id="glance-count">
            <strong>{format::number(locale, progress.total)}</strong>
            " "
            <span>{of_threshold}</span>
        </p>
        <progress class="glance-bar" max="100" value=progress.percent.to_string() aria-labelledby="glance-count">
            {format!("{} %", progress.percent)}
        </progress>
        <p class="glance-provinces" id="glance-provinces">{provinces}</p>
        <ul class="province-multiples" aria-labelledby="glance-provinces">
            {progress.provinces.iter().map(|p| {
                let met = p.met;
                // The bar goes to the minimum: full once reached.
                let width = if minimum > 0 { (p.count.max(0) * 100 / minimum).min(100) } else { 100 };
                view! {
                    <li class=if met { "multiple met" } else { "multiple" }>
                        <span class="multiple-name">{p.name.get(locale).to_owned()}</span>
                        <svg viewBox="0 0 100 6" preserveAspectRatio="none" aria-hidden="true" class="multiple-bar">
                            <rect width="100" height="6" class="multiple-track"/>
                            <rect width=width height="6" class="multiple-fill"/>
                        </svg>
                        <span class="multiple-count">
                            {td_string!(locale, glance_province_count, count = format::number(locale, p.count), minimum = format::number(locale, minimum))}
                            {met.then(|| view! { " " <span class="visually-hidden">{td_string!(locale, glance_province_met)}</span> })}
                        </span>
                    </li>
                }
            }).collect_view()}
        </ul>
    }
}

/// The days left to sign, in words.
fn days_left(locale: Locale, days: i64) -> String {
    match days {
        0 => td_string!(locale, glance_last_day).to_owned(),
        1 => td_string!(locale, glance_one_day_left).to_owned(),
        2 => td_string!(locale, glance_two_days_left).to_owned(),
        // Arabic counts 3 to 10 apart from 11 and more.
        3..=10 => td_string!(locale, glance_few_days_left, days = days).to_string(),
        _ => td_string!(locale, glance_many_days_left, days = days).to_string(),
    }
}

/// Links that share the petition: its address to copy, WhatsApp, Facebook and X; plain links,
/// no script of theirs on the page.
#[component]
pub fn ShareLinks(data: PetitionPageData) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    data.share_base.clone().map(|base| {
        let url = format!(
            "{base}{}",
            paths::petition(lang::code(locale), &data.item.region, data.item.id, "")
        );
        let title = data.item.title.clone();
        let (u, t) = (urlencode(&url), urlencode(&title));
        let links = [
            (
                "WhatsApp",
                format!(
                    "https://wa.me/?text={}",
                    urlencode(&format!("{title} {url}"))
                ),
            ),
            (
                "Facebook",
                format!("https://www.facebook.com/sharer/sharer.php?u={u}"),
            ),
            ("X", format!("https://x.com/intent/post?text={t}&url={u}")),
        ];
        view! {
            <section class="share" aria-labelledby="share-heading">
                <h2 id="share-heading">{td_string!(locale, share_heading)}</h2>
                <div class="field">
                    <label for="share-url">{td_string!(locale, share_copy)}</label>
                    <input id="share-url" type="url" readonly value=url.clone() dir="ltr"/>
                </div>
                <ul class="inline-list">
                    {links.into_iter().map(|(name, href)| view! {
                        <li>
                            <a href=href rel="noopener noreferrer">
                                {td_string!(locale, share_on, network = name)}
                            </a>
                        </li>
                    }).collect_view()}
                </ul>
            </section>
        }
    })
}
