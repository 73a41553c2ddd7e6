//! `/{lang}/admin`: staff roles, accounts blocked in every region, and links to the audit log,
//! the account search and the outbox, for platform admins.

use leptos::prelude::*;
use leptos::server_fn::ServerFn;

use super::api::{GrantRole, RevokeRole, load_admin_page};
use super::types::AdminData;
use crate::components::block::{BlockEverywhereForm, BlocksSection};
use crate::components::title::PageTitle;
use crate::i18n::{Locale, td_string, use_i18n};
use crate::lang;
use crate::paths;
use crate::web::flash::take_flash;
use crate::web::messages::message;

/// The admin page.
#[component]
pub fn AdminPage() -> impl IntoView {
    let i18n = use_i18n();
    let locale = move || i18n.get_locale();
    let data = Resource::new(|| (), |()| load_admin_page());
    let flash = Resource::new(|| (), |()| take_flash("admin".into()));
    let blocks_flash = Resource::new(|| (), |()| take_flash("blocks".into()));
    let title = move || td_string!(i18n.get_locale(), admin_title).to_owned();
    view! {
        <PageTitle text=title/>
        <h1>{move || td_string!(locale(), admin_title)}</h1>
        <Suspense fallback=|| ()>
            {move || {
                Suspend::new(async move {
                    let Some(data) = data.await.ok().flatten() else {
                        return view! { <p role="alert">{move || td_string!(locale(), admin_forbidden)}</p> }.into_any();
                    };
                    let flash = flash.await.ok().flatten().unwrap_or_default();
                    let blocks_flash = blocks_flash.await.ok().flatten().unwrap_or_default();
                    view! { <AdminContent data flash blocks_flash/> }.into_any()
                })
            }}
        </Suspense>
    }
}

#[component]
fn AdminContent(
    data: AdminData,
    flash: crate::web::flash::Flash,
    blocks_flash: crate::web::flash::Flash,
) -> impl IntoView {
    let i18n = use_i18n();
    let locale = move || i18n.get_locale();
    let regions = StoredValue::new(data.regions.clone());
    let region_name = move |id: i32| {
        regions.with_value(|rs| {
            rs.iter()
                .find(|r| r.id == id)
                .map(|r| r.name.get(locale()).to_owned())
                .unwrap_or_else(|| td_string!(locale(), region_all).to_owned())
        })
    };
    let notice = flash.notice.clone();
    let errors = flash.errors.clone();
    view! {
        {notice.map(|code| view! { <p class="notice" role="status">{move || message(locale(), &code)}</p> })}
        {(!errors.is_empty()).then(|| view! {
            <div class="error-summary" role="alert">
                <ul>
                    {errors.into_iter().map(|e| view! { <li>{move || message(locale(), &e.code)}</li> }).collect_view()}
                </ul>
            </div>
        })}
        <section aria-labelledby="staff">
            <h2 id="staff">{move || td_string!(locale(), staff_heading)}</h2>
            {if data.staff.is_empty() {
                view! { <p>{move || td_string!(locale(), staff_none)}</p> }.into_any()
            } else {
                view! {
                    <div class="table-scroll">
                        <table>
                            <thead><tr>
                                <th scope="col">{move || td_string!(locale(), col_person)}</th>
                                <th scope="col">{move || td_string!(locale(), col_role)}</th>
                                <th scope="col">{move || td_string!(locale(), col_region)}</th>
                                <th scope="col">{move || td_string!(locale(), col_actions)}</th>
                            </tr></thead>
                            <tbody>
                                {data.staff.clone().into_iter().map(|s| {
                                    let role = s.role.clone();
                                    let region = s.region_id;
                                    view! {
                                        <tr>
                                            <td><span dir="auto">{s.display_name.clone()}</span><br/><span dir="ltr">{s.email.clone()}</span></td>
                                            <td>{move || role_label(locale(), &role)}</td>
                                            <td>{move || region_name(region)}</td>
                                            <td>
                                                <form method="post" action=RevokeRole::url()>
                                                    <input type="hidden" name="lang" value=move || lang::code(locale())/>
                                                    <input type="hidden" name="user_id" value=s.user_id.to_string()/>
                                                    <input type="hidden" name="role" value=s.role.clone()/>
                                                    <input type="hidden" name="region_id" value=s.region_id.to_string()/>
                                                    <button type="submit" class="link-button">{move || td_string!(locale(), revoke_submit)}</button>
                                                </form>
                                            </td>
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                }.into_any()
            }}
        </section>
        <section aria-labelledby="grant">
            <h2 id="grant">{move || td_string!(locale(), grant_heading)}</h2>
            <form method="post" action=GrantRole::url() class="stacked-form">
                <input type="hidden" name="lang" value=move || lang::code(locale())/>
                <div class="field">
                    <label for="grant-email">{move || td_string!(locale(), field_email)}</label>
                    <input id="grant-email" name="email" type="email" autocomplete="off" value=flash.email.clone()/>
                </div>
                <div class="field">
                    <label for="grant-role">{move || td_string!(locale(), field_role)}</label>
                    <select id="grant-role" name="role">
                        {["council_officer", "moderator", "platform_admin"].into_iter().map(|r| view! {
                            <option value=r>{move || role_label(locale(), r)}</option>
                        }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="grant-region">{move || td_string!(locale(), field_region)}</label>
                    <select id="grant-region" name="region_id">
                        <option value="0">{move || td_string!(locale(), region_all)}</option>
                        {data.regions.clone().into_iter().map(|r| view! {
                            <option value=r.id.to_string()>{move || r.name.get(locale()).to_owned()}</option>
                        }).collect_view()}
                    </select>
                </div>
                <button type="submit">{move || td_string!(locale(), grant_submit)}</button>
            </form>
        </section>
        <section aria-labelledby="settings-heading">
            <h2 id="settings-heading">{move || td_string!(locale(), settings_heading)}</h2>
            <ul class="settings-links">
                {data.regions.clone().into_iter().map(|r| view! {
                    <li>
                        <a href=move || paths::admin(lang::code(locale()), Some(&r.slug))>
                            {move || r.name.get(locale()).to_owned()}
                        </a>
                    </li>
                }).collect_view()}
            </ul>
        </section>
        <section aria-labelledby="block-everywhere-heading">
            <h2 id="block-everywhere-heading">{move || td_string!(locale(), block_everywhere_heading)}</h2>
            <BlockEverywhereForm/>
        </section>
        <BlocksSection region=String::new() flash=blocks_flash/>
        <section aria-labelledby="audit">
            <h2 id="audit">{move || td_string!(locale(), audit_heading)}</h2>
            <p><a href=move || format!("/{}/audit", lang::code(locale()))>{move || td_string!(locale(), audit_link)}</a></p>
        </section>
        <section aria-labelledby="accounts-emails">
            <h2 id="accounts-emails">{move || td_string!(locale(), admin_tools_heading)}</h2>
            <ul>
                <li><a href=move || paths::admin_users(lang::code(locale()))>{move || td_string!(locale(), users_title)}</a></li>
                <li><a href=move || paths::admin_outbox(lang::code(locale()))>{move || td_string!(locale(), outbox_title)}</a></li>
            </ul>
        </section>
    }
}

pub(crate) fn role_label(locale: Locale, role: &str) -> &'static str {
    match role {
        "council_officer" => td_string!(locale, role_council_officer),
        "moderator" => td_string!(locale, role_moderator),
        _ => td_string!(locale, role_platform_admin),
    }
}
