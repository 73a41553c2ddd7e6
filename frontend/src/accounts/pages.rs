//! Account pages: register, "check your email", confirm the address, sign in.

use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_router::hooks::use_query_map;

use super::api::{Register, RequestPasswordReset, ResetPassword, SignIn, VerifyEmail};
use crate::components::form::{ErrorSummary, Field};
use crate::components::title::PageTitle;
use crate::i18n::{td_string, use_i18n};
use crate::lang;
use crate::paths;
use crate::web::flash::take_flash;
use crate::web::messages::message;

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
                        <Field flash=flash.clone() name="display_name" kind="text" autocomplete="name" dir="auto"
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
                        <a href=move || paths::account(lang::code(locale()), "forgot-password")>
                            {move || td_string!(locale(), forgot_link)}
                        </a>
                    </p>
                    <p>
                        {move || td_string!(locale(), sign_in_no_account)}
                        " "
                        <a href=move || paths::account(lang::code(locale()), "register")>
                            {move || td_string!(locale(), nav_register)}
                        </a>
                    </p>
                }
            })}
        </Suspense>
    }
}
