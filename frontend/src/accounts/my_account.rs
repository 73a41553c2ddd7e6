//! The signed-in person's own pages: my account (data, password, email, sessions, export,
//! deletion) and the confirmation of a new email address.

use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_router::hooks::use_query_map;

use super::api::{
    ChangePassword, ConfirmEmailChange, DeleteAccount, EndSession, RequestEmailChange, my_account,
};
use crate::components::form::{ErrorSummary, Field, Notice};
use crate::components::title::PageTitle;
use crate::dates::DayText;
use crate::i18n::{Locale, td_string, use_i18n};
use crate::lang;
use crate::paths;
use crate::web::flash::take_flash;

/// `/{lang}/account`: my data, its export, and deleting the account.
#[component]
pub fn MyAccountPage() -> impl IntoView {
    let i18n = use_i18n();
    let locale = move || i18n.get_locale();
    let account = Resource::new(|| (), |()| my_account());
    let flash = Resource::new(|| (), |()| take_flash("delete_account".into()));
    let password_flash = Resource::new(|| (), |()| take_flash("change_password".into()));
    let email_flash = Resource::new(|| (), |()| take_flash("change_email".into()));
    let title = move || td_string!(i18n.get_locale(), my_account_title).to_owned();
    view! {
        <PageTitle text=title/>
        <h1>{move || td_string!(locale(), my_account_title)}</h1>
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let Some(account) = account.await.ok().flatten() else {
                    return view! {
                        <p>
                            <a href=move || paths::account(lang::code(locale()), "sign-in")>
                                {move || td_string!(locale(), my_account_signed_out)}
                            </a>
                        </p>
                    }
                    .into_any();
                };
                let flash = flash.await.ok().flatten().unwrap_or_default();
                let password_flash = password_flash.await.ok().flatten().unwrap_or_default();
                let email_flash = email_flash.await.ok().flatten().unwrap_or_default();
                let roles = account.roles.clone();
                let email_lang = lang::LANGUAGES
                    .iter()
                    .find(|(code, _)| *code == account.lang)
                    .map_or("", |(_, name)| *name);
                view! {
                    <section aria-labelledby="my-data">
                        <h2 id="my-data">{move || td_string!(locale(), my_data_heading)}</h2>
                        <dl class="my-data">
                            <dt>{move || td_string!(locale(), field_email)}</dt>
                            <dd dir="ltr">{account.email.clone()}</dd>
                            <dt>{move || td_string!(locale(), field_display_name)}</dt>
                            <dd dir="auto">{account.display_name.clone()}</dd>
                            <dt>{move || td_string!(locale(), field_language)}</dt>
                            <dd lang=account.lang.clone()>{email_lang}</dd>
                            <dt>{move || td_string!(locale(), my_created_at)}</dt>
                            <dd>{account.created_on.clone().map(|day| view! { <DayText day/> })}</dd>
                            <dt>{move || td_string!(locale(), my_roles)}</dt>
                            <dd>
                                {move || {
                                    if roles.is_empty() {
                                        td_string!(locale(), my_no_roles).to_owned()
                                    } else {
                                        roles.iter().map(|r| role_name(locale(), r)).collect::<Vec<_>>().join(", ")
                                    }
                                }}
                            </dd>
                        </dl>
                    </section>
                    <section aria-labelledby="change-password">
                        <h2 id="change-password">{move || td_string!(locale(), change_password_heading)}</h2>
                        <Notice flash=password_flash.clone()/>
                        <ErrorSummary flash=password_flash.clone() form="pw"/>
                        <form method="post" action=ChangePassword::url() class="stacked-form" novalidate>
                            <input type="hidden" name="lang" value=move || lang::code(locale())/>
                            <Field flash=password_flash.clone() form="pw" name="current_password" kind="password" autocomplete="current-password"
                                label=move || td_string!(locale(), field_current_password) value=String::new()/>
                            <Field flash=password_flash.clone() form="pw" name="password" kind="password" autocomplete="new-password"
                                label=move || td_string!(locale(), field_new_password) value=String::new()
                                hint=move || td_string!(locale(), field_password_hint)/>
                            <button type="submit">{move || td_string!(locale(), change_password_submit)}</button>
                        </form>
                    </section>
                    <section aria-labelledby="change-email">
                        <h2 id="change-email">{move || td_string!(locale(), change_email_heading)}</h2>
                        <p>{move || td_string!(locale(), change_email_text)}</p>
                        <Notice flash=email_flash.clone()/>
                        <ErrorSummary flash=email_flash.clone() form="em"/>
                        <form method="post" action=RequestEmailChange::url() class="stacked-form" novalidate>
                            <input type="hidden" name="lang" value=move || lang::code(locale())/>
                            <Field flash=email_flash.clone() form="em" name="email" kind="email" autocomplete="email"
                                label=move || td_string!(locale(), field_new_email) value=email_flash.email.clone()/>
                            <Field flash=email_flash.clone() form="em" name="current_password" kind="password" autocomplete="current-password"
                                label=move || td_string!(locale(), field_current_password) value=String::new()/>
                            <button type="submit">{move || td_string!(locale(), change_email_submit)}</button>
                        </form>
                    </section>
                    <section aria-labelledby="sessions">
                        <h2 id="sessions">{move || td_string!(locale(), sessions_heading)}</h2>
                        <ul class="sessions">
                            {account.sessions.clone().into_iter().map(|s| {
                                let when = s.signed_in.clone();
                                view! {
                                    <li>
                                        <span>{move || td_string!(locale(), session_signed_in, when = when.as_ref().map(|w| w.get(locale())).unwrap_or_default().to_owned())}</span>
                                        {if s.current {
                                            view! { <strong>" — "{move || td_string!(locale(), session_current)}</strong> }.into_any()
                                        } else {
                                            view! {
                                                <form method="post" action=EndSession::url() class="inline-form">
                                                    <input type="hidden" name="lang" value=move || lang::code(locale())/>
                                                    <input type="hidden" name="key" value=s.key.clone()/>
                                                    <button type="submit" class="link-button">{move || td_string!(locale(), session_end)}</button>
                                                </form>
                                            }.into_any()
                                        }}
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                        <form method="post" action=EndSession::url()>
                            <input type="hidden" name="lang" value=move || lang::code(locale())/>
                            <input type="hidden" name="key" value="others"/>
                            <button type="submit">{move || td_string!(locale(), sessions_end_others)}</button>
                        </form>
                    </section>
                    <section aria-labelledby="export">
                        <h2 id="export">{move || td_string!(locale(), export_heading)}</h2>
                        <p>{move || td_string!(locale(), export_text)}</p>
                        <p><a href="/account/export.json" download="musharaka-my-data.json">
                            {move || td_string!(locale(), export_link)}
                        </a></p>
                    </section>
                    <section aria-labelledby="delete">
                        <h2 id="delete">{move || td_string!(locale(), delete_heading)}</h2>
                        <p>{move || td_string!(locale(), delete_text)}</p>
                        <ErrorSummary flash=flash.clone() form="del"/>
                        <form method="post" action=DeleteAccount::url() class="stacked-form" novalidate>
                            <input type="hidden" name="lang" value=move || lang::code(locale())/>
                            <Field flash=flash.clone() form="del" name="password" kind="password" autocomplete="current-password"
                                label=move || td_string!(locale(), field_confirm_password) value=String::new()/>
                            <button type="submit" class="danger">{move || td_string!(locale(), delete_submit)}</button>
                        </form>
                    </section>
                }
                .into_any()
            })}
        </Suspense>
    }
}

fn role_name(locale: Locale, role: &str) -> &'static str {
    match role {
        "council_officer" => td_string!(locale, role_council_officer),
        "moderator" => td_string!(locale, role_moderator),
        _ => td_string!(locale, role_platform_admin),
    }
}

