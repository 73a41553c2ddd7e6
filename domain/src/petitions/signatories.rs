//! The list of a petition's signatories for the council's formal file: name, CIN, province and
//! date (signatures marked invalid by the fraud review left out), and for a signature on paper the reference of its batch. Only council officers of the petition's region see it (nobody else ever sees a CIN),
//! and every export is audit-logged.

use chrono::{DateTime, Utc};
use std::collections::HashMap;

use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect};

use super::load;
use crate::audit::{self, AuditEvent};
use crate::entities::{province, signature};
use crate::regions::views::LocalisedName;
use crate::roles::Actor;
use crate::spreadsheet::CsvWriter;
use crate::types::PetitionId;
use crate::{AppContext, DomainError};

/// One signatory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signatory {
    pub full_name: String,
    pub cin: String,
    pub province: LocalisedName,
    /// `residence` or `activity`.
    pub basis: String,
    pub signed_at: DateTime<Utc>,
    /// The reference of the paper batch it was entered from (a signature on paper).
    pub paper: Option<String>,
}

/// The format of an export (recorded in the audit log).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    Csv,
    Printable,
}

/// Signatures read per chunk of an export.
pub const CHUNK: u64 = 2_000;

/// An export under way: the signatories of one petition, oldest first, a chunk at a time (so that
/// a petition with a million signatures is exported in constant memory).
pub struct SignatoryExport {
    ctx: AppContext,
    petition: i32,
    provinces: HashMap<i32, LocalisedName>,
    /// The references of the petition's paper batches.
    batches: HashMap<i32, String>,
    after: i32,
    done: bool,
    total: u64,
}

impl SignatoryExport {
    /// The export continued after signature `id` (a later page of the printable list).
    pub fn after(mut self, id: i32) -> Self {
        self.after = id;
        self
    }

    /// The id of the last signature read: a later page starts after it.
    pub fn cursor(&self) -> i32 {
        self.after
    }

    /// Whether the last chunk read was the end of the list.
    pub fn is_done(&self) -> bool {
        self.done
    }

    /// How many signatures come before the next one to be read (to number a later page).
    pub async fn read_so_far(&self) -> Result<u64, DomainError> {
        Ok(signature::Entity::find()
            .filter(signature::Column::PetitionId.eq(self.petition))
            .filter(signature::Column::InvalidationId.is_null())
            .filter(signature::Column::Id.lte(self.after))
            .count(&self.ctx.db)
            .await?)
    }

    /// The number of signatures in all.
    pub fn total(&self) -> u64 {
        self.total
    }

    /// The next signatories, or `None` at the end.
    pub async fn next_chunk(&mut self) -> Result<Option<Vec<Signatory>>, DomainError> {
        if self.done {
            return Ok(None);
        }
        let rows = signature::Entity::find()
            .filter(signature::Column::PetitionId.eq(self.petition))
            .filter(signature::Column::InvalidationId.is_null())
            .filter(signature::Column::Id.gt(self.after))
            .order_by_asc(signature::Column::Id)
            .limit(CHUNK)
            .all(&self.ctx.db)
            .await?;
        self.done = rows.len() < usize::try_from(CHUNK).unwrap_or(usize::MAX);
        let Some(last) = rows.last() else {
            return Ok(None);
        };
        self.after = last.id;
        let mut chunk = Vec::with_capacity(rows.len());
        for row in rows {
            chunk.push(Signatory {
                cin: self.ctx.keys.open(&row.cin_sealed)?,
                province: self
                    .provinces
                    .get(&row.province_id)
                    .cloned()
                    .unwrap_or_default(),
                full_name: row.full_name,
                basis: row.basis,
                signed_at: row.created_at,
                paper: row
                    .paper_batch_id
                    .map(|b| self.batches.get(&b).cloned().unwrap_or_default()),
            });
        }
        Ok(Some(chunk))
    }

    /// Every remaining signatory at once (the printable page, tests).
    pub async fn all(mut self) -> Result<Vec<Signatory>, DomainError> {
        let mut list = Vec::new();
        while let Some(chunk) = self.next_chunk().await? {
            list.extend(chunk);
        }
        Ok(list)
    }
}

