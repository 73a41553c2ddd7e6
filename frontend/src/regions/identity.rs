//! Each council's identity: `/{lang}/r/{slug}/identity`, where its council officers and the
//! platform admins set its colour, contact, presentation and languages, and upload its logo; and
//! the band and contact that every page of the region shows. `domain::regions::identity` decides
//! who may and checks what is typed.

use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos::server_fn::codec::GetUrl;
use leptos_router::hooks::{use_location, use_params_map};
use serde::{Deserialize, Serialize};

use crate::components::form::{ErrorSummary, Notice};
use crate::components::status::{LoadError, NotFound};
use crate::components::texts::{LANGS, language_name};
use crate::components::title::PageTitle;
use crate::i18n::{Locale, td_string, use_i18n};
use crate::lang;
use crate::names::Names;
use crate::paths;
use crate::web::flash::{Flash, take_flash};
use crate::web::messages::message;

/// What a region's pages show of its council.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BandData {
    pub slug: String,
    pub name: Names,
    /// `#rrggbb`, checked against white text.
    pub colour: Option<String>,
    pub has_logo: bool,
    pub address: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub hours: String,
    /// The presentation in each language (`ar`, `zgh`, `fr`, `en`).
    pub presentation: Vec<(String, String)>,
    /// The languages the council offers.
    pub languages: Vec<String>,
}

/// The identity form's page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IdentityPageData {
    pub band: BandData,
    /// The fields' stored values.
    pub values: Vec<(String, String)>,
}

/// The identity form as typed (`identity[colour]`, …, `identity[presentation_fr]`,
/// `identity[lang_fr]`).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct IdentityFields {
    #[serde(flatten)]
    pub fields: std::collections::BTreeMap<String, String>,
}

#[cfg(feature = "ssr")]
mod server {
    use domain::regions::identity::{IdentityForm, IdentityView};

    use super::{BandData, IdentityFields};
    use crate::names::Names;

    pub fn band(slug: String, name: Names, v: &IdentityView) -> BandData {
        BandData {
            slug,
            name,
            colour: v.colour.clone(),
            has_logo: v.has_logo,
            address: v.address.clone(),
            email: v.email.clone(),
            phone: v.phone.clone(),
            hours: v.hours.clone(),
            presentation: domain::types::Lang::ALL
                .iter()
                .map(|l| (l.code().to_owned(), v.presentation_in(*l).to_owned()))
                .filter(|(_, text)| !text.is_empty())
                .collect(),
            languages: v.languages.iter().map(|l| l.code().to_owned()).collect(),
        }
    }

    pub fn values(form: &IdentityForm) -> Vec<(String, String)> {
        let mut values = vec![
            ("colour".to_owned(), form.colour.clone()),
            ("address".to_owned(), form.address.clone()),
            ("email".to_owned(), form.email.clone()),
            ("phone".to_owned(), form.phone.clone()),
            ("hours".to_owned(), form.hours.clone()),
        ];
        for (i, l) in crate::components::texts::LANGS.iter().enumerate() {
            values.push((format!("presentation_{l}"), form.presentation[i].clone()));
        }
        for l in &form.languages {
            values.push((format!("lang_{l}"), "on".to_owned()));
        }
        values
    }

    impl IdentityFields {
        pub fn form(&self) -> IdentityForm {
            let get = |k: &str| self.fields.get(k).cloned().unwrap_or_default();
            IdentityForm {
                colour: get("colour"),
                address: get("address"),
                email: get("email"),
                phone: get("phone"),
                hours: get("hours"),
                presentation: ["ar", "zgh", "fr", "en"].map(|l| get(&format!("presentation_{l}"))),
                languages: ["fr", "en"]
                    .into_iter()
                    .filter(|l| !get(&format!("lang_{l}")).is_empty())
                    .map(str::to_owned)
                    .collect(),
            }
        }
    }
}

/// What region `region`'s pages show of its council; `None` for an unknown region.
#[server(prefix = "/fn", endpoint = "region_band", input = GetUrl)]
pub async fn region_band(region: String) -> Result<Option<BandData>, crate::web::error::AppError> {
    let ctx = crate::web::request::context()?;
    let Some((slug, detail)) = crate::web::request::find_region(&ctx, &region).await? else {
        return Ok(None);
    };
    let identity = domain::regions::identity::region_identity(&ctx, &slug).await?;
    Ok(Some(server::band(
        detail.slug,
        Names::from(detail.name),
        &identity,
    )))
}

