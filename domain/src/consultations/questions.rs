//! Questions and the answers to them: what each kind accepts. A response is checked whole against
//! the questionnaire: answers to questions that do not exist, choices that are not the
//! question's, too many choices, text too long or carrying markup, a scale value out of 1–5, a
//! ranking that is not an order of every choice, a required question left out: each is an error
//! on its question, and nothing is stored.

use std::collections::HashSet;

use serde::{Deserialize, Serialize};

/// The points of a scale question: 1 to 5.
pub const SCALE: std::ops::RangeInclusive<u8> = 1..=5;
/// The longest free-text answer allowed by default, in characters.
pub const DEFAULT_TEXT_LIMIT: u16 = 2_000;

/// What a question asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum QuestionKind {
    /// One of the choices.
    Single,
    /// Some of the choices, `max` at most.
    Multiple { max: u8 },
    /// Free text, `max_chars` at most.
    Text { max_chars: u16 },
    /// A point of the scale 1–5.
    Scale,
    /// Every choice, in order of preference.
    Ranking,
}

impl QuestionKind {
    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Single => "single",
            Self::Multiple { .. } => "multiple",
            Self::Text { .. } => "text",
            Self::Scale => "scale",
            Self::Ranking => "ranking",
        }
    }

    /// Whether the question has choices.
    pub fn has_choices(self) -> bool {
        matches!(self, Self::Single | Self::Multiple { .. } | Self::Ranking)
    }
}

/// A question as answers are checked against it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuestionSpec {
    pub id: i32,
    pub kind: QuestionKind,
    pub required: bool,
    /// The ids of its choices, in their order.
    pub choices: Vec<i32>,
}

/// The answer to one question as submitted: the values of its form fields (choice ids, the text,
/// the scale point, or the choice ids in ranked order).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct AnswerInput {
    pub question: i32,
    pub values: Vec<String>,
}

/// A checked answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Answer {
    Single(i32),
    Multiple(Vec<i32>),
    Text(String),
    Scale(u8),
    /// Choice ids, preferred first.
    Ranking(Vec<i32>),
}

/// Why an answer is refused, on its question.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AnswerError {
    pub question: i32,
    pub code: &'static str,
}

/// Checks a whole response against `questions`: every input must answer one of them (once), and
/// every required question must be answered. Unanswered optional questions are left out.
pub fn parse_response(
    questions: &[QuestionSpec],
    inputs: &[AnswerInput],
) -> Result<Vec<(i32, Answer)>, Vec<AnswerError>> {
    let mut errors = Vec::new();
    let mut seen = HashSet::new();
    for input in inputs {
        let known = questions.iter().any(|q| q.id == input.question);
        if !known || !seen.insert(input.question) {
            errors.push(AnswerError {
                question: input.question,
                code: "question_unknown",
            });
        }
    }
    let mut answers = Vec::new();
    for question in questions {
        let values: Vec<&str> = inputs
            .iter()
            .filter(|i| i.question == question.id)
            .flat_map(|i| i.values.iter().map(|v| v.trim()))
            .filter(|v| !v.is_empty())
            .collect();
        if values.is_empty() {
            if question.required {
                errors.push(AnswerError {
                    question: question.id,
                    code: "answer_missing",
                });
            }
            continue;
        }
        match parse_answer(question, &values) {
            Ok(answer) => answers.push((question.id, answer)),
            Err(code) => errors.push(AnswerError {
                question: question.id,
                code,
            }),
        }
    }
    if errors.is_empty() {
        Ok(answers)
    } else {
        Err(errors)
    }
}

/// One question's answer from its (non-empty, trimmed) values.
fn parse_answer(question: &QuestionSpec, values: &[&str]) -> Result<Answer, &'static str> {
    let choice = |v: &str| {
        v.parse::<i32>()
            .ok()
            .filter(|id| question.choices.contains(id))
            .ok_or("choice_invalid")
    };
    match question.kind {
        QuestionKind::Single => match values {
            [one] => choice(one).map(Answer::Single),
            _ => Err("too_many_choices"),
        },
        QuestionKind::Multiple { max } => {
            let mut chosen = Vec::with_capacity(values.len());
            for value in values {
                let id = choice(value)?;
                if !chosen.contains(&id) {
                    chosen.push(id);
                }
            }
            if chosen.len() > usize::from(max) {
                return Err("too_many_choices");
            }
            Ok(Answer::Multiple(chosen))
        }
        QuestionKind::Text { max_chars } => {
            let text = values.join("\n").replace("\r\n", "\n");
            if text.chars().count() > usize::from(max_chars) {
                Err("text_too_long")
            } else if has_markup(&text) {
                Err("markup_refused")
            } else {
                Ok(Answer::Text(text))
            }
        }
        QuestionKind::Scale => match values {
            [one] => one
                .parse::<u8>()
                .ok()
                .filter(|p| SCALE.contains(p))
                .map(Answer::Scale)
                .ok_or("scale_invalid"),
            _ => Err("scale_invalid"),
        },
        QuestionKind::Ranking => {
            let order = values
                .iter()
                .map(|v| choice(v))
                .collect::<Result<Vec<i32>, _>>()
                .map_err(|_| "ranking_invalid")?;
            let distinct: HashSet<i32> = order.iter().copied().collect();
            if order.len() != question.choices.len() || distinct.len() != order.len() {
                return Err("ranking_invalid");
            }
            Ok(Answer::Ranking(order))
        }
    }
}

