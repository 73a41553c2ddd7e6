//! The guides pages without JavaScript.

use tests::both_databases;

use super::*;

both_databases!(the_guides_pages_work_without_javascript,);

async fn the_guides_pages_work_without_javascript(app: TestApp) -> TestResult {
    officer(&app).await;
    let ctx = app.ctx();
    let how = starter_guide(&ctx, "how_to_petition", None)
        .await?
        .unwrap_or_else(|| panic!("shipped"));
    let mut visitor = Client::new(&app);
    let library = visitor.get("/fr/guides").await;
    assert_eq!(library.status, StatusCode::OK);
    let html = library.text();
    assert!(html.contains("Guides : 6"), "{html}");
    assert!(
        html.contains("Déclaration d&#x27;accessibilité")
            || html.contains("Déclaration d'accessibilité")
    );
    let page = visitor
        .get(&format!("/fr/r/souss-massa/guides/{}", how.0))
        .await
        .text();
    assert!(page.contains("500 signatures"));
    let national = visitor.get(&format!("/ar/guides/{}", how.0)).await.text();
    assert!(national.contains(&format!("href=\"/ar/r/souss-massa/guides/{}\"", how.0)));
    let amazigh = visitor.get(&format!("/zgh/guides/{}", how.0)).await.text();
    assert!(amazigh.contains("role=\"note\""));
    for path in [
        "/fr/guides/99999".to_owned(),
        format!("/fr/r/nowhere/guides/{}", how.0),
        format!("/fr/guides/{}/edit", how.0),
        "/fr/guides/new".to_owned(),
    ] {
        assert_eq!(
            visitor.get(&path).await.status,
            StatusCode::NOT_FOUND,
            "{path}"
        );
    }

    // An officer writes a guide: a mistake first, what was typed comes back.
    let mut officer = Client::signed_in(&app, "officer@example.ma", "fr").await;
    let new = officer.get("/fr/r/souss-massa/guides/new").await;
    assert_eq!(new.status, StatusCode::OK);
    let fields = |title: &str| {
        vec![
            ("lang", "fr".to_owned()),
            ("region", "souss-massa".to_owned()),
            ("id", String::new()),
            ("guide[category]", "practices".to_owned()),
            ("guide[fallback_lang]", "fr".to_owned()),
            ("guide[title_fr]", title.to_owned()),
            ("guide[summary_fr]", "Un forum annuel.".to_owned()),
            (
                "guide[body_fr]",
                "Il réunit {{provinces}} provinces.".to_owned(),
            ),
            ("guide[practice_tool]", "consultative_bodies".to_owned()),
            (
                "guide[practice_contact_name]",
                "Forum des jeunes".to_owned(),
            ),
            (
                "guide[practice_contact_phone]",
                "+212 528 22 33 44".to_owned(),
            ),
        ]
    };
    let bad = post(&mut officer, "/fn/save_guide", fields("Non")).await;
    assert_eq!(bad.header("location"), "/fr/r/souss-massa/guides/new");
    let back = officer.get("/fr/r/souss-massa/guides/new").await.text();
    assert!(back.contains("Un forum annuel.") && back.contains("aria-describedby"));
    let good = post(
        &mut officer,
        "/fn/save_guide",
        fields("Forum régional des jeunes"),
    )
    .await;
    let location = good.header("location").to_owned();
    assert!(location.ends_with("?draft=1"), "{location}");
    let draft = officer.get(&location).await.text();
    assert!(draft.contains("Il réunit 6 provinces."));
    assert!(draft.contains("+212 528 22 33 44") && draft.contains("Forum des jeunes"));
    let id: i32 = location
        .trim_start_matches("/fr/guides/")
        .trim_end_matches("?draft=1")
        .parse()?;
    assert_eq!(
        visitor.get(&format!("/fr/guides/{id}")).await.status,
        StatusCode::NOT_FOUND,
        "a draft is not public"
    );
    post(
        &mut officer,
        "/fn/publish_guide",
        vec![("lang", "fr".to_owned()), ("id", id.to_string())],
    )
    .await;
    assert_eq!(
        visitor.get(&format!("/fr/guides/{id}")).await.status,
        StatusCode::OK
    );
    // A citizen's post changes nothing.
    let mut amina = Client::signed_in(&app, "amina@example.ma", "fr").await;
    let mut forged = fields("Forum détourné par une citoyenne");
    forged[2].1 = id.to_string();
    post(&mut amina, "/fn/save_guide", forged).await;
    let page = visitor.get(&format!("/fr/guides/{id}")).await.text();
    assert!(page.contains("Forum régional des jeunes") && !page.contains("détourné"));

    // The officer adopts the national guide from its page.
    let national = officer.get(&format!("/fr/guides/{}", how.0)).await.text();
    assert!(national.contains("action=\"/fn/adopt_guide\""));
    let adopted = post(
        &mut officer,
        "/fn/adopt_guide",
        vec![
            ("lang", "fr".to_owned()),
            ("id", how.0.to_string()),
            ("into", "souss-massa".to_owned()),
        ],
    )
    .await;
    assert!(adopted.header("location").ends_with("/edit"));
    let form = officer.get(adopted.header("location")).await.text();
    assert!(form.contains("Comment adresser une pétition au conseil de {{region}}"));

    // The history compares two versions.
    post(&mut officer, "/fn/save_guide", {
        let mut second = fields("Forum régional des jeunes");
        second[2].1 = id.to_string();
        second[7].1 = "Il réunit toutes les provinces.".to_owned();
        second
    })
    .await;
    post(
        &mut officer,
        "/fn/publish_guide",
        vec![("lang", "fr".to_owned()), ("id", id.to_string())],
    )
    .await;
    let history = visitor
        .get(&format!("/fr/guides/{id}/history?from=1&to=2&text_lang=fr"))
        .await
        .text();
    assert!(history.contains("<del dir=\"auto\">Il réunit {{provinces}} provinces."));
    assert!(history.contains("<ins dir=\"auto\">Il réunit toutes les provinces."));
    // A body over 50,000 characters is refused, nothing changes.
    let mut long = fields("Forum régional des jeunes");
    long[2].1 = id.to_string();
    long[7].1 = "x".repeat(60_000);
    post(&mut officer, "/fn/save_guide", long).await;
    let history = guide_history(&ctx, None, GuideId(id)).await?;
    assert_eq!(history.len(), 2);
    Ok(())
}
