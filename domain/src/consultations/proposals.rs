//! A consultation's call for proposals: while it is open, signed-in citizens submit proposals
//! (a title, a text, optionally the prefecture or province concerned), support others' once
//! each (a unique key), and comment. Proposals are ranked by support.

use sea_orm::{
    ActiveModelTrait, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect, Set,
};

use super::builder::status_of;
use super::text::plain as text;
use crate::entities::{consultation, proposal, proposal_comment, proposal_support, province};
use crate::rate_limits::{Participation, hit_participation};
use crate::types::ClientOrigin;
use crate::types::ConsultationId;
use crate::types::ProposalId;
use crate::types::UserId;
use crate::{AppContext, DomainError};

/// A proposal as typed.
#[derive(Debug, Clone, Default)]
pub struct ProposalForm {
    pub title: String,
    pub body: String,
    /// A province code of the region, or empty.
    pub province: String,
}

/// A proposal, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewProposal {
    pub title: String,
    pub body: String,
    pub province: Option<String>,
}

/// A comment, checked: 2 to 2,000 characters of plain text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CommentText(String);

impl NewProposal {
    /// Parses `form`: a title of 5 to 200 characters and a text of 20 to 5,000, plain text.
    pub fn parse(form: &ProposalForm) -> Result<Self, Vec<DomainError>> {
        let mut errors = Vec::new();
        let title = text(&mut errors, "title", &form.title, (5, 200));
        let body = text(&mut errors, "body", &form.body, (20, 5_000));
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(Self {
            title,
            body,
            province: Some(form.province.trim().to_owned()).filter(|p| !p.is_empty()),
        })
    }
}

impl CommentText {
    /// Parses a comment.
    pub fn parse(input: &str) -> Result<Self, DomainError> {
        let mut errors = Vec::new();
        let value = text(&mut errors, "comment", input, (2, 2_000));
        match errors.pop() {
            Some(err) => Err(err),
            None => Ok(Self(value)),
        }
    }
}

/// A proposal in a list, with its supports.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProposalView {
    pub id: ProposalId,
    pub title: String,
    pub body: String,
    pub province_id: Option<i32>,
    pub supports: u64,
    pub comments: u64,
}

/// The consultation `id` if its call for proposals is open now (`Conflict("not_open")`
/// otherwise).
async fn open_call(ctx: &AppContext, id: i32) -> Result<consultation::Model, DomainError> {
    let found = consultation::Entity::find_by_id(id)
        .one(&ctx.db)
        .await?
        .ok_or(DomainError::NotFound)?;
    if !found.proposals || !status_of(&found, ctx.clock.now())?.is_open() {
        return Err(DomainError::Conflict("not_open"));
    }
    Ok(found)
}

/// The visible proposal `id` and its open consultation.
async fn open_proposal(
    ctx: &AppContext,
    id: ProposalId,
) -> Result<(proposal::Model, consultation::Model), DomainError> {
    let found = proposal::Entity::find_by_id(id.0)
        .one(&ctx.db)
        .await?
        .filter(|p| !p.hidden)
        .ok_or(DomainError::NotFound)?;
    let call = open_call(ctx, found.consultation_id).await?;
    Ok((found, call))
}

/// `by` submits `proposal` to consultation `id`, while its call for proposals is open.
#[tracing::instrument(skip(ctx, proposal), fields(by = by.0, id = id.0))]
pub async fn submit_proposal(
    ctx: &AppContext,
    by: UserId,
    origin: &ClientOrigin,
    id: ConsultationId,
    proposal: NewProposal,
) -> Result<ProposalId, DomainError> {
    let call = open_call(ctx, id.0).await?;
    crate::blocks::ensure_not_blocked(&ctx.db, by, call.region_id).await?;
    let province = match &proposal.province {
        Some(code) => Some(
            province::Entity::find()
                .filter(province::Column::Code.eq(code.as_str()))
                .filter(province::Column::RegionId.eq(call.region_id))
                .one(&ctx.db)
                .await?
                .ok_or(DomainError::Validation {
                    field: "province",
                    code: "province_not_in_region",
                })?
                .id,
        ),
        None => None,
    };
    hit_participation(ctx, Participation::Propose, by.0, origin).await?;
    let created = proposal::ActiveModel {
        consultation_id: Set(id.0),
        user_id: Set(Some(by.0)),
        title: Set(proposal.title),
        body: Set(proposal.body),
        province_id: Set(province),
        hidden: Set(false),
        created_at: Set(ctx.clock.now()),
        ..Default::default()
    }
    .insert(&ctx.db)
    .await?;
    Ok(ProposalId(created.id))
}

