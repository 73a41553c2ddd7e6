//! `/{lang}/admin/users`: a platform admin finds an account by address, name or number, and sees
//! its roles, its blocks and a link to its actions in the audit log. `domain::accounts::search`
//! decides who may search; every search is audit-logged there.

use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use leptos_router::hooks::use_query_map;
use serde::{Deserialize, Serialize};

use crate::components::pager::pager;
use crate::components::status::{LoadError, NotFound};
use crate::components::title::PageTitle;
use crate::i18n::{Locale, td_string, use_i18n};
use crate::lang;
use crate::names::Names;
use crate::paths;
use crate::web::messages::message;

/// An account found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserItem {
    pub id: i32,
    pub email: String,
    pub display_name: String,
    pub verified: bool,
    /// The day the account was made.
    pub registered: crate::dates::Day,
    /// Each role (its code) and its region (`None`: every region).
    pub roles: Vec<(String, Option<Names>)>,
    /// The regions it is blocked in (`None`: every region).
    pub blocked_in: Vec<Option<Names>>,
}

/// A page of accounts found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UsersData {
    pub users: Vec<UserItem>,
    pub total: u64,
    pub page: u64,
    pub pages: u64,
    /// Whether something was searched (and is valid).
    pub searched: bool,
    /// What is wrong with the search (a code).
    pub error: Option<String>,
}

/// The accounts `q` finds, page `page`; `None` for anyone but a platform admin.
#[server(prefix = "/fn", endpoint = "search_users", input = GetUrl)]
pub async fn search_users(
    q: String,
    page: Option<u64>,
) -> Result<Option<UsersData>, crate::web::error::AppError> {
    use domain::accounts::search::{UserSearch, search_users};
    let ctx = crate::web::request::context()?;
    let Some(actor) = crate::web::request::current_actor(&ctx).await? else {
        return Ok(None);
    };
    let (search, error) = match q.trim() {
        "" => (None, None),
        typed => match UserSearch::parse(typed) {
            Ok(search) => (Some(search), None),
            Err(err) => (None, Some(err.code().to_owned())),
        },
    };
    let found = match search_users(&ctx, &actor, search.as_ref(), page.unwrap_or(1)).await {
        Ok(found) => found,
        Err(domain::DomainError::Forbidden) => return Ok(None),
        Err(err) => return Err(err.into()),
    };
    let regions = domain::regions::list_regions(&ctx).await?;
    let name = |id: Option<i32>| {
        id.and_then(|id| regions.iter().find(|r| r.id == id))
            .map(|r| Names::from(r.name.clone()))
    };
    Ok(Some(UsersData {
        users: found
            .users
            .into_iter()
            .map(|u| UserItem {
                id: u.id,
                email: u.email,
                display_name: u.display_name,
                verified: u.verified,
                registered: crate::dates::Day::at(u.created_at),
                roles: u
                    .roles
                    .into_iter()
                    .map(|r| (r.name().to_owned(), name(r.region_id())))
                    .collect(),
                blocked_in: u.blocked_in.into_iter().map(name).collect(),
            })
            .collect(),
        total: found.total,
        page: found.page,
        pages: found.pages,
        searched: search.is_some(),
        error,
    }))
}

/// The search page.
#[component]
pub fn UsersPage() -> impl IntoView {
    let (q, page) = {
        let query = use_query_map().read_untracked();
        (
            query.get("q").unwrap_or_default(),
            query.get("page").and_then(|p| p.parse().ok()),
        )
    };
    let typed = q.clone();
    let data = Resource::new(move || (q.clone(), page), |(q, page)| search_users(q, page));
    view! {
        <Suspense fallback=|| ()>
            {move || {
                let typed = typed.clone();
                Suspend::new(async move {
                    match data.await {
                        Ok(Some(data)) => view! { <Users data typed/> }.into_any(),
                        Ok(None) => view! { <NotFound/> }.into_any(),
                        Err(_) => view! { <LoadError/> }.into_any(),
                    }
                })
            }}
        </Suspense>
    }
}

#[component]
fn Users(data: UsersData, typed: String) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let code = lang::code(locale);
    let base = paths::admin_users(code);
    let href = {
        let base = base.clone();
        let typed = typed.clone();
        move |n: u64| {
            let q = crate::petitions::pages::urlencode(&typed);
            format!("{base}?q={q}&page={n}")
        }
    };
    let title = td_string!(locale, users_title).to_owned();
    let error_id = data.error.as_ref().map(|_| "users-q-error");
    view! {
        <PageTitle text=move || title.clone()/>
        <p><a href=paths::admin(code, None)>{td_string!(locale, admin_title)}</a></p>
        <h1>{td_string!(locale, users_title)}</h1>
        <form method="get" action=base class="filter-row" role="search">
            <div class="field">
                <label for="users-q">{td_string!(locale, users_search_label)}</label>
                <input id="users-q" name="q" type="search" dir="auto" value=typed.clone()
                    maxlength="100" aria-invalid=error_id.map(|_| "true") aria-describedby=error_id/>
                {data.error.clone().map(|code| view! {
                    <p id="users-q-error" class="field-error">{message(locale, &code)}</p>
                })}
            </div>
            <button type="submit">{td_string!(locale, users_search_submit)}</button>
        </form>
        {data.searched.then(|| view! {
            <p role="status">{td_string!(locale, users_count, count = data.total)}</p>
        })}
        {(data.searched && data.users.is_empty()).then(|| view! {
            <p>{td_string!(locale, users_none)}</p>
        })}
        {(!data.users.is_empty()).then(|| view! {
            <div class="table-scroll">
                <table>
                    <thead><tr>
                        <th scope="col">{td_string!(locale, col_person)}</th>
                        <th scope="col">{td_string!(locale, col_registered)}</th>
                        <th scope="col">{td_string!(locale, col_roles)}</th>
                        <th scope="col">{td_string!(locale, col_blocked_in)}</th>
                        <th scope="col">{td_string!(locale, col_actions)}</th>
                    </tr></thead>
                    <tbody>
                        {data.users.into_iter().map(|u| user_row(locale, u)).collect_view()}
                    </tbody>
                </table>
            </div>
        })}
        {pager(locale, td_string!(locale, users_pages).to_owned(), data.page, data.pages, href)}
    }
}

fn user_row(locale: Locale, u: UserItem) -> impl IntoView {
    let code = lang::code(locale);
    let log = format!(
        "/{code}/audit?actor={}",
        crate::petitions::pages::urlencode(&u.email)
    );
    let everywhere = td_string!(locale, region_all);
    let roles = u
        .roles
        .iter()
        .map(|(role, region)| {
            let place = region.as_ref().map_or(everywhere, |r| r.get(locale));
            format!(
                "{} ({place})",
                crate::admin::pages::role_label(locale, role)
            )
        })
        .collect::<Vec<_>>()
        .join(", ");
    let blocked = u
        .blocked_in
        .iter()
        .map(|region| {
            region
                .as_ref()
                .map_or(everywhere, |r| r.get(locale))
                .to_owned()
        })
        .collect::<Vec<_>>()
        .join(", ");
    view! {
        <tr>
            <td>
                <span dir="auto">{u.display_name}</span>" "<span dir="ltr">"#"{u.id}</span><br/>
                <span dir="ltr">{u.email}</span>
                {(!u.verified).then(|| view! { <br/><em>{td_string!(locale, user_unverified)}</em> })}
            </td>
            <td><crate::dates::DayText day=u.registered/></td>
            <td>{roles}</td>
            <td>{blocked}</td>
            <td><a href=log>{td_string!(locale, users_audit_link)}</a></td>
        </tr>
    }
}
