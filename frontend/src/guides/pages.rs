//! `/{lang}/guides` (the library: every published guide, by region and category, searched in
//! full text), `/{lang}/r/{slug}/guides` (what a region's people read: the national guides it
//! has not adopted, and its own), and a guide's page, nationally or in a region, where its
//! numbers are the region's.

use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_router::hooks::{use_params_map, use_query_map};

use super::api::{AdoptGuide, PublishGuide, list_guides, load_guide};
use super::documents::GuideDocuments;
use super::labels::{CATEGORIES, TOOLS, category, tool};
use super::types::{GuideData, GuideItem, GuideListData, GuideQuery};
use crate::components::form::{ErrorSummary, Notice};
use crate::components::pager::pager;
use crate::components::status::{LoadError, NotFound};
use crate::components::texts::language_name;
use crate::components::title::PageTitle;
use crate::dates::DayText;
use crate::i18n::{Locale, td_string, use_i18n};
use crate::lang;
use crate::paths;
use crate::web::flash::{Flash, take_flash};

/// The region in the route, if any.
fn route_region() -> String {
    use_params_map()
        .read_untracked()
        .get("slug")
        .unwrap_or_default()
}

/// A list of guides: the library, or a region's.
#[component]
pub fn GuideListPage() -> impl IntoView {
    let i18n = use_i18n();
    let code = lang::code(i18n.get_locale_untracked());
    let region = route_region();
    let query = {
        let q = use_query_map().read_untracked();
        let get = |k: &str| q.get(k).unwrap_or_default();
        GuideQuery {
            q: get("q"),
            category: get("category"),
            region: get("region"),
            tool: get("tool"),
            page: q.get("page").and_then(|p| p.parse().ok()),
        }
    };
    let typed = query.clone();
    let data = Resource::new(
        move || (region.clone(), query.clone()),
        move |(region, query)| list_guides(code.to_owned(), region, query),
    );
    view! {
        <Suspense fallback=|| ()>
            {move || {
                let typed = typed.clone();
                Suspend::new(async move {
                    match data.await {
                        Ok(Some(data)) => view! { <GuideList data typed/> }.into_any(),
                        Ok(None) => view! { <NotFound/> }.into_any(),
                        Err(_) => view! { <LoadError/> }.into_any(),
                    }
                })
            }}
        </Suspense>
    }
}

#[component]
fn GuideList(data: GuideListData, typed: GuideQuery) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let code = lang::code(locale);
    let slug = data.region.as_ref().map(|r| r.slug.clone());
    let base = paths::guides(code, slug.as_deref(), "");
    let title = match &data.region {
        Some(r) => td_string!(
            locale,
            guides_region_title,
            region = r.name.get(locale).to_owned()
        )
        .to_string(),
        None => td_string!(locale, guides_title).to_owned(),
    };
    let heading = title.clone();
    let href = {
        let base = base.clone();
        let typed = typed.clone();
        move |n: u64| {
            let enc = crate::petitions::pages::urlencode;
            format!(
                "{base}?q={}&category={}&region={}&tool={}&page={n}",
                enc(&typed.q),
                enc(&typed.category),
                enc(&typed.region),
                enc(&typed.tool)
            )
        }
    };
    let in_library = data.region.is_none();
    view! {
        <PageTitle text=move || title.clone()/>
        {data.region.as_ref().map(|r| view! {
            <nav class="breadcrumb" aria-label=td_string!(locale, breadcrumb)>
                <a href=paths::region(code, &r.slug, "")>{r.name.get(locale).to_owned()}</a>
            </nav>
        })}
        <h1>{heading}</h1>
        <p>{td_string!(locale, guides_intro)}</p>
        <form method="get" action=base.clone() role="search" class="filter-row">
            <div class="field">
                <label for="guides-q">{td_string!(locale, guides_search_label)}</label>
                <input id="guides-q" name="q" type="search" dir="auto" maxlength="200" value=typed.q.clone()/>
            </div>
            <div class="field">
                <label for="guides-category">{td_string!(locale, guides_category_label)}</label>
                <select id="guides-category" name="category">
                    <option value="">{td_string!(locale, guides_any_category)}</option>
                    {CATEGORIES.into_iter().map(|c| view! {
                        <option value=c selected=c == typed.category>{category(locale, c)}</option>
                    }).collect_view()}
                </select>
            </div>
            {in_library.then(|| view! {
                <div class="field">
                    <label for="guides-region">{td_string!(locale, col_region)}</label>
                    <select id="guides-region" name="region">
                        <option value="">{td_string!(locale, audit_any_region)}</option>
                        <option value="national" selected=typed.region == "national">{td_string!(locale, guides_national)}</option>
                        {data.regions.iter().map(|r| view! {
                            <option value=r.slug.clone() selected=r.slug == typed.region>{r.name.get(locale).to_owned()}</option>
                        }).collect_view()}
                    </select>
                </div>
            })}
            <div class="field">
                <label for="guides-tool">{td_string!(locale, guides_tool_label)}</label>
                <select id="guides-tool" name="tool">
                    <option value="">{td_string!(locale, guides_any_tool)}</option>
                    {TOOLS.into_iter().map(|t| view! {
                        <option value=t selected=t == typed.tool>{tool(locale, t)}</option>
                    }).collect_view()}
                </select>
            </div>
            <button type="submit">{td_string!(locale, guides_search_submit)}</button>
        </form>
        {data.may_create.then(|| view! {
            <p><a class="button" href=paths::guides(code, slug.as_deref(), "new")>{td_string!(locale, guides_new_link)}</a></p>
        })}
        <p role="status">{td_string!(locale, guides_count, count = data.total)}</p>
        {if data.items.is_empty() {
            view! { <p>{td_string!(locale, guides_none)}</p> }.into_any()
        } else {
            view! {
                <ul class="guide-list">
                    {data.items.into_iter().map(|g| guide_card(locale, g, slug.clone())).collect_view()}
                </ul>
            }.into_any()
        }}
        {pager(locale, td_string!(locale, guides_pages).to_owned(), data.page, data.pages, href)}
    }
}

