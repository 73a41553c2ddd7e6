//! Account pages: register, "check your email", confirm the address, sign in; and the account
//! part of the header.

use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_router::hooks::use_query_map;

use super::api::{
    Register, RequestPasswordReset, ResetPassword, SignIn, SignOut, VerifyEmail, current_user,
    take_flash,
};
use super::types::Flash;
use crate::components::title::PageTitle;
use crate::i18n::{Locale, td_string, use_i18n};
use crate::lang;

/// Sign-in and register links, or the signed-in name and a sign-out button.
#[component]
pub fn AccountMenu() -> impl IntoView {
    let i18n = use_i18n();
    let locale = move || i18n.get_locale();
    let user = Resource::new(|| (), |()| current_user());
    view! {
        <nav class="account-menu" aria-label=move || td_string!(locale(), nav_account)>
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    match user.await {
                        Ok(Some(user)) => view! {
                            {user.is_admin.then(|| view! {
                                <a href=move || format!("/{}/admin", lang::code(locale()))>
                                    {move || td_string!(locale(), nav_admin)}
                                </a>
                            })}
                            <a href=move || format!("/{}/account", lang::code(locale()))>
                                {move || td_string!(locale(), nav_my_account)}
                            </a>
                            <a href=move || format!("/{}/account/petitions", lang::code(locale()))>
                                {move || td_string!(locale(), my_petitions_link)}
                            </a>
                            <p class="signed-in">
                                {move || td_string!(locale(), signed_in_as, name = user.display_name.clone())}
                            </p>
                            <form method="post" action=SignOut::url() class="inline-form">
                                <input type="hidden" name="lang" value=move || lang::code(locale())/>
                                <button type="submit" class="link-button">
                                    {move || td_string!(locale(), nav_sign_out)}
                                </button>
                            </form>
                        }
                        .into_any(),
                        _ => view! {
                            <a href=move || format!("/{}/account/sign-in", lang::code(locale()))>
                                {move || td_string!(locale(), nav_sign_in)}
                            </a>
                            <a href=move || format!("/{}/account/register", lang::code(locale()))>
                                {move || td_string!(locale(), nav_register)}
                            </a>
                        }
                        .into_any(),
                    }
                })}
            </Suspense>
        </nav>
    }
}

/// `/{lang}/account/register`.
#[component]
pub fn RegisterPage() -> impl IntoView {
    let i18n = use_i18n();
    let locale = move || i18n.get_locale();
    let flash = Resource::new(|| (), |()| take_flash("register".into()));
    let title = move || td_string!(i18n.get_locale(), register_title).to_owned();
    view! {
        <PageTitle text=title/>
        <h1>{move || td_string!(locale(), register_title)}</h1>
        <p>{move || td_string!(locale(), register_intro)}</p>
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let flash = flash.await.ok().flatten().unwrap_or_default();
                let current = lang::code(locale());
                view! {
                    <ErrorSummary flash=flash.clone()/>
                    <form method="post" action=Register::url() class="stacked-form" novalidate>
                        <input type="hidden" name="lang" value=current/>
                        <Field flash=flash.clone() name="email" kind="email" autocomplete="email"
                            label=move || td_string!(locale(), field_email) value=flash.email.clone()/>
                        <Field flash=flash.clone() name="display_name" kind="text" autocomplete="name"
                            label=move || td_string!(locale(), field_display_name) value=flash.display_name.clone()/>
                        <Field flash=flash.clone() name="password" kind="password" autocomplete="new-password"
                            label=move || td_string!(locale(), field_password) value=String::new()
                            hint=move || td_string!(locale(), field_password_hint)/>
                        <div class="field">
                            <label for="email_lang">{move || td_string!(locale(), field_language)}</label>
                            <select id="email_lang" name="email_lang">
                                {lang::LANGUAGES
                                    .into_iter()
                                    .map(|(code, name)| view! {
                                        <option value=code lang=code selected=code == current>{name}</option>
                                    })
                                    .collect_view()}
                            </select>
                        </div>
                        <button type="submit">{move || td_string!(locale(), register_submit)}</button>
                    </form>
                }
            })}
        </Suspense>
    }
}

