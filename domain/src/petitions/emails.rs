//! The petition emails, in the recipient's language: moderation outcomes for the representative,
//! and the link that confirms a signature.

use crate::mail::OutgoingEmail;
use crate::mail::templates::compose;
use crate::types::Lang;

/// What a moderator decided, as the representative reads it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ModerationNews<'a> {
    Published,
    ChangesRequested { note: &'a str },
    Rejected { reason: &'static str, note: &'a str },
}

/// The label of a rejection reason code.
pub fn reason_label(lang: Lang, reason: &str) -> &'static str {
    let labels: [&'static str; 4] = match reason {
        "duplicate" => [
            "عريضة مماثلة موجودة",
            "ⵍⵍⴰⵏ ⵜⵙⵓⵜⵔⵉⵡⵉⵏ ⵉⵎⵎⴰⵍⵉⵏ",
            "une pétition semblable existe déjà",
            "a similar petition already exists",
        ],
        "outside_competences" => [
            "خارج اختصاصات الجهة",
            "ⴱⵕⵕⴰ ⵏ ⵜⵏⴰⴼⵓⵜⵉⵏ ⵏ ⵜⵎⵏⴰⴹⵜ",
            "hors des compétences de la région",
            "outside the region's competences",
        ],
        "constitutional_constants" => [
            "تمس الثوابت الدستورية",
            "ⵜⵍⵍⴰ ⴷ ⵉⵙⵓⵔⵙ ⵏ ⵓⵎⵏⴰⴹ",
            "touche aux constantes de la Constitution",
            "touches the constants of the Constitution",
        ],
        "offensive_or_defamatory" => [
            "مسيئة أو تشهيرية",
            "ⵜⵙⵙⵏⵇⵙ ⵏⵖ ⵜⵙⵙⵅⵙⴰⵔ",
            "injurieuse ou diffamatoire",
            "offensive or defamatory",
        ],
        "personal_data" => [
            "تتضمن معطيات شخصية",
            "ⵜⴳⴰ ⵉⵙⴼⴽⴰ ⵉⵏⵎⵣⵡⵓⵔⴰ ⵉⵏⴰⵎⵓⵏⵏ",
            "contient des données personnelles",
            "contains personal data",
        ],
        "advertising" => ["إشهار", "ⴰⵙⵙⵏⵓⴱⴳ", "publicité", "advertising"],
        _ => [
            "غير واضحة",
            "ⵓⵔ ⵜⴼⵙⵉ",
            "pas assez claire",
            "not clear enough",
        ],
    };
    match lang {
        Lang::Ar => labels[0],
        Lang::Zgh => labels[1],
        Lang::Fr => labels[2],
        Lang::En => labels[3],
    }
}