/// `by` supports proposal `id` (once: `Conflict("already_supported")`; not their own:
/// `Conflict("own_proposal")`), while the call is open.
pub async fn support_proposal(
    ctx: &AppContext,
    by: UserId,
    origin: &ClientOrigin,
    id: ProposalId,
) -> Result<(), DomainError> {
    let (found, call) = open_proposal(ctx, id).await?;
    crate::blocks::ensure_not_blocked(&ctx.db, by, call.region_id).await?;
    if found.user_id == Some(by.0) {
        return Err(DomainError::Conflict("own_proposal"));
    }
    hit_participation(ctx, Participation::Support, by.0, origin).await?;
    proposal_support::ActiveModel {
        proposal_id: Set(id.0),
        user_id: Set(by.0),
        created_at: Set(ctx.clock.now()),
    }
    .insert(&ctx.db)
    .await
    .map_err(|e| match DomainError::from(e) {
        DomainError::Conflict(_) => DomainError::Conflict("already_supported"),
        other => other,
    })?;
    Ok(())
}

/// `by` comments on proposal `id`, while the call is open.
pub async fn comment_proposal(
    ctx: &AppContext,
    by: UserId,
    origin: &ClientOrigin,
    id: ProposalId,
    comment: CommentText,
) -> Result<(), DomainError> {
    let (_, call) = open_proposal(ctx, id).await?;
    crate::blocks::ensure_not_blocked(&ctx.db, by, call.region_id).await?;
    hit_participation(ctx, Participation::Comment, by.0, origin).await?;
    proposal_comment::ActiveModel {
        proposal_id: Set(id.0),
        user_id: Set(Some(by.0)),
        body: Set(comment.0),
        hidden: Set(false),
        created_at: Set(ctx.clock.now()),
        ..Default::default()
    }
    .insert(&ctx.db)
    .await?;
    Ok(())
}

/// Proposals per page of the ranked list.
pub const PROPOSALS_PAGE: u64 = 20;

/// A page of the ranked proposals.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProposalPage {
    pub proposals: Vec<ProposalView>,
    /// The page shown, from 0.
    pub page: u64,
    /// Whether a later page has more.
    pub has_next: bool,
}

/// Page `page` (from 0) of the visible proposals of consultation `id`, most supported first
/// (then oldest first). Supports and visible comments are counted in the same query, whatever
/// the number of proposals.
pub async fn list_proposals(
    ctx: &AppContext,
    id: ConsultationId,
    page: u64,
) -> Result<ProposalPage, DomainError> {
    use sea_orm::Order;
    use sea_orm::sea_query::Expr;
    let rows: Vec<(i32, String, String, Option<i32>, i64, i64)> = proposal::Entity::find()
        .filter(proposal::Column::ConsultationId.eq(id.0))
        .filter(proposal::Column::Hidden.eq(false))
        .select_only()
        .columns([
            proposal::Column::Id,
            proposal::Column::Title,
            proposal::Column::Body,
            proposal::Column::ProvinceId,
        ])
        .column_as(
            Expr::cust(
                "(SELECT COUNT(*) FROM proposal_supports s WHERE s.proposal_id = proposals.id)",
            ),
            "supports",
        )
        .column_as(
            Expr::cust(
                "(SELECT COUNT(*) FROM proposal_comments c \
                 WHERE c.proposal_id = proposals.id AND c.hidden = FALSE)",
            ),
            "comments",
        )
        .order_by(Expr::cust("supports"), Order::Desc)
        .order_by_asc(proposal::Column::Id)
        .offset(page.saturating_mul(PROPOSALS_PAGE))
        .limit(PROPOSALS_PAGE + 1)
        .into_tuple()
        .all(&ctx.db)
        .await?;
    let has_next = rows.len() > usize::try_from(PROPOSALS_PAGE).unwrap_or(usize::MAX);
    let count = |n: i64| u64::try_from(n).unwrap_or(0);
    Ok(ProposalPage {
        proposals: rows
            .into_iter()
            .take(usize::try_from(PROPOSALS_PAGE).unwrap_or(usize::MAX))
            .map(
                |(id, title, body, province_id, supports, comments)| ProposalView {
                    id: ProposalId(id),
                    title,
                    body,
                    province_id,
                    supports: count(supports),
                    comments: count(comments),
                },
            )
            .collect(),
        page,
        has_next,
    })
}

