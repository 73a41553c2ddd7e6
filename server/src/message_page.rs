//! The small pages the web edge answers by itself, before or after a feature runs (too many
//! attempts, a form that could not be read, a body over the limit): in the visitor's language,
//! with a link back to where they came from.

use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use domain::types::Lang;

use crate::AppState;

/// A page of `status` with a `title`, a `text` and a link `back` (labelled `back_text`).
pub fn message_page(
    state: &AppState,
    lang: Lang,
    status: StatusCode,
    (title, text, back_text): (String, String, String),
    back: Option<String>,
) -> Response {
    let esc = |s: &str| html_escape::encode_text(s).into_owned();
    let back = back.unwrap_or_else(|| frontend::paths::home(lang.code()));
    let html = format!(
        "<!DOCTYPE html><html lang=\"{code}\" dir=\"{dir}\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{title}</title><link rel=\"stylesheet\" href=\"{css}\"></head>\
         <body><main id=\"main\"><h1>{title}</h1><p role=\"alert\">{text}</p>\
         <p><a href=\"{back}\">{back_text}</a></p></main></body></html>",
        code = lang.code(),
        dir = if lang.is_rtl() { "rtl" } else { "ltr" },
        title = esc(&title),
        css = state.asset_links().stylesheet,
        text = esc(&text),
        back = html_escape::encode_double_quoted_attribute(&back),
        back_text = esc(&back_text),
    );
    let mut response = (status, Html(html)).into_response();
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// The path (and query) of the page the request came from, when it was on this site's form.
pub fn referer_path(headers: &HeaderMap) -> Option<String> {
    headers
        .get(header::REFERER)
        .and_then(|v| v.to_str().ok())
        .and_then(|r| {
            r.split_once("://")
                .and_then(|(_, rest)| rest.find('/').map(|i| rest[i..].to_owned()))
        })
}

/// The visitor's language: the page they came from, else the `lang` cookie, else
/// Accept-Language.
pub fn visitor_language(headers: &HeaderMap) -> Lang {
    let header = |name| headers.get(name).and_then(|v| v.to_str().ok());
    let locale = referer_path(headers)
        .as_deref()
        .and_then(frontend::lang::locale_of_path)
        .unwrap_or_else(|| {
            frontend::lang::negotiate(header(header::COOKIE), header(header::ACCEPT_LANGUAGE))
        });
    Lang::parse(frontend::lang::code(locale)).unwrap_or_default()
}
