//! Wire types of the staff dashboard (never database entities).

use serde::{Deserialize, Serialize};

use crate::consultations::types::ConsultationItem;
use crate::dates::Day;
use crate::names::Names;

/// How a staff member receives alerts (the domain's choices, by name).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AlertDelivery {
    Immediate,
    Daily,
    Off,
}

impl AlertDelivery {
    /// The form value.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Immediate => "immediate",
            Self::Daily => "daily",
            Self::Off => "off",
        }
    }
}

/// Every choice, in the order offered.
pub const DELIVERIES: [AlertDelivery; 3] = [
    AlertDelivery::Immediate,
    AlertDelivery::Daily,
    AlertDelivery::Off,
];

/// One page of a list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Listing<T> {
    pub items: Vec<T>,
    pub page: u64,
    pub pages: u64,
    pub total: u64,
}

/// A petition waiting for the staff.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WaitingRow {
    pub id: i32,
    pub title: String,
    pub lang: String,
    pub reference: Option<String>,
    pub since: Day,
    pub days_waiting: i64,
    /// The bureau's deadline.
    pub due_on: Option<Day>,
    pub days_left: Option<i64>,
    pub overdue: bool,
}

/// An open report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportRow {
    pub consultation_id: i32,
    /// `proposal`, `comment` or `answer`.
    pub kind: String,
    pub reason: String,
    pub reported_on: Day,
}

/// The counts on top (`None`: not for this viewer).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Counts {
    pub to_moderate: Option<u64>,
    pub open_reports: Option<u64>,
    pub reported_petitions: Option<u64>,
    pub awaiting_decision: Option<u64>,
    pub overdue: Option<u64>,
    pub awaiting_session: Option<u64>,
    pub consultation_drafts: Option<u64>,
    pub consultations_open: Option<u64>,
    pub closed_without_results: Option<u64>,
    pub results_without_synthesis: Option<u64>,
}

/// The dashboard of one region for one staff member.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DashboardData {
    pub region: String,
    pub region_name: Names,
    pub moderator: bool,
    pub officer: bool,
    pub delivery: AlertDelivery,
    pub counts: Counts,
    pub to_moderate: Option<Listing<WaitingRow>>,
    pub reports: Option<Listing<ReportRow>>,
    pub awaiting_decision: Option<Listing<WaitingRow>>,
    pub awaiting_session: Option<Listing<WaitingRow>>,
    pub consultations: Option<Vec<ConsultationItem>>,
}
