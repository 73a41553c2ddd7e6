//! Signer profiles: a signed-in citizen saves what signing needs once, then signs petitions of
//! their region in one click. The CIN is sealed; the profile can be changed or deleted.

use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ColumnTrait, DatabaseBackend, EntityTrait, FromQueryResult, JoinType, QueryFilter, QuerySelect,
    RelationTrait, Set,
};

use super::load;
use super::signing::{Basis, SignatureForm, Signer, append_signature, insert_signature};
use crate::entities::{province, signature, signer_profile, user};
use crate::types::PetitionId;
use crate::types::UserId;
use crate::types::{Cin, ClientOrigin, Email};
use crate::{AppContext, DomainError};

/// A saved profile as its owner sees it (the CIN partly hidden).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignerProfileView {
    pub full_name: String,
    /// E.g. `AB****56`.
    pub cin_hint: String,
    pub province_code: String,
    pub region_id: i32,
    pub basis: Basis,
}

/// Parses the profile form (the same fields as signing, without email).
pub fn parse_profile(form: &SignatureForm) -> Result<Signer, Vec<DomainError>> {
    let mut errors = Vec::new();
    let signer = Signer::parse_fields(form, &mut errors);
    match signer {
        Some(signer) if errors.is_empty() => Ok(signer),
        _ => Err(errors),
    }
}

/// Saves (or replaces) `user`'s signer profile.
pub async fn save_signer_profile(
    ctx: &AppContext,
    user: UserId,
    signer: Signer,
) -> Result<(), DomainError> {
    let province = province::Entity::find()
        .filter(province::Column::Code.eq(signer.province_code.as_str()))
        .one(&ctx.db)
        .await?
        .ok_or(DomainError::Validation {
            field: "province",
            code: "province_missing",
        })?;
    signer_profile::Entity::insert(signer_profile::ActiveModel {
        user_id: Set(user.0),
        full_name: Set(signer.full_name),
        cin_sealed: Set(ctx.keys.seal(signer.cin.expose())?),
        province_id: Set(province.id),
        basis: Set(signer.basis.as_str().to_owned()),
        updated_at: Set(ctx.clock.now()),
    })
    .on_conflict(
        OnConflict::column(signer_profile::Column::UserId)
            .update_columns([
                signer_profile::Column::FullName,
                signer_profile::Column::CinSealed,
                signer_profile::Column::ProvinceId,
                signer_profile::Column::Basis,
                signer_profile::Column::UpdatedAt,
            ])
            .to_owned(),
    )
    .exec(&ctx.db)
    .await?;
    Ok(())
}

/// `user`'s saved profile, if any.
pub async fn get_signer_profile(
    ctx: &AppContext,
    user: UserId,
) -> Result<Option<SignerProfileView>, DomainError> {
    let Some((profile, province)) = signer_profile::Entity::find_by_id(user.0)
        .find_also_related(province::Entity)
        .one(&ctx.db)
        .await?
    else {
        return Ok(None);
    };
    let cin = ctx.keys.open(&profile.cin_sealed)?;
    let province = province.ok_or_else(|| DomainError::Internal("profile province".into()))?;
    Ok(Some(SignerProfileView {
        full_name: profile.full_name,
        cin_hint: hint(&cin),
        province_code: province.code,
        region_id: province.region_id,
        basis: Basis::parse(&profile.basis).unwrap_or(Basis::Residence),
    }))
}

/// Deletes `user`'s signer profile (signatures already made stay).
pub async fn delete_signer_profile(ctx: &AppContext, user: UserId) -> Result<(), DomainError> {
    signer_profile::Entity::delete_by_id(user.0)
        .exec(&ctx.db)
        .await?;
    Ok(())
}

