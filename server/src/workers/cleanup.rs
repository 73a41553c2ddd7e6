//! Runs the periodic clean-up (`domain::maintenance`) and the erasure of closed petitions'
//! signatories after their retention (`domain::petitions::retention`) in every instance; both
//! are idempotent, so instances running them at the same time do no harm.

use std::time::Duration;

use domain::AppContext;
use tokio::task::JoinHandle;

/// Starts the clean-up loop: once at start, then every `interval`. Signatories are erased
/// `retention` after their petition closed.
pub fn spawn(ctx: AppContext, interval: Duration, retention: chrono::Duration) -> JoinHandle<()> {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(interval.max(Duration::from_secs(1)));
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            tick.tick().await;
            match domain::maintenance::clean_up(&ctx).await {
                Ok(report) if report.total() > 0 => tracing::info!(
                    sessions = report.sessions,
                    email_links = report.email_links,
                    signature_links = report.signature_links,
                    sent_emails = report.sent_emails,
                    rate_limit_counts = report.rate_limit_counts,
                    staff_alerts = report.staff_alerts,
                    "clean-up deleted expired rows"
                ),
                Ok(_) => {}
                Err(err) => tracing::warn!(%err, "clean-up failed"),
            }
            if let Err(err) =
                domain::petitions::retention::erase_closed_signatories(&ctx, retention).await
            {
                tracing::warn!(%err, "erasing signatories after retention failed");
            }
        }
    })
}
