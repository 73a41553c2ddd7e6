//! Signing a citizen petition: what the law needs (name as on the CIN, CIN, province of
//! residence or activity in the region, electoral registration, consent), confirmed by an
//! emailed link, or in one click with a saved signer profile. One signature per CIN per petition
//! (a unique keyed hash); the CIN itself is sealed. Withdrawal until deposit.

use chrono::Duration;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};

use super::lifecycle::PetitionStatus;
use super::{PetitionId, counts, emails, load, state};
use crate::accounts::UserId;
use crate::accounts::tokens::{digest, new_secret};
use crate::entities::{petition, province, region, signature, signature_request};
use crate::mail::outbox;
use crate::types::{Cin, Email, Lang};
use crate::{AppContext, DomainError};

/// How long a signature confirmation link works.
pub const CONFIRMATION_VALIDITY: Duration = Duration::hours(24);

/// On what ground the signer belongs to the region.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Basis {
    /// Lives in the province.
    Residence,
    /// Carries on an economic, commercial or professional activity there.
    Activity,
}

impl Basis {
    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Residence => "residence",
            Self::Activity => "activity",
        }
    }

    /// The basis named `name`.
    pub fn parse(name: &str) -> Option<Self> {
        match name {
            "residence" => Some(Self::Residence),
            "activity" => Some(Self::Activity),
            _ => None,
        }
    }
}

/// The signature form as received.
#[derive(Debug, Clone, Default)]
pub struct SignatureForm {
    pub full_name: String,
    pub cin: String,
    /// The code of the prefecture or province.
    pub province: String,
    pub basis: String,
    /// "I am registered on the general electoral rolls."
    pub electoral_roll: bool,
    /// "I agree to the processing of these data for this petition (Law 09-08)."
    pub consent: bool,
    pub email: String,
    pub notify: bool,
    pub lang: String,
}

/// What a signer declares, parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signer {
    pub full_name: String,
    pub cin: Cin,
    pub province_code: String,
    pub basis: Basis,
}

/// A signature by email, parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewSignature {
    pub signer: Signer,
    pub email: Email,
    pub notify: bool,
    pub lang: Lang,
}

impl Signer {
    /// Parses the signer's fields and declarations, adding each error to `errors`.
    pub(crate) fn parse_fields(
        form: &SignatureForm,
        errors: &mut Vec<DomainError>,
    ) -> Option<Self> {
        let full_name = form.full_name.trim().to_owned();
        let chars = full_name.chars().count();
        if !(2..=120).contains(&chars) || full_name.chars().any(char::is_control) {
            errors.push(invalid(
                "full_name",
                if chars == 0 {
                    "text_missing"
                } else {
                    "name_invalid"
                },
            ));
        }
        let cin = Cin::parse(&form.cin).map_err(|e| errors.push(e)).ok();
        let province_code = form.province.trim().to_owned();
        if province_code.is_empty() {
            errors.push(invalid("province", "province_missing"));
        }
        let basis = Basis::parse(form.basis.trim());
        if basis.is_none() {
            errors.push(invalid("basis", "basis_missing"));
        }
        if !form.electoral_roll {
            errors.push(invalid("electoral_roll", "declaration_missing"));
        }
        if !form.consent {
            errors.push(invalid("consent", "consent_missing"));
        }
        Some(Self {
            full_name,
            cin: cin?,
            province_code,
            basis: basis?,
        })
    }
}

impl NewSignature {
    /// Parses the form; every field at fault is reported.
    pub fn parse(form: &SignatureForm) -> Result<Self, Vec<DomainError>> {
        let mut errors = Vec::new();
        let signer = Signer::parse_fields(form, &mut errors);
        let email = Email::parse(&form.email).map_err(|e| errors.push(e)).ok();
        match (signer, email) {
            (Some(signer), Some(email)) if errors.is_empty() => Ok(Self {
                signer,
                email,
                notify: form.notify,
                lang: Lang::parse(form.lang.trim()).unwrap_or_default(),
            }),
            _ => Err(errors),
        }
    }
}

fn invalid(field: &'static str, code: &'static str) -> DomainError {
    DomainError::Validation { field, code }
}

/// The petition, if it can be signed now (`Conflict("not_collecting")` otherwise), and the
/// province of `code` if it is in its region.
pub(crate) async fn signable<C: sea_orm::ConnectionTrait>(
    db: &C,
    now: chrono::DateTime<chrono::Utc>,
    id: PetitionId,
) -> Result<petition::Model, DomainError> {
    let petition = load(db, id).await?;
    ensure_signable(&petition, now)?;
    Ok(petition)
}

