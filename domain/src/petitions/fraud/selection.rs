//! What a moderator selects in the fraud review: signatures from one network, email domain or
//! user agent (as their keyed hashes and domain), within a time window; at least one criterion.

use chrono::{DateTime, NaiveDateTime, TimeZone, Utc};
use sea_orm::{ColumnTrait, Condition};
use serde::{Deserialize, Serialize};

use crate::DomainError;
use crate::entities::signature;

/// A selection of a petition's online signatures.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Selection {
    /// The keyed hash of the network (/24 or /64).
    pub network: Option<String>,
    pub domain: Option<String>,
    /// The keyed hash of the user agent.
    pub agent: Option<String>,
    pub from: Option<DateTime<Utc>>,
    pub to: Option<DateTime<Utc>>,
}

fn invalid(field: &'static str, code: &'static str) -> DomainError {
    DomainError::Validation { field, code }
}

/// A keyed hash as typed (hexadecimal, 8 to 64 digits), or none when empty.
fn hash(input: &str, field: &'static str) -> Result<Option<String>, DomainError> {
    let input = input.trim().to_ascii_lowercase();
    if input.is_empty() {
        return Ok(None);
    }
    if (8..=64).contains(&input.len()) && input.chars().all(|c| c.is_ascii_hexdigit()) {
        Ok(Some(input))
    } else {
        Err(invalid(field, "selection_invalid"))
    }
}

/// A moment typed as `YYYY-MM-DDTHH:MM` in Morocco's time, or none when empty.
fn moment(input: &str, field: &'static str) -> Result<Option<DateTime<Utc>>, DomainError> {
    let input = input.trim();
    if input.is_empty() {
        return Ok(None);
    }
    let local = NaiveDateTime::parse_from_str(input, "%Y-%m-%dT%H:%M")
        .map_err(|_| invalid(field, "selection_invalid"))?;
    chrono_tz::Africa::Casablanca
        .from_local_datetime(&local)
        .earliest()
        .map(|at| Some(at.with_timezone(&Utc)))
        .ok_or(invalid(field, "selection_invalid"))
}

impl Selection {
    /// Parses the review form's fields; a selection needs at least one criterion, and a window
    /// that ends after it starts.
    pub fn parse(
        network: &str,
        domain: &str,
        agent: &str,
        from: &str,
        to: &str,
    ) -> Result<Self, DomainError> {
        let domain = domain.trim().to_lowercase();
        let domain = if domain.is_empty() {
            None
        } else if domain.len() <= 253
            && domain
                .chars()
                .all(|c| c.is_alphanumeric() || c == '.' || c == '-')
        {
            Some(domain)
        } else {
            return Err(invalid("domain", "selection_invalid"));
        };
        let selection = Self {
            network: hash(network, "network")?,
            domain,
            agent: hash(agent, "agent")?,
            from: moment(from, "from")?,
            to: moment(to, "to")?,
        };
        if selection.is_empty() {
            return Err(invalid("network", "selection_empty"));
        }
        if let (Some(from), Some(to)) = (selection.from, selection.to)
            && to <= from
        {
            return Err(invalid("to", "selection_invalid"));
        }
        Ok(selection)
    }

    /// Whether nothing is selected.
    pub fn is_empty(&self) -> bool {
        self.network.is_none()
            && self.domain.is_none()
            && self.agent.is_none()
            && self.from.is_none()
            && self.to.is_none()
    }

    /// The condition on `signatures` that the selection makes.
    pub(super) fn condition(&self) -> Condition {
        let mut condition = Condition::all();
        if let Some(network) = &self.network {
            condition = condition.add(signature::Column::IpPrefixHash.eq(network.as_str()));
        }
        if let Some(domain) = &self.domain {
            condition = condition.add(signature::Column::EmailDomain.eq(domain.as_str()));
        }
        if let Some(agent) = &self.agent {
            condition = condition.add(signature::Column::UserAgentHash.eq(agent.as_str()));
        }
        if let Some(from) = self.from {
            condition = condition.add(signature::Column::CreatedAt.gte(from));
        }
        if let Some(to) = self.to {
            condition = condition.add(signature::Column::CreatedAt.lt(to));
        }
        condition
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_selection_needs_a_criterion_and_well_formed_values() {
        let code = |r: Result<Selection, DomainError>| match r {
            Err(DomainError::Validation { code, .. }) => code,
            other => panic!("{other:?}"),
        };
        assert_eq!(
            code(Selection::parse("", " ", "", "", "")),
            "selection_empty"
        );
        assert_eq!(
            code(Selection::parse("=cmd|x", "", "", "", "")),
            "selection_invalid"
        );
        assert_eq!(
            code(Selection::parse("", "a b.ma", "", "", "")),
            "selection_invalid"
        );
        assert_eq!(
            code(Selection::parse(
                "",
                "",
                "",
                "2027-01-02T10:00",
                "2027-01-02T09:00"
            )),
            "selection_invalid"
        );
        let s = Selection::parse("ABCDEF0123", "Mail.MA", "", "2027-01-02T10:00", "")
            .unwrap_or_default();
        assert_eq!(s.network.as_deref(), Some("abcdef0123"));
        assert_eq!(s.domain.as_deref(), Some("mail.ma"));
        // Morocco's time (UTC+1 outside Ramadan).
        assert_eq!(
            s.from.map(|f| f.to_rfc3339()),
            Some("2027-01-02T09:00:00+00:00".to_owned())
        );
    }
}