fn guide_card(locale: Locale, g: GuideItem, scope: Option<String>) -> impl IntoView {
    let code = lang::code(locale);
    // In a region's list, its guides and the national ones are read there.
    let read_in = scope.or_else(|| g.region.as_ref().map(|r| r.slug.clone()));
    let href = paths::guide(code, read_in.as_deref(), g.id, "");
    let origin = match &g.region {
        Some(r) => r.name.get(locale).to_owned(),
        None => td_string!(locale, guides_national).to_owned(),
    };
    view! {
        <li>
            <article class="card">
                <h2><a href=href lang=g.lang.clone() dir="auto">{g.title}</a></h2>
                <p lang=g.lang.clone() dir="auto">{g.summary}</p>
                <p class="meta">
                    {category(locale, &g.category)} " · " {origin}
                    {g.tool.map(|t| view! { " · " {tool(locale, &t)} })}
                    {g.adopted.then(|| view! { " · " {td_string!(locale, guides_adopted)} })}
                    {(!g.translated).then(|| view! { " · " {td_string!(locale, guides_not_translated_short)} })}
                </p>
            </article>
        </li>
    }
}

/// Whose guide it is: "national guide", or "guide of REGION".
fn owner_name(locale: Locale, region: Option<&super::types::RegionName>) -> String {
    match region {
        Some(r) => td_string!(
            locale,
            guides_of_region,
            region = r.name.get(locale).to_owned()
        )
        .to_string(),
        None => td_string!(locale, guides_national).to_owned(),
    }
}

