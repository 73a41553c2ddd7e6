//! Days and moments as each language writes them, from CLDR's data through ICU4X: Arabic as
//! written in Morocco (`ar-MA`: Latin digits, the months يناير … دجنبر), Amazigh in Tifinagh
//! (`zgh`), French as written in Morocco (`fr-MA`) and English, on Morocco's clock. Pages and
//! emails write dates with these, never as ISO strings.

use std::sync::LazyLock;

use chrono::{DateTime, Datelike, NaiveDate, Timelike, Utc};
use icu_calendar::{Date, Gregorian};
use icu_datetime::FixedCalendarDateTimeFormatter;
use icu_datetime::fieldsets::{YM, YMD, YMDT};
use icu_datetime::input::{DateTime as IcuDateTime, Time};
use icu_datetime::options::TimePrecision;
use icu_locale_core::Locale;

use crate::types::Lang;

type DayFormatter = FixedCalendarDateTimeFormatter<Gregorian, YMD>;
type MomentFormatter = FixedCalendarDateTimeFormatter<Gregorian, YMDT>;
type MonthFormatter = FixedCalendarDateTimeFormatter<Gregorian, YM>;

/// The locales the four languages write dates in, in the order of [`Lang::ALL`].
const LOCALES: [&str; 4] = ["ar-MA", "zgh", "fr-MA", "en-GB"];
/// CLDR's `zgh` months (format, wide). ICU4X's compiled data leaves `zgh` out (CLDR has it at
/// basic coverage only), so Amazigh dates are written with these and CLDR's pattern `d MMMM y`.
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

/// One formatter per language, made once (`None`: no data for it; Amazigh).
static DAYS: LazyLock<Vec<Option<DayFormatter>>> = LazyLock::new(|| {
    LOCALES
        .iter()
        .map(|tag| {
            let locale = Locale::try_from_str(tag).ok()?;
            DayFormatter::try_new(locale.into(), YMD::long()).ok()
        })
        .collect()
});

/// The same with the hour and minute (a 24-hour clock in the four locales).
static MOMENTS: LazyLock<Vec<Option<MomentFormatter>>> = LazyLock::new(|| {
    LOCALES
        .iter()
        .map(|tag| {
            let locale = Locale::try_from_str(tag).ok()?;
            let fields = YMDT::long().with_time_precision(TimePrecision::Minute);
            MomentFormatter::try_new(locale.into(), fields).ok()
        })
        .collect()
});

/// The same for a month of a year.
static MONTHS: LazyLock<Vec<Option<MonthFormatter>>> = LazyLock::new(|| {
    LOCALES
        .iter()
        .map(|tag| {
            let locale = Locale::try_from_str(tag).ok()?;
            MonthFormatter::try_new(locale.into(), YM::long()).ok()
        })
        .collect()
});

/// The instant `at` on Morocco's clock.
pub fn local(at: DateTime<Utc>) -> DateTime<chrono_tz::Tz> {
    at.with_timezone(&chrono_tz::Africa::Casablanca)
}

/// The day (in Morocco) on which instant `at` falls.
pub fn day_of(at: DateTime<Utc>) -> NaiveDate {
    local(at).date_naive()
}

/// `day` as `lang` writes it: "29 نونبر 2026", "29 ⵏⵓⵡⴰⵏⴱⵉⵔ 2026", "29 novembre 2026".
pub fn day(day: NaiveDate, lang: Lang) -> String {
    let i = index(lang);
    if lang == Lang::Zgh {
        return zgh(day);
    }
    match (gregorian(day), DAYS.get(i).and_then(Option::as_ref)) {
        (Some(date), Some(formatter)) => formatter.format(&date).to_string(),
        _ => day.format("%Y-%m-%d").to_string(),
    }
}

/// The instant `at` on Morocco's clock, to the minute, as `lang` writes it.
pub fn moment(at: DateTime<Utc>, lang: Lang) -> String {
    let local = local(at);
    let clock = local.format("%H:%M").to_string();
    let on = local.date_naive();
    if lang == Lang::Zgh {
        return format!("{} {clock}", zgh(on));
    }
    let time = u8::try_from(local.hour())
        .ok()
        .zip(u8::try_from(local.minute()).ok())
        .and_then(|(h, m)| Time::try_new(h, m, 0, 0).ok());
    match (
        gregorian(on).zip(time),
        MOMENTS.get(index(lang)).and_then(Option::as_ref),
    ) {
        (Some((date, time)), Some(formatter)) => {
            formatter.format(&IcuDateTime { date, time }).to_string()
        }
        _ => format!("{} {clock}", on.format("%Y-%m-%d")),
    }
}

