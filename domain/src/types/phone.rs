//! A phone number as people write it: digits with spaces, dots, dashes and brackets, and a
//! leading `+`; 6 to 15 digits (E.164 allows 15). Nothing else, so that a number is never read
//! as a formula or markup.

use crate::DomainError;

/// A checked phone number, kept as written (trimmed).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Phone(String);

impl Phone {
    /// Checks `typed` for the form field `field` (`phone_invalid`).
    pub fn parse(field: &'static str, typed: &str) -> Result<Self, DomainError> {
        let typed = typed.trim();
        let allowed = typed
            .chars()
            .enumerate()
            .all(|(i, c)| c.is_ascii_digit() || " .-()".contains(c) || (c == '+' && i == 0));
        let digits = typed.chars().filter(char::is_ascii_digit).count();
        if allowed && (6..=15).contains(&digits) {
            Ok(Self(typed.to_owned()))
        } else {
            Err(DomainError::Validation {
                field,
                code: "phone_invalid",
            })
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn into_string(self) -> String {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_as_people_write_them_and_nothing_else() {
        for ok in ["+212 5 28 22 33 44", "0528-22-33-44", "(05) 28.22.33.44"] {
            assert_eq!(
                Phone::parse("phone", ok)
                    .map(Phone::into_string)
                    .ok()
                    .as_deref(),
                Some(ok)
            );
        }
        for bad in [
            "=HYPERLINK(1)",
            "12",
            "06 12 34 56 78 90 12 34",
            "+",
            "05+28",
            "٠٥٢٨٢٢٣٣٤٤",
        ] {
            assert!(Phone::parse("phone", bad).is_err(), "{bad}");
        }
    }
}
