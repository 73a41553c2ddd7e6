//! Wire types of the regions pages (never database entities).

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

/// A region on the home page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegionCard {
    pub slug: String,
    pub name: Names,
    pub seat: Names,
    pub population_2024: i64,
    pub province_count: u32,
}

/// Prefecture or province.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ProvinceKind {
    Prefecture,
    Province,
}

/// A prefecture or province on the region page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProvinceItem {
    pub code: String,
    pub kind: ProvinceKind,
    pub name: Names,
}

/// Everything the region page shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegionPageData {
    pub slug: String,
    pub name: Names,
    pub seat: Names,
    pub population_2024: i64,
    pub reference_population: i64,
    pub population_year: i32,
    pub provinces: Vec<ProvinceItem>,
    pub signatures: u32,
    pub per_province: u32,
    pub collection_days: u32,
    pub bureau_decision_months: u32,
    pub session_months: Vec<u8>,
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
