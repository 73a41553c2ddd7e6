//! What a page shows instead of its content: the localised "page not found" (always with status
//! 404), or "could not be read" (with status 503).

use leptos::prelude::*;

use crate::components::layout::PageFrame;
use crate::components::title::PageTitle;
use crate::i18n::{td_string, use_i18n};
use crate::lang;
use crate::paths;

/// The 404 content inside a page of a known language.
#[component]
pub fn NotFound() -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(http::StatusCode::NOT_FOUND);
    }
    let i18n = use_i18n();
    let title = move || td_string!(i18n.get_locale(), not_found_title).to_owned();
    let home = move || paths::home(lang::code(i18n.get_locale()));
    view! {
        <PageTitle text=title/>
        <section class="not-found">
            <h1>{move || td_string!(i18n.get_locale(), not_found_title)}</h1>
            <p>{move || td_string!(i18n.get_locale(), not_found_text)}</p>
            <p><a href=home>{move || td_string!(i18n.get_locale(), not_found_home)}</a></p>
        </section>
    }
}

/// A whole 404 page for a path without a known language: in the visitor's language (cookie,
/// then Accept-Language, then Arabic).
#[component]
pub fn NotFoundPage() -> impl IntoView {
    #[cfg(feature = "ssr")]
    {
        use crate::i18n::use_i18n;
        let i18n = use_i18n();
        let locale = use_context::<http::request::Parts>().map(|parts| {
            let header = |name| parts.headers.get(name).and_then(|v| v.to_str().ok());
            lang::locale_of_path(parts.uri.path()).unwrap_or_else(|| {
                lang::negotiate(
                    header(http::header::COOKIE),
                    header(http::header::ACCEPT_LANGUAGE),
                )
            })
        });
        i18n.set_locale(locale.unwrap_or_default());
    }
    view! { <PageFrame><NotFound/></PageFrame> }
}

/// Shown (with status 503) when the data could not be read.
#[component]
pub fn LoadError() -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(http::StatusCode::SERVICE_UNAVAILABLE);
    }
    let i18n = use_i18n();
    view! { <p class="error" role="alert">{move || td_string!(i18n.get_locale(), load_error)}</p> }
}
