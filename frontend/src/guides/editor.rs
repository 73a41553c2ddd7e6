//! The writers' form: `/{lang}/guides/new` (a national guide, for platform admins),
//! `/{lang}/r/{slug}/guides/new` (a region's, for its council officers) and
//! `/{lang}/guides/{id}/edit`. It saves a draft; publishing is a step of its own on the guide's
//! page. Each language has its title, summary and body (Markdown, with the region's numbers as
//! placeholders), and a box to say its translation awaits review.

use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_router::hooks::use_params_map;

use super::api::{SaveGuide, guide_form};
use super::labels::{CATEGORIES, TOOLS, category, tool};
use super::types::GuideFormData;

/// The placeholders a guide may use (`domain::guides::facts::PLACEHOLDERS`).
const PLACEHOLDERS: [&str; 7] = [
    "region",
    "threshold",
    "per_province",
    "provinces",
    "collection_days",
    "decision_months",
    "sessions",
];
use crate::components::form::{ErrorSummary, Notice};
use crate::components::status::{LoadError, NotFound};
use crate::components::texts::{LANGS, language_name, text_field};
use crate::components::title::PageTitle;
use crate::i18n::{td_string, use_i18n};
use crate::lang;
use crate::paths;
use crate::web::flash::{Flash, take_flash};
use crate::web::messages::message;

/// The new-guide form (national, or of the region in the route).
#[component]
pub fn NewGuidePage() -> impl IntoView {
    let region = use_params_map()
        .read_untracked()
        .get("slug")
        .unwrap_or_default();
    view! { <GuideFormPage id=None region/> }
}

/// The form of guide `id`.
#[component]
pub fn EditGuidePage() -> impl IntoView {
    let id = use_params_map()
        .read_untracked()
        .get("id")
        .and_then(|id| id.parse::<i32>().ok());
    match id {
        Some(id) => view! { <GuideFormPage id=Some(id) region=String::new()/> }.into_any(),
        None => view! { <NotFound/> }.into_any(),
    }
}

