//! Answers the web edge gives by itself after a feature ran: a server at capacity (503 with
//! `Retry-After`), and requests whose body cannot be read. leptos answers a server function argument it cannot
//! decode (broken percent-encoding, a missing field) with a 500, or for a plain form post with a
//! bare redirect back; axum's extractors answer with plain text. Either way nothing ran: the
//! visitor gets a 400 (or the 413 of a body over the limit) and a page in their language; a
//! script calling a server function gets a 400 with the error `{"code": "bad_request"}`.

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::AppState;
use crate::message_page::{message_page, referer_path, visitor_language};
use frontend::web::error::AppError;
use frontend::web::request::BUSY_HEADER;

/// The header leptos puts on a server function's error response.
const SERVER_FN_ERROR: &str = "serverfnerror";

/// Largest server function error body read here (they are a line of text).
const ERROR_BODY_LIMIT: usize = 64 * 1024;

/// Turns the answers of a busy server into 503 pages, and those to unreadable request bodies
/// into 400 (or 413) pages.
pub async fn answer_malformed(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Response {
    if request.method() != Method::POST || request.uri().path().starts_with("/api/") {
        return next.run(request).await;
    }
    let headers = request.headers().clone();
    // A script (the hydrated page) asks for the server function's encoding; anyone else reads.
    let wants_page = headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_none_or(|a| a.contains("text/html") || a.contains("*/*"));
    let response = next.run(request).await;
    let page = |status: StatusCode, texts: fn(&str) -> (String, String, String)| {
        let lang = visitor_language(&headers);
        message_page(
            &state,
            lang,
            status,
            texts(lang.code()),
            referer_path(&headers),
        )
    };
    if let Some(retry_after) = response.headers().get(BUSY_HEADER).cloned() {
        let mut busy = if wants_page {
            page(
                StatusCode::SERVICE_UNAVAILABLE,
                frontend::web::messages::busy_texts,
            )
        } else {
            let (mut parts, body) = response.into_parts();
            parts.status = StatusCode::SERVICE_UNAVAILABLE;
            parts.headers.remove(header::LOCATION);
            parts.headers.remove(BUSY_HEADER);
            Response::from_parts(parts, body)
        };
        busy.headers_mut().insert(header::RETRY_AFTER, retry_after);
        return busy;
    }
    if response.status() == StatusCode::PAYLOAD_TOO_LARGE {
        return page(
            StatusCode::PAYLOAD_TOO_LARGE,
            frontend::web::messages::too_large_texts,
        );
    }
    if response.headers().contains_key(SERVER_FN_ERROR) {
        let (mut parts, body) = response.into_parts();
        let Ok(bytes) = axum::body::to_bytes(body, ERROR_BODY_LIMIT).await else {
            return StatusCode::INTERNAL_SERVER_ERROR.into_response();
        };
        let unreadable = serde_json::from_slice::<AppError>(&bytes)
            .is_ok_and(|error| error.code == frontend::web::error::BAD_REQUEST);
        if !unreadable {
            return Response::from_parts(parts, Body::from(bytes));
        }
        let path = parts.headers.get(SERVER_FN_ERROR).cloned();
        tracing::info!(?path, "a server function's arguments could not be read");
        if wants_page {
            return page(
                StatusCode::BAD_REQUEST,
                frontend::web::messages::bad_request_texts,
            );
        }
        parts.status = StatusCode::BAD_REQUEST;
        parts.headers.remove(header::LOCATION);
        return Response::from_parts(parts, Body::from(bytes));
    }
    let plain_rejection = response
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|v| v.as_bytes().starts_with(b"text/plain"));
    if plain_rejection
        && matches!(
            response.status(),
            StatusCode::BAD_REQUEST
                | StatusCode::UNPROCESSABLE_ENTITY
                | StatusCode::UNSUPPORTED_MEDIA_TYPE
        )
    {
        return page(
            StatusCode::BAD_REQUEST,
            frontend::web::messages::bad_request_texts,
        );
    }
    response
}
