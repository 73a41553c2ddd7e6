//! The life of a consultation: draft → scheduled → open → closed → results published →
//! synthesis published; a scheduled consultation may instead be cancelled. "Open" and "closed" follow the clock: a scheduled consultation is open
//! from its opening time and closed from its closing time, whoever looks; the officer's steps
//! are publishing, publishing the results and publishing the synthesis. Pure: the operations
//! load, check here, then write.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::DomainError;

/// What is stored: the officer's last step.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StoredStatus {
    Draft,
    /// Published; open between its opening and closing times.
    Published,
    ResultsPublished,
    SynthesisPublished,
    /// Cancelled before it opened.
    Cancelled,
}

impl StoredStatus {
    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Draft => "draft",
            Self::Published => "published",
            Self::ResultsPublished => "results_published",
            Self::SynthesisPublished => "synthesis_published",
            Self::Cancelled => "cancelled",
        }
    }

    /// The status named `name`.
    pub fn parse(name: &str) -> Option<Self> {
        [
            Self::Draft,
            Self::Published,
            Self::ResultsPublished,
            Self::SynthesisPublished,
            Self::Cancelled,
        ]
        .into_iter()
        .find(|s| s.as_str() == name)
    }
}

/// Where a consultation stands now.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ConsultationStatus {
    Draft,
    Scheduled,
    Open,
    Closed,
    ResultsPublished,
    SynthesisPublished,
    /// Cancelled before it opened: its page says when and why.
    Cancelled,
}

impl ConsultationStatus {
    /// The wire name.
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

    /// Whether participants may answer, propose, support and comment now.
    pub fn is_open(self) -> bool {
        self == Self::Open
    }

    /// Whether the public sees it (everything but drafts).
    pub fn is_public(self) -> bool {
        self != Self::Draft
    }

    /// What its officers may still correct in it.
    pub fn correctable(self) -> Correctable {
        match self {
            Self::Draft | Self::Scheduled => Correctable::Everything,
            Self::Open => Correctable::Texts,
            _ => Correctable::Nothing,
        }
    }
}

/// What the officers may correct in a consultation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Correctable {
    /// Nobody has answered yet: texts, audience, parts, verification, dates, questions and
    /// documents.
    Everything,
    /// Open: what changes no question and no answer already given (its texts and documents).
    Texts,
    /// Closed, published or cancelled: nothing.
    Nothing,
}

/// The opening and closing times of a consultation, opening strictly first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Window {
    opens_at: DateTime<Utc>,
    closes_at: DateTime<Utc>,
}

impl Window {
    /// A window from `opens_at` to `closes_at`; `Validation("closes_at", "window_invalid")`
    /// unless it closes after it opens.
    pub fn new(opens_at: DateTime<Utc>, closes_at: DateTime<Utc>) -> Result<Self, DomainError> {
        if closes_at <= opens_at {
            return Err(DomainError::Validation {
                field: "closes_at",
                code: "window_invalid",
            });
        }
        Ok(Self {
            opens_at,
            closes_at,
        })
    }

    pub fn opens_at(&self) -> DateTime<Utc> {
        self.opens_at
    }

    pub fn closes_at(&self) -> DateTime<Utc> {
        self.closes_at
    }

    /// Whether `now` is inside: from the opening (included) to the closing (excluded).
    pub fn contains(&self, now: DateTime<Utc>) -> bool {
        self.opens_at <= now && now < self.closes_at
    }
}

/// The status at `now` of a consultation stored as `stored` with `window`.
pub fn status_at(stored: StoredStatus, window: Window, now: DateTime<Utc>) -> ConsultationStatus {
    match stored {
        StoredStatus::Draft => ConsultationStatus::Draft,
        StoredStatus::Published if now < window.opens_at => ConsultationStatus::Scheduled,
        StoredStatus::Published if window.contains(now) => ConsultationStatus::Open,
        StoredStatus::Published => ConsultationStatus::Closed,
        StoredStatus::ResultsPublished => ConsultationStatus::ResultsPublished,
        StoredStatus::SynthesisPublished => ConsultationStatus::SynthesisPublished,
        StoredStatus::Cancelled => ConsultationStatus::Cancelled,
    }
}

/// An officer's step.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Step {
    /// Change a draft or a scheduled consultation (texts, parts, dates, questions).
    Edit,
    /// Correct the texts (a draft, scheduled or open consultation).
    CorrectTexts,
    /// Cancel a scheduled consultation.
    Cancel,
    /// Publish: scheduled until it opens.
    Publish,
    /// Publish the results, once closed.
    PublishResults,
    /// Publish the synthesis ("what we heard, what we will do"), once the results are out.
    PublishSynthesis,
}