/// `/{lang}/account/check-email`: after registering (or `?for=reset`, after asking for a reset).
#[component]
pub fn CheckEmailPage() -> impl IntoView {
    let i18n = use_i18n();
    let reset = use_query_map().read_untracked().get("for").as_deref() == Some("reset");
    let title = move || td_string!(i18n.get_locale(), check_email_title).to_owned();
    let text = move || {
        if reset {
            td_string!(i18n.get_locale(), check_email_reset)
        } else {
            td_string!(i18n.get_locale(), check_email_text)
        }
    };
    view! {
        <PageTitle text=title/>
        <h1>{move || td_string!(i18n.get_locale(), check_email_title)}</h1>
        <p role="status">{text}</p>
    }
}

/// `/{lang}/account/forgot-password`.
#[component]
pub fn ForgotPasswordPage() -> impl IntoView {
    let i18n = use_i18n();
    let locale = move || i18n.get_locale();
    let flash = Resource::new(|| (), |()| take_flash("forgot".into()));
    let title = move || td_string!(i18n.get_locale(), forgot_title).to_owned();
    view! {
        <PageTitle text=title/>
        <h1>{move || td_string!(locale(), forgot_title)}</h1>
        <p>{move || td_string!(locale(), forgot_intro)}</p>
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let flash = flash.await.ok().flatten().unwrap_or_default();
                view! {
                    <ErrorSummary flash=flash.clone()/>
                    <form method="post" action=RequestPasswordReset::url() class="stacked-form" novalidate>
                        <input type="hidden" name="lang" value=move || lang::code(locale())/>
                        <Field flash=flash.clone() name="email" kind="email" autocomplete="email"
                            label=move || td_string!(locale(), field_email) value=flash.email.clone()/>
                        <button type="submit">{move || td_string!(locale(), forgot_submit)}</button>
                    </form>
                }
            })}
        </Suspense>
    }
}

/// `/{lang}/account/reset-password?token=…`: choose a new password.
#[component]
pub fn ResetPasswordPage() -> impl IntoView {
    let i18n = use_i18n();
    let locale = move || i18n.get_locale();
    let token = use_query_map()
        .read_untracked()
        .get("token")
        .unwrap_or_default();
    let flash = Resource::new(|| (), |()| take_flash("reset".into()));
    let title = move || td_string!(i18n.get_locale(), reset_title).to_owned();
    view! {
        <PageTitle text=title/>
        <h1>{move || td_string!(locale(), reset_title)}</h1>
        <Suspense fallback=|| ()>
            {move || {
                let token = token.clone();
                Suspend::new(async move {
                    let flash = flash.await.ok().flatten().unwrap_or_default();
                    if token.is_empty() {
                        return view! { <p>{move || td_string!(locale(), verify_missing)}</p> }.into_any();
                    }
                    view! {
                        <ErrorSummary flash=flash.clone()/>
                        <p>{move || td_string!(locale(), reset_intro)}</p>
                        <form method="post" action=ResetPassword::url() class="stacked-form" novalidate>
                            <input type="hidden" name="lang" value=move || lang::code(locale())/>
                            <input type="hidden" name="token" value=token/>
                            <Field flash=flash.clone() name="password" kind="password" autocomplete="new-password"
                                label=move || td_string!(locale(), field_new_password) value=String::new()
                                hint=move || td_string!(locale(), field_password_hint)/>
                            <button type="submit">{move || td_string!(locale(), reset_submit)}</button>
                        </form>
                    }
                    .into_any()
                })
            }}
        </Suspense>
    }
}

/// `/{lang}/account/verify?token=…`: a button confirms (a link alone never changes anything, so
/// mail scanners that open links do not use them up).
#[component]
pub fn VerifyPage() -> impl IntoView {
    let i18n = use_i18n();
    let locale = move || i18n.get_locale();
    let token = use_query_map()
        .read_untracked()
        .get("token")
        .unwrap_or_default();
    let flash = Resource::new(|| (), |()| take_flash("verify".into()));
    let title = move || td_string!(i18n.get_locale(), verify_title).to_owned();
    view! {
        <PageTitle text=title/>
        <h1>{move || td_string!(locale(), verify_title)}</h1>
        <Suspense fallback=|| ()>
            {move || {
                let token = token.clone();
                Suspend::new(async move {
                    let flash = flash.await.ok().flatten().unwrap_or_default();
                    if token.is_empty() {
                        return view! {
                            <ErrorSummary flash/>
                            <p>{move || td_string!(locale(), verify_missing)}</p>
                        }
                        .into_any();
                    }
                    view! {
                        <ErrorSummary flash/>
                        <p>{move || td_string!(locale(), verify_text)}</p>
                        <form method="post" action=VerifyEmail::url()>
                            <input type="hidden" name="lang" value=move || lang::code(locale())/>
                            <input type="hidden" name="token" value=token/>
                            <button type="submit">{move || td_string!(locale(), verify_submit)}</button>
                        </form>
                    }
                    .into_any()
                })
            }}
        </Suspense>
    }
}

