//! Blocking accounts, from whichever moderation screen shows the content (a report, a petition
//! in moderation) and lifting blocks from the region's moderation page: server functions every
//! feature's moderation uses. The domain (`domain::blocks`) checks role and region.

use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use serde::{Deserialize, Serialize};

/// A block as the moderation page lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BlockItem {
    pub id: i32,
    pub name: String,
    /// Blocked in every region (only a platform admin lifts it).
    pub everywhere: bool,
    pub reason: String,
    pub blocked_on: crate::dates::Day,
}

/// Blocks the author of item `kind` `target` for `reason`, then goes back to `back` (a path of
/// this site, else the region's moderation page).
#[server(prefix = "/fn", endpoint = "block_author")]
pub async fn block_author(
    lang: String,
    region: String,
    kind: String,
    target: String,
    reason: String,
) -> Result<(), crate::web::error::AppError> {
    use domain::blocks::{Authored, BlockReason};
    let Some((lang, session, ctx, actor)) = crate::web::request::staff_form(&lang).await? else {
        return Ok(());
    };
    let result = match (Authored::parse(&kind, &target), BlockReason::parse(&reason)) {
        (Ok(item), Ok(reason)) => domain::blocks::block_author(&ctx, &actor, item, reason).await,
        (Err(err), _) | (_, Err(err)) => Err(err),
    };
    let flash = crate::web::flash::Flash::outcome("blocks", result.map(|()| "blocked_notice"));
    crate::web::request::back(&session, flash, &moderation_path(lang, &region)).await
}

/// A platform admin blocks the account of `email` in every region, then sees the admin page.
#[server(prefix = "/fn", endpoint = "block_everywhere")]
pub async fn block_everywhere(
    lang: String,
    email: String,
    reason: String,
) -> Result<(), crate::web::error::AppError> {
    use domain::blocks::BlockReason;
    let Some((lang, session, ctx, actor)) = crate::web::request::staff_form(&lang).await? else {
        return Ok(());
    };
    let result = match (
        domain::types::Email::parse(&email),
        BlockReason::parse(&reason),
    ) {
        (Ok(email), Ok(reason)) => {
            domain::blocks::block_everywhere(&ctx, &actor, &email, reason).await
        }
        (Err(err), _) | (_, Err(err)) => Err(err),
    };
    let flash = crate::web::flash::Flash::outcome("blocks", result.map(|()| "blocked_notice"));
    crate::web::request::back(&session, flash, &moderation_path(lang, "")).await
}

/// Lifts block `block`, then shows the moderation page of `region` (the admin page without one).
#[server(prefix = "/fn", endpoint = "unblock_account")]
pub async fn unblock_account(
    lang: String,
    region: String,
    block: i32,
) -> Result<(), crate::web::error::AppError> {
    let Some((lang, session, ctx, actor)) = crate::web::request::staff_form(&lang).await? else {
        return Ok(());
    };
    let result = domain::blocks::unblock_account(&ctx, &actor, block).await;
    let flash = crate::web::flash::Flash::outcome("blocks", result.map(|()| "unblocked_notice"));
    crate::web::request::back(&session, flash, &moderation_path(lang, &region)).await
}

/// The blocks that hold in `region` (without one: the blocks of every region); `None` for anyone
/// but its moderators and platform admins.
#[server(prefix = "/fn", endpoint = "list_blocks", input = GetUrl)]
pub async fn list_blocks(
    region: String,
) -> Result<Option<Vec<BlockItem>>, crate::web::error::AppError> {
    let ctx = crate::web::request::context()?;
    let Some(actor) = crate::web::request::current_actor(&ctx).await? else {
        return Ok(None);
    };
    let region_id = if region.is_empty() {
        domain::blocks::EVERY_REGION
    } else {
        match crate::web::request::find_region(&ctx, &region).await? {
            Some((_, detail)) => detail.id,
            None => return Ok(None),
        }
    };
    match domain::blocks::list_blocks(&ctx, &actor, region_id).await {
        Ok(list) => Ok(Some(
            list.into_iter()
                .map(|b| BlockItem {
                    id: b.id,
                    name: b.name,
                    everywhere: b.everywhere,
                    reason: b.reason,
                    blocked_on: crate::dates::Day::at(b.created_at),
                })
                .collect(),
        )),
        Err(domain::DomainError::Forbidden) => Ok(None),
        Err(err) => Err(err.into()),
    }
}

/// The moderation page of `region` at its blocks (the admin page's without a region).
#[cfg(feature = "ssr")]
fn moderation_path(lang: domain::types::Lang, region: &str) -> String {
    if region.is_empty() {
        return format!("{}#blocks", crate::paths::admin(lang.code(), None));
    }
    let region = domain::types::RegionSlug::path_segment(region);
    crate::paths::region(lang.code(), &region, "moderation#blocks")
}