/// Signs petition `id` in one click with `user`'s saved profile. Its province must be in the
/// petition's region (`Conflict("profile_outside_region")`); one signature per account and per
/// CIN (`Conflict("already_signed")`).
pub async fn sign_with_profile(
    ctx: &AppContext,
    user: UserId,
    id: PetitionId,
    notify: bool,
    origin: &ClientOrigin,
) -> Result<(), DomainError> {
    let now = ctx.clock.now();
    let signer = signer(ctx, user).await?.ok_or(DomainError::Validation {
        field: "profile",
        code: "profile_missing",
    })?;
    crate::blocks::ensure_not_blocked(&ctx.db, user, signer.region_id).await?;
    let cin = Cin::parse(&ctx.keys.open(&signer.cin_sealed)?)?;
    let email = Email::parse(&signer.email)?;
    let traces = super::signing::Traces::of(ctx, &email, origin);
    if let Some(network) = origin.ip_prefix() {
        crate::rate_limits::hit(
            ctx,
            ctx.limits.sign_per_petition_network,
            &format!("{}:{network}", id.0),
        )
        .await?
        .into_result()?;
    }
    let cin_hash = ctx.keys.cin_hash(&cin);
    if super::signing::on_paper(&ctx.db, id, &cin_hash).await? {
        return Err(DomainError::Conflict("signed_on_paper"));
    }
    if already_signed(ctx, id, user, &cin_hash).await? {
        return Err(DomainError::Conflict("already_signed"));
    }
    // The account's mailbox is one of the two a household may sign from, under the same rules
    // as by email; the slot's unique index settles two signatures at once.
    let slot = match super::signing::mailbox_slot(
        &ctx.db,
        id,
        &traces.email_key,
        &signer.full_name,
        signer.province_id,
    )
    .await
    {
        Ok(slot) => slot,
        // The same person clicking twice at once: their own first signature, not a household's.
        Err(DomainError::Conflict(_)) if already_signed(ctx, id, user, &cin_hash).await? => {
            return Err(DomainError::Conflict(
                if super::signing::on_paper(&ctx.db, id, &cin_hash).await? {
                    "signed_on_paper"
                } else {
                    "already_signed"
                },
            ));
        }
        Err(err) => return Err(err),
    };
    let row = signature::ActiveModel {
        petition_id: Set(id.0),
        cin_hash: Set(cin_hash.clone()),
        cin_sealed: Set(signer.cin_sealed),
        full_name: Set(signer.full_name),
        province_id: Set(signer.province_id),
        basis: Set(signer.basis),
        email: Set(signer.email),
        lang: Set(signer.lang),
        user_id: Set(Some(user.0)),
        notify: Set(notify),
        withdraw_token_hash: Set(None),
        created_at: Set(now),
        email_key: Set(Some(traces.email_key)),
        ip_prefix_hash: Set(traces.ip_prefix_hash),
        user_agent_hash: Set(traces.user_agent_hash),
        email_domain: Set(Some(traces.email_domain)),
        email_slot: Set(Some(slot)),
        ..Default::default()
    };
    let signed = append(ctx, id, signer.region_id, signer.province_id, row).await;
    match signed {
        // One of the unique indexes: this account or CIN, or the mailbox's slot taken by a
        // signature at the same moment.
        Err(DomainError::Conflict("already_signed")) => {
            if super::signing::on_paper(&ctx.db, id, &cin_hash).await? {
                return Err(DomainError::Conflict("signed_on_paper"));
            }
            let same_person = already_signed(ctx, id, user, &cin_hash).await?;
            Err(DomainError::Conflict(if same_person {
                "already_signed"
            } else {
                "mailbox_full"
            }))
        }
        other => other,
    }
}

/// Whether account `user` or the CIN of `cin_hash` signed petition `id`.
async fn already_signed(
    ctx: &AppContext,
    id: PetitionId,
    user: UserId,
    cin_hash: &str,
) -> Result<bool, DomainError> {
    Ok(signature::Entity::find()
        .filter(signature::Column::PetitionId.eq(id.0))
        .filter(
            sea_orm::Condition::any()
                .add(signature::Column::UserId.eq(user.0))
                .add(signature::Column::CinHash.eq(cin_hash)),
        )
        .one(&ctx.db)
        .await?
        .is_some())
}

/// Appends `row` to petition `id` if it is collecting in the profile's region `region_id`.
/// Whether the petition exists for the signer is told before its region.
async fn append(
    ctx: &AppContext,
    id: PetitionId,
    region_id: i32,
    province_id: i32,
    row: signature::ActiveModel,
) -> Result<(), DomainError> {
    let now = ctx.clock.now();
    if ctx.db.get_database_backend() == DatabaseBackend::Postgres {
        // One statement, one round trip: append if the petition is collecting in the
        // profile's region, and count it. When nothing was appended, say why.
        if append_signature(&ctx.db, region_id, now, row).await? {
            return Ok(());
        }
        let petition = load(&ctx.db, id).await?;
        super::signing::ensure_signable(&petition, now)?;
        if region_id != petition.region_id {
            return Err(DomainError::Conflict("profile_outside_region"));
        }
        return Err(DomainError::Conflict("not_collecting"));
    }
    let txn = crate::db::begin_write(&ctx.db).await?;
    // The petition is read once, inside the transaction that signs it.
    let petition = load(&txn, id).await?;
    super::signing::ensure_signable(&petition, now)?;
    if region_id != petition.region_id {
        return Err(DomainError::Conflict("profile_outside_region"));
    }
    insert_signature(&txn, id, province_id, row).await?;
    txn.commit().await?;
    Ok(())
}

/// What one-click signing needs of a profile and its account, read in one query.
#[derive(Debug, FromQueryResult)]
struct SignerRow {
    full_name: String,
    cin_sealed: String,
    basis: String,
    province_id: i32,
    region_id: i32,
    email: String,
    lang: String,
}

async fn signer(ctx: &AppContext, user: UserId) -> Result<Option<SignerRow>, DomainError> {
    use signer_profile::Column as P;
    let account = signer_profile::Entity::belongs_to(user::Entity)
        .from(P::UserId)
        .to(user::Column::Id)
        .into();
    Ok(signer_profile::Entity::find_by_id(user.0)
        .select_only()
        .columns([P::FullName, P::CinSealed, P::Basis, P::ProvinceId])
        .column(province::Column::RegionId)
        .columns([user::Column::Email, user::Column::Lang])
        .join(
            JoinType::InnerJoin,
            signer_profile::Relation::Province.def(),
        )
        .join(JoinType::InnerJoin, account)
        .into_model::<SignerRow>()
        .one(&ctx.db)
        .await?)
}

/// The first two and last two characters of a CIN, the rest hidden.
fn hint(cin: &str) -> String {
    let chars: Vec<char> = cin.chars().collect();
    chars
        .iter()
        .enumerate()
        .map(|(i, c)| {
            if i < 2 || i + 2 >= chars.len() {
                *c
            } else {
                '*'
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn hints_hide_the_middle_of_the_number() {
        assert_eq!(super::hint("AB123456"), "AB****56");
        assert_eq!(super::hint("J123"), "J123");
    }
}
