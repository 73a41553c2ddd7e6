//! A batch's life: previewed (its accepted rows kept aside, its refused rows listed), then
//! recorded or discarded; a recorded batch voided whole before deposit. The region's council
//! officers only, each step but the preview audit-logged.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set,
};
use serde::{Deserialize, Serialize};

use super::sheet::{BatchHeader, MAX_ROWS, PaperRow, basis_of, fold};
use crate::audit::{self, AuditEvent};
use crate::entities::{paper_batch, paper_batch_row, petition, province, signature};
use crate::petitions::lifecycle::PetitionKind;
use crate::petitions::signing::{SignatureForm, Signer};
use crate::petitions::{counts, load, state};
use crate::roles::Actor;
use crate::types::PetitionId;
use crate::{AppContext, DomainError};

/// Rows written per statement.
const CHUNK: usize = 1000;
/// Longest reason for voiding a batch.
const MAX_VOID_REASON_CHARS: usize = 500;

/// Where a batch stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BatchStatus {
    /// Previewed, waiting for the officer to record (or discard) it.
    Pending,
    Recorded,
    Voided,
}

impl BatchStatus {
    pub(super) fn as_str(self) -> &'static str {
        match self {
            Self::Pending => "pending",
            Self::Recorded => "recorded",
            Self::Voided => "voided",
        }
    }

    pub(super) fn parse(name: &str) -> Self {
        match name {
            "pending" => Self::Pending,
            "recorded" => Self::Recorded,
            _ => Self::Voided,
        }
    }
}

/// A row of the sheet that was not (or could not be) recorded, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RefusedRow {
    /// Its number in the sheet.
    pub row: i32,
    /// A field's error code, or `duplicate_in_sheet`, `signed_online`, `on_paper`,
    /// `signed_meanwhile`, `province_not_in_region`.
    pub code: String,
    /// The row it repeats (`duplicate_in_sheet`) or the reference of the batch that holds the
    /// CIN (`on_paper`).
    #[serde(default)]
    pub other: Option<String>,
}

impl RefusedRow {
    fn new(row: i32, code: &str, other: Option<String>) -> Self {
        Self {
            row,
            code: code.to_owned(),
            other,
        }
    }
}

/// A batch as its officers see it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PaperBatchView {
    pub id: i32,
    pub petition_id: PetitionId,
    pub reference: String,
    pub collected_on: NaiveDate,
    pub status: BatchStatus,
    /// Signatures recorded (pending: rows ready to be recorded).
    pub accepted: i32,
    pub refused: Vec<RefusedRow>,
    /// Pending: the rows ready per province id, in the region's order.
    pub by_province: Vec<(i32, i64)>,
    /// The officer who entered it (their display name), while the account exists.
    pub entered_by: Option<String>,
    pub created_at: DateTime<Utc>,
    pub voided_at: Option<DateTime<Utc>>,
    pub void_reason: Option<String>,
}

/// The petition `id`, if `by` is a council officer of its region (`Forbidden`, audit-logged,
/// otherwise).
pub(super) async fn officer_petition(
    ctx: &AppContext,
    by: &Actor,
    id: PetitionId,
    action: &'static str,
) -> Result<petition::Model, DomainError> {
    let p = load(&ctx.db, id).await?;
    if !by.is_officer_of(p.region_id) {
        let target = serde_json::json!({ "petition": p.id });
        return Err(audit::denied(ctx, by.user.0, action, Some(p.region_id), target).await);
    }
    Ok(p)
}

/// `Conflict` unless citizen petition `p` takes signatures (before its deposit, not hidden).
fn ensure_collecting(p: &petition::Model) -> Result<(), DomainError> {
    let (kind, status) = state(p)?;
    if kind != PetitionKind::Citizen || !status.is_signable() {
        return Err(DomainError::Conflict("not_collecting"));
    }
    if p.hidden_at.is_some() {
        return Err(DomainError::Conflict("petition_hidden"));
    }
    Ok(())
}

