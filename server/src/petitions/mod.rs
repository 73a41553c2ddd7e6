//! `POST /petitions/file`: the filing form, a multipart form (it carries documents), handled
//! here rather than by a server function. It also sends an edited draft back to moderation (the
//! form then names the `petition`). Thin: read the fields, parse, call
//! `domain::petitions::file_petition` or `resubmit_petition`, redirect with the outcome.

use axum::extract::{Multipart, State};
use axum::response::{IntoResponse, Redirect, Response};
use domain::DomainError;
use domain::petitions::editing::resubmit_petition;
use domain::petitions::{
    AttachmentPurpose, NewAttachment, NewPetition, PetitionForm, PetitionId, file_petition,
};
use domain::types::{Lang, RegionSlug};
use frontend::accounts::api::server::{FLASH, signed_in_user};
use frontend::accounts::types::{FieldError, Flash};
use tower_sessions::Session;

use crate::AppState;

pub mod council;

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
    let user = match signed_in_user(&state.ctx, &session).await {
        Ok(Some(user)) => domain::accounts::UserId(user),
        Ok(None) => {
            return Redirect::to(&format!("/{}/account/sign-in", lang.code())).into_response();
        }
        Err(err) => {
            tracing::error!(%err, "reading the session failed");
            return axum::http::StatusCode::INTERNAL_SERVER_ERROR.into_response();
        }
    };
    let form_page = match received.petition {
        Some(id) => format!("/{}/r/{region}/petitions/{id}/edit", lang.code()),
        None => format!("/{}/r/{region}/petitions/new", lang.code()),
    };
    let mut flash = Flash {
        form: "file_petition".into(),
        values: received.form.values(),
        ..Flash::default()
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
            let done = Flash {
                form: "representative".into(),
                notice: Some(notice.into()),
                ..Flash::default()
            };
            let page = format!("/{}/r/{region}/petitions/{}", lang.code(), id.0);
            respond(session.insert(FLASH, done).await, &page)
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
            for err in errors {
                let field = match &err {
                    DomainError::Validation { field, .. } => (*field).to_owned(),
                    DomainError::Internal(detail) => {
                        tracing::error!(%detail, "filing a petition failed");
                        "form".to_owned()
                    }
                    _ => "form".to_owned(),
                };
                flash.errors.push(FieldError {
                    field,
                    code: err.code().to_owned(),
                });
            }
            respond(session.insert(FLASH, flash).await, &form_page)
        }
    }
}

/// To `to` (303: the browser then GETs it), once the outcome is kept for that page.
pub(crate) fn respond(result: Result<(), tower_sessions::session::Error>, to: &str) -> Response {
    match result {
        Ok(()) => Redirect::to(to).into_response(),
        Err(err) => {
            tracing::error!(%err, "keeping the form's outcome failed");
            axum::http::StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}

/// The parts of a multipart form: text fields, and files (field, file name, content; a file input
/// left empty sends nothing here).
#[derive(Default)]
pub(crate) struct Parts {
    pub texts: Vec<(String, String)>,
    pub files: Vec<(String, String, Vec<u8>)>,
}

impl Parts {
    /// The page language, region slug and item id that a form names (`lang`, `region`, `id`).
    pub fn target(&self) -> (Lang, String, i32) {
        let lang = Lang::parse(&self.text("lang")).unwrap_or_default();
        let region = domain::types::RegionSlug::path_segment(&self.text("region"));
        let id = self.text("id").trim().parse::<i32>().unwrap_or_default();
        (lang, region, id)
    }

    /// The text of field `name` (empty when absent).
    pub fn text(&self, name: &str) -> String {
        self.texts
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    }
}

/// Reads every part of `multipart`.
pub(crate) async fn read_parts(
    mut multipart: Multipart,
) -> Result<Parts, axum::extract::multipart::MultipartError> {
    let mut parts = Parts::default();
    while let Some(field) = multipart.next_field().await? {
        let name = field.name().unwrap_or_default().to_owned();
        match field.file_name().map(str::to_owned) {
            Some(file_name) => {
                let data = field.bytes().await?.to_vec();
                // A file input left empty still sends a part, without a name or content.
                if !file_name.is_empty() || !data.is_empty() {
                    parts.files.push((name, file_name, data));
                }
            }
            None => {
                let text = field.text().await?;
                parts.texts.push((name, text));
            }
        }
    }
    Ok(parts)
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
