//! The petition pages over HTTP, as a browser without JavaScript uses them: the region's list,
//! a petition's page, signing by email with its errors, the confirmation link, documents.

use domain::petitions::{self, ModerationDecision};
use domain::roles::Role;
use domain::types::PetitionId;
use http::StatusCode;
use tests::{Client, TestApp, TestResult, both_databases};

use super::{PDF, citizen_form, file};
use crate::accounts::deliver;

both_databases!(
    signatures_by_email_from_one_address_are_limited,
    visitors_read_the_list_and_the_petition_page,
    a_visitor_signs_by_email_without_javascript,
);

fn post(fields: &[(String, String)]) -> Vec<(&str, &str)> {
    fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect()
}

async fn published(app: &TestApp) -> (PetitionId, PetitionId) {
    let amina = app.user("amina@example.ma").await;
    let open = file(app, amina, "souss-massa", &citizen_form()).await;
    let pending = file(app, amina, "souss-massa", &citizen_form()).await;
    let souss = app.region_id("souss-massa").await;
    let moderator = app
        .staff("mod@example.ma", Some(Role::Moderator { region_id: souss }))
        .await;
    petitions::moderate_petition(&app.ctx(), &moderator, open, ModerationDecision::Publish)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    deliver(app).await;
    (open, pending)
}

async fn visitors_read_the_list_and_the_petition_page(app: TestApp) -> TestResult {
    let (open, pending) = published(&app).await;
    let mut visitor = Client::new(&app);

    let list = visitor.get("/fr/r/souss-massa/petitions").await;
    assert_eq!(list.status, StatusCode::OK);
    let list = list.text();
    assert!(list.contains(&format!("href=\"/fr/r/souss-massa/petitions/{}\"", open.0)));
    assert!(
        !list.contains(&format!("/petitions/{}\"", pending.0)),
        "a petition in moderation is not listed"
    );
    assert!(
        list.contains("lang=\"ar\""),
        "titles carry their own language"
    );

    let page = visitor
        .get(&format!("/fr/r/souss-massa/petitions/{}", open.0))
        .await;
    assert_eq!(page.status, StatusCode::OK);
    let page = page.text();
    assert!(page.contains("<html lang=\"fr\" dir=\"ltr\""));
    assert!(page.contains("Ouverte à la signature"));
    assert!(page.contains("Transport régional"));
    assert!(page.contains("0 signatures sur 500"));
    assert!(
        page.contains("role=\"img\""),
        "the charts are images with a text alternative"
    );
    assert!(page.contains("Signatures par préfecture ou province (chiffres)"));
    assert!(page.contains("action=\"/fn/sign_by_email\""));
    assert!(page.contains("Soumise à la modération") && page.contains("Publiée pour signature"));

    let arabic = visitor
        .get(&format!("/ar/r/souss-massa/petitions/{}", open.0))
        .await
        .text();
    assert!(arabic.contains("<html lang=\"ar\" dir=\"rtl\""));
    assert!(arabic.contains("مفتوحة للتوقيع"));

    for path in [
        format!("/fr/r/souss-massa/petitions/{}", pending.0),
        format!("/fr/r/oriental/petitions/{}", open.0),
        "/fr/r/souss-massa/petitions/999999".to_owned(),
        "/fr/r/atlantide/petitions".to_owned(),
    ] {
        assert_eq!(
            visitor.get(&path).await.status,
            StatusCode::NOT_FOUND,
            "{path}"
        );
    }

    let view = petitions::get_petition(&app.ctx(), None, open).await?;
    let document = visitor
        .get(&format!(
            "/files/petitions/{}/{}",
            open.0, view.attachments[0].id
        ))
        .await;
    assert_eq!(document.status, StatusCode::OK);
    assert_eq!(document.header("content-type"), "application/pdf");
    assert!(
        document
            .header("content-disposition")
            .starts_with("attachment;")
    );
    assert_eq!(document.body, PDF);
    let hidden = visitor
        .get(&format!(
            "/files/petitions/{}/{}",
            pending.0,
            view.attachments[0].id + 1
        ))
        .await;
    assert_eq!(
        hidden.status,
        StatusCode::NOT_FOUND,
        "documents of a private petition"
    );
    Ok(())
}

