//! Text written by people, shared by every feature. Formatted text (a consultation's body, its
//! synthesis, a guide) is written in Markdown; pages show HTML made from it and then cleaned, so
//! that no script, style, frame, event handler or unsafe link survives whatever was typed.
//! Headings start at level 2 (the page has its h1). Plain text (titles, summaries, proposals,
//! comments) carries no markup. Texts in several languages come as [`TextsForm`]s and are checked
//! into [`LangTexts`].

use std::collections::HashSet;

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use crate::DomainError;
use crate::types::Lang;

/// The tags a body may use.
const TAGS: [&str; 20] = [
    "p",
    "br",
    "strong",
    "em",
    "del",
    "ul",
    "ol",
    "li",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "a",
    "code",
    "pre",
    "table",
    "thead",
    "tbody",
];
/// Table rows and cells.
const TABLE_TAGS: [&str; 3] = ["tr", "th", "td"];

/// Safe HTML for the Markdown `source`.
pub fn render(source: &str) -> String {
    let parser = Parser::new_ext(
        source,
        Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH,
    )
    .map(|event| match event {
        Event::Start(Tag::Heading {
            level,
            id,
            classes,
            attrs,
        }) => Event::Start(Tag::Heading {
            level: lower(level),
            id,
            classes,
            attrs,
        }),
        Event::End(TagEnd::Heading(level)) => Event::End(TagEnd::Heading(lower(level))),
        other => other,
    });
    let mut html = String::with_capacity(source.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, parser);
    ammonia::Builder::default()
        .tags(TAGS.iter().chain(TABLE_TAGS.iter()).copied().collect())
        .tag_attributes(
            [("a", ["href"].into_iter().collect())]
                .into_iter()
                .collect(),
        )
        .generic_attributes(HashSet::new())
        .link_rel(Some("noopener noreferrer nofollow"))
        .url_schemes(["http", "https", "mailto"].into_iter().collect())
        .clean(&html)
        .to_string()
}

/// Plain text typed by someone (a title, a summary, a proposal, a comment): trimmed, `min` to
/// `max` characters (empty is `text_missing` unless `min` is 0), without markup. Each fault is an
/// error on `field` in `errors`; the trimmed text is given back either way.
pub(crate) fn plain(
    errors: &mut Vec<crate::DomainError>,
    field: &'static str,
    input: &str,
    (min, max): (usize, usize),
) -> String {
    let value = input.trim().replace("\r\n", "\n");
    let n = value.chars().count();
    let code = if n < min {
        Some(if n == 0 {
            "text_missing"
        } else {
            "text_too_short"
        })
    } else if n > max {
        Some("text_too_long")
    } else if has_markup(&value) {
        Some("markup_refused")
    } else {
        None
    };
    if let Some(code) = code {
        errors.push(DomainError::Validation { field, code });
    }
    value
}

/// Whether `text` holds something a browser would read as markup: a tag (`<p`, `</`, `<!`, `<?`)
/// or a character reference (`&lt;`, `&#60;`). Plain `<` and `&` in prose ("3 < 5", "A & B")
/// pass; whatever passes is still shown as text, never as HTML.
pub fn has_markup(text: &str) -> bool {
    let chars: Vec<char> = text.chars().collect();
    chars
        .windows(2)
        .any(|w| w[0] == '<' && (w[1].is_ascii_alphabetic() || matches!(w[1], '/' | '!' | '?')))
        || text.split('&').skip(1).any(|rest| {
            let entity: String = rest.chars().take_while(|c| *c != ';').take(10).collect();
            rest.len() > entity.len()
                && !entity.is_empty()
                && entity
                    .trim_start_matches('#')
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric())
        })
}

/// The texts of one language as typed.
#[derive(Debug, Clone, Default)]
pub struct TextsForm {
    pub lang: String,
    pub title: String,
    pub summary: String,
    pub body: String,
}

/// Texts in one language, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LangTexts {
    pub lang: Lang,
    pub title: String,
    pub summary: String,
    /// Markdown ([`render`] makes it safe HTML).
    pub body: String,
}

fn invalid(field: &'static str, code: &'static str) -> DomainError {
    DomainError::Validation { field, code }
}

