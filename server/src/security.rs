//! Security headers on every response, with a fresh CSP nonce per request.

use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::{HeaderName, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::IntoResponse;
use axum::response::Response;
use base64::Engine;
use rand::RngCore;

/// The nonce of this request's Content-Security-Policy, for inline scripts that leptos writes.
#[derive(Debug, Clone)]
pub struct CspNonce(pub Arc<str>);

/// What the security headers depend on.
#[derive(Debug, Clone, Copy)]
pub struct HeaderPolicy {
    /// The site is served over https: browsers are told to keep to it (HSTS).
    pub https: bool,
}

/// Adds the CSP (with a nonce), `nosniff`, the referrer policy, framing protection, HSTS behind
/// https, and `Cache-Control: private, no-store` on the pages of a signed-in visitor (they carry
/// personal data: account, signatories, staff and admin pages, names in the header).
pub async fn headers(
    State(policy): State<HeaderPolicy>,
    mut request: Request,
    next: Next,
) -> Response {
    let signed_in = request
        .headers()
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .any(|c| c.contains(&format!("{}=", crate::sessions::SESSION_COOKIE)));
    let mut bytes = [0u8; 16];
    rand::rng().fill_bytes(&mut bytes);
    let nonce: Arc<str> = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .encode(bytes)
        .into();
    request.extensions_mut().insert(CspNonce(nonce.clone()));
    let mut response = next.run(request).await;
    let csp = format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; \
         style-src 'self'; img-src 'self' data:; connect-src 'self'; font-src 'self'; \
         object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    );
    let headers = response.headers_mut();
    if let Ok(value) = HeaderValue::from_str(&csp) {
        headers.insert(header::CONTENT_SECURITY_POLICY, value);
    }
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("strict-origin-when-cross-origin"),
    );
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    headers.insert(
        HeaderName::from_static("cross-origin-opener-policy"),
        HeaderValue::from_static("same-origin"),
    );
    headers.insert(
        HeaderName::from_static("permissions-policy"),
        HeaderValue::from_static("camera=(), microphone=(), geolocation=(), interest-cohort=()"),
    );
    if policy.https {
        headers.insert(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=31536000; includeSubDomains"),
        );
    }
    let html = headers
        .get(header::CONTENT_TYPE)
        .is_some_and(|v| v.as_bytes().starts_with(b"text/html"));
    if signed_in && html && !headers.contains_key(header::CACHE_CONTROL) {
        headers.insert(
            header::CACHE_CONTROL,
            HeaderValue::from_static("private, no-store"),
        );
    }
    response
}

/// Refuses (403, with a page in the visitor's language) the exports of personal data — the
/// signatory list (CSV and printable), a person's data export — when the request comes from
/// another site (`Sec-Fetch-Site`): a link or an image elsewhere must not make a signed-in
/// officer's browser fetch them (and write lines in the audit log).
pub async fn same_site_exports(
    State(state): State<crate::AppState>,
    request: Request,
    next: Next,
) -> Response {
    // A trailing slash reaches the same page; the printable list loads through its server
    // function, which a link can name too.
    let path = request.uri().path().trim_end_matches('/');
    let export = path.ends_with("/signatories")
        || path.ends_with("/signatories.csv")
        || path == "/fn/signatory_list"
        || path == "/account/export.json";
    let fetched_from = request
        .headers()
        .get("sec-fetch-site")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("none");
    if export && !matches!(fetched_from, "same-origin" | "none") {
        let lang = crate::message_page::visitor_language(request.headers());
        return crate::message_page::message_page(
            &state,
            lang,
            StatusCode::FORBIDDEN,
            frontend::web::messages::export_elsewhere_texts(lang.code()),
            None,
        );
    }
    next.run(request).await
}

/// The origins a state-changing request may come from.
#[derive(Debug, Clone)]
pub struct Origins {
    public: String,
}

impl Origins {
    /// The origin of `public_url` (scheme, host and port).
    pub fn new(public_url: &str) -> Self {
        Self {
            public: origin_of(public_url).unwrap_or_default(),
        }
    }
}

/// Refuses (403) a state-changing request whose `Origin` (or, without one, `Referer`) is neither
/// the site's public origin nor the host it was sent to: forms of other sites cannot post here.
pub async fn check_origin(
    State(origins): State<Origins>,
    request: Request,
    next: Next,
) -> Response {
    // Reading changes nothing; a one-click unsubscribe comes from mail clients, without an
    // origin, and its token is its permission.
    if matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS
    ) || request.uri().path() == crate::unsubscribe::PATH
    {
        return next.run(request).await;
    }
    let headers = request.headers();
    let text = |name| {
        headers
            .get(name)
            .and_then(|v: &HeaderValue| v.to_str().ok())
    };
    let claimed = text(header::ORIGIN)
        .filter(|o| *o != "null")
        .map(str::to_owned)
        .or_else(|| text(header::REFERER).and_then(origin_of));
    let host = text(header::HOST);
    let allowed = claimed.as_deref().is_some_and(|origin| {
        origin == origins.public
            || host.is_some_and(|h| {
                origin
                    .strip_prefix("https://")
                    .or_else(|| origin.strip_prefix("http://"))
                    == Some(h)
            })
    });
    if allowed {
        next.run(request).await
    } else {
        tracing::warn!(origin = ?claimed, "state-changing request from another origin refused");
        (StatusCode::FORBIDDEN, "forbidden_origin").into_response()
    }
}

/// `https://host:port` of a URL.
fn origin_of(url: &str) -> Option<String> {
    let (scheme, rest) = url.split_once("://")?;
    let host = rest.split(['/', '?', '#']).next()?;
    (!host.is_empty()).then(|| format!("{scheme}://{host}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn origins_of_urls() {
        assert_eq!(
            origin_of("https://musharaka.ma/fr/x?y").as_deref(),
            Some("https://musharaka.ma")
        );
        assert_eq!(
            origin_of("http://127.0.0.1:3000").as_deref(),
            Some("http://127.0.0.1:3000")
        );
        assert_eq!(origin_of("nonsense"), None);
    }
}