/// `/{lang}/account/sign-in`.
#[component]
pub fn SignInPage() -> impl IntoView {
    let i18n = use_i18n();
    let locale = move || i18n.get_locale();
    let flash = Resource::new(|| (), |()| take_flash("sign_in".into()));
    let title = move || td_string!(i18n.get_locale(), sign_in_title).to_owned();
    view! {
        <PageTitle text=title/>
        <h1>{move || td_string!(locale(), sign_in_title)}</h1>
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let flash = flash.await.ok().flatten().unwrap_or_default();
                let notice = flash.notice.clone();
                view! {
                    {notice.map(|code| view! {
                        <p class="notice" role="status">{move || message(locale(), &code)}</p>
                    })}
                    <ErrorSummary flash=flash.clone()/>
                    <form method="post" action=SignIn::url() class="stacked-form" novalidate>
                        <input type="hidden" name="lang" value=move || lang::code(locale())/>
                        <Field flash=flash.clone() name="email" kind="email" autocomplete="email"
                            label=move || td_string!(locale(), field_email) value=flash.email.clone()/>
                        <Field flash=flash.clone() name="password" kind="password" autocomplete="current-password"
                            label=move || td_string!(locale(), field_password) value=String::new()/>
                        <button type="submit">{move || td_string!(locale(), sign_in_submit)}</button>
                    </form>
                    <p>
                        <a href=move || format!("/{}/account/forgot-password", lang::code(locale()))>
                            {move || td_string!(locale(), forgot_link)}
                        </a>
                    </p>
                    <p>
                        {move || td_string!(locale(), sign_in_no_account)}
                        " "
                        <a href=move || format!("/{}/account/register", lang::code(locale()))>
                            {move || td_string!(locale(), nav_register)}
                        </a>
                    </p>
                }
            })}
        </Suspense>
    }
}

/// A notice (success message) from a flash, announced politely.
#[component]
pub(crate) fn Notice(flash: Flash) -> impl IntoView {
    let i18n = use_i18n();
    flash.notice.map(|code| {
        view! { <p class="notice" role="status">{move || message(i18n.get_locale(), &code)}</p> }
    })
}

fn field_id(form: Option<&str>, name: &str) -> String {
    form.map_or_else(|| name.to_owned(), |form| format!("{form}-{name}"))
}

/// The list of problems at the top of a form, announced to screen readers.
#[component]
pub(crate) fn ErrorSummary(
    flash: Flash,
    /// The form's id prefix (see `Field`).
    #[prop(optional)]
    form: Option<&'static str>,
) -> impl IntoView {
    let i18n = use_i18n();
    (!flash.errors.is_empty()).then(|| {
        view! {
            <div class="error-summary" role="alert" tabindex="-1">
                <h2>{move || td_string!(i18n.get_locale(), form_errors_heading)}</h2>
                <ul>
                    {flash
                        .errors
                        .into_iter()
                        .map(|e| {
                            let href = format!("#{}", field_id(form, &e.field));
                            let code = e.code;
                            view! { <li><a href=href>{move || message(i18n.get_locale(), &code)}</a></li> }
                        })
                        .collect_view()}
                </ul>
            </div>
        }
    })
}

/// A labelled input with its hint and error, linked for assistive technologies.
#[component]
pub(crate) fn Field<L>(
    flash: Flash,
    name: &'static str,
    kind: &'static str,
    autocomplete: &'static str,
    label: L,
    value: String,
    #[prop(optional, into)] hint: Option<Signal<&'static str>>,
    /// Prefix of the element ids, for pages with several forms.
    #[prop(optional)]
    form: Option<&'static str>,
    /// The input's `name` when it differs from the field's (e.g. `signer[email]`).
    #[prop(optional)]
    input_name: Option<&'static str>,
) -> impl IntoView
where
    L: Fn() -> &'static str + Send + Sync + 'static,
{
    let i18n = use_i18n();
    let error = flash.error_of(name).map(str::to_owned);
    let id = field_id(form, name);
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let described = [
        hint.is_some().then(|| hint_id.clone()),
        error.is_some().then(|| error_id.clone()),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(" ");
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            {hint.map(|h| view! { <p class="hint" id=hint_id.clone()>{move || h.get()}</p> })}
            {error.clone().map(|code| view! {
                <p class="field-error" id=error_id.clone()>{move || message(i18n.get_locale(), &code)}</p>
            })}
            <input
                id=id
                name=input_name.unwrap_or(name)
                type=kind
                autocomplete=autocomplete
                value=value
                aria-invalid=error.is_some().then_some("true")
                aria-describedby=(!described.is_empty()).then_some(described)
            />
        </div>
    }
}