/// `/{lang}/account/confirm-email?token=…`: a button makes the new address the account's.
#[component]
pub fn ConfirmEmailPage() -> impl IntoView {
    let i18n = use_i18n();
    let locale = move || i18n.get_locale();
    let token = use_query_map()
        .read_untracked()
        .get("token")
        .unwrap_or_default();
    let flash = Resource::new(|| (), |()| take_flash("confirm_email".into()));
    let title = move || td_string!(i18n.get_locale(), confirm_email_title).to_owned();
    view! {
        <PageTitle text=title/>
        <h1>{move || td_string!(locale(), confirm_email_title)}</h1>
        <Suspense fallback=|| ()>
            {move || {
                let token = token.clone();
                Suspend::new(async move {
                    let flash = flash.await.ok().flatten().unwrap_or_default();
                    let form = (!token.is_empty()).then(|| view! {
                        <p>{move || td_string!(locale(), confirm_email_text)}</p>
                        <form method="post" action=ConfirmEmailChange::url()>
                            <input type="hidden" name="lang" value=move || lang::code(locale())/>
                            <input type="hidden" name="token" value=token/>
                            <button type="submit">{move || td_string!(locale(), confirm_email_submit)}</button>
                        </form>
                    });
                    view! {
                        <Notice flash=flash.clone()/>
                        <ErrorSummary flash/>
                        {form}
                    }
                })
            }}
        </Suspense>
    }
}
