//! Signing a citizen petition: what the law needs (name as on the CIN, CIN, province of
//! residence or activity in the region, electoral registration, consent), confirmed by an
//! emailed link, or in one click with a saved signer profile. One signature per CIN per petition
//! (a unique keyed hash); the CIN itself is sealed. Withdrawal until deposit.
//!
//! Against stuffing (one inbox confirming hundreds of made-up CINs): a mailbox (the address
//! without `+tag`) gives at most two signatures to a petition, the second under another name
//! from the same province (a household sharing an address, as e-petitions UK allows); signatures
//! by email of one petition from one network are limited per hour; and each signature keeps the
//! keyed hashes of its mailbox, network and user agent and its email domain for the fraud
//! review, erased with the rest at retention.

use chrono::Duration;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};

use super::lifecycle::PetitionStatus;
use super::{counts, emails, load, state};
use crate::entities::{petition, province, signature, signature_request};
use crate::mail::outbox;
use crate::secrets::{link_digest, new_link_secret};
use crate::types::PetitionId;
use crate::types::UserId;
use crate::types::{Cin, ClientOrigin, Email, Lang};
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
    // A petition never published does not exist for a signer (not even as "not collecting").
    if petition.published_at.is_none() {
        return Err(DomainError::NotFound);
    }
    if petition.hidden_at.is_some() {
        return Err(DomainError::Conflict("petition_hidden"));
    }
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
#[tracing::instrument(skip(ctx, signature, user, origin))]
pub async fn request_signature(
    ctx: &AppContext,
    id: PetitionId,
    signature: NewSignature,
    user: Option<UserId>,
    origin: &ClientOrigin,
) -> Result<(), DomainError> {
    let now = ctx.clock.now();
    let petition = signable(&ctx.db, now, id).await?;
    let province =
        province_in_region(&ctx.db, petition.region_id, &signature.signer.province_code).await?;
    if let Some(network) = origin.ip_prefix() {
        crate::rate_limits::hit(
            ctx,
            ctx.limits.sign_per_petition_network,
            &format!("{}:{network}", id.0),
        )
        .await?
        .into_result()?;
    }
    // Each request emails its mailbox: a few an hour to one mailbox, then wait.
    crate::rate_limits::hit(
        ctx,
        crate::rate_limits::SIGN_PER_EMAIL,
        &signature.email.mailbox(),
    )
    .await?
    .into_result()?;
    let traces = Traces::of(ctx, &signature.email, origin);
    // The region's council: its slug for the links, its name and contact under the email.
    let council = crate::regions::council::council(&ctx.db, petition.region_id).await?;
    let (confirm, withdraw) = (new_link_secret(), new_link_secret());
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
        withdraw_token_hash: Set(Some(link_digest(&withdraw))),
        created_at: Set(now),
        token_hash: Set(link_digest(&confirm)),
        expires_at: Set(now + CONFIRMATION_VALIDITY),
        ip_prefix_hash: Set(traces.ip_prefix_hash),
        user_agent_hash: Set(traces.user_agent_hash),
        email_domain: Set(Some(traces.email_domain)),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let base = crate::mail::links::petition(ctx, lang, &council.slug, id);
    let message = emails::confirm_signature(
        signature.email.as_str(),
        lang,
        &signature.signer.full_name,
        &petition.title,
        &format!("{base}/confirm?token={confirm}"),
        &format!("{base}/withdraw?token={withdraw}"),
    );
    outbox::enqueue(&txn, now, council.sign(message, lang)).await?;
    txn.commit().await?;
    Ok(())
}

/// Confirms the signature of the emailed link `token`. Refused when the link is unknown, used or
/// expired, when the petition no longer collects, when this CIN already signed it
/// (`Conflict("already_signed")`), or when its mailbox may give no more signature to it
/// ([`mailbox_slot`]).
pub async fn confirm_signature(ctx: &AppContext, token: &str) -> Result<PetitionId, DomainError> {
    let now = ctx.clock.now();
    let pending = signature_request::Entity::find()
        .filter(signature_request::Column::TokenHash.eq(link_digest(token.trim())))
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
    let email_key = Email::parse(&pending.email)
        .map(|e| ctx.keys.origin_hash("mailbox", &e.mailbox()))
        .map_err(|_| DomainError::Internal(format!("request {} has a bad address", pending.id)))?;
    let cin_hash = pending.cin_hash.clone();
    if let Some(signed) = signature::Entity::find()
        .filter(signature::Column::PetitionId.eq(id.0))
        .filter(signature::Column::CinHash.eq(cin_hash.as_str()))
        .one(&txn)
        .await?
    {
        return Err(DomainError::Conflict(if signed.paper_batch_id.is_some() {
            "signed_on_paper"
        } else {
            "already_signed"
        }));
    }
    let slot = mailbox_slot(&txn, id, &email_key, &pending.full_name, province).await?;
    let inserted = insert_signature(
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
            email_key: Set(Some(email_key)),
            email_slot: Set(Some(slot)),
            ip_prefix_hash: Set(pending.ip_prefix_hash),
            user_agent_hash: Set(pending.user_agent_hash),
            email_domain: Set(pending.email_domain),
            ..Default::default()
        },
    )
    .await;
    match inserted {
        Ok(()) => {}
        // Two confirmations at once from one mailbox: the slot's unique index chose one.
        Err(DomainError::Conflict(_)) => {
            drop(txn);
            let same_cin = signature::Entity::find()
                .filter(signature::Column::PetitionId.eq(id.0))
                .filter(signature::Column::CinHash.eq(cin_hash))
                .one(&ctx.db)
                .await?;
            return Err(DomainError::Conflict(match same_cin {
                Some(s) if s.paper_batch_id.is_some() => "signed_on_paper",
                Some(_) => "already_signed",
                None => "mailbox_full",
            }));
        }
        Err(err) => return Err(err),
    }
    txn.commit().await?;
    Ok(id)
}

