//! `/{lang}/admin/regions/{slug}`: a platform admin changes a region's petition settings.

use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos::server_fn::codec::GetUrl;
use leptos_router::hooks::use_params_map;
use serde::{Deserialize, Serialize};

use crate::components::form::{ErrorSummary, Field, Notice};
use crate::components::title::PageTitle;
use crate::i18n::{td_string, use_i18n};
use crate::lang;
use crate::names::Names;
use crate::paths;
use crate::web::flash::Flash;
use crate::web::flash::take_flash;

/// The settings of one region, as the form shows them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegionSettingsData {
    pub slug: String,
    pub name: Names,
    pub population_year: i32,
    pub signature_threshold: String,
    pub per_province_minimum: String,
    pub collection_days: u32,
    pub bureau_decision_months: u32,
    pub session_months: String,
    /// What applies now (from the settings or the law).
    pub effective: (u32, u32),
}

/// The settings form's fields (named `settings[…]`).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct SettingsFields {
    pub population_year: String,
    pub signature_threshold: String,
    pub per_province_minimum: String,
    pub collection_days: String,
    pub bureau_decision_months: String,
    pub session_months: String,
}

/// The settings of region `slug`; `None` for anyone but a platform admin.
#[server(prefix = "/fn", endpoint = "region_settings", input = GetUrl)]
pub async fn region_settings(
    slug: String,
) -> Result<Option<RegionSettingsData>, crate::web::error::AppError> {
    use crate::web::request;
    let ctx = request::context()?;
    let Some(actor) = request::current_actor(&ctx).await? else {
        return Ok(None);
    };
    if !actor.is_admin() {
        return Ok(None);
    }
    let Some((slug, detail)) = request::find_region(&ctx, &slug).await? else {
        return Ok(None);
    };
    let stored = domain::regions::settings::stored_overrides(&ctx, &slug).await?;
    Ok(Some(RegionSettingsData {
        slug: detail.slug,
        name: crate::names::Names::from(detail.name),
        population_year: detail.population_year,
        signature_threshold: stored.0.map(|n| n.to_string()).unwrap_or_default(),
        per_province_minimum: stored.1.map(|n| n.to_string()).unwrap_or_default(),
        collection_days: detail.collection_days,
        bureau_decision_months: detail.bureau_decision_months,
        session_months: detail
            .session_months
            .iter()
            .map(u8::to_string)
            .collect::<Vec<_>>()
            .join(","),
        effective: (detail.threshold.signatures, detail.threshold.per_province),
    }))
}

/// Saves the settings of region `slug` (platform admins only, checked in the domain).
#[server(prefix = "/fn", endpoint = "save_region_settings")]
pub async fn save_region_settings(
    lang: String,
    slug: String,
    settings: SettingsFields,
) -> Result<(), crate::web::error::AppError> {
    use crate::web::request;
    use domain::regions::settings::{RegionSettings, SettingsForm, update_region_settings};
    let Some((lang, session, ctx, actor)) = request::staff_form(&lang).await? else {
        return Ok(());
    };
    let form = SettingsForm {
        population_year: settings.population_year.clone(),
        signature_threshold: settings.signature_threshold.clone(),
        per_province_minimum: settings.per_province_minimum.clone(),
        collection_days: settings.collection_days.clone(),
        bureau_decision_months: settings.bureau_decision_months.clone(),
        session_months: settings.session_months.clone(),
    };
    let region_id = match domain::regions::list_regions(&ctx).await {
        Ok(list) => list.into_iter().find(|r| r.slug == slug).map(|r| r.id),
        Err(err) => return Err(err.into()),
    };
    let result = match (RegionSettings::parse(&form), region_id) {
        (Ok(parsed), Some(region_id)) => update_region_settings(&ctx, &actor, region_id, parsed)
            .await
            .map_err(|e| vec![e]),
        (Err(errors), _) => Err(errors),
        (_, None) => Err(vec![domain::DomainError::NotFound]),
    };
    let mut flash = crate::web::flash::Flash::with_values(
        "settings",
        &[
            ("signature_threshold", &settings.signature_threshold),
            ("per_province_minimum", &settings.per_province_minimum),
            ("collection_days", &settings.collection_days),
            ("bureau_decision_months", &settings.bureau_decision_months),
            ("session_months", &settings.session_months),
        ],
    );
    match result {
        Ok(()) => {
            flash.values.clear();
            flash.notice = Some("settings_saved_notice".into());
        }
        Err(errors) => flash.add_errors(errors),
    }
    let slug = domain::types::RegionSlug::path_segment(&slug);
    request::back(&session, flash, &paths::admin(lang.code(), Some(&slug))).await
}

