//! The kit of the server's own form handlers (the forms a server function cannot take:
//! multipart uploads, questionnaires with repeated fields): reading a multipart form, and going
//! back to a page with the outcome kept in the session.

use axum::extract::Multipart;
use axum::response::{IntoResponse, Redirect, Response};
use domain::types::Lang;
use frontend::web::flash::Flash;
use frontend::web::request::FLASH;
use tower_sessions::Session;

/// To `to` (303: the browser then GETs it), once `flash` is kept for that page.
pub async fn back(session: &Session, flash: Flash, to: &str) -> Response {
    match session.insert(FLASH, flash).await {
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
pub struct Parts {
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

    /// The PDF sent as file field `field` (refused when missing or not a PDF).
    pub fn pdf(self, field: &'static str) -> Result<domain::types::Pdf, domain::DomainError> {
        match self.files.into_iter().find(|(name, _, _)| name == field) {
            Some((_, name, data)) => domain::types::Pdf::parse(&name, data),
            None => Err(domain::DomainError::Validation {
                field,
                code: "file_empty",
            }),
        }
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

/// To the sign-in page: the form needs a signed-in person.
pub fn to_sign_in(lang: Lang) -> Response {
    Redirect::to(&frontend::paths::account(lang.code(), "sign-in")).into_response()
}

/// Reads the multipart form `form`; one that cannot be read is answered 413 (over the limit) or
/// 400, which the web edge makes a page in the visitor's language.
pub async fn read_form(multipart: Multipart, form: &'static str) -> Result<Parts, Response> {
    read_parts(multipart).await.map_err(|err| {
        tracing::warn!(%err, form, "unreadable form");
        (err.status(), "bad form").into_response()
    })
}

/// Reads every part of `multipart`.
pub async fn read_parts(
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
