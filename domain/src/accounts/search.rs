//! Finding an account, for platform admins: by address or name (a part of either, any case) or
//! by number (`#42`), 20 a page, each with its roles and blocks. Every search is audit-logged
//! with what was looked for: it reads people's personal data.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, ExprTrait, Func, LikeExpr};
use sea_orm::{
    ColumnTrait, Condition, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect,
};

use crate::audit::{self, AuditEvent};
use crate::blocks::EVERY_REGION;
use crate::entities::{account_block, user, user_role};
use crate::roles::{Actor, Role};
use crate::types::PageNumber;
use crate::{AppContext, DomainError};

/// Accounts per page.
pub const USERS_PAGE: u64 = 20;
/// Shortest and longest search, in characters.
const SEARCH_CHARS: (usize, usize) = (2, 100);

/// What an admin looks for: 2 to 100 characters, no control characters, compared in lower case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserSearch(String);

impl UserSearch {
    /// The search as typed.
    pub fn parse(typed: &str) -> Result<Self, DomainError> {
        let text = typed.trim();
        let invalid = |code| DomainError::Validation { field: "q", code };
        match text.chars().count() {
            n if n < SEARCH_CHARS.0 => Err(invalid("text_too_short")),
            n if n > SEARCH_CHARS.1 => Err(invalid("text_too_long")),
            _ if text.chars().any(char::is_control) => Err(invalid("text_invalid")),
            _ => Ok(Self(text.to_lowercase())),
        }
    }

    /// The search, in lower case.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The account number of `#42` or `42`.
    fn number(&self) -> Option<i32> {
        self.0.strip_prefix('#').unwrap_or(&self.0).parse().ok()
    }

    /// A `LIKE` pattern finding the search anywhere (its `%`, `_` and `\` taken literally).
    fn pattern(&self) -> LikeExpr {
        LikeExpr::new(self.escaped()).escape('\\')
    }

    /// The search between `%`, its own wildcards escaped with `\`.
    fn escaped(&self) -> String {
        let mut escaped = String::with_capacity(self.0.len() + 2);
        escaped.push('%');
        for c in self.0.chars() {
            if matches!(c, '%' | '_' | '\\') {
                escaped.push('\\');
            }
            escaped.push(c);
        }
        escaped.push('%');
        escaped
    }
}

/// An account as the admins find it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserView {
    pub id: i32,
    pub email: String,
    pub display_name: String,
    pub verified: bool,
    pub created_at: DateTime<Utc>,
    pub roles: Vec<Role>,
    /// The regions it is blocked in (`None`: every region).
    pub blocked_in: Vec<Option<i32>>,
}

/// A page of accounts found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserPage {
    pub users: Vec<UserView>,
    pub page: u64,
    pub pages: u64,
    pub total: u64,
}

/// Page `page` of the accounts whose address or display name contains `search`, or whose
/// number it is, oldest first (no search: none). Platform admins only (others: `Forbidden`,
/// audit-logged); each search is audit-logged.
pub async fn search_users(
    ctx: &AppContext,
    by: &Actor,
    search: Option<&UserSearch>,
    page: u64,
) -> Result<UserPage, DomainError> {
    if !by.is_admin() {
        let target = serde_json::json!({ "search": search.map(UserSearch::as_str) });
        return Err(audit::denied(ctx, by.user.0, "search_users", None, target).await);
    }
    let Some(search) = search else {
        return Ok(UserPage {
            users: Vec::new(),
            page: 1,
            pages: 1,
            total: 0,
        });
    };
    let lower = |column: user::Column| Expr::expr(Func::lower(Expr::col(column)));
    let mut matches = Condition::any()
        .add(lower(user::Column::Email).like(search.pattern()))
        .add(lower(user::Column::DisplayName).like(search.pattern()));
    if let Some(number) = search.number() {
        matches = matches.add(user::Column::Id.eq(number));
    }
    let query = user::Entity::find().filter(matches);
    let total = query.clone().count(&ctx.db).await?;
    let PageNumber {
        page,
        pages,
        offset,
    } = PageNumber::of(page, total, USERS_PAGE);
    let found = query
        .order_by_asc(user::Column::Id)
        .offset(offset)
        .limit(USERS_PAGE)
        .all(&ctx.db)
        .await?;
    let ids: Vec<i32> = found.iter().map(|u| u.id).collect();
    let mut roles: HashMap<i32, Vec<Role>> = HashMap::new();
    for row in user_role::Entity::find()
        .filter(user_role::Column::UserId.is_in(ids.clone()))
        .order_by_asc(user_role::Column::Id)
        .all(&ctx.db)
        .await?
    {
        if let Some(role) = Role::from_row(&row) {
            roles.entry(row.user_id).or_default().push(role);
        }
    }
    let mut blocks: HashMap<i32, Vec<Option<i32>>> = HashMap::new();
    for row in account_block::Entity::find()
        .filter(account_block::Column::UserId.is_in(ids))
        .order_by_asc(account_block::Column::RegionId)
        .all(&ctx.db)
        .await?
    {
        let region = Some(row.region_id).filter(|r| *r != EVERY_REGION);
        blocks.entry(row.user_id).or_default().push(region);
    }
    audit::record(
        ctx,
        &ctx.db,
        AuditEvent {
            actor_user_id: Some(by.user.0),
            action: "users_searched",
            subject_user_id: None,
            region_id: None,
            detail: serde_json::json!({ "search": search.as_str(), "found": total }),
        },
    )
    .await?;
    Ok(UserPage {
        users: found
            .into_iter()
            .map(|u| UserView {
                roles: roles.remove(&u.id).unwrap_or_default(),
                blocked_in: blocks.remove(&u.id).unwrap_or_default(),
                id: u.id,
                verified: u.email_verified_at.is_some(),
                email: u.email,
                display_name: u.display_name,
                created_at: u.created_at,
            })
            .collect(),
        page,
        pages,
        total,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_search_is_trimmed_lowered_and_bounded() {
        let parsed = UserSearch::parse("  Amina@Example.MA ").map(|s| s.0);
        assert_eq!(parsed.ok().as_deref(), Some("amina@example.ma"));
        for (typed, code) in [
            ("a", "text_too_short"),
            (" ", "text_too_short"),
            ("ab\u{0}cd", "text_invalid"),
        ] {
            assert!(
                matches!(UserSearch::parse(typed), Err(DomainError::Validation { code: c, .. }) if c == code),
                "{typed:?}"
            );
        }
        assert!(UserSearch::parse(&"x".repeat(101)).is_err());
        assert!(UserSearch::parse(&"أ".repeat(100)).is_ok());
    }

    #[test]
    fn wildcards_are_taken_literally_and_numbers_found() {
        let search = UserSearch::parse("50%_off\\").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(search.escaped(), "%50\\%\\_off\\\\%");
        assert_eq!(
            UserSearch::parse("#42").ok().and_then(|s| s.number()),
            Some(42)
        );
        assert_eq!(
            UserSearch::parse("42").ok().and_then(|s| s.number()),
            Some(42)
        );
        assert_eq!(
            UserSearch::parse("amina").ok().and_then(|s| s.number()),
            None
        );
    }
}
