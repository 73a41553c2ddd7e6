//! Consultations nobody can inflate: no vote outlives its voter, a hidden text stays hidden
//! through edits, nothing is stored outside the open window, and a person's consultation data is
//! in their export. (One voice per person: `one_voice.rs`.)

use chrono::Duration;
use domain::DomainError;
use domain::consultations::answering::{Declaration, answer_consultation, load_questionnaire};
use domain::consultations::outcome::{recount_results, tallied_results};
use domain::consultations::questions::AnswerInput;
use domain::entities::{answer, response};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use secrecy::SecretString;
use tests::PASSWORD;
use tests::{TestApp, TestResult, both_databases};

use super::{
    answer_as, checked, open_consultation, open_consultation_with, question, to_first_day,
};

both_databases!(
    a_deleted_account_leaves_no_vote_behind,
    a_hidden_text_stays_hidden_when_its_author_edits_it,
    no_answer_is_stored_after_the_closing_instant,
    a_consultation_without_questions_takes_no_response,
    consultation_data_is_in_the_personal_data_export,
);

/// The tallies equal a recount of the answers stored; the number of responses.
pub async fn tallies_hold(app: &TestApp, id: domain::types::ConsultationId) -> u64 {
    let admin = app.admin().await;
    let tallied = tallied_results(&app.ctx(), &admin, id)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let recounted = recount_results(&app.ctx(), &admin, id)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(tallied, recounted, "the tallies equal a recount");
    tallied.responses
}

async fn delete(app: &TestApp, email: &str) {
    let user = app.user(email).await;
    domain::accounts::delete_account(&app.ctx(), user, SecretString::from(PASSWORD))
        .await
        .unwrap_or_else(|e| panic!("{e}"));
}

async fn a_deleted_account_leaves_no_vote_behind(app: TestApp) -> TestResult {
    let id = open_consultation(&app).await;
    let questionnaire = load_questionnaire(&app.ctx(), id).await?;
    to_first_day(&app);
    for n in 0..3 {
        answer_as(&app, &questionnaire, n, (0, "4"), Some("tiznit")).await;
    }
    assert_eq!(tallies_hold(&app, id).await, 3);

    // Answer, delete the account, register again with the same address, answer again: one
    // voice at every turn, never one more.
    for _ in 0..3 {
        delete(&app, "citizen0@example.ma").await;
        assert_eq!(tallies_hold(&app, id).await, 2, "the deleted vote is gone");
        answer_as(&app, &questionnaire, 0, (2, "1"), None).await;
        assert_eq!(tallies_hold(&app, id).await, 3);
    }

    // A non-admin cannot run the checks (and the refusal is logged).
    let officer = app.staff("officer@example.ma", None).await;
    assert!(matches!(
        recount_results(&app.ctx(), &officer, id).await,
        Err(DomainError::Forbidden)
    ));

    // Once closed, a deleted account's response stays in the results, without its author.
    app.clock.advance(Duration::days(31));
    delete(&app, "citizen1@example.ma").await;
    assert_eq!(tallies_hold(&app, id).await, 3);
    let orphans = response::Entity::find()
        .filter(response::Column::UserId.is_null())
        .all(&app.db)
        .await
        .unwrap_or_default();
    assert_eq!(orphans.len(), 1);
    assert!(!orphans[0].notify);
    Ok(())
}

/// A consultation with a single-choice and an optional free-text question.
pub async fn consultation_with_text(app: &TestApp) -> domain::types::ConsultationId {
    let mut text = question("text", &[]);
    text.required = false;
    open_consultation_with(
        app,
        vec![question("single", &["Transport", "Eau", "Emploi"]), text],
    )
    .await
}

