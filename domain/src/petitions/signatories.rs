//! The list of a petition's signatories for the council's formal file: name, CIN, province and
//! date. Only council officers of the petition's region see it (nobody else ever sees a CIN),
//! and every export is audit-logged.

use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};

use super::{PetitionId, load};
use crate::audit::{self, AuditEvent};
use crate::entities::{province, signature};
use crate::regions::views::LocalisedName;
use crate::roles::Actor;
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
}

/// The format of an export (recorded in the audit log).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    Csv,
    Printable,
}

/// The signatories of petition `id`, oldest first. Council officers of its region only;
/// audit-logged with the format and the number of lines.
pub async fn export_signatories(
    ctx: &AppContext,
    by: &Actor,
    id: PetitionId,
    format: ExportFormat,
) -> Result<Vec<Signatory>, DomainError> {
    let p = load(&ctx.db, id).await?;
    if !by.is_officer_of(p.region_id) {
        return Err(DomainError::Forbidden);
    }
    if p.signatories_erased_at.is_some() {
        return Err(DomainError::Conflict("signatories_erased"));
    }
    let provinces: std::collections::HashMap<i32, LocalisedName> = province::Entity::find()
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
    let rows = signature::Entity::find()
        .filter(signature::Column::PetitionId.eq(p.id))
        .order_by_asc(signature::Column::Id)
        .all(&ctx.db)
        .await?;
    let mut list = Vec::with_capacity(rows.len());
    for row in rows {
        list.push(Signatory {
            cin: ctx.keys.open(&row.cin_sealed)?,
            province: provinces.get(&row.province_id).cloned().unwrap_or_default(),
            full_name: row.full_name,
            basis: row.basis,
            signed_at: row.created_at,
        });
    }
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
                "lines": list.len(),
            }),
        },
    )
    .await?;
    Ok(list)
}

/// The list as CSV (UTF-8 with a byte order mark, so that spreadsheets read Arabic right), with
/// province names in French and Arabic.
pub fn signatories_csv(list: &[Signatory]) -> Result<Vec<u8>, DomainError> {
    let mut writer = csv::Writer::from_writer(vec![0xEF, 0xBB, 0xBF]);
    let fail = |e: csv::Error| DomainError::Internal(format!("csv: {e}"));
    writer
        .write_record([
            "full_name",
            "cin",
            "province_fr",
            "province_ar",
            "basis",
            "signed_at",
        ])
        .map_err(fail)?;
    for s in list {
        writer
            .write_record([
                s.full_name.as_str(),
                s.cin.as_str(),
                s.province.fr.as_str(),
                s.province.ar.as_str(),
                s.basis.as_str(),
                &s.signed_at.format("%Y-%m-%d %H:%M:%S").to_string(),
            ])
            .map_err(fail)?;
    }
    writer
        .into_inner()
        .map_err(|e| DomainError::Internal(format!("csv: {e}")))
}
