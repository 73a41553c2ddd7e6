//! `POST /consultations/answer`: the questionnaire form. Its fields are named after the
//! questions (`q{id}`, repeated for multiple choices and rankings), so it is read as a list of
//! pairs rather than by a server function. Thin: read, check against the questionnaire, call
//! `domain::consultations::answering`, redirect with the outcome.

use std::collections::HashMap;

use axum::Form;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use domain::DomainError;
use domain::consultations::answering::{Declaration, answer_consultation, load_questionnaire};
use domain::consultations::questions::AnswerInput;
use domain::types::ConsultationId;
use domain::types::{Cin, Lang};
use frontend::web::flash::Flash;
use tower_sessions::Session;

use crate::AppState;
use crate::current_user::{CurrentUser, id_of};
use crate::forms::back;

pub mod documents;
pub mod exports;

/// The answers of the form: one input per question named, in the order given.
fn inputs(fields: &[(String, String)]) -> Vec<AnswerInput> {
    let mut inputs: Vec<AnswerInput> = Vec::new();
    let mut index: HashMap<i32, usize> = HashMap::new();
    for (name, value) in fields {
        let Some(question) = name.strip_prefix('q').and_then(|id| id.parse::<i32>().ok()) else {
            continue;
        };
        match index.get(&question) {
            Some(&at) => inputs[at].values.push(value.clone()),
            None => {
                index.insert(question, inputs.len());
                inputs.push(AnswerInput {
                    question,
                    values: vec![value.clone()],
                });
            }
        }
    }
    inputs
}

/// More fields than any questionnaire has (50 questions of at most 20 choices, and the
/// declaration): such a body is refused before anything is read from it.
pub const MAX_FIELDS: usize = 2_000;

/// Most of what was given that is kept in the session to fill the form again after an error.
const MAX_KEPT_BYTES: usize = 64 * 1024;

/// Most errors reported at once.
const MAX_ERRORS: usize = 60;

/// The answers as given, in order, as long as they fit in [`MAX_KEPT_BYTES`].
fn kept_values(fields: &[(String, String)]) -> Vec<(String, String)> {
    let mut kept = Vec::new();
    let mut bytes = 0;
    for (name, value) in fields {
        if !(name.starts_with('q') || ["audience", "province", "notify"].contains(&name.as_str())) {
            continue;
        }
        bytes += name.len() + value.len();
        if bytes > MAX_KEPT_BYTES {
            break;
        }
        kept.push((name.clone(), value.clone()));
    }
    kept
}

/// Records the signed-in citizen's answers, or sends the form back with its errors and what was
/// given.
pub async fn answer_consultation_form(
    State(state): State<AppState>,
    session: Session,
    user: Option<axum::Extension<CurrentUser>>,
    origin: Option<axum::Extension<domain::types::ClientOrigin>>,
    headers: axum::http::HeaderMap,
    Form(fields): Form<Vec<(String, String)>>,
) -> Response {
    let origin = origin.map(|o| o.0).unwrap_or_default();
    if fields.len() > MAX_FIELDS {
        let lang = fields
            .iter()
            .find(|(k, _)| k == "lang")
            .and_then(|(_, v)| Lang::parse(v))
            .unwrap_or_else(|| crate::message_page::visitor_language(&headers));
        return crate::message_page::message_page(
            &state,
            lang,
            axum::http::StatusCode::BAD_REQUEST,
            frontend::web::messages::bad_request_texts(lang.code()),
            crate::message_page::referer_path(&headers),
        );
    }
    let field = |name: &str| {
        fields
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.trim().to_owned())
            .unwrap_or_default()
    };
    let lang = Lang::parse(&field("lang")).unwrap_or_default();
    let region = domain::types::RegionSlug::path_segment(&field("region"));
    let Ok(id) = field("id").parse::<i32>() else {
        return (axum::http::StatusCode::BAD_REQUEST, "bad form").into_response();
    };
    let Some(user) = id_of(user) else {
        return crate::forms::to_sign_in(lang);
    };
    let page = frontend::paths::consultation(lang.code(), &region, id, "");
    // The CIN (asked when the consultation counts one response per person) never comes back
    // in the form after an error.
    let typed_cin = field("cin");
    let cin = match typed_cin.as_str() {
        "" => Ok(None),
        typed => Cin::parse(typed).map(Some),
    };
    let declaration = Declaration {
        audience: !field("audience").is_empty(),
        province: Some(field("province")).filter(|p| !p.is_empty()),
        notify: !field("notify").is_empty(),
        cin: cin.as_ref().ok().cloned().flatten(),
    };
    // What comes back on an error: the answers as given (nothing here is a secret), as much
    // as a session should hold.
    let mut flash = Flash {
        values: kept_values(&fields),
        ..Flash::of("answer")
    };
    let id = ConsultationId(id);
    let outcome = match load_questionnaire(&state.ctx, id).await {
        Ok(_) if cin.is_err() => Err(cin
            .err()
            .into_iter()
            .map(|e| (String::from("form"), e))
            .collect()),
        Ok(questionnaire) => match questionnaire.check(&inputs(&fields)) {
            Ok(answers) => answer_consultation(&state.ctx, user, &origin, answers, declaration)
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
            for (field, err) in errors.into_iter().take(MAX_ERRORS) {
                match field.as_str() {
                    "form" => flash.add_errors([err]),
                    field => flash.add_error_on(field, err),
                }
            }
        }
    }
    back(&session, flash, &format!("{page}#answer")).await
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
