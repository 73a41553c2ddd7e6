//! An email address, trimmed and lower-cased: the same person always gets the same account.

use serde::Serialize;

use crate::DomainError;

/// A syntactically valid email address (RFC 5322 addr-spec, at most 254 characters).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct Email(String);

impl Email {
    /// Parses and normalises an address; anything else is `invalid_email`.
    pub fn parse(input: &str) -> Result<Self, DomainError> {
        let normalised = input.trim().to_lowercase();
        let valid = normalised.len() <= 254
            && email_address::EmailAddress::parse_with_options(
                &normalised,
                email_address::Options::default()
                    .without_display_text()
                    .without_domain_literal(),
            )
            .is_ok_and(|parsed| parsed.domain().contains('.'));
        if valid {
            Ok(Self(normalised))
        } else {
            Err(DomainError::Validation {
                field: "email",
                code: "invalid_email",
            })
        }
    }

    /// The address as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The mailbox the address delivers to: lower-case (already), without a `+tag` after the
    /// local part. `amina+1@example.ma` and `Amina+2@example.ma` are one mailbox; at Gmail,
    /// which ignores dots and answers at two domains, `a.mina@googlemail.com` is `amina@gmail.com`.
    pub fn mailbox(&self) -> String {
        match self.0.rsplit_once('@') {
            Some((local, domain)) => {
                let local = local.split_once('+').map_or(local, |(base, _)| base);
                if matches!(domain, "gmail.com" | "googlemail.com") {
                    format!("{}@gmail.com", local.replace('.', ""))
                } else {
                    format!("{local}@{domain}")
                }
            }
            None => self.0.clone(),
        }
    }

    /// The domain part (`example.ma`).
    pub fn domain(&self) -> &str {
        self.0.rsplit_once('@').map_or("", |(_, domain)| domain)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn normalises_case_and_spaces() {
        let email = Email::parse("  Amina.Tazi@Example.MA ").map(|e| e.0).ok();
        assert_eq!(email.as_deref(), Some("amina.tazi@example.ma"));
    }

    #[test]
    fn tags_do_not_make_another_mailbox() {
        let mailbox = |s: &str| Email::parse(s).map(|e| e.mailbox()).ok();
        assert_eq!(
            mailbox("Amina+1@Example.ma").as_deref(),
            Some("amina@example.ma")
        );
        assert_eq!(
            mailbox("amina+a+b@example.ma").as_deref(),
            Some("amina@example.ma")
        );
        assert_eq!(
            mailbox("amina@example.ma").as_deref(),
            Some("amina@example.ma")
        );
        assert_eq!(
            mailbox("a.mi.na+x@GoogleMail.com").as_deref(),
            Some("amina@gmail.com")
        );
        assert_eq!(
            mailbox("a.mina@example.ma").as_deref(),
            Some("a.mina@example.ma")
        );
        let domain = Email::parse("a+b@Mail.Example.ma").map(|e| e.domain().to_owned());
        assert_eq!(domain.ok().as_deref(), Some("mail.example.ma"));
    }

    #[test]
    fn refuses_malformed_addresses() {
        for input in [
            "",
            "amina",
            "amina@",
            "@example.ma",
            "a b@example.ma",
            "Amina <a@b.ma>",
            "a@localhost",
            "a@[127.0.0.1]",
        ] {
            assert!(Email::parse(input).is_err(), "{input:?} was accepted");
        }
        assert!(Email::parse(&format!("{}@example.ma", "a".repeat(250))).is_err());
    }

    proptest! {
        #[test]
        fn accepted_addresses_are_lower_case_and_trimmed(input in "\\PC{0,60}") {
            if let Ok(email) = Email::parse(&input) {
                prop_assert_eq!(email.as_str(), email.as_str().trim().to_lowercase());
                prop_assert!(email.as_str().contains('@'));
                // The mailbox is an address of the same domain, without a tag.
                let mailbox = email.mailbox();
                let domain = format!("@{}", email.domain().replace("googlemail.com", "gmail.com"));
                prop_assert!(mailbox.ends_with(&domain), "{} {}", mailbox, domain);
                let local = mailbox.rsplit_once('@').map(|(local, _)| local).unwrap_or_default();
                prop_assert!(!local.contains('+'));
            }
        }
    }
}
