//! Pages: leptos SSR routes (with the domain context and the CSP nonce), the `/` language
//! redirect, and the cookie that remembers the language.

use axum::Router;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use frontend::lang::{self, LANG_COOKIE};
use leptos::prelude::provide_context;
use std::sync::LazyLock;

use leptos_axum::{AxumRouteListing, LeptosRoutes, generate_route_list};

use crate::AppState;
use crate::security::CspNonce;

/// The app's routes, listed once per process. Listing them runs the app with resource loading
/// suppressed process-wide (a global flag in leptos), which would stall any page rendering at
/// the same moment; so it must never happen while requests are served (e.g. a second router built
/// in the same process, as the tests do).
static ROUTE_LIST: LazyLock<Vec<AxumRouteListing>> =
    LazyLock::new(|| generate_route_list(frontend::App));

/// The leptos pages and server functions, and a fallback that renders the localised 404.
pub fn routes(state: &AppState) -> Router<AppState> {
    let context = page_context(state);
    let links = state.asset_links();
    let shell = move || frontend::shell::shell(links.clone());
    let fallback = leptos_axum::render_app_async_with_context(context.clone(), shell.clone());
    Router::new()
        .leptos_routes_with_context(state, ROUTE_LIST.clone(), context, shell)
        .fallback(move |request: Request| fallback(request))
        .layer(axum::middleware::from_fn(remember_language))
}

/// What pages and server functions find in their context: the domain, and this request's nonce.
fn page_context(state: &AppState) -> impl Fn() + Clone + Send + Sync + 'static {
    let ctx = state.ctx.clone();
    move || {
        provide_context(ctx.clone());
        if let Some(parts) = leptos::prelude::use_context::<axum::http::request::Parts>()
            && let Some(CspNonce(nonce)) = parts.extensions.get::<CspNonce>()
        {
            provide_context(leptos::nonce::Nonce::from_value(nonce.clone()));
        }
    }
}

/// `/` → `/{lang}`: the `lang` cookie, else Accept-Language, else Arabic.
pub async fn redirect_to_language(State(_): State<AppState>, headers: HeaderMap) -> Response {
    let header = |name| headers.get(name).and_then(|v| v.to_str().ok());
    let locale = lang::negotiate(header(header::COOKIE), header(header::ACCEPT_LANGUAGE));
    let mut response =
        Redirect::temporary(&frontend::paths::home(lang::code(locale))).into_response();
    response.headers_mut().insert(
        header::VARY,
        HeaderValue::from_static("Cookie, Accept-Language"),
    );
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// Remembers the language of the page read in the `lang` cookie (used by `/` next time).
async fn remember_language(request: Request, next: Next) -> Response {
    let page_locale = lang::locale_of_path(request.uri().path());
    let current = request
        .headers()
        .get(header::COOKIE)
        .and_then(|v| v.to_str().ok())
        .and_then(lang::cookie_locale);
    let mut response = next.run(request).await;
    if let Some(locale) = page_locale
        && current != Some(locale)
        && response.status().is_success()
    {
        let cookie = format!(
            "{LANG_COOKIE}={}; Path=/; Max-Age=31536000; SameSite=Lax; HttpOnly",
            lang::code(locale)
        );
        if let Ok(value) = HeaderValue::from_str(&cookie) {
            response.headers_mut().append(header::SET_COOKIE, value);
        }
    }
    response
}