async fn a_visitor_signs_by_email_without_javascript(app: TestApp) -> TestResult {
    let (open, _) = published(&app).await;
    let page = format!("/fr/r/souss-massa/petitions/{}", open.0);
    let id = open.0.to_string();
    let mut visitor = Client::new(&app);
    let form = |cin: &'static str| {
        vec![
            ("lang", "fr"),
            ("region", "souss-massa"),
            ("id", ""),
            ("signer[full_name]", "Youssef Amrani"),
            ("signer[cin]", cin),
            ("signer[province]", "agadir-ida-outanane"),
            ("signer[basis]", "residence"),
            ("signer[email]", "youssef@example.ma"),
            ("signer[electoral_roll]", "on"),
            ("signer[consent]", "on"),
        ]
    };
    let with_id = |mut fields: Vec<(&'static str, &'static str)>, id: &str| {
        fields.retain(|(k, _)| *k != "id");
        let mut owned: Vec<(String, String)> = fields
            .into_iter()
            .map(|(k, v)| (k.to_owned(), v.to_owned()))
            .collect();
        owned.push(("id".to_owned(), id.to_owned()));
        owned
    };

    let bad = with_id(form("12345678"), &id);
    let answer = visitor.post_form("/fn/sign_by_email", &post(&bad)).await;
    assert_eq!(answer.header("location"), format!("{page}#sign"));
    let shown = visitor.get(&page).await.text();
    assert!(shown.contains("Numéro de CIN invalide"));
    assert!(
        shown.contains("value=\"Youssef Amrani\""),
        "what was typed comes back"
    );
    assert!(!shown.contains("12345678"), "never the CIN");
    assert!(deliver(&app).await.is_empty());

    let good = with_id(form("AB123456"), &id);
    visitor.post_form("/fn/sign_by_email", &post(&good)).await;
    let shown = visitor.get(&page).await.text();
    assert!(shown.contains("Nous vous avons envoyé un lien par e-mail"));
    let sent = deliver(&app).await;
    assert_eq!(sent.len(), 1);
    let link = sent[0]
        .text
        .lines()
        .find(|l| l.contains("/confirm?token="))
        .unwrap_or_default()
        .trim()
        .trim_start_matches("http://musharaka.test")
        .to_owned();
    let token = link.split("token=").nth(1).unwrap_or_default().to_owned();

    let confirm = visitor.get(&link).await;
    assert_eq!(confirm.status, StatusCode::OK);
    let confirm = confirm.text();
    assert!(confirm.contains("action=\"/fn/confirm_signature\""));
    assert!(confirm.contains(&format!("value=\"{token}\"")));
    let done = visitor
        .post_form(
            "/fn/confirm_signature",
            &[
                ("lang", "fr"),
                ("region", "souss-massa"),
                ("id", &id),
                ("token", &token),
            ],
        )
        .await;
    assert_eq!(done.header("location"), format!("{page}#sign"));
    let shown = visitor.get(&page).await.text();
    assert!(shown.contains("Merci, votre signature est comptée."));
    assert!(shown.contains("1 signatures sur 500"));

    let again = visitor
        .post_form(
            "/fn/confirm_signature",
            &[
                ("lang", "fr"),
                ("region", "souss-massa"),
                ("id", &id),
                ("token", &token),
            ],
        )
        .await;
    assert!(again.status.is_redirection());
    assert!(
        visitor.get(&page).await.text().contains("Ce lien n"),
        "a used link is refused"
    );
    Ok(())
}

async fn signatures_by_email_from_one_address_are_limited(app: TestApp) -> TestResult {
    let mut visitor = Client::new(&app);
    let form = [("lang", "fr"), ("region", "souss-massa"), ("id", "1")];
    for n in 0..domain::rate_limits::SIGN_PER_IP.max {
        let answer = visitor.post_form("/fn/sign_by_email", &form).await;
        assert_ne!(answer.status, StatusCode::TOO_MANY_REQUESTS, "attempt {n}");
    }
    let limited = visitor.post_form("/fn/sign_by_email", &form).await;
    assert_eq!(limited.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(limited.text().contains("<html lang=\"fr\""));
    Ok(())
}
