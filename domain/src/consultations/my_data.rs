//! A person's consultation data, for their data export and their account deletion (Law 09-08).

use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use serde_json::json;

use super::builder::status_of;
use super::tallies::{self, Counted};
use crate::entities::{
    answer, consultation, content_report, proposal, proposal_comment, proposal_support, province,
    region, region_follow, response,
};
use crate::types::ConsultationId;
use crate::types::UserId;
use crate::{AppContext, DomainError};

/// `user`'s responses (every answer, texts included), proposals, comments, supports, reports
/// and the regions they follow, as JSON.
pub async fn export_consultation_data(
    ctx: &AppContext,
    user: UserId,
) -> Result<serde_json::Value, DomainError> {
    let responses = response::Entity::find()
        .filter(response::Column::UserId.eq(user.0))
        .order_by_asc(response::Column::Id)
        .find_also_related(province::Entity)
        .all(&ctx.db)
        .await?;
    let mut answered = Vec::with_capacity(responses.len());
    for (r, p) in responses {
        let rows = answer::Entity::find()
            .filter(answer::Column::ResponseId.eq(r.id))
            .order_by_asc(answer::Column::QuestionId)
            .order_by_asc(answer::Column::Place)
            .order_by_asc(answer::Column::Id)
            .all(&ctx.db)
            .await?;
        answered.push(json!({
            "consultation": r.consultation_id,
            "audience_declared": r.audience_declared,
            "province": p.map(|p| p.code),
            "synthesis_by_email": r.notify,
            "verified_by_cin": r.cin_key.is_some(),
            "answered_at": r.created_at,
            "updated_at": r.updated_at,
            "answers": rows.iter().map(|a| json!({
                "question": a.question_id,
                "choice": a.choice_id,
                "place": a.place,
                "point": a.value,
                "text": a.text,
                "text_hidden": a.text.as_ref().map(|_| a.hidden),
            })).collect::<Vec<_>>(),
        }));
    }
    let proposals = proposal::Entity::find()
        .filter(proposal::Column::UserId.eq(user.0))
        .order_by_asc(proposal::Column::Id)
        .all(&ctx.db)
        .await?;
    let comments = proposal_comment::Entity::find()
        .filter(proposal_comment::Column::UserId.eq(user.0))
        .order_by_asc(proposal_comment::Column::Id)
        .all(&ctx.db)
        .await?;
    let supports = proposal_support::Entity::find()
        .filter(proposal_support::Column::UserId.eq(user.0))
        .all(&ctx.db)
        .await?;
    let reports = content_report::Entity::find()
        .filter(content_report::Column::ReporterId.eq(user.0))
        .order_by_asc(content_report::Column::Id)
        .all(&ctx.db)
        .await?;
    let follows = region_follow::Entity::find()
        .filter(region_follow::Column::UserId.eq(user.0))
        .find_also_related(region::Entity)
        .all(&ctx.db)
        .await?;
    Ok(json!({
        "consultation_responses": answered,
        "proposals": proposals.iter().map(|p| json!({
            "id": p.id,
            "consultation": p.consultation_id,
            "title": p.title,
            "text": p.body,
            "hidden": p.hidden,
            "created_at": p.created_at,
        })).collect::<Vec<_>>(),
        "comments": comments.iter().map(|c| json!({
            "id": c.id,
            "proposal": c.proposal_id,
            "text": c.body,
            "hidden": c.hidden,
            "created_at": c.created_at,
        })).collect::<Vec<_>>(),
        "supports": supports.iter().map(|s| json!({
            "proposal": s.proposal_id,
            "created_at": s.created_at,
        })).collect::<Vec<_>>(),
        "reports": reports.iter().map(|r| json!({
            "consultation": r.consultation_id,
            "kind": r.kind,
            "reason": r.reason,
            "created_at": r.created_at,
            "decision": r.decision,
        })).collect::<Vec<_>>(),
        "regions_followed": follows.iter().map(|(f, r)| json!({
            "region": r.as_ref().map(|r| r.slug.clone()),
            "since": f.created_at,
        })).collect::<Vec<_>>(),
    }))
}

/// What deleting `user`'s account does to their responses, in the deletion's transaction: a
/// response to a consultation still open is withdrawn (taken out of the tallies, then deleted:
/// no vote outlives its voter, and answering again from a new account is one voice again); a
/// response to a consultation that closed stays in its results, without its author (the
/// foreign key sets it to NULL), the synthesis by email or the hash of their CIN.
pub(crate) async fn forget_participant<C: ConnectionTrait>(
    txn: &C,
    now: chrono::DateTime<chrono::Utc>,
    user: UserId,
) -> Result<(), DomainError> {
    let responses = response::Entity::find()
        .filter(response::Column::UserId.eq(user.0))
        .find_also_related(consultation::Entity)
        .all(txn)
        .await?;
    for (r, c) in responses {
        let c = c.ok_or(DomainError::NotFound)?;
        if status_of(&c, now)?.is_open() {
            if r.counted {
                let rows = answer::Entity::find()
                    .filter(answer::Column::ResponseId.eq(r.id))
                    .all(txn)
                    .await?;
                let said = Counted::of_rows(r.province_id, r.audience_declared, &rows);
                let deltas = tallies::withdrawal(&said);
                tallies::apply(txn, ConsultationId(c.id), tallies::shard(), &deltas).await?;
            }
            response::Entity::delete_by_id(r.id).exec(txn).await?;
        } else {
            // Kept without its author: nothing of theirs, not even the hash of their card.
            response::Entity::update_many()
                .col_expr(response::Column::Notify, Expr::value(false))
                .col_expr(
                    response::Column::CinKey,
                    Expr::value(Option::<String>::None),
                )
                .filter(response::Column::Id.eq(r.id))
                .exec(txn)
                .await?;
        }
    }
    Ok(())
}