/// `Conflict("not_collecting")` unless `petition` takes signatures at `now`.
pub(crate) fn ensure_signable(
    petition: &petition::Model,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<(), DomainError> {
    let (_, status) = state(petition)?;
    if status.is_signable() && petition.collection_ends_at.is_some_and(|end| now < end) {
        Ok(())
    } else {
        Err(DomainError::Conflict("not_collecting"))
    }
}

pub(crate) async fn province_in_region<C: sea_orm::ConnectionTrait>(
    db: &C,
    region_id: i32,
    code: &str,
) -> Result<province::Model, DomainError> {
    province::Entity::find()
        .filter(province::Column::Code.eq(code))
        .filter(province::Column::RegionId.eq(region_id))
        .one(db)
        .await?
        .ok_or(DomainError::Validation {
            field: "province",
            code: "province_not_in_region",
        })
}

/// Records a signature waiting for confirmation and emails the link. The answer is the same
/// whether or not this CIN already signed (that shows only when the link is used, to the owner
/// of the address).
#[tracing::instrument(skip(ctx, signature, user))]
pub async fn request_signature(
    ctx: &AppContext,
    id: PetitionId,
    signature: NewSignature,
    user: Option<UserId>,
) -> Result<(), DomainError> {
    let now = ctx.clock.now();
    let petition = signable(&ctx.db, now, id).await?;
    let province =
        province_in_region(&ctx.db, petition.region_id, &signature.signer.province_code).await?;
    // Each request emails its address: a few an hour to one address, then wait.
    crate::rate_limits::hit(
        ctx,
        crate::rate_limits::SIGN_PER_EMAIL,
        signature.email.as_str(),
    )
    .await?
    .into_result()?;
    let region = region::Entity::find_by_id(petition.region_id)
        .one(&ctx.db)
        .await?
        .map(|r| r.slug)
        .unwrap_or_default();
    let (confirm, withdraw) = (new_secret(), new_secret());
    let lang = signature.lang;
    let txn = crate::db::begin_write(&ctx.db).await?;
    signature_request::ActiveModel {
        petition_id: Set(petition.id),
        cin_hash: Set(ctx.keys.cin_hash(&signature.signer.cin)),
        cin_sealed: Set(ctx.keys.seal(signature.signer.cin.expose())?),
        full_name: Set(signature.signer.full_name.clone()),
        province_id: Set(province.id),
        basis: Set(signature.signer.basis.as_str().to_owned()),
        email: Set(signature.email.as_str().to_owned()),
        lang: Set(lang.code().to_owned()),
        user_id: Set(user.map(|u| u.0)),
        notify: Set(signature.notify),
        withdraw_token_hash: Set(Some(digest(&withdraw))),
        created_at: Set(now),
        token_hash: Set(digest(&confirm)),
        expires_at: Set(now + CONFIRMATION_VALIDITY),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let base = format!(
        "{}/{}/r/{region}/petitions/{}",
        ctx.public_url,
        lang.code(),
        id.0
    );
    let message = emails::confirm_signature(
        signature.email.as_str(),
        lang,
        &signature.signer.full_name,
        &petition.title,
        &format!("{base}/confirm?token={confirm}"),
        &format!("{base}/withdraw?token={withdraw}"),
    );
    outbox::enqueue(&txn, now, message).await?;
    txn.commit().await?;
    Ok(())
}

/// Confirms the signature of the emailed link `token`. Refused when the link is unknown, used or
/// expired, when the petition no longer collects, or when this CIN already signed it
/// (`Conflict("already_signed")`).
pub async fn confirm_signature(ctx: &AppContext, token: &str) -> Result<PetitionId, DomainError> {
    let now = ctx.clock.now();
    let pending = signature_request::Entity::find()
        .filter(signature_request::Column::TokenHash.eq(digest(token.trim())))
        .one(&ctx.db)
        .await?
        .ok_or(invalid("token", "invalid_link"))?;
    if pending.expires_at <= now {
        return Err(invalid("token", "link_expired"));
    }
    let id = PetitionId(pending.petition_id);
    let txn = crate::db::begin_write(&ctx.db).await?;
    let taken = signature_request::Entity::delete_by_id(pending.id)
        .exec(&txn)
        .await?;
    if taken.rows_affected != 1 {
        return Err(invalid("token", "invalid_link"));
    }
    signable(&txn, now, id).await?;
    let province = pending.province_id;
    insert_signature(
        &txn,
        id,
        province,
        signature::ActiveModel {
            petition_id: Set(pending.petition_id),
            cin_hash: Set(pending.cin_hash),
            cin_sealed: Set(pending.cin_sealed),
            full_name: Set(pending.full_name),
            province_id: Set(pending.province_id),
            basis: Set(pending.basis),
            email: Set(pending.email),
            lang: Set(pending.lang),
            user_id: Set(pending.user_id),
            notify: Set(pending.notify),
            withdraw_token_hash: Set(pending.withdraw_token_hash),
            created_at: Set(now),
            ..Default::default()
        },
    )
    .await?;
    txn.commit().await?;
    Ok(id)
}

/// Appends a signature and counts it, in the caller's transaction.
pub(crate) async fn insert_signature<C: sea_orm::ConnectionTrait>(
    db: &C,
    petition: PetitionId,
    province: i32,
    row: signature::ActiveModel,
) -> Result<(), DomainError> {
    let stored = row
        .insert(db)
        .await
        .map_err(|e| match DomainError::from(e) {
            DomainError::Conflict(_) => DomainError::Conflict("already_signed"),
            other => other,
        })?;
    counts::add(db, petition, province, counts::day_of(stored.created_at), 1).await
}

/// PostgreSQL only: appends `row` and counts it in one statement (so without a transaction), if
/// its petition is collecting, in `region_id`, at `now`. `Ok(false)` when it is not; a second
/// signature of the same CIN or account is `Conflict("already_signed")`.
pub(crate) async fn append_signature<C: sea_orm::ConnectionTrait>(
    db: &C,
    region_id: i32,
    now: chrono::DateTime<chrono::Utc>,
    row: signature::ActiveModel,
) -> Result<bool, DomainError> {
    use sea_orm::{ActiveValue, Statement, Value};
    fn value<T: Into<Value>>(field: ActiveValue<T>) -> Result<Value, DomainError> {
        field
            .into_value()
            .ok_or_else(|| DomainError::Internal("signature field not set".into()))
    }
    const SQL: &str = "WITH signed AS ( \
        INSERT INTO signatures (petition_id, cin_hash, cin_sealed, full_name, province_id, basis, \
            email, lang, user_id, notify, withdraw_token_hash, created_at) \
        SELECT p.id, $2, $3, $4, $5, $6, $7, $8, $9, $10, NULL, $11 FROM petitions p \
        WHERE p.id = $1 AND p.region_id = $12 AND p.status IN ($13, $14) \
            AND p.collection_ends_at > $11 \
        RETURNING petition_id, province_id) \
        INSERT INTO signature_counts (petition_id, province_id, day, shard, count) \
        SELECT petition_id, province_id, $16, $15, 1 FROM signed \
        ON CONFLICT (petition_id, province_id, day, shard) \
        DO UPDATE SET count = signature_counts.count + excluded.count";
    let statement = Statement::from_sql_and_values(
        db.get_database_backend(),
        SQL,
        [
            value(row.petition_id)?,
            value(row.cin_hash)?,
            value(row.cin_sealed)?,
            value(row.full_name)?,
            value(row.province_id)?,
            value(row.basis)?,
            value(row.email)?,
            value(row.lang)?,
            value(row.user_id)?,
            value(row.notify)?,
            now.into(),
            region_id.into(),
            PetitionStatus::Collecting.as_str().into(),
            PetitionStatus::ThresholdReached.as_str().into(),
            counts::random_shard().into(),
            counts::day_of(now).into(),
        ],
    );
    let done = db
        .execute_raw(statement)
        .await
        .map_err(|e| match DomainError::from(e) {
            DomainError::Conflict(_) => DomainError::Conflict("already_signed"),
            other => other,
        })?;
    Ok(done.rows_affected() == 1)
}

/// Withdraws `user`'s signature from petition `id`, until it is deposited.
pub async fn withdraw_signature(
    ctx: &AppContext,
    user: UserId,
    id: PetitionId,
) -> Result<(), DomainError> {
    let found = signature::Entity::find()
        .filter(signature::Column::PetitionId.eq(id.0))
        .filter(signature::Column::UserId.eq(user.0))
        .one(&ctx.db)
        .await?
        .ok_or(DomainError::NotFound)?;
    withdraw(ctx, found).await
}

/// Withdraws the signature of the emailed withdrawal link `token`, until deposit.
pub async fn withdraw_signature_by_link(
    ctx: &AppContext,
    token: &str,
) -> Result<PetitionId, DomainError> {
    let found = signature::Entity::find()
        .filter(signature::Column::WithdrawTokenHash.eq(digest(token.trim())))
        .one(&ctx.db)
        .await?
        .ok_or(invalid("token", "invalid_link"))?;
    let id = PetitionId(found.petition_id);
    withdraw(ctx, found).await?;
    Ok(id)
}

async fn withdraw(ctx: &AppContext, found: signature::Model) -> Result<(), DomainError> {
    let txn = crate::db::begin_write(&ctx.db).await?;
    let petition = load(&txn, PetitionId(found.petition_id)).await?;
    if !state(&petition)?.1.is_signable() {
        return Err(DomainError::Conflict("signatures_locked"));
    }
    let deleted = signature::Entity::delete_by_id(found.id).exec(&txn).await?;
    if deleted.rows_affected == 1 {
        let day = counts::day_of(found.created_at);
        counts::add(
            &txn,
            PetitionId(found.petition_id),
            found.province_id,
            day,
            -1,
        )
        .await?;
    }
    txn.commit().await?;
    Ok(())
}
