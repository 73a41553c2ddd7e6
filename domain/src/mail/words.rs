//! The words of the emails, one constant per key of `domain/locales/*.json` (generated at build
//! time: a key missing in one language, or a placeholder in one only, fails the build).

use crate::types::Lang;

/// One word or sentence in the four languages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Word([&'static str; 4]);

impl Word {
    /// The text in `lang`.
    pub fn get(self, lang: Lang) -> &'static str {
        self.0[match lang {
            Lang::Ar => 0,
            Lang::Zgh => 1,
            Lang::Fr => 2,
            Lang::En => 3,
        }]
    }

    /// The text in `lang`, each `{name}` of the text replaced by its value in `values` (in one
    /// pass: a value is never read for placeholders).
    pub fn fill(self, lang: Lang, values: &[(&str, &str)]) -> String {
        let mut rest = self.get(lang);
        let mut text = String::with_capacity(rest.len() + 64);
        while let Some(start) = rest.find('{') {
            text.push_str(&rest[..start]);
            let after = &rest[start + 1..];
            let value = after.split_once('}').and_then(|(name, tail)| {
                values
                    .iter()
                    .find(|(n, _)| *n == name)
                    .map(|(_, value)| (*value, tail))
            });
            match value {
                Some((value, tail)) => {
                    text.push_str(value);
                    rest = tail;
                }
                None => {
                    text.push('{');
                    rest = after;
                }
            }
        }
        text.push_str(rest);
        text
    }
}

include!(concat!(env!("OUT_DIR"), "/words.rs"));

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_word_is_filled_in_its_language() {
        assert_eq!(
            PETITION_PUBLISHED_BODY.fill(Lang::Fr, &[("title", "Un bus")]),
            "Votre pétition « Un bus » est publiée. Les citoyens peuvent désormais la signer."
        );
        assert_eq!(
            EMAIL_GREETING.fill(Lang::En, &[("name", "Amina")]),
            "Hello Amina,"
        );
        // A value that looks like a placeholder stays as typed.
        assert_eq!(
            PETITION_REJECTED_BODY.fill(
                Lang::En,
                &[("title", "{reason}"), ("reason", "advertising")]
            ),
            "Your petition \u{201c}{reason}\u{201d} is not published. Reason: advertising."
        );
    }

    #[test]
    fn every_rejection_reason_has_its_words() {
        assert_eq!(REJECTION_REASONS.len(), 7);
        for code in REJECTION_REASONS {
            assert!(reason(code).is_some(), "{code}");
        }
        assert_eq!(reason("nonsense"), None);
    }
}