/// The identity form of region `region`; `None` for anyone but its officers and the admins.
#[server(prefix = "/fn", endpoint = "identity_page", input = GetUrl)]
pub async fn identity_page(
    region: String,
) -> Result<Option<IdentityPageData>, crate::web::error::AppError> {
    let ctx = crate::web::request::context()?;
    let Some(actor) = crate::web::request::current_actor(&ctx).await? else {
        return Ok(None);
    };
    let Some((slug, detail)) = crate::web::request::find_region(&ctx, &region).await? else {
        return Ok(None);
    };
    let identity = match domain::regions::identity::identity_form(&ctx, &actor, &slug).await {
        Ok(identity) => identity,
        Err(domain::DomainError::Forbidden) => return Ok(None),
        Err(err) => return Err(err.into()),
    };
    Ok(Some(IdentityPageData {
        values: server::values(&identity.form()),
        band: server::band(detail.slug, Names::from(detail.name), &identity),
    }))
}

/// Saves the council's identity, then shows the form again with the outcome.
#[server(prefix = "/fn", endpoint = "save_identity")]
pub async fn save_identity(
    lang: String,
    region: String,
    identity: IdentityFields,
) -> Result<(), crate::web::error::AppError> {
    use domain::regions::identity::{Identity, set_identity};
    let Some((lang, session, ctx, actor)) = crate::web::request::staff_form(&lang).await? else {
        return Ok(());
    };
    let to = paths::region(
        lang.code(),
        &domain::types::RegionSlug::path_segment(&region),
        "identity",
    );
    let form = identity.form();
    let values = server::values(&form);
    let pairs: Vec<(&str, &str)> = values
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let outcome = match (
        Identity::parse(&form),
        domain::types::RegionSlug::parse(region.trim()),
    ) {
        (Ok(identity), Ok(slug)) => set_identity(&ctx, &actor, &slug, identity)
            .await
            .map_err(|e| vec![e]),
        (Err(errors), _) => Err(errors),
        (_, Err(_)) => Err(vec![domain::DomainError::NotFound]),
    };
    let flash = match outcome {
        Ok(()) => {
            let mut flash = Flash::of("identity");
            flash.notice = Some("identity_saved_notice".into());
            flash
        }
        Err(errors) => {
            let mut flash = Flash::with_values("identity", &pairs);
            flash.add_errors(errors);
            flash
        }
    };
    crate::web::request::back(&session, flash, &to).await
}

/// Removes the council's logo.
#[server(prefix = "/fn", endpoint = "remove_logo")]
pub async fn remove_logo(lang: String, region: String) -> Result<(), crate::web::error::AppError> {
    let Some((lang, session, ctx, actor)) = crate::web::request::staff_form(&lang).await? else {
        return Ok(());
    };
    let result = match domain::types::RegionSlug::parse(region.trim()) {
        Ok(slug) => domain::regions::identity::set_logo(&ctx, &actor, &slug, None).await,
        Err(_) => Err(domain::DomainError::NotFound),
    };
    let flash = Flash::outcome("identity", result.map(|()| "logo_removed_notice"));
    let to = paths::region(
        lang.code(),
        &domain::types::RegionSlug::path_segment(&region),
        "identity",
    );
    crate::web::request::back(&session, flash, &to).await
}

