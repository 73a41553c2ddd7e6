//! Every feature's news, in one place: the periodic round sends what is due of each, and an
//! unsubscribe link stops the mailing it names, whichever feature sent it. The features send
//! their own batches (`petitions::mailings`, `consultations::mailings`); the signed links are
//! `mail::unsubscribe`.

use crate::mail::unsubscribe::{Subscription, verify};
use crate::{AppContext, DomainError};

/// Sends the next `batch` emails of each pending mailing of every feature (consultations first
/// schedule what has become due); gives how many emails were queued. One feature failing does
/// not hold the other back: its error is given after both have run.
pub async fn send_due_mailings(ctx: &AppContext, batch: u64) -> Result<u64, DomainError> {
    let petitions = crate::petitions::mailings::send_due(ctx, batch).await;
    let consultations = crate::consultations::mailings::send_due(ctx, batch).await;
    Ok(petitions? + consultations?)
}

/// Stops the mailing `token` names (again: nothing changes).
pub async fn unsubscribe(ctx: &AppContext, token: &str) -> Result<Subscription, DomainError> {
    let subscription = verify(ctx, token)?;
    match subscription {
        Subscription::RegionNews { user, region } => {
            crate::consultations::mailings::stop_region_news(ctx, user, region).await?;
        }
        Subscription::Synthesis { user, consultation } => {
            crate::consultations::mailings::stop_synthesis(ctx, user, consultation).await?;
        }
        Subscription::PetitionNews { signature } => {
            crate::petitions::mailings::stop_news(ctx, signature).await?;
        }
    }
    Ok(subscription)
}