/// The batch `id` and its petition, if `by` is a council officer of its region.
pub(super) async fn officer_batch(
    ctx: &AppContext,
    by: &Actor,
    id: i32,
    action: &'static str,
) -> Result<(paper_batch::Model, petition::Model), DomainError> {
    let batch = paper_batch::Entity::find_by_id(id)
        .one(&ctx.db)
        .await?
        .ok_or(DomainError::NotFound)?;
    let p = officer_petition(ctx, by, PetitionId(batch.petition_id), action).await?;
    Ok((batch, p))
}

/// The rows of `rows` that can be recorded on petition `p` (with the CIN sealed) and those
/// refused, each with its reason.
async fn check_rows(
    ctx: &AppContext,
    p: &petition::Model,
    rows: Vec<PaperRow>,
) -> Result<(Vec<paper_batch_row::ActiveModel>, Vec<RefusedRow>), DomainError> {
    let provinces = province::Entity::find()
        .filter(province::Column::RegionId.eq(p.region_id))
        .all(&ctx.db)
        .await?;
    let find_province = |typed: &str| {
        let typed = fold(typed);
        provinces.iter().find(|pr| {
            [
                &pr.code,
                &pr.name_ar,
                &pr.name_fr,
                &pr.name_en,
                &pr.name_zgh,
            ]
            .iter()
            .any(|name| fold(name) == typed)
        })
    };
    let mut refused = Vec::new();
    let mut ready = Vec::with_capacity(rows.len());
    let mut seen: HashMap<String, i32> = HashMap::new();
    for row in rows {
        let mut errors = Vec::new();
        let form = SignatureForm {
            full_name: row.full_name.clone(),
            cin: row.cin.clone(),
            province: row.province.clone(),
            basis: basis_of(&row.basis)
                .map(|b| b.as_str().to_owned())
                .unwrap_or_default(),
            // The sheet carries the declarations, which the officer confirms for the batch.
            electoral_roll: true,
            consent: true,
            ..SignatureForm::default()
        };
        let signer = Signer::parse_fields(&form, &mut errors);
        let code = errors.first().map(|err| match err {
            DomainError::Validation { code, .. } => *code,
            _ => "row_invalid",
        });
        let (Some(signer), None) = (signer, code) else {
            refused.push(RefusedRow::new(
                row.row_no,
                code.unwrap_or("row_invalid"),
                None,
            ));
            continue;
        };
        let Some(province) = find_province(&row.province) else {
            refused.push(RefusedRow::new(row.row_no, "province_not_in_region", None));
            continue;
        };
        let cin_hash = ctx.keys.cin_hash(&signer.cin);
        if let Some(first) = seen.get(&cin_hash) {
            let other = Some(first.to_string());
            refused.push(RefusedRow::new(row.row_no, "duplicate_in_sheet", other));
            continue;
        }
        seen.insert(cin_hash.clone(), row.row_no);
        ready.push(paper_batch_row::ActiveModel {
            row_no: Set(row.row_no),
            full_name: Set(signer.full_name),
            cin_hash: Set(cin_hash),
            cin_sealed: Set(ctx.keys.seal(signer.cin.expose())?),
            province_id: Set(province.id),
            basis: Set(signer.basis.as_str().to_owned()),
            ..Default::default()
        });
    }
    // The CINs that signed already, online or on another sheet.
    let hashes: Vec<String> = ready
        .iter()
        .filter_map(|r| r.cin_hash.try_as_ref().cloned())
        .collect();
    let mut signed: HashMap<String, Option<i32>> = HashMap::new();
    for chunk in hashes.chunks(CHUNK) {
        let found: Vec<(String, Option<i32>)> = signature::Entity::find()
            .select_only()
            .columns([signature::Column::CinHash, signature::Column::PaperBatchId])
            .filter(signature::Column::PetitionId.eq(p.id))
            .filter(signature::Column::CinHash.is_in(chunk.iter().cloned()))
            .into_tuple()
            .all(&ctx.db)
            .await?;
        signed.extend(found);
    }
    let batch_ids: Vec<i32> = signed.values().flatten().copied().collect();
    let references: HashMap<i32, String> = paper_batch::Entity::find()
        .filter(paper_batch::Column::Id.is_in(batch_ids))
        .all(&ctx.db)
        .await?
        .into_iter()
        .map(|b| (b.id, b.reference))
        .collect();
    ready.retain(|row| {
        let (Some(hash), Some(row_no)) = (row.cin_hash.try_as_ref(), row.row_no.try_as_ref())
        else {
            return false;
        };
        match signed.get(hash) {
            None => true,
            Some(None) => {
                refused.push(RefusedRow::new(*row_no, "signed_online", None));
                false
            }
            Some(Some(batch)) => {
                let other = references.get(batch).cloned();
                refused.push(RefusedRow::new(*row_no, "on_paper", other));
                false
            }
        }
    });
    refused.sort_by_key(|r| r.row);
    Ok((ready, refused))
}

