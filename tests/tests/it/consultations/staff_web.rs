//! The council officers' consultation pages over HTTP, without JavaScript: a draft with its
//! errors, the questionnaire built question by question, publishing, then the results and the
//! synthesis; nobody else reaches these pages or steps.

use domain::entities::{consultation, question};
use domain::roles::Role;
use http::StatusCode;
use sea_orm::{EntityTrait, PaginatorTrait};
use tests::{Client, TestApp, TestResult, both_databases};

use super::web::post;

both_databases!(officers_prepare_publish_and_conclude_a_consultation_without_javascript);

fn fields(pairs: &[(&'static str, &str)]) -> Vec<(&'static str, String)> {
    pairs.iter().map(|(k, v)| (*k, (*v).to_owned())).collect()
}

async fn officers_prepare_publish_and_conclude_a_consultation_without_javascript(
    app: TestApp,
) -> TestResult {
    let souss = app.region_id("souss-massa").await;
    let oriental = app.region_id("oriental").await;
    app.staff(
        "officer@example.ma",
        Some(Role::CouncilOfficer { region_id: souss }),
    )
    .await;
    app.staff(
        "officer-oriental@example.ma",
        Some(Role::CouncilOfficer {
            region_id: oriental,
        }),
    )
    .await;
    app.user("amina@example.ma").await;
    let mut officer = Client::signed_in(&app, "officer@example.ma", "fr").await;
    let mut other = Client::signed_in(&app, "officer-oriental@example.ma", "fr").await;
    let mut amina = Client::signed_in(&app, "amina@example.ma", "fr").await;

    let new = "/fr/r/souss-massa/consultations/new";
    assert_eq!(amina.get(new).await.status, StatusCode::NOT_FOUND);
    assert_eq!(other.get(new).await.status, StatusCode::NOT_FOUND);
    let form = officer.get(new).await;
    assert_eq!(form.status, StatusCode::OK);
    assert!(form.text().contains("action=\"/fn/create_consultation\""));
    let list = officer.get("/fr/r/souss-massa/consultations").await.text();
    assert!(list.contains("href=\"/fr/r/souss-massa/consultations/new\""));

    // A draft without its fallback language's title and without parts: explained, kept.
    let base = fields(&[
        ("lang", "fr"),
        ("region", "souss-massa"),
        ("consultation[audience]", "all"),
        ("consultation[fallback_lang]", "fr"),
        ("consultation[opens_on]", "2027-05-01"),
        ("consultation[closes_on]", "2027-05-31"),
        ("consultation[title_ar]", "برنامج التنمية الجهوية"),
        (
            "consultation[body_fr]",
            "## Les priorités\n\nTransport, eau, emploi.",
        ),
    ]);
    let bad = post(&mut officer, "/fn/create_consultation", base.clone()).await;
    assert_eq!(bad.header("location"), new);
    let back = officer.get(new).await.text();
    assert!(back.contains("Choisissez au moins un volet"));
    assert!(back.contains("Ce champ est obligatoire."));
    assert!(
        back.contains("value=\"برنامج التنمية الجهوية\""),
        "what was typed comes back"
    );
    assert_eq!(
        consultation::Entity::find()
            .count(&app.db)
            .await
            .unwrap_or(9),
        0
    );

    let mut good = base;
    good.extend(fields(&[
        (
            "consultation[title_fr]",
            "Programme de développement régional",
        ),
        ("consultation[summary_fr]", "Vos priorités pour 2028-2033."),
        ("consultation[questionnaire]", "on"),
        ("consultation[proposals]", "on"),
    ]));
    let created = post(&mut officer, "/fn/create_consultation", good.clone()).await;
    let stored = consultation::Entity::find()
        .one(&app.db)
        .await
        .ok()
        .flatten()
        .unwrap_or_else(|| panic!("created"));
    let page = format!("/fr/r/souss-massa/consultations/{}", stored.id);
    let manage = format!("{page}/manage");
    assert_eq!(created.header("location"), manage);
    assert!(
        officer
            .get(&manage)
            .await
            .text()
            .contains("Le brouillon est enregistré.")
    );
    assert_eq!(other.get(&manage).await.status, StatusCode::NOT_FOUND);
    assert_eq!(amina.get(&manage).await.status, StatusCode::NOT_FOUND);
    assert_eq!(
        amina.get(&page).await.status,
        StatusCode::NOT_FOUND,
        "a draft is not public"
    );
    assert_eq!(
        post(&mut other, "/fn/create_consultation", good)
            .await
            .header("location"),
        new,
        "an officer of another region cannot create one here"
    );

    // The questionnaire, question by question.
    let id = stored.id.to_string();
    let about = |extra: &[(&'static str, &str)]| {
        let mut all = fields(&[("lang", "fr"), ("region", "souss-massa"), ("id", &id)]);
        all.extend(fields(extra));
        all
    };
    post(
        &mut officer,
        "/fn/add_question",
        about(&[
            ("question[kind]", "single"),
            ("question[text_fr]", "Quelle priorité ?"),
            ("question[choices_fr]", "Transport"),
        ]),
    )
    .await;
    let back = officer.get(&manage).await.text();
    assert!(back.contains("Donnez de 2 à 20 choix."));
    assert!(back.contains("value=\"Quelle priorité ?\""));
    assert_eq!(
        question::Entity::find().count(&app.db).await.unwrap_or(9),
        0
    );
    for extra in [
        vec![
            ("question[kind]", "single"),
            ("question[required]", "on"),
            ("question[text_fr]", "Quelle priorité pour la région ?"),
            ("question[text_ar]", "ما هي أولوية الجهة؟"),
            ("question[choices_fr]", "Transport\r\nEau\r\nEmploi"),
            ("question[choices_ar]", "النقل\r\nالماء\r\nالتشغيل"),
        ],
        vec![
            ("question[kind]", "scale"),
            ("question[text_fr]", "Votre satisfaction des transports ?"),
            ("question[low_fr]", "Pas du tout"),
            ("question[high_fr]", "Tout à fait"),
        ],
        vec![
            ("question[kind]", "text"),
            ("question[text_fr]", "Autre chose ?"),
        ],
    ] {
        post(&mut officer, "/fn/add_question", about(&extra)).await;
    }
    let built = officer.get(&manage).await.text();
    assert!(built.contains("La question est ajoutée."));
    assert!(built.contains("Quelle priorité pour la région ?") && built.contains("Emploi"));
    assert_eq!(
        question::Entity::find().count(&app.db).await.unwrap_or(9),
        3
    );
    let last = question::Entity::find()
        .all(&app.db)
        .await
        .unwrap_or_default()
        .into_iter()
        .map(|q| q.id)
        .max()
        .unwrap_or_default()
        .to_string();
    post(
        &mut officer,
        "/fn/manage_consultation",
        about(&[("step", "remove_question"), ("question", &last)]),
    )
    .await;
    assert!(
        officer
            .get(&manage)
            .await
            .text()
            .contains("La question est retirée.")
    );
    assert_eq!(
        question::Entity::find().count(&app.db).await.unwrap_or(9),
        2
    );

    // Nobody else publishes it; the officer does, and it is announced.
    post(
        &mut other,
        "/fn/manage_consultation",
        about(&[("step", "publish")]),
    )
    .await;
    post(
        &mut amina,
        "/fn/manage_consultation",
        about(&[("step", "publish")]),
    )
    .await;
    assert_eq!(amina.get(&page).await.status, StatusCode::NOT_FOUND);
    post(
        &mut officer,
        "/fn/manage_consultation",
        about(&[("step", "publish")]),
    )
    .await;
    assert!(
        officer
            .get(&manage)
            .await
            .text()
            .contains("La consultation est publiée.")
    );
    let public = amina.get(&page).await;
    assert_eq!(public.status, StatusCode::OK);
    let arabic = amina
        .get(&format!("/ar/r/souss-massa/consultations/{}", stored.id))
        .await
        .text();
    assert!(arabic.contains("ما هي أولوية الجهة؟") && arabic.contains("التشغيل"));
    assert!(
        arabic.contains("Votre satisfaction des transports ?"),
        "else the fallback"
    );

    // After the last day (new sign-ins: sessions end after two idle weeks), results then the
    // synthesis.
    app.clock.advance(
        chrono::DateTime::parse_from_rfc3339("2027-06-01T12:00:00Z")?.with_timezone(&chrono::Utc)
            - app.clock_now(),
    );
    let mut officer = Client::signed_in(&app, "officer@example.ma", "fr").await;
    post(
        &mut officer,
        "/fn/manage_consultation",
        about(&[("step", "publish_results")]),
    )
    .await;
    assert!(
        officer
            .get(&manage)
            .await
            .text()
            .contains("Les résultats sont publiés.")
    );
    post(
        &mut officer,
        "/fn/manage_consultation",
        about(&[("step", "publish_synthesis"), ("synthesis", "Trop court")]),
    )
    .await;
    let back = officer.get(&manage).await.text();
    assert!(back.contains("Ce texte est trop court."));
    assert!(
        back.contains("Trop court"),
        "the synthesis typed comes back"
    );
    let synthesis = "## Ce que nous avons entendu\n\nLe transport vient en premier. Le conseil \
                     inscrit une navette Taroudant–Agadir au programme 2028.";
    post(
        &mut officer,
        "/fn/manage_consultation",
        about(&[("step", "publish_synthesis"), ("synthesis", synthesis)]),
    )
    .await;
    let concluded = amina.get(&page).await.text();
    assert!(concluded.contains("Ce que nous avons entendu, ce que nous ferons"));
    assert!(concluded.contains("navette Taroudant–Agadir"));
    assert!(concluded.contains("Synthèse du conseil publiée"));
    Ok(())
}
