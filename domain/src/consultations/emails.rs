//! The consultation emails, in the recipient's language: a consultation of a followed region
//! opens; the council's synthesis is out. The words are in `domain/locales/*.json`.

use crate::mail::OutgoingEmail;
use crate::mail::templates::{compose, compose_texts};
use crate::mail::words;
use crate::types::Lang;

/// A consultation `title` of `region` opens (its last day `last_day`, `YYYY-MM-DD`).
pub fn consultation_opened(
    (to, lang, name): (&str, Lang, &str),
    title: &str,
    region: &str,
    last_day: &str,
    link: &str,
) -> OutgoingEmail {
    let subject = words::CONSULTATION_OPENED_SUBJECT.fill(lang, &[("region", region)]);
    let body = vec![
        words::CONSULTATION_OPENED_BODY_1.fill(lang, &[("region", region), ("title", title)]),
        words::CONSULTATION_OPENED_BODY_2.fill(lang, &[("last_day", last_day)]),
        words::CONSULTATION_OPENED_BODY_3.get(lang).to_owned(),
    ];
    let action = words::CONSULTATION_OPENED_ACTION.get(lang);
    compose(to, lang, name, link, (&subject, body, action))
}

/// The council published its synthesis of consultation `title`.
pub fn synthesis_published(
    (to, lang, name): (&str, Lang, &str),
    title: &str,
    link: &str,
) -> OutgoingEmail {
    let body = vec![
        words::SYNTHESIS_PUBLISHED_BODY_1.fill(lang, &[("title", title)]),
        words::SYNTHESIS_PUBLISHED_BODY_2.get(lang).to_owned(),
    ];
    let (subject, action) = (
        words::SYNTHESIS_PUBLISHED_SUBJECT,
        words::SYNTHESIS_PUBLISHED_ACTION,
    );
    compose_texts((to, lang, name, link), subject, body, action)
}
