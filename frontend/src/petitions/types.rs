//! Wire types of the petition pages (never database entities).

use serde::{Deserialize, Serialize};

use crate::dates::Day;
use crate::names::Names;

/// Where a petition is in its life (the domain's statuses, by name).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PetitionStatus {
    Draft,
    InModeration,
    Collecting,
    ThresholdReached,
    Deposited,
    UnderReview,
    Admissible,
    Scheduled,
    Answered,
    RejectedInModeration,
    Withdrawn,
    Expired,
    Inadmissible,
}

impl PetitionStatus {
    /// The name (a CSS class of the status badge).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Draft => "draft",
            Self::InModeration => "in_moderation",
            Self::Collecting => "collecting",
            Self::ThresholdReached => "threshold_reached",
            Self::Deposited => "deposited",
            Self::UnderReview => "under_review",
            Self::Admissible => "admissible",
            Self::Scheduled => "scheduled",
            Self::Answered => "answered",
            Self::RejectedInModeration => "rejected_in_moderation",
            Self::Withdrawn => "withdrawn",
            Self::Expired => "expired",
            Self::Inadmissible => "inadmissible",
        }
    }
}

/// Who petitions: citizens (with signatures) or an association.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PetitionKind {
    Citizen,
    Association,
}

/// A petition in a list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PetitionItem {
    pub id: i32,
    pub region: String,
    pub title: String,
    /// The language the petition is written in (for its `lang` attribute).
    pub lang: String,
    pub status: PetitionStatus,
    pub kind: PetitionKind,
    pub competence: String,
    pub signatures: i32,
    pub threshold: Option<i32>,
}

/// A page of a region's petitions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PetitionListData {
    pub region: String,
    pub region_name: Names,
    pub items: Vec<PetitionItem>,
    /// The `before` of the next page.
    pub next: Option<i32>,
    /// The competence codes to filter by.
    pub competences: Vec<String>,
    /// The region's prefectures and provinces, to filter by.
    pub provinces: Vec<ProvinceCount>,
}

/// One line of the public timeline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimelineItem {
    pub on: Day,
    pub step: String,
    pub actor_role: String,
    pub reason: Option<String>,
    /// In the four languages (the council's days and months written in each).
    pub note: Option<Names>,
}

/// An attached document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttachmentItem {
    pub id: i32,
    pub purpose: String,
    pub file_name: String,
    pub size_kb: i32,
}

/// Signatures in one prefecture or province.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProvinceCount {
    pub code: String,
    pub name: Names,
    pub count: i64,
    /// It reaches the per-province minimum.
    pub met: bool,
}

/// A petition's progress.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProgressData {
    pub total: i64,
    pub threshold: i32,
    pub per_province: i32,
    pub met: bool,
    pub provinces: Vec<ProvinceCount>,
    /// (the day, signatures that day).
    pub days: Vec<(Day, i64)>,
    /// Of the total, the signatures collected on paper (entered by the council).
    pub paper: i64,
    /// How many prefectures and provinces reach the minimum.
    pub provinces_met: usize,
    /// Towards the threshold, 0 to 100.
    pub percent: u8,
    /// The region's prefectures and provinces, to map the signatures on.
    pub map: Option<crate::regions::types::ProvinceMapData>,
}

/// Who the person looking at the page is, and what they may do now (decided by the domain).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Viewer {
    pub signed_in: bool,
    pub is_representative: bool,
    pub has_signed: bool,
    /// A saved signer profile in this petition's region: signing takes one click.
    pub profile_here: Option<String>,
    /// The representative may edit the draft (and reads the requested changes).
    pub can_edit: bool,
    pub can_deposit: bool,
    pub can_withdraw: bool,
    /// A moderator of the region may decide on it.
    pub can_moderate: bool,
    /// The viewer may report it (signed in, not its representative; published, not hidden).
    pub can_report: bool,
    /// A moderator of the region may hide it.
    pub can_hide: bool,
    /// A moderator of the region may show it again.
    pub can_restore: bool,
    /// The steps a council officer of the region may record now.
    pub council_steps: Vec<CouncilChoice>,
    pub can_list_signatories: bool,
    /// A council officer of the region may enter the signatures collected on paper.
    pub can_enter_paper: bool,
    /// A moderator of the region may review the online signatures for fraud.
    pub can_review_fraud: bool,
    /// The session an admissible decision taken today goes to (the form's default).
    pub next_session: Option<String>,
}

/// A step a council officer records (the value of the council form's `decision`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CouncilChoice {
    StartReview,
    Admissible,
    Inadmissible,
    Schedule,
    Answer,
}

impl CouncilChoice {
    /// The form value.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::StartReview => "start_review",
            Self::Admissible => "admissible",
            Self::Inadmissible => "inadmissible",
            Self::Schedule => "schedule",
            Self::Answer => "answer",
        }
    }
}

