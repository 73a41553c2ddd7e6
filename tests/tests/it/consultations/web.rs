//! The consultation pages over HTTP, as a browser without JavaScript uses them: the region's
//! list, a consultation's page and its questionnaire form with its errors, the call for
//! proposals, a proposal's page with its comments and reports.

use chrono::Duration;
use domain::entities::{proposal, proposal_comment, response};
use domain::roles::Role;
use http::StatusCode;
use sea_orm::{EntityTrait, PaginatorTrait};
use tests::{Client, TestApp, TestResult, both_databases};

use super::{open_consultation, to_first_day};

both_databases!(
    a_citizen_answers_the_questionnaire_without_javascript,
    citizens_propose_support_comment_and_report_without_javascript,
);

/// Posts `fields` to `path`.
pub async fn post(
    client: &mut Client<'_>,
    path: &str,
    fields: Vec<(&'static str, String)>,
) -> tests::TestResponse {
    let borrowed: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    client.post_form(path, &borrowed).await
}

/// The ids of the single-choice question (and its first choice) and of the scale question.
async fn questions(app: &TestApp, id: i32) -> (i32, i32, i32) {
    use domain::consultations::answering::load_questionnaire;
    let q = load_questionnaire(&app.ctx(), domain::types::ConsultationId(id))
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let (single, scale) = (&q.questions()[0], &q.questions()[1]);
    (single.id, single.choices[0], scale.id)
}

async fn a_citizen_answers_the_questionnaire_without_javascript(app: TestApp) -> TestResult {
    let id = open_consultation(&app).await.0;
    let page = format!("/fr/r/souss-massa/consultations/{id}");
    let mut visitor = Client::new(&app);

    let upcoming = visitor.get("/fr/r/souss-massa/consultations").await;
    assert_eq!(upcoming.status, StatusCode::OK);
    let upcoming = upcoming.text();
    assert!(upcoming.contains(&format!("href=\"{page}\"")));
    assert!(upcoming.contains("À venir") && upcoming.contains("Jeunesse (art. 117)"));
    let before = visitor.get(&page).await.text();
    assert!(before.contains("Le questionnaire ouvre le 1 mai 2027"));

    to_first_day(&app);
    let open = visitor.get(&page).await;
    assert_eq!(open.status, StatusCode::OK);
    let open = open.text();
    assert!(open.contains("<html lang=\"fr\" dir=\"ltr\""));
    assert!(open.contains("Programme de développement régional"));
    assert!(
        open.contains("<h3>Les priorités</h3>"),
        "the body's Markdown is shown as safe HTML, its headings under the page's"
    );
    assert!(open.contains("Connectez-vous pour répondre"));
    let arabic = visitor
        .get(&format!("/ar/r/souss-massa/consultations/{id}"))
        .await
        .text();
    assert!(arabic.contains("<html lang=\"ar\" dir=\"rtl\""));
    assert!(arabic.contains("برنامج التنمية الجهوية"));

    app.user("amina@example.ma").await;
    let mut amina = Client::signed_in(&app, "amina@example.ma", "fr").await;
    let form = amina.get(&page).await.text();
    assert!(form.contains("action=\"/consultations/answer\""));
    let (single, choice, scale) = questions(&app, id).await;
    assert!(form.contains(&format!("name=\"q{single}\"")) && form.contains("type=\"radio\""));

    // A scale point out of range, no declaration: explained, what was given comes back, nothing
    // is stored.
    let (single_name, scale_name) = (format!("q{single}"), format!("q{scale}"));
    let choice = choice.to_string();
    let id_text = id.to_string();
    let bad = amina
        .post_form(
            "/consultations/answer",
            &[
                ("lang", "fr"),
                ("region", "souss-massa"),
                ("id", &id_text),
                (&single_name, &choice),
                (&scale_name, "7"),
            ],
        )
        .await;
    assert_eq!(bad.status, StatusCode::SEE_OTHER);
    assert_eq!(bad.header("location"), format!("{page}#answer"));
    let back = amina.get(&page).await.text();
    assert!(back.contains("Choisissez un seul point de 1 à 5."));
    assert!(back.contains(&format!("href=\"#answer-q{scale}\"")));
    assert!(
        back.contains(&format!("value=\"{choice}\" checked")),
        "the choice given is kept"
    );
    assert_eq!(
        response::Entity::find().count(&app.db).await.unwrap_or(9),
        0
    );

    let answer = |point: &'static str, declared: bool| {
        let mut fields = vec![
            ("lang", "fr"),
            ("region", "souss-massa"),
            ("id", id_text.as_str()),
            (single_name.as_str(), choice.as_str()),
            (scale_name.as_str(), point),
            ("province", "taroudant"),
            ("notify", "on"),
        ];
        if declared {
            fields.push(("audience", "on"));
        }
        fields
    };
    let refused = amina
        .post_form("/consultations/answer", &answer("4", false))
        .await;
    assert_eq!(refused.status, StatusCode::SEE_OTHER);
    assert!(
        amina
            .get(&page)
            .await
            .text()
            .contains("cochez la déclaration pour participer")
    );
    assert_eq!(
        response::Entity::find().count(&app.db).await.unwrap_or(9),
        0
    );

    amina
        .post_form("/consultations/answer", &answer("4", true))
        .await;
    let saved = amina.get(&page).await.text();
    assert!(saved.contains("vos réponses sont enregistrées"));
    assert!(saved.contains("Mettre à jour mes réponses"));
    assert!(
        saved.contains("value=\"4\" checked"),
        "the saved answer fills the form"
    );
    assert!(
        saved.contains("name=\"notify\" value=\"on\" checked"),
        "and the wish for the synthesis"
    );
    assert_eq!(
        response::Entity::find().count(&app.db).await.unwrap_or(9),
        1
    );

    // The answer is changed; still one response.
    amina
        .post_form("/consultations/answer", &answer("2", true))
        .await;
    assert!(
        amina
            .get(&page)
            .await
            .text()
            .contains("value=\"2\" checked")
    );
    assert_eq!(
        response::Entity::find().count(&app.db).await.unwrap_or(9),
        1
    );

    // After the last day (and a new sign-in: the session ended after two idle weeks), answers
    // are refused and the page says it is closed.
    app.clock.advance(Duration::days(31));
    let mut amina = Client::signed_in(&app, "amina@example.ma", "fr").await;
    amina
        .post_form("/consultations/answer", &answer("5", true))
        .await;
    let closed = amina.get(&page).await.text();
    assert!(
        closed.contains("Cette consultation n&#x27;est pas ouverte")
            || closed.contains("Cette consultation n'est pas ouverte")
    );
    assert!(!closed.contains("action=\"/consultations/answer\""));
    let list = visitor.get("/fr/r/souss-massa/consultations").await.text();
    assert!(list.contains("Clôturée"));
    Ok(())
}

