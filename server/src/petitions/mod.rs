//! `POST /petitions/file`: the filing form, a multipart form (it carries documents), handled
//! here rather than by a server function. It also sends an edited draft back to moderation (the
//! form then names the `petition`). Thin: read the fields, parse, call
//! `domain::petitions::file_petition` or `resubmit_petition`, redirect with the outcome.

use axum::extract::{Multipart, State};
use axum::response::{IntoResponse, Response};
use domain::DomainError;
use domain::petitions::editing::resubmit_petition;
use domain::petitions::{
    AttachmentPurpose, NewAttachment, NewPetition, PetitionForm, file_petition,
};
use domain::types::PetitionId;
use domain::types::{Lang, RegionSlug};
use frontend::web::flash::Flash;
use tower_sessions::Session;

use crate::AppState;
use crate::current_user::{CurrentUser, id_of};
use crate::forms::{back, read_parts};

pub mod council;
pub mod paper;

/// The fields of the form, as received.
#[derive(Default)]
struct Received {
    lang: String,
    region: String,
    form: PetitionForm,
    files: Vec<(AttachmentPurpose, String, Vec<u8>)>,
    /// The draft being edited, if any.
    petition: Option<i32>,
    /// Files of that draft to remove.
    removed: Vec<i32>,
}

/// Files the petition (or sends the edited draft to moderation again), or sends the form back with its errors and what was typed.
pub async fn file_or_resubmit_petition(
    State(state): State<AppState>,
    session: Session,
    user: Option<axum::Extension<CurrentUser>>,
    multipart: Multipart,
) -> Response {
    let received = match read(multipart).await {
        Ok(received) => received,
        Err(err) => {
            tracing::warn!(%err, "unreadable petition form");
            // 413 when the body went over the limit, else 400: the web edge makes it a page.
            return (err.status(), "bad form").into_response();
        }
    };
    let lang = Lang::parse(&received.lang).unwrap_or_default();
    let region = domain::types::RegionSlug::path_segment(&received.region);
    let Some(user) = id_of(user) else {
        return crate::forms::to_sign_in(lang);
    };
    let form_page = match received.petition {
        Some(id) => frontend::paths::petition(lang.code(), &region, id, "edit"),
        None => frontend::paths::region(lang.code(), &region, "petitions/new"),
    };
    let mut flash = Flash {
        values: received.form.values(),
        ..Flash::of("file_petition")
    };
    let mut errors = Vec::new();
    let petition = NewPetition::parse(&received.form, state.ctx.clock.now().date_naive())
        .map_err(|e| errors.extend(e))
        .ok();
    let mut attachments = Vec::new();
    for (purpose, name, data) in received.files {
        match NewAttachment::parse(purpose, &name, data) {
            Ok(file) => attachments.push(file),
            Err(err) => errors.push(err),
        }
    }
    let outcome = match (petition, RegionSlug::parse(&region)) {
        (Some(petition), Ok(slug)) if errors.is_empty() => match received.petition {
            Some(id) => {
                let id = PetitionId(id);
                let ctx = &state.ctx;
                resubmit_petition(ctx, user, id, petition, attachments, &received.removed)
                    .await
                    .map(|()| id)
            }
            None => file_petition(&state.ctx, user, &slug, petition, attachments).await,
        },
        (_, Err(err)) => Err(err),
        _ => Err(DomainError::Validation {
            field: "form",
            code: "form_has_errors",
        }),
    };
    match outcome {
        Ok(id) => {
            let notice = match received.petition {
                Some(_) => "petition_resubmitted_notice",
                None => "petition_filed_notice",
            };
            let done = Flash::outcome("representative", Ok(notice));
            let page = frontend::paths::petition(lang.code(), &region, id.0, "");
            back(&session, done, &page).await
        }
        Err(err) => {
            if !matches!(
                &err,
                DomainError::Validation {
                    code: "form_has_errors",
                    ..
                }
            ) {
                errors.push(err);
            }
            flash.add_errors(errors);
            back(&session, flash, &form_page).await
        }
    }
}

/// The filing form's fields.
async fn read(multipart: Multipart) -> Result<Received, axum::extract::multipart::MultipartError> {
    let parts = read_parts(multipart).await?;
    let mut received = Received::default();
    for (name, file_name, data) in parts.files {
        let purpose = match name.as_str() {
            "mandate" => AttachmentPurpose::Mandate,
            "attachments" => AttachmentPurpose::Attachment,
            _ => continue,
        };
        received.files.push((purpose, file_name, data));
    }
    for (name, text) in parts.texts {
        let form = &mut received.form;
        match name.as_str() {
            "lang" => received.lang = text,
            "petition" => received.petition = text.trim().parse().ok(),
            "remove_attachment" => received.removed.extend(text.trim().parse::<i32>().ok()),
            "region" => received.region = text,
            "kind" => form.kind = text,
            "petition_lang" => form.lang = text,
            "title" => form.title = text,
            "request" => form.request = text,
            "reasons" => form.reasons = text,
            "competence" => form.competence = text,
            "province" => form.province = text,
            "association_name" => form.association_name = text,
            "association_registered_on" => form.association_registered_on = text,
            "association_seat" => form.association_seat = text,
            "conditions_accepted" => form.conditions_accepted = true,
            _ => {}
        }
    }
    Ok(received)
}