/// Tells the representative what moderation decided about `title`.
pub fn moderation_outcome(
    to: &str,
    lang: Lang,
    name: &str,
    title: &str,
    news: ModerationNews<'_>,
    link: &str,
) -> OutgoingEmail {
    let (subject, mut body, action) = match (lang, news) {
        (Lang::Ar, ModerationNews::Published) => (
            "نُشرت عريضتك",
            vec![format!(
                "نُشرت عريضتك «{title}». يمكن للمواطنين الآن التوقيع عليها."
            )],
            "عرض العريضة",
        ),
        (Lang::Zgh, ModerationNews::Published) => (
            "ⵜⵜⵓⵙⵙⵓⴼⵖ ⵜⵙⵓⵜⵔⴰ ⵏⵏⴽ",
            vec![format!(
                "ⵜⵜⵓⵙⵙⵓⴼⵖ ⵜⵙⵓⵜⵔⴰ ⵏⵏⴽ «{title}». ⵉⵖⵔⵎⴰⵏⵏ ⵣⵎⵔⵏ ⴰⴷ ⵜⵜ ⵙⵙⵎⵔⵏ ⵖⵉⵍⴰ."
            )],
            "ⵥⵕ ⵜⴰⵙⵓⵜⵔⴰ",
        ),
        (Lang::Fr, ModerationNews::Published) => (
            "Votre pétition est publiée",
            vec![format!(
                "Votre pétition « {title} » est publiée. Les citoyens peuvent désormais la signer."
            )],
            "Voir la pétition",
        ),
        (Lang::En, ModerationNews::Published) => (
            "Your petition is published",
            vec![format!(
                "Your petition \u{201c}{title}\u{201d} is published. Citizens can now sign it."
            )],
            "See the petition",
        ),
        (Lang::Ar, ModerationNews::ChangesRequested { note }) => (
            "مطلوب تعديل عريضتك",
            vec![
                format!("يطلب منك أحد المشرفين تعديل عريضتك «{title}» قبل نشرها:"),
                note.to_owned(),
            ],
            "تعديل العريضة",
        ),
        (Lang::Zgh, ModerationNews::ChangesRequested { note }) => (
            "ⵉⵜⵜⵓⵙⵜⵓⵔ ⵓⵙⵏⴼⵍ ⵏ ⵜⵙⵓⵜⵔⴰ ⵏⵏⴽ",
            vec![
                format!("ⵉⵙⵜⵓⵔ ⴽ ⵢⴰⵏ ⵓⵎⵙⵖⴰⵍ ⴰⴷ ⵜⵙⵏⴼⵍⴷ ⵜⴰⵙⵓⵜⵔⴰ ⵏⵏⴽ «{title}» ⵇⴱⵍ ⴰⴷ ⵜⵜⵓⵙⵙⵓⴼⵖ:"),
                note.to_owned(),
            ],
            "ⵙⵏⴼⵍ ⵜⴰⵙⵓⵜⵔⴰ",
        ),
        (Lang::Fr, ModerationNews::ChangesRequested { note }) => (
            "Modifications demandées sur votre pétition",
            vec![
                format!(
                    "Un modérateur vous demande de modifier votre pétition « {title} » avant sa publication :"
                ),
                note.to_owned(),
            ],
            "Modifier la pétition",
        ),
        (Lang::En, ModerationNews::ChangesRequested { note }) => (
            "Changes requested on your petition",
            vec![
                format!(
                    "A moderator asks you to change your petition \u{201c}{title}\u{201d} before it is published:"
                ),
                note.to_owned(),
            ],
            "Change the petition",
        ),
        (Lang::Ar, ModerationNews::Rejected { reason, note }) => (
            "لم تُنشر عريضتك",
            vec![
                format!(
                    "لم تُنشر عريضتك «{title}». السبب: {}.",
                    reason_label(lang, reason)
                ),
                note.to_owned(),
            ],
            "عرض العريضة",
        ),
        (Lang::Zgh, ModerationNews::Rejected { reason, note }) => (
            "ⵓⵔ ⵜⵜⵓⵙⵙⵓⴼⵖ ⵜⵙⵓⵜⵔⴰ ⵏⵏⴽ",
            vec![
                format!(
                    "ⵓⵔ ⵜⵜⵓⵙⵙⵓⴼⵖ ⵜⵙⵓⵜⵔⴰ ⵏⵏⴽ «{title}». ⴰⵙⵎⴰⵍ: {}.",
                    reason_label(lang, reason)
                ),
                note.to_owned(),
            ],
            "ⵥⵕ ⵜⴰⵙⵓⵜⵔⴰ",
        ),
        (Lang::Fr, ModerationNews::Rejected { reason, note }) => (
            "Votre pétition n'est pas publiée",
            vec![
                format!(
                    "Votre pétition « {title} » n'est pas publiée. Motif : {}.",
                    reason_label(lang, reason)
                ),
                note.to_owned(),
            ],
            "Voir la pétition",
        ),
        (Lang::En, ModerationNews::Rejected { reason, note }) => (
            "Your petition is not published",
            vec![
                format!(
                    "Your petition \u{201c}{title}\u{201d} is not published. Reason: {}.",
                    reason_label(lang, reason)
                ),
                note.to_owned(),
            ],
            "See the petition",
        ),
    };
    body.retain(|p| !p.trim().is_empty());
    compose(to, lang, name, link, (subject, body, action))
}

