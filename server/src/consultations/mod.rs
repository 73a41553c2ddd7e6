//! `POST /consultations/answer`: the questionnaire form. Its fields are named after the
//! questions (`q{id}`, repeated for multiple choices and rankings), so it is read as a list of
//! pairs rather than by a server function. Thin: read, check against the questionnaire, call
//! `domain::consultations::answering`, redirect with the outcome.

use axum::Form;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use domain::DomainError;
use domain::accounts::UserId;
use domain::consultations::answering::{Declaration, answer_consultation, load_questionnaire};
use domain::consultations::drafts::ConsultationId;
use domain::consultations::questions::AnswerInput;
use domain::types::Lang;
use frontend::accounts::api::server::{FLASH, signed_in_user};
use frontend::accounts::types::{FieldError, Flash};
use tower_sessions::Session;

use crate::AppState;
use crate::petitions::respond;

pub mod documents;
pub mod exports;

/// The answers of the form: one input per question named, in the order given.
fn inputs(fields: &[(String, String)]) -> Vec<AnswerInput> {
    let mut inputs: Vec<AnswerInput> = Vec::new();
    for (name, value) in fields {
        let Some(question) = name.strip_prefix('q').and_then(|id| id.parse::<i32>().ok()) else {
            continue;
        };
        match inputs.iter_mut().find(|i| i.question == question) {
            Some(input) => input.values.push(value.clone()),
            None => inputs.push(AnswerInput {
                question,
                values: vec![value.clone()],
            }),
        }
    }
    inputs
}

/// Records the signed-in citizen's answers, or sends the form back with its errors and what was
/// given.
pub async fn answer_consultation_form(
    State(state): State<AppState>,
    session: Session,
    Form(fields): Form<Vec<(String, String)>>,
) -> Response {
    let field = |name: &str| {
        fields
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.trim().to_owned())
            .unwrap_or_default()
    };
    let lang = Lang::parse(&field("lang")).unwrap_or_default();
    let region: String = field("region")
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
        .collect();
    let Ok(id) = field("id").parse::<i32>() else {
        return (axum::http::StatusCode::BAD_REQUEST, "bad form").into_response();
    };
    let user = match signed_in_user(&state.ctx, &session).await {
        Ok(Some(user)) => UserId(user),
        Ok(None) => {
            return Redirect::to(&format!("/{}/account/sign-in", lang.code())).into_response();
        }
        Err(err) => {
            tracing::error!(%err, "reading the session failed");
            return axum::http::StatusCode::INTERNAL_SERVER_ERROR.into_response();
        }
    };
    let page = format!("/{}/r/{region}/consultations/{id}", lang.code());
    let declaration = Declaration {
        audience: !field("audience").is_empty(),
        province: Some(field("province")).filter(|p| !p.is_empty()),
        notify: !field("notify").is_empty(),
    };
    let mut flash = Flash {
        form: "answer".into(),
        // What comes back on an error: every answer as given (nothing here is a secret).
        values: fields
            .iter()
            .filter(|(k, _)| {
                k.starts_with('q') || ["audience", "province", "notify"].contains(&k.as_str())
            })
            .cloned()
            .collect(),
        ..Flash::default()
    };
    let id = ConsultationId(id);
    let outcome = match load_questionnaire(&state.ctx, id).await {
        Ok(questionnaire) => match questionnaire.check(&inputs(&fields)) {
            Ok(answers) => answer_consultation(&state.ctx, user, answers, declaration)
                .await
                .map_err(|e| vec![(String::from("form"), e)]),
            Err(errors) => Err(errors
                .into_iter()
                .map(|e| {
                    let err = DomainError::Validation {
                        field: "question",
                        code: e.code,
                    };
                    (format!("q{}", e.question), err)
                })
                .collect()),
        },
        Err(err) => Err(vec![(String::from("form"), err)]),
    };
    match outcome {
        Ok(()) => {
            flash.values.clear();
            flash.notice = Some("answer_saved_notice".into());
        }
        Err(errors) => {
            for (field, err) in errors {
                let field = match &err {
                    DomainError::Validation { field: f, .. } if field == "form" => (*f).to_owned(),
                    DomainError::Internal(detail) => {
                        tracing::error!(%detail, "answering a consultation failed");
                        field
                    }
                    _ => field,
                };
                flash.errors.push(FieldError {
                    field,
                    code: err.code().to_owned(),
                });
            }
        }
    }
    respond(
        session.insert(FLASH, flash).await,
        &format!("{page}#answer"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repeated_fields_make_one_answer_in_their_order() {
        let fields: Vec<(String, String)> = [
            ("lang", "fr"),
            ("q4", "12"),
            ("q5", "hello"),
            ("q4", "11"),
            ("qx", "1"),
        ]
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect();
        let got = inputs(&fields);
        assert_eq!(got.len(), 2);
        assert_eq!(got[0].question, 4);
        assert_eq!(got[0].values, ["12", "11"]);
        assert_eq!(got[1].values, ["hello"]);
    }
}
