//! The words of consultation codes (statuses, audiences, report reasons) in
//! the reader's language.

use super::types::ConsultationStatus;
use crate::i18n::{Locale, td_string};

/// A consultation's status.
pub fn status(locale: Locale, status: ConsultationStatus) -> &'static str {
    match status {
        ConsultationStatus::Draft => td_string!(locale, consultation_status_draft),
        ConsultationStatus::Scheduled => td_string!(locale, consultation_status_scheduled),
        ConsultationStatus::Open => td_string!(locale, consultation_status_open),
        ConsultationStatus::Closed => td_string!(locale, consultation_status_closed),
        ConsultationStatus::ResultsPublished => {
            td_string!(locale, consultation_status_results_published)
        }
        ConsultationStatus::SynthesisPublished => {
            td_string!(locale, consultation_status_synthesis_published)
        }
        ConsultationStatus::Cancelled => td_string!(locale, consultation_status_cancelled),
    }
}

/// Who a consultation is for.
pub fn audience(locale: Locale, audience: &str) -> &'static str {
    match audience {
        "equality_gender" => td_string!(locale, audience_equality_gender),
        "youth" => td_string!(locale, audience_youth),
        "economic_actors" => td_string!(locale, audience_economic_actors),
        _ => td_string!(locale, audience_all),
    }
}

/// The declaration a participant makes for a consultation addressed to `audience`.
pub fn audience_declaration(locale: Locale, audience: &str) -> &'static str {
    match audience {
        "equality_gender" => td_string!(locale, declare_equality_gender),
        "youth" => td_string!(locale, declare_youth),
        _ => td_string!(locale, declare_economic_actors),
    }
}

pub use crate::components::reasons::report_reason;

/// What kind of item is reported (`proposal`, `comment` or `answer`).
pub fn report_kind(locale: Locale, kind: &str) -> &'static str {
    match kind {
        "proposal" => td_string!(locale, report_kind_proposal),
        "comment" => td_string!(locale, report_kind_comment),
        _ => td_string!(locale, report_kind_answer),
    }
}
