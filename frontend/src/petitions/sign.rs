//! Signing on the petition page: the full form (confirmed by an emailed link), one click with a
//! saved signer profile, or withdrawing; and the pages the emailed links open.

use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_router::hooks::{use_params_map, use_query_map};

use super::api::{ConfirmSignature, SignByEmail, SignWithProfile, WithdrawSignature};
use super::types::PetitionPageData;
use crate::components::form::{ErrorSummary, Field, Notice};
use crate::components::title::PageTitle;
use crate::i18n::{Locale, td_string, use_i18n};
use crate::lang;
use crate::web::flash::Flash;

/// The "sign" section: what the law asks, and the ways to sign.
#[component]
pub fn SignSection(data: PetitionPageData, flash: Flash) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let code = lang::code(locale);
    let item = data.item.clone();
    let show = data.signable || flash.notice.is_some() || !flash.errors.is_empty();
    show.then(|| {
        let body = if !data.signable {
            ().into_any()
        } else if data.viewer.has_signed {
            view! {
                <p>{td_string!(locale, you_signed)}</p>
                <form method="post" action=WithdrawSignature::url()>
                    <input type="hidden" name="lang" value=code/>
                    <input type="hidden" name="region" value=item.region.clone()/>
                    <input type="hidden" name="id" value=item.id/>
                    <button type="submit" class="danger">{td_string!(locale, withdraw_signature_submit)}</button>
                </form>
            }
            .into_any()
        } else if let Some(profile) = data.viewer.profile_here.clone() {
            view! {
                <form method="post" action=SignWithProfile::url()>
                    <input type="hidden" name="lang" value=code/>
                    <input type="hidden" name="region" value=item.region.clone()/>
                    <input type="hidden" name="id" value=item.id/>
                    <p>{td_string!(locale, sign_with_profile_text, profile = profile)}</p>
                    <p>{td_string!(locale, sign_declaration_text)}</p>
                    <div class="check">
                        <input id="sign-notify" type="checkbox" name="notify" value="on" checked/>
                        <label for="sign-notify">{td_string!(locale, sign_notify)}</label>
                    </div>
                    <button type="submit" class="primary">{td_string!(locale, sign_with_profile_submit)}</button>
                </form>
            }
            .into_any()
        } else {
            view! { <SignForm data=data.clone() flash=flash.clone()/> }.into_any()
        };
        view! {
            <section id="sign" aria-labelledby="sign-heading" class="sign">
                <h2 id="sign-heading">{td_string!(locale, sign_heading)}</h2>
                <Notice flash=flash.clone()/>
                {data.signable.then(|| view! { <ErrorSummary flash=flash.clone() form="sign"/> })}
                {(!data.signable).then(|| view! { <ErrorSummary flash=flash.clone()/> })}
                {body}
            </section>
        }
    })
}

