//! The petition emails, in the recipient's language: moderation outcomes, progress, the deposit
//! receipt and the council's steps for the representative, the link that confirms a signature.
//! The words are in `domain/locales/*.json`.

use crate::mail::OutgoingEmail;
use crate::mail::templates::{compose, compose_texts};
use crate::mail::words::{self, Word};
use crate::types::Lang;

/// What a moderator decided, as the representative reads it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ModerationNews<'a> {
    Published,
    ChangesRequested { note: &'a str },
    Rejected { reason: &'static str, note: &'a str },
}

/// The label of a rejection reason code, as it reads inside a sentence.
pub fn reason_label(lang: Lang, reason: &str) -> String {
    let label = words::reason(reason)
        .unwrap_or(words::REASON_UNCLEAR)
        .get(lang);
    // The interface shows it as a label (capitalised); an email, after "Reason:".
    let mut chars = label.chars();
    chars
        .next()
        .map(|first| first.to_lowercase().chain(chars).collect())
        .unwrap_or_default()
}

/// Tells the representative what moderation decided about `title`.
pub fn moderation_outcome(
    to: &str,
    lang: Lang,
    name: &str,
    title: &str,
    news: ModerationNews<'_>,
    link: &str,
) -> OutgoingEmail {
    let (subject, first, note, action) = match news {
        ModerationNews::Published => (
            words::PETITION_PUBLISHED_SUBJECT,
            words::PETITION_PUBLISHED_BODY.fill(lang, &[("title", title)]),
            "",
            words::SEE_PETITION,
        ),
        ModerationNews::ChangesRequested { note } => (
            words::CHANGES_REQUESTED_SUBJECT,
            words::CHANGES_REQUESTED_BODY.fill(lang, &[("title", title)]),
            note,
            words::CHANGES_REQUESTED_ACTION,
        ),
        ModerationNews::Rejected { reason, note } => (
            words::PETITION_REJECTED_SUBJECT,
            words::PETITION_REJECTED_BODY.fill(
                lang,
                &[("title", title), ("reason", &reason_label(lang, reason))],
            ),
            note,
            words::SEE_PETITION,
        ),
    };
    let mut body = vec![first, note.to_owned()];
    body.retain(|p| !p.trim().is_empty());
    compose_texts((to, lang, name, link), subject, body, action)
}

/// The link that confirms a signature on `title` (valid 24 hours), and how to withdraw it.
pub fn confirm_signature(
    to: &str,
    lang: Lang,
    name: &str,
    title: &str,
    link: &str,
    withdraw_link: &str,
) -> OutgoingEmail {
    let body = vec![
        words::CONFIRM_SIGNATURE_BODY_1.fill(lang, &[("title", title)]),
        words::CONFIRM_SIGNATURE_BODY_2.fill(lang, &[("withdraw_link", withdraw_link)]),
        words::CONFIRM_SIGNATURE_BODY_3.get(lang).to_owned(),
    ];
    let (subject, action) = (
        words::CONFIRM_SIGNATURE_SUBJECT,
        words::CONFIRM_SIGNATURE_ACTION,
    );
    compose_texts((to, lang, name, link), subject, body, action)
}

/// Tells the representative that `title` reached half of its signatures, or all it needs.
pub fn progress(
    to: &str,
    lang: Lang,
    name: &str,
    title: &str,
    percent: i32,
    link: &str,
) -> OutgoingEmail {
    let (subject, body, action): (Word, Word, Word) = if percent >= 100 {
        (
            words::PROGRESS_DONE_SUBJECT,
            words::PROGRESS_DONE_BODY,
            words::PROGRESS_DONE_ACTION,
        )
    } else {
        (
            words::PROGRESS_HALF_SUBJECT,
            words::PROGRESS_HALF_BODY,
            words::SEE_PETITION,
        )
    };
    let body = vec![body.fill(lang, &[("title", title)])];
    compose_texts((to, lang, name, link), subject, body, action)
}

/// The deposit receipt: reference number, date, and when the bureau's decision is due.
#[expect(clippy::too_many_arguments, reason = "one email, its parts named")]
pub fn deposit_receipt(
    to: &str,
    lang: Lang,
    name: &str,
    title: &str,
    reference: &str,
    at: chrono::DateTime<chrono::Utc>,
    due: chrono::DateTime<chrono::Utc>,
    link: &str,
) -> OutgoingEmail {
    let (day, due) = (
        crate::dates::day(crate::dates::day_of(at), lang),
        crate::dates::day(crate::dates::day_of(due), lang),
    );
    let subject = words::DEPOSIT_RECEIPT_SUBJECT.fill(lang, &[("reference", reference)]);
    let body = vec![
        words::DEPOSIT_RECEIPT_BODY_1.fill(lang, &[("title", title), ("day", &day)]),
        words::DEPOSIT_RECEIPT_BODY_2.fill(lang, &[("reference", reference), ("due", &due)]),
    ];
    compose(
        to,
        lang,
        name,
        link,
        (&subject, body, words::SEE_PETITION.get(lang)),
    )
}

/// A step of the council on petition `title` (`step` is a timeline step name; `detail` its note:
/// committee and session, reasons, date of the sitting, or the answer).
pub fn council_news(
    to: &str,
    lang: Lang,
    name: &str,
    title: &str,
    step: &str,
    detail: &str,
    link: &str,
) -> OutgoingEmail {
    let news = match step {
        "review_started" => words::COUNCIL_NEWS_REVIEW_STARTED,
        "decided_admissible" => words::COUNCIL_NEWS_DECIDED_ADMISSIBLE,
        "decided_inadmissible" => words::COUNCIL_NEWS_DECIDED_INADMISSIBLE,
        "scheduled" => words::COUNCIL_NEWS_SCHEDULED,
        _ => words::COUNCIL_NEWS_ANSWERED,
    };
    let mut body = vec![news.fill(lang, &[("title", title)])];
    if !detail.trim().is_empty() {
        body.push(detail.to_owned());
    }
    let (subject, action) = (words::COUNCIL_NEWS_SUBJECT, words::SEE_PETITION);
    compose_texts((to, lang, name, link), subject, body, action)
}