/// The page.
#[component]
pub fn RegionSettingsPage() -> impl IntoView {
    let params = use_params_map();
    let slug = move || params.read().get("slug").unwrap_or_default();
    let data = Resource::new(slug, region_settings);
    let flash = Resource::new(|| (), |()| take_flash("settings".into()));
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let i18n = use_i18n();
                let locale = i18n.get_locale_untracked();
                let flash = flash.await.ok().flatten().unwrap_or_default();
                match data.await {
                    Ok(Some(data)) => view! { <SettingsForm data flash/> }.into_any(),
                    _ => view! { <p role="alert">{td_string!(locale, admin_forbidden)}</p> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn SettingsForm(data: RegionSettingsData, flash: Flash) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let name = data.name.get(locale).to_owned();
    let title = td_string!(locale, settings_title, region = name).to_string();
    let heading = title.clone();
    let has_errors = !flash.errors.is_empty();
    let value = |field: &str, current: String| {
        if has_errors {
            flash.value(field)
        } else {
            current
        }
    };
    let effective = td_string!(
        locale,
        settings_effective,
        signatures = data.effective.0,
        per_province = data.effective.1
    )
    .to_string();
    view! {
        <PageTitle text=move || title.clone()/>
        <nav class="breadcrumb" aria-label=td_string!(locale, breadcrumb)>
            <a href=paths::admin(lang::code(locale), None)>{td_string!(locale, admin_title)}</a>
        </nav>
        <h1>{heading}</h1>
        <p>{effective}</p>
        <Notice flash=flash.clone()/>
        <ErrorSummary flash=flash.clone() form="settings"/>
        <form method="post" action=SaveRegionSettings::url() novalidate>
            <input type="hidden" name="lang" value=lang::code(locale)/>
            <input type="hidden" name="slug" value=data.slug.clone()/>
            <div class="field">
                <label for="settings-population_year">{td_string!(locale, settings_population_year)}</label>
                <select id="settings-population_year" name="settings[population_year]">
                    {[2024, 2014].into_iter().map(|y| view! {
                        <option value=y selected=y == data.population_year>{y}</option>
                    }).collect_view()}
                </select>
            </div>
            <Field flash=flash.clone() form="settings" name="signature_threshold" input_name="settings[signature_threshold]"
                kind="text" autocomplete="off" label=move || td_string!(locale, settings_threshold)
                value=value("signature_threshold", data.signature_threshold.clone())
                hint=Signal::stored(td_string!(locale, settings_blank_is_law))/>
            <Field flash=flash.clone() form="settings" name="per_province_minimum" input_name="settings[per_province_minimum]"
                kind="text" autocomplete="off" label=move || td_string!(locale, settings_per_province)
                value=value("per_province_minimum", data.per_province_minimum.clone())
                hint=Signal::stored(td_string!(locale, settings_blank_is_law))/>
            <Field flash=flash.clone() form="settings" name="collection_days" input_name="settings[collection_days]"
                kind="text" autocomplete="off" label=move || td_string!(locale, settings_collection_days)
                value=value("collection_days", data.collection_days.to_string())/>
            <Field flash=flash.clone() form="settings" name="bureau_decision_months" input_name="settings[bureau_decision_months]"
                kind="text" autocomplete="off" label=move || td_string!(locale, settings_bureau_months)
                value=value("bureau_decision_months", data.bureau_decision_months.to_string())/>
            <Field flash=flash.clone() form="settings" name="session_months" input_name="settings[session_months]"
                kind="text" autocomplete="off" label=move || td_string!(locale, settings_session_months)
                value=value("session_months", data.session_months.clone())
                hint=Signal::stored(td_string!(locale, settings_session_months_hint))/>
            <p class="hint">{td_string!(locale, settings_published_note)}</p>
            <button type="submit" class="primary">{td_string!(locale, settings_save)}</button>
        </form>
    }
}
