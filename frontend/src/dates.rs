//! Days (and moments of a day) on the wire: the server writes them in the four languages with
//! `domain::dates` (the browser bundle carries no calendar data); a page shows the reader's, in
//! a `<time>` that gives the ISO date to machines.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::i18n::{Locale, use_i18n};

/// A day, or a moment of one, ready to show in any of the four languages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Day {
    /// `YYYY-MM-DD`, or `YYYY-MM-DDTHH:MM±HH:MM` (Morocco's offset) for a moment.
    pub iso: String,
    /// In the order ar, zgh, fr, en.
    words: [String; 4],
}

impl Day {
    /// The day as `locale` writes it.
    pub fn get(&self, locale: Locale) -> &str {
        &self.words[match locale {
            Locale::ar => 0,
            Locale::zgh => 1,
            Locale::fr => 2,
            Locale::en => 3,
        }]
    }
}

#[cfg(feature = "ssr")]
impl Day {
    /// `day` written in the four languages.
    pub fn of(day: chrono::NaiveDate) -> Self {
        Self {
            iso: day.format("%Y-%m-%d").to_string(),
            words: domain::types::Lang::ALL.map(|lang| domain::dates::day(day, lang)),
        }
    }

    /// The day, in Morocco, of the instant `at`.
    pub fn at(at: chrono::DateTime<chrono::Utc>) -> Self {
        Self::of(domain::dates::day_of(at))
    }

    /// The instant `at` on Morocco's clock, to the minute: its day and its time.
    pub fn moment(at: chrono::DateTime<chrono::Utc>) -> Self {
        Self {
            iso: domain::dates::local(at)
                .format("%Y-%m-%dT%H:%M%:z")
                .to_string(),
            words: domain::types::Lang::ALL.map(|lang| domain::dates::moment(at, lang)),
        }
    }
}

/// A day in the reader's language, in a `<time>` with its ISO date.
#[component]
pub fn DayText(day: Day) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    view! { <time datetime=day.iso.clone()>{day.get(locale).to_owned()}</time> }
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use chrono::TimeZone;

    use super::*;

    #[test]
    fn a_day_carries_its_iso_date_and_the_four_languages_words() {
        let day = Day::of(chrono::NaiveDate::from_ymd_opt(2026, 8, 20).unwrap_or_default());
        assert_eq!(day.iso, "2026-08-20");
        assert_eq!(day.get(Locale::fr), "20 août 2026");
        assert_eq!(day.get(Locale::ar), "20 غشت 2026");
        assert_eq!(day.get(Locale::zgh), "20 ⵖⵓⵛⵜ 2026");
        assert_eq!(day.get(Locale::en), "20 August 2026");
    }

    #[test]
    fn a_moment_gives_machines_its_offset_from_utc() {
        let at = chrono::Utc
            .with_ymd_and_hms(2026, 11, 29, 22, 30, 0)
            .single()
            .unwrap_or_default();
        let moment = Day::moment(at);
        assert_eq!(moment.iso, "2026-11-29T23:30+01:00");
        assert!(moment.get(Locale::fr).starts_with("29 novembre 2026"));
        assert!(moment.get(Locale::fr).contains("23:30"));
    }
}