pub use crate::text::has_markup;

#[cfg(test)]
mod tests {
    use super::*;

    fn questions() -> Vec<QuestionSpec> {
        vec![
            QuestionSpec {
                id: 1,
                kind: QuestionKind::Single,
                required: true,
                choices: vec![10, 11, 12],
            },
            QuestionSpec {
                id: 2,
                kind: QuestionKind::Multiple { max: 2 },
                required: false,
                choices: vec![20, 21, 22],
            },
            QuestionSpec {
                id: 3,
                kind: QuestionKind::Text { max_chars: 20 },
                required: false,
                choices: vec![],
            },
            QuestionSpec {
                id: 4,
                kind: QuestionKind::Scale,
                required: true,
                choices: vec![],
            },
            QuestionSpec {
                id: 5,
                kind: QuestionKind::Ranking,
                required: false,
                choices: vec![50, 51, 52],
            },
        ]
    }

    fn input(question: i32, values: &[&str]) -> AnswerInput {
        AnswerInput {
            question,
            values: values.iter().map(|v| (*v).to_owned()).collect(),
        }
    }

    fn codes(inputs: &[AnswerInput]) -> Vec<(i32, &'static str)> {
        parse_response(&questions(), inputs)
            .err()
            .unwrap_or_default()
            .iter()
            .map(|e| (e.question, e.code))
            .collect()
    }

    #[test]
    fn a_complete_response_parses_every_kind() {
        let answers = parse_response(
            &questions(),
            &[
                input(1, &["11"]),
                input(2, &["20", "22", "20"]),
                input(3, &["  Plus de bus  "]),
                input(4, &["5"]),
                input(5, &["52", "50", "51"]),
            ],
        )
        .unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(
            answers,
            [
                (1, Answer::Single(11)),
                (2, Answer::Multiple(vec![20, 22])),
                (3, Answer::Text("Plus de bus".into())),
                (4, Answer::Scale(5)),
                (5, Answer::Ranking(vec![52, 50, 51])),
            ]
        );
    }

    #[test]
    fn optional_questions_may_be_left_out_required_ones_may_not() {
        assert!(parse_response(&questions(), &[input(1, &["10"]), input(4, &["3"])]).is_ok());
        assert_eq!(
            codes(&[input(1, &["10"]), input(4, &[" "])]),
            [(4, "answer_missing")]
        );
    }

    #[test]
    fn each_kind_refuses_what_it_cannot_hold() {
        let base = |extra: AnswerInput| vec![input(1, &["10"]), input(4, &["3"]), extra];
        assert_eq!(codes(&base(input(9, &["1"]))), [(9, "question_unknown")]);
        assert_eq!(
            codes(&[input(1, &["10", "11"]), input(4, &["3"])]),
            [(1, "too_many_choices")]
        );
        assert_eq!(
            codes(&[input(1, &["20"]), input(4, &["3"])]),
            [(1, "choice_invalid")]
        );
        assert_eq!(
            codes(&[input(1, &["x"]), input(4, &["3"])]),
            [(1, "choice_invalid")]
        );
        assert_eq!(
            codes(&base(input(2, &["20", "21", "22"]))),
            [(2, "too_many_choices")]
        );
        assert_eq!(
            codes(&base(input(3, &["une réponse bien trop longue ici"]))),
            [(3, "text_too_long")]
        );
        assert_eq!(
            codes(&base(input(3, &["<script>x</script>"]))),
            [(3, "markup_refused")]
        );
        for bad in ["0", "6", "-1", "2.5", "trois"] {
            assert_eq!(
                codes(&[input(1, &["10"]), input(4, &[bad])]),
                [(4, "scale_invalid")]
            );
        }
        assert_eq!(
            codes(&base(input(5, &["50", "51"]))),
            [(5, "ranking_invalid")]
        );
        assert_eq!(
            codes(&base(input(5, &["50", "50", "51"]))),
            [(5, "ranking_invalid")]
        );
        assert_eq!(
            codes(&base(input(5, &["50", "51", "99"]))),
            [(5, "ranking_invalid")]
        );
        assert_eq!(
            codes(&[input(1, &["10"]), input(1, &["11"]), input(4, &["3"])]),
            [(1, "question_unknown"), (1, "too_many_choices")],
            "a question answered twice"
        );
    }

    #[test]
    fn markup_is_told_apart_from_prose() {
        for markup in [
            "<b>gras</b>",
            "a</p>",
            "<!-- x -->",
            "<img src=x onerror=alert(1)>",
            "&lt;b&gt;",
            "&#60;",
        ] {
            assert!(has_markup(markup), "{markup}");
        }
        for prose in [
            "3 < 5 et 5 > 3",
            "A & B",
            "الطريق < 10 كم",
            "R&D",
            "x <= y",
            "AT&T",
        ] {
            assert!(!has_markup(prose), "{prose}");
        }
    }
}