/// Which of its two signatures a mailbox gives petition `id` (1 or 2), for a signer named
/// `full_name` of province `province`: `Conflict("mailbox_same_name")` when the first was under
/// the same name, `Conflict("mailbox_other_province")` when it was from another province,
/// `Conflict("mailbox_full")` after two.
pub(crate) async fn mailbox_slot<C: sea_orm::ConnectionTrait>(
    db: &C,
    id: PetitionId,
    email_key: &str,
    full_name: &str,
    province: i32,
) -> Result<i16, DomainError> {
    let earlier = signature::Entity::find()
        .filter(signature::Column::PetitionId.eq(id.0))
        .filter(signature::Column::EmailKey.eq(email_key))
        .all(db)
        .await?;
    match earlier.as_slice() {
        [] => Ok(1),
        [first] if same_name(&first.full_name, full_name) => {
            Err(DomainError::Conflict("mailbox_same_name"))
        }
        [first] if first.province_id != province => {
            Err(DomainError::Conflict("mailbox_other_province"))
        }
        [first] => Ok(if first.email_slot == Some(2) { 1 } else { 2 }),
        _ => Err(DomainError::Conflict("mailbox_full")),
    }
}

/// Whether two names are the same person's as typed (case, spaces and punctuation aside).
fn same_name(a: &str, b: &str) -> bool {
    let key = |s: &str| -> String {
        s.chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect()
    };
    key(a) == key(b)
}

/// What a signature keeps of where it came from.
pub(crate) struct Traces {
    pub email_key: String,
    pub ip_prefix_hash: Option<String>,
    pub user_agent_hash: Option<String>,
    pub email_domain: String,
}

impl Traces {
    pub(crate) fn of(ctx: &AppContext, email: &Email, origin: &ClientOrigin) -> Self {
        Self {
            email_key: ctx.keys.origin_hash("mailbox", &email.mailbox()),
            ip_prefix_hash: origin
                .ip_prefix()
                .map(|p| ctx.keys.origin_hash("network", &p)),
            user_agent_hash: origin
                .user_agent()
                .map(|ua| ctx.keys.origin_hash("user_agent", ua)),
            email_domain: email.domain().to_owned(),
        }
    }
}

/// Whether the CIN of `cin_hash` signed petition `id` on paper (entered by the council).
pub(crate) async fn on_paper<C: sea_orm::ConnectionTrait>(
    db: &C,
    id: PetitionId,
    cin_hash: &str,
) -> Result<bool, DomainError> {
    Ok(signature::Entity::find()
        .filter(signature::Column::PetitionId.eq(id.0))
        .filter(signature::Column::CinHash.eq(cin_hash))
        .filter(signature::Column::PaperBatchId.is_not_null())
        .one(db)
        .await?
        .is_some())
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
            email, lang, user_id, notify, withdraw_token_hash, created_at, email_key, \
            ip_prefix_hash, user_agent_hash, email_domain, email_slot) \
        SELECT p.id, $2, $3, $4, $5, $6, $7, $8, $9, $10, NULL, $11, $17, $18, $19, $20, $21 \
        FROM petitions p \
        WHERE p.id = $1 AND p.region_id = $12 AND p.status IN ($13, $14) \
            AND p.collection_ends_at > $11 AND p.hidden_at IS NULL \
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
            value(row.email_key)?,
            value(row.ip_prefix_hash)?,
            value(row.user_agent_hash)?,
            value(row.email_domain)?,
            value(row.email_slot)?,
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
        .filter(signature::Column::WithdrawTokenHash.eq(link_digest(token.trim())))
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