/// The message of an error or notice code, in `locale`.
pub fn message(locale: Locale, code: &str) -> &'static str {
    match code {
        "invalid_email" => td_string!(locale, err_invalid_email),
        "password_too_short" => td_string!(locale, err_password_too_short),
        "password_too_long" => td_string!(locale, err_password_too_long),
        "password_too_common" => td_string!(locale, err_password_too_common),
        "display_name_missing" => td_string!(locale, err_display_name_missing),
        "display_name_invalid" => td_string!(locale, err_display_name_invalid),
        "invalid_credentials" => td_string!(locale, err_invalid_credentials),
        "email_not_verified" => td_string!(locale, err_email_not_verified),
        "invalid_link" => td_string!(locale, err_invalid_link),
        "link_used" => td_string!(locale, err_link_used),
        "link_expired" => td_string!(locale, err_link_expired),
        "verified_notice" => td_string!(locale, verified_notice),
        "unsubscribed_notice" => td_string!(locale, unsubscribed_notice),
        "password_reset_notice" => td_string!(locale, password_reset_notice),
        "account_deleted_notice" => td_string!(locale, account_deleted_notice),
        "wrong_password" => td_string!(locale, err_wrong_password),
        "email_taken" => td_string!(locale, err_email_taken),
        "password_changed_notice" => td_string!(locale, password_changed_notice),
        "email_change_sent_notice" => td_string!(locale, email_change_sent_notice),
        "email_changed_notice" => td_string!(locale, email_changed_notice),
        "role_granted_notice" => td_string!(locale, role_granted_notice),
        "role_revoked_notice" => td_string!(locale, role_revoked_notice),
        "not_found" => td_string!(locale, err_not_found),
        "role_already_held" => td_string!(locale, err_role_already_held),
        "cannot_revoke_own_admin" => td_string!(locale, err_cannot_revoke_own_admin),
        "forbidden" => td_string!(locale, err_forbidden),
        "invalid_role" => td_string!(locale, err_invalid_role),
        "too_many_attempts" => td_string!(locale, err_too_many_attempts),
        "busy" => td_string!(locale, err_busy),
        "text_missing" => td_string!(locale, err_text_missing),
        "text_too_short" => td_string!(locale, err_text_too_short),
        "text_too_long" => td_string!(locale, err_text_too_long),
        "text_invalid" => td_string!(locale, err_text_invalid),
        "name_invalid" => td_string!(locale, err_name_invalid),
        "cin_invalid" => td_string!(locale, err_cin_invalid),
        "cin_missing" => td_string!(locale, err_cin_missing),
        "province_missing" => td_string!(locale, err_province_missing),
        "province_not_in_region" => td_string!(locale, err_province_not_in_region),
        "basis_missing" => td_string!(locale, err_basis_missing),
        "declaration_missing" => td_string!(locale, err_declaration_missing),
        "consent_missing" => td_string!(locale, err_consent_missing),
        "not_collecting" => td_string!(locale, err_not_collecting),
        "already_signed" => td_string!(locale, err_already_signed),
        "mailbox_full" => td_string!(locale, err_mailbox_full),
        "mailbox_same_name" => td_string!(locale, err_mailbox_same_name),
        "mailbox_other_province" => td_string!(locale, err_mailbox_other_province),
        "profile_missing" => td_string!(locale, err_profile_missing),
        "profile_outside_region" => td_string!(locale, err_profile_outside_region),
        "signatures_locked" => td_string!(locale, err_signatures_locked),
        "threshold_not_met" => td_string!(locale, err_threshold_not_met),
        "step_not_allowed" => td_string!(locale, err_step_not_allowed),
        "petition_changed" => td_string!(locale, err_petition_changed),
        "decision_invalid" => td_string!(locale, err_decision_invalid),
        "signature_email_sent_notice" => td_string!(locale, signature_email_sent_notice),
        "signed_notice" => td_string!(locale, signed_notice),
        "signature_withdrawn_notice" => td_string!(locale, signature_withdrawn_notice),
        "deposited_notice" => td_string!(locale, deposited_notice),
        "petition_withdrawn_notice" => td_string!(locale, petition_withdrawn_notice),
        "kind_invalid" => td_string!(locale, err_kind_invalid),
        "lang_invalid" => td_string!(locale, err_lang_invalid),
        "competence_invalid" => td_string!(locale, err_competence_invalid),
        "conditions_not_accepted" => td_string!(locale, err_conditions_not_accepted),
        "date_invalid" => td_string!(locale, err_date_invalid),
        "date_in_future" => td_string!(locale, err_date_in_future),
        "association_too_recent" => td_string!(locale, err_association_too_recent),
        "mandate_missing" => td_string!(locale, err_mandate_missing),
        "too_many_files" => td_string!(locale, err_too_many_files),
        "file_empty" => td_string!(locale, err_file_empty),
        "file_too_large" => td_string!(locale, err_file_too_large),
        "file_type_refused" => td_string!(locale, err_file_type_refused),
        "petition_filed_notice" => td_string!(locale, petition_filed_notice),
        "petition_resubmitted_notice" => td_string!(locale, petition_resubmitted_notice),
        "kind_changed" => td_string!(locale, err_kind_changed),
        "signatories_erased" => td_string!(locale, err_signatories_erased),
        "note_missing" => td_string!(locale, err_note_missing),
        "reason_missing" => td_string!(locale, err_reason_missing),
        "session_invalid" => td_string!(locale, err_session_invalid),
        "moderation_done_notice" => td_string!(locale, moderation_done_notice),
        "council_step_done_notice" => td_string!(locale, council_step_done_notice),
        "profile_saved_notice" => td_string!(locale, profile_saved_notice),
        "profile_deleted_notice" => td_string!(locale, profile_deleted_notice),
        "setting_invalid" => td_string!(locale, err_setting_invalid),
        "settings_saved_notice" => td_string!(locale, settings_saved_notice),
        _ => crate::consultations::labels::message(locale, code)
            .unwrap_or_else(|| td_string!(locale, err_internal)),
    }
}