/// The link that confirms a signature on `title` (valid 24 hours), and how to withdraw it.
pub fn confirm_signature(
    to: &str,
    lang: Lang,
    name: &str,
    title: &str,
    link: &str,
    withdraw_link: &str,
) -> OutgoingEmail {
    let (subject, body, action) = match lang {
        Lang::Ar => (
            "أكّد توقيعك",
            vec![
                format!(
                    "لتأكيد توقيعك على العريضة «{title}»، افتح الرابط أدناه. الرابط صالح لمدة 24 ساعة."
                ),
                format!("يمكنك سحب توقيعك ما دامت العريضة لم تُودع بعد: {withdraw_link}"),
                "إن لم تكن أنت من وقّع، تجاهل هذه الرسالة: لن يُحتسب أي توقيع.".to_owned(),
            ],
            "تأكيد التوقيع",
        ),
        Lang::Zgh => (
            "ⵙⵙⵏⵜⵎ ⴰⵙⵙⵎⵔ ⵏⵏⴽ",
            vec![
                format!(
                    "ⴰⴷ ⵜⵙⵙⵏⵜⵎⴷ ⴰⵙⵙⵎⵔ ⵏⵏⴽ ⵅⴼ ⵜⵙⵓⵜⵔⴰ «{title}», ⵕⵥⵎ ⴰⵣⴷⴰⵢ ⴰ. ⵉⵜⵜⵡⴰⵙⵎⵔⴰⵙ ⴳ 24 ⵏ ⵜⵙⵔⴰⴳⵉⵏ."
                ),
                format!("ⵜⵣⵎⵔⴷ ⴰⴷ ⵜⴽⴽⵙⴷ ⴰⵙⵙⵎⵔ ⵏⵏⴽ ⴰⵔ ⴰⴷ ⵜⵜⵓⵙⵔⵙ ⵜⵙⵓⵜⵔⴰ: {withdraw_link}"),
                "ⵎⴽ ⵓⵔ ⵜⵙⵙⵎⵔⴷ ⴽⵢⵢ, ⴼⵍ ⵜⵓⵣⵉⵏⵜ ⴰ: ⵓⵔ ⵉⵜⵜⵓⵙⵎⵉⴹⵏ ⵓⵍⴰ ⵢⴰⵏ ⵓⵙⵙⵎⵔ.".to_owned(),
            ],
            "ⵙⵙⵏⵜⵎ ⴰⵙⵙⵎⵔ",
        ),
        Lang::Fr => (
            "Confirmez votre signature",
            vec![
                format!(
                    "Pour confirmer votre signature de la pétition « {title} », ouvrez le lien ci-dessous. Il est valable 24 heures."
                ),
                format!(
                    "Vous pourrez retirer votre signature tant que la pétition n'est pas déposée : {withdraw_link}"
                ),
                "Si vous n'avez pas signé, ignorez ce message : aucune signature ne sera comptée."
                    .to_owned(),
            ],
            "Confirmer la signature",
        ),
        Lang::En => (
            "Confirm your signature",
            vec![
                format!(
                    "To confirm your signature on the petition \u{201c}{title}\u{201d}, open the link below. It works for 24 hours."
                ),
                format!(
                    "You can withdraw your signature until the petition is deposited: {withdraw_link}"
                ),
                "If you did not sign, ignore this message: no signature will be counted."
                    .to_owned(),
            ],
            "Confirm the signature",
        ),
    };
    compose(to, lang, name, link, (subject, body, action))
}

