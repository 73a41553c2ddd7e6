//! Consultation news by email: followers of a region hear when a consultation opens (once, in
//! their language, in batches); participants who asked receive the synthesis.

use domain::consultations::mailings::mailing_done;
use domain::mail::OutgoingEmail;
use domain::mailings::send_due_mailings;
use domain::roles::Role;
use tests::{Client, TestApp, TestResult, both_databases};

use super::web::post;
use super::{open_consultation, to_first_day};
use crate::accounts::deliver;

both_databases!(
    followers_hear_of_an_opening_and_participants_of_the_synthesis,
    every_mailing_stops_in_one_click,
);

/// The email as a snapshot shows it (the unsubscribe token, a keyed signature, left out).
fn shown(email: &OutgoingEmail) -> String {
    let text = format!(
        "To: {}\nSubject: {}\nList-Unsubscribe: {}\n\n{}\n----- HTML -----\n{}",
        email.to,
        email.subject,
        email.unsubscribe.as_deref().unwrap_or("none"),
        email.text,
        email.html
    );
    regex_lite_token(&text)
}

/// `text` with every `token=…` value replaced by `[token]`.
fn regex_lite_token(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find("token=") {
        out.push_str(&rest[..at + 6]);
        out.push_str("[token]");
        rest = rest[at + 6..].trim_start_matches(|c: char| c.is_ascii_alphanumeric() || c == '.');
    }
    out.push_str(rest);
    out
}

fn fields(pairs: &[(&'static str, &str)]) -> Vec<(&'static str, String)> {
    pairs.iter().map(|(k, v)| (*k, (*v).to_owned())).collect()
}

async fn followers_hear_of_an_opening_and_participants_of_the_synthesis(
    app: TestApp,
) -> TestResult {
    for citizen in ["amina", "karim", "salma"] {
        app.user(&format!("{citizen}@example.ma")).await;
    }
    let ctx = app.ctx();
    let follow =
        |region: &str, on: &str| fields(&[("lang", "fr"), ("region", region), ("follow", on)]);
    let mut amina = Client::signed_in(&app, "amina@example.ma", "fr").await;
    let mut karim = Client::signed_in(&app, "karim@example.ma", "fr").await;
    let mut salma = Client::signed_in(&app, "salma@example.ma", "fr").await;
    let list = "/fr/r/souss-massa/consultations";
    assert!(amina.get(list).await.text().contains("Suivre cette région"));
    post(&mut amina, "/fn/follow_region", follow("souss-massa", "on")).await;
    let followed = amina.get(list).await.text();
    assert!(followed.contains("Vous suivez désormais cette région."));
    assert!(followed.contains("Ne plus suivre"));
    post(&mut karim, "/fn/follow_region", follow("souss-massa", "on")).await;
    post(
        &mut karim,
        "/fn/follow_region",
        follow("souss-massa", "off"),
    )
    .await;
    assert!(
        karim
            .get(list)
            .await
            .text()
            .contains("Vous ne suivez plus cette région.")
    );
    post(&mut salma, "/fn/follow_region", follow("oriental", "on")).await;

    // Published for May: nothing before its first day; then once, to Souss-Massa's followers.
    let id = open_consultation(&app).await;
    assert_eq!(send_due_mailings(&ctx, 1).await.unwrap_or(9), 0);
    to_first_day(&app);
    let mut queued = 0;
    for _ in 0..5 {
        queued += send_due_mailings(&ctx, 1).await?;
    }
    assert_eq!(queued, 1);
    assert!(mailing_done(&ctx, id, "opened").await.unwrap_or(false));
    let sent = deliver(&app).await;
    assert_eq!(sent.len(), 1, "{sent:?}");
    assert_eq!(sent[0].to, "amina@example.ma");
    insta::assert_snapshot!("consultation_opened_fr", shown(&sent[0]));
    assert_eq!(
        send_due_mailings(&ctx, 100).await.unwrap_or(9),
        0,
        "sent once"
    );

    // Amina answers and asks for the synthesis; Karim answers without asking.
    let (amina_id, karim_id) = (
        app.user("amina@example.ma").await,
        app.user("karim@example.ma").await,
    );
    let questionnaire = domain::consultations::answering::load_questionnaire(&ctx, id).await?;
    for (user, notify) in [(amina_id, true), (karim_id, false)] {
        let (single, scale) = (&questionnaire.questions()[0], &questionnaire.questions()[1]);
        let answers = questionnaire
            .check(&[
                domain::consultations::questions::AnswerInput {
                    question: single.id,
                    values: vec![single.choices[0].to_string()],
                },
                domain::consultations::questions::AnswerInput {
                    question: scale.id,
                    values: vec!["3".into()],
                },
            ])
            .unwrap_or_else(|e| panic!("{e:?}"));
        let declaration = domain::consultations::answering::Declaration {
            audience: true,
            province: None,
            notify,
            cin: None,
        };
        domain::consultations::answering::answer_consultation(
            &ctx,
            user,
            &Default::default(),
            answers,
            declaration,
        )
        .await?;
    }
    let souss = app.region_id("souss-massa").await;
    let officer = app
        .staff(
            "officer@example.ma",
            Some(Role::CouncilOfficer { region_id: souss }),
        )
        .await;
    app.clock.advance(chrono::Duration::days(31));
    domain::consultations::outcome::publish_results(&ctx, &officer, id).await?;
    assert_eq!(send_due_mailings(&ctx, 100).await.unwrap_or(9), 0);
    domain::consultations::outcome::publish_synthesis(
        &ctx,
        &officer,
        id,
        "Le transport vient en premier : une navette sera inscrite au programme.",
    )
    .await?;
    assert_eq!(send_due_mailings(&ctx, 100).await.unwrap_or(9), 1);
    let sent = deliver(&app).await;
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0].to, "amina@example.ma");
    insta::assert_snapshot!("synthesis_published_fr", shown(&sent[0]));
    assert_eq!(
        send_due_mailings(&ctx, 100).await.unwrap_or(9),
        0,
        "sent once"
    );
    Ok(())
}

