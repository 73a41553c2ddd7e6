//! An uploaded PDF, checked by its content: what consultations and guides attach.

use super::Upload;
use crate::DomainError;

/// A PDF of at most [`super::MAX_UPLOAD_BYTES`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pdf(pub Upload);

impl Pdf {
    /// Checks the file by its content (`file_empty`, `file_too_large`, `pdf_only` on the field
    /// `document`).
    pub fn parse(file_name: &str, data: Vec<u8>) -> Result<Self, DomainError> {
        let refused = |code| DomainError::Validation {
            field: "document",
            code,
        };
        let file = Upload::parse("document", file_name, data).map_err(|err| match err {
            DomainError::Validation {
                code: "file_type_refused",
                ..
            } => refused("pdf_only"),
            other => other,
        })?;
        if file.content_type != "application/pdf" {
            return Err(refused("pdf_only"));
        }
        Ok(Self(file))
    }
}