/// Tells the representative that `title` reached half of its signatures, or all it needs.
pub fn progress(
    to: &str,
    lang: Lang,
    name: &str,
    title: &str,
    percent: i32,
    link: &str,
) -> OutgoingEmail {
    let done = percent >= 100;
    let (subject, body, action) = match (lang, done) {
        (Lang::Ar, false) => (
            "بلغت عريضتك نصف التوقيعات",
            format!("جمعت عريضتك «{title}» نصف التوقيعات المطلوبة. واصل التعريف بها."),
            "عرض العريضة",
        ),
        (Lang::Ar, true) => (
            "بلغت عريضتك النصاب",
            format!(
                "جمعت عريضتك «{title}» التوقيعات المطلوبة في كل العمالات والأقاليم. يمكنك الآن إيداعها لدى المجلس."
            ),
            "إيداع العريضة",
        ),
        (Lang::Zgh, false) => (
            "ⵜⵍⴽⵎ ⵜⵙⵓⵜⵔⴰ ⵏⵏⴽ ⴰⵣⴳⵏ ⵏ ⵉⵙⵙⵎⵔⵏ",
            format!("ⵜⵙⵎⵓⵏ ⵜⵙⵓⵜⵔⴰ ⵏⵏⴽ «{title}» ⴰⵣⴳⵏ ⵏ ⵉⵙⵙⵎⵔⵏ ⵉⵜⵜⵓⵙⵜⴰⵏ. ⴽⵎⵎⵍ ⴰⴷ ⵜⵜ ⵜⵙⵙⵏⵓⴱⴳⴷ."),
            "ⵥⵕ ⵜⴰⵙⵓⵜⵔⴰ",
        ),
        (Lang::Zgh, true) => (
            "ⵜⵍⴽⵎ ⵜⵙⵓⵜⵔⴰ ⵏⵏⴽ ⴰⵏⵙⴰ ⵏⵏⵙ",
            format!(
                "ⵜⵙⵎⵓⵏ ⵜⵙⵓⵜⵔⴰ ⵏⵏⴽ «{title}» ⵉⵙⵙⵎⵔⵏ ⵉⵜⵜⵓⵙⵜⴰⵏ ⴳ ⴽⵓ ⵜⴰⵎⵏⴹⵉⵍⵜ. ⵜⵣⵎⵔⴷ ⴰⴷ ⵜⵜ ⵜⵙⵔⵙⴷ ⵖⵔ ⵓⵙⵇⵇⵉⵎ."
            ),
            "ⵙⵔⵙ ⵜⴰⵙⵓⵜⵔⴰ",
        ),
        (Lang::Fr, false) => (
            "Votre pétition a la moitié de ses signatures",
            format!(
                "Votre pétition « {title} » a recueilli la moitié des signatures nécessaires. Continuez à la faire connaître."
            ),
            "Voir la pétition",
        ),
        (Lang::Fr, true) => (
            "Votre pétition a toutes ses signatures",
            format!(
                "Votre pétition « {title} » a recueilli les signatures nécessaires, dans chaque préfecture et province. Vous pouvez maintenant la déposer auprès du conseil."
            ),
            "Déposer la pétition",
        ),
        (Lang::En, false) => (
            "Your petition has half of its signatures",
            format!(
                "Your petition \u{201c}{title}\u{201d} has half of the signatures it needs. Keep spreading the word."
            ),
            "See the petition",
        ),
        (Lang::En, true) => (
            "Your petition has all its signatures",
            format!(
                "Your petition \u{201c}{title}\u{201d} has the signatures it needs, in every prefecture and province. You can now deposit it with the council."
            ),
            "Deposit the petition",
        ),
    };
    compose(to, lang, name, link, (subject, vec![body], action))
}