/// What `step` makes of a consultation in `status`, or `Conflict("step_not_allowed")`.
pub fn next_stored(status: ConsultationStatus, step: Step) -> Result<StoredStatus, DomainError> {
    use ConsultationStatus as C;
    match (status, step) {
        (C::Draft, Step::Edit | Step::CorrectTexts) => Ok(StoredStatus::Draft),
        (C::Scheduled, Step::Edit) | (C::Scheduled | C::Open, Step::CorrectTexts) => {
            Ok(StoredStatus::Published)
        }
        (C::Scheduled, Step::Cancel) => Ok(StoredStatus::Cancelled),
        (C::Draft, Step::Publish) => Ok(StoredStatus::Published),
        (C::Closed, Step::PublishResults) => Ok(StoredStatus::ResultsPublished),
        (C::ResultsPublished, Step::PublishSynthesis) => Ok(StoredStatus::SynthesisPublished),
        _ => Err(DomainError::Conflict("step_not_allowed")),
    }
}

#[cfg(test)]
mod tests {
    use chrono::{Duration, TimeZone};

    use super::*;

    const STATUSES: [ConsultationStatus; 7] = [
        ConsultationStatus::Draft,
        ConsultationStatus::Scheduled,
        ConsultationStatus::Open,
        ConsultationStatus::Closed,
        ConsultationStatus::ResultsPublished,
        ConsultationStatus::SynthesisPublished,
        ConsultationStatus::Cancelled,
    ];
    const STEPS: [Step; 6] = [
        Step::Edit,
        Step::CorrectTexts,
        Step::Cancel,
        Step::Publish,
        Step::PublishResults,
        Step::PublishSynthesis,
    ];

    fn window() -> (DateTime<Utc>, Window) {
        let opens = Utc
            .with_ymd_and_hms(2027, 3, 1, 8, 0, 0)
            .single()
            .unwrap_or_default();
        let window =
            Window::new(opens, opens + Duration::days(30)).unwrap_or_else(|e| panic!("{e}"));
        (opens, window)
    }

    #[test]
    fn a_published_consultation_follows_the_clock() {
        let (opens, window) = window();
        let at = |d: Duration| status_at(StoredStatus::Published, window, opens + d);
        assert_eq!(at(-Duration::seconds(1)), ConsultationStatus::Scheduled);
        assert_eq!(at(Duration::zero()), ConsultationStatus::Open);
        assert_eq!(
            at(Duration::days(30) - Duration::seconds(1)),
            ConsultationStatus::Open
        );
        assert_eq!(at(Duration::days(30)), ConsultationStatus::Closed);
        assert_eq!(
            status_at(StoredStatus::Draft, window, opens),
            ConsultationStatus::Draft,
            "a draft never opens"
        );
    }

    #[test]
    fn a_window_closes_after_it_opens() {
        let (opens, _) = window();
        assert!(Window::new(opens, opens).is_err());
        assert!(Window::new(opens, opens - Duration::days(1)).is_err());
    }

    #[test]
    fn every_step_is_allowed_or_refused_as_the_lifecycle_says() {
        use ConsultationStatus as C;
        let allowed = [
            (C::Draft, Step::Edit, StoredStatus::Draft),
            (C::Draft, Step::CorrectTexts, StoredStatus::Draft),
            (C::Scheduled, Step::Edit, StoredStatus::Published),
            (C::Scheduled, Step::CorrectTexts, StoredStatus::Published),
            (C::Open, Step::CorrectTexts, StoredStatus::Published),
            (C::Scheduled, Step::Cancel, StoredStatus::Cancelled),
            (C::Draft, Step::Publish, StoredStatus::Published),
            (
                C::Closed,
                Step::PublishResults,
                StoredStatus::ResultsPublished,
            ),
            (
                C::ResultsPublished,
                Step::PublishSynthesis,
                StoredStatus::SynthesisPublished,
            ),
        ];
        for status in STATUSES {
            for step in STEPS {
                let expected = allowed
                    .iter()
                    .find(|(s, st, _)| *s == status && *st == step)
                    .map(|(_, _, to)| *to);
                match (next_stored(status, step), expected) {
                    (Ok(to), Some(expected)) => assert_eq!(to, expected, "{status:?} {step:?}"),
                    (Err(DomainError::Conflict("step_not_allowed")), None) => {}
                    (other, _) => panic!("{status:?} {step:?}: {other:?}"),
                }
            }
        }
    }

    #[test]
    fn stored_names_round_trip() {
        for s in [
            StoredStatus::Draft,
            StoredStatus::Published,
            StoredStatus::ResultsPublished,
            StoredStatus::SynthesisPublished,
            StoredStatus::Cancelled,
        ] {
            assert_eq!(StoredStatus::parse(s.as_str()), Some(s));
        }
        assert_eq!(StoredStatus::parse("open"), None, "open is not stored");
    }

    #[test]
    fn once_open_only_texts_are_corrected() {
        use ConsultationStatus as C;
        assert_eq!(C::Draft.correctable(), Correctable::Everything);
        assert_eq!(C::Scheduled.correctable(), Correctable::Everything);
        assert_eq!(C::Open.correctable(), Correctable::Texts);
        for later in [
            C::Closed,
            C::ResultsPublished,
            C::SynthesisPublished,
            C::Cancelled,
        ] {
            assert_eq!(later.correctable(), Correctable::Nothing, "{later:?}");
        }
    }
}
