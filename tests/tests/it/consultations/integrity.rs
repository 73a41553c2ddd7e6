//! Consultations nobody can inflate: no vote outlives its voter, one account per mailbox, a
//! hidden text stays hidden through edits, nothing is stored outside the open window, and a
//! person's consultation data is in their export.

use chrono::Duration;
use domain::DomainError;
use domain::consultations::answering::{Declaration, answer_consultation, load_questionnaire};
use domain::consultations::outcome::{recount_results, tallied_results};
use domain::consultations::questions::AnswerInput;
use domain::entities::{answer, response, user};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use secrecy::SecretString;
use tests::PASSWORD;
use tests::{TestApp, both_databases};

use super::{
    answer_as, checked, open_consultation, open_consultation_with, question, to_first_day,
};

both_databases!(
    a_deleted_account_leaves_no_vote_behind,
    one_account_per_mailbox,
    a_hidden_text_stays_hidden_when_its_author_edits_it,
    no_answer_is_stored_after_the_closing_instant,
    a_consultation_without_questions_takes_no_response,
    consultation_data_is_in_the_personal_data_export,
    one_response_per_person_when_the_cin_is_asked,
);

/// The tallies equal a recount of the answers stored; the number of responses.
pub async fn tallies_hold(app: &TestApp, id: domain::consultations::drafts::ConsultationId) -> u64 {
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

async fn a_deleted_account_leaves_no_vote_behind(app: TestApp) {
    let id = open_consultation(&app).await;
    let questionnaire = load_questionnaire(&app.ctx(), id)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
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
}

async fn one_account_per_mailbox(app: TestApp) {
    use domain::accounts::{Registration, register, request_email_change};
    use domain::types::{DisplayName, Email, Lang, NewPassword};
    let registration = |email: &str| Registration {
        email: Email::parse(email).unwrap_or_else(|e| panic!("{e}")),
        display_name: DisplayName::parse("Amina").unwrap_or_else(|e| panic!("{e}")),
        password: NewPassword::parse(PASSWORD, &[]).unwrap_or_else(|e| panic!("{e}")),
        lang: Lang::Fr,
    };
    for email in [
        "amina+1@example.ma",
        "Amina+2@example.ma",
        "amina@example.ma",
        "a.mina+x@gmail.com",
        "amina@googlemail.com",
    ] {
        register(&app.ctx(), registration(email))
            .await
            .unwrap_or_else(|e| panic!("{e}"));
    }
    let accounts: Vec<String> = user::Entity::find()
        .all(&app.db)
        .await
        .unwrap_or_default()
        .into_iter()
        .map(|u| u.email)
        .collect();
    assert_eq!(
        accounts,
        ["amina+1@example.ma", "a.mina+x@gmail.com"],
        "one account per mailbox"
    );

    // Moving to another account's mailbox does nothing; a tag of one's own is fine.
    let karim = app.user("karim@example.ma").await;
    request_email_change(
        &app.ctx(),
        karim,
        Email::parse("amina+3@example.ma").unwrap_or_else(|e| panic!("{e}")),
        SecretString::from(PASSWORD),
    )
    .await
    .unwrap_or_else(|e| panic!("{e}"));
    let tokens = domain::entities::email_token::Entity::find()
        .filter(domain::entities::email_token::Column::UserId.eq(karim.0))
        .all(&app.db)
        .await
        .unwrap_or_default();
    assert!(
        tokens.iter().all(|t| t.new_email.is_none()),
        "no change started"
    );
    request_email_change(
        &app.ctx(),
        karim,
        Email::parse("karim+consultations@example.ma").unwrap_or_else(|e| panic!("{e}")),
        SecretString::from(PASSWORD),
    )
    .await
    .unwrap_or_else(|e| panic!("{e}"));
    let tokens = domain::entities::email_token::Entity::find()
        .filter(domain::entities::email_token::Column::UserId.eq(karim.0))
        .all(&app.db)
        .await
        .unwrap_or_default();
    assert!(tokens.iter().any(|t| t.new_email.is_some()));

    // An account that shared its mailbox before the rule (it has none) does not answer.
    let id = open_consultation(&app).await;
    let questionnaire = load_questionnaire(&app.ctx(), id)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    to_first_day(&app);
    user::Entity::update_many()
        .col_expr(user::Column::Mailbox, Expr::value(Option::<String>::None))
        .filter(user::Column::Email.eq("karim@example.ma"))
        .exec(&app.db)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let answers = checked(&questionnaire, 0, 3);
    let declaration = Declaration {
        audience: true,
        ..Declaration::default()
    };
    assert!(matches!(
        answer_consultation(&app.ctx(), karim, &Default::default(), answers, declaration).await,
        Err(DomainError::Validation {
            code: "mailbox_shared",
            ..
        })
    ));
}

/// A consultation with a single-choice and an optional free-text question.
pub async fn consultation_with_text(
    app: &TestApp,
) -> domain::consultations::drafts::ConsultationId {
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
    id: domain::consultations::drafts::ConsultationId,
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

async fn a_hidden_text_stays_hidden_when_its_author_edits_it(app: TestApp) {
    let id = consultation_with_text(&app).await;
    to_first_day(&app);
    answer_text(&app, id, "amina@example.ma", "Appelez Karim au 0612345678")
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let first = text_row(&app).await;
    assert!(first.token.is_some_and(|t| t > 0) && first.review.is_none());
    // Hidden by a moderator (as texts hidden before reviews were, kept by the migration).
    answer::Entity::update_many()
        .col_expr(answer::Column::Hidden, Expr::value(true))
        .col_expr(answer::Column::Review, Expr::value("hidden"))
        .filter(answer::Column::Id.eq(first.id))
        .exec(&app.db)
        .await
        .unwrap_or_else(|e| panic!("{e}"));

    // The same text again: nothing about it changes.
    answer_text(&app, id, "amina@example.ma", "Appelez Karim au 0612345678")
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let same = text_row(&app).await;
    assert_eq!(
        (same.id, same.hidden, same.review.as_deref()),
        (first.id, true, Some("hidden"))
    );

    // A new text: still hidden, due for review again, under the same token.
    answer_text(&app, id, "amina@example.ma", "Plus de bus vers Taroudant")
        .await
        .unwrap_or_else(|e| panic!("{e}"));
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
    answer_text(&app, id, "amina@example.ma", "")
        .await
        .unwrap_or_else(|e| panic!("{e}"));
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

async fn no_answer_is_stored_after_the_closing_instant(app: TestApp) {
    let id = open_consultation(&app).await;
    let questionnaire = load_questionnaire(&app.ctx(), id)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
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
}

async fn a_consultation_without_questions_takes_no_response(app: TestApp) {
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
    let region = domain::types::RegionSlug::parse("souss-massa").unwrap_or_else(|e| panic!("{e}"));
    let id = create_consultation(&app.ctx(), &officer, &region, draft)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    publish_consultation(&app.ctx(), &officer, id)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    to_first_day(&app);
    let questionnaire = load_questionnaire(&app.ctx(), id)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
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
}

async fn consultation_data_is_in_the_personal_data_export(app: TestApp) {
    use domain::consultations::mailings::set_following;
    use domain::consultations::proposals::{NewProposal, ProposalForm, submit_proposal};
    let id = consultation_with_text(&app).await;
    to_first_day(&app);
    answer_text(&app, id, "amina@example.ma", "Plus de bus vers Taroudant")
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let amina = app.user("amina@example.ma").await;
    let proposal = NewProposal::parse(&ProposalForm {
        title: "Une ligne de bus Agadir–Taroudant".into(),
        body: "Toutes les heures, de 6 h à 22 h, avec des arrêts dans les douars.".into(),
        ..ProposalForm::default()
    })
    .unwrap_or_else(|e| panic!("{e:?}"));
    submit_proposal(&app.ctx(), amina, &Default::default(), id, proposal)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let region = domain::types::RegionSlug::parse("souss-massa").unwrap_or_else(|e| panic!("{e}"));
    set_following(&app.ctx(), amina, &Default::default(), &region, true)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let export = domain::accounts::export_my_data(&app.ctx(), amina)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
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
}

async fn one_response_per_person_when_the_cin_is_asked(app: TestApp) {
    use domain::consultations::builder::{publish_consultation, set_questions};
    use domain::consultations::drafts::{ConsultationForm, NewConsultation, create_consultation};
    use domain::types::Cin;
    let souss = app.region_id("souss-massa").await;
    let officer = app
        .staff(
            "officer@example.ma",
            Some(domain::roles::Role::CouncilOfficer { region_id: souss }),
        )
        .await;
    let mut form: ConsultationForm = super::draft_form();
    form.verification = String::new();
    let draft = NewConsultation::parse(&form).unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(
        draft.verification,
        domain::consultations::drafts::Verification::Cin,
        "one response per person unless the officer chooses otherwise"
    );
    let region = domain::types::RegionSlug::parse("souss-massa").unwrap_or_else(|e| panic!("{e}"));
    let id = create_consultation(&app.ctx(), &officer, &region, draft)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    set_questions(
        &app.ctx(),
        &officer,
        id,
        vec![question("single", &["Oui", "Non"])],
    )
    .await
    .unwrap_or_else(|e| panic!("{e}"));
    publish_consultation(&app.ctx(), &officer, id)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    to_first_day(&app);
    let questionnaire = load_questionnaire(&app.ctx(), id)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let single = &questionnaire.questions()[0];
    let answer = |email: &'static str,
                  cin: Option<&'static str>,
                  province: Option<&'static str>| {
        let app = &app;
        let answers = questionnaire
            .check(&[AnswerInput {
                question: single.id,
                values: vec![single.choices[0].to_string()],
            }])
            .unwrap_or_else(|e| panic!("{e:?}"));
        async move {
            let user = app.user(email).await;
            let declaration = Declaration {
                audience: true,
                province: province.map(str::to_owned),
                notify: false,
                cin: cin.map(|c| Cin::parse(c).unwrap_or_else(|e| panic!("{e}"))),
            };
            answer_consultation(&app.ctx(), user, &Default::default(), answers, declaration).await
        }
    };
    let code = |r: Result<(), DomainError>| match r {
        Ok(()) => "ok",
        Err(e) => e.code(),
    };
    assert_eq!(
        code(answer("amina@example.ma", None, Some("taroudant")).await),
        "cin_missing"
    );
    assert_eq!(
        code(answer("amina@example.ma", Some("AB123456"), None).await),
        "province_missing"
    );
    assert_eq!(
        code(answer("amina@example.ma", Some("AB123456"), Some("taroudant")).await),
        "ok"
    );
    // The same card from another account (written otherwise): refused.
    assert_eq!(
        code(answer("karim@example.ma", Some("ab 123 456"), Some("taroudant")).await),
        "cin_already_answered"
    );
    assert_eq!(
        code(
            answer(
                "salma@example.ma",
                Some("J98765"),
                Some("agadir-ida-outanane")
            )
            .await
        ),
        "ok"
    );
    // A leading zero makes no other card.
    assert_eq!(
        code(answer("omar@example.ma", Some("J098765"), Some("taroudant")).await),
        "cin_already_answered"
    );
    // Amina edits her answer with her card: fine; with another card: refused (it would free
    // hers for another account).
    assert_eq!(
        code(answer("amina@example.ma", Some("AB123456"), Some("taroudant")).await),
        "ok"
    );
    assert_eq!(
        code(answer("amina@example.ma", Some("K11111"), Some("taroudant")).await),
        "cin_differs"
    );
    // The card's key is the consultation's own: it matches no petition signature's.
    let petition_key = app
        .ctx()
        .keys
        .cin_hash(&Cin::parse("AB123456").unwrap_or_else(|e| panic!("{e}")));
    assert_eq!(tallies_hold(&app, id).await, 2);
    let keys: Vec<Option<String>> = response::Entity::find()
        .all(&app.db)
        .await
        .unwrap_or_default()
        .into_iter()
        .map(|r| r.cin_key)
        .collect();
    assert!(keys.iter().all(|k| {
        k.as_ref()
            .is_some_and(|k| k.len() == 64 && !k.contains("AB123456") && *k != petition_key)
    }));

    // The form asks for the card; the results say what was verified.
    let mut amina = tests::Client::signed_in(&app, "amina@example.ma", "fr").await;
    let page = amina
        .get(&format!("/fr/r/souss-massa/consultations/{}", id.0))
        .await
        .text();
    assert!(page.contains("id=\"answer-cin\""));
    let (id_text, question, choice) = (
        id.0.to_string(),
        format!("q{}", single.id),
        single.choices[1].to_string(),
    );
    let form = |cin: &'static str| {
        vec![
            ("lang", "fr"),
            ("region", "souss-massa"),
            ("id", id_text.as_str()),
            (question.as_str(), choice.as_str()),
            ("audience", "on"),
            ("province", "taroudant"),
            ("cin", cin),
        ]
    };
    let page_path = format!("/fr/r/souss-massa/consultations/{}", id.0);
    for (cin, said) in [
        ("QX9Z", "Numéro de CIN invalide"),
        (
            "J98765",
            "Votre réponse a été donnée avec un autre numéro de CIN",
        ),
    ] {
        amina.post_form("/consultations/answer", &form(cin)).await;
        let back = amina.get(&page_path).await.text();
        assert!(back.contains(said), "{cin}: {said}");
        assert!(!back.contains(cin), "the CIN typed never comes back");
    }
    amina
        .post_form("/consultations/answer", &form("AB123456"))
        .await;
    assert!(
        amina
            .get(&page_path)
            .await
            .text()
            .contains("vos réponses sont enregistrées")
    );
    app.clock.advance(Duration::days(31));
    let results = domain::consultations::outcome::get_results(&app.ctx(), Some(&officer), id)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        results.verification,
        domain::consultations::drafts::Verification::Cin
    );
}
