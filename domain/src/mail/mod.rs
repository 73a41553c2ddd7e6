//! Email: every message is first a row of the outbox (see `outbox`), then a worker hands it to
//! a `Mailer`: SMTP in production, `.eml` files by default, memory in tests.

pub mod batches;
#[cfg(test)]
mod every_email;
pub mod links;
pub mod outbox;
pub mod queue;
pub mod templates;
pub mod unsubscribe;
pub mod words;

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use lettre::message::header::{HeaderName, HeaderValue};
use lettre::message::{Mailbox, MultiPart};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

/// A message ready to be sent: recipient, subject, and the text and HTML parts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutgoingEmail {
    pub to: String,
    pub subject: String,
    pub text: String,
    pub html: String,
    /// The one-click unsubscribe address of a mailing (`List-Unsubscribe`, RFC 8058).
    pub unsubscribe: Option<String>,
}

/// A failure to hand a message over (the outbox retries it later).
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct MailError(pub String);

/// Sends messages.
#[async_trait::async_trait]
pub trait Mailer: Send + Sync + std::fmt::Debug {
    /// Hands one message over for delivery.
    async fn send(&self, email: &OutgoingEmail) -> Result<(), MailError>;
}

fn build_message(from: &Mailbox, email: &OutgoingEmail) -> Result<Message, MailError> {
    let to: Mailbox = email
        .to
        .parse()
        .map_err(|e| MailError(format!("bad recipient: {e}")))?;
    let mut builder = Message::builder()
        .from(from.clone())
        .to(to)
        .subject(email.subject.clone());
    if let Some(url) = &email.unsubscribe {
        // A mail client offers "unsubscribe" and POSTs `List-Unsubscribe=One-Click` to it.
        builder = builder
            .raw_header(HeaderValue::new(
                HeaderName::new_from_ascii_str("List-Unsubscribe"),
                format!("<{url}>"),
            ))
            .raw_header(HeaderValue::new(
                HeaderName::new_from_ascii_str("List-Unsubscribe-Post"),
                "List-Unsubscribe=One-Click".to_owned(),
            ));
    }
    builder
        .multipart(MultiPart::alternative_plain_html(
            email.text.clone(),
            email.html.clone(),
        ))
        .map_err(|e| MailError(format!("cannot build the message: {e}")))
}

/// Parses the sender address (e.g. `Musharaka <no-reply@musharaka.ma>`).
pub fn parse_sender(from: &str) -> Result<Mailbox, MailError> {
    from.parse()
        .map_err(|e| MailError(format!("bad sender address {from:?}: {e}")))
}

/// Delivery over SMTP (`SMTP_URL`, e.g. `smtps://user:pass@smtp.example.ma`).
#[derive(Clone)]
pub struct SmtpMailer {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
}

impl std::fmt::Debug for SmtpMailer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SmtpMailer")
            .field("from", &self.from)
            .finish()
    }
}

impl SmtpMailer {
    /// A mailer for `url` (`smtp://`, `smtps://` or `smtp://…?tls=required`, see lettre).
    pub fn new(url: &str, from: Mailbox) -> Result<Self, MailError> {
        let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
            .map_err(|e| MailError(format!("bad SMTP_URL: {e}")))?
            .timeout(Some(std::time::Duration::from_secs(10)))
            .build();
        Ok(Self { transport, from })
    }
}

#[async_trait::async_trait]
impl Mailer for SmtpMailer {
    async fn send(&self, email: &OutgoingEmail) -> Result<(), MailError> {
        let message = build_message(&self.from, email)?;
        self.transport
            .send(message)
            .await
            .map(|_| ())
            .map_err(|e| MailError(format!("SMTP: {e}")))
    }
}

/// Messages written as `.eml` files into a folder (the default: `./data/outbox/`).
#[derive(Debug, Clone)]
pub struct FileMailer {
    dir: PathBuf,
    from: Mailbox,
}

impl FileMailer {
    /// A mailer writing into `dir` (created if missing, readable by its owner only: the
    /// messages hold sign-in and confirmation links).
    pub fn new(dir: PathBuf, from: Mailbox) -> Result<Self, MailError> {
        let mut builder = std::fs::DirBuilder::new();
        builder.recursive(true);
        #[cfg(unix)]
        std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
        builder
            .create(&dir)
            .map_err(|e| MailError(format!("cannot create {}: {e}", dir.display())))?;
        Ok(Self { dir, from })
    }
}

#[async_trait::async_trait]
impl Mailer for FileMailer {
    /// Writes the message as `{random}.eml`, readable and writable by its owner only.
    async fn send(&self, email: &OutgoingEmail) -> Result<(), MailError> {
        use tokio::io::AsyncWriteExt;
        let message = build_message(&self.from, email)?;
        let name: String = rand::random::<[u8; 16]>()
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        let path = self.dir.join(format!("{name}.eml"));
        let fail = |e: std::io::Error| MailError(format!("cannot write {}: {e}", path.display()));
        let mut options = tokio::fs::OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        options.mode(0o600);
        let mut file = options.open(&path).await.map_err(fail)?;
        file.write_all(&message.formatted()).await.map_err(fail)?;
        file.sync_all().await.map_err(fail)
    }
}

/// Messages kept in memory (tests read them).
#[derive(Debug, Clone, Default)]
pub struct MemoryMailer {
    sent: Arc<Mutex<Vec<OutgoingEmail>>>,
}

impl MemoryMailer {
    /// Every message sent so far.
    pub fn sent(&self) -> Vec<OutgoingEmail> {
        self.sent
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .clone()
    }
}

#[async_trait::async_trait]
impl Mailer for MemoryMailer {
    async fn send(&self, email: &OutgoingEmail) -> Result<(), MailError> {
        self.sent
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .push(email.clone());
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn files_are_readable_by_their_owner_only() {
        let root = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let dir = root.path().join("outbox");
        let from: Mailbox = "Musharaka <no-reply@musharaka.test>"
            .parse()
            .unwrap_or_else(|e| panic!("{e}"));
        let mailer = FileMailer::new(dir.clone(), from).unwrap_or_else(|e| panic!("{e}"));
        let email = OutgoingEmail {
            to: "amina@example.ma".into(),
            subject: "Confirmez votre signature".into(),
            text: "https://musharaka.test/confirm?token=secret".into(),
            html: "<p>secret</p>".into(),
            unsubscribe: Some("https://musharaka.test/unsubscribe?lang=fr&token=t.1.2.ab".into()),
        };
        mailer.send(&email).await.unwrap_or_else(|e| panic!("{e}"));
        mailer.send(&email).await.unwrap_or_else(|e| panic!("{e}"));
        let files: Vec<_> = std::fs::read_dir(&dir)
            .unwrap_or_else(|e| panic!("{e}"))
            .filter_map(Result::ok)
            .collect();
        assert_eq!(files.len(), 2, "one file per message");
        let content = std::fs::read_to_string(files[0].path()).unwrap_or_default();
        assert!(content.contains("Subject: Confirmez votre signature"));
        // A mailing's one-click unsubscribe (RFC 8058).
        assert!(content.contains(
            "List-Unsubscribe: <https://musharaka.test/unsubscribe?lang=fr&token=t.1.2.ab>"
        ));
        assert!(content.contains("List-Unsubscribe-Post: List-Unsubscribe=One-Click"));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = |p: &std::path::Path| {
                std::fs::metadata(p)
                    .map(|m| m.permissions().mode() & 0o777)
                    .unwrap_or(0)
            };
            assert_eq!(mode(&files[0].path()), 0o600);
            assert_eq!(mode(&dir), 0o700);
        }
    }
}
