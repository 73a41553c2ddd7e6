//! `POST /petitions/council-step`: a council officer records the bureau's or the council's step
//! on a petition, with an optional document (the answer, a decision letter). Multipart, as it
//! carries a file. Thin: read, parse, call `domain::petitions::council::record_council_step`,
//! redirect to the petition page with the outcome.

use axum::extract::{Multipart, State};
use axum::response::{IntoResponse, Redirect, Response};
use domain::DomainError;
use domain::accounts::UserId;
use domain::petitions::council::{CouncilDecision, CouncilForm, record_council_step};
use domain::petitions::{AttachmentPurpose, NewAttachment, PetitionId};
use domain::types::RegionSlug;
use frontend::accounts::api::server::{FLASH, signed_in_user};
use frontend::accounts::types::{FieldError, Flash};
use tower_sessions::Session;

use super::{read_parts, respond};
use crate::AppState;

/// Records the step, or sends the form back with its error and what was typed.
pub async fn record_council_step_form(
    State(state): State<AppState>,
    session: Session,
    multipart: Multipart,
) -> Response {
    let parts = match read_parts(multipart).await {
        Ok(parts) => parts,
        Err(err) => {
            tracing::warn!(%err, "unreadable council form");
            // 413 when the body went over the limit, else 400: the web edge makes it a page.
            return (err.status(), "bad form").into_response();
        }
    };
    let (lang, region, id) = parts.target();
    let user = match signed_in_user(&state.ctx, &session).await {
        Ok(Some(user)) => UserId(user),
        Ok(None) => {
            return Redirect::to(&format!("/{}/account/sign-in", lang.code())).into_response();
        }
        Err(err) => {
            tracing::error!(%err, "reading the session failed");
            return axum::http::StatusCode::INTERNAL_SERVER_ERROR.into_response();
        }
    };
    let form = CouncilForm {
        decision: parts.text("decision"),
        committee: parts.text("committee"),
        session: parts.text("session"),
        reasons: parts.text("reasons"),
        sitting_on: parts.text("sitting_on"),
        answer: parts.text("answer"),
    };
    let outcome = record(&state, user, &region, id, &form, parts.files).await;
    let mut flash = Flash {
        form: "staff".into(),
        ..Flash::default()
    };
    match outcome {
        Ok(()) => flash.notice = Some("council_step_done_notice".into()),
        Err(err) => {
            flash.values = [
                ("committee", &form.committee),
                ("session", &form.session),
                ("reasons", &form.reasons),
                ("sitting_on", &form.sitting_on),
                ("answer", &form.answer),
            ]
            .into_iter()
            .map(|(k, v)| (k.to_owned(), v.trim().to_owned()))
            .collect();
            let field = match &err {
                DomainError::Validation { field, .. } => (*field).to_owned(),
                DomainError::Internal(detail) => {
                    tracing::error!(%detail, "recording a council step failed");
                    "form".to_owned()
                }
                _ => "form".to_owned(),
            };
            flash.errors.push(FieldError {
                field,
                code: err.code().to_owned(),
            });
        }
    }
    let page = format!("/{}/r/{region}/petitions/{id}#staff", lang.code());
    respond(session.insert(FLASH, flash).await, &page)
}

async fn record(
    state: &AppState,
    user: UserId,
    region: &str,
    id: i32,
    form: &CouncilForm,
    files: Vec<(String, String, Vec<u8>)>,
) -> Result<(), DomainError> {
    let ctx = &state.ctx;
    let actor = domain::roles::actor(ctx, user).await?;
    let months = domain::regions::get_region(ctx, &RegionSlug::parse(region)?)
        .await?
        .session_months;
    let decision = CouncilDecision::parse(form, &months)?;
    let document = files
        .into_iter()
        .find(|(name, _, _)| name == "document")
        .map(|(_, name, data)| NewAttachment::parse(AttachmentPurpose::Answer, &name, data))
        .transpose()
        .map_err(|err| match err {
            DomainError::Validation { code, .. } => DomainError::Validation {
                field: "document",
                code,
            },
            other => other,
        })?;
    record_council_step(ctx, &actor, PetitionId(id), decision, document).await?;
    Ok(())
}
