//! Numbers formatted per locale (Latin digits, as used in Morocco, with local grouping).

use crate::i18n::Locale;

/// `4030222` → `4.030.222` (ar), `4 030 222` (fr, zgh: narrow no-break space), `4,030,222` (en).
pub fn number(locale: Locale, n: i64) -> String {
    let separator = match locale {
        Locale::ar => '.',
        Locale::fr | Locale::zgh => '\u{202F}',
        Locale::en => ',',
    };
    let digits = n.unsigned_abs().to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    if n < 0 {
        out.push('-');
    }
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(separator);
        }
        out.push(digit);
    }
    out
}

/// `text` escaped for HTML. Leptos writes a `<textarea>`'s children as they are (unescaped), so
/// a textarea is filled with `inner_html=format::escaped(text)`: the browser reads the entities
/// back as the text, on the server's page and after hydration alike.
pub fn escaped(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            other => out.push(other),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_thousands_per_locale() {
        assert_eq!(number(Locale::en, 4_030_222), "4,030,222");
        assert_eq!(number(Locale::ar, 4_030_222), "4.030.222");
        assert_eq!(number(Locale::fr, 219_965), "219\u{202F}965");
        assert_eq!(number(Locale::en, 500), "500");
        assert_eq!(number(Locale::en, -1000), "-1,000");
    }

    #[test]
    fn text_for_a_textarea_cannot_close_it() {
        assert_eq!(
            super::escaped("a < b & </textarea><script>"),
            "a &lt; b &amp; &lt;/textarea&gt;&lt;script&gt;"
        );
    }
}