/// An officer of the region previews batch `header` of `rows` for citizen petition `id` (which
/// takes signatures; sheets collected between its publication and today, within its collection
/// period): every row is checked, the acceptable ones are kept aside and the others listed. Gives
/// the pending batch's id. A pending batch of the same reference is replaced; one recorded is
/// `Conflict("batch_reference_taken")`.
pub async fn preview_paper_batch(
    ctx: &AppContext,
    by: &Actor,
    id: PetitionId,
    header: BatchHeader,
    rows: Vec<PaperRow>,
) -> Result<i32, DomainError> {
    let p = officer_petition(ctx, by, id, "preview_paper_batch").await?;
    ensure_collecting(&p)?;
    let now = ctx.clock.now();
    let today = super::today(ctx);
    let first = p.published_at.map(|at| at.date_naive());
    let last = p
        .collection_ends_at
        .map_or(today, |end| end.date_naive().min(today));
    if first.is_none_or(|first| header.collected_on < first) || header.collected_on > last {
        return Err(DomainError::Validation {
            field: "collected_on",
            code: "collected_on_outside",
        });
    }
    let rows: Vec<PaperRow> = rows.into_iter().filter(|r| !r.is_blank()).collect();
    if rows.is_empty() {
        return Err(DomainError::Validation {
            field: "rows",
            code: "no_rows",
        });
    }
    if rows.len() > MAX_ROWS {
        return Err(DomainError::Validation {
            field: "file",
            code: "too_many_rows",
        });
    }
    let (ready, refused) = check_rows(ctx, &p, rows).await?;
    let refused = serde_json::to_string(&refused)
        .map_err(|e| DomainError::Internal(format!("refused rows: {e}")))?;
    let txn = crate::db::begin_write(&ctx.db).await?;
    let replaced: Vec<i32> = paper_batch::Entity::find()
        .select_only()
        .column(paper_batch::Column::Id)
        .filter(paper_batch::Column::PetitionId.eq(p.id))
        .filter(paper_batch::Column::Reference.eq(header.reference.as_str()))
        .filter(paper_batch::Column::Status.eq(BatchStatus::Pending.as_str()))
        .into_tuple()
        .all(&txn)
        .await?;
    delete_pending(&txn, &replaced).await?;
    let batch = paper_batch::Entity::insert(paper_batch::ActiveModel {
        petition_id: Set(p.id),
        reference: Set(header.reference),
        collected_on: Set(header.collected_on),
        entered_by: Set(Some(by.user.0)),
        created_at: Set(now),
        status: Set(BatchStatus::Pending.as_str().to_owned()),
        accepted: Set(i32::try_from(ready.len()).unwrap_or(i32::MAX)),
        refused: Set(refused),
        ..Default::default()
    })
    .exec(&txn)
    .await
    .map_err(|e| match DomainError::from(e) {
        DomainError::Conflict(_) => DomainError::Conflict("batch_reference_taken"),
        other => other,
    })?
    .last_insert_id;
    let mut ready = ready;
    for row in &mut ready {
        row.batch_id = Set(batch);
    }
    for chunk in ready.chunks(CHUNK) {
        paper_batch_row::Entity::insert_many(chunk.to_vec())
            .exec_without_returning(&txn)
            .await?;
    }
    txn.commit().await?;
    Ok(batch)
}

