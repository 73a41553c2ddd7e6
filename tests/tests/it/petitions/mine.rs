//! "My petitions" over HTTP: a signer profile saved once (errors explained, the CIN never shown
//! back), one-click signing with it, what I filed and signed, and deleting the profile.

use domain::petitions::{self, ModerationDecision};
use domain::roles::Role;
use http::StatusCode;
use tests::{Client, PASSWORD, TestApp, TestResult, both_databases};

use super::{citizen_form, file};

both_databases!(a_citizen_saves_a_profile_signs_in_one_click_and_sees_it);

async fn a_citizen_saves_a_profile_signs_in_one_click_and_sees_it(app: TestApp) -> TestResult {
    let amina = app.user("amina@example.ma").await;
    let id = file(&app, amina, "souss-massa", &citizen_form()).await;
    let souss = app.region_id("souss-massa").await;
    let moderator = app
        .staff("mod@example.ma", Some(Role::Moderator { region_id: souss }))
        .await;
    petitions::moderate_petition(&app.ctx(), &moderator, id, ModerationDecision::Publish).await?;
    app.user("youssef@example.ma").await;

    assert!(
        Client::new(&app)
            .get("/fr/account/petitions")
            .await
            .status
            .is_redirection()
    );
    let mut youssef = Client::new(&app);
    youssef
        .post_form(
            "/fn/sign_in",
            &[
                ("lang", "fr"),
                ("email", "youssef@example.ma"),
                ("password", PASSWORD),
            ],
        )
        .await;
    let page = youssef.get("/fr/account/petitions").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.text()
            .contains("Vous n&#x27;avez signé aucune pétition")
            || page.text().contains("Vous n'avez signé aucune pétition")
    );

    let profile = |consent: bool| {
        let mut fields = vec![
            ("lang", "fr"),
            ("signer[full_name]", "Youssef Amrani"),
            ("signer[cin]", "JK765432"),
            ("signer[province]", "agadir-ida-outanane"),
            ("signer[basis]", "residence"),
            ("signer[electoral_roll]", "on"),
        ];
        if consent {
            fields.push(("signer[consent]", "on"));
        }
        fields
    };
    youssef
        .post_form("/fn/save_signer_profile", &profile(false))
        .await;
    let shown = youssef.get("/fr/account/petitions").await.text();
    assert!(
        shown.contains("Signer n&#x27;est pas possible") || shown.contains("sans votre accord")
    );
    assert!(!shown.contains("JK765432"));
    youssef
        .post_form("/fn/save_signer_profile", &profile(true))
        .await;
    let shown = youssef.get("/fr/account/petitions").await.text();
    assert!(shown.contains("Vos informations sont enregistrées."));
    assert!(shown.contains("Youssef Amrani — JK****32"));
    assert!(
        !shown.contains("JK765432"),
        "the CIN is never shown back whole"
    );

    let petition_page = format!("/fr/r/souss-massa/petitions/{}", id.0);
    let shown = youssef.get(&petition_page).await.text();
    assert!(shown.contains("action=\"/fn/sign_with_profile\""));
    youssef
        .post_form(
            "/fn/sign_with_profile",
            &[
                ("lang", "fr"),
                ("region", "souss-massa"),
                ("id", &id.0.to_string()),
                ("notify", "on"),
            ],
        )
        .await;
    let shown = youssef.get(&petition_page).await.text();
    assert!(shown.contains("Merci, votre signature est comptée."));
    assert!(
        shown.contains("action=\"/fn/withdraw_signature\""),
        "and may withdraw it"
    );
    let mine = youssef.get("/fr/account/petitions").await.text();
    assert!(
        mine.contains(&format!("/petitions/{}\"", id.0)),
        "petitions I signed"
    );

    youssef
        .post_form(
            "/fn/save_signer_profile",
            &[("lang", "fr"), ("delete", "on")],
        )
        .await;
    let shown = youssef.get("/fr/account/petitions").await.text();
    assert!(shown.contains("Vos informations enregistrées sont supprimées."));
    assert!(!shown.contains("JK****32"));
    Ok(())
}