/// The deposit receipt: reference number, date, and when the bureau's decision is due.
#[expect(clippy::too_many_arguments, reason = "one email, its parts named")]
pub fn deposit_receipt(
    to: &str,
    lang: Lang,
    name: &str,
    title: &str,
    reference: &str,
    at: chrono::DateTime<chrono::Utc>,
    due: chrono::DateTime<chrono::Utc>,
    link: &str,
) -> OutgoingEmail {
    let (day, due) = (at.format("%Y-%m-%d"), due.format("%Y-%m-%d"));
    let (subject, body, action) = match lang {
        Lang::Ar => (
            format!("وصل إيداع العريضة {reference}"),
            vec![
                format!("أودعت عريضتك «{title}» لدى رئيس مجلس الجهة بتاريخ {day}."),
                format!("رقم الوصل: {reference}. يبت مكتب المجلس في قبولها قبل {due}."),
            ],
            "عرض العريضة",
        ),
        Lang::Zgh => (
            format!("ⴰⵡⵚⵍ ⵏ ⵓⵙⵔⵙ ⵏ ⵜⵙⵓⵜⵔⴰ {reference}"),
            vec![
                format!("ⵜⵙⵔⵙⴷ ⵜⴰⵙⵓⵜⵔⴰ ⵏⵏⴽ «{title}» ⵖⵔ ⵓⵏⵎⵖⴰⵔ ⵏ ⵓⵙⵇⵇⵉⵎ ⵏ ⵜⵎⵏⴰⴹⵜ ⴳ {day}."),
                format!("ⵓⵟⵟⵓⵏ ⵏ ⵓⵡⵚⵍ: {reference}. ⴰⵔⵉⵙ ⵏ ⵓⵙⵇⵇⵉⵎ ⴰⴷ ⵉⴳ ⴰⵙⵜⵜⴰⵢ ⵏⵏⵙ ⵇⴱⵍ {due}."),
            ],
            "ⵥⵕ ⵜⴰⵙⵓⵜⵔⴰ",
        ),
        Lang::Fr => (
            format!("Récépissé de dépôt de la pétition {reference}"),
            vec![
                format!(
                    "Votre pétition « {title} » a été déposée auprès du président du conseil régional le {day}."
                ),
                format!(
                    "Numéro de récépissé : {reference}. Le bureau du conseil statue sur sa recevabilité avant le {due}."
                ),
            ],
            "Voir la pétition",
        ),
        Lang::En => (
            format!("Deposit receipt for petition {reference}"),
            vec![
                format!(
                    "Your petition \u{201c}{title}\u{201d} was deposited with the president of the regional council on {day}."
                ),
                format!(
                    "Receipt number: {reference}. The council's bureau decides on its admissibility by {due}."
                ),
            ],
            "See the petition",
        ),
    };
    compose(to, lang, name, link, (subject.as_str(), body, action))
}

