//! A guide's documents: `POST /guides/document` (its writers attach a PDF; a multipart form, as
//! it carries a file) and `GET /files/guides/{guide}/documents/{document}`. Thin: read, parse,
//! call `domain::guides::documents`, redirect or serve.

use axum::extract::{Multipart, Path, State};
use axum::response::{IntoResponse, Response};
use domain::guides::documents::{add_guide_document, get_guide_document};
use domain::types::GuideId;
use frontend::web::flash::Flash;
use tower_sessions::Session;

use crate::AppState;
use crate::api::error::ApiError;
use crate::current_user::CurrentUser;
use crate::forms::{back, read_form, to_sign_in};

/// Attaches the document, then shows the guide with the outcome.
pub async fn add_document_form(
    State(state): State<AppState>,
    session: Session,
    user: Option<axum::Extension<CurrentUser>>,
    multipart: Multipart,
) -> Response {
    let parts = match read_form(multipart, "guide_document").await {
        Ok(parts) => parts,
        Err(response) => return response,
    };
    let (lang, _, id) = parts.target();
    let actor = match crate::files::visitor(&state, user).await {
        Ok(Some(actor)) => actor,
        Ok(None) => return to_sign_in(lang),
        Err(response) => return response,
    };
    let outcome = match parts.pdf("document") {
        Ok(document) => add_guide_document(&state.ctx, &actor, GuideId(id), document)
            .await
            .map(|_| ()),
        Err(err) => Err(err),
    };
    let flash = Flash::outcome("guide", outcome.map(|()| "guide_document_added_notice"));
    let page = frontend::paths::guide(lang.code(), None, id, "");
    back(&session, flash, &page).await
}

/// The document, or 404 when it does not exist for this visitor.
pub async fn get_document_file(
    State(state): State<AppState>,
    user: Option<axum::Extension<CurrentUser>>,
    Path((guide, document)): Path<(i32, i32)>,
) -> Response {
    let actor = match crate::files::visitor(&state, user).await {
        Ok(actor) => actor,
        Err(response) => return response,
    };
    match get_guide_document(&state.ctx, actor.as_ref(), GuideId(guide), document).await {
        Ok(file) => crate::files::download(file.data, &file.file_name, &file.content_type),
        Err(err) => ApiError(err).into_response(),
    }
}
