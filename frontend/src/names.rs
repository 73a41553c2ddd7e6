//! A name in the four languages (a region, its seat, a province): a wire type every feature
//! shows.

use serde::{Deserialize, Serialize};

use crate::i18n::Locale;

/// A name in the four languages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Names {
    pub ar: String,
    pub zgh: String,
    pub fr: String,
    pub en: String,
}

impl Names {
    /// The name in `locale`.
    pub fn get(&self, locale: Locale) -> &str {
        match locale {
            Locale::ar => &self.ar,
            Locale::zgh => &self.zgh,
            Locale::fr => &self.fr,
            Locale::en => &self.en,
        }
    }

    /// Whether any of the names contains `query` (case- and accent-insensitive).
    pub fn matches(&self, query: &str) -> bool {
        let query = fold(query.trim());
        query.is_empty()
            || [&self.ar, &self.zgh, &self.fr, &self.en]
                .into_iter()
                .any(|name| fold(name).contains(&query))
    }
}

/// Lower case without Latin diacritics, so that `fes` finds `Fès`.
fn fold(text: &str) -> String {
    text.chars()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            'à' | 'â' | 'ä' | 'á' => 'a',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'î' | 'ï' | 'í' => 'i',
            'ô' | 'ö' | 'ó' => 'o',
            'û' | 'ü' | 'ù' | 'ú' => 'u',
            'ç' => 'c',
            other => other,
        })
        .collect()
}

#[cfg(feature = "ssr")]
impl From<domain::regions::LocalisedName> for Names {
    fn from(n: domain::regions::LocalisedName) -> Self {
        Self {
            ar: n.ar,
            zgh: n.zgh,
            fr: n.fr,
            en: n.en,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names() -> Names {
        Names {
            ar: "جهة فاس مكناس".into(),
            zgh: "ⴼⴰⵙ-ⵎⴽⵏⴰⵙ".into(),
            fr: "Fès-Meknès".into(),
            en: "Fez-Meknes".into(),
        }
    }

    #[test]
    fn filter_matches_any_language_ignoring_case_and_accents() {
        assert!(names().matches("fes"));
        assert!(names().matches("MEKN"));
        assert!(names().matches("مكناس"));
        assert!(names().matches("ⴼⴰⵙ"));
        assert!(names().matches("  "));
        assert!(!names().matches("rabat"));
    }
}