/// A step of the council on petition `title` (`step` is a timeline step name; `detail` its note:
/// committee and session, reasons, date of the sitting, or the answer).
pub fn council_news(
    to: &str,
    lang: Lang,
    name: &str,
    title: &str,
    step: &str,
    detail: &str,
    link: &str,
) -> OutgoingEmail {
    let sentence = |ar: &str, zgh: &str, fr: &str, en: &str| match lang {
        Lang::Ar => ar.replace("{title}", title),
        Lang::Zgh => zgh.replace("{title}", title),
        Lang::Fr => fr.replace("{title}", title),
        Lang::En => en.replace("{title}", title),
    };
    let news = match step {
        "review_started" => sentence(
            "شرع مكتب المجلس في دراسة العريضة «{title}».",
            "ⵉⵙⵏⵜⴰ ⵓⵔⵉⵙ ⵏ ⵓⵙⵇⵇⵉⵎ ⴰⵙⵙⵍⴽⵎ ⵏ ⵜⵙⵓⵜⵔⴰ «{title}».",
            "Le bureau du conseil a commencé l'examen de la pétition « {title} ».",
            "The council's bureau has started examining the petition \u{201c}{title}\u{201d}.",
        ),
        "decided_admissible" => sentence(
            "قرر مكتب المجلس قبول العريضة «{title}». ستدرسها اللجنة الدائمة المختصة ثم يتداول فيها المجلس في دورته العادية:",
            "ⵉⵙⵜⵜⴰⵢ ⵓⵔⵉⵙ ⵏ ⵓⵙⵇⵇⵉⵎ ⴰⴷ ⵉⴰⵎⵥ ⵜⴰⵙⵓⵜⵔⴰ «{title}». ⴰⴷ ⵜⵜ ⵜⵙⵙⵍⴽⵎ ⵜⵎⵙⵙⵓⵔⵜ ⵜⵓⴷⵔⵉⵎⵜ, ⵙ ⵉⵎⵉⵔ ⴰⴷ ⴼⵍⵍⴰⵙ ⵉⵎⵙⴰⵡⴰⵍ ⵓⵙⵇⵇⵉⵎ ⴳ ⵜⵎⵙⵙⵓⵔⵜ ⵏⵏⵙ ⵜⴰⵎⴰⴳⵏⵓⵜ:",
            "Le bureau du conseil a déclaré recevable la pétition « {title} ». La commission permanente compétente l'étudiera, puis le conseil en délibérera en session ordinaire :",
            "The council's bureau found the petition \u{201c}{title}\u{201d} admissible. The competent standing committee will study it, then the council will deliberate at an ordinary session:",
        ),
        "decided_inadmissible" => sentence(
            "قرر مكتب المجلس عدم قبول العريضة «{title}»، للأسباب التالية:",
            "ⵉⵙⵜⵜⴰⵢ ⵓⵔⵉⵙ ⵏ ⵓⵙⵇⵇⵉⵎ ⴰⴷ ⵓⵔ ⵉⴰⵎⵥ ⵜⴰⵙⵓⵜⵔⴰ «{title}», ⵙ ⵉⵙⵎⵉⵍⵏ ⴰ:",
            "Le bureau du conseil a déclaré irrecevable la pétition « {title} », pour les motifs suivants :",
            "The council's bureau found the petition \u{201c}{title}\u{201d} inadmissible, for these reasons:",
        ),
        "scheduled" => sentence(
            "أُدرجت العريضة «{title}» في جدول أعمال جلسة المجلس بتاريخ:",
            "ⵜⵜⵓⵙⵙⴽⵛⵎ ⵜⵙⵓⵜⵔⴰ «{title}» ⴳ ⵓⵖⵎⴰⵙ ⵏ ⵜⵎⵙⵙⵓⵔⵜ ⵏ ⵓⵙⵇⵇⵉⵎ ⵏ:",
            "La pétition « {title} » est inscrite à l'ordre du jour de la séance du conseil du :",
            "The petition \u{201c}{title}\u{201d} is on the agenda of the council's sitting of:",
        ),
        _ => sentence(
            "تداول المجلس في العريضة «{title}» وأجاب عنها:",
            "ⵉⵎⵙⴰⵡⴰⵍ ⵓⵙⵇⵇⵉⵎ ⵅⴼ ⵜⵙⵓⵜⵔⴰ «{title}» ⵉⵔⴰⵔ ⴼⵍⵍⴰⵙ:",
            "Le conseil a délibéré sur la pétition « {title} » et y a répondu :",
            "The council deliberated on the petition \u{201c}{title}\u{201d} and answered it:",
        ),
    };
    let subject = match lang {
        Lang::Ar => "جديد العريضة",
        Lang::Zgh => "ⴰⵎⴰⵢⵏⵓ ⵏ ⵜⵙⵓⵜⵔⴰ",
        Lang::Fr => "Du nouveau sur la pétition",
        Lang::En => "News of the petition",
    };
    let action = match lang {
        Lang::Ar => "عرض العريضة",
        Lang::Zgh => "ⵥⵕ ⵜⴰⵙⵓⵜⵔⴰ",
        Lang::Fr => "Voir la pétition",
        Lang::En => "See the petition",
    };
    let mut body = vec![news];
    if !detail.trim().is_empty() {
        body.push(detail.to_owned());
    }
    compose(to, lang, name, link, (subject, body, action))
}
