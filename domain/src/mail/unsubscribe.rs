//! One-click unsubscribe from every mailing (RFC 8058), without signing in: each message of a
//! mailing carries a link (and a `List-Unsubscribe` header) naming what it subscribes to, signed
//! with a key derived from the master secret, so that a link stops only its own mailing and
//! cannot be forged for another person's.

use crate::types::Lang;
use crate::{AppContext, DomainError};

/// What a mailing was sent for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Subscription {
    /// Account `user` follows region `region` (news of its consultations).
    RegionNews { user: i32, region: i32 },
    /// Account `user` asked for the synthesis of consultation `consultation`.
    Synthesis { user: i32, consultation: i32 },
    /// Signature `signature` asked for news of its petition.
    PetitionNews { signature: i32 },
}

impl Subscription {
    fn payload(self) -> String {
        match self {
            Self::RegionNews { user, region } => format!("region.{user}.{region}"),
            Self::Synthesis { user, consultation } => format!("synthesis.{user}.{consultation}"),
            Self::PetitionNews { signature } => format!("petition.{signature}.0"),
        }
    }

    fn parse(payload: &str) -> Option<Self> {
        let mut parts = payload.split('.');
        let (kind, a, b) = (parts.next()?, parts.next()?, parts.next()?);
        if parts.next().is_some() {
            return None;
        }
        let (a, b) = (a.parse().ok()?, b.parse().ok()?);
        match kind {
            "region" => Some(Self::RegionNews { user: a, region: b }),
            "synthesis" => Some(Self::Synthesis {
                user: a,
                consultation: b,
            }),
            "petition" if b == 0 => Some(Self::PetitionNews { signature: a }),
            _ => None,
        }
    }
}

/// The signature of `payload` (128 bits, hex).
fn mac(ctx: &AppContext, payload: &str) -> String {
    ctx.keys
        .origin_hash("unsubscribe", payload)
        .chars()
        .take(32)
        .collect()
}

/// The token of `subscription`: what it is, and its signature.
pub fn token(ctx: &AppContext, subscription: Subscription) -> String {
    let payload = subscription.payload();
    let signature = mac(ctx, &payload);
    format!("{payload}.{signature}")
}

/// The unsubscribe address of `subscription` (a POST to it unsubscribes in one click; a visit
/// shows a page with a button).
pub fn link(ctx: &AppContext, lang: Lang, subscription: Subscription) -> String {
    super::links::unsubscribe(ctx, lang, &token(ctx, subscription))
}

/// The subscription `token` names, if its signature holds (`Validation("token",
/// "invalid_link")` otherwise).
pub fn verify(ctx: &AppContext, token: &str) -> Result<Subscription, DomainError> {
    let invalid = || DomainError::Validation {
        field: "token",
        code: "invalid_link",
    };
    let (payload, signature) = token.trim().rsplit_once('.').ok_or_else(invalid)?;
    let expected = mac(ctx, payload);
    // Compared in constant time.
    let same = expected.len() == signature.len()
        && expected
            .bytes()
            .zip(signature.bytes())
            .fold(0u8, |acc, (a, b)| acc | (a ^ b))
            == 0;
    if !same {
        return Err(invalid());
    }
    Subscription::parse(payload).ok_or_else(invalid)
}

/// `email` of a mailing, with the link that stops it under its text and in its headers.
pub fn attach(
    ctx: &AppContext,
    mut email: super::OutgoingEmail,
    lang: Lang,
    subscription: Subscription,
) -> super::OutgoingEmail {
    let url = link(ctx, lang, subscription);
    email.text.push_str(&format!("\n{}\n{url}\n", footer(lang)));
    let paragraph = format!(
        "<p style=\"font-size: 0.9em\">{} <a href=\"{}\">{}</a></p>\n",
        html_escape::encode_text(footer(lang)),
        html_escape::encode_double_quoted_attribute(&url),
        html_escape::encode_text(&url)
    );
    match email.html.rfind("</body>") {
        Some(at) => email.html.insert_str(at, &paragraph),
        None => email.html.push_str(&paragraph),
    }
    email.unsubscribe = Some(url);
    email
}

/// The words under a mailing's message: how to stop it.
pub fn footer(lang: Lang) -> &'static str {
    super::words::UNSUBSCRIBE_FOOTER.get(lang)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ctx() -> AppContext {
        let db = sea_orm::DatabaseConnection::default();
        let keys = crate::secrets::Keys::derive(b"a master secret of at least 32 bytes!")
            .unwrap_or_else(|e| panic!("{e}"));
        AppContext::new(db, keys)
    }

    #[test]
    fn a_token_names_one_subscription_and_cannot_be_changed() {
        let ctx = ctx();
        for subscription in [
            Subscription::RegionNews { user: 7, region: 3 },
            Subscription::Synthesis {
                user: 7,
                consultation: 12,
            },
            Subscription::PetitionNews { signature: 99 },
        ] {
            let token = token(&ctx, subscription);
            assert_eq!(verify(&ctx, &token).ok(), Some(subscription));
        }
        let good = token(&ctx, Subscription::RegionNews { user: 7, region: 3 });
        let forged = good.replacen("region.7", "region.8", 1);
        assert!(verify(&ctx, &forged).is_err(), "another person's");
        for bad in [
            "",
            "region.7.3",
            "region.7.3.",
            "x.1.2.abcd",
            &good[..good.len() - 1],
        ] {
            assert!(verify(&ctx, bad).is_err(), "{bad}");
        }
    }
}
