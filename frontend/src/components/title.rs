//! The document title of a page.

use leptos::prelude::*;
use leptos_meta::Title;

/// Sets `<title>`. On the server the text is computed once while the page renders: leptos reads
/// titles after rendering, outside the request's reactive arena, where signals cannot be read
/// (under concurrent requests that panicked). In the browser it follows the language.
#[component]
pub fn PageTitle<F>(text: F) -> impl IntoView
where
    F: Fn() -> String + Send + Sync + 'static,
{
    #[cfg(feature = "ssr")]
    let text = leptos::text_prop::TextProp::from(text());
    view! { <Title text=text/> }
}
