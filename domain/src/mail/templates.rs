//! The account emails, in the recipient's language, and the frame of every email (greeting,
//! action link, footer). The words are in `domain/locales/*.json` (see `words`). User-provided
//! text is escaped in the HTML part.

use super::OutgoingEmail;
use super::words::{self, Word};
use crate::types::Lang;

/// The texts of one email in one language.
struct Texts {
    subject: String,
    greeting: String,
    body: Vec<String>,
    action: String,
    link: String,
    footer: String,
}

fn footer(lang: Lang) -> String {
    words::EMAIL_FOOTER.get(lang).to_owned()
}

fn greeting(lang: Lang, name: &str) -> String {
    words::EMAIL_GREETING.fill(lang, &[("name", name)])
}

/// The link that confirms a new account's address (valid 24 hours, once).
pub fn verify_email(to: &str, lang: Lang, name: &str, link: &str) -> OutgoingEmail {
    let body = [words::VERIFY_EMAIL_BODY_1, words::VERIFY_EMAIL_BODY_2];
    compose_words(
        (to, lang, name, link),
        words::VERIFY_EMAIL_SUBJECT,
        &body,
        words::VERIFY_EMAIL_ACTION,
    )
}

/// Sent instead of a second account when someone registers with an address that has one: the
/// page answers the same either way, and the owner learns about it.
pub fn already_registered(to: &str, lang: Lang, name: &str, link: &str) -> OutgoingEmail {
    let body = [
        words::ALREADY_REGISTERED_BODY_1,
        words::ALREADY_REGISTERED_BODY_2,
    ];
    compose_words(
        (to, lang, name, link),
        words::ALREADY_REGISTERED_SUBJECT,
        &body,
        words::ALREADY_REGISTERED_ACTION,
    )
}

/// A link to choose a new password (valid one hour, once).
pub fn password_reset(to: &str, lang: Lang, name: &str, link: &str) -> OutgoingEmail {
    let body = [words::PASSWORD_RESET_BODY_1, words::PASSWORD_RESET_BODY_2];
    compose_words(
        (to, lang, name, link),
        words::PASSWORD_RESET_SUBJECT,
        &body,
        words::PASSWORD_RESET_ACTION,
    )
}

/// An email of `subject`, the paragraphs `body` (filled in), and the `action` of its link.
pub(crate) fn compose_texts(
    (to, lang, name, link): (&str, Lang, &str, &str),
    subject: Word,
    body: Vec<String>,
    action: Word,
) -> OutgoingEmail {
    compose(
        to,
        lang,
        name,
        link,
        (subject.get(lang), body, action.get(lang)),
    )
}

/// An email of fixed words: `subject`, the paragraphs `body`, and the `action` of its link.
pub(crate) fn compose_words(
    (to, lang, name, link): (&str, Lang, &str, &str),
    subject: Word,
    body: &[Word],
    action: Word,
) -> OutgoingEmail {
    let body = body.iter().map(|w| w.get(lang).to_owned()).collect();
    compose_texts((to, lang, name, link), subject, body, action)
}

/// An email with the common greeting, action link and footer.
pub(crate) fn compose(
    to: &str,
    lang: Lang,
    name: &str,
    link: &str,
    (subject, body, action): (&str, Vec<String>, &str),
) -> OutgoingEmail {
    render(
        to,
        lang,
        Texts {
            subject: subject.to_owned(),
            greeting: greeting(lang, name),
            body,
            action: action.to_owned(),
            link: link.to_owned(),
            footer: footer(lang),
        },
    )
}

/// `email` signed by the council it comes from: `lines` (its name, then its contact) under the
/// message, each line in its own direction.
pub fn sign(mut email: OutgoingEmail, lines: &[String]) -> OutgoingEmail {
    if lines.is_empty() {
        return email;
    }
    email.text.push_str(&format!("\n{}\n", lines.join("\n")));
    let html = lines
        .iter()
        .map(|l| format!("<span dir=\"auto\">{}</span>", html_escape::encode_text(l)))
        .collect::<Vec<_>>()
        .join("<br>\n");
    let paragraph = format!("<p>{html}</p>\n");
    match email.html.rfind("</body>") {
        Some(at) => email.html.insert_str(at, &paragraph),
        None => email.html.push_str(&paragraph),
    }
    email
}

fn render(to: &str, lang: Lang, t: Texts) -> OutgoingEmail {
    let mut text = format!("{}\n\n", t.greeting);
    for paragraph in &t.body {
        text.push_str(paragraph);
        text.push_str("\n\n");
    }
    text.push_str(&format!("{}:\n{}\n\n-- \n{}\n", t.action, t.link, t.footer));

    let dir = if lang.is_rtl() { "rtl" } else { "ltr" };
    let esc = |s: &str| html_escape::encode_text(s).into_owned();
    let mut html = format!(
        "<!DOCTYPE html>\n<html lang=\"{}\" dir=\"{dir}\"><head><meta charset=\"utf-8\"><title>{}</title></head>\n<body style=\"font-family: system-ui, sans-serif; line-height: 1.5\">\n<p>{}</p>\n",
        lang.code(),
        esc(&t.subject),
        esc(&t.greeting)
    );
    for paragraph in &t.body {
        html.push_str(&format!("<p>{}</p>\n", esc(paragraph)));
    }
    html.push_str(&format!(
        "<p><a href=\"{}\" style=\"display: inline-block; padding: 0.6em 1em; background: #0b5d3b; color: #ffffff\">{}</a></p>\n<p>{}</p>\n<hr>\n<p>{}</p>\n</body></html>\n",
        html_escape::encode_double_quoted_attribute(&t.link),
        esc(&t.action),
        esc(&t.link),
        esc(&t.footer)
    ));
    OutgoingEmail {
        to: to.to_owned(),
        subject: t.subject,
        text,
        html,
        unsubscribe: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_text_is_escaped_in_html() {
        let email = verify_email(
            "a@example.ma",
            Lang::En,
            "<script>x</script>",
            "https://m.ma/v?t=1&u=2",
        );
        assert!(!email.html.contains("<script>x"));
        assert!(email.html.contains("&lt;script&gt;"));
        assert!(email.html.contains("href=\"https://m.ma/v?t=1&amp;u=2\""));
        assert!(
            email.text.contains("<script>x</script>"),
            "the text part is plain text"
        );
    }

    #[test]
    fn a_council_signs_under_the_message() {
        let email = verify_email("a@example.ma", Lang::Fr, "Amina", "https://m.ma/v");
        let lines = ["Conseil de <Oriental>".to_owned(), "Oujda".to_owned()];
        let signed = sign(email.clone(), &lines);
        assert!(signed.text.ends_with("\nConseil de <Oriental>\nOujda\n"));
        assert!(signed.html.contains(
            "<p><span dir=\"auto\">Conseil de &lt;Oriental&gt;</span><br>\n<span dir=\"auto\">Oujda</span></p>\n</body>"
        ));
        assert_eq!(sign(email.clone(), &[]), email, "no council, no signature");
    }

    #[test]
    fn arabic_emails_are_right_to_left() {
        let email = verify_email("a@example.ma", Lang::Ar, "أمينة", "https://m.ma/v");
        assert!(email.html.contains("<html lang=\"ar\" dir=\"rtl\">"));
        assert!(email.text.starts_with("مرحبًا أمينة،"));
    }
}