/// Deletes the pending batches `ids` and their rows.
async fn delete_pending<C: ConnectionTrait>(db: &C, ids: &[i32]) -> Result<(), DomainError> {
    if ids.is_empty() {
        return Ok(());
    }
    paper_batch_row::Entity::delete_many()
        .filter(paper_batch_row::Column::BatchId.is_in(ids.iter().copied()))
        .exec(db)
        .await?;
    paper_batch::Entity::delete_many()
        .filter(paper_batch::Column::Id.is_in(ids.iter().copied()))
        .exec(db)
        .await?;
    Ok(())
}

/// An officer of the region records pending batch `id`: its rows become signatures of the
/// petition, counted on the day the sheets were collected. A CIN that signed meanwhile is not
/// counted twice: its row joins the refused ones. Gives the signatures recorded.
pub async fn record_paper_batch(ctx: &AppContext, by: &Actor, id: i32) -> Result<i32, DomainError> {
    let (batch, p) = officer_batch(ctx, by, id, "record_paper_batch").await?;
    ensure_collecting(&p)?;
    let now = ctx.clock.now();
    let txn = crate::db::begin_write(&ctx.db).await?;
    let taken = paper_batch::Entity::update_many()
        .set(paper_batch::ActiveModel {
            status: Set(BatchStatus::Recorded.as_str().to_owned()),
            ..Default::default()
        })
        .filter(paper_batch::Column::Id.eq(batch.id))
        .filter(paper_batch::Column::Status.eq(BatchStatus::Pending.as_str()))
        .exec(&txn)
        .await?;
    if taken.rows_affected != 1 {
        return Err(DomainError::Conflict("batch_not_pending"));
    }
    let rows = paper_batch_row::Entity::find()
        .filter(paper_batch_row::Column::BatchId.eq(batch.id))
        .order_by_asc(paper_batch_row::Column::RowNo)
        .all(&txn)
        .await?;
    for chunk in rows.chunks(CHUNK) {
        let signatures = chunk.iter().map(|r| signature::ActiveModel {
            petition_id: Set(p.id),
            cin_hash: Set(r.cin_hash.clone()),
            cin_sealed: Set(r.cin_sealed.clone()),
            full_name: Set(r.full_name.clone()),
            province_id: Set(r.province_id),
            basis: Set(r.basis.clone()),
            email: Set(String::new()),
            lang: Set(p.lang.clone()),
            user_id: Set(None),
            notify: Set(false),
            withdraw_token_hash: Set(None),
            created_at: Set(now),
            email_key: Set(None),
            ip_prefix_hash: Set(None),
            user_agent_hash: Set(None),
            email_domain: Set(None),
            email_slot: Set(None),
            paper_batch_id: Set(Some(batch.id)),
            ..Default::default()
        });
        // A CIN that signed since the preview keeps its first signature.
        signature::Entity::insert_many(signatures)
            .on_conflict_do_nothing_on([signature::Column::PetitionId, signature::Column::CinHash])
            .exec_without_returning(&txn)
            .await?;
    }
    let recorded: Vec<(String, i32)> = signature::Entity::find()
        .select_only()
        .columns([signature::Column::CinHash, signature::Column::ProvinceId])
        .filter(signature::Column::PaperBatchId.eq(batch.id))
        .into_tuple()
        .all(&txn)
        .await?;
    let mut per_province: HashMap<i32, i32> = HashMap::new();
    for (_, province) in &recorded {
        *per_province.entry(*province).or_default() += 1;
    }
    for (province, n) in &per_province {
        counts::add(&txn, PetitionId(p.id), *province, batch.collected_on, *n).await?;
    }
    let mut refused: Vec<RefusedRow> = serde_json::from_str(&batch.refused).unwrap_or_default();
    let kept: std::collections::HashSet<&str> =
        recorded.iter().map(|(hash, _)| hash.as_str()).collect();
    refused.extend(
        rows.iter()
            .filter(|r| !kept.contains(r.cin_hash.as_str()))
            .map(|r| RefusedRow::new(r.row_no, "signed_meanwhile", None)),
    );
    refused.sort_by_key(|r| r.row);
    let accepted = i32::try_from(recorded.len()).unwrap_or(i32::MAX);
    paper_batch::Entity::update_many()
        .set(paper_batch::ActiveModel {
            accepted: Set(accepted),
            refused: Set(serde_json::to_string(&refused)
                .map_err(|e| DomainError::Internal(format!("refused rows: {e}")))?),
            ..Default::default()
        })
        .filter(paper_batch::Column::Id.eq(batch.id))
        .exec(&txn)
        .await?;
    paper_batch_row::Entity::delete_many()
        .filter(paper_batch_row::Column::BatchId.eq(batch.id))
        .exec(&txn)
        .await?;
    audit::record(
        ctx,
        &txn,
        AuditEvent {
            actor_user_id: Some(by.user.0),
            action: "paper_batch_recorded",
            subject_user_id: None,
            region_id: Some(p.region_id),
            detail: serde_json::json!({
                "petition": p.id, "batch": batch.id, "reference": batch.reference,
                "accepted": accepted, "refused": refused.len(),
            }),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(accepted)
}

/// An officer of the region discards pending batch `id` (nothing was recorded).
pub async fn discard_paper_batch(ctx: &AppContext, by: &Actor, id: i32) -> Result<(), DomainError> {
    let (batch, _) = officer_batch(ctx, by, id, "discard_paper_batch").await?;
    if BatchStatus::parse(&batch.status) != BatchStatus::Pending {
        return Err(DomainError::Conflict("batch_not_pending"));
    }
    let txn = crate::db::begin_write(&ctx.db).await?;
    delete_pending(&txn, &[batch.id]).await?;
    txn.commit().await?;
    Ok(())
}

/// An officer of the region voids recorded batch `id` for `reason` (1 to 500 characters), before
/// the petition's deposit: its signatures are deleted and uncounted; the batch stays listed, voided.
pub async fn void_paper_batch(
    ctx: &AppContext,
    by: &Actor,
    id: i32,
    reason: &str,
) -> Result<(), DomainError> {
    let reason = reason.trim();
    if reason.is_empty() || reason.chars().count() > MAX_VOID_REASON_CHARS {
        return Err(DomainError::Validation {
            field: "reason",
            code: "void_reason_missing",
        });
    }
    let (batch, p) = officer_batch(ctx, by, id, "void_paper_batch").await?;
    let (_, status) = state(&p)?;
    if !status.is_signable() {
        return Err(DomainError::Conflict("not_collecting"));
    }
    let now = ctx.clock.now();
    let txn = crate::db::begin_write(&ctx.db).await?;
    let taken = paper_batch::Entity::update_many()
        .set(paper_batch::ActiveModel {
            status: Set(BatchStatus::Voided.as_str().to_owned()),
            voided_at: Set(Some(now)),
            voided_by: Set(Some(by.user.0)),
            void_reason: Set(Some(reason.to_owned())),
            ..Default::default()
        })
        .filter(paper_batch::Column::Id.eq(batch.id))
        .filter(paper_batch::Column::Status.eq(BatchStatus::Recorded.as_str()))
        .exec(&txn)
        .await?;
    if taken.rows_affected != 1 {
        return Err(DomainError::Conflict("batch_not_recorded"));
    }
    let provinces: Vec<i32> = signature::Entity::find()
        .select_only()
        .column(signature::Column::ProvinceId)
        .filter(signature::Column::PaperBatchId.eq(batch.id))
        .into_tuple()
        .all(&txn)
        .await?;
    let mut per_province: HashMap<i32, i32> = HashMap::new();
    for province in provinces {
        *per_province.entry(province).or_default() += 1;
    }
    signature::Entity::delete_many()
        .filter(signature::Column::PaperBatchId.eq(batch.id))
        .exec(&txn)
        .await?;
    for (province, n) in &per_province {
        counts::add(&txn, PetitionId(p.id), *province, batch.collected_on, -n).await?;
    }
    audit::record(
        ctx,
        &txn,
        AuditEvent {
            actor_user_id: Some(by.user.0),
            action: "paper_batch_voided",
            subject_user_id: None,
            region_id: Some(p.region_id),
            detail: serde_json::json!({
                "petition": p.id, "batch": batch.id, "reference": batch.reference,
                "signatures": per_province.values().sum::<i32>(), "reason": reason,
            }),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(())
}
