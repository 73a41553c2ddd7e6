//! Every email in every language, rendered with the same inputs and kept as a snapshot: a word
//! changed anywhere shows in review.

use chrono::{DateTime, Utc};

use super::OutgoingEmail;
use super::templates::{already_registered, password_reset, verify_email};
use crate::consultations::emails::{consultation_opened, synthesis_published};
use crate::petitions::emails::{
    ModerationNews, confirm_signature, council_news, deposit_receipt, moderation_outcome, progress,
    reason_label,
};
use crate::petitions::moderation::REJECTION_REASONS;
use crate::staff::alerts::AlertKind;
use crate::staff::emails::{AlertLine, alert, digest};
use crate::types::Lang;

const LANGS: [Lang; 4] = [Lang::Ar, Lang::Zgh, Lang::Fr, Lang::En];
const TO: &str = "amina@example.ma";
const NAME: &str = "Amina";
const TITLE: &str = "Un bus <rapide>";
const LINK: &str = "https://musharaka.test/link";

fn show(out: &mut String, label: &str, email: &OutgoingEmail) {
    out.push_str(&format!(
        "=== {label}\nSubject: {}\n{}\n",
        email.subject, email.text
    ));
}

fn day(days: i64) -> DateTime<Utc> {
    DateTime::<Utc>::from_timestamp(1_800_000_000 + days * 86_400, 0).unwrap_or_default()
}

#[test]
fn every_email_in_every_language() {
    let mut out = String::new();
    for lang in LANGS {
        let l = lang.code();
        show(
            &mut out,
            &format!("{l} verify_email"),
            &verify_email(TO, lang, NAME, LINK),
        );
        show(
            &mut out,
            &format!("{l} already_registered"),
            &already_registered(TO, lang, NAME, LINK),
        );
        show(
            &mut out,
            &format!("{l} password_reset"),
            &password_reset(TO, lang, NAME, LINK),
        );
        for reason in REJECTION_REASONS {
            out.push_str(&format!(
                "=== {l} reason {reason}: {}\n",
                reason_label(lang, reason)
            ));
        }
        let news = [
            ("published", ModerationNews::Published),
            (
                "changes_requested",
                ModerationNews::ChangesRequested { note: "Précisez." },
            ),
            (
                "rejected",
                ModerationNews::Rejected {
                    reason: "duplicate",
                    note: "Voir l'autre.",
                },
            ),
            (
                "rejected_without_note",
                ModerationNews::Rejected {
                    reason: "advertising",
                    note: "",
                },
            ),
        ];
        for (label, news) in news {
            let email = moderation_outcome(TO, lang, NAME, TITLE, news, LINK);
            show(&mut out, &format!("{l} moderation_outcome {label}"), &email);
        }
        let email = confirm_signature(
            TO,
            lang,
            NAME,
            TITLE,
            LINK,
            "https://musharaka.test/withdraw",
        );
        show(&mut out, &format!("{l} confirm_signature"), &email);
        for percent in [50, 100] {
            let email = progress(TO, lang, NAME, TITLE, percent, LINK);
            show(&mut out, &format!("{l} progress {percent}"), &email);
        }
        let email = deposit_receipt(TO, lang, NAME, TITLE, "FM-2027-0001", day(0), day(61), LINK);
        show(&mut out, &format!("{l} deposit_receipt"), &email);
        for step in [
            "review_started",
            "decided_admissible",
            "decided_inadmissible",
            "scheduled",
            "answered",
        ] {
            for detail in ["", "Commission des transports — 2027-03"] {
                let email = council_news(TO, lang, NAME, TITLE, step, detail, LINK);
                show(
                    &mut out,
                    &format!("{l} council_news {step} {detail:?}"),
                    &email,
                );
            }
        }
        let until = crate::dates::day(day(0).date_naive() + chrono::Days::new(16), lang);
        let email = consultation_opened((TO, lang, NAME), TITLE, "Fès-Meknès", &until, LINK);
        show(&mut out, &format!("{l} consultation_opened"), &email);
        let email = synthesis_published((TO, lang, NAME), TITLE, LINK);
        show(&mut out, &format!("{l} synthesis_published"), &email);
        let line = |kind, milestone| AlertLine {
            kind,
            milestone,
            title: TITLE.into(),
            due_on: day(61).date_naive().into(),
            link: LINK.into(),
        };
        let lines = [
            line(AlertKind::PetitionToModerate, 0),
            line(AlertKind::PetitionDeposited, 0),
            line(AlertKind::DecisionDue, 14),
            line(AlertKind::DecisionDue, 1),
            line(AlertKind::DecisionDue, 0),
            line(AlertKind::ReportOpened, 0),
            line(AlertKind::PetitionReported, 0),
            line(AlertKind::ConsultationClosed, 0),
        ];
        for l2 in &lines {
            let email = alert(TO, lang, NAME, l2);
            show(
                &mut out,
                &format!("{l} alert {:?} {}", l2.kind, l2.milestone),
                &email,
            );
        }
        let email = digest(
            TO,
            lang,
            NAME,
            &lines,
            "https://musharaka.test/fr/r/fes-meknes/staff",
        );
        show(&mut out, &format!("{l} digest"), &email);
        for reason in [Some("Publicité répétée"), None] {
            let email = crate::blocks::block_email((TO, lang, NAME, LINK), "Fès-Meknès", reason);
            show(&mut out, &format!("{l} block {reason:?}"), &email);
        }
        out.push_str(&format!(
            "=== {l} unsubscribe footer: {}\n",
            super::unsubscribe::footer(lang)
        ));
    }
    insta::assert_snapshot!(out);
}