#[component]
fn GuideFormPage(id: Option<i32>, region: String) -> impl IntoView {
    let data = Resource::new(
        move || (id, region.clone()),
        |(id, region)| guide_form(id, region),
    );
    let flash = Resource::new(|| (), |()| take_flash("guide".into()));
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let flash = flash.await.ok().flatten().unwrap_or_default();
                match data.await {
                    Ok(Some(data)) => view! { <GuideForm data flash/> }.into_any(),
                    Ok(None) => view! { <NotFound/> }.into_any(),
                    Err(_) => view! { <LoadError/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn GuideForm(data: GuideFormData, flash: Flash) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let code = lang::code(locale);
    // What was typed comes back after an error; otherwise what is stored.
    let values = if flash.values.is_empty() {
        Flash {
            values: data.values.clone(),
            ..flash.clone()
        }
    } else {
        flash.clone()
    };
    let title = match (&data.id, &data.title) {
        (Some(_), Some(title)) => {
            td_string!(locale, guide_edit_title, title = title.clone()).to_string()
        }
        _ => match &data.region {
            Some(r) => td_string!(
                locale,
                guide_new_region_title,
                region = r.name.get(locale).to_owned()
            )
            .to_string(),
            None => td_string!(locale, guide_new_title).to_owned(),
        },
    };
    let heading = title.clone();
    let chosen_category = values.value("category");
    let fallback = values.value("fallback_lang");
    let error_of = |field: &str| flash.error_of(field).map(|c| message(locale, c));
    let back = match data.id {
        Some(id) => paths::guide(code, None, id, ""),
        None => paths::guides(code, data.region.as_ref().map(|r| r.slug.as_str()), ""),
    };
    view! {
        <PageTitle text=move || title.clone()/>
        <nav class="breadcrumb" aria-label=td_string!(locale, breadcrumb)>
            <a href=back>{td_string!(locale, guides_title)}</a>
        </nav>
        <h1 dir="auto">{heading}</h1>
        <Notice flash=flash.clone()/>
        <ErrorSummary flash=flash.clone() form="guide"/>
        <form method="post" action=SaveGuide::url() class="stacked-form" novalidate>
            <input type="hidden" name="lang" value=code/>
            <input type="hidden" name="region" value=data.region.as_ref().map(|r| r.slug.clone()).unwrap_or_default()/>
            <input type="hidden" name="id" value=data.id.map(|id| id.to_string()).unwrap_or_default()/>
            <div class="field">
                <label for="guide-category">{td_string!(locale, guides_category_label)}</label>
                {error_of("category").map(|m| view! { <p class="field-error">{m}</p> })}
                <select id="guide-category" name="guide[category]">
                    {CATEGORIES.into_iter().map(|c| view! {
                        <option value=c selected=c == chosen_category>{category(locale, c)}</option>
                    }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="guide-fallback_lang">{td_string!(locale, consultation_fallback_lang)}</label>
                <p class="hint" id="guide-fallback-hint">{td_string!(locale, guide_fallback_hint)}</p>
                <select id="guide-fallback_lang" name="guide[fallback_lang]" aria-describedby="guide-fallback-hint">
                    {LANGS.iter().map(|l| view! {
                        <option value=*l selected=*l == fallback>{language_name(l)}</option>
                    }).collect_view()}
                </select>
            </div>
            {practice_fields(locale, &values)}
            <p class="hint">
                {td_string!(locale, guide_placeholders_hint)} " "
                {PLACEHOLDERS.iter().map(|p| view! { <code dir="ltr">{format!("{{{{{p}}}}}")}</code> " " }).collect_view()}
            </p>
            {LANGS.iter().map(|l| {
                let review = format!("guide-review-{l}");
                view! {
                    <fieldset lang=*l>
                        <legend>{language_name(l)}</legend>
                        {text_field(locale, &values, "guide", ("title", "title", l), td_string!(locale, consultation_title_label).to_string(), false)}
                        {text_field(locale, &values, "guide", ("summary", "summary", l), td_string!(locale, consultation_summary_label).to_string(), true)}
                        {text_field(locale, &values, "guide", ("body", "body", l), td_string!(locale, guide_body_label).to_string(), true)}
                        <div class="check">
                            <input id=review.clone() type="checkbox" name=format!("guide[review_{l}]") value="on"
                                checked=!values.value(&format!("review_{l}")).is_empty()/>
                            <label for=review lang=code>{td_string!(locale, guide_review_label)}</label>
                        </div>
                    </fieldset>
                }
            }).collect_view()}
            <button type="submit" class="primary">{td_string!(locale, guide_save_submit)}</button>
        </form>
    }
}

/// The facts of a practice (read for the category "practices" only).
fn practice_fields(locale: crate::i18n::Locale, values: &Flash) -> impl IntoView + use<> {
    let chosen = values.value("practice_tool");
    let input = |name: &'static str, label: &'static str, kind: &'static str| {
        let id = format!("guide-{name}");
        let error = values.error_of(name).map(|c| message(locale, c));
        let error_id = format!("{id}-error");
        let described = error.is_some().then(|| error_id.clone());
        view! {
            <div class="field">
                <label for=id.clone()>{label}</label>
                {error.map(|m| view! { <p class="field-error" id=error_id>{m}</p> })}
                <input id=id type=kind name=format!("guide[{name}]") value=values.value(name)
                    dir="auto" aria-describedby=described/>
            </div>
        }
    };
    let tool_error = values.error_of("practice_tool").map(|c| message(locale, c));
    view! {
        <fieldset id="guide-practice">
            <legend>{td_string!(locale, practice_fields_legend)}</legend>
            <p class="hint">{td_string!(locale, practice_fields_hint)}</p>
            <div class="field">
                <label for="guide-practice_tool">{td_string!(locale, practice_tool_label)}</label>
                {tool_error.map(|m| view! { <p class="field-error">{m}</p> })}
                <select id="guide-practice_tool" name="guide[practice_tool]">
                    {TOOLS.into_iter().map(|t| view! {
                        <option value=t selected=t == chosen>{tool(locale, t)}</option>
                    }).collect_view()}
                </select>
            </div>
            {input("practice_started_on", td_string!(locale, practice_started_on), "date")}
            {input("practice_ended_on", td_string!(locale, practice_ended_on), "date")}
            {input("practice_partners", td_string!(locale, practice_partners), "text")}
            {input("practice_contact_name", td_string!(locale, practice_contact_name), "text")}
            {input("practice_contact_email", td_string!(locale, practice_contact_email), "email")}
            {input("practice_contact_phone", td_string!(locale, practice_contact_phone), "tel")}
        </fieldset>
    }
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    #[test]
    fn the_form_names_the_placeholders_and_tools_the_domain_knows() {
        assert_eq!(super::PLACEHOLDERS, domain::guides::facts::PLACEHOLDERS);
        assert_eq!(super::TOOLS, domain::guides::practices::TOOLS);
    }
}