/// The full form: name as on the CIN, CIN, province, ground, email, declarations.
#[component]
fn SignForm(data: PetitionPageData, flash: Flash) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let chosen = flash.value("province");
    let basis = flash.value("basis");
    let province_error = flash.error_of("province").map(str::to_owned);
    let basis_error = flash.error_of("basis").map(str::to_owned);
    let basis_described = basis_error.is_some().then_some("sign-basis-error");
    let province_invalid = province_error.is_some().then_some("true");
    let province_described = province_error.is_some().then_some("sign-province-error");
    let check_error = |field: &str| flash.error_of(field).map(str::to_owned);
    let (roll_error, consent_error) = (check_error("electoral_roll"), check_error("consent"));
    view! {
        <p>{td_string!(locale, sign_intro)}</p>
        <form method="post" action=SignByEmail::url() novalidate>
            <input type="hidden" name="lang" value=lang::code(locale)/>
            <input type="hidden" name="region" value=data.item.region.clone()/>
            <input type="hidden" name="id" value=data.item.id/>
            <Field flash=flash.clone() form="sign" name="full_name" input_name="signer[full_name]" kind="text" autocomplete="name" dir="auto"
                label=move || td_string!(locale, sign_full_name) value=flash.value("full_name")
                hint=Signal::stored(td_string!(locale, sign_full_name_hint))/>
            <Field flash=flash.clone() form="sign" name="cin" input_name="signer[cin]" kind="text" autocomplete="off"
                label=move || td_string!(locale, sign_cin) value=String::new()
                hint=Signal::stored(td_string!(locale, sign_cin_hint))/>
            <div class="field">
                <label for="sign-province">{td_string!(locale, sign_province)}</label>
                {province_error.clone().map(|code| view! {
                    <p class="field-error" id="sign-province-error">{crate::web::messages::message(locale, &code)}</p>
                })}
                <select id="sign-province" name="signer[province]"
                    aria-invalid=province_invalid
                    aria-describedby=province_described>
                    <option value="">{td_string!(locale, choose)}</option>
                    {data.provinces.iter().map(|p| view! {
                        <option value=p.code.clone() selected=p.code == chosen>{p.name.get(locale).to_owned()}</option>
                    }).collect_view()}
                </select>
            </div>
            <fieldset class="field" id="sign-basis"
                aria-describedby=basis_described>
                <legend>{td_string!(locale, sign_basis)}</legend>
                {basis_error.map(|code| view! {
                    <p class="field-error" id="sign-basis-error">{crate::web::messages::message(locale, &code)}</p>
                })}
                <div class="check">
                    <input id="sign-basis-residence" type="radio" name="signer[basis]" value="residence" checked=basis != "activity"/>
                    <label for="sign-basis-residence">{td_string!(locale, sign_basis_residence)}</label>
                </div>
                <div class="check">
                    <input id="sign-basis-activity" type="radio" name="signer[basis]" value="activity" checked=basis == "activity"/>
                    <label for="sign-basis-activity">{td_string!(locale, sign_basis_activity)}</label>
                </div>
            </fieldset>
            <Field flash=flash.clone() form="sign" name="email" input_name="signer[email]" kind="email" autocomplete="email"
                label=move || td_string!(locale, sign_email) value=flash.value("email")
                hint=Signal::stored(td_string!(locale, sign_email_hint))/>
            <Check id="sign-electoral_roll" name="signer[electoral_roll]" error=roll_error locale
                label=td_string!(locale, sign_electoral_roll)/>
            <Check id="sign-consent" name="signer[consent]" error=consent_error locale
                label=td_string!(locale, sign_consent)/>
            {data.data_guide.map(|id| view! {
                <p class="hint">
                    <a href=crate::paths::guide(lang::code(locale), Some(&data.item.region), id, "")>{td_string!(locale, your_data_link)}</a>
                </p>
            })}
            <div class="check">
                <input id="sign-notify" type="checkbox" name="signer[notify]" value="on" checked/>
                <label for="sign-notify">{td_string!(locale, sign_notify)}</label>
            </div>
            <button type="submit" class="primary">{td_string!(locale, sign_submit)}</button>
        </form>
    }
}

/// A required checkbox with its error.
#[component]
fn Check(
    id: &'static str,
    name: &'static str,
    label: &'static str,
    error: Option<String>,
    locale: Locale,
) -> impl IntoView {
    let error_id = format!("{id}-error");
    view! {
        <div class="check">
            <input id=id type="checkbox" name=name value="on"
                aria-invalid=error.is_some().then_some("true")
                aria-describedby=error.is_some().then(|| error_id.clone())/>
            <label for=id>{label}</label>
            {error.map(|code| view! {
                <p class="field-error" id=error_id.clone()>{crate::web::messages::message(locale, &code)}</p>
            })}
        </div>
    }
}

/// `…/petitions/{id}/confirm?token=…`: a button confirms the signature (a link alone would be
/// used up by mail scanners).
#[component]
pub fn ConfirmSignaturePage() -> impl IntoView {
    view! { <LinkPage confirm=true/> }
}

/// `…/petitions/{id}/withdraw?token=…`: a button withdraws the signature.
#[component]
pub fn WithdrawSignaturePage() -> impl IntoView {
    view! { <LinkPage confirm=false/> }
}

#[component]
fn LinkPage(confirm: bool) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let params = use_params_map();
    let query = use_query_map();
    let region = params.read_untracked().get("slug").unwrap_or_default();
    let id = params.read_untracked().get("id").unwrap_or_default();
    let token = query.read_untracked().get("token").unwrap_or_default();
    let (title, text, submit, action) = if confirm {
        (
            td_string!(locale, confirm_signature_title),
            td_string!(locale, confirm_signature_text),
            td_string!(locale, confirm_signature_submit),
            ConfirmSignature::url(),
        )
    } else {
        (
            td_string!(locale, withdraw_signature_title),
            td_string!(locale, withdraw_signature_text),
            td_string!(locale, withdraw_signature_submit),
            WithdrawSignature::url(),
        )
    };
    view! {
        <PageTitle text=move || title.to_owned()/>
        <h1>{title}</h1>
        <p>{text}</p>
        <form method="post" action=action>
            <input type="hidden" name="lang" value=lang::code(locale)/>
            <input type="hidden" name="region" value=region/>
            <input type="hidden" name="id" value=id/>
            <input type="hidden" name="token" value=token/>
            <button type="submit" class=if confirm { "primary" } else { "danger" }>{submit}</button>
        </form>
    }
}
