//! The emails, in the recipient's language. Each template matches on every language, so a
//! missing translation does not compile. User-provided text is escaped in the HTML part.

use super::OutgoingEmail;
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
    match lang {
        Lang::Ar => "مشاركة — منصة المشاركة المواطنة لدى مجالس الجهات.",
        Lang::Zgh => "ⵎⵓⵛⴰⵔⴰⴽⴰ — ⵜⴰⵙⵉⵍⴰ ⵏ ⵓⵙⵎⵔⴰⵡ ⵏ ⵉⵖⵔⵎⴰⵏⵏ ⴳ ⵉⵙⵇⵇⵉⵎⵏ ⵏ ⵜⵎⵏⴰⴹⵉⵏ.",
        Lang::Fr => "Musharaka — la plateforme de participation citoyenne des conseils régionaux.",
        Lang::En => "Musharaka — the citizen participation platform of the regional councils.",
    }
    .to_owned()
}

fn greeting(lang: Lang, name: &str) -> String {
    match lang {
        Lang::Ar => format!("مرحبًا {name}،"),
        Lang::Zgh => format!("ⴰⵣⵓⵍ {name},"),
        Lang::Fr => format!("Bonjour {name},"),
        Lang::En => format!("Hello {name},"),
    }
}

/// The link that confirms a new account's address (valid 24 hours, once).
pub fn verify_email(to: &str, lang: Lang, name: &str, link: &str) -> OutgoingEmail {
    let (subject, body, action) = match lang {
        Lang::Ar => (
            "أكّد عنوان بريدك الإلكتروني",
            vec![
                "شكرًا على تسجيلك في منصة مشاركة. لتفعيل حسابك، أكّد عنوان بريدك الإلكتروني.".to_owned(),
                "الرابط صالح لمدة 24 ساعة ولمرة واحدة. إن لم تكن أنت من أنشأ هذا الحساب، تجاهل هذه الرسالة.".to_owned(),
            ],
            "تأكيد عنوان البريد الإلكتروني",
        ),
        Lang::Zgh => (
            "ⵙⵙⵏⵜⵎ ⴰⵏⵙⴰ ⵏⵏⴽ ⵏ ⵓⵎⴰⵢⵍ",
            vec![
                "ⵜⴰⵏⵎⵎⵉⵔⵜ ⵅⴼ ⵓⵣⵎⵎⴻⵎ ⵏⵏⴽ ⴳ ⵎⵓⵛⴰⵔⴰⴽⴰ. ⴰⴷ ⵜⵙⵙⴽⵔⴷ ⴰⵎⵉⴹⴰⵏ ⵏⵏⴽ, ⵙⵙⵏⵜⵎ ⴰⵏⵙⴰ ⵏⵏⴽ ⵏ ⵓⵎⴰⵢⵍ.".to_owned(),
                "ⴰⵣⴷⴰⵢ ⴰ ⵉⵜⵜⵡⴰⵙⵎⵔⴰⵙ ⵢⴰⵜ ⵜⵉⴽⴽⵍⵜ ⴳ 24 ⵏ ⵜⵙⵔⴰⴳⵉⵏ. ⵎⴽ ⵓⵔ ⵜⵙⴽⵔⴷ ⴰⵎⵉⴹⴰⵏ ⴰ, ⴼⵍ ⵜⵓⵣⵉⵏⵜ ⴰ.".to_owned(),
            ],
            "ⵙⵙⵏⵜⵎ ⴰⵏⵙⴰ ⵏ ⵓⵎⴰⵢⵍ",
        ),
        Lang::Fr => (
            "Confirmez votre adresse e-mail",
            vec![
                "Merci de votre inscription sur Musharaka. Pour activer votre compte, confirmez votre adresse e-mail.".to_owned(),
                "Le lien est valable 24 heures et une seule fois. Si vous n'avez pas créé ce compte, ignorez ce message.".to_owned(),
            ],
            "Confirmer mon adresse e-mail",
        ),
        Lang::En => (
            "Confirm your email address",
            vec![
                "Thank you for registering on Musharaka. To activate your account, confirm your email address.".to_owned(),
                "The link works once, for 24 hours. If you did not create this account, ignore this message.".to_owned(),
            ],
            "Confirm my email address",
        ),
    };
    compose(to, lang, name, link, (subject, body, action))
}

