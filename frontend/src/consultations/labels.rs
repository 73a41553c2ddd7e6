//! The words of consultation codes (statuses, audiences, report reasons, errors and notices) in
//! the reader's language.

use crate::i18n::{Locale, td_string};

/// A consultation's status.
pub fn status(locale: Locale, status: &str) -> &'static str {
    match status {
        "draft" => td_string!(locale, consultation_status_draft),
        "scheduled" => td_string!(locale, consultation_status_scheduled),
        "open" => td_string!(locale, consultation_status_open),
        "closed" => td_string!(locale, consultation_status_closed),
        "results_published" => td_string!(locale, consultation_status_results_published),
        _ => td_string!(locale, consultation_status_synthesis_published),
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

/// Why something is reported.
pub fn report_reason(locale: Locale, reason: &str) -> &'static str {
    match reason {
        "offensive_or_defamatory" => td_string!(locale, report_offensive_or_defamatory),
        "personal_data" => td_string!(locale, report_personal_data),
        "advertising" => td_string!(locale, report_advertising),
        _ => td_string!(locale, report_off_topic),
    }
}

/// Messages of the consultation error and notice codes (`None` for codes of other features).
pub fn message(locale: Locale, code: &str) -> Option<&'static str> {
    Some(match code {
        "not_open" => td_string!(locale, err_consultation_not_open),
        "audience_not_declared" => td_string!(locale, err_audience_not_declared),
        "question_unknown" => td_string!(locale, err_question_unknown),
        "answer_missing" => td_string!(locale, err_answer_missing),
        "choice_invalid" => td_string!(locale, err_choice_invalid),
        "too_many_choices" => td_string!(locale, err_too_many_choices),
        "markup_refused" => td_string!(locale, err_markup_refused),
        "scale_invalid" => td_string!(locale, err_scale_invalid),
        "ranking_invalid" => td_string!(locale, err_ranking_invalid),
        "already_supported" => td_string!(locale, err_already_supported),
        "own_proposal" => td_string!(locale, err_own_proposal),
        "already_reported" => td_string!(locale, err_already_reported),
        "answer_saved_notice" => td_string!(locale, answer_saved_notice),
        "proposal_submitted_notice" => td_string!(locale, proposal_submitted_notice),
        "proposal_supported_notice" => td_string!(locale, proposal_supported_notice),
        "comment_added_notice" => td_string!(locale, comment_added_notice),
        "reported_notice" => td_string!(locale, reported_notice),
        "audience_invalid" => td_string!(locale, err_audience_invalid),
        "window_invalid" => td_string!(locale, err_window_invalid),
        "window_past" => td_string!(locale, err_window_past),
        "parts_missing" => td_string!(locale, err_parts_missing),
        "questions_missing" => td_string!(locale, err_questions_missing),
        "too_many_questions" => td_string!(locale, err_too_many_questions),
        "no_questionnaire" => td_string!(locale, err_no_questionnaire),
        "choices_count" => td_string!(locale, err_choices_count),
        "max_invalid" => td_string!(locale, err_max_invalid),
        "consultation_changed" => td_string!(locale, err_consultation_changed),
        "already_decided" => td_string!(locale, err_already_decided),
        "following_notice" => td_string!(locale, following_notice),
        "document_added_notice" => td_string!(locale, document_added_notice),
        "pdf_only" => td_string!(locale, err_pdf_only),
        "unfollowed_notice" => td_string!(locale, unfollowed_notice),
        "report_decided_notice" => td_string!(locale, report_decided_notice),
        "consultation_created_notice" => td_string!(locale, consultation_created_notice),
        "question_added_notice" => td_string!(locale, question_added_notice),
        "question_removed_notice" => td_string!(locale, question_removed_notice),
        "consultation_published_notice" => td_string!(locale, consultation_published_notice),
        "results_published_notice" => td_string!(locale, results_published_notice),
        "synthesis_published_notice" => td_string!(locale, synthesis_published_notice),
        "texts_unreviewed" => td_string!(locale, err_texts_unreviewed),
        "not_closed" => td_string!(locale, err_not_closed),
        "results_published" => td_string!(locale, err_results_published),
        "text_reviewed_notice" => td_string!(locale, text_reviewed_notice),
        "cin_already_answered" => td_string!(locale, err_cin_already_answered),
        "verification_invalid" => td_string!(locale, err_verification_invalid),
        "cin_differs" => td_string!(locale, err_cin_differs),
        "mailbox_shared" => td_string!(locale, err_mailbox_shared),
        _ => return None,
    })
}
