//! The page language: from the URL, else the `lang` cookie, else Accept-Language, else Arabic.

use crate::i18n::Locale;
use crate::paths;

/// Name of the cookie that remembers the last language a visitor read.
pub const LANG_COOKIE: &str = "lang";

/// Every language code in switcher order, with its name in that language.
pub const LANGUAGES: [(&str, &str); 4] = [
    ("ar", "العربية"),
    ("zgh", "ⵜⴰⵎⴰⵣⵉⵖⵜ"),
    ("fr", "Français"),
    ("en", "English"),
];

/// The locale of a language code, if it is one of the four.
pub fn locale_from_code(code: &str) -> Option<Locale> {
    match code {
        "ar" => Some(Locale::ar),
        "zgh" => Some(Locale::zgh),
        "fr" => Some(Locale::fr),
        "en" => Some(Locale::en),
        _ => None,
    }
}

/// The language code of a locale (used in URLs and `<html lang>`).
pub fn code(locale: Locale) -> &'static str {
    match locale {
        Locale::ar => "ar",
        Locale::zgh => "zgh",
        Locale::fr => "fr",
        Locale::en => "en",
    }
}

/// The writing direction of a locale.
pub fn dir(locale: Locale) -> &'static str {
    match locale {
        Locale::ar => "rtl",
        _ => "ltr",
    }
}

/// The language of the first path segment, if it is one.
pub fn locale_of_path(path: &str) -> Option<Locale> {
    path.trim_start_matches('/')
        .split('/')
        .next()
        .and_then(locale_from_code)
}

/// The language remembered in the `lang` cookie, if the `Cookie` header has a valid one.
#[cfg(feature = "ssr")]
pub fn cookie_locale(cookie_header: &str) -> Option<Locale> {
    cookie::Cookie::split_parse(cookie_header)
        .filter_map(Result::ok)
        .find(|c| c.name() == LANG_COOKIE)
        .and_then(|c| locale_from_code(c.value()))
}

/// Chooses a language from the `Cookie` and `Accept-Language` headers; malformed values are
/// ignored, and Arabic is the default.
#[cfg(feature = "ssr")]
pub fn negotiate(cookie_header: Option<&str>, accept_language: Option<&str>) -> Locale {
    cookie_header
        .and_then(cookie_locale)
        .or_else(|| {
            accept_language.and_then(|header| {
                accept_language::parse(header).iter().find_map(|tag| {
                    let primary = tag.split(['-', '_']).next().unwrap_or_default();
                    locale_from_code(&primary.to_ascii_lowercase())
                })
            })
        })
        .unwrap_or(Locale::ar)
}

/// The same path in another language: `/fr/r/souss-massa` → `/en/r/souss-massa`.
pub fn switch_path(path: &str, to: Locale) -> String {
    let rest = path.trim_start_matches('/');
    let rest = match rest.split_once('/') {
        Some((first, tail)) if locale_from_code(first).is_some() => tail,
        None if locale_from_code(rest).is_some() => "",
        _ => rest,
    };
    if rest.is_empty() {
        paths::home(code(to))
    } else {
        format!("/{}/{rest}", code(to))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn switching_language_keeps_the_page() {
        assert_eq!(
            switch_path("/fr/r/souss-massa", Locale::en),
            "/en/r/souss-massa"
        );
        assert_eq!(switch_path("/ar", Locale::zgh), "/zgh");
        assert_eq!(switch_path("/", Locale::fr), "/fr");
        assert_eq!(switch_path("/xx/r/a", Locale::fr), "/fr/xx/r/a");
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn negotiation_prefers_cookie_then_accept_language_then_arabic() {
        assert_eq!(negotiate(Some("a=b; lang=fr"), Some("en")), Locale::fr);
        assert_eq!(
            negotiate(Some("lang=xx"), Some("en-GB,fr;q=0.5")),
            Locale::en
        );
        assert_eq!(
            negotiate(None, Some("de-DE, fr-FR;q=0.8, en;q=0.5")),
            Locale::fr
        );
        assert_eq!(negotiate(None, Some(";;;,q=zz")), Locale::ar);
        assert_eq!(negotiate(Some("%%%"), None), Locale::ar);
        assert_eq!(negotiate(None, None), Locale::ar);
    }
}
