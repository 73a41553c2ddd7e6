//! The staff's alert emails, in the recipient's language: one alert at once, or the day's
//! alerts in one summary. The words are in `domain/locales/*.json`.

use chrono::NaiveDate;

use super::alerts::AlertKind;
use crate::mail::OutgoingEmail;
use crate::mail::templates::compose;
use crate::mail::words;
use crate::types::Lang;

/// Most alerts listed in one summary (the rest are counted).
pub const DIGEST_LINES: usize = 50;

/// An alert as an email tells it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AlertLine {
    pub kind: AlertKind,
    /// Days left of a deadline (14, 7, 1; 0 once overdue).
    pub milestone: i32,
    pub title: String,
    pub due_on: Option<NaiveDate>,
    /// The page it is about.
    pub link: String,
}

impl AlertLine {
    /// The sentence that tells it.
    pub fn sentence(&self, lang: Lang) -> String {
        let due = self
            .due_on
            .map(|d| crate::dates::day(d, lang))
            .unwrap_or_default();
        let days = self.milestone.to_string();
        let values = [
            ("title", self.title.as_str()),
            ("due", due.as_str()),
            ("days", days.as_str()),
        ];
        let word = match self.kind {
            AlertKind::PetitionToModerate => words::STAFF_ALERT_TO_MODERATE,
            AlertKind::PetitionDeposited => words::STAFF_ALERT_DEPOSITED,
            AlertKind::DecisionDue => match self.milestone {
                0 => words::STAFF_ALERT_OVERDUE,
                1 => words::STAFF_ALERT_DUE_LAST_DAY,
                _ => words::STAFF_ALERT_DUE,
            },
            AlertKind::ReportOpened => words::STAFF_ALERT_REPORT,
            AlertKind::PetitionReported => words::STAFF_ALERT_PETITION_REPORT,
            AlertKind::ConsultationClosed => words::STAFF_ALERT_CLOSED,
        };
        word.fill(lang, &values)
    }

    fn subject(&self, lang: Lang) -> String {
        let due = self
            .due_on
            .map(|d| crate::dates::day(d, lang))
            .unwrap_or_default();
        let word = match self.kind {
            AlertKind::PetitionToModerate => words::STAFF_ALERT_TO_MODERATE_SUBJECT,
            AlertKind::PetitionDeposited => words::STAFF_ALERT_DEPOSITED_SUBJECT,
            AlertKind::DecisionDue if self.milestone == 0 => words::STAFF_ALERT_OVERDUE_SUBJECT,
            AlertKind::DecisionDue => words::STAFF_ALERT_DUE_SUBJECT,
            AlertKind::ReportOpened => words::STAFF_ALERT_REPORT_SUBJECT,
            AlertKind::PetitionReported => words::STAFF_ALERT_PETITION_REPORT_SUBJECT,
            AlertKind::ConsultationClosed => words::STAFF_ALERT_CLOSED_SUBJECT,
        };
        word.fill(lang, &[("due", &due)])
    }
}

/// One alert, sent as it happens.
pub fn alert(to: &str, lang: Lang, name: &str, line: &AlertLine) -> OutgoingEmail {
    let body = vec![
        line.sentence(lang),
        words::STAFF_ALERT_WHY.get(lang).to_owned(),
    ];
    let subject = line.subject(lang);
    let action = words::STAFF_ALERT_ACTION.get(lang);
    compose(to, lang, name, &line.link, (&subject, body, action))
}

/// The day's alerts in one email (`lines` in the order they came; those past
/// [`DIGEST_LINES`] counted, not listed), linking to `dashboard`.
pub fn digest(
    to: &str,
    lang: Lang,
    name: &str,
    lines: &[AlertLine],
    dashboard: &str,
) -> OutgoingEmail {
    let count = lines.len().to_string();
    let mut body = vec![words::STAFF_DIGEST_INTRO.get(lang).to_owned()];
    body.extend(
        lines
            .iter()
            .take(DIGEST_LINES)
            .map(|l| format!("• {}\n  {}", l.sentence(lang), l.link)),
    );
    if lines.len() > DIGEST_LINES {
        let more = (lines.len() - DIGEST_LINES).to_string();
        body.push(words::STAFF_DIGEST_MORE.fill(lang, &[("count", &more)]));
    }
    body.push(words::STAFF_ALERT_WHY.get(lang).to_owned());
    let subject = words::STAFF_DIGEST_SUBJECT.fill(lang, &[("count", &count)]);
    let action = words::STAFF_DIGEST_ACTION.get(lang);
    compose(to, lang, name, dashboard, (&subject, body, action))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(n: usize) -> AlertLine {
        AlertLine {
            kind: AlertKind::PetitionToModerate,
            milestone: 0,
            title: format!("Pétition {n}"),
            due_on: None,
            link: format!("https://musharaka.test/fr/r/oriental/petitions/{n}"),
        }
    }

    #[test]
    fn a_long_summary_lists_fifty_and_counts_the_rest() {
        let lines: Vec<AlertLine> = (1..=53).map(line).collect();
        let email = digest("a@example.ma", Lang::Fr, "A", &lines, "https://m.test/d");
        assert!(email.subject.contains("(53)"), "{}", email.subject);
        assert!(email.text.contains("« Pétition 50 »"));
        assert!(!email.text.contains("« Pétition 51 »"));
        assert!(email.text.contains("… et 3 de plus"));
        assert!(email.text.contains("https://m.test/d"));
    }

    #[test]
    fn titles_are_escaped_in_the_html_part() {
        let mut l = line(1);
        l.title = "<script>x</script>".into();
        let email = alert("a@example.ma", Lang::Ar, "A", &l);
        assert!(!email.html.contains("<script>x"));
        assert!(email.html.contains("dir=\"rtl\""));
    }
}
