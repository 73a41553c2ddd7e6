//! A consultation's documents: PDFs (checked by content, at most 5 MB) that its council officers
//! attach to the consultation (while it is a draft or before it closes) or to their synthesis
//! (once the results are out). Seen by whoever may see the consultation.

use sea_orm::{
    ActiveModelTrait, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, Set,
};

use super::builder::{officers_consultation, record, status_of};
use super::lifecycle::ConsultationStatus;
use crate::entities::consultation_document;
use crate::roles::Actor;
use crate::types::ConsultationId;
use crate::{AppContext, DomainError};

/// Documents a consultation may carry in all.
pub const MAX_DOCUMENTS: u64 = 10;

/// What a document belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocumentPurpose {
    /// The consultation's own (a draft plan, a study).
    Consultation,
    /// The council's synthesis.
    Synthesis,
}

impl DocumentPurpose {
    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Consultation => "document",
            Self::Synthesis => "synthesis",
        }
    }

    /// Parses the stored name.
    pub fn parse(name: &str) -> Option<Self> {
        match name {
            "document" => Some(Self::Consultation),
            "synthesis" => Some(Self::Synthesis),
            _ => None,
        }
    }
}

/// An uploaded PDF, checked (see [`Pdf`]).
pub type NewDocument = crate::types::Pdf;

/// A document in a list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentView {
    pub id: i32,
    pub purpose: DocumentPurpose,
    pub file_name: String,
    pub size_bytes: i32,
}

/// A document's file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentFile {
    pub file_name: String,
    pub content_type: String,
    pub data: Vec<u8>,
}

/// Attaches `document` to consultation `id` for `purpose`. Council officers of its region
/// only: a consultation's document before it closes, a synthesis document once the results are
/// out; audit-logged.
pub async fn add_document(
    ctx: &AppContext,
    by: &Actor,
    id: ConsultationId,
    purpose: DocumentPurpose,
    document: NewDocument,
) -> Result<i32, DomainError> {
    let found = officers_consultation(ctx, by, id).await?;
    let status = status_of(&found, ctx.clock.now())?;
    let allowed = match purpose {
        DocumentPurpose::Consultation => matches!(
            status,
            ConsultationStatus::Draft | ConsultationStatus::Scheduled | ConsultationStatus::Open
        ),
        DocumentPurpose::Synthesis => matches!(
            status,
            ConsultationStatus::ResultsPublished | ConsultationStatus::SynthesisPublished
        ),
    };
    if !allowed {
        return Err(DomainError::Conflict("step_not_allowed"));
    }
    let count = consultation_document::Entity::find()
        .filter(consultation_document::Column::ConsultationId.eq(id.0))
        .count(&ctx.db)
        .await?;
    if count >= MAX_DOCUMENTS {
        return Err(DomainError::Validation {
            field: "document",
            code: "too_many_files",
        });
    }
    let file = document.0;
    let txn = crate::db::begin_write(&ctx.db).await?;
    let stored = consultation_document::ActiveModel {
        consultation_id: Set(id.0),
        purpose: Set(purpose.as_str().to_owned()),
        file_name: Set(file.file_name),
        content_type: Set(file.content_type.to_owned()),
        size_bytes: Set(i32::try_from(file.data.len()).unwrap_or(i32::MAX)),
        sha256: Set(file.sha256),
        data: Set(file.data),
        created_at: Set(ctx.clock.now()),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    record(ctx, &txn, by, &found, "consultation_document_added").await?;
    txn.commit().await?;
    Ok(stored.id)
}

/// The documents of consultation `id`, oldest first (without their content). The caller has
/// checked that the viewer may see the consultation.
pub async fn list_documents(
    ctx: &AppContext,
    id: ConsultationId,
) -> Result<Vec<DocumentView>, DomainError> {
    use sea_orm::QuerySelect;
    let rows: Vec<(i32, String, String, i32)> = consultation_document::Entity::find()
        .filter(consultation_document::Column::ConsultationId.eq(id.0))
        .order_by_asc(consultation_document::Column::Id)
        .select_only()
        .columns([
            consultation_document::Column::Id,
            consultation_document::Column::Purpose,
            consultation_document::Column::FileName,
            consultation_document::Column::SizeBytes,
        ])
        .into_tuple()
        .all(&ctx.db)
        .await?;
    Ok(rows
        .into_iter()
        .filter_map(|(id, purpose, file_name, size_bytes)| {
            Some(DocumentView {
                id,
                purpose: DocumentPurpose::parse(&purpose)?,
                file_name,
                size_bytes,
            })
        })
        .collect())
}

/// Document `document` of consultation `id`, if `viewer` may see the consultation (a synthesis
/// document once the synthesis is published, except to the region's officers).
pub async fn get_document(
    ctx: &AppContext,
    viewer: Option<&Actor>,
    id: ConsultationId,
    document: i32,
) -> Result<DocumentFile, DomainError> {
    let view =
        super::views::get_consultation(ctx, viewer, id, crate::types::Lang::default()).await?;
    let file = consultation_document::Entity::find_by_id(document)
        .filter(consultation_document::Column::ConsultationId.eq(id.0))
        .one(&ctx.db)
        .await?
        .ok_or(DomainError::NotFound)?;
    let officer = viewer.is_some_and(|v| v.is_officer_of(view.region_id));
    if file.purpose == DocumentPurpose::Synthesis.as_str() && view.synthesis.is_none() && !officer {
        return Err(DomainError::NotFound);
    }
    Ok(DocumentFile {
        file_name: file.file_name,
        content_type: file.content_type,
        data: file.data,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_pdfs_are_taken() {
        let pdf = b"%PDF-1.4\n1 0 obj <</Type /Catalog>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n";
        let ok = NewDocument::parse("plan.pdf", pdf.to_vec());
        assert!(ok.is_ok(), "{ok:?}");
        let png = [
            0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D,
        ];
        let code = |r: Result<NewDocument, DomainError>| r.err().map(|e| e.code());
        assert_eq!(
            code(NewDocument::parse("plan.pdf", png.to_vec())),
            Some("pdf_only")
        );
        assert_eq!(
            code(NewDocument::parse("plan.pdf", Vec::new())),
            Some("file_empty")
        );
        assert_eq!(
            code(NewDocument::parse(
                "fake.pdf",
                b"<script>alert(1)</script>".to_vec()
            )),
            Some("pdf_only")
        );
    }
}
