//! The frame of every page: the language of the URL, the header (site name, account menu,
//! language switcher), the main content and the footer.

use leptos::prelude::*;
use leptos_router::components::Outlet;
use leptos_router::hooks::{use_location, use_params_map};

use super::status::NotFoundPage;
use crate::i18n::{td_string, use_i18n};
use crate::lang::{self, LANGUAGES};
use crate::paths;
use crate::regions::identity::{CouncilOfPage, RegionBand, RegionContact};
use crate::web::session::{SignOut, current_user};
use leptos::server_fn::ServerFn;
use leptos_meta::Html;

/// Layout of `/{lang}/…`: sets the language from the URL (an unknown one is a 404), then the
/// header, the page and the footer.
#[component]
pub fn LangLayout() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let locale = Memo::new(move |_| {
        params
            .read()
            .get("lang")
            .and_then(|code| lang::locale_from_code(&code))
    });
    // Synchronously, so that the server renders in the URL's language.
    if let Some(l) = locale.get_untracked() {
        i18n.set_locale(l);
    }
    // On client-side navigation between languages, this layout is kept: follow the URL.
    Effect::new(move |_| {
        if let Some(l) = locale.get()
            && l != i18n.get_locale_untracked()
        {
            i18n.set_locale(l);
        }
    });
    move || match locale.get() {
        Some(_) => view! { <PageFrame><Outlet/></PageFrame> }.into_any(),
        None => view! { <NotFoundPage/> }.into_any(),
    }
}

/// Header, main content and footer, with `<html lang dir>` set from the current language.
#[component]
pub fn PageFrame(children: Children) -> impl IntoView {
    let i18n = use_i18n();
    let html_lang = move || lang::code(i18n.get_locale());
    let html_dir = move || lang::dir(i18n.get_locale());
    CouncilOfPage::provide();
    view! {
        <Html attr:lang=html_lang attr:dir=html_dir/>
        <Header/>
        <RegionBand/>
        <main id="main" tabindex="-1">{children()}</main>
        <Footer/>
    }
}

/// Skip link, site name and language switcher.
#[component]
pub fn Header() -> impl IntoView {
    let i18n = use_i18n();
    let home = move || paths::home(lang::code(i18n.get_locale()));
    view! {
        <a class="skip-link" href="#main">{move || td_string!(i18n.get_locale(), skip_to_content)}</a>
        <header class="site-header">
            <a class="site-name" href=home>
                <span class="site-title">{move || td_string!(i18n.get_locale(), site_name)}</span>
                <span class="site-tagline">{move || td_string!(i18n.get_locale(), site_tagline)}</span>
            </a>
            <AccountMenu/>
            <LanguageSwitcher/>
        </header>
    }
}

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
                            {user.staff_regions.into_iter().map(|r| view! {
                                <a href=move || paths::region(lang::code(locale()), &r.slug, "staff")>
                                    {move || td_string!(locale(), nav_staff_dashboard, region = r.name.get(locale()).to_owned())}
                                </a>
                            }).collect_view()}
                            {user.is_admin.then(|| view! {
                                <a href=move || paths::admin(lang::code(locale()), None)>
                                    {move || td_string!(locale(), nav_admin)}
                                </a>
                            })}
                            <a href=move || paths::account(lang::code(locale()), "")>
                                {move || td_string!(locale(), nav_my_account)}
                            </a>
                            <a href=move || paths::account(lang::code(locale()), "petitions")>
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
                            <a href=move || paths::account(lang::code(locale()), "sign-in")>
                                {move || td_string!(locale(), nav_sign_in)}
                            </a>
                            <a href=move || paths::account(lang::code(locale()), "register")>
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

/// Links to the same page in each language. Plain links: they work without JavaScript.
#[component]
pub fn LanguageSwitcher() -> impl IntoView {
    let i18n = use_i18n();
    let location = use_location();
    let label = move || td_string!(i18n.get_locale(), language);
    view! {
        <nav class="lang-switcher" aria-label=label>
            <ul>
                {LANGUAGES
                    .into_iter()
                    .map(|(code, name)| {
                        let target = lang::locale_from_code(code).unwrap_or_default();
                        let href = move || {
                            let search = location.search.get();
                            let path = lang::switch_path(&location.pathname.get(), target);
                            if search.is_empty() { path } else { format!("{path}?{search}") }
                        };
                        let current = move || {
                            (i18n.get_locale() == target).then_some("page")
                        };
                        view! {
                            <li>
                                <a href=href hreflang=code lang=code aria-current=current rel="alternate">
                                    {name}
                                </a>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </nav>
    }
}

/// Sources of the data shown, and the note on Tifinagh names.
#[component]
pub fn Footer() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <footer class="site-footer">
            <RegionContact/>
            <nav aria-label=move || td_string!(i18n.get_locale(), footer_guides)>
                <ul class="inline-list">
                    <li><a href=move || paths::guides(lang::code(i18n.get_locale()), None, "")>{move || td_string!(i18n.get_locale(), footer_guides)}</a></li>
                    <li><a href=move || format!("{}?category=commitments", paths::guides(lang::code(i18n.get_locale()), None, ""))>{move || td_string!(i18n.get_locale(), footer_commitments)}</a></li>
                </ul>
            </nav>
            <p>{move || td_string!(i18n.get_locale(), footer_data)}</p>
            <p>{move || td_string!(i18n.get_locale(), footer_zgh_note)}</p>
        </footer>
    }
}