/// Starts exporting the signatories of petition `id`. Council officers of its region only, and
/// only once the petition was deposited (`Conflict("petition_not_deposited")` before: the
/// council being petitioned does not learn who signs while signatures are collected, Law 09-08);
/// audit-logged with the format and the number of signatures; `Conflict("signatories_erased")`
/// once the retention period erased them.
pub async fn export_signatories(
    ctx: &AppContext,
    by: &Actor,
    id: PetitionId,
    format: ExportFormat,
) -> Result<SignatoryExport, DomainError> {
    let p = load(&ctx.db, id).await?;
    if !by.is_officer_of(p.region_id) {
        let target = serde_json::json!({ "petition": p.id });
        return Err(audit::denied(
            ctx,
            by.user.0,
            "export_signatories",
            Some(p.region_id),
            target,
        )
        .await);
    }
    let (_, status) = super::state(&p)?;
    if !status.was_deposited() {
        return Err(DomainError::Conflict("petition_not_deposited"));
    }
    if p.signatories_erased_at.is_some() {
        return Err(DomainError::Conflict("signatories_erased"));
    }
    let provinces = province::Entity::find()
        .filter(province::Column::RegionId.eq(p.region_id))
        .all(&ctx.db)
        .await?
        .into_iter()
        .map(|p| {
            (
                p.id,
                LocalisedName {
                    ar: p.name_ar,
                    zgh: p.name_zgh,
                    fr: p.name_fr,
                    en: p.name_en,
                },
            )
        })
        .collect();
    let batches = crate::entities::paper_batch::Entity::find()
        .filter(crate::entities::paper_batch::Column::PetitionId.eq(p.id))
        .all(&ctx.db)
        .await?
        .into_iter()
        .map(|b| (b.id, b.reference))
        .collect();
    let lines = signature::Entity::find()
        .filter(signature::Column::PetitionId.eq(p.id))
        .filter(signature::Column::InvalidationId.is_null())
        .count(&ctx.db)
        .await?;
    audit::record(
        ctx,
        &ctx.db,
        AuditEvent {
            actor_user_id: Some(by.user.0),
            action: "signatories_exported",
            subject_user_id: None,
            region_id: Some(p.region_id),
            detail: serde_json::json!({
                "petition": p.id,
                "format": match format { ExportFormat::Csv => "csv", ExportFormat::Printable => "printable" },
                "lines": lines,
            }),
        },
    )
    .await?;
    Ok(SignatoryExport {
        ctx: ctx.clone(),
        petition: p.id,
        provinces,
        batches,
        after: 0,
        done: false,
        total: lines,
    })
}

/// The first line of the CSV: a byte order mark (so that spreadsheets read Arabic right) and
/// the column names.
pub fn signatories_csv_header() -> Vec<u8> {
    let mut header = crate::spreadsheet::BOM.to_vec();
    header
        .extend_from_slice(b"full_name,cin,province_fr,province_ar,basis,signed_at,paper_batch\n");
    header
}

/// Signatories as CSV lines, with province names in French and Arabic.
pub fn signatories_csv_lines(list: &[Signatory]) -> Result<Vec<u8>, DomainError> {
    let mut writer = CsvWriter::new();
    for s in list {
        writer.line([
            s.full_name.as_str(),
            s.cin.as_str(),
            s.province.fr.as_str(),
            s.province.ar.as_str(),
            s.basis.as_str(),
            &s.signed_at.format("%Y-%m-%d %H:%M:%S").to_string(),
            s.paper.as_deref().unwrap_or_default(),
        ])?;
    }
    writer.finish()
}

/// The whole list as CSV: [`signatories_csv_header`] then [`signatories_csv_lines`].
pub fn signatories_csv(list: &[Signatory]) -> Result<Vec<u8>, DomainError> {
    let mut csv = signatories_csv_header();
    csv.extend(signatories_csv_lines(list)?);
    Ok(csv)
}
