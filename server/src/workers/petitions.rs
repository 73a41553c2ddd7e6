//! Keeps petitions moving: counts, thresholds and the end of collection periods every few
//! seconds, and the council's news mailed to signers in batches; consultations' news too (a
//! consultation opening, to the region's followers; the synthesis, to participants who asked). Safe with several instances:
//! every change is a conditional update that only one of them wins.

use std::time::Duration;

use domain::AppContext;
use domain::consultations::mailings as consultation_mailings;
use domain::petitions::{mailings, progress};
use tokio::task::JoinHandle;

/// Emails queued per mailing and round.
const MAILING_BATCH: u64 = 500;

/// Starts the loop, every `interval`.
pub fn spawn(ctx: AppContext, interval: Duration) -> JoinHandle<()> {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(interval.max(Duration::from_millis(100)));
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            tick.tick().await;
            match progress::refresh_progress(&ctx).await {
                Ok(report) if report != progress::ProgressReport::default() => tracing::info!(
                    recounted = report.recounted,
                    reached = report.reached,
                    fell_below = report.fell_below,
                    expired = report.expired,
                    "petition progress"
                ),
                Ok(_) => {}
                Err(err) => tracing::warn!(%err, "petition progress failed"),
            }
            match mailings::send_due_mailings(&ctx, MAILING_BATCH).await {
                Ok(0) => {}
                Ok(queued) => tracing::info!(queued, "petition news queued"),
                Err(err) => tracing::warn!(%err, "petition mailings failed"),
            }
            match consultation_mailings::send_due_mailings(&ctx, MAILING_BATCH).await {
                Ok(0) => {}
                Ok(queued) => tracing::info!(queued, "consultation news queued"),
                Err(err) => tracing::warn!(%err, "consultation mailings failed"),
            }
        }
    })
}
