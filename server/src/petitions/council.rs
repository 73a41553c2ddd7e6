//! `POST /petitions/council-step`: a council officer records the bureau's or the council's step
//! on a petition, with an optional document (the answer, a decision letter). Multipart, as it
//! carries a file. Thin: read, parse, call `domain::petitions::council::record_council_step`,
//! redirect to the petition page with the outcome.

use axum::extract::{Multipart, State};
use axum::response::Response;
use domain::DomainError;
use domain::petitions::council::{CouncilDecision, CouncilForm, record_council_step};
use domain::petitions::{AttachmentPurpose, NewAttachment};
use domain::types::PetitionId;
use domain::types::RegionSlug;
use domain::types::UserId;
use frontend::web::flash::Flash;
use tower_sessions::Session;

use crate::AppState;
use crate::current_user::{CurrentUser, id_of};
use crate::forms::{back, read_form, to_sign_in};

/// Records the step, or sends the form back with its error and what was typed.
pub async fn record_council_step_form(
    State(state): State<AppState>,
    session: Session,
    user: Option<axum::Extension<CurrentUser>>,
    multipart: Multipart,
) -> Response {
    let parts = match read_form(multipart, "council").await {
        Ok(parts) => parts,
        Err(response) => return response,
    };
    let (lang, region, id) = parts.target();
    let Some(user) = id_of(user) else {
        return to_sign_in(lang);
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
    let flash = match outcome {
        Ok(()) => Flash::outcome("staff", Ok("council_step_done_notice")),
        Err(err) => {
            let mut flash = Flash::with_values(
                "staff",
                &[
                    ("committee", &form.committee),
                    ("session", &form.session),
                    ("reasons", &form.reasons),
                    ("sitting_on", &form.sitting_on),
                    ("answer", &form.answer),
                ],
            );
            flash.add_errors([err]);
            flash
        }
    };
    let page = format!(
        "{}#staff",
        frontend::paths::petition(lang.code(), &region, id, "")
    );
    back(&session, flash, &page).await
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