/// Sent instead of a second account when someone registers with an address that has one: the
/// page answers the same either way, and the owner learns about it.
pub fn already_registered(to: &str, lang: Lang, name: &str, link: &str) -> OutgoingEmail {
    let (subject, body, action) = match lang {
        Lang::Ar => (
            "لديك حساب بالفعل في منصة مشاركة",
            vec![
                "طلب أحدهم للتو إنشاء حساب بعنوان بريدك الإلكتروني، ولديك حساب به بالفعل، فلم يُنشأ حساب جديد.".to_owned(),
                "إن كنت أنت، يمكنك تسجيل الدخول. وإن لم تكن أنت، فلا داعي لأي إجراء: حسابك لم يتغير.".to_owned(),
            ],
            "تسجيل الدخول",
        ),
        Lang::Zgh => (
            "ⵖⵓⵔⴽ ⵢⴰⵏ ⵓⵎⵉⴹⴰⵏ ⴳ ⵎⵓⵛⴰⵔⴰⴽⴰ",
            vec![
                "ⵢⴰⵏ ⵉⵔⴰ ⴰⴷ ⵉⵙⴽⵔ ⴰⵎⵉⴹⴰⵏ ⵙ ⵓⵏⵙⴰ ⵏⵏⴽ ⵏ ⵓⵎⴰⵢⵍ. ⵖⵓⵔⴽ ⵢⴰⵏ ⵓⵎⵉⴹⴰⵏ ⵙ ⵓⵏⵙⴰ ⴰ, ⵓⵔ ⵉⵜⵜⵓⵙⴽⴰⵔ ⵡⴰⵢⵢⴰⴹ.".to_owned(),
                "ⵎⴽ ⴷ ⴽⵢⵢⵉ, ⵜⵣⵎⵔⴷ ⴰⴷ ⵜⴽⵛⵎⴷ. ⵎⴽ ⵓⵔ ⴷ ⴽⵢⵢⵉ, ⵓⵔ ⵜⵔⵉⴷ ⴽⵔⴰ: ⴰⵎⵉⴹⴰⵏ ⵏⵏⴽ ⵓⵔ ⵉⵜⵜⵓⵙⵏⴼⵍ.".to_owned(),
            ],
            "ⴽⵛⵎ",
        ),
        Lang::Fr => (
            "Vous avez déjà un compte sur Musharaka",
            vec![
                "Quelqu'un vient de demander la création d'un compte avec votre adresse e-mail. Un compte existe déjà avec cette adresse : aucun nouveau compte n'a été créé.".to_owned(),
                "Si c'était vous, vous pouvez vous connecter. Sinon, vous n'avez rien à faire : votre compte n'a pas changé.".to_owned(),
            ],
            "Me connecter",
        ),
        Lang::En => (
            "You already have a Musharaka account",
            vec![
                "Someone just asked to create an account with your email address. An account already exists with this address, so no new account was created.".to_owned(),
                "If it was you, you can sign in. If not, there is nothing to do: your account has not changed.".to_owned(),
            ],
            "Sign in",
        ),
    };
    compose(to, lang, name, link, (subject, body, action))
}

/// A link to choose a new password (valid one hour, once).
pub fn password_reset(to: &str, lang: Lang, name: &str, link: &str) -> OutgoingEmail {
    let (subject, body, action) = match lang {
        Lang::Ar => (
            "إعادة تعيين كلمة المرور",
            vec![
                "طلبتَ إعادة تعيين كلمة مرور حسابك في منصة مشاركة. اختر كلمة مرور جديدة عبر الرابط أسفله.".to_owned(),
                "الرابط صالح لمدة ساعة واحدة ولمرة واحدة، وسيُنهي كل جلساتك المفتوحة. إن لم تطلب ذلك، تجاهل هذه الرسالة: كلمة مرورك لم تتغير.".to_owned(),
            ],
            "اختيار كلمة مرور جديدة",
        ),
        Lang::Zgh => (
            "ⴰⵣⵓⵣⵡⵓ ⵏ ⵜⴳⵓⵔⵉ ⵏ ⵓⵣⵔⴰⵢ",
            vec![
                "ⵜⵙⵓⵜⵔⴷ ⴰⴷ ⵜⵙⵏⴼⵍⴷ ⵜⴰⴳⵓⵔⵉ ⵏ ⵓⵣⵔⴰⵢ ⵏ ⵓⵎⵉⴹⴰⵏ ⵏⵏⴽ ⴳ ⵎⵓⵛⴰⵔⴰⴽⴰ. ⴼⵔⵏ ⵜⴰⴳⵓⵔⵉ ⵜⴰⵎⴰⵢⵏⵓⵜ ⵙ ⵓⵣⴷⴰⵢ ⴰ.".to_owned(),
                "ⴰⵣⴷⴰⵢ ⵉⵜⵜⵡⴰⵙⵎⵔⴰⵙ ⵢⴰⵜ ⵜⵉⴽⴽⵍⵜ ⴳ ⵢⴰⵜ ⵜⵙⵔⴰⴳⵜ. ⵎⴽ ⵓⵔ ⵜⵙⵓⵜⵔⴷ ⴰⵢⴰ, ⴼⵍ ⵜⵓⵣⵉⵏⵜ ⴰ: ⵜⴰⴳⵓⵔⵉ ⵏⵏⴽ ⵓⵔ ⵜⵏⵏⴼⵍ.".to_owned(),
            ],
            "ⴼⵔⵏ ⵜⴰⴳⵓⵔⵉ ⵜⴰⵎⴰⵢⵏⵓⵜ",
        ),
        Lang::Fr => (
            "Réinitialiser votre mot de passe",
            vec![
                "Vous avez demandé à réinitialiser le mot de passe de votre compte Musharaka. Choisissez un nouveau mot de passe avec le lien ci-dessous.".to_owned(),
                "Le lien est valable une heure et une seule fois ; il fermera toutes vos sessions ouvertes. Si vous n'avez rien demandé, ignorez ce message : votre mot de passe n'a pas changé.".to_owned(),
            ],
            "Choisir un nouveau mot de passe",
        ),
        Lang::En => (
            "Reset your password",
            vec![
                "You asked to reset the password of your Musharaka account. Choose a new password with the link below.".to_owned(),
                "The link works once, for one hour, and signs you out everywhere. If you did not ask for this, ignore this message: your password has not changed.".to_owned(),
            ],
            "Choose a new password",
        ),
    };
    compose(to, lang, name, link, (subject, body, action))
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
    fn arabic_emails_are_right_to_left() {
        let email = verify_email("a@example.ma", Lang::Ar, "أمينة", "https://m.ma/v");
        assert!(email.html.contains("<html lang=\"ar\" dir=\"rtl\">"));
        assert!(email.text.starts_with("مرحبًا أمينة،"));
    }
}
