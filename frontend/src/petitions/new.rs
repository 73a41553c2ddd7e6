//! `/{lang}/r/{slug}/petitions/new`: filing a petition. First the subject, to show similar open
//! petitions of the region (a duplicate helps nobody); then the whole form, with documents, the
//! law's conditions in plain words, and every error explained without losing what was typed.

use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

use super::api::new_petition_page;
use super::labels;
use super::mine_api::edit_petition_page;
use super::pages::PetitionCard;
use super::types::{DraftData, NewPetitionData, ProvinceCount};
use crate::components::form::{ErrorSummary, Field};
use crate::components::status::LoadError;
use crate::components::status::NotFound;
use crate::components::title::PageTitle;
use crate::i18n::{Locale, td_string, use_i18n};
use crate::lang;
use crate::paths;
use crate::web::flash::Flash;
use crate::web::flash::take_flash;
use crate::web::messages::message;

/// The filing page.
#[component]
pub fn NewPetitionPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let args = move || {
        (
            params.read().get("slug").unwrap_or_default(),
            query.read().get("about").unwrap_or_default(),
        )
    };
    let page = Resource::new(args, |(region, about)| new_petition_page(region, about));
    let flash = Resource::new(|| (), |()| take_flash("file_petition".into()));
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let flash = flash.await.ok().flatten().unwrap_or_default();
                let (_, about) = args();
                match page.await {
                    Ok(Some(data)) => view! { <NewPetition data flash about/> }.into_any(),
                    Ok(None) => view! { <NotFound/> }.into_any(),
                    Err(_) => view! { <LoadError/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// The edit page of a draft sent back for changes: the same form, filled with the draft, with
/// the moderator's note above it; it sends the petition to moderation again.
#[component]
pub fn EditPetitionPage() -> impl IntoView {
    let params = use_params_map();
    let i18n = use_i18n();
    let args = move || {
        (
            params.read().get("slug").unwrap_or_default(),
            params
                .read()
                .get("id")
                .and_then(|id| id.parse::<i32>().ok()),
        )
    };
    let page = Resource::new(args, move |(region, id)| {
        let lang = lang::code(i18n.get_locale_untracked()).to_owned();
        async move {
            match id {
                Some(id) => edit_petition_page(lang, region, id).await,
                None => Ok(None),
            }
        }
    });
    let flash = Resource::new(|| (), |()| take_flash("file_petition".into()));
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let flash = flash.await.ok().flatten().unwrap_or_default();
                match page.await {
                    Ok(Some(data)) => match data.draft.clone() {
                        Some(draft) => view! { <EditPetition data draft flash/> }.into_any(),
                        None => view! { <NotFound/> }.into_any(),
                    },
                    Ok(None) => view! { <NotFound/> }.into_any(),
                    Err(_) => view! { <LoadError/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn EditPetition(data: NewPetitionData, draft: DraftData, flash: Flash) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let code = lang::code(locale);
    let title = {
        let name = draft.title.clone();
        move || td_string!(locale, edit_petition_title, title = name.clone()).to_string()
    };
    view! {
        <PageTitle text=title.clone()/>
        <nav class="breadcrumb" aria-label=td_string!(locale, breadcrumb)>
            <a href=paths::petition(code, &data.region, draft.id, "") dir="auto">{draft.title.clone()}</a>
        </nav>
        <h1>{title()}</h1>
        <p>{td_string!(locale, edit_petition_text)}</p>
        {draft.moderation_note.clone().map(|note| view! {
            <section class="moderation-outcome" aria-labelledby="changes-heading">
                <h2 id="changes-heading">{td_string!(locale, changes_requested_heading)}</h2>
                <p class="note" dir="auto">{note}</p>
            </section>
        })}
        <FilingForm region=data.region.clone() competences=data.competences.clone()
            provinces=data.provinces.clone() flash about=String::new() draft=Some(draft.clone())/>
    }
}

#[component]
fn NewPetition(data: NewPetitionData, flash: Flash, about: String) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let code = lang::code(locale);
    let region_name = data.region_name.get(locale).to_owned();
    let title = {
        let name = region_name.clone();
        move || td_string!(locale, new_petition_title, region = name.clone()).to_string()
    };
    let here = paths::region(code, &data.region, "petitions/new");
    let guide = data.how_to_guide.map(|id| {
        view! {
            <p class="guide-link">
                <a href=paths::guide(code, Some(&data.region), id, "")>{td_string!(locale, how_to_petition_link)}</a>
            </p>
        }
    });
    let body = if !data.signed_in {
        view! {
            <p>{td_string!(locale, new_petition_sign_in)}</p>
            <p><a href=paths::account(code, "sign-in")>{td_string!(locale, sign_in_link)}</a></p>
        }
        .into_any()
    } else {
        let similar = data.similar.clone().map(|list| {
            if list.is_empty() {
                view! { <p class="notice">{td_string!(locale, similar_none)}</p> }.into_any()
            } else {
                view! {
                    <section aria-labelledby="similar-heading" class="similar">
                        <h2 id="similar-heading">{td_string!(locale, similar_heading)}</h2>
                        <p>{td_string!(locale, similar_text)}</p>
                        <ul class="petition-list">
                            {list.into_iter().map(|item| view! { <PetitionCard item/> }).collect_view()}
                        </ul>
                    </section>
                }
                .into_any()
            }
        });
        let ready = data.similar.is_some() || !flash.errors.is_empty();
        view! {
            <form method="get" action=here.clone() class="about-form">
                <label for="about">{td_string!(locale, about_label)}</label>
                <p class="hint" id="about-hint">{td_string!(locale, about_hint)}</p>
                <div class="filter-row">
                    <input id="about" name="about" type="search" dir="auto" value=about.clone() aria-describedby="about-hint"/>
                    <button type="submit">{td_string!(locale, about_submit)}</button>
                </div>
            </form>
            {similar}
            {ready.then(|| view! {
                <FilingForm region=data.region.clone() competences=data.competences.clone() provinces=data.provinces.clone() flash=flash.clone() about=about.clone() draft=None/>
            })}
        }
        .into_any()
    };
    view! {
        <PageTitle text=title.clone()/>
        <nav class="breadcrumb" aria-label=td_string!(locale, breadcrumb)>
            <a href=paths::region(code, &data.region, "petitions")>{td_string!(locale, petitions_heading)}</a>
        </nav>
        <h1>{title()}</h1>
        {guide}
        {body}
    }
}

/// The whole form (multipart: it carries documents), posted to `/petitions/file`; filled with
/// the `draft` being edited, if any (what was typed wins after an error).
#[component]
fn FilingForm(
    region: String,
    competences: Vec<String>,
    provinces: Vec<ProvinceCount>,
    flash: Flash,
    about: String,
    draft: Option<DraftData>,
) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let stored = draft
        .as_ref()
        .filter(|_| flash.values.is_empty())
        .map(|d| d.values.clone())
        .unwrap_or_default();
    let value = |name: &str| {
        stored
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
            .unwrap_or_else(|| flash.value(name))
    };
    let kind = value("kind");
    let competence = value("competence");
    let province = value("province");
    let petition_lang = Some(value("petition_lang"))
        .filter(|l| !l.is_empty())
        .unwrap_or_else(|| lang::code(locale).to_owned());
    let title = Some(value("title"))
        .filter(|t| !t.is_empty())
        .unwrap_or(about);
    let error = |name: &str| flash.error_of(name).map(str::to_owned);
    view! {
        <ErrorSummary flash=flash.clone() form="petition"/>
        <form method="post" action="/petitions/file" enctype="multipart/form-data" novalidate class="filing">
            <input type="hidden" name="lang" value=lang::code(locale)/>
            <input type="hidden" name="region" value=region/>
            {match &draft {
                Some(draft) => view! {
                    <input type="hidden" name="petition" value=draft.id/>
                    <input type="hidden" name="kind" value=kind.clone()/>
                }.into_any(),
                None => view! {
                    <fieldset class="field" id="petition-kind">
                        <legend>{td_string!(locale, kind_legend)}</legend>
                        <Radio name="kind" value="citizen" checked=kind != "association" label=td_string!(locale, kind_citizen)/>
                        <Radio name="kind" value="association" checked=kind == "association" label=td_string!(locale, kind_association)/>
                    </fieldset>
                }.into_any(),
            }}
            <Field flash=flash.clone() form="petition" name="title" kind="text" autocomplete="off" dir="auto"
                label=move || td_string!(locale, field_title) value=title
                hint=Signal::stored(td_string!(locale, field_title_hint))/>
            <TextArea flash=flash.clone() name="request" label=td_string!(locale, field_request)
                hint=td_string!(locale, field_request_hint) value=value("request") locale/>
            <TextArea flash=flash.clone() name="reasons" label=td_string!(locale, field_reasons)
                hint=td_string!(locale, field_reasons_hint) value=value("reasons") locale/>
            <div class="field">
                <label for="petition-competence">{td_string!(locale, field_competence)}</label>
                {error("competence").map(|c| view! { <p class="field-error" id="petition-competence-error">{message(locale, &c)}</p> })}
                <select id="petition-competence" name="competence"
                    aria-invalid=error("competence").map(|_| "true")
                    aria-describedby=error("competence").map(|_| "petition-competence-error")>
                    <option value="">{td_string!(locale, choose)}</option>
                    {competences.iter().map(|c| view! {
                        <option value=c.clone() selected=*c == competence>{labels::competence(locale, c)}</option>
                    }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="petition-province">{td_string!(locale, field_province_concerned)}</label>
                <p class="hint" id="petition-province-hint">{td_string!(locale, field_province_concerned_hint)}</p>
                {error("province").map(|c| view! { <p class="field-error" id="petition-province-error">{message(locale, &c)}</p> })}
                <select id="petition-province" name="province" aria-describedby="petition-province-hint"
                    aria-invalid=error("province").map(|_| "true")>
                    <option value="">{td_string!(locale, province_whole_region)}</option>
                    {provinces.iter().map(|p| view! {
                        <option value=p.code.clone() selected=p.code == province>{p.name.get(locale).to_owned()}</option>
                    }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="petition-lang">{td_string!(locale, field_petition_lang)}</label>
                <select id="petition-lang" name="petition_lang">
                    {[("ar", "العربية"), ("zgh", "ⵜⴰⵎⴰⵣⵉⵖⵜ"), ("fr", "Français"), ("en", "English")].into_iter().map(|(c, name)| view! {
                        <option value=c selected=c == petition_lang lang=c>{name}</option>
                    }).collect_view()}
                </select>
            </div>
            {draft.as_ref().filter(|d| !d.attachments.is_empty()).map(|d| view! {
                <fieldset class="field">
                    <legend>{td_string!(locale, current_attachments_legend)}</legend>
                    {d.attachments.iter().map(|a| {
                        let id = format!("remove-attachment-{}", a.id);
                        view! {
                            <div class="check">
                                <input id=id.clone() type="checkbox" name="remove_attachment" value=a.id/>
                                <label for=id>
                                    {td_string!(locale, remove_attachment, name = a.file_name.clone())}
                                    " (" {labels::purpose(locale, &a.purpose)} ")"
                                </label>
                            </div>
                        }
                    }).collect_view()}
                </fieldset>
            })}
            <div class="field">
                <label for="petition-attachments">{td_string!(locale, field_attachments)}</label>
                <p class="hint" id="petition-attachments-hint">{td_string!(locale, field_attachments_hint)}</p>
                {error("attachments").map(|c| view! { <p class="field-error" id="petition-attachments-error">{message(locale, &c)}</p> })}
                <input id="petition-attachments" name="attachments" type="file" multiple
                    accept="application/pdf,image/png,image/jpeg" aria-describedby="petition-attachments-hint"/>
            </div>
            {(draft.is_none() || kind == "association").then(|| view! {
                <fieldset class="field association">
                    <legend>{td_string!(locale, association_legend)}</legend>
                    <p class="hint">{td_string!(locale, association_hint)}</p>
                    <Field flash=flash.clone() form="petition" name="association_name" kind="text" autocomplete="organization" dir="auto"
                        label=move || td_string!(locale, field_association_name) value=value("association_name")/>
                    <Field flash=flash.clone() form="petition" name="association_registered_on" kind="date" autocomplete="off"
                        label=move || td_string!(locale, field_association_registered_on) value=value("association_registered_on")
                        hint=Signal::stored(td_string!(locale, field_association_registered_on_hint))/>
                    <Field flash=flash.clone() form="petition" name="association_seat" kind="text" autocomplete="off" dir="auto"
                        label=move || td_string!(locale, field_association_seat) value=value("association_seat")/>
                    <div class="field">
                        <label for="petition-mandate">{td_string!(locale, field_mandate)}</label>
                        {error("mandate").map(|c| view! { <p class="field-error" id="petition-mandate-error">{message(locale, &c)}</p> })}
                        <input id="petition-mandate" name="mandate" type="file" accept="application/pdf,image/png,image/jpeg"/>
                    </div>
                </fieldset>
            })}
            <section aria-labelledby="conditions-heading" class="conditions">
                <h2 id="conditions-heading">{td_string!(locale, conditions_heading)}</h2>
                <ul>
                    <li>{td_string!(locale, condition_competence)}</li>
                    <li>{td_string!(locale, condition_constants)}</li>
                    <li>{td_string!(locale, condition_courts)}</li>
                    <li>{td_string!(locale, condition_respect)}</li>
                    <li>{td_string!(locale, condition_signers)}</li>
                </ul>
                <div class="check">
                    <input id="petition-conditions_accepted" type="checkbox" name="conditions_accepted" value="on"
                        aria-invalid=error("conditions_accepted").map(|_| "true")/>
                    <label for="petition-conditions_accepted">{td_string!(locale, conditions_accept)}</label>
                    {error("conditions_accepted").map(|c| view! { <p class="field-error">{message(locale, &c)}</p> })}
                </div>
            </section>
            <button type="submit" class="primary">
                {if draft.is_some() { td_string!(locale, resubmit_submit) } else { td_string!(locale, file_submit) }}
            </button>
        </form>
    }
}

#[component]
fn Radio(
    name: &'static str,
    value: &'static str,
    checked: bool,
    label: &'static str,
) -> impl IntoView {
    let id = format!("petition-{name}-{value}");
    view! {
        <div class="check">
            <input id=id.clone() type="radio" name=name value=value checked=checked/>
            <label for=id>{label}</label>
        </div>
    }
}

/// A labelled text area with its hint and error.
#[component]
fn TextArea(
    flash: Flash,
    name: &'static str,
    label: &'static str,
    hint: &'static str,
    value: String,
    locale: Locale,
) -> impl IntoView {
    let id = format!("petition-{name}");
    let error = flash.error_of(name).map(str::to_owned);
    let described = if error.is_some() {
        format!("{id}-hint {id}-error")
    } else {
        format!("{id}-hint")
    };
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            <p class="hint" id=format!("{id}-hint")>{hint}</p>
            {error.clone().map(|code| view! { <p class="field-error" id=format!("{id}-error")>{message(locale, &code)}</p> })}
            <textarea id=id name=name rows="8" dir="auto" aria-describedby=described
                aria-invalid=error.map(|_| "true")
                inner_html=crate::format::escaped(&value)
            ></textarea>
        </div>
    }
}