/// The month of `first` (its year and month) as `lang` writes it: "مارس 2027", "mars 2027".
pub fn month(first: NaiveDate, lang: Lang) -> String {
    if lang == Lang::Zgh {
        let name = usize::try_from(first.month0())
            .ok()
            .and_then(|m| ZGH_MONTHS.get(m))
            .copied()
            .unwrap_or_default();
        return format!("{name} {}", first.year());
    }
    match (
        gregorian(first),
        MONTHS.get(index(lang)).and_then(Option::as_ref),
    ) {
        (Some(date), Some(formatter)) => formatter.format(&date).to_string(),
        _ => first.format("%Y-%m").to_string(),
    }
}

/// Where `lang` is in [`LOCALES`].
fn index(lang: Lang) -> usize {
    Lang::ALL.iter().position(|l| *l == lang).unwrap_or(0)
}

/// `day` as ICU4X's Gregorian date.
fn gregorian(day: NaiveDate) -> Option<Date<Gregorian>> {
    let month = u8::try_from(day.month()).ok()?;
    let d = u8::try_from(day.day()).ok()?;
    Date::try_new_gregorian(day.year(), month, d).ok()
}

/// `day` in Amazigh, with CLDR's month names.
fn zgh(day: NaiveDate) -> String {
    let month = usize::try_from(day.month0()).unwrap_or(0);
    let name = ZGH_MONTHS.get(month).copied().unwrap_or_default();
    format!("{} {name} {}", day.day(), day.year())
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;

    fn on(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
    }

    #[test]
    fn a_day_is_written_as_each_language_writes_it() {
        assert_eq!(day(on(2026, 8, 20), Lang::Fr), "20 août 2026");
        assert_eq!(day(on(2026, 8, 20), Lang::En), "20 August 2026");
        assert_eq!(day(on(2026, 8, 20), Lang::Ar), "20 غشت 2026");
        assert_eq!(day(on(2026, 8, 20), Lang::Zgh), "20 ⵖⵓⵛⵜ 2026");
        assert_eq!(day(on(2027, 1, 5), Lang::Ar), "5 يناير 2027");
        assert_eq!(day(on(2027, 1, 5), Lang::Zgh), "5 ⵉⵏⵏⴰⵢⵔ 2027");
    }

    #[test]
    fn a_moment_is_on_moroccos_clock_in_each_language() {
        let at = Utc
            .with_ymd_and_hms(2026, 11, 29, 22, 30, 0)
            .single()
            .unwrap_or_default();
        assert_eq!(day_of(at), on(2026, 11, 29));
        assert_eq!(moment(at, Lang::Zgh), "29 ⵏⵓⵡⴰⵏⴱⵉⵔ 2026 23:30");
        for lang in [Lang::Ar, Lang::Fr, Lang::En] {
            let words = moment(at, lang);
            assert!(words.contains("23:30") && words.contains("29"), "{words}");
        }
        assert!(moment(at, Lang::Fr).starts_with("29 novembre 2026"));
        assert!(moment(at, Lang::Ar).starts_with("29 نونبر 2026"));
        assert!(moment(at, Lang::En).starts_with("29 November 2026"));
    }

    #[test]
    fn a_month_is_written_with_its_year() {
        assert_eq!(month(on(2027, 3, 1), Lang::Fr), "mars 2027");
        assert_eq!(month(on(2027, 3, 1), Lang::En), "March 2027");
        assert_eq!(month(on(2027, 3, 1), Lang::Ar), "مارس 2027");
        assert_eq!(month(on(2027, 3, 1), Lang::Zgh), "ⵎⴰⵕⵚ 2027");
    }

    #[test]
    fn after_midnight_in_morocco_is_the_next_day() {
        let at = Utc
            .with_ymd_and_hms(2026, 11, 29, 23, 30, 0)
            .single()
            .unwrap_or_default();
        assert_eq!(day_of(at), on(2026, 11, 30));
    }
}
