//! Wire types of the guides pages.

use serde::{Deserialize, Serialize};

use crate::dates::Day;
use crate::names::Names;

/// A region as the guides pages name it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegionName {
    pub slug: String,
    pub name: Names,
}

/// A guide in a list, its texts in the reader's language or the guide's fallback.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GuideItem {
    pub id: i32,
    /// `None`: a national guide.
    pub region: Option<RegionName>,
    pub category: String,
    pub lang: String,
    pub title: String,
    pub summary: String,
    pub translated: bool,
    pub adopted: bool,
    /// A practice's tool.
    pub tool: Option<String>,
}

/// The list's filter, as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct GuideQuery {
    pub q: String,
    pub category: String,
    /// In the library: a region's slug, `national`, or empty for all.
    pub region: String,
    /// Practices with this tool.
    pub tool: String,
    pub page: Option<u64>,
}

/// A page of a list of guides.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GuideListData {
    /// The region whose list this is (`None`: the library).
    pub region: Option<RegionName>,
    /// Every region, for the library's filter.
    pub regions: Vec<RegionName>,
    pub items: Vec<GuideItem>,
    pub total: u64,
    pub page: u64,
    pub pages: u64,
    /// Whether the reader may start a guide here.
    pub may_create: bool,
}

/// Where an adopted guide came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OriginData {
    pub id: i32,
    /// `None`: a national guide.
    pub region: Option<RegionName>,
    pub version: i32,
}

/// A guide's page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GuideData {
    pub id: i32,
    /// The guide's own region (`None`: national).
    pub region: Option<RegionName>,
    /// The region it is read in, if any.
    pub context: Option<RegionName>,
    pub category: String,
    pub version: i32,
    /// The day it was published; `None`: the draft.
    pub published: Option<Day>,
    /// The language of the texts shown.
    pub lang: String,
    pub title: String,
    pub summary: String,
    pub html: String,
    pub translated: bool,
    pub needs_review: bool,
    pub origin: Option<OriginData>,
    /// Its numbers depend on the region: the page links to each region's reading.
    pub per_region: bool,
    pub regions: Vec<RegionName>,
    pub may_edit: bool,
    pub has_draft: bool,
    pub adopt_into: Vec<RegionName>,
    pub practice: Option<PracticeData>,
    /// Its documents (PDF).
    pub documents: Vec<super::documents::GuideDocumentItem>,
}

/// A practice's facts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PracticeData {
    pub tool: String,
    pub started_on: Option<Day>,
    pub ended_on: Option<Day>,
    pub partners: String,
    pub contact_name: String,
    pub contact_email: Option<String>,
    pub contact_phone: Option<String>,
}

/// The writers' form, filled with what is stored (or was typed).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GuideFormData {
    /// `None`: a new guide.
    pub id: Option<i32>,
    /// The region of the guide (`None`: national).
    pub region: Option<RegionName>,
    pub title: Option<String>,
    /// The fields' values: `category`, `fallback_lang`, `title_ar`, …, `review_ar` (`on`).
    pub values: Vec<(String, String)>,
}

/// One version in a guide's history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VersionItem {
    pub number: i32,
    /// When it was last written.
    pub edited: Day,
    pub published: Option<Day>,
    pub edited_by: Option<String>,
    pub published_by: Option<String>,
}

/// A line of a comparison: `same`, `added` or `removed`, and its text.
pub type DiffLine = (String, String);

/// What changed in one language between two versions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DiffData {
    pub from: i32,
    pub to: i32,
    pub lang: String,
    pub title: Vec<DiffLine>,
    pub summary: Vec<DiffLine>,
    pub body: Vec<DiffLine>,
}

/// A guide's history page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HistoryData {
    pub id: i32,
    pub title: String,
    pub lang: String,
    pub versions: Vec<VersionItem>,
    pub diff: Option<DiffData>,
}