/// The identity page.
#[component]
pub fn RegionIdentityPage() -> impl IntoView {
    let region = use_params_map()
        .read_untracked()
        .get("slug")
        .unwrap_or_default();
    let data = Resource::new(move || region.clone(), identity_page);
    let flash = Resource::new(|| (), |()| take_flash("identity".into()));
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let flash = flash.await.ok().flatten().unwrap_or_default();
                match data.await {
                    Ok(Some(data)) => view! { <IdentityForm data flash/> }.into_any(),
                    Ok(None) => view! { <NotFound/> }.into_any(),
                    Err(_) => view! { <LoadError/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn IdentityForm(data: IdentityPageData, flash: Flash) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let code = lang::code(locale);
    let values = if flash.values.is_empty() {
        Flash {
            values: data.values.clone(),
            ..flash.clone()
        }
    } else {
        flash.clone()
    };
    let name = data.band.name.get(locale).to_owned();
    let title = td_string!(locale, identity_title, region = name.clone()).to_string();
    let heading = title.clone();
    let slug = data.band.slug.clone();
    let input = |field: &'static str,
                 label: &'static str,
                 kind: &'static str,
                 hint: Option<&'static str>| {
        let id = format!("identity-{field}");
        let error = values.error_of(field).map(|c| message(locale, c));
        let hint_id = hint.map(|_| format!("{id}-hint"));
        let error_id = error.as_ref().map(|_| format!("{id}-error"));
        let described =
            crate::components::form::described_by(hint_id.as_deref(), error_id.as_deref());
        view! {
            <div class="field">
                <label for=id.clone()>{label}</label>
                {hint.map(|h| view! { <p class="hint" id=hint_id.clone()>{h}</p> })}
                {error.map(|m| view! { <p class="field-error" id=error_id.clone()>{m}</p> })}
                <input id=id type=kind name=format!("identity[{field}]") value=values.value(field)
                    dir="auto" aria-describedby=described aria-invalid=values.error_of(field).map(|_| "true")/>
            </div>
        }
    };
    view! {
        <PageTitle text=move || title.clone()/>
        <nav class="breadcrumb" aria-label=td_string!(locale, breadcrumb)>
            <a href=paths::region(code, &slug, "")>{name.clone()}</a>
        </nav>
        <h1>{heading}</h1>
        <Notice flash=flash.clone()/>
        <ErrorSummary flash=flash.clone() form="identity"/>
        <form method="post" action=SaveIdentity::url() class="stacked-form" novalidate>
            <input type="hidden" name="lang" value=code/>
            <input type="hidden" name="region" value=slug.clone()/>
            {input("colour", td_string!(locale, identity_colour), "text", Some(td_string!(locale, identity_colour_hint)))}
            {input("address", td_string!(locale, identity_address), "text", None)}
            {input("email", td_string!(locale, identity_email), "email", None)}
            {input("phone", td_string!(locale, identity_phone), "tel", None)}
            {input("hours", td_string!(locale, identity_hours), "text", None)}
            {LANGS.iter().map(|l| {
                let id = format!("identity-presentation_{l}");
                view! {
                    <div class="field">
                        <label for=id.clone()>{td_string!(locale, identity_presentation)} " — " <span lang=*l>{language_name(l)}</span></label>
                        <textarea id=id name=format!("identity[presentation_{l}]") rows="3" lang=*l dir="auto"
                            inner_html=crate::format::escaped(&values.value(&format!("presentation_{l}")))></textarea>
                    </div>
                }
            }).collect_view()}
            <fieldset>
                <legend>{td_string!(locale, identity_languages)}</legend>
                <p class="hint">{td_string!(locale, identity_languages_hint)}</p>
                {["fr", "en"].into_iter().map(|l| {
                    let id = format!("identity-lang_{l}");
                    view! {
                        <div class="check">
                            <input id=id.clone() type="checkbox" name=format!("identity[lang_{l}]") value="on"
                                checked=!values.value(&format!("lang_{l}")).is_empty()/>
                            <label for=id lang=l>{language_name(l)}</label>
                        </div>
                    }
                }).collect_view()}
            </fieldset>
            <button type="submit" class="primary">{td_string!(locale, identity_save)}</button>
        </form>
        <section aria-labelledby="logo-heading">
            <h2 id="logo-heading">{td_string!(locale, identity_logo)}</h2>
            {data.band.has_logo.then(|| view! {
                <p><img class="council-logo" src=paths::region_logo(&slug) alt=td_string!(locale, identity_logo_alt, region = name.clone()).to_string()/></p>
                <form method="post" action=RemoveLogo::url()>
                    <input type="hidden" name="lang" value=code/>
                    <input type="hidden" name="region" value=slug.clone()/>
                    <button type="submit" class="link-button">{td_string!(locale, identity_logo_remove)}</button>
                </form>
            })}
            <form method="post" action="/regions/logo" enctype="multipart/form-data" class="stacked-form">
                <input type="hidden" name="lang" value=code/>
                <input type="hidden" name="region" value=slug.clone()/>
                <div class="field">
                    <label for="identity-logo">{td_string!(locale, identity_logo_file)}</label>
                    <p class="hint" id="identity-logo-hint">{td_string!(locale, identity_logo_hint)}</p>
                    <input id="identity-logo" type="file" name="logo" accept="image/png,image/jpeg" aria-describedby="identity-logo-hint"/>
                </div>
                <button type="submit">{td_string!(locale, identity_logo_upload)}</button>
            </form>
        </section>
    }
}

/// The region in the current path (`/{lang}/r/{slug}/…`), if any.
fn path_region(path: &str) -> Option<String> {
    let mut parts = path.trim_start_matches('/').split('/');
    let (_lang, r, slug) = (parts.next(), parts.next(), parts.next());
    (r == Some("r"))
        .then(|| slug.unwrap_or_default().to_owned())
        .filter(|s| !s.is_empty())
}

/// The council of the region in the current path, read once per page for its band and its
/// footer contact.
#[derive(Clone, Copy)]
pub struct CouncilOfPage(Resource<Result<Option<BandData>, crate::web::error::AppError>>);

impl CouncilOfPage {
    /// Follows the path: a region's pages read their council, other pages nothing.
    pub fn provide() {
        let location = use_location();
        let region = Memo::new(move |_| path_region(&location.pathname.get()));
        let band = Resource::new(
            move || region.get(),
            |region| async move {
                match region {
                    Some(region) => region_band(region).await,
                    None => Ok(None),
                }
            },
        );
        provide_context(Self(band));
    }
}

/// Renders `show` with the page's council, once it is read; nothing outside a region.
fn with_council<V: IntoView + 'static>(
    show: impl Fn(BandData) -> V + Send + Sync + Copy + 'static,
) -> impl IntoView {
    use_context::<CouncilOfPage>().map(|CouncilOfPage(band)| {
        view! {
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move { band.await.ok().flatten().map(show) })}
            </Suspense>
        }
    })
}

