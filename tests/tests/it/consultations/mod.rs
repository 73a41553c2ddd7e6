//! Consultations: drafting, the questionnaire and publishing are for the council officers of the
//! region, audit-logged; a published consultation is scheduled, then open, by the clock;
//! citizens answer once per account while it is open; results, then the synthesis.

mod answering;
mod big_forms;
mod corrections;
mod disclosure;
mod documents;
mod drafting;
pub mod integrity;
mod limits;
mod mailings;
mod one_voice;
mod proposals;
mod reports;
mod results;
mod results_web;
mod review;
mod sequences;
mod staff_web;
mod views;
mod web;

use domain::consultations::builder::{
    NewQuestion, QuestionForm, publish_consultation, set_questions,
};
use domain::consultations::drafts::{
    ConsultationForm, NewConsultation, TextsForm, create_consultation,
};
use domain::consultations::lifecycle::ConsultationStatus;
use domain::entities::consultation;
use domain::roles::Role;
use domain::types::ConsultationId;
use domain::types::RegionSlug;
use sea_orm::EntityTrait;
use tests::TestApp;

pub fn draft() -> NewConsultation {
    NewConsultation::parse(&draft_form()).unwrap_or_else(|e| panic!("{e:?}"))
}

/// The form of [`draft`].
pub fn draft_form() -> ConsultationForm {
    ConsultationForm {
        audience: "youth".into(),
        fallback_lang: "fr".into(),
        opens_on: "2027-05-01".into(),
        closes_on: "2027-05-31".into(),
        questionnaire: true,
        proposals: true,
        // One response per account; one per person (CIN): `integrity.rs`.
        verification: "account".into(),
        texts: vec![
            TextsForm {
                lang: "fr".into(),
                title: "Programme de développement régional".into(),
                summary: "Vos priorités pour 2028-2033.".into(),
                body: "## Les priorités\n\nTransport, eau, emploi.".into(),
            },
            TextsForm {
                lang: "ar".into(),
                title: "برنامج التنمية الجهوية".into(),
                summary: "أولوياتكم للفترة 2028-2033.".into(),
                body: String::new(),
            },
        ],
    }
}

pub fn question(kind: &str, choices: &[&str]) -> NewQuestion {
    NewQuestion::parse(
        &QuestionForm {
            kind: kind.into(),
            required: true,
            max: String::new(),
            texts: vec![("fr".into(), "Quelle priorité pour la région ?".into())],
            labels: Vec::new(),
            choices: choices
                .iter()
                .map(|c| vec![("fr".to_owned(), (*c).to_owned())])
                .collect(),
        },
        domain::types::Lang::Fr,
    )
    .unwrap_or_else(|e| panic!("{e:?}"))
}

/// Where consultation `id` stands at the app's clock.
pub async fn status_now(app: &TestApp, id: ConsultationId) -> ConsultationStatus {
    use domain::consultations::lifecycle::{StoredStatus, Window, status_at};
    let c = consultation::Entity::find_by_id(id.0)
        .one(&app.db)
        .await
        .ok()
        .flatten()
        .unwrap_or_else(|| panic!("stored"));
    let window = Window::new(c.opens_at, c.closes_at).unwrap_or_else(|e| panic!("{e}"));
    let stored = StoredStatus::parse(&c.status).unwrap_or_else(|| panic!("{}", c.status));
    status_at(stored, window, app.clock_now())
}

/// A published consultation of Souss-Massa for youth (May 2027), with a single-choice and a
/// scale question (the clock still before its first day).
pub async fn open_consultation(app: &TestApp) -> ConsultationId {
    open_consultation_with(
        app,
        vec![
            question("single", &["Transport", "Eau", "Emploi"]),
            question("scale", &[]),
        ],
    )
    .await
}

/// A published consultation of Souss-Massa for youth (May 2027) asking `questions` (the clock
/// still before its first day), by `officer@example.ma`.
pub async fn open_consultation_with(app: &TestApp, questions: Vec<NewQuestion>) -> ConsultationId {
    let souss = app.region_id("souss-massa").await;
    let region = RegionSlug::parse("souss-massa").unwrap_or_else(|e| panic!("{e}"));
    let officer = app
        .staff(
            "officer@example.ma",
            Some(Role::CouncilOfficer { region_id: souss }),
        )
        .await;
    let id = create_consultation(&app.ctx(), &officer, &region, draft())
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    set_questions(&app.ctx(), &officer, id, questions)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    publish_consultation(&app.ctx(), &officer, id)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    id
}

/// Moves the app's clock to the first day of [`open_consultation`]'s consultation: 1 May 2027,
/// 00:00 in Morocco (GMT+1), 23:00 UTC the day before.
pub fn to_first_day(app: &TestApp) {
    let first_day = chrono::DateTime::parse_from_rfc3339("2027-04-30T23:00:00Z")
        .unwrap_or_else(|e| panic!("{e}"))
        .with_timezone(&chrono::Utc);
    app.clock.advance(first_day - app.clock_now());
}

/// The answers to [`open_consultation`]'s questionnaire: choice `choice` (by position) and scale
/// point `point`.
pub fn checked(
    questionnaire: &domain::consultations::answering::Questionnaire,
    choice: usize,
    point: u8,
) -> domain::consultations::answering::CheckedAnswers {
    use domain::consultations::questions::AnswerInput;
    let (single, scale) = (&questionnaire.questions()[0], &questionnaire.questions()[1]);
    questionnaire
        .check(&[
            AnswerInput {
                question: single.id,
                values: vec![single.choices[choice].to_string()],
            },
            AnswerInput {
                question: scale.id,
                values: vec![point.to_string()],
            },
        ])
        .unwrap_or_else(|e| panic!("{e:?}"))
}

/// Citizen `citizen{n}@example.ma` answers [`open_consultation`]'s questionnaire: choice
/// `choice` (by position) and scale point `point`, declaring the audience and `province`.
pub async fn answer_as(
    app: &TestApp,
    questionnaire: &domain::consultations::answering::Questionnaire,
    n: usize,
    (choice, point): (usize, &str),
    province: Option<&str>,
) {
    use domain::consultations::answering::{Declaration, answer_consultation};
    use domain::consultations::questions::AnswerInput;
    let (single, scale) = (&questionnaire.questions()[0], &questionnaire.questions()[1]);
    let user = app.user(&format!("citizen{n}@example.ma")).await;
    let answers = questionnaire
        .check(&[
            AnswerInput {
                question: single.id,
                values: vec![single.choices[choice].to_string()],
            },
            AnswerInput {
                question: scale.id,
                values: vec![point.to_owned()],
            },
        ])
        .unwrap_or_else(|e| panic!("{e:?}"));
    let declaration = Declaration {
        notify: false,
        audience: true,
        province: province.map(str::to_owned),
        cin: None,
    };
    answer_consultation(&app.ctx(), user, &Default::default(), answers, declaration)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
}
