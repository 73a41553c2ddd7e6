//! A person's petitions and signatures, for their data export and their account deletion
//! (Law 09-08).

use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use serde_json::json;

use super::lifecycle::Step;
use super::{advance, counts, state};
use crate::entities::{petition, province, signature, signer_profile};
use crate::types::PetitionId;
use crate::types::UserId;
use crate::{AppContext, DomainError};

/// The petitions `user` filed, their signatures (with the CIN, which is theirs) and their signer
/// profile, as JSON.
pub async fn export_petition_data(
    ctx: &AppContext,
    user: UserId,
) -> Result<serde_json::Value, DomainError> {
    let filed = petition::Entity::find()
        .filter(petition::Column::RepresentativeId.eq(user.0))
        .order_by_asc(petition::Column::Id)
        .all(&ctx.db)
        .await?;
    let signed = signature::Entity::find()
        .filter(signature::Column::UserId.eq(user.0))
        .order_by_asc(signature::Column::Id)
        .find_also_related(province::Entity)
        .all(&ctx.db)
        .await?;
    let profile = signer_profile::Entity::find_by_id(user.0)
        .find_also_related(province::Entity)
        .one(&ctx.db)
        .await?;
    let mut signatures = Vec::with_capacity(signed.len());
    for (s, p) in signed {
        signatures.push(json!({
            "petition": s.petition_id,
            "full_name": s.full_name,
            "cin": ctx.keys.open(&s.cin_sealed)?,
            "province": p.map(|p| p.code),
            "basis": s.basis,
            "email": s.email,
            "news_by_email": s.notify,
            "signed_at": s.created_at,
        }));
    }
    let profile = match profile {
        Some((profile, p)) => json!({
            "full_name": profile.full_name,
            "cin": ctx.keys.open(&profile.cin_sealed)?,
            "province": p.map(|p| p.code),
            "basis": profile.basis,
            "updated_at": profile.updated_at,
        }),
        None => serde_json::Value::Null,
    };
    Ok(json!({
        "petitions_filed": filed.iter().map(|p| json!({
            "id": p.id,
            "title": p.title,
            "status": p.status,
            "reference": p.reference,
            "created_at": p.created_at,
        })).collect::<Vec<_>>(),
        "signatures": signatures,
        "signer_profile": profile,
    }))
}

/// Before `user`'s account is deleted, in its transaction: their signatures on petitions still
/// collecting are withdrawn, and the petitions they represent that were not yet deposited are
/// withdrawn. Deposited petitions and their signatures stay in the council's file (the account
/// link is cleared by the database).
pub(crate) async fn forget_user<C: ConnectionTrait>(
    db: &C,
    now: chrono::DateTime<chrono::Utc>,
    user: UserId,
) -> Result<(), DomainError> {
    let signed = signature::Entity::find()
        .filter(signature::Column::UserId.eq(user.0))
        .find_also_related(petition::Entity)
        .all(db)
        .await?;
    for (s, p) in signed {
        let Some(p) = p else { continue };
        if state(&p)?.1.is_signable() {
            signature::Entity::delete_by_id(s.id).exec(db).await?;
            let day = counts::day_of(s.created_at);
            counts::add(db, PetitionId(p.id), s.province_id, day, -1).await?;
        }
    }
    let represented = petition::Entity::find()
        .filter(petition::Column::RepresentativeId.eq(user.0))
        .all(db)
        .await?;
    for p in represented {
        let (kind, status) = state(&p)?;
        if super::next_status(kind, status, Step::Withdraw).is_ok() {
            advance(
                db,
                now,
                &p,
                Step::Withdraw,
                Some(user),
                (None, None),
                <petition::ActiveModel as Default>::default(),
            )
            .await?;
        }
    }
    Ok(())
}