/// On a region's pages: its council's name, logo and colour, above the page.
#[component]
pub fn RegionBand() -> impl IntoView {
    with_council(|band| view! { <Band band/> })
}

#[component]
fn Band(band: BandData) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let code = lang::code(locale);
    let name = band.name.get(locale).to_owned();
    // The pages allow no inline style: the colour comes as a style sheet of its own.
    let colour = band
        .colour
        .is_some()
        .then(|| format!("/files/regions/{}/colour.css", band.slug));
    view! {
        {colour.map(|href| view! { <link rel="stylesheet" href=href/> })}
        <div class="council-band">
            <a href=paths::region(code, &band.slug, "")>
                {band.has_logo.then(|| view! {
                    <img class="council-logo" src=paths::region_logo(&band.slug) alt="" width="40" height="40"/>
                })}
                <span>{td_string!(locale, council_of, region = name.clone())}</span>
            </a>
        </div>
    }
}

/// The council's contact, for the footer of its pages.
#[component]
pub fn RegionContact() -> impl IntoView {
    with_council(|band| view! { <Contact band/> })
}

#[component]
fn Contact(band: BandData) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let name = band.name.get(locale).to_owned();
    let any = !band.address.is_empty() || band.email.is_some() || band.phone.is_some();
    any.then(|| {
        view! {
            <address class="council-contact">
                <strong>{td_string!(locale, council_of, region = name)}</strong>
                {(!band.address.is_empty()).then(|| view! { <br/><span dir="auto">{band.address.clone()}</span> })}
                {band.email.clone().map(|e| view! { <br/><a href=format!("mailto:{e}") dir="ltr">{e.clone()}</a> })}
                {band.phone.clone().map(|p| view! { <br/><span dir="ltr">{p}</span> })}
                {(!band.hours.is_empty()).then(|| view! { <br/><span dir="auto">{band.hours.clone()}</span> })}
            </address>
        }
    })
}

/// The council's presentation on its region's page: in the reader's language when written in
/// it, else in the first language it is written in (marked as such).
#[component]
pub fn CouncilPresentation() -> impl IntoView {
    with_council(|band| {
        let i18n = use_i18n();
        let locale = i18n.get_locale_untracked();
        presentation(locale, &band).map(|(l, text)| {
            view! {
                <section class="council-presentation" aria-labelledby="council-heading">
                    <h2 id="council-heading">{td_string!(locale, council_presentation_heading)}</h2>
                    {text.replace("\r\n", "\n").split("\n\n").map(str::trim).filter(|p| !p.is_empty()).map(|p| view! {
                        <p lang=l.clone() dir="auto">{p.to_owned()}</p>
                    }).collect_view()}
                </section>
            }
        })
    })
}

/// The council's presentation in the reader's language, else the first one written; none when
/// it has none.
fn presentation(locale: Locale, band: &BandData) -> Option<(String, String)> {
    band.presentation
        .iter()
        .find(|(l, _)| l == lang::code(locale))
        .or_else(|| band.presentation.first())
        .cloned()
}
