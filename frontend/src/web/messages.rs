//! The words of the stable error and notice codes, of the rejection reasons (shared with the
//! emails), and of the pages the server answers by itself (bad request, busy, too large, too many
//! attempts), in the reader's language.

use crate::i18n::{Locale, td_string};
use crate::lang;

include!(concat!(env!("OUT_DIR"), "/messages.rs"));

/// The message of an error or notice code in `locale` (an unknown code reads as an internal
/// error).
pub fn message(locale: Locale, code: &str) -> &'static str {
    message_of(locale, code).unwrap_or_else(|| td_string!(locale, err_internal))
}

/// The title, text and back link of a page the server answers by itself, in `lang_code`.
fn page_texts(
    lang_code: &str,
    words: impl Fn(Locale) -> (&'static str, String),
) -> (String, String, String) {
    let locale = lang::locale_from_code(lang_code).unwrap_or_default();
    let (title, text) = words(locale);
    (
        title.to_owned(),
        text,
        td_string!(locale, too_many_back).to_owned(),
    )
}

/// The page that answers a form that could not be read.
pub fn bad_request_texts(lang_code: &str) -> (String, String, String) {
    page_texts(lang_code, |l| {
        let text = td_string!(l, bad_request_text).to_owned();
        (td_string!(l, bad_request_title), text)
    })
}

/// The page that answers when the server is at capacity.
pub fn busy_texts(lang_code: &str) -> (String, String, String) {
    page_texts(lang_code, |l| {
        (
            td_string!(l, busy_title),
            td_string!(l, err_busy).to_owned(),
        )
    })
}

/// The page that refuses an export asked from another site.
pub fn export_elsewhere_texts(lang_code: &str) -> (String, String, String) {
    page_texts(lang_code, |l| {
        let text = td_string!(l, export_elsewhere_text).to_owned();
        (td_string!(l, export_elsewhere_title), text)
    })
}

/// The page that answers a body over the size limit.
pub fn too_large_texts(lang_code: &str) -> (String, String, String) {
    page_texts(lang_code, |l| {
        (
            td_string!(l, too_large_title),
            td_string!(l, too_large_text).to_owned(),
        )
    })
}

/// The "too many attempts" page (wait `minutes`).
pub fn too_many_attempts_texts(lang_code: &str, minutes: u64) -> (String, String, String) {
    page_texts(lang_code, |l| {
        let text = td_string!(l, too_many_text, minutes = minutes);
        (td_string!(l, too_many_title), text)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_worded_by_their_keys_and_unknown_codes_read_as_internal() {
        for locale in [Locale::ar, Locale::zgh, Locale::fr, Locale::en] {
            assert_eq!(
                message(locale, "not_open"),
                td_string!(locale, err_not_open)
            );
            assert_eq!(
                message(locale, "signed_notice"),
                td_string!(locale, signed_notice)
            );
            assert_eq!(
                message(locale, "no_such_code"),
                td_string!(locale, err_internal)
            );
        }
    }
}
