//! One voice per person: one account per mailbox (accounts that shared one before the rule do
//! not answer), and one response per person when the consultation asks for the CIN.

use chrono::Duration;
use domain::DomainError;
use domain::consultations::answering::{Declaration, answer_consultation, load_questionnaire};
use domain::consultations::questions::AnswerInput;
use domain::entities::{email_token, response, user};
use domain::types::UserId;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use secrecy::SecretString;
use tests::PASSWORD;
use tests::{TestApp, TestResult, both_databases};

use super::integrity::tallies_hold;
use super::{checked, open_consultation, question, to_first_day};

both_databases!(
    one_account_per_mailbox,
    one_response_per_person_when_the_cin_is_asked,
);

/// Whether an email change of `user` was started (a link sent to a new address).
async fn change_started(app: &TestApp, user: UserId) -> bool {
    email_token::Entity::find()
        .filter(email_token::Column::UserId.eq(user.0))
        .all(&app.db)
        .await
        .unwrap_or_default()
        .iter()
        .any(|t| t.new_email.is_some())
}

async fn one_account_per_mailbox(app: TestApp) -> TestResult {
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
        register(&app.ctx(), registration(email)).await?;
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
        Email::parse("amina+3@example.ma")?,
        SecretString::from(PASSWORD),
    )
    .await?;
    assert!(!change_started(&app, karim).await, "no change started");
    request_email_change(
        &app.ctx(),
        karim,
        Email::parse("karim+consultations@example.ma")?,
        SecretString::from(PASSWORD),
    )
    .await?;
    assert!(change_started(&app, karim).await);

    // An account that shared its mailbox before the rule (it has none) does not answer.
    let id = open_consultation(&app).await;
    let questionnaire = load_questionnaire(&app.ctx(), id).await?;
    to_first_day(&app);
    user::Entity::update_many()
        .col_expr(user::Column::Mailbox, Expr::value(Option::<String>::None))
        .filter(user::Column::Email.eq("karim@example.ma"))
        .exec(&app.db)
        .await?;
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
    Ok(())
}

async fn one_response_per_person_when_the_cin_is_asked(app: TestApp) -> TestResult {
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
    let region = domain::types::RegionSlug::parse("souss-massa")?;
    let id = create_consultation(&app.ctx(), &officer, &region, draft).await?;
    set_questions(
        &app.ctx(),
        &officer,
        id,
        vec![question("single", &["Oui", "Non"])],
    )
    .await?;
    publish_consultation(&app.ctx(), &officer, id).await?;
    to_first_day(&app);
    let questionnaire = load_questionnaire(&app.ctx(), id).await?;
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
    let petition_key = app.ctx().keys.cin_hash(&Cin::parse("AB123456")?);
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
    let results =
        domain::consultations::outcome::get_results(&app.ctx(), Some(&officer), id).await?;
    assert_eq!(
        results.verification,
        domain::consultations::drafts::Verification::Cin
    );
    Ok(())
}