/// A visible comment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CommentView {
    pub id: i32,
    pub body: String,
    pub created_at: chrono::DateTime<chrono::Utc>,
}

/// A proposal's page: the proposal, its consultation, its visible comments (oldest first), and
/// what the viewer did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProposalDetail {
    pub proposal: ProposalView,
    pub consultation_id: ConsultationId,
    pub comments: Vec<CommentView>,
    /// The viewer wrote it.
    pub own: bool,
    /// The viewer supports it.
    pub supported: bool,
}

/// The visible proposal `id`, as `viewer` sees it.
pub async fn get_proposal(
    ctx: &AppContext,
    viewer: Option<UserId>,
    id: ProposalId,
) -> Result<ProposalDetail, DomainError> {
    let found = proposal::Entity::find_by_id(id.0)
        .one(&ctx.db)
        .await?
        .filter(|p| !p.hidden)
        .ok_or(DomainError::NotFound)?;
    let supports = proposal_support::Entity::find()
        .filter(proposal_support::Column::ProposalId.eq(id.0))
        .count(&ctx.db)
        .await?;
    let comments: Vec<CommentView> = proposal_comment::Entity::find()
        .filter(proposal_comment::Column::ProposalId.eq(id.0))
        .filter(proposal_comment::Column::Hidden.eq(false))
        .order_by_asc(proposal_comment::Column::Id)
        .all(&ctx.db)
        .await?
        .into_iter()
        .map(|c| CommentView {
            id: c.id,
            body: c.body,
            created_at: c.created_at,
        })
        .collect();
    let supported = match viewer {
        Some(user) => proposal_support::Entity::find_by_id((id.0, user.0))
            .one(&ctx.db)
            .await?
            .is_some(),
        None => false,
    };
    Ok(ProposalDetail {
        own: viewer.is_some_and(|u| Some(u.0) == found.user_id),
        supported,
        consultation_id: ConsultationId(found.consultation_id),
        proposal: ProposalView {
            id,
            title: found.title,
            body: found.body,
            province_id: found.province_id,
            supports,
            comments: u64::try_from(comments.len()).unwrap_or(u64::MAX),
        },
        comments,
    })
}

/// The proposals of consultation `id` that `user` supports.
pub async fn supported_by(
    ctx: &AppContext,
    user: UserId,
    id: ConsultationId,
) -> Result<Vec<ProposalId>, DomainError> {
    use sea_orm::sea_query::Query;
    let of_this = proposal_support::Entity::find()
        .filter(proposal_support::Column::UserId.eq(user.0))
        .filter(
            proposal_support::Column::ProposalId.in_subquery(
                Query::select()
                    .column(proposal::Column::Id)
                    .from(proposal::Entity)
                    .and_where(proposal::Column::ConsultationId.eq(id.0))
                    .to_owned(),
            ),
        )
        .select_only()
        .column(proposal_support::Column::ProposalId)
        .into_tuple::<i32>()
        .all(&ctx.db)
        .await?;
    Ok(of_this.into_iter().map(ProposalId).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn proposals_and_comments_are_plain_text_of_a_fair_length() {
        let ok = NewProposal::parse(&ProposalForm {
            title: "Une navette vers l'université".into(),
            body: "Une navette matin et soir entre Taroudant et Agadir pour les étudiants.".into(),
            province: " taroudant ".into(),
        })
        .unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(ok.province.as_deref(), Some("taroudant"));
        let codes: Vec<&str> = NewProposal::parse(&ProposalForm {
            title: "Bus".into(),
            body: "<script>alert(1)</script> une navette pour tous".into(),
            province: String::new(),
        })
        .err()
        .unwrap_or_default()
        .iter()
        .map(DomainError::code)
        .collect();
        assert_eq!(codes, ["text_too_short", "markup_refused"]);
        assert!(CommentText::parse("Oui !").is_ok());
        assert_eq!(
            CommentText::parse(" ").err().map(|e| e.code()),
            Some("text_missing")
        );
        assert_eq!(
            CommentText::parse(&"x".repeat(2_001))
                .err()
                .map(|e| e.code()),
            Some("text_too_long")
        );
    }
}
