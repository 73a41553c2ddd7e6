//! The URL name of a region, e.g. `souss-massa`.

use serde::Serialize;

use crate::DomainError;

/// A syntactically valid region slug: 1 to 64 characters of `a-z`, `0-9` and inner `-`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct RegionSlug(String);

impl RegionSlug {
    /// Parses a slug; anything else is a validation error.
    pub fn parse(input: &str) -> Result<Self, DomainError> {
        let valid = !input.is_empty()
            && input.len() <= 64
            && !input.starts_with('-')
            && !input.ends_with('-')
            && input
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
        if valid {
            Ok(Self(input.to_owned()))
        } else {
            Err(DomainError::Validation {
                field: "region",
                code: "invalid_region_slug",
            })
        }
    }

    /// The slug as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The characters of `input` a slug may hold, for an address built back from a form
    /// (`/fr/r/{this}/…`): whatever was posted, the link stays on this site.
    pub fn path_segment(input: &str) -> String {
        input
            .chars()
            .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
            .take(64)
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn accepts_the_slugs_of_the_regions() {
        for slug in ["souss-massa", "dakhla-oued-ed-dahab", "oriental"] {
            assert_eq!(
                RegionSlug::parse(slug).map(|s| s.0).ok(),
                Some(slug.to_owned())
            );
        }
    }

    #[test]
    fn a_posted_region_never_leads_off_the_site() {
        assert_eq!(RegionSlug::path_segment("souss-massa"), "souss-massa");
        assert_eq!(
            RegionSlug::path_segment("//evil.example/x?y"),
            "evilexamplexy"
        );
        assert_eq!(RegionSlug::path_segment("../../admin"), "admin");
        assert_eq!(RegionSlug::path_segment(&"a".repeat(500)).len(), 64);
    }

    #[test]
    fn refuses_malformed_slugs() {
        for slug in ["", "-a", "a-", "Souss", "a/b", "a b", "é", &"a".repeat(65)] {
            assert!(RegionSlug::parse(slug).is_err(), "{slug:?} was accepted");
        }
    }

    proptest! {
        #[test]
        fn anything_accepted_is_url_safe(input in "\\PC{0,80}") {
            if let Ok(slug) = RegionSlug::parse(&input) {
                prop_assert!(slug.as_str().bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-'));
                prop_assert!(slug.as_str().len() <= 64);
            }
        }
    }
}
