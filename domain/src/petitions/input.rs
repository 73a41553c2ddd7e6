//! What a representative submits, parsed into validated values: every field's error at once, so
//! that the form can show them all and keep what was typed.

use chrono::{Months, NaiveDate};

use super::lifecycle::PetitionKind;
use crate::DomainError;
use crate::types::{Lang, Upload};

/// The region's competences a petition may concern (Organic Law 111-14: own, shared and
/// transferred competences), as stable codes.
pub const COMPETENCES: [&str; 14] = [
    "economic_development",
    "vocational_training",
    "rural_development",
    "regional_transport",
    "culture_heritage",
    "environment",
    "tourism",
    "health",
    "education",
    "water_energy",
    "social_development",
    "sport",
    "spatial_planning",
    "international_cooperation",
];

/// Years an association must have existed to petition.
pub const ASSOCIATION_MIN_YEARS: u32 = 3;
/// Most attachments on one petition (the mandate included).
pub const MAX_ATTACHMENTS: usize = 5;

/// A petition as typed in the form (every field text, as received).
#[derive(Debug, Clone, Default)]
pub struct PetitionForm {
    pub kind: String,
    pub lang: String,
    pub title: String,
    pub request: String,
    pub reasons: String,
    pub competence: String,
    /// The code of the prefecture or province concerned; empty for the whole region.
    pub province: String,
    pub association_name: String,
    pub association_registered_on: String,
    pub association_seat: String,
    /// The filer ticked "I confirm the conditions of admissibility".
    pub conditions_accepted: bool,
}

impl PetitionForm {
    /// The typed values by the filing form's field names (trimmed; never a file), to fill the
    /// form again.
    pub fn values(&self) -> Vec<(String, String)> {
        [
            ("kind", &self.kind),
            ("petition_lang", &self.lang),
            ("title", &self.title),
            ("request", &self.request),
            ("reasons", &self.reasons),
            ("competence", &self.competence),
            ("province", &self.province),
            ("association_name", &self.association_name),
            ("association_registered_on", &self.association_registered_on),
            ("association_seat", &self.association_seat),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v.trim().to_owned()))
        .collect()
    }
}

/// An association filing a petition.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Association {
    pub name: String,
    pub registered_on: NaiveDate,
    pub seat: String,
}

/// A validated petition.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewPetition {
    pub kind: PetitionKind,
    pub lang: Lang,
    pub title: String,
    pub request: String,
    pub reasons: String,
    pub competence: &'static str,
    /// The code of the prefecture or province concerned (checked against the region when
    /// filed), if any.
    pub province: Option<String>,
    pub association: Option<Association>,
}

impl NewPetition {
    /// Parses `form`; `today` decides whether an association is old enough. On failure, one
    /// `Validation` error per field at fault.
    pub fn parse(form: &PetitionForm, today: NaiveDate) -> Result<Self, Vec<DomainError>> {
        let mut errors = Vec::new();
        let kind = PetitionKind::parse(form.kind.trim());
        if kind.is_none() {
            errors.push(invalid("kind", "kind_invalid"));
        }
        let lang = Lang::parse(form.lang.trim());
        if lang.is_none() {
            errors.push(invalid("lang", "lang_invalid"));
        }
        let title = text(&mut errors, "title", &form.title, 10, 150);
        let request = text(&mut errors, "request", &form.request, 20, 4000);
        let reasons = text(&mut errors, "reasons", &form.reasons, 20, 8000);
        let competence = COMPETENCES
            .into_iter()
            .find(|c| *c == form.competence.trim());
        if competence.is_none() {
            errors.push(invalid("competence", "competence_invalid"));
        }
        let association = if kind == Some(PetitionKind::Association) {
            association(&mut errors, form, today)
        } else {
            None
        };
        if !form.conditions_accepted {
            errors.push(invalid("conditions_accepted", "conditions_not_accepted"));
        }
        match (kind, lang, competence) {
            (Some(kind), Some(lang), Some(competence)) if errors.is_empty() => Ok(Self {
                kind,
                lang,
                title,
                request,
                reasons,
                competence,
                province: Some(form.province.trim())
                    .filter(|p| !p.is_empty())
                    .map(str::to_owned),
                association,
            }),
            _ => Err(errors),
        }
    }
}

fn association(
    errors: &mut Vec<DomainError>,
    form: &PetitionForm,
    today: NaiveDate,
) -> Option<Association> {
    let name = text(errors, "association_name", &form.association_name, 2, 200);
    let seat = text(errors, "association_seat", &form.association_seat, 2, 200);
    let registered_on =
        match NaiveDate::parse_from_str(form.association_registered_on.trim(), "%Y-%m-%d") {
            Ok(date) if date > today => {
                errors.push(invalid("association_registered_on", "date_in_future"));
                None
            }
            Ok(date)
                if today
                    .checked_sub_months(Months::new(12 * ASSOCIATION_MIN_YEARS))
                    .is_none_or(|limit| date >= limit) =>
            {
                errors.push(invalid(
                    "association_registered_on",
                    "association_too_recent",
                ));
                None
            }
            Ok(date) => Some(date),
            Err(_) => {
                errors.push(invalid("association_registered_on", "date_invalid"));
                None
            }
        };
    Some(Association {
        name,
        registered_on: registered_on?,
        seat,
    })
}

