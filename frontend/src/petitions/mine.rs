//! `/{lang}/account/petitions`: the petitions I filed, those I signed (with a way to withdraw
//! while they collect), and my signer profile for one-click signing.

use leptos::prelude::*;
use leptos::server_fn::ServerFn;

use super::mine_api::{SaveSignerProfile, my_petitions};
use super::pages::PetitionCard;
use super::types::MyPetitionsData;
use crate::components::form::{ErrorSummary, Field, Notice};
use crate::components::status::LoadError;
use crate::components::title::PageTitle;
use crate::i18n::{td_string, use_i18n};
use crate::lang;
use crate::web::flash::Flash;
use crate::web::flash::take_flash;
use crate::web::messages::message;

/// The page.
#[component]
pub fn MyPetitionsPage() -> impl IntoView {
    let i18n = use_i18n();
    let code = lang::code(i18n.get_locale_untracked()).to_owned();
    let data = Resource::new(move || code.clone(), my_petitions);
    let flash = Resource::new(|| (), |()| take_flash("profile".into()));
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let flash = flash.await.ok().flatten().unwrap_or_default();
                match data.await {
                    Ok(Some(data)) => view! { <MyPetitions data flash/> }.into_any(),
                    // Nobody signed in: the server function already redirects to sign in.
                    Ok(None) => ().into_any(),
                    Err(_) => view! { <LoadError/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn MyPetitions(data: MyPetitionsData, flash: Flash) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let title = td_string!(locale, my_petitions_title);
    let list = |items: Vec<super::types::PetitionItem>, empty: &'static str| {
        if items.is_empty() {
            view! { <p>{empty}</p> }.into_any()
        } else {
            view! {
                <ul class="petition-list">
                    {items.into_iter().map(|item| view! { <PetitionCard item/> }).collect_view()}
                </ul>
            }
            .into_any()
        }
    };
    let chosen = flash.value("province");
    let province_error = flash.error_of("province").map(str::to_owned);
    view! {
        <PageTitle text=move || title.to_owned()/>
        <h1>{title}</h1>
        <section aria-labelledby="filed-heading">
            <h2 id="filed-heading">{td_string!(locale, my_filed_heading)}</h2>
            {list(data.filed, td_string!(locale, my_filed_none))}
        </section>
        <section aria-labelledby="signed-heading">
            <h2 id="signed-heading">{td_string!(locale, my_signed_heading)}</h2>
            <p class="hint">{td_string!(locale, my_signed_hint)}</p>
            {list(data.signed, td_string!(locale, my_signed_none))}
        </section>
        <section aria-labelledby="profile-heading" id="profile">
            <h2 id="profile-heading">{td_string!(locale, profile_heading)}</h2>
            <p>{td_string!(locale, profile_text)}</p>
            <Notice flash=flash.clone()/>
            <ErrorSummary flash=flash.clone() form="profile"/>
            {data.profile.clone().map(|(summary, province)| view! {
                <p class="profile-summary"><span dir="auto">{summary}</span> " — " {province.get(locale).to_owned()}</p>
                <form method="post" action=SaveSignerProfile::url()>
                    <input type="hidden" name="lang" value=lang::code(locale)/>
                    <input type="hidden" name="delete" value="on"/>
                    <button type="submit" class="danger">{td_string!(locale, profile_delete)}</button>
                </form>
            })}
            <form method="post" action=SaveSignerProfile::url() novalidate>
                <input type="hidden" name="lang" value=lang::code(locale)/>
                <Field flash=flash.clone() form="profile" name="full_name" input_name="signer[full_name]" kind="text" autocomplete="name" dir="auto"
                    label=move || td_string!(locale, sign_full_name) value=flash.value("full_name")/>
                <Field flash=flash.clone() form="profile" name="cin" input_name="signer[cin]" kind="text" autocomplete="off"
                    label=move || td_string!(locale, sign_cin) value=String::new()
                    hint=Signal::stored(td_string!(locale, sign_cin_hint))/>
                <div class="field">
                    <label for="profile-province">{td_string!(locale, sign_province)}</label>
                    {province_error.map(|c| view! { <p class="field-error">{message(locale, &c)}</p> })}
                    <select id="profile-province" name="signer[province]">
                        <option value="">{td_string!(locale, choose)}</option>
                        {data.provinces.iter().map(|p| view! {
                            <option value=p.code.clone() selected=p.code == chosen>{p.name.get(locale).to_owned()}</option>
                        }).collect_view()}
                    </select>
                </div>
                <fieldset class="field" id="profile-basis">
                    <legend>{td_string!(locale, sign_basis)}</legend>
                    <div class="check">
                        <input id="profile-basis-residence" type="radio" name="signer[basis]" value="residence" checked/>
                        <label for="profile-basis-residence">{td_string!(locale, sign_basis_residence)}</label>
                    </div>
                    <div class="check">
                        <input id="profile-basis-activity" type="radio" name="signer[basis]" value="activity"/>
                        <label for="profile-basis-activity">{td_string!(locale, sign_basis_activity)}</label>
                    </div>
                </fieldset>
                <div class="check">
                    <input id="profile-electoral_roll" type="checkbox" name="signer[electoral_roll]" value="on"/>
                    <label for="profile-electoral_roll">{td_string!(locale, sign_electoral_roll)}</label>
                </div>
                <div class="check">
                    <input id="profile-consent" type="checkbox" name="signer[consent]" value="on"/>
                    <label for="profile-consent">{td_string!(locale, profile_consent)}</label>
                </div>
                <button type="submit" class="primary">{td_string!(locale, profile_save)}</button>
            </form>
        </section>
    }
}
