//! The words of the guides pages that depend on a value: categories.

use crate::i18n::{Locale, td_string};

/// The categories, in the order lists show them.
pub const CATEGORIES: [&str; 5] = [
    "petitioning",
    "consultations",
    "law",
    "commitments",
    "practices",
];

/// The tools a practice may be about (`domain::guides::practices::TOOLS`).
pub const TOOLS: [&str; 6] = [
    "petitions",
    "consultations",
    "public_meetings",
    "participatory_budget",
    "consultative_bodies",
    "other",
];

/// A tool's name.
pub fn tool(locale: Locale, tool: &str) -> &'static str {
    match tool {
        "petitions" => td_string!(locale, tool_petitions),
        "consultations" => td_string!(locale, tool_consultations),
        "public_meetings" => td_string!(locale, tool_public_meetings),
        "participatory_budget" => td_string!(locale, tool_participatory_budget),
        "consultative_bodies" => td_string!(locale, tool_consultative_bodies),
        _ => td_string!(locale, tool_other),
    }
}

/// A category's name.
pub fn category(locale: Locale, category: &str) -> &'static str {
    match category {
        "petitioning" => td_string!(locale, guide_category_petitioning),
        "consultations" => td_string!(locale, guide_category_consultations),
        "law" => td_string!(locale, guide_category_law),
        "commitments" => td_string!(locale, guide_category_commitments),
        _ => td_string!(locale, guide_category_practices),
    }
}
