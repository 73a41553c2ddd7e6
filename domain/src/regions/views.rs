//! What the regions feature returns: names in every language, and the rules that apply.

use serde::Serialize;

use super::rules::PetitionThreshold;
use crate::entities::{province, region, region_setting};
use crate::types::Lang;

/// A name in each of the four languages.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct LocalisedName {
    pub ar: String,
    pub zgh: String,
    pub fr: String,
    pub en: String,
}

impl LocalisedName {
    /// The name in `lang`.
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Ar => &self.ar,
            Lang::Zgh => &self.zgh,
            Lang::Fr => &self.fr,
            Lang::En => &self.en,
        }
    }
}

/// A region in a list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RegionSummary {
    /// Internal id (staff roles refer to it); not part of the public API.
    pub id: i32,
    pub code: String,
    pub slug: String,
    pub name: LocalisedName,
    pub seat: LocalisedName,
    pub population_2024: i64,
    pub province_count: usize,
}

/// Prefecture (urban) or province.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ProvinceKind {
    Prefecture,
    Province,
}

/// A prefecture or province.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ProvinceView {
    /// The database id (not sent over the wire).
    #[serde(skip)]
    pub id: i32,
    pub code: String,
    pub kind: ProvinceKind,
    pub name: LocalisedName,
}

/// A region with its provinces and the petition rules in force there.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RegionDetail {
    /// The database id (not sent over the wire).
    #[serde(skip)]
    pub id: i32,
    pub code: String,
    pub slug: String,
    pub name: LocalisedName,
    pub seat: LocalisedName,
    pub population_2014: i64,
    pub population_2024: i64,
    /// The population the threshold is derived from, and its census year.
    pub reference_population: i64,
    pub population_year: i32,
    pub provinces: Vec<ProvinceView>,
    pub threshold: PetitionThreshold,
    pub collection_days: u32,
    pub bureau_decision_months: u32,
    pub session_months: Vec<u8>,
}

pub(crate) fn region_name(r: &region::Model) -> LocalisedName {
    LocalisedName {
        ar: r.name_ar.clone(),
        zgh: r.name_zgh.clone(),
        fr: r.name_fr.clone(),
        en: r.name_en.clone(),
    }
}

pub(super) fn seat_name(r: &region::Model) -> LocalisedName {
    LocalisedName {
        ar: r.seat_ar.clone(),
        zgh: r.seat_zgh.clone(),
        fr: r.seat_fr.clone(),
        en: r.seat_en.clone(),
    }
}

pub(crate) fn province_view(p: &province::Model) -> ProvinceView {
    ProvinceView {
        id: p.id,
        code: p.code.clone(),
        kind: if p.kind == "prefecture" {
            ProvinceKind::Prefecture
        } else {
            ProvinceKind::Province
        },
        name: LocalisedName {
            ar: p.name_ar.clone(),
            zgh: p.name_zgh.clone(),
            fr: p.name_fr.clone(),
            en: p.name_en.clone(),
        },
    }
}

pub(crate) fn session_months(s: &region_setting::Model) -> Vec<u8> {
    s.session_months
        .split(',')
        .filter_map(|m| m.trim().parse().ok())
        .filter(|m| (1..=12).contains(m))
        .collect()
}
