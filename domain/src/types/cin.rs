//! The number of a Moroccan national identity card (CIN, carte nationale d'identité).

use std::fmt;

use crate::DomainError;

/// A CIN in its normal form: one or two capital Latin letters, then 1 to 6 digits (`AB123456`,
/// `J98765`). Spaces, dashes and dots are ignored and letters upper-cased when parsing, so that
/// one card always gives one value (and one signature per petition).
#[derive(Clone, PartialEq, Eq)]
pub struct Cin(String);

impl Cin {
    /// Parses and normalises a CIN number.
    pub fn parse(input: &str) -> Result<Self, DomainError> {
        let invalid = || DomainError::Validation {
            field: "cin",
            code: "cin_invalid",
        };
        let cleaned: String = input
            .chars()
            .filter(|c| !matches!(c, ' ' | '-' | '.' | '\u{a0}'))
            .map(|c| c.to_ascii_uppercase())
            .collect();
        if cleaned.is_empty() {
            return Err(DomainError::Validation {
                field: "cin",
                code: "cin_missing",
            });
        }
        let letters = cleaned.chars().take_while(char::is_ascii_uppercase).count();
        let digits = &cleaned[letters..];
        if !(1..=2).contains(&letters)
            || !(1..=6).contains(&digits.len())
            || !digits.chars().all(|c| c.is_ascii_digit())
        {
            return Err(invalid());
        }
        Ok(Self(cleaned))
    }

    /// The normalised number (personal data: never log or display it outside the signatory list).
    pub fn expose(&self) -> &str {
        &self.0
    }
}

/// Redacted, so that a CIN never reaches a log by accident.
impl fmt::Debug for Cin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Cin(***)")
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    #[test]
    fn normalises_the_ways_people_write_it() {
        for written in [
            "AB123456",
            "ab123456",
            " AB 123 456 ",
            "AB-123456",
            "a.b.123456",
        ] {
            assert_eq!(
                Cin::parse(written).map(|c| c.0).ok().as_deref(),
                Some("AB123456"),
                "{written}"
            );
        }
        assert_eq!(
            Cin::parse("j98765").map(|c| c.0).ok().as_deref(),
            Some("J98765")
        );
    }

    #[test]
    fn refuses_what_is_not_a_cin() {
        for bad in [
            "123456",
            "ABC12345",
            "AB1234567",
            "AB",
            "AB12X4",
            "أب123456",
            "AB١٢٣",
        ] {
            assert!(Cin::parse(bad).is_err(), "{bad}");
        }
        assert!(matches!(
            Cin::parse("  "),
            Err(DomainError::Validation {
                code: "cin_missing",
                ..
            })
        ));
    }

    #[test]
    fn never_shows_the_number_in_debug_output() {
        let cin = Cin::parse("AB123456").ok();
        assert!(!format!("{cin:?}").contains("123456"));
    }

    proptest! {
        #[test]
        fn parsing_is_idempotent(input in "[a-zA-Z]{1,2}[ -]?[0-9]{1,6}") {
            let once = Cin::parse(&input).map(|c| c.0);
            prop_assert!(once.is_ok());
            let once = once.unwrap_or_default();
            prop_assert_eq!(Cin::parse(&once).map(|c| c.0).ok(), Some(once.clone()));
        }

        #[test]
        fn never_panics(input in ".{0,40}") {
            let _ = Cin::parse(&input);
        }
    }
}