/// Trimmed text of `min..=max` characters without control characters (line breaks allowed).
fn text(
    errors: &mut Vec<DomainError>,
    field: &'static str,
    input: &str,
    min: usize,
    max: usize,
) -> String {
    let value = input.trim().replace("\r\n", "\n");
    let chars = value.chars().count();
    let code = if chars == 0 {
        Some("text_missing")
    } else if chars < min {
        Some("text_too_short")
    } else if chars > max {
        Some("text_too_long")
    } else if value
        .chars()
        .any(|c| c.is_control() && c != '\n' && c != '\t')
    {
        Some("text_invalid")
    } else {
        None
    };
    if let Some(code) = code {
        errors.push(invalid(field, code));
    }
    value
}

fn invalid(field: &'static str, code: &'static str) -> DomainError {
    DomainError::Validation { field, code }
}

/// What an attachment is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AttachmentPurpose {
    /// A supporting document of the petition.
    Attachment,
    /// An association's mandate (board decision) empowering its representative.
    Mandate,
    /// A document of the council's answer.
    Answer,
}

impl AttachmentPurpose {
    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Attachment => "attachment",
            Self::Mandate => "mandate",
            Self::Answer => "answer",
        }
    }
}

/// A document of a petition: what it is for, and the checked file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewAttachment {
    pub purpose: AttachmentPurpose,
    pub file: Upload,
}

impl NewAttachment {
    /// Checks the file by its content (not by its name or declared type).
    pub fn parse(
        purpose: AttachmentPurpose,
        file_name: &str,
        data: Vec<u8>,
    ) -> Result<Self, DomainError> {
        let field = match purpose {
            AttachmentPurpose::Mandate => "mandate",
            _ => "attachments",
        };
        Ok(Self {
            purpose,
            file: Upload::parse(field, file_name, data)?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 29).unwrap_or_default()
    }

    fn form() -> PetitionForm {
        PetitionForm {
            kind: "citizen".into(),
            lang: "ar".into(),
            title: "إنشاء خط حافلات بين أكادير وتارودانت".into(),
            request: "نطلب من المجلس إدراج نقطة حول النقل الجهوي في جدول أعماله.".into(),
            reasons: "يقطع مئات الطلبة والعمال هذه المسافة يوميا دون نقل عمومي منتظم.".into(),
            competence: "regional_transport".into(),
            conditions_accepted: true,
            ..PetitionForm::default()
        }
    }

    fn codes(result: Result<NewPetition, Vec<DomainError>>) -> Vec<&'static str> {
        result
            .err()
            .unwrap_or_default()
            .into_iter()
            .map(|e| e.code())
            .collect()
    }

    fn fields(result: Result<NewPetition, Vec<DomainError>>) -> Vec<&'static str> {
        result
            .err()
            .unwrap_or_default()
            .into_iter()
            .filter_map(|e| match e {
                DomainError::Validation { field, .. } => Some(field),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn a_complete_citizen_petition_parses() {
        let petition = NewPetition::parse(&form(), today());
        assert!(petition.is_ok(), "{petition:?}");
    }

    #[test]
    fn every_faulty_field_is_reported_at_once() {
        let bad = PetitionForm {
            kind: "mob".into(),
            title: "Bus".into(),
            request: String::new(),
            reasons: "x".repeat(8001),
            competence: "defence".into(),
            conditions_accepted: false,
            ..form()
        };
        assert_eq!(
            fields(NewPetition::parse(&bad, today())),
            [
                "kind",
                "title",
                "request",
                "reasons",
                "competence",
                "conditions_accepted"
            ]
        );
        assert_eq!(
            codes(NewPetition::parse(&bad, today()))[1..4],
            ["text_too_short", "text_missing", "text_too_long"]
        );
    }

    #[test]
    fn associations_must_be_more_than_three_years_old() {
        let association = |date: &str| PetitionForm {
            kind: "association".into(),
            association_name: "Association Tifawin".into(),
            association_seat: "Agadir".into(),
            association_registered_on: date.into(),
            ..form()
        };
        assert!(NewPetition::parse(&association("2020-05-01"), today()).is_ok());
        assert_eq!(
            codes(NewPetition::parse(&association("2023-11-29"), today())),
            ["association_too_recent"]
        );
        assert_eq!(
            codes(NewPetition::parse(&association("2027-01-01"), today())),
            ["date_in_future"]
        );
        assert_eq!(
            codes(NewPetition::parse(&association("01/05/2020"), today())),
            ["date_invalid"]
        );
    }

    #[test]
    fn attachments_are_checked_by_content() {
        let pdf = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n".to_vec();
        let attachment = NewAttachment::parse(AttachmentPurpose::Attachment, "../plan.pdf", pdf);
        assert_eq!(
            attachment
                .as_ref()
                .map(|a| (a.file.content_type, a.file.file_name.as_str()))
                .ok(),
            Some(("application/pdf", "plan.pdf"))
        );
        let fake = NewAttachment::parse(
            AttachmentPurpose::Attachment,
            "photo.png",
            b"<script>alert(1)</script>".to_vec(),
        );
        assert_eq!(fake.err().map(|e| e.code()), Some("file_type_refused"));
        let big = NewAttachment::parse(
            AttachmentPurpose::Mandate,
            "m.pdf",
            vec![b'%'; crate::types::MAX_UPLOAD_BYTES + 1],
        );
        assert_eq!(big.err().map(|e| e.code()), Some("file_too_large"));
    }
}
