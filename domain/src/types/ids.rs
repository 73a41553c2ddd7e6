//! Typed ids: a petition id cannot be passed where a user id is expected. Each wraps the row id
//! of its table; `.0` is read only where a query or a URL needs the number.

use serde::{Deserialize, Serialize};

macro_rules! id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub i32);

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                self.0.fmt(f)
            }
        }
    };
}

id!(
    /// An account.
    UserId
);
id!(
    /// A petition.
    PetitionId
);
id!(
    /// A consultation.
    ConsultationId
);
id!(
    /// A proposal made in a consultation.
    ProposalId
);
id!(
    /// A guide of the library.
    GuideId
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_id_reads_and_prints_as_its_number() {
        let id: PetitionId = serde_json::from_str("42").unwrap_or(PetitionId(0));
        assert_eq!(id, PetitionId(42));
        assert_eq!(id.to_string(), "42");
        assert_eq!(serde_json::to_string(&UserId(7)).ok().as_deref(), Some("7"));
    }
}