/// A petition's page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PetitionPageData {
    /// The guide "signing and your data" the region's people read, if published.
    pub data_guide: Option<i32>,
    /// The day the signatories' personal data was erased (retention).
    pub signatories_erased_on: Option<Day>,
    /// The prefecture or province the petition concerns, if any.
    pub province_name: Option<Names>,
    pub item: PetitionItem,
    pub region_name: Names,
    /// Whether the text, representative and files are shown (not for a rejection notice).
    pub text_shown: bool,
    /// Whether the title is shown (not for some rejection reasons).
    pub title_shown: bool,
    pub request: String,
    pub reasons: String,
    pub representative_name: String,
    pub association_name: Option<String>,
    pub association_seat: Option<String>,
    pub moderation_reason: Option<String>,
    pub moderation_note: Option<String>,
    pub collection_ends_on: Option<Day>,
    /// Whole days left to sign (0: the last day), while it may be signed.
    pub collection_days_left: Option<i64>,
    /// The site's public address, when the petition may be shared (public).
    pub share_base: Option<String>,
    pub reference: Option<String>,
    pub deposited_on: Option<Day>,
    pub decision_due_on: Option<Day>,
    /// Days left before the bureau's decision is due (negative: overdue).
    pub decision_days_left: Option<i64>,
    pub overdue: bool,
    pub committee: Option<String>,
    /// The session's month, in the four languages.
    pub session: Option<Names>,
    pub sitting_on: Option<Day>,
    pub decision_text: Option<String>,
    pub answer_text: Option<String>,
    pub signable: bool,
    /// Rejected in moderation: the reason is shown instead of the text.
    pub rejected: bool,
    /// Hidden by the region's moderators: when and why.
    pub hidden: Option<HiddenData>,
    /// Signatures removed by the fraud review: how many, on which day, why.
    pub removals: Vec<(i32, Day, String)>,
    pub provinces: Vec<ProvinceCount>,
    pub progress: Option<ProgressData>,
    pub attachments: Vec<AttachmentItem>,
    pub timeline: Vec<TimelineItem>,
    pub viewer: Viewer,
}

/// When and why the region's moderators hid a petition.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HiddenData {
    pub on: Day,
    /// A report reason code.
    pub reason: String,
}

/// The signer's fields of the signature form (named `signer[…]` in the HTML form).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct SignerFields {
    pub full_name: String,
    pub cin: String,
    pub province: String,
    pub basis: String,
    pub email: String,
    /// Checkboxes: present when ticked.
    pub electoral_roll: Option<String>,
    pub consent: Option<String>,
    pub notify: Option<String>,
}

#[cfg(feature = "ssr")]
impl SignerFields {
    /// The domain's form of these fields, for a signature in `lang` (a code).
    pub fn form(&self, lang: &str) -> domain::petitions::signing::SignatureForm {
        domain::petitions::signing::SignatureForm {
            full_name: self.full_name.clone(),
            cin: self.cin.clone(),
            province: self.province.clone(),
            basis: self.basis.clone(),
            electoral_roll: self.electoral_roll.is_some(),
            consent: self.consent.is_some(),
            email: self.email.clone(),
            notify: self.notify.is_some(),
            lang: lang.to_owned(),
        }
    }
}

/// The page to file a petition in a region.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewPetitionData {
    /// The guide "how to petition" the region's people read, if published.
    pub how_to_guide: Option<i32>,
    pub region: String,
    pub region_name: Names,
    pub signed_in: bool,
    /// Open petitions of the region like the one described (when a description was given).
    pub similar: Option<Vec<PetitionItem>>,
    /// The competence codes a petition may concern.
    pub competences: Vec<String>,
    /// The region's prefectures and provinces, one of which a petition may concern.
    pub provinces: Vec<ProvinceCount>,
    /// The draft being edited (the edit page), if any.
    pub draft: Option<DraftData>,
}

/// A draft sent back for changes, as its edit form shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DraftData {
    pub id: i32,
    pub title: String,
    /// The stored petition, by form field name.
    pub values: Vec<(String, String)>,
    /// What the moderator asked to change.
    pub moderation_note: Option<String>,
    pub attachments: Vec<AttachmentItem>,
}

/// A region's moderation queue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ModerationQueueData {
    pub region: String,
    pub region_name: Names,
    pub items: Vec<PetitionItem>,
}

/// The signatory list of a petition, for its council's officers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignatoryListData {
    pub title: String,
    pub reference: Option<String>,
    /// Signatories in all.
    pub total: u64,
    /// The number of the first row shown (a page holds a few thousand).
    pub first: u64,
    pub rows: Vec<SignatoryRow>,
    /// The `after` of the next page, if any.
    pub next: Option<i32>,
}

/// One signatory.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignatoryRow {
    pub full_name: String,
    pub cin: String,
    pub province: Names,
    pub basis: String,
    pub signed_on: Day,
    /// The reference of its paper batch (a signature on paper).
    pub paper: Option<String>,
}

/// "My petitions": what I filed, what I signed, my signer profile.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyPetitionsData {
    pub filed: Vec<PetitionItem>,
    pub signed: Vec<PetitionItem>,
    /// E.g. `Youssef Amrani — AB****56`, and the province's names.
    pub profile: Option<(String, Names)>,
    /// Every prefecture and province, by region, for the profile form.
    pub provinces: Vec<ProvinceCount>,
}
