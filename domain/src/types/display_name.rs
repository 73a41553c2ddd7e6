//! The name a person shows on the platform.

use serde::Serialize;

use crate::DomainError;

/// 1 to 80 characters after trimming, no control characters.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DisplayName(String);

impl DisplayName {
    /// Parses a display name.
    pub fn parse(input: &str) -> Result<Self, DomainError> {
        let name = input.trim();
        let chars = name.chars().count();
        if chars == 0 {
            return Err(DomainError::Validation {
                field: "display_name",
                code: "display_name_missing",
            });
        }
        if chars > 80 || name.chars().any(char::is_control) {
            return Err(DomainError::Validation {
                field: "display_name",
                code: "display_name_invalid",
            });
        }
        Ok(Self(name.to_owned()))
    }

    /// The name as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trims_and_bounds_names() {
        assert_eq!(
            DisplayName::parse("  أمينة ").map(|n| n.0).ok().as_deref(),
            Some("أمينة")
        );
        assert!(DisplayName::parse("   ").is_err());
        assert!(DisplayName::parse(&"a".repeat(81)).is_err());
        assert!(DisplayName::parse("a\u{0}b").is_err());
        assert!(DisplayName::parse(&"ⵣ".repeat(80)).is_ok());
    }
}
