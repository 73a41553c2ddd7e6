//! The consultation emails, in the recipient's language: a consultation of a followed region
//! opens; the council's synthesis is out.

use crate::mail::OutgoingEmail;
use crate::mail::templates::compose;
use crate::types::Lang;

/// A consultation `title` of `region` opens (its last day `last_day`, `YYYY-MM-DD`).
pub fn consultation_opened(
    (to, lang, name): (&str, Lang, &str),
    title: &str,
    region: &str,
    last_day: &str,
    link: &str,
) -> OutgoingEmail {
    let (subject, body, action) = match lang {
        Lang::Ar => (
            format!("استشارة جديدة مفتوحة — {region}"),
            vec![
                format!("فتح مجلس جهة {region} استشارة عمومية: «{title}»."),
                format!("يمكنك المشاركة إلى غاية {last_day}."),
                "تصلك هذه الرسالة لأنك تتابع هذه الجهة. يمكنك إلغاء المتابعة من صفحة استشارات الجهة."
                    .to_owned(),
            ],
            "المشاركة في الاستشارة",
        ),
        Lang::Zgh => (
            format!("ⵜⴰⵎⵙⵙⵓⵔⵜ ⵜⴰⵎⴰⵢⵏⵓⵜ ⵜⵕⵥⵎ — {region}"),
            vec![
                format!("ⵉⵕⵥⵎ ⵓⵙⵇⵇⵉⵎ ⵏ {region} ⵜⴰⵎⵙⵙⵓⵔⵜ ⵜⴰⴳⴷⵓⴷⴰⵏⵜ: «{title}»."),
                format!("ⵜⵣⵎⵔⴷ ⴰⴷ ⵜⵙⵎⵔⴰⵡⴷ ⴰⵔ {last_day}."),
                "ⵜⵓⵡⴹ ⴽⵯⵏ ⵜⴱⵔⴰⵜ ⴰ ⴰⵛⴽⴰ ⵜⴹⴼⵕⴷ ⵜⴰⵎⵏⴰⴹⵜ ⴰ. ⵜⵣⵎⵔⴷ ⴰⴷ ⵜⵃⴱⵙⴷ ⴰⴹⴼⴰⵕ ⴳ ⵜⴰⵙⵏⴰ ⵏ ⵜⵎⵙⵙⵓⵔⵉⵏ ⵏ ⵜⵎⵏⴰⴹⵜ."
                    .to_owned(),
            ],
            "ⵙⵎⵔⴰⵡ ⴳ ⵜⵎⵙⵙⵓⵔⵜ",
        ),
        Lang::Fr => (
            format!("Une consultation s'ouvre — {region}"),
            vec![
                format!("Le conseil de la région {region} ouvre une consultation publique : « {title} »."),
                format!("Vous pouvez participer jusqu'au {last_day} inclus."),
                "Vous recevez ce message parce que vous suivez cette région. Vous pouvez arrêter de la suivre depuis la page des consultations de la région."
                    .to_owned(),
            ],
            "Participer à la consultation",
        ),
        Lang::En => (
            format!("A consultation opens — {region}"),
            vec![
                format!("The council of {region} opens a public consultation: “{title}”."),
                format!("You can take part until {last_day} included."),
                "You receive this message because you follow this region. You can stop following it from the region's consultations page."
                    .to_owned(),
            ],
            "Take part in the consultation",
        ),
    };
    compose(to, lang, name, link, (&subject, body, action))
}

/// The council published its synthesis of consultation `title`.
pub fn synthesis_published(
    (to, lang, name): (&str, Lang, &str),
    title: &str,
    link: &str,
) -> OutgoingEmail {
    let (subject, body, action) = match lang {
        Lang::Ar => (
            "نشر المجلس خلاصة الاستشارة",
            vec![
                format!("شاركت في الاستشارة «{title}». نشر المجلس خلاصتها: ما سمعه وما سيفعله."),
                "تصلك هذه الرسالة لأنك طلبتها عند إجابتك.".to_owned(),
            ],
            "قراءة الخلاصة",
        ),
        Lang::Zgh => (
            "ⵉⵙⵙⵓⴼⵖ ⵓⵙⵇⵇⵉⵎ ⴰⵙⵎⵓⵏ ⵏ ⵜⵎⵙⵙⵓⵔⵜ",
            vec![
                format!(
                    "ⵜⵙⵎⵔⴰⵡⴷ ⴳ ⵜⵎⵙⵙⵓⵔⵜ «{title}». ⵉⵙⵙⵓⴼⵖ ⵓⵙⵇⵇⵉⵎ ⴰⵙⵎⵓⵏ ⵏⵏⵙ: ⵎⴰⴷ ⵉⵙⵍⴰ, ⵎⴰⴷ ⴰⵔ ⵉⵙⴽⴰⵔ."
                ),
                "ⵜⵓⵡⴹ ⴽⵯⵏ ⵜⴱⵔⴰⵜ ⴰ ⴰⵛⴽⴰ ⵜⵜ ⵜⵙⵓⵜⵔⴷ ⵎⵏⵉ ⵜⵔⴰⵔⴷ.".to_owned(),
            ],
            "ⵖⵔ ⴰⵙⵎⵓⵏ",
        ),
        Lang::Fr => (
            "Le conseil publie la synthèse de la consultation",
            vec![
                format!(
                    "Vous avez participé à la consultation « {title} ». Le conseil en publie la synthèse : ce qu'il a entendu, ce qu'il fera."
                ),
                "Vous recevez ce message parce que vous l'avez demandé en répondant.".to_owned(),
            ],
            "Lire la synthèse",
        ),
        Lang::En => (
            "The council publishes the consultation's synthesis",
            vec![
                format!(
                    "You took part in the consultation “{title}”. The council publishes its synthesis: what it heard, what it will do."
                ),
                "You receive this message because you asked for it when you answered.".to_owned(),
            ],
            "Read the synthesis",
        ),
    };
    compose(to, lang, name, link, (subject, body, action))
}