/// A guide's page.
#[component]
pub fn GuidePage() -> impl IntoView {
    let i18n = use_i18n();
    let code = lang::code(i18n.get_locale_untracked());
    let region = route_region();
    let id = use_params_map()
        .read_untracked()
        .get("id")
        .and_then(|id| id.parse::<i32>().ok());
    let draft = use_query_map().read_untracked().get("draft").is_some();
    let data = Resource::new(
        move || (region.clone(), id),
        move |(region, id)| async move {
            match id {
                Some(id) => load_guide(code.to_owned(), id, region, draft).await,
                None => Ok(None),
            }
        },
    );
    let flash = Resource::new(|| (), |()| take_flash("guide".into()));
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let flash = flash.await.ok().flatten().unwrap_or_default();
                match data.await {
                    Ok(Some(data)) => view! { <Guide data flash/> }.into_any(),
                    Ok(None) => view! { <NotFound/> }.into_any(),
                    Err(_) => view! { <LoadError/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Guide(data: GuideData, flash: Flash) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let code = lang::code(locale);
    let read_in = data
        .context
        .as_ref()
        .or(data.region.as_ref())
        .map(|r| r.slug.clone());
    let list = paths::guides(code, read_in.as_deref(), "");
    let title = data.title.clone();
    let owner = owner_name(locale, data.region.as_ref());
    let version = match &data.published {
        Some(day) => td_string!(
            locale,
            guide_version_published,
            version = data.version,
            day = day.get(locale).to_owned()
        )
        .to_string(),
        None => td_string!(locale, guide_draft_note, version = data.version).to_string(),
    };
    let text_lang = data.lang.clone();
    let origin = data.origin.clone().map(|o| {
        let href = paths::guide(code, o.region.as_ref().map(|r| r.slug.as_str()), o.id, "");
        let from = owner_name(locale, o.region.as_ref());
        view! {
            <p class="meta">
                {td_string!(locale, guide_adopted_from)} " "
                <a href=href>{from}</a> " " {td_string!(locale, guide_adopted_version, version = o.version)}
            </p>
        }
    });
    view! {
        <PageTitle text=move || title.clone()/>
        <nav class="breadcrumb" aria-label=td_string!(locale, breadcrumb)>
            <a href=list>{td_string!(locale, guides_title)}</a>
        </nav>
        <Notice flash=flash.clone()/>
        <ErrorSummary flash/>
        <article class="guide">
            <p class="meta">{category(locale, &data.category)} " · " {owner} " · " {version}</p>
            {(!data.translated).then(|| view! {
                <p class="note" role="note">
                    {td_string!(locale, guide_not_translated, language = language_name(code), fallback = language_name(&text_lang))}
                </p>
            })}
            {data.needs_review.then(|| view! {
                <p class="note" role="note">{td_string!(locale, guide_needs_review)}</p>
            })}
            <h1 lang=data.lang.clone() dir="auto">{data.title.clone()}</h1>
            <p class="lead" lang=data.lang.clone() dir="auto">{data.summary.clone()}</p>
            {data.per_region.then(|| view! {
                <aside class="note" aria-labelledby="guide-regions">
                    <p id="guide-regions">{td_string!(locale, guide_per_region)}</p>
                    <ul class="inline-list">
                        {data.regions.iter().map(|r| view! {
                            <li><a href=paths::guide(code, Some(&r.slug), data.id, "")>{r.name.get(locale).to_owned()}</a></li>
                        }).collect_view()}
                    </ul>
                </aside>
            })}
            {data.practice.clone().map(|p| practice_facts(locale, p))}
            <div class="guide-body" lang=data.lang.clone() dir="auto" inner_html=data.html.clone()></div>
            {origin}
        </article>
        <GuideDocuments data=data.clone()/>
        <p class="guide-links">
            <a href=paths::guide(code, None, data.id, "history")>{td_string!(locale, guide_history_link)}</a>
        </p>
        {data.may_edit.then(|| view! {
            <section class="staff-actions" aria-labelledby="guide-writers">
                <h2 id="guide-writers">{td_string!(locale, guide_writers_heading)}</h2>
                <p><a class="button" href=paths::guide(code, None, data.id, "edit")>{td_string!(locale, guide_edit_link)}</a></p>
                {data.has_draft.then(|| view! {
                    <p><a href=format!("{}?draft=1", paths::guide(code, None, data.id, ""))>{td_string!(locale, guide_see_draft)}</a></p>
                })}
                {(data.published.is_none() || data.has_draft).then(|| view! {
                    <form method="post" action=PublishGuide::url()>
                        <input type="hidden" name="lang" value=code/>
                        <input type="hidden" name="id" value=data.id.to_string()/>
                        <button type="submit">{td_string!(locale, guide_publish_submit)}</button>
                    </form>
                })}
            </section>
        })}
        {(!data.adopt_into.is_empty()).then(|| view! {
            <section class="staff-actions" aria-labelledby="guide-adopt">
                <h2 id="guide-adopt">{td_string!(locale, guide_adopt_heading)}</h2>
                <p>{td_string!(locale, guide_adopt_hint)}</p>
                <form method="post" action=AdoptGuide::url() class="filter-row">
                    <input type="hidden" name="lang" value=code/>
                    <input type="hidden" name="id" value=data.id.to_string()/>
                    <div class="field">
                        <label for="guide-adopt-into">{td_string!(locale, col_region)}</label>
                        <select id="guide-adopt-into" name="into">
                            {data.adopt_into.iter().map(|r| view! {
                                <option value=r.slug.clone()>{r.name.get(locale).to_owned()}</option>
                            }).collect_view()}
                        </select>
                    </div>
                    <button type="submit">{td_string!(locale, guide_adopt_submit)}</button>
                </form>
            </section>
        })}
    }
}

fn practice_facts(locale: Locale, p: super::types::PracticeData) -> impl IntoView {
    let when = match (p.started_on, p.ended_on) {
        (Some(from), Some(to)) => {
            Some(view! { <DayText day=from/> " – " <DayText day=to/> }.into_any())
        }
        (Some(day), None) | (None, Some(day)) => Some(view! { <DayText day/> }.into_any()),
        (None, None) => None,
    };
    view! {
        <section class="practice" aria-labelledby="practice-heading">
            <h2 id="practice-heading">{td_string!(locale, practice_heading)}</h2>
            <dl class="facts">
                <div><dt>{td_string!(locale, practice_tool_label)}</dt><dd>{tool(locale, &p.tool)}</dd></div>
                {when.map(|w| view! { <div><dt>{td_string!(locale, practice_when)}</dt><dd>{w}</dd></div> })}
                {(!p.partners.is_empty()).then(|| view! {
                    <div><dt>{td_string!(locale, practice_partners)}</dt><dd dir="auto">{p.partners.clone()}</dd></div>
                })}
                <div>
                    <dt>{td_string!(locale, practice_contact)}</dt>
                    <dd>
                        <span dir="auto">{p.contact_name.clone()}</span>
                        {p.contact_email.clone().map(|e| view! { <br/><a href=format!("mailto:{e}") dir="ltr">{e.clone()}</a> })}
                        {p.contact_phone.clone().map(|t| view! { <br/><span dir="ltr">{t}</span> })}
                    </dd>
                </div>
            </dl>
        </section>
    }
}
