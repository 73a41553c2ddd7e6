//! The application root and the layout shared by every page of a language.

use leptos::prelude::*;
use leptos_meta::provide_meta_context;
use leptos_router::components::{Outlet, Router};
use leptos_router::hooks::use_params_map;

use crate::components::layout::PageFrame;
use crate::components::status::NotFoundPage;
use crate::i18n::{I18nContextProvider, use_i18n};
use crate::lang;
use crate::routes::AppRoutes;

/// The body of every page (the server's shell wraps it in `<html>`).
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    view! {
        <I18nContextProvider set_lang_attr_on_html=false set_dir_attr_on_html=false>
            <Router>
                <AppRoutes/>
            </Router>
        </I18nContextProvider>
    }
}

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
