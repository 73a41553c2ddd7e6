//! The fraud review of a petition, for its region's moderators and the platform admins: the
//! online signatures per minute (spikes flagged against the petition's own baseline) and per
//! hour, and the networks, email domains and user agents they came from (as the keyed hashes
//! kept with each signature). A moderator selects signatures (by network, domain, agent and time
//! window) and marks them invalid with a reason: they stay stored, leave the counts (and so the
//! threshold) and the signatory list, and the petition's page says how many were removed, when
//! and why. An invalidation can be undone. Both before the deposit only, audit-logged.

mod invalidation;
mod review;
mod selection;

pub use invalidation::{
    InvalidationView, invalidate_signatures, removal_notices, undo_invalidation,
};
pub use review::{FraudReview, Minute, Share, fraud_review};
pub use selection::Selection;

use crate::entities::petition;
use crate::roles::Actor;
use crate::types::PetitionId;
use crate::{AppContext, DomainError};

/// The petition, if `by` moderates its region or is a platform admin (`Forbidden`,
/// audit-logged, otherwise).
async fn reviewed(
    ctx: &AppContext,
    by: &Actor,
    id: PetitionId,
    action: &'static str,
) -> Result<petition::Model, DomainError> {
    let p = super::load(&ctx.db, id).await?;
    if !by.is_moderator_of(p.region_id) && !by.is_admin() {
        let target = serde_json::json!({ "petition": p.id });
        return Err(crate::audit::denied(ctx, by.user.0, action, Some(p.region_id), target).await);
    }
    Ok(p)
}

/// Whether petition `p`'s signatures may still be invalidated or counted again (before its
/// deposit: the council's count is then fixed).
fn before_deposit(p: &petition::Model) -> Result<bool, DomainError> {
    Ok(super::state(p)?.1.is_signable())
}