async fn every_mailing_stops_in_one_click(app: TestApp) -> TestResult {
    use domain::entities::region_follow;
    use sea_orm::EntityTrait;
    app.user("amina@example.ma").await;
    let ctx = app.ctx();
    let mut amina = Client::signed_in(&app, "amina@example.ma", "fr").await;
    post(
        &mut amina,
        "/fn/follow_region",
        fields(&[("lang", "fr"), ("region", "souss-massa"), ("follow", "on")]),
    )
    .await;
    open_consultation(&app).await;
    to_first_day(&app);
    send_due_mailings(&ctx, 100).await?;
    let sent = deliver(&app).await;
    let url = sent[0]
        .unsubscribe
        .clone()
        .unwrap_or_else(|| panic!("a mailing carries its unsubscribe address"));
    assert!(sent[0].text.contains(&url) && sent[0].html.contains("unsubscribe?lang=fr"));
    let path = url.trim_start_matches(tests::PUBLIC_URL).to_owned();

    // A forged token (another person's subscription) is refused and changes nothing.
    let forged = path.replacen("region.", "region.9", 1);
    let mut mail_client = Client::new(&app);
    let refused = mail_client
        .post_raw(&forged, "List-Unsubscribe=One-Click", "*/*", "/")
        .await;
    assert_eq!(refused.status, http::StatusCode::BAD_REQUEST);
    let follows = || async {
        region_follow::Entity::find()
            .all(&app.db)
            .await
            .unwrap_or_default()
            .len()
    };
    assert_eq!(follows().await, 1);

    // A visit only shows the page with its button (mail scanners follow links).
    let visit = mail_client.get(&path).await;
    assert_eq!(visit.status, http::StatusCode::SEE_OTHER);
    let page = visit.header("location").to_owned();
    assert!(page.starts_with("/fr/unsubscribe?token="));
    let shown = mail_client.get(&page).await.text();
    assert!(shown.contains("Ne plus recevoir ces messages"));
    assert_eq!(follows().await, 1);

    // The mail client's one-click POST, without cookie or origin: done, and done again.
    for _ in 0..2 {
        let request = http::Request::post(&path)
            .header("content-type", "application/x-www-form-urlencoded")
            .body(axum::body::Body::from("List-Unsubscribe=One-Click"))?;
        assert_eq!(app.request(request).await.status, http::StatusCode::OK);
    }
    assert_eq!(follows().await, 0, "no longer following the region");
    Ok(())
}
