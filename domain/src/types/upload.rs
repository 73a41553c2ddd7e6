//! An uploaded file whose content is what it claims: a PDF, PNG or JPEG of at most 5 MB. The one
//! check of every upload (a petition's documents, the council's answer, a consultation's
//! documents), made on the bytes, never on the name or the declared type.

use sha2::{Digest, Sha256};

use crate::DomainError;

/// Largest upload, in bytes.
pub const MAX_UPLOAD_BYTES: usize = 5 * 1024 * 1024;
/// The file types accepted.
pub const UPLOAD_TYPES: [&str; 3] = ["application/pdf", "image/png", "image/jpeg"];

/// A checked upload.
#[derive(Clone, PartialEq, Eq)]
pub struct Upload {
    /// The name as sent, without folders or control characters (at most 120 characters).
    pub file_name: String,
    /// Read from the content.
    pub content_type: &'static str,
    /// SHA-256 of the content, hex.
    pub sha256: String,
    pub data: Vec<u8>,
}

impl std::fmt::Debug for Upload {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Upload")
            .field("file_name", &self.file_name)
            .field("content_type", &self.content_type)
            .field("bytes", &self.data.len())
            .finish()
    }
}

impl Upload {
    /// Checks `data` sent as `file_name` in the form field `field` (`file_empty`,
    /// `file_too_large`, `file_type_refused`).
    pub fn parse(field: &'static str, file_name: &str, data: Vec<u8>) -> Result<Self, DomainError> {
        let invalid = |code| DomainError::Validation { field, code };
        if data.is_empty() {
            return Err(invalid("file_empty"));
        }
        if data.len() > MAX_UPLOAD_BYTES {
            return Err(invalid("file_too_large"));
        }
        let content_type = infer::get(&data)
            .map(|kind| kind.mime_type())
            .and_then(|mime| UPLOAD_TYPES.into_iter().find(|t| *t == mime))
            .ok_or_else(|| invalid("file_type_refused"))?;
        let file_name: String = file_name
            .rsplit(['/', '\\'])
            .next()
            .unwrap_or_default()
            .chars()
            .filter(|c| !c.is_control())
            .take(120)
            .collect();
        let file_name = if file_name.trim().is_empty() {
            "document".to_owned()
        } else {
            file_name.trim().to_owned()
        };
        let sha256 = Sha256::digest(&data)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        Ok(Self {
            file_name,
            content_type,
            sha256,
            data,
        })
    }
}
