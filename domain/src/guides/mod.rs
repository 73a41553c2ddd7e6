//! The guides library: pages that explain how to take part and how councils work, national
//! (written by the platform admins) or regional (written by a region's council officers). Each
//! guide is a series of versions — the latest a draft until published — whose texts are per
//! language, the fallback language's required. A region adopts a national guide or another
//! region's by copying it (once, remembering where it came from), then adapts it. A guide's
//! numbers come from the region's settings through placeholders filled when it is read
//! ([`facts`]), so that it never states a stale threshold.

pub mod documents;
pub mod editing;
pub mod facts;
pub mod history;
pub mod practices;
pub mod views;

use crate::roles::Actor;

/// What a guide is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Category {
    Petitioning,
    Consultations,
    /// The law explained (Law 111-14, Law 09-08 on personal data).
    Law,
    /// The council's commitments (accessibility, terms of use, how it answers).
    Commitments,
    /// Practices of councils.
    Practices,
}

impl Category {
    pub const ALL: [Self; 5] = [
        Self::Petitioning,
        Self::Consultations,
        Self::Law,
        Self::Commitments,
        Self::Practices,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Petitioning => "petitioning",
            Self::Consultations => "consultations",
            Self::Law => "law",
            Self::Commitments => "commitments",
            Self::Practices => "practices",
        }
    }

    pub fn parse(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.as_str() == name)
    }
}

/// Whether `by` writes the guides of `region_id` (`None`: the national ones): the platform
/// admins write the national guides, a region's council officers its own.
pub fn may_write(by: &Actor, region_id: Option<i32>) -> bool {
    match region_id {
        None => by.is_admin(),
        Some(region) => by.is_officer_of(region),
    }
}

/// The regions whose guides `by` writes (those where they are a council officer).
pub fn regions_written(by: &Actor) -> Vec<i32> {
    by.roles
        .iter()
        .filter_map(|role| match role {
            crate::roles::Role::CouncilOfficer { region_id } => Some(*region_id),
            _ => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::roles::Role;
    use crate::types::UserId;

    fn actor(roles: Vec<Role>) -> Actor {
        Actor {
            user: UserId(7),
            roles,
        }
    }

    #[test]
    fn admins_write_national_guides_and_officers_their_regions() {
        let admin = actor(vec![Role::PlatformAdmin]);
        let officer = actor(vec![Role::CouncilOfficer { region_id: 3 }]);
        let moderator = actor(vec![Role::Moderator { region_id: 3 }]);
        assert!(may_write(&admin, None) && !may_write(&admin, Some(3)));
        assert!(may_write(&officer, Some(3)) && !may_write(&officer, Some(4)));
        assert!(!may_write(&officer, None));
        assert!(!may_write(&moderator, Some(3)) && !may_write(&moderator, None));
        assert_eq!(regions_written(&officer), [3]);
        for category in Category::ALL {
            assert_eq!(Category::parse(category.as_str()), Some(category));
        }
        assert_eq!(Category::parse("news"), None);
    }
}
