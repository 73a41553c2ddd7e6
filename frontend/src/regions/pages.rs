//! The home page (what the platform is, the 12 regions with a live filter) and the region page.

use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

use super::api::{get_region, list_regions};
use super::identity::CouncilPresentation;
use super::map::RegionMap;
use super::types::{ProvinceKind, RegionCard, RegionPageData};
use crate::components::status::{LoadError, NotFound};
use crate::components::title::PageTitle;
use crate::format;
use crate::i18n::{Locale, td_string, use_i18n};
use crate::lang;
use crate::paths;

/// `/{lang}`: what Musharaka is, and the 12 regions as links.
#[component]
pub fn HomePage() -> impl IntoView {
    let i18n = use_i18n();
    let regions = Resource::new(|| (), |()| list_regions());
    let initial = use_query_map()
        .read_untracked()
        .get("q")
        .unwrap_or_default();
    let filter = RwSignal::new(initial);
    // Effects run only in the browser, once the page is hydrated: the form says so, so that a
    // test (or a stylesheet) can tell a live page from a static one.
    let hydrated = RwSignal::new(false);
    Effect::new(move |_| hydrated.set(true));
    let title = move || td_string!(i18n.get_locale(), home_title).to_owned();
    view! {
        <PageTitle text=title/>
        <section class="intro">
            <h1>{move || td_string!(i18n.get_locale(), home_title)}</h1>
            <p>{move || td_string!(i18n.get_locale(), home_intro)}</p>
        </section>
        <section aria-labelledby="regions-heading">
            <h2 id="regions-heading">{move || td_string!(i18n.get_locale(), regions_heading)}</h2>
            <form
                method="get"
                role="search"
                class="region-filter"
                data-hydrated=move || hydrated.get().then_some("true")
            >
                <label for="region-filter">{move || td_string!(i18n.get_locale(), filter_label)}</label>
                <p id="region-filter-hint" class="hint">
                    {move || td_string!(i18n.get_locale(), filter_hint)}
                </p>
                <div class="filter-row">
                    <input
                        id="region-filter"
                        name="q"
                        type="search"
                        autocomplete="off"
                        aria-describedby="region-filter-hint"
                        prop:value=move || filter.get()
                        on:input=move |ev| filter.set(event_target_value(&ev))
                    />
                    <button type="submit">{move || td_string!(i18n.get_locale(), filter_submit)}</button>
                </div>
            </form>
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    match regions.await {
                        Ok(list) => view! {
                            <div class="regions-layout">
                                <RegionMap list=list.clone()/>
                                <div><RegionList list filter/></div>
                            </div>
                        }.into_any(),
                        Err(_) => view! { <LoadError/> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

/// The regions whose names match the filter, with a live count for screen readers.
#[component]
fn RegionList(list: Vec<RegionCard>, filter: RwSignal<String>) -> impl IntoView {
    let i18n = use_i18n();
    let total = list.len();
    let visible = Memo::new(move |_| {
        let query = filter.get();
        list.iter()
            .filter(|r| r.name.matches(&query) || r.seat.matches(&query))
            .cloned()
            .collect::<Vec<_>>()
    });
    let count = move || {
        td_string!(
            i18n.get_locale(),
            filter_count,
            shown = visible.read().len(),
            total = total
        )
    };
    view! {
        <p id="region-count" class="count" role="status" aria-live="polite">{count}</p>
        <ul class="region-list" aria-label=move || td_string!(i18n.get_locale(), regions_list_label)>
            <For each=move || visible.get() key=|r| r.slug.clone() let:region>
                <RegionItem region/>
            </For>
        </ul>
        <Show when=move || visible.read().is_empty()>
            <p class="empty">{move || td_string!(i18n.get_locale(), filter_none)}</p>
        </Show>
    }
}

#[component]
fn RegionItem(region: RegionCard) -> impl IntoView {
    let i18n = use_i18n();
    let locale = move || i18n.get_locale();
    let href = {
        let slug = region.slug.clone();
        move || paths::region(lang::code(locale()), &slug, "")
    };
    let name = region.name.clone();
    let seat = region.seat.clone();
    let population = region.population_2024;
    let provinces = region.province_count;
    view! {
        <li class="region-card">
            <a href=href>
                <span class="region-name">{move || name.get(locale()).to_owned()}</span>
            </a>
            <span class="region-meta">
                {move || seat.get(locale()).to_owned()}
                " · "
                {move || td_string!(locale(), province_count, count = provinces)}
                " · "
                {move || format::number(locale(), population)}
            </span>
        </li>
    }
}

/// `/{lang}/r/{slug}`: the region, its provinces and its petition rule; 404 for an unknown slug.
#[component]
pub fn RegionPage() -> impl IntoView {
    let params = use_params_map();
    let slug = move || params.read().get("slug").unwrap_or_default();
    let region = Resource::new(slug, get_region);
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match region.await {
                    Ok(Some(data)) => view! { <RegionDetail data/> }.into_any(),
                    Ok(None) => view! { <NotFound/> }.into_any(),
                    Err(_) => view! { <LoadError/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn RegionDetail(data: RegionPageData) -> impl IntoView {
    let i18n = use_i18n();
    let locale = move || i18n.get_locale();
    let title = {
        let names = data.name.clone();
        move || names.get(i18n.get_locale()).to_owned()
    };
    let data = StoredValue::new(data);
    let name = move || data.with_value(|d| d.name.get(locale()).to_owned());
    let home = move || paths::home(lang::code(locale()));
    let rule = move || {
        data.with_value(|d| {
            let l = locale();
            td_string!(
                l,
                petition_rule,
                signatures = format::number(l, i64::from(d.signatures)),
                per_province = format::number(l, i64::from(d.per_province)),
                provinces = d.provinces.len()
            )
        })
    };
    let collection = move || {
        data.with_value(|d| td_string!(locale(), collection_rule, days = d.collection_days))
    };
    let bureau = move || {
        data.with_value(|d| {
            let l = locale();
            td_string!(
                l,
                bureau_rule,
                months = d.bureau_decision_months,
                sessions = month_list(l, &d.session_months)
            )
        })
    };
    view! {
        <PageTitle text=title/>
        <nav class="breadcrumb" aria-label=move || td_string!(locale(), breadcrumb)>
            <a href=home>{move || td_string!(locale(), back_to_regions)}</a>
        </nav>
        <h1>{name}</h1>
        <CouncilPresentation/>
        <dl class="facts" aria-label=move || td_string!(locale(), region_facts)>
            <div>
                <dt>{move || td_string!(locale(), region_seat)}</dt>
                <dd>{move || data.with_value(|d| d.seat.get(locale()).to_owned())}</dd>
            </div>
            <div>
                <dt>{move || td_string!(locale(), region_population)}</dt>
                <dd>{move || data.with_value(|d| format::number(locale(), d.population_2024))}</dd>
            </div>
            <div>
                <dt>
                    {move || data.with_value(|d| td_string!(locale(), region_reference_population, year = d.population_year))}
                </dt>
                <dd>{move || data.with_value(|d| format::number(locale(), d.reference_population))}</dd>
            </div>
        </dl>
        <p class="region-actions">
            <a href=move || data.with_value(|d| paths::region(lang::code(locale()), &d.slug, "petitions"))>
                {move || td_string!(locale(), region_petitions_link)}
            </a>
            " "
            <a href=move || data.with_value(|d| paths::region(lang::code(locale()), &d.slug, "consultations"))>
                {move || td_string!(locale(), consultations_link)}
            </a>
            " "
            <a href=move || data.with_value(|d| paths::region(lang::code(locale()), &d.slug, "moderation-log"))>
                {move || td_string!(locale(), moderation_log_link)}
            </a>
            " "
            <a href=move || data.with_value(|d| paths::guides(lang::code(locale()), Some(&d.slug), ""))>
                {move || td_string!(locale(), region_guides_link)}
            </a>
        </p>
        <section class="rule" aria-labelledby="rule-heading">
            <h2 id="rule-heading">{move || td_string!(locale(), petition_rule_heading)}</h2>
            <p class="petition-rule">{rule}</p>
            <p>{collection}</p>
            <p>{bureau}</p>
        </section>
        <section aria-labelledby="provinces-heading">
            <h2 id="provinces-heading">{move || td_string!(locale(), provinces_heading)}</h2>
            <ul class="provinces">
                {data.with_value(|d| d.provinces.clone()).into_iter().map(|p| {
                    let kind = p.kind;
                    view! {
                        <li>
                            <span class="province-name">{move || p.name.get(locale()).to_owned()}</span>
                            " "
                            <span class="province-kind">{move || kind_label(locale(), kind)}</span>
                        </li>
                    }
                }).collect_view()}
            </ul>
        </section>
    }
}

fn kind_label(locale: Locale, kind: ProvinceKind) -> &'static str {
    match kind {
        ProvinceKind::Prefecture => td_string!(locale, kind_prefecture),
        ProvinceKind::Province => td_string!(locale, kind_province),
    }
}

/// "March, July, October" in the page's language.
fn month_list(locale: Locale, months: &[u8]) -> String {
    months
        .iter()
        .map(|m| month_name(locale, *m))
        .collect::<Vec<_>>()
        .join(td_string!(locale, list_separator))
}

pub(crate) fn month_name(locale: Locale, month: u8) -> &'static str {
    match month {
        1 => td_string!(locale, month_1),
        2 => td_string!(locale, month_2),
        3 => td_string!(locale, month_3),
        4 => td_string!(locale, month_4),
        5 => td_string!(locale, month_5),
        6 => td_string!(locale, month_6),
        7 => td_string!(locale, month_7),
        8 => td_string!(locale, month_8),
        9 => td_string!(locale, month_9),
        10 => td_string!(locale, month_10),
        11 => td_string!(locale, month_11),
        _ => td_string!(locale, month_12),
    }
}
