//! A council's practice, told as a guide of the category `practices`: besides what was done and
//! what came of it (the guide's texts), the tool it used, when, with whom, and whom to ask. Kept
//! with each version; the library is browsed by tool and region.

use chrono::NaiveDate;
use sea_orm::{ActiveModelTrait, ConnectionTrait, EntityTrait, Set};

use crate::DomainError;
use crate::entities::guide_practice;
use crate::text::plain;
use crate::types::{Email, Phone};

/// The tools a practice may be about.
pub const TOOLS: [&str; 6] = [
    "petitions",
    "consultations",
    "public_meetings",
    "participatory_budget",
    "consultative_bodies",
    "other",
];

/// The practice fields as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PracticeForm {
    pub tool: String,
    /// `YYYY-MM-DD`, or empty.
    pub started_on: String,
    pub ended_on: String,
    pub partners: String,
    pub contact_name: String,
    pub contact_email: String,
    pub contact_phone: String,
}

/// A practice's facts, checked: a tool of [`TOOLS`], days in order, partners up to 1,000
/// characters, a contact's name (2 to 200) and an email address or a phone number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PracticeFacts {
    pub tool: &'static str,
    pub started_on: Option<NaiveDate>,
    pub ended_on: Option<NaiveDate>,
    pub partners: String,
    pub contact_name: String,
    pub contact_email: Option<String>,
    pub contact_phone: Option<String>,
}

fn invalid(field: &'static str, code: &'static str) -> DomainError {
    DomainError::Validation { field, code }
}

impl PracticeFacts {
    /// Parses `form`, adding each fault to `errors`.
    pub fn parse(errors: &mut Vec<DomainError>, form: &PracticeForm) -> Option<Self> {
        let before = errors.len();
        let tool = TOOLS.into_iter().find(|t| *t == form.tool.trim());
        if tool.is_none() {
            errors.push(invalid("practice_tool", "tool_invalid"));
        }
        let mut day = |field: &'static str, typed: &str| match typed.trim() {
            "" => None,
            typed => {
                let parsed = NaiveDate::parse_from_str(typed, "%Y-%m-%d").ok();
                if parsed.is_none() {
                    errors.push(invalid(field, "day_invalid"));
                }
                parsed
            }
        };
        let started_on = day("practice_started_on", &form.started_on);
        let ended_on = day("practice_ended_on", &form.ended_on);
        if let (Some(start), Some(end)) = (started_on, ended_on)
            && end < start
        {
            errors.push(invalid("practice_ended_on", "end_before_start"));
        }
        let partners = plain(errors, "practice_partners", &form.partners, (0, 1_000));
        let contact_name = plain(
            errors,
            "practice_contact_name",
            &form.contact_name,
            (2, 200),
        );
        let contact_email = match form.contact_email.trim() {
            "" => None,
            typed => match Email::parse(typed) {
                Ok(email) => Some(email.as_str().to_owned()),
                Err(_) => {
                    errors.push(invalid("practice_contact_email", "invalid_email"));
                    None
                }
            },
        };
        let contact_phone = match form.contact_phone.trim() {
            "" => None,
            typed => match Phone::parse("practice_contact_phone", typed) {
                Ok(phone) => Some(phone.into_string()),
                Err(err) => {
                    errors.push(err);
                    None
                }
            },
        };
        if form.contact_email.trim().is_empty() && form.contact_phone.trim().is_empty() {
            errors.push(invalid("practice_contact_email", "contact_missing"));
        }
        match tool {
            Some(tool) if errors.len() == before => Some(Self {
                tool,
                started_on,
                ended_on,
                partners,
                contact_name,
                contact_email,
                contact_phone,
            }),
            _ => None,
        }
    }

    /// The facts as stored.
    pub fn of(row: guide_practice::Model) -> Option<Self> {
        Some(Self {
            tool: TOOLS.into_iter().find(|t| *t == row.tool)?,
            started_on: row.started_on,
            ended_on: row.ended_on,
            partners: row.partners,
            contact_name: row.contact_name,
            contact_email: row.contact_email,
            contact_phone: row.contact_phone,
        })
    }

    /// The form filled with these facts.
    pub fn form(&self) -> PracticeForm {
        let day = |d: Option<NaiveDate>| {
            d.map(|d| d.format("%Y-%m-%d").to_string())
                .unwrap_or_default()
        };
        PracticeForm {
            tool: self.tool.to_owned(),
            started_on: day(self.started_on),
            ended_on: day(self.ended_on),
            partners: self.partners.clone(),
            contact_name: self.contact_name.clone(),
            contact_email: self.contact_email.clone().unwrap_or_default(),
            contact_phone: self.contact_phone.clone().unwrap_or_default(),
        }
    }
}

/// Stores `facts` for version `version_id`, replacing what it had.
pub(super) async fn store<C: ConnectionTrait>(
    db: &C,
    version_id: i32,
    facts: Option<&PracticeFacts>,
) -> Result<(), DomainError> {
    guide_practice::Entity::delete_by_id(version_id)
        .exec(db)
        .await?;
    if let Some(f) = facts {
        guide_practice::ActiveModel {
            version_id: Set(version_id),
            tool: Set(f.tool.to_owned()),
            started_on: Set(f.started_on),
            ended_on: Set(f.ended_on),
            partners: Set(f.partners.clone()),
            contact_name: Set(f.contact_name.clone()),
            contact_email: Set(f.contact_email.clone()),
            contact_phone: Set(f.contact_phone.clone()),
        }
        .insert(db)
        .await?;
    }
    Ok(())
}

/// The facts of version `version_id`, if it has any.
pub(super) async fn of_version<C: ConnectionTrait>(
    db: &C,
    version_id: i32,
) -> Result<Option<PracticeFacts>, DomainError> {
    Ok(guide_practice::Entity::find_by_id(version_id)
        .one(db)
        .await?
        .and_then(PracticeFacts::of))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form() -> PracticeForm {
        PracticeForm {
            tool: "participatory_budget".into(),
            started_on: "2025-03-01".into(),
            ended_on: "2025-10-31".into(),
            partners: "Associations de quartier d'Agadir, Université Ibn Zohr".into(),
            contact_name: "Service de la participation".into(),
            contact_email: "participation@souss-massa.ma".into(),
            contact_phone: String::new(),
        }
    }

    #[test]
    fn a_practice_names_its_tool_its_days_and_a_contact() {
        let mut errors = Vec::new();
        let facts = PracticeFacts::parse(&mut errors, &form());
        assert!(errors.is_empty(), "{errors:?}");
        let facts = facts.unwrap_or_else(|| panic!("parsed"));
        assert_eq!(facts.tool, "participatory_budget");
        assert_eq!(facts.form().started_on, "2025-03-01");
    }

    #[test]
    fn a_bad_practice_is_explained_field_by_field() {
        let bad = PracticeForm {
            tool: "lottery".into(),
            started_on: "2025-10-31".into(),
            ended_on: "2025-03-01".into(),
            contact_name: "X".into(),
            ..PracticeForm::default()
        };
        let mut errors = Vec::new();
        assert!(PracticeFacts::parse(&mut errors, &bad).is_none());
        let codes: Vec<&str> = errors.iter().map(DomainError::code).collect();
        assert_eq!(
            codes,
            [
                "tool_invalid",
                "end_before_start",
                "text_too_short",
                "contact_missing"
            ]
        );
    }
}
