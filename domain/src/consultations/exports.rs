//! A consultation's results as a file: CSV, a line per choice, scale point or ranked choice,
//! with the wordings. Counts only, never a participant; hidden counts read `<k`.

use super::outcome::{ConsultationResults, QuestionResult};
use crate::DomainError;

/// The results as CSV (UTF-8 with a byte order mark): a line per choice, scale point or ranked
/// choice, with the question's wording from `view`. Counts only, no personal data.
pub fn results_csv(
    view: &super::views::ConsultationView,
    results: &ConsultationResults,
) -> Result<Vec<u8>, DomainError> {
    let mut writer = crate::spreadsheet::CsvWriter::with_bom();
    writer.line([
        "question",
        "wording",
        "item",
        "count",
        "percent",
        "points",
        "mean_rank",
    ])?;
    // A hidden count (`super::disclosure`) reads "<k".
    let fewer = format!("<{}", results.min_cell);
    for (n, (id, result)) in results.questions.iter().enumerate() {
        let question = view.questions.iter().find(|q| q.id == *id);
        let wording = question.map(|q| q.text.as_str()).unwrap_or_default();
        let label = |choice: i32| {
            question
                .and_then(|q| q.choices.iter().find(|(c, _)| *c == choice))
                .map(|(_, t)| t.clone())
                .unwrap_or_default()
        };
        let number = (n + 1).to_string();
        let mut line =
            |item: String, count: String, percent: String, points: String, rank: String| {
                writer.line([
                    number.as_str(),
                    wording,
                    &item,
                    &count,
                    &percent,
                    &points,
                    &rank,
                ])
            };
        match result {
            QuestionResult::Choices { shares, .. } => {
                for s in shares {
                    let (count, percent) = if s.hidden {
                        (fewer.clone(), String::new())
                    } else {
                        (s.count.to_string(), format!("{:.1}", s.percent))
                    };
                    line(
                        label(s.choice),
                        count,
                        percent,
                        String::new(),
                        String::new(),
                    )?;
                }
            }
            QuestionResult::Scale { result } => {
                for (point, count, percent) in &result.points {
                    let (count, percent) = if result.hidden.contains(point) {
                        (fewer.clone(), String::new())
                    } else {
                        (count.to_string(), format!("{percent:.1}"))
                    };
                    line(
                        point.to_string(),
                        count,
                        percent,
                        String::new(),
                        String::new(),
                    )?;
                }
            }
            QuestionResult::Ranking { ranked, .. } => {
                for r in ranked {
                    line(
                        label(r.choice),
                        String::new(),
                        String::new(),
                        r.points.to_string(),
                        r.mean_rank.map(|m| format!("{m:.2}")).unwrap_or_default(),
                    )?;
                }
            }
            QuestionResult::Text { respondents } => {
                line(
                    String::new(),
                    respondents.to_string(),
                    String::new(),
                    String::new(),
                    String::new(),
                )?;
            }
            QuestionResult::Withheld => {
                line(
                    String::new(),
                    fewer.clone(),
                    String::new(),
                    String::new(),
                    String::new(),
                )?;
            }
        }
    }
    writer.finish()
}
