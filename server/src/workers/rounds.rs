//! The periodic round, every few seconds: petitions' counts, thresholds and the end of their
//! collection periods, then every feature's news mailed in batches (the council's steps to a
//! petition's signers, a consultation opening to the region's followers, its synthesis to the
//! participants who asked), then the staff's alerts and daily summaries. Safe with several
//! instances: every change is a conditional update or an insert that only one of them wins.

use std::time::Duration;

use domain::AppContext;
use domain::petitions::progress;
use domain::staff::{alerts, digests};
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
            match domain::mailings::send_due_mailings(&ctx, MAILING_BATCH).await {
                Ok(0) => {}
                Ok(queued) => tracing::info!(queued, "news queued"),
                Err(err) => tracing::warn!(%err, "mailings failed"),
            }
            match alerts::raise_due_alerts(&ctx).await {
                Ok(0) => {}
                Ok(recorded) => tracing::info!(recorded, "staff alerts"),
                Err(err) => tracing::warn!(%err, "staff alerts failed"),
            }
            match digests::send_due_digests(&ctx).await {
                Ok(0) => {}
                Ok(sent) => tracing::info!(sent, "staff summaries"),
                Err(err) => tracing::warn!(%err, "staff summaries failed"),
            }
        }
    })
}
