//! A guide's documents: PDFs (checked by content, 5 MB at most, 10 a guide) that its writers
//! attach to the practice it tells — the call for projects, the report, the charter — so that
//! another council can take the tool whole. Kept with the guide across its versions, copied with
//! it when a region adopts it, seen by whoever may read the guide.

use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, QuerySelect, Set,
};

use super::editing::{Detail, ensure_writer, log};
use super::may_write;
use crate::entities::{guide, guide_document};
use crate::roles::Actor;
use crate::types::{GuideId, Pdf};
use crate::{AppContext, DomainError};

/// Documents a guide may carry in all.
pub const MAX_GUIDE_DOCUMENTS: u64 = 10;

/// A document in a guide's list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GuideDocument {
    pub id: i32,
    pub file_name: String,
    pub size_bytes: i32,
}

/// A document's file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GuideDocumentFile {
    pub file_name: String,
    pub content_type: String,
    pub data: Vec<u8>,
}

/// Guide `id` once `by` is known to write it (refusals logged).
async fn written_by(
    ctx: &AppContext,
    by: &Actor,
    id: GuideId,
    operation: &'static str,
) -> Result<guide::Model, DomainError> {
    let found = guide::Entity::find_by_id(id.0)
        .one(&ctx.db)
        .await?
        .ok_or(DomainError::NotFound)?;
    let target = serde_json::json!({ "guide": id.0 });
    ensure_writer(ctx, by, found.region_id, operation, target).await?;
    Ok(found)
}

/// Attaches `document` to guide `id`: its writers only (a regional guide's council officers, a
/// national one's platform admins); ten at most; audit-logged.
pub async fn add_guide_document(
    ctx: &AppContext,
    by: &Actor,
    id: GuideId,
    document: Pdf,
) -> Result<i32, DomainError> {
    let found = written_by(ctx, by, id, "add_guide_document").await?;
    let count = guide_document::Entity::find()
        .filter(guide_document::Column::GuideId.eq(id.0))
        .count(&ctx.db)
        .await?;
    if count >= MAX_GUIDE_DOCUMENTS {
        return Err(DomainError::Validation {
            field: "document",
            code: "too_many_files",
        });
    }
    let file = document.0;
    let txn = crate::db::begin_write(&ctx.db).await?;
    let stored = guide_document::ActiveModel {
        guide_id: Set(id.0),
        file_name: Set(file.file_name.clone()),
        content_type: Set(file.content_type.to_owned()),
        size_bytes: Set(i32::try_from(file.data.len()).unwrap_or(i32::MAX)),
        sha256: Set(file.sha256),
        data: Set(file.data),
        created_at: Set(ctx.clock.now()),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let name = Detail::File(&file.file_name);
    log(ctx, &txn, by, "guide_document_added", &found, name).await?;
    txn.commit().await?;
    Ok(stored.id)
}

/// Removes document `document` of guide `id`: its writers only; audit-logged.
pub async fn remove_guide_document(
    ctx: &AppContext,
    by: &Actor,
    id: GuideId,
    document: i32,
) -> Result<(), DomainError> {
    let found = written_by(ctx, by, id, "remove_guide_document").await?;
    let file = guide_document::Entity::find_by_id(document)
        .filter(guide_document::Column::GuideId.eq(id.0))
        .one(&ctx.db)
        .await?
        .ok_or(DomainError::NotFound)?;
    let txn = crate::db::begin_write(&ctx.db).await?;
    guide_document::Entity::delete_by_id(file.id)
        .exec(&txn)
        .await?;
    let name = Detail::File(&file.file_name);
    log(ctx, &txn, by, "guide_document_removed", &found, name).await?;
    txn.commit().await?;
    Ok(())
}

/// The documents of guide `id`, oldest first, without their content. The caller has read the
/// guide for the viewer (who may therefore see it).
pub async fn list_guide_documents(
    ctx: &AppContext,
    id: GuideId,
) -> Result<Vec<GuideDocument>, DomainError> {
    let rows: Vec<(i32, String, i32)> = guide_document::Entity::find()
        .filter(guide_document::Column::GuideId.eq(id.0))
        .order_by_asc(guide_document::Column::Id)
        .select_only()
        .columns([
            guide_document::Column::Id,
            guide_document::Column::FileName,
            guide_document::Column::SizeBytes,
        ])
        .into_tuple()
        .all(&ctx.db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|(id, file_name, size_bytes)| GuideDocument {
            id,
            file_name,
            size_bytes,
        })
        .collect())
}

/// Document `document` of guide `id`, when `viewer` may read the guide: published, or written
/// by them (`NotFound` otherwise, as for a guide that does not exist).
pub async fn get_guide_document(
    ctx: &AppContext,
    viewer: Option<&Actor>,
    id: GuideId,
    document: i32,
) -> Result<GuideDocumentFile, DomainError> {
    let found = guide::Entity::find_by_id(id.0)
        .one(&ctx.db)
        .await?
        .ok_or(DomainError::NotFound)?;
    let writer = viewer.is_some_and(|v| may_write(v, found.region_id));
    if found.published_version.is_none() && !writer {
        return Err(DomainError::NotFound);
    }
    let file = guide_document::Entity::find_by_id(document)
        .filter(guide_document::Column::GuideId.eq(id.0))
        .one(&ctx.db)
        .await?
        .ok_or(DomainError::NotFound)?;
    Ok(GuideDocumentFile {
        file_name: file.file_name,
        content_type: file.content_type,
        data: file.data,
    })
}

/// Copies the documents of guide `from` to its adoption `to` (in the adoption's transaction).
pub(super) async fn copy_documents<C: ConnectionTrait>(
    db: &C,
    from: i32,
    to: i32,
) -> Result<(), DomainError> {
    for file in guide_document::Entity::find()
        .filter(guide_document::Column::GuideId.eq(from))
        .order_by_asc(guide_document::Column::Id)
        .all(db)
        .await?
    {
        guide_document::ActiveModel {
            guide_id: Set(to),
            file_name: Set(file.file_name),
            content_type: Set(file.content_type),
            size_bytes: Set(file.size_bytes),
            sha256: Set(file.sha256),
            data: Set(file.data),
            created_at: Set(file.created_at),
            ..Default::default()
        }
        .insert(db)
        .await?;
    }
    Ok(())
}