/// `email` answers consultation `id` (a single choice and a free text) as a youth.
pub async fn answer_text(
    app: &TestApp,
    id: domain::types::ConsultationId,
    email: &str,
    text: &str,
) -> Result<(), DomainError> {
    let questionnaire = load_questionnaire(&app.ctx(), id).await?;
    let (single, free) = (&questionnaire.questions()[0], &questionnaire.questions()[1]);
    let mut inputs = vec![AnswerInput {
        question: single.id,
        values: vec![single.choices[0].to_string()],
    }];
    if !text.is_empty() {
        inputs.push(AnswerInput {
            question: free.id,
            values: vec![text.to_owned()],
        });
    }
    let answers = questionnaire
        .check(&inputs)
        .unwrap_or_else(|e| panic!("{e:?}"));
    let user = app.user(email).await;
    let declaration = Declaration {
        audience: true,
        ..Declaration::default()
    };
    answer_consultation(&app.ctx(), user, &Default::default(), answers, declaration).await
}

async fn text_row(app: &TestApp) -> answer::Model {
    answer::Entity::find()
        .filter(answer::Column::Text.is_not_null())
        .one(&app.db)
        .await
        .ok()
        .flatten()
        .unwrap_or_else(|| panic!("a text"))
}

async fn a_hidden_text_stays_hidden_when_its_author_edits_it(app: TestApp) -> TestResult {
    let id = consultation_with_text(&app).await;
    to_first_day(&app);
    answer_text(&app, id, "amina@example.ma", "Appelez Karim au 0612345678").await?;
    let first = text_row(&app).await;
    assert!(first.token.is_some_and(|t| t > 0) && first.review.is_none());
    // Hidden by a moderator (as texts hidden before reviews were, kept by the migration).
    answer::Entity::update_many()
        .col_expr(answer::Column::Hidden, Expr::value(true))
        .col_expr(answer::Column::Review, Expr::value("hidden"))
        .filter(answer::Column::Id.eq(first.id))
        .exec(&app.db)
        .await?;

    // The same text again: nothing about it changes.
    answer_text(&app, id, "amina@example.ma", "Appelez Karim au 0612345678").await?;
    let same = text_row(&app).await;
    assert_eq!(
        (same.id, same.hidden, same.review.as_deref()),
        (first.id, true, Some("hidden"))
    );

    // A new text: still hidden, due for review again, under the same token.
    answer_text(&app, id, "amina@example.ma", "Plus de bus vers Taroudant").await?;
    let edited = text_row(&app).await;
    assert_eq!(
        (
            edited.id,
            edited.token,
            edited.hidden,
            edited.review.as_deref()
        ),
        (first.id, first.token, true, None)
    );
    assert_eq!(edited.text.as_deref(), Some("Plus de bus vers Taroudant"));

    // No text any more: the row goes.
    answer_text(&app, id, "amina@example.ma", "").await?;
    assert!(
        answer::Entity::find()
            .filter(answer::Column::Text.is_not_null())
            .one(&app.db)
            .await
            .ok()
            .flatten()
            .is_none()
    );
    assert_eq!(tallies_hold(&app, id).await, 1);
    Ok(())
}

/// A clock that reads `before` `calls` times, then `after`.
#[derive(Debug)]
struct ClosingClock {
    before: chrono::DateTime<chrono::Utc>,
    after: chrono::DateTime<chrono::Utc>,
    calls: std::sync::atomic::AtomicU32,
    turn_at: u32,
}

impl domain::Clock for ClosingClock {
    fn now(&self) -> chrono::DateTime<chrono::Utc> {
        let n = self.calls.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        if n < self.turn_at {
            self.before
        } else {
            self.after
        }
    }
}

