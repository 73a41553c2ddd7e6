//! Delivers the email outbox every few seconds.

use std::sync::Arc;
use std::time::Duration;

use domain::AppContext;
use domain::mail::{FileMailer, MailError, Mailer, SmtpMailer, outbox, parse_sender};
use tokio::task::JoinHandle;

use crate::Config;

/// The mailer the configuration asks for: SMTP when `SMTP_URL` is set, else `.eml` files.
pub fn mailer(config: &Config) -> Result<Arc<dyn Mailer>, MailError> {
    let from = parse_sender(&config.mail_from)?;
    Ok(match &config.smtp_url {
        Some(url) => Arc::new(SmtpMailer::new(url, from)?),
        None => Arc::new(FileMailer::new(config.outbox_dir.clone(), from)?),
    })
}

/// Starts the delivery loop.
pub fn spawn(ctx: AppContext, mailer: Arc<dyn Mailer>) -> JoinHandle<()> {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(Duration::from_secs(2));
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            tick.tick().await;
            match outbox::deliver_due(&ctx, mailer.as_ref(), 50).await {
                Ok(report) if report.sent + report.failed > 0 => {
                    tracing::info!(
                        sent = report.sent,
                        failed = report.failed,
                        "outbox delivered"
                    );
                }
                Ok(_) => {}
                Err(err) => tracing::warn!(%err, "outbox delivery round failed"),
            }
        }
    })
}