/// The texts of `typed` in the languages written (an empty language is left out, a language
/// twice is taken once): titles of 5 to 200 characters, summaries up to 1,000, bodies up to
/// 50,000 (Markdown), no markup in titles and summaries; those of `fallback` required.
pub fn parse_texts(
    errors: &mut Vec<DomainError>,
    typed: &[TextsForm],
    fallback: Option<Lang>,
) -> Vec<LangTexts> {
    let mut texts: Vec<LangTexts> = Vec::new();
    for typed in typed {
        let written = [&typed.title, &typed.summary, &typed.body]
            .iter()
            .any(|t| !t.trim().is_empty());
        let Some(lang) = Lang::parse(typed.lang.trim()) else {
            errors.push(invalid("lang", "lang_invalid"));
            continue;
        };
        if !written || texts.iter().any(|t| t.lang == lang) {
            continue;
        }
        let body = typed.body.trim().replace("\r\n", "\n");
        if body.chars().count() > 50_000 {
            errors.push(invalid("body", "text_too_long"));
        }
        texts.push(LangTexts {
            lang,
            title: plain(errors, "title", &typed.title, (5, 200)),
            summary: plain(errors, "summary", &typed.summary, (0, 1_000)),
            body,
        });
    }
    if let Some(fallback) = fallback
        && !texts.iter().any(|t| t.lang == fallback)
    {
        errors.push(invalid("title", "text_missing"));
    }
    texts
}

/// A heading one level lower (h1 → h2 …, h6 stays).
fn lower(level: HeadingLevel) -> HeadingLevel {
    match level {
        HeadingLevel::H1 => HeadingLevel::H2,
        HeadingLevel::H2 => HeadingLevel::H3,
        HeadingLevel::H3 => HeadingLevel::H4,
        HeadingLevel::H4 => HeadingLevel::H5,
        HeadingLevel::H5 | HeadingLevel::H6 => HeadingLevel::H6,
    }
}

#[cfg(test)]
mod tests {
    use super::render;
    use proptest::prelude::*;

    /// Markdown mixed with the pieces attackers try.
    fn hostile_markdown() -> impl Strategy<Value = String> {
        let piece = prop_oneof![
            Just("<script>alert(1)</script>".to_owned()),
            Just("<img src=x onerror=alert(1)>".to_owned()),
            Just("[x](javascript:alert(1))".to_owned()),
            Just("[x](JaVaScRiPt:alert(1))".to_owned()),
            Just("<a href=\"javascript:x\">y</a>".to_owned()),
            Just("<svg onload=x>".to_owned()),
            Just("<iframe src=//x>".to_owned()),
            Just("# ".to_owned()),
            Just("\n\n".to_owned()),
            Just("| a | b |\n|---|---|\n| c | d |".to_owned()),
            Just("<".to_owned()),
            Just("`".to_owned()),
            "\\PC{0,12}",
        ];
        prop::collection::vec(piece, 0..16).prop_map(|pieces| pieces.concat())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]

        /// Whatever is typed, rendering ends, and no tag of the output is a script, a frame or
        /// an image of SVG, has an event handler or a script link (text shows `&lt;`, so every
        /// `<` of the output opens a real tag).
        #[test]
        fn hostile_markdown_never_yields_a_script(source in hostile_markdown()) {
            let html = render(&source).to_lowercase();
            for tag in html.split('<').skip(1) {
                let tag = tag.split('>').next().unwrap_or_default();
                let mut words = tag.split_whitespace();
                let name = words.next().unwrap_or_default().trim_start_matches('/');
                prop_assert!(
                    !["script", "iframe", "svg", "style", "img", "object"].contains(&name),
                    "{}", html
                );
                for attribute in words {
                    prop_assert!(!attribute.starts_with("on"), "{}", html);
                    prop_assert!(!attribute.contains("javascript:"), "{}", html);
                }
            }
        }
    }

    #[test]
    fn markdown_becomes_html_with_headings_under_the_page_title() {
        let html =
            render("# Programme\n\nLe **conseil** propose :\n\n- des routes\n- des écoles\n");
        assert!(html.contains("<h2>Programme</h2>"), "{html}");
        assert!(html.contains("<strong>conseil</strong>"));
        assert!(html.contains("<li>des écoles</li>"));
    }

    #[test]
    fn scripts_handlers_and_unsafe_links_never_survive() {
        for (source, forbidden) in [
            ("<script>alert(1)</script>", "<script"),
            ("<img src=x onerror=alert(1)>", "onerror"),
            ("[clic](javascript:alert(1))", "javascript:"),
            ("<iframe src=\"https://x\"></iframe>", "<iframe"),
            ("<p style=\"color:red\" onclick=\"x()\">a</p>", "onclick"),
            ("<style>body{}</style>", "<style"),
        ] {
            let html = render(source);
            assert!(!html.contains(forbidden), "{source} → {html}");
        }
        let link = render("[le site](https://region.ma)");
        assert!(link.contains("href=\"https://region.ma\""), "{link}");
        assert!(
            link.contains("rel=\"noopener noreferrer nofollow\""),
            "{link}"
        );
    }

    #[test]
    fn arabic_text_passes_untouched() {
        let html = render("## البرنامج الجهوي\n\nنريد **طرقا** أفضل.");
        assert!(html.contains("<h3>البرنامج الجهوي</h3>"), "{html}");
        assert!(html.contains("<strong>طرقا</strong>"));
    }
}
