//! Wire types of the consultation pages (never database entities).

use serde::{Deserialize, Serialize};

use crate::dates::Day;
use crate::names::Names;

/// Where a consultation is in its life (the domain's statuses, by name).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ConsultationStatus {
    Draft,
    Scheduled,
    Open,
    Closed,
    ResultsPublished,
    SynthesisPublished,
    Cancelled,
}

impl ConsultationStatus {
    /// The name (a CSS class of the status badge).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Draft => "draft",
            Self::Scheduled => "scheduled",
            Self::Open => "open",
            Self::Closed => "closed",
            Self::ResultsPublished => "results_published",
            Self::SynthesisPublished => "synthesis_published",
            Self::Cancelled => "cancelled",
        }
    }
}

/// A consultation in a list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConsultationItem {
    pub id: i32,
    pub region: String,
    pub title: String,
    pub summary: String,
    /// The language of the texts shown.
    pub lang: String,
    pub status: ConsultationStatus,
    pub audience: String,
    /// First and last day (Morocco).
    pub opens_on: Day,
    pub closes_on: Day,
}

/// A region's consultations.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConsultationListData {
    pub region: String,
    pub region_name: Names,
    pub items: Vec<ConsultationItem>,
    /// The visitor is a council officer of the region (sees drafts, may create).
    pub is_officer: bool,
    pub signed_in: bool,
    /// The visitor follows the region (is emailed when a consultation opens).
    pub following: bool,
}

/// A question of a questionnaire.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuestionItem {
    pub id: i32,
    /// `single`, `multiple`, `text`, `scale`, `ranking`.
    pub kind: String,
    pub required: bool,
    pub max_choices: Option<i32>,
    pub max_chars: Option<i32>,
    pub text: String,
    pub low_label: Option<String>,
    pub high_label: Option<String>,
    /// `(choice id, wording)`, in order.
    pub choices: Vec<(i32, String)>,
}

/// A proposal in a list or on its page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProposalItem {
    pub id: i32,
    pub title: String,
    pub body: String,
    pub province: Option<Names>,
    pub supports: u64,
    pub comments: u64,
    /// The viewer supports it.
    pub supported: bool,
    /// The viewer wrote it.
    pub own: bool,
}

/// A prefecture or province to choose.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProvinceOption {
    pub code: String,
    pub name: Names,
}

/// A consultation's page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConsultationPageData {
    pub item: ConsultationItem,
    pub region_name: Names,
    /// The body, as safe HTML.
    pub body_html: String,
    pub questionnaire: bool,
    pub proposals: bool,
    /// One response per person: the form asks the CIN and the province.
    pub per_cin: bool,
    pub questions: Vec<QuestionItem>,
    pub provinces: Vec<ProvinceOption>,
    pub proposal_items: Vec<ProposalItem>,
    /// The page of the ranked proposals shown (from 0), and whether there is a next one.
    pub proposals_page: u64,
    pub proposals_next: bool,
    /// The rank of the first proposal shown.
    pub proposals_start: u64,
    pub signed_in: bool,
    pub is_officer: bool,
    /// The visitor reviews its free-text answers now (a reviewer of the region, closed).
    pub reviews_now: bool,
    /// The visitor's last answer: the values of each question's fields.
    pub my_answers: Option<MyAnswers>,
    /// Results can be seen (published, or the visitor is an officer of the region).
    pub results_visible: bool,
    /// The synthesis, as safe HTML, once published.
    pub synthesis_html: Option<String>,
    /// The documents (PDF) of the consultation and of its synthesis.
    pub documents: Vec<DocumentItem>,
    /// The day its texts were last corrected after publication.
    pub corrected_on: Option<Day>,
    /// The day it was cancelled and why.
    pub cancelled: Option<(Day, String)>,
    /// What its officers may do now (all false for anyone else).
    pub may: OfficerSteps,
}

/// What the region's officers may do to a consultation now, as the domain decides.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct OfficerSteps {
    /// Correct its settings, dates and texts (a draft or scheduled one).
    pub correct_all: bool,
    /// Correct its texts only (an open one).
    pub correct_texts: bool,
    /// Add and remove questions.
    pub edit_questions: bool,
    /// Cancel it (a scheduled one).
    pub cancel: bool,
}

/// A document (PDF) of a consultation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentItem {
    pub id: i32,
    /// `document` (of the consultation) or `synthesis`.
    pub purpose: String,
    pub file_name: String,
    pub size_kb: i32,
    /// Its officers may remove it now.
    pub removable: bool,
}

/// The visitor's response, to fill the form again.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyAnswers {
    /// `(question id, values)`.
    pub answers: Vec<(i32, Vec<String>)>,
    pub audience_declared: bool,
    pub province: String,
    /// They asked for the synthesis by email.
    pub notify: bool,
}

impl MyAnswers {
    /// The values given to question `id`.
    pub fn of(&self, id: i32) -> &[String] {
        self.answers
            .iter()
            .find(|(q, _)| *q == id)
            .map(|(_, v)| v.as_slice())
            .unwrap_or_default()
    }
}

/// A comment under a proposal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommentItem {
    pub id: i32,
    pub body: String,
    pub on: Day,
}

/// A proposal's page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProposalPageData {
    pub consultation: ConsultationItem,
    pub region_name: Names,
    pub proposal: ProposalItem,
    pub comments: Vec<CommentItem>,
    pub signed_in: bool,
    /// The call for proposals is open (support and comments are possible).
    pub open: bool,
}

/// One bar of a result: a choice, a scale point or a ranked choice.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ResultRow {
    pub label: String,
    pub count: u64,
    /// Percent of the question's respondents (choices, scale points).
    pub percent: Option<f64>,
    /// Ranking: Borda points and mean place.
    pub points: Option<u64>,
    pub mean_rank: Option<f64>,
    /// Too few people to show: the count and percent are not given.
    pub hidden: bool,
}

/// The results of one question.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuestionResultItem {
    pub id: i32,
    pub kind: String,
    pub text: String,
    pub respondents: u64,
    pub rows: Vec<ResultRow>,
    /// Scale: the mean point.
    pub mean: Option<f64>,
    /// Fewer people than the smallest cell answered it: no counts.
    pub withheld: bool,
    /// Free text: the first page of answers (token, text), and the token to continue after.
    pub texts: Vec<(i64, String)>,
    pub more_after: Option<i64>,
}

/// A consultation's results page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ResultsData {
    pub item: ConsultationItem,
    pub region_name: Names,
    pub responses: u64,
    /// The consultation is open: only the number of responses is shown.
    pub total_while_open: bool,
    /// Fewer responses than the smallest cell: only their number is shown.
    pub too_few: bool,
    /// The smallest count shown.
    pub min_cell: u64,
    /// One response stands for one person (CIN declared), not one account.
    pub per_cin: bool,
    /// Responses whose participant declared belonging to the audience (`None`: hidden).
    pub declared: Option<u64>,
    /// Responses per prefecture or province (`None` name: not given; `None` count: hidden).
    pub by_province: Vec<(Option<Names>, Option<u64>)>,
    pub questions: Vec<QuestionResultItem>,
    pub proposals: Vec<ProposalItem>,
    /// Live results seen by the region's officers before they are published.
    pub live: bool,
    /// The visitor is signed in (and may report an answer).
    pub signed_in: bool,
}
