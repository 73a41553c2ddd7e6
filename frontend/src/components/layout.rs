//! The header (site name, language switcher) and the footer.

use leptos::prelude::*;
use leptos_router::hooks::use_location;

use crate::accounts::pages::AccountMenu;
use crate::i18n::{td_string, use_i18n};
use crate::lang::{self, LANGUAGES};

/// Skip link, site name and language switcher.
#[component]
pub fn Header() -> impl IntoView {
    let i18n = use_i18n();
    let home = move || format!("/{}", lang::code(i18n.get_locale()));
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
            <p>{move || td_string!(i18n.get_locale(), footer_data)}</p>
            <p>{move || td_string!(i18n.get_locale(), footer_zgh_note)}</p>
        </footer>
    }
}
