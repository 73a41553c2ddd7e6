//! The words for the codes petitions carry: statuses, timeline steps, roles, competences,
//! rejection reasons, grounds of signing.

use super::types::PetitionStatus;
use crate::i18n::{Locale, td_string};

/// A petition status.
pub fn status(locale: Locale, status: PetitionStatus) -> &'static str {
    match status {
        PetitionStatus::Draft => td_string!(locale, status_draft),
        PetitionStatus::InModeration => td_string!(locale, status_in_moderation),
        PetitionStatus::Collecting => td_string!(locale, status_collecting),
        PetitionStatus::ThresholdReached => td_string!(locale, status_threshold_reached),
        PetitionStatus::Deposited => td_string!(locale, status_deposited),
        PetitionStatus::UnderReview => td_string!(locale, status_under_review),
        PetitionStatus::Admissible => td_string!(locale, status_admissible),
        PetitionStatus::Scheduled => td_string!(locale, status_scheduled),
        PetitionStatus::Answered => td_string!(locale, status_answered),
        PetitionStatus::RejectedInModeration => td_string!(locale, status_rejected_in_moderation),
        PetitionStatus::Withdrawn => td_string!(locale, status_withdrawn),
        PetitionStatus::Expired => td_string!(locale, status_expired),
        PetitionStatus::Inadmissible => td_string!(locale, status_inadmissible),
    }
}

/// A step of the public timeline.
pub fn step(locale: Locale, code: &str) -> &'static str {
    match code {
        "submitted" => td_string!(locale, step_submitted),
        "published" => td_string!(locale, step_published),
        "changes_requested" => td_string!(locale, step_changes_requested),
        "rejected" => td_string!(locale, step_rejected),
        "threshold_reached" => td_string!(locale, step_threshold_reached),
        "fell_below_threshold" => td_string!(locale, step_fell_below_threshold),
        "expired" => td_string!(locale, step_expired),
        "withdrawn" => td_string!(locale, step_withdrawn),
        "deposited" => td_string!(locale, step_deposited),
        "review_started" => td_string!(locale, step_review_started),
        "decided_admissible" => td_string!(locale, step_decided_admissible),
        "decided_inadmissible" => td_string!(locale, step_decided_inadmissible),
        "scheduled" => td_string!(locale, step_scheduled),
        _ => td_string!(locale, step_answered),
    }
}

/// Who took a step, by role (names are never shown).
pub fn role(locale: Locale, code: &str) -> &'static str {
    match code {
        "representative" => td_string!(locale, role_representative),
        "moderator" => td_string!(locale, role_moderator_short),
        "council_officer" => td_string!(locale, role_council_short),
        _ => td_string!(locale, role_system),
    }
}

/// A competence of the region.
pub fn competence(locale: Locale, code: &str) -> &'static str {
    match code {
        "economic_development" => td_string!(locale, comp_economic_development),
        "vocational_training" => td_string!(locale, comp_vocational_training),
        "rural_development" => td_string!(locale, comp_rural_development),
        "regional_transport" => td_string!(locale, comp_regional_transport),
        "culture_heritage" => td_string!(locale, comp_culture_heritage),
        "environment" => td_string!(locale, comp_environment),
        "tourism" => td_string!(locale, comp_tourism),
        "health" => td_string!(locale, comp_health),
        "education" => td_string!(locale, comp_education),
        "water_energy" => td_string!(locale, comp_water_energy),
        "social_development" => td_string!(locale, comp_social_development),
        "sport" => td_string!(locale, comp_sport),
        "spatial_planning" => td_string!(locale, comp_spatial_planning),
        _ => td_string!(locale, comp_international_cooperation),
    }
}

/// Why a moderator refused a petition.
pub fn rejection_reason(locale: Locale, code: &str) -> &'static str {
    crate::web::messages::rejection_reason_of(locale, code)
        .unwrap_or_else(|| td_string!(locale, reason_unclear))
}

/// What an attached document is.
pub fn purpose(locale: Locale, code: &str) -> &'static str {
    match code {
        "mandate" => td_string!(locale, purpose_mandate),
        "answer" => td_string!(locale, purpose_answer),
        _ => td_string!(locale, purpose_attachment),
    }
}
