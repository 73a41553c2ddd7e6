//! A new password: 10 to 128 characters, and not one that attackers try first.

use secrecy::{ExposeSecret, SecretString};

use crate::DomainError;

/// Shortest password accepted.
pub const MIN_PASSWORD_CHARS: usize = 10;
/// Longest password accepted (argon2 takes longer ones, but nobody types them).
pub const MAX_PASSWORD_CHARS: usize = 128;

/// A password good enough to be set on an account. The text is kept secret (never logged).
#[derive(Debug)]
pub struct NewPassword(SecretString);

impl NewPassword {
    /// Checks the length, then refuses passwords that zxcvbn finds in its lists of common
    /// passwords, words and patterns (score below 2: guessable in under 10^6 tries).
    pub fn parse(input: &str, context: &[&str]) -> Result<Self, DomainError> {
        let chars = input.chars().count();
        if chars < MIN_PASSWORD_CHARS {
            return Err(DomainError::Validation {
                field: "password",
                code: "password_too_short",
            });
        }
        if chars > MAX_PASSWORD_CHARS {
            return Err(DomainError::Validation {
                field: "password",
                code: "password_too_long",
            });
        }
        if zxcvbn::zxcvbn(input, context).score() < zxcvbn::Score::Two {
            return Err(DomainError::Validation {
                field: "password",
                code: "password_too_common",
            });
        }
        Ok(Self(SecretString::from(input)))
    }

    /// The password text, for hashing only.
    pub fn expose(&self) -> &str {
        self.0.expose_secret()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(input: &str) -> Option<&'static str> {
        NewPassword::parse(input, &["amina@example.ma"])
            .err()
            .map(|e| e.code())
    }

    #[test]
    fn length_limits() {
        assert_eq!(code("Xq7!vR2#"), Some("password_too_short"));
        assert_eq!(code(&"Xq7!vR2#zT".repeat(13)), Some("password_too_long"));
        assert_eq!(
            code(&"k8#Tz!q2Wm".repeat(12)),
            None,
            "120 characters are fine"
        );
    }

    #[test]
    fn common_passwords_are_refused() {
        for common in [
            "password123",
            "1234567890",
            "qwertyuiop",
            "azertyuiop",
            "aaaaaaaaaa",
            "iloveyou12",
        ] {
            assert_eq!(code(common), Some("password_too_common"), "{common}");
        }
    }

    #[test]
    fn unusual_passwords_are_accepted() {
        for good in [
            "tajine-sous-la-pluie-42",
            "Wz8!kq2#Lp",
            "ⵜⴰⵎⵏⴰⴹⵜ ⵏ ⵙⵓⵙ 2026",
        ] {
            assert_eq!(code(good), None, "{good}");
        }
    }
}
