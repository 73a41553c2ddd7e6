//! Signer profiles: a signed-in citizen saves what signing needs once, then signs petitions of
//! their region in one click. The CIN is sealed; the profile can be changed or deleted.

use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ColumnTrait, DatabaseBackend, EntityTrait, FromQueryResult, JoinType, PaginatorTrait,
    QueryFilter, QuerySelect, RelationTrait, Set,
};

use super::signing::{Basis, SignatureForm, Signer, append_signature, insert_signature};
use super::{PetitionId, load};
use crate::accounts::UserId;
use crate::entities::{province, signature, signer_profile, user};
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
pub async fn sign_petition(
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
    let cin = Cin::parse(&ctx.keys.open(&signer.cin_sealed)?)?;
    let email = Email::parse(&signer.email)?;
    let traces = super::signing::Traces::of(ctx, &email, origin);
    // The account's mailbox counts with those who signed by email from it.
    let from_mailbox = crate::entities::signature::Entity::find()
        .filter(crate::entities::signature::Column::PetitionId.eq(id.0))
        .filter(crate::entities::signature::Column::EmailKey.eq(traces.email_key.as_str()))
        .count(&ctx.db)
        .await?;
    if from_mailbox >= 2 {
        return Err(DomainError::Conflict("mailbox_full"));
    }
    let row = signature::ActiveModel {
        petition_id: Set(id.0),
        cin_hash: Set(ctx.keys.cin_hash(&cin)),
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
        email_slot: Set(None),
        ..Default::default()
    };
    if ctx.db.get_database_backend() == DatabaseBackend::Postgres {
        // One statement, one round trip: append if the petition is collecting in the
        // profile's region, and count it. When nothing was appended, say why.
        if append_signature(&ctx.db, signer.region_id, now, row).await? {
            return Ok(());
        }
        let petition = load(&ctx.db, id).await?;
        if signer.region_id != petition.region_id {
            return Err(DomainError::Conflict("profile_outside_region"));
        }
        super::signing::ensure_signable(&petition, now)?;
        return Err(DomainError::Conflict("not_collecting"));
    }
    let txn = crate::db::begin_write(&ctx.db).await?;
    // The petition is read once, inside the transaction that signs it.
    let petition = load(&txn, id).await?;
    if signer.region_id != petition.region_id {
        return Err(DomainError::Conflict("profile_outside_region"));
    }
    super::signing::ensure_signable(&petition, now)?;
    insert_signature(&txn, id, signer.province_id, row).await?;
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
