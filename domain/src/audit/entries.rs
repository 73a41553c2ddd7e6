//! Reading the log: the platform admins read all of it, the staff of a region (its moderators and
//! council officers) the entries of their region; filtered by action, region, actor and days, 50
//! a page, newest first.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect};

use crate::entities::{audit_entry, user};
use crate::roles::Actor;
use crate::types::{Email, PageNumber};
use crate::{AppContext, DomainError};

/// Entries per page.
pub const AUDIT_PAGE: u64 = 50;

/// One line of the log as its readers see it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditView {
    pub at: DateTime<Utc>,
    pub action: String,
    pub actor_user_id: Option<i32>,
    /// The actor's email address, while the account exists (platform admins only; a region's
    /// staff read the display name).
    pub actor_email: Option<String>,
    pub subject_user_id: Option<i32>,
    /// The subject's email address, while the account exists (platform admins only).
    pub subject_email: Option<String>,
    pub region_id: Option<i32>,
    pub detail: String,
}

/// Which entries to read.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AuditFilter {
    pub action: Option<String>,
    pub region_id: Option<i32>,
    /// The actor's email address.
    pub actor: Option<Email>,
    /// From this day (Morocco's time), included.
    pub from: Option<NaiveDate>,
    /// Until this day, included.
    pub to: Option<NaiveDate>,
}

/// A page of entries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditPage {
    pub entries: Vec<AuditView>,
    pub page: u64,
    pub pages: u64,
    pub total: u64,
}

/// The start of `day` in Morocco, in UTC.
fn start_of(day: NaiveDate) -> DateTime<Utc> {
    chrono_tz::Africa::Casablanca
        .from_local_datetime(&day.and_time(chrono::NaiveTime::MIN))
        .earliest()
        .map_or_else(
            || day.and_time(chrono::NaiveTime::MIN).and_utc(),
            |at| at.to_utc(),
        )
}

/// Page `page` of the entries `filter` selects, for `by`: a platform admin reads every region's;
/// a region's staff only their region's (a filter naming no region, or another, is refused with
/// `Forbidden`, audit-logged).
pub async fn list_entries(
    ctx: &AppContext,
    by: &Actor,
    filter: &AuditFilter,
    page: u64,
) -> Result<AuditPage, DomainError> {
    let admin = by.is_admin();
    let staff_of_region = filter
        .region_id
        .is_some_and(|r| by.is_moderator_of(r) || by.is_officer_of(r));
    if !admin && !staff_of_region {
        let target = serde_json::json!({ "region": filter.region_id });
        return Err(
            crate::audit::denied(ctx, by.user.0, "list_audit", filter.region_id, target).await,
        );
    }
    let mut query = audit_entry::Entity::find();
    if let Some(action) = filter.action.as_deref().filter(|a| !a.is_empty()) {
        query = query.filter(audit_entry::Column::Action.eq(action));
    }
    if let Some(region) = filter.region_id {
        query = query.filter(audit_entry::Column::RegionId.eq(region));
    }
    if let Some(actor) = &filter.actor {
        let id = user::Entity::find()
            .filter(user::Column::Email.eq(actor.as_str()))
            .one(&ctx.db)
            .await?
            .map_or(0, |u| u.id);
        query = query.filter(audit_entry::Column::ActorUserId.eq(id));
    }
    if let Some(from) = filter.from {
        query = query.filter(audit_entry::Column::At.gte(start_of(from)));
    }
    if let Some(to) = filter.to.and_then(|d| d.succ_opt()) {
        query = query.filter(audit_entry::Column::At.lt(start_of(to)));
    }
    let total = query.clone().count(&ctx.db).await?;
    let PageNumber {
        page,
        pages,
        offset,
    } = PageNumber::of(page, total, AUDIT_PAGE);
    let entries = query
        .order_by_desc(audit_entry::Column::Id)
        .offset(offset)
        .limit(AUDIT_PAGE)
        .all(&ctx.db)
        .await?;
    let mut ids: Vec<i32> = entries
        .iter()
        .flat_map(|e| [e.actor_user_id, e.subject_user_id])
        .flatten()
        .collect();
    ids.sort_unstable();
    ids.dedup();
    // Admins read addresses; a region's staff the actors' display names, not whom it concerned.
    let names: HashMap<i32, String> = user::Entity::find()
        .filter(user::Column::Id.is_in(ids))
        .all(&ctx.db)
        .await?
        .into_iter()
        .map(|u| (u.id, if admin { u.email } else { u.display_name }))
        .collect();
    let name_of = |id: Option<i32>| id.and_then(|id| names.get(&id).cloned());
    Ok(AuditPage {
        entries: entries
            .into_iter()
            .map(|e| AuditView {
                at: e.at,
                actor_email: name_of(e.actor_user_id),
                subject_email: if admin {
                    name_of(e.subject_user_id)
                } else {
                    None
                },
                subject_user_id: e.subject_user_id.filter(|_| admin),
                action: e.action,
                actor_user_id: e.actor_user_id,
                region_id: e.region_id,
                detail: e.detail,
            })
            .collect(),
        page,
        pages,
        total,
    })
}
