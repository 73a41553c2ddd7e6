//! Days as each language writes them, from CLDR's data through ICU4X: Arabic as written in
//! Morocco (`ar-MA`: Latin digits, the months يناير … دجنبر), Amazigh in Tifinagh (`zgh`),
//! French as written in Morocco (`fr-MA`) and English. The server writes a day in the four
//! languages (the browser bundle carries no calendar data); a page shows the reader's, in a
//! `<time>` that gives the ISO date to machines.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::i18n::{Locale, use_i18n};

/// A day, ready to show in any of the four languages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Day {
    /// `YYYY-MM-DD`.
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
mod written {
    use std::sync::LazyLock;

    use icu_calendar::{Date, Gregorian};
    use icu_datetime::FixedCalendarDateTimeFormatter;
    use icu_datetime::fieldsets::YMD;
    use icu_locale_core::Locale;

    use super::Day;

    type Formatter = FixedCalendarDateTimeFormatter<Gregorian, YMD>;

    /// The locales the four languages write days in, in the order of [`Day`]'s words.
    const LOCALES: [&str; 4] = ["ar-MA", "zgh", "fr-MA", "en-GB"];
    /// Where Amazigh is in [`LOCALES`]: ICU4X's compiled data leaves `zgh` out (CLDR has it at
    /// basic coverage only), so its days are written with CLDR's `zgh` month names and pattern
    /// (`d MMMM y`).
    const ZGH: usize = 1;
    /// CLDR's `zgh` months (format, wide).
    const ZGH_MONTHS: [&str; 12] = [
        "ⵉⵏⵏⴰⵢⵔ",
        "ⴱⵕⴰⵢⵕ",
        "ⵎⴰⵕⵚ",
        "ⵉⴱⵔⵉⵔ",
        "ⵎⴰⵢⵢⵓ",
        "ⵢⵓⵏⵢⵓ",
        "ⵢⵓⵍⵢⵓⵣ",
        "ⵖⵓⵛⵜ",
        "ⵛⵓⵜⴰⵏⴱⵉⵔ",
        "ⴽⵜⵓⴱⵔ",
        "ⵏⵓⵡⴰⵏⴱⵉⵔ",
        "ⴷⵓⵊⴰⵏⴱⵉⵔ",
    ];

    /// One formatter per language, made once (`None`: the data is missing; ISO is shown).
    static FORMATTERS: LazyLock<Vec<Option<Formatter>>> = LazyLock::new(|| {
        LOCALES
            .iter()
            .map(|tag| {
                let locale = Locale::try_from_str(tag).ok()?;
                Formatter::try_new(locale.into(), YMD::long()).ok()
            })
            .collect()
    });

    impl Day {
        /// `day` written in the four languages.
        pub fn of(day: chrono::NaiveDate) -> Self {
            use chrono::Datelike;
            let iso = day.format("%Y-%m-%d").to_string();
            let date = u8::try_from(day.month())
                .ok()
                .zip(u8::try_from(day.day()).ok())
                .and_then(|(month, d)| Date::try_new_gregorian(day.year(), month, d).ok());
            let words = std::array::from_fn(|i| {
                if i == ZGH {
                    let month = usize::try_from(day.month0()).unwrap_or(0);
                    let name = ZGH_MONTHS.get(month).copied().unwrap_or_default();
                    return format!("{} {name} {}", day.day(), day.year());
                }
                match (date.as_ref(), FORMATTERS.get(i).and_then(Option::as_ref)) {
                    (Some(date), Some(formatter)) => formatter.format(date).to_string(),
                    _ => iso.clone(),
                }
            });
            Self { iso, words }
        }

        /// The day, in Morocco, of the instant `at`.
        pub fn at(at: chrono::DateTime<chrono::Utc>) -> Self {
            Self::of(
                at.with_timezone(&chrono_tz::Africa::Casablanca)
                    .date_naive(),
            )
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
    use super::*;

    #[test]
    fn a_day_is_written_as_each_language_writes_it() {
        let day = Day::of(chrono::NaiveDate::from_ymd_opt(2026, 8, 20).unwrap_or_default());
        assert_eq!(day.iso, "2026-08-20");
        assert_eq!(day.get(Locale::fr), "20 août 2026");
        assert_eq!(day.get(Locale::en), "20 August 2026");
        assert_eq!(day.get(Locale::ar), "20 غشت 2026");
        assert_eq!(day.get(Locale::zgh), "20 ⵖⵓⵛⵜ 2026");
        let day = Day::of(chrono::NaiveDate::from_ymd_opt(2027, 1, 5).unwrap_or_default());
        assert_eq!(day.get(Locale::ar), "5 يناير 2027");
        assert_eq!(day.get(Locale::zgh), "5 ⵉⵏⵏⴰⵢⵔ 2027");
    }
}
