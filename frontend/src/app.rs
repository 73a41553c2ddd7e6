//! The application root: languages, the router and its routes.

use leptos::prelude::*;
use leptos_meta::provide_meta_context;
use leptos_router::components::Router;

use crate::i18n::I18nContextProvider;
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
