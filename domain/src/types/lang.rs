//! The four languages of the platform.

use serde::{Deserialize, Serialize};

/// A language of the platform: Arabic (default), Amazigh in Tifinagh, French, English.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    Ar,
    Zgh,
    Fr,
    En,
}

impl Lang {
    /// Every language, in the order the language switcher shows them.
    pub const ALL: [Lang; 4] = [Lang::Ar, Lang::Zgh, Lang::Fr, Lang::En];

    /// Parses a language code (`ar`, `zgh`, `fr`, `en`), case-insensitively.
    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|lang| lang.code().eq_ignore_ascii_case(code))
    }

    /// The BCP 47 code, used in URLs and `<html lang>`.
    pub fn code(self) -> &'static str {
        match self {
            Self::Ar => "ar",
            Self::Zgh => "zgh",
            Self::Fr => "fr",
            Self::En => "en",
        }
    }

    /// Whether the language is written right to left.
    pub fn is_rtl(self) -> bool {
        matches!(self, Self::Ar)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_every_code_and_nothing_else() {
        for lang in Lang::ALL {
            assert_eq!(Lang::parse(lang.code()), Some(lang));
        }
        assert_eq!(Lang::parse("FR"), Some(Lang::Fr));
        assert_eq!(Lang::parse("es"), None);
        assert_eq!(Lang::parse(""), None);
    }

    #[test]
    fn only_arabic_is_right_to_left() {
        assert!(Lang::Ar.is_rtl());
        assert!(!Lang::Zgh.is_rtl());
        assert!(!Lang::Fr.is_rtl());
        assert!(!Lang::En.is_rtl());
    }
}