async fn no_answer_is_stored_after_the_closing_instant(app: TestApp) -> TestResult {
    let id = open_consultation(&app).await;
    let questionnaire = load_questionnaire(&app.ctx(), id).await?;
    let closes = domain::entities::consultation::Entity::find_by_id(id.0)
        .one(&app.db)
        .await
        .ok()
        .flatten()
        .map(|c| c.closes_at)
        .unwrap_or_else(|| panic!("stored"));
    // The answer begins a second before the closing instant and ends after it.
    let clock = std::sync::Arc::new(ClosingClock {
        before: closes - Duration::seconds(1),
        after: closes,
        calls: std::sync::atomic::AtomicU32::new(0),
        turn_at: 2,
    });
    let ctx = app.ctx().with_clock(clock);
    let answers = checked(&questionnaire, 0, 3);
    let user = app.user("late@example.ma").await;
    let declaration = Declaration {
        audience: true,
        ..Declaration::default()
    };
    assert!(matches!(
        answer_consultation(&ctx, user, &Default::default(), answers, declaration).await,
        Err(DomainError::Conflict("not_open"))
    ));
    assert!(
        response::Entity::find()
            .all(&app.db)
            .await
            .unwrap_or_default()
            .is_empty(),
        "nothing stored"
    );
    Ok(())
}

async fn a_consultation_without_questions_takes_no_response(app: TestApp) -> TestResult {
    use domain::consultations::builder::publish_consultation;
    use domain::consultations::drafts::create_consultation;
    let souss = app.region_id("souss-massa").await;
    let officer = app
        .staff(
            "officer@example.ma",
            Some(domain::roles::Role::CouncilOfficer { region_id: souss }),
        )
        .await;
    let mut draft = super::draft();
    draft.questionnaire = false;
    let region = domain::types::RegionSlug::parse("souss-massa")?;
    let id = create_consultation(&app.ctx(), &officer, &region, draft).await?;
    publish_consultation(&app.ctx(), &officer, id).await?;
    to_first_day(&app);
    let questionnaire = load_questionnaire(&app.ctx(), id).await?;
    let answers = questionnaire.check(&[]).unwrap_or_else(|e| panic!("{e:?}"));
    let user = app.user("amina@example.ma").await;
    let declaration = Declaration {
        audience: true,
        ..Declaration::default()
    };
    assert!(matches!(
        answer_consultation(&app.ctx(), user, &Default::default(), answers, declaration).await,
        Err(DomainError::Conflict("no_questionnaire"))
    ));
    assert!(
        response::Entity::find()
            .all(&app.db)
            .await
            .unwrap_or_default()
            .is_empty()
    );
    Ok(())
}

async fn consultation_data_is_in_the_personal_data_export(app: TestApp) -> TestResult {
    use domain::consultations::mailings::set_following;
    use domain::consultations::proposals::{NewProposal, ProposalForm, submit_proposal};
    let id = consultation_with_text(&app).await;
    to_first_day(&app);
    answer_text(&app, id, "amina@example.ma", "Plus de bus vers Taroudant").await?;
    let amina = app.user("amina@example.ma").await;
    let proposal = NewProposal::parse(&ProposalForm {
        title: "Une ligne de bus Agadir–Taroudant".into(),
        body: "Toutes les heures, de 6 h à 22 h, avec des arrêts dans les douars.".into(),
        ..ProposalForm::default()
    })
    .unwrap_or_else(|e| panic!("{e:?}"));
    submit_proposal(&app.ctx(), amina, &Default::default(), id, proposal).await?;
    let region = domain::types::RegionSlug::parse("souss-massa")?;
    set_following(&app.ctx(), amina, &Default::default(), &region, true).await?;
    let export = domain::accounts::export_my_data(&app.ctx(), amina).await?;
    let responses = export["consultation_responses"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert_eq!(responses.len(), 1);
    assert_eq!(responses[0]["consultation"], id.0);
    let texts: Vec<&str> = responses[0]["answers"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|a| a["text"].as_str())
        .collect();
    assert_eq!(texts, ["Plus de bus vers Taroudant"]);
    assert_eq!(
        export["proposals"][0]["title"],
        "Une ligne de bus Agadir–Taroudant"
    );
    assert_eq!(export["regions_followed"][0]["region"], "souss-massa");
    for key in ["comments", "supports", "reports"] {
        assert!(export[key].is_array(), "{key}");
    }
    Ok(())
}