/// The title, text and back link of the page that answers a form that could not be read.
pub fn bad_request_texts(lang_code: &str) -> (String, String, String) {
    let locale = lang::locale_from_code(lang_code).unwrap_or_default();
    (
        td_string!(locale, bad_request_title).to_owned(),
        td_string!(locale, bad_request_text).to_owned(),
        td_string!(locale, too_many_back).to_owned(),
    )
}

/// The title, text and back link of the page that answers when the server is at capacity.
pub fn busy_texts(lang_code: &str) -> (String, String, String) {
    let locale = lang::locale_from_code(lang_code).unwrap_or_default();
    (
        td_string!(locale, busy_title).to_owned(),
        td_string!(locale, err_busy).to_owned(),
        td_string!(locale, too_many_back).to_owned(),
    )
}

/// The title, text and back link of the page that refuses an export asked from another site.
pub fn export_elsewhere_texts(lang_code: &str) -> (String, String, String) {
    let locale = lang::locale_from_code(lang_code).unwrap_or_default();
    (
        td_string!(locale, export_elsewhere_title).to_owned(),
        td_string!(locale, export_elsewhere_text).to_owned(),
        td_string!(locale, too_many_back).to_owned(),
    )
}

/// The title, text and back link of the page that answers a body over the size limit.
pub fn too_large_texts(lang_code: &str) -> (String, String, String) {
    let locale = lang::locale_from_code(lang_code).unwrap_or_default();
    (
        td_string!(locale, too_large_title).to_owned(),
        td_string!(locale, too_large_text).to_owned(),
        td_string!(locale, too_many_back).to_owned(),
    )
}

/// The texts of the "too many attempts" page (title, explanation, link back) in `lang_code`.
pub fn too_many_attempts_texts(lang_code: &str, minutes: u64) -> (String, String, String) {
    let locale = lang::locale_from_code(lang_code).unwrap_or_default();
    (
        td_string!(locale, too_many_title).to_owned(),
        td_string!(locale, too_many_text, minutes = minutes),
        td_string!(locale, too_many_back).to_owned(),
    )
}