async fn citizens_propose_support_comment_and_report_without_javascript(
    app: TestApp,
) -> TestResult {
    let id = open_consultation(&app).await.0;
    to_first_day(&app);
    let page = format!("/fr/r/souss-massa/consultations/{id}");
    let id_text = id.to_string();
    app.user("amina@example.ma").await;
    app.user("omar@example.ma").await;
    let mut amina = Client::signed_in(&app, "amina@example.ma", "fr").await;
    let mut omar = Client::signed_in(&app, "omar@example.ma", "fr").await;
    let about = |extra: &[(&'static str, String)]| {
        let mut fields = vec![
            ("lang", "fr".to_owned()),
            ("region", "souss-massa".to_owned()),
            ("id", id_text.clone()),
        ];
        fields.extend(extra.iter().cloned());
        fields
    };
    let fields = |all: &[(&'static str, String)]| -> Vec<(&'static str, String)> { all.to_vec() };

    // Markup and a short title are explained; what was typed comes back; nothing is stored.
    let bad = about(&fields(&[
        ("proposal[title]", "Bus".into()),
        (
            "proposal[body]",
            "</textarea><script>alert(1)</script> une navette pour tous les étudiants".into(),
        ),
    ]));
    post(&mut amina, "/fn/submit_proposal", bad).await;
    let back = amina.get(&page).await.text();
    assert!(back.contains("Écrivez du texte simple"));
    assert!(
        back.contains("&lt;/textarea&gt;&lt;script&gt;alert(1)&lt;/script&gt;"),
        "kept, inert"
    );
    assert!(!back.contains("<script>alert(1)"));
    assert_eq!(
        proposal::Entity::find().count(&app.db).await.unwrap_or(9),
        0
    );

    let good = about(&fields(&[
        ("proposal[title]", "Une navette vers l'université".into()),
        (
            "proposal[body]",
            "Une navette matin et soir entre Taroudant et Agadir pour les étudiants.".into(),
        ),
        ("proposal[province]", "taroudant".into()),
    ]));
    let created = post(&mut amina, "/fn/submit_proposal", good).await;
    assert!(created.status.is_redirection());
    let stored = proposal::Entity::find()
        .one(&app.db)
        .await
        .ok()
        .flatten()
        .unwrap_or_else(|| panic!("stored"));
    let proposal_page = format!("{page}/proposals/{}", stored.id);
    assert_eq!(created.header("location"), proposal_page);
    let mine = amina.get(&proposal_page).await.text();
    assert!(mine.contains("Votre proposition est publiée."));
    assert!(
        mine.contains("C&#x27;est votre proposition") || mine.contains("C'est votre proposition")
    );

    // Omar supports it from the list, once.
    let listed = omar.get(&page).await.text();
    assert!(listed.contains(&format!("href=\"{proposal_page}\"")));
    assert!(listed.contains("Taroudant"));
    let support = about(&fields(&[
        ("proposal", stored.id.to_string()),
        ("back_to", "list".into()),
    ]));
    let supported = post(&mut omar, "/fn/support_proposal", support.clone()).await;
    assert_eq!(
        supported.header("location"),
        format!("{page}#proposal-{}", stored.id)
    );
    let after = omar.get(&page).await.text();
    assert!(after.contains("Votre soutien est compté."));
    assert!(after.contains("1 soutiens"));
    assert!(after.contains("Vous soutenez cette proposition."));
    post(&mut omar, "/fn/support_proposal", support.clone()).await;
    assert!(
        omar.get(&page)
            .await
            .text()
            .contains("Vous soutenez déjà cette proposition.")
    );
    post(&mut amina, "/fn/support_proposal", support).await;
    assert!(
        amina
            .get(&page)
            .await
            .text()
            .contains("Vous ne pouvez pas soutenir votre propre proposition.")
    );

    // Comments: markup is refused and comes back; a plain one is listed.
    let comment = |text: &str| {
        about(&[
            ("proposal", stored.id.to_string()),
            ("comment", text.to_owned()),
        ])
    };
    post(
        &mut omar,
        "/fn/comment_proposal",
        comment("<img src=x onerror=alert(1)>"),
    )
    .await;
    let back = omar.get(&proposal_page).await.text();
    assert!(back.contains("Écrivez du texte simple"));
    assert!(back.contains("&lt;img src=x onerror=alert(1)&gt;"));
    assert_eq!(
        proposal_comment::Entity::find()
            .count(&app.db)
            .await
            .unwrap_or(9),
        0
    );
    post(
        &mut omar,
        "/fn/comment_proposal",
        comment("Oui, et le week-end aussi !"),
    )
    .await;
    let commented = omar.get(&proposal_page).await.text();
    assert!(commented.contains("Votre commentaire est publié."));
    assert!(commented.contains("Oui, et le week-end aussi !"));

    // Amina reports the comment; the region's moderators see it.
    let comment_id = proposal_comment::Entity::find()
        .one(&app.db)
        .await
        .ok()
        .flatten()
        .unwrap_or_else(|| panic!("stored"))
        .id;
    let report = about(&[
        ("proposal", stored.id.to_string()),
        ("kind", "comment".into()),
        ("target", comment_id.to_string()),
        ("reason", "off_topic".into()),
    ]);
    post(&mut amina, "/fn/report_content", report.clone()).await;
    let reported = amina.get(&proposal_page).await.text();
    assert!(
        reported.contains("les modérateurs de la région vont l&#x27;examiner")
            || reported.contains("les modérateurs de la région vont l'examiner")
    );
    post(&mut amina, "/fn/report_content", report).await;
    assert!(
        amina
            .get(&proposal_page)
            .await
            .text()
            .contains("Vous avez déjà signalé ce contenu.")
    );
    let souss = app.region_id("souss-massa").await;
    let moderator = app
        .staff("mod@example.ma", Some(Role::Moderator { region_id: souss }))
        .await;
    let reports = domain::consultations::reports::list_reports(&app.ctx(), &moderator, souss, 1)
        .await?
        .reports;
    assert_eq!(reports.len(), 1);
    assert_eq!(reports[0].reason, "off_topic");

    // The moderator hides it from the region's moderation page; it leaves the proposal's page.
    let mut moderation = Client::signed_in(&app, "mod@example.ma", "fr").await;
    let queue = moderation.get("/fr/r/souss-massa/moderation").await.text();
    assert!(queue.contains("Contenus de consultation signalés"));
    assert!(queue.contains("Oui, et le week-end aussi !") && queue.contains("Hors sujet"));
    assert!(
        !omar
            .get("/fr/r/souss-massa/moderation")
            .await
            .text()
            .contains("Contenus de consultation signalés"),
        "citizens do not see reports"
    );
    let decide = fields(&[
        ("lang", "fr".into()),
        ("region", "souss-massa".into()),
        ("report", reports[0].id.to_string()),
        ("decision", "hide".into()),
    ]);
    let decided = post(&mut omar, "/fn/decide_content_report", decide.clone()).await;
    assert!(decided.status.is_redirection());
    assert!(
        omar.get(&proposal_page)
            .await
            .text()
            .contains("Oui, et le week-end aussi !")
    );
    post(&mut moderation, "/fn/decide_content_report", decide).await;
    assert!(
        moderation
            .get("/fr/r/souss-massa/moderation")
            .await
            .text()
            .contains("tous les signalements de ce contenu sont clos")
    );
    assert!(
        !omar
            .get(&proposal_page)
            .await
            .text()
            .contains("Oui, et le week-end aussi !")
    );

    // A proposal of another consultation's address is not found.
    let wrong = omar
        .get(&format!(
            "/fr/r/souss-massa/consultations/{}/proposals/{}",
            id + 1,
            stored.id
        ))
        .await;
    assert_eq!(wrong.status, StatusCode::NOT_FOUND);
    Ok(())
}
