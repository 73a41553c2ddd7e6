//! Free-text answers are reviewed before results are published: by the region's officers or
//! moderators, once closed, with the texts that look like personal data flagged; published
//! texts are listed in an order that does not follow submission, named by opaque tokens, and
//! only those may be reported.

use chrono::Duration;
use domain::DomainError;
use domain::consultations::outcome::{list_text_answers, publish_results};
use domain::consultations::reports::{ReportTarget, decide_report, list_reports, report_content};
use domain::consultations::review::{Decision, Hint, list_texts_for_review, review_text};
use domain::entities::{answer, audit_entry};
use domain::roles::Role;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use tests::{TestApp, TestResult, both_databases};

use super::integrity::{answer_text, consultation_with_text};
use super::to_first_day;

both_databases!(
    texts_are_reviewed_before_results_are_published,
    published_texts_do_not_follow_submission,
    the_review_over_http_is_for_the_regions_staff_only,
);

/// The token of the text `text`.
async fn token_of(app: &TestApp, text: &str) -> i64 {
    answer::Entity::find()
        .filter(answer::Column::Text.eq(text))
        .one(&app.db)
        .await
        .ok()
        .flatten()
        .and_then(|a| a.token)
        .unwrap_or_else(|| panic!("no text {text}"))
}

async fn texts_are_reviewed_before_results_are_published(app: TestApp) -> TestResult {
    let ctx = app.ctx();
    let souss = app.region_id("souss-massa").await;
    let rabat = app.region_id("rabat-sale-kenitra").await;
    let id = consultation_with_text(&app).await;
    let officer = app
        .staff(
            "officer@example.ma",
            Some(Role::CouncilOfficer { region_id: souss }),
        )
        .await;
    let moderator = app
        .staff("mod@example.ma", Some(Role::Moderator { region_id: souss }))
        .await;
    let elsewhere = app
        .staff(
            "officer@rabat.ma",
            Some(Role::CouncilOfficer { region_id: rabat }),
        )
        .await;
    let citizen = app.staff("karim@example.ma", None).await;
    to_first_day(&app);
    let phone = "Appelez Karim au 06 12 34 56 78";
    let cin = "Ma CIN est AB123456, merci";
    let (bus, ads) = ("Plus de bus le soir.", "Vendez vos montres ici !");
    for (who, text) in [
        ("amina", phone),
        ("karim", bus),
        ("salma", ads),
        ("omar", cin),
        ("sara", ""),
        ("yassine", ""),
    ] {
        answer_text(&app, id, &format!("{who}@example.ma"), text).await?;
    }
    let question = answer::Entity::find()
        .filter(answer::Column::Text.is_not_null())
        .one(&app.db)
        .await
        .ok()
        .flatten()
        .map(|a| a.question_id)
        .unwrap_or_default();

    // While open: no review (a new text in the queue would point at who just answered), no
    // listed text, nothing to report.
    assert!(matches!(
        list_texts_for_review(&ctx, &officer, id, true, None).await,
        Err(DomainError::Conflict("not_closed"))
    ));
    assert_eq!(
        list_text_answers(&ctx, Some(&officer), id, question, None)
            .await
            .map(|t| t.len())
            .ok(),
        Some(0)
    );
    let bus_token = token_of(&app, bus).await;
    assert!(matches!(
        report_content(
            &ctx,
            citizen.user,
            &Default::default(),
            ReportTarget::Answer(bus_token),
            "advertising"
        )
        .await,
        Err(DomainError::NotFound)
    ));

    // Closed: the results wait for the review, which the region's moderators are led to.
    app.clock.advance(Duration::days(31));
    let page = format!("/fr/r/souss-massa/consultations/{}", id.0);
    let review_link = format!("{page}/review\"");
    let mut moderating = tests::Client::signed_in(&app, "mod@example.ma", "fr").await;
    assert!(moderating.get(&page).await.text().contains(&review_link));
    let mut visiting = tests::Client::signed_in(&app, "karim@example.ma", "fr").await;
    assert!(!visiting.get(&page).await.text().contains(&review_link));
    assert!(matches!(
        publish_results(&ctx, &officer, id).await,
        Err(DomainError::Conflict("texts_unreviewed"))
    ));
    for outsider in [&citizen, &elsewhere] {
        assert!(matches!(
            list_texts_for_review(&ctx, outsider, id, true, None).await,
            Err(DomainError::Forbidden)
        ));
        assert!(matches!(
            review_text(&ctx, outsider, id, bus_token, Decision::Keep).await,
            Err(DomainError::Forbidden)
        ));
    }
    let page = list_texts_for_review(&ctx, &moderator, id, true, None).await?;
    assert_eq!((page.due, page.kept, page.hidden), (4, 0, 0));
    let hints = |text: &str| {
        page.texts
            .iter()
            .find(|t| t.text == text)
            .map(|t| t.hints.clone())
            .unwrap_or_else(|| panic!("{text} listed"))
    };
    assert_eq!(hints(phone), [Hint::Phone]);
    assert_eq!(hints(cin), [Hint::Cin]);
    assert_eq!(hints(bus), []);
    review_text(
        &ctx,
        &moderator,
        id,
        token_of(&app, phone).await,
        Decision::Hide("personal_data"),
    )
    .await?;
    review_text(
        &ctx,
        &officer,
        id,
        token_of(&app, cin).await,
        Decision::Hide("personal_data"),
    )
    .await?;
    for text in [bus, ads] {
        review_text(
            &ctx,
            &officer,
            id,
            token_of(&app, text).await,
            Decision::Keep,
        )
        .await?;
    }
    let page = list_texts_for_review(&ctx, &officer, id, false, None).await?;
    assert_eq!((page.due, page.kept, page.hidden), (0, 2, 2));
    publish_results(&ctx, &officer, id).await?;
    assert!(matches!(
        review_text(&ctx, &officer, id, bus_token, Decision::Hide("off_topic")).await,
        Err(DomainError::Conflict("results_published"))
    ));

    // Everyone reads the kept texts; only those can be reported, by their token.
    let mut public: Vec<String> = list_text_answers(&ctx, None, id, question, None)
        .await?
        .into_iter()
        .map(|(_, t)| t)
        .collect();
    public.sort();
    assert_eq!(public, [bus, ads]);
    for hidden in [token_of(&app, phone).await, 1, i64::MAX] {
        assert!(matches!(
            report_content(
                &ctx,
                citizen.user,
                &Default::default(),
                ReportTarget::Answer(hidden),
                "advertising"
            )
            .await,
            Err(DomainError::NotFound)
        ));
    }
    report_content(
        &ctx,
        citizen.user,
        &Default::default(),
        ReportTarget::Answer(token_of(&app, ads).await),
        "advertising",
    )
    .await?;
    let open = list_reports(&ctx, &moderator, souss, 1).await?.reports;
    assert_eq!(open.len(), 1);
    assert_eq!(open[0].text, ads);
    decide_report(&ctx, &moderator, open[0].id, true).await?;
    let after = list_text_answers(&ctx, None, id, question, None).await?;
    assert_eq!(after.into_iter().map(|(_, t)| t).collect::<Vec<_>>(), [bus]);

    // Every decision is in the audit log, without the text.
    let entries = audit_entry::Entity::find()
        .all(&app.db)
        .await
        .unwrap_or_default();
    let count = |action: &str| entries.iter().filter(|e| e.action == action).count();
    assert_eq!((count("text_hidden"), count("text_kept")), (2, 2));
    assert!(count("access_denied") >= 4);
    assert!(
        entries
            .iter()
            .all(|e| !e.detail.to_string().contains("montres"))
    );
    Ok(())
}

async fn published_texts_do_not_follow_submission(app: TestApp) -> TestResult {
    let ctx = app.ctx();
    let souss = app.region_id("souss-massa").await;
    let id = consultation_with_text(&app).await;
    let officer = app
        .staff(
            "officer@example.ma",
            Some(Role::CouncilOfficer { region_id: souss }),
        )
        .await;
    to_first_day(&app);
    let submitted: Vec<String> = (0..30)
        .map(|n| format!("Idée numéro {n} pour la région"))
        .collect();
    for (n, text) in submitted.iter().enumerate() {
        answer_text(&app, id, &format!("citizen{n}@example.ma"), text).await?;
    }
    app.clock.advance(Duration::days(31));
    let mut after = None;
    loop {
        let page = list_texts_for_review(&ctx, &officer, id, true, after).await?;
        for text in &page.texts {
            review_text(&ctx, &officer, id, text.token, Decision::Keep).await?;
        }
        if page.texts.is_empty() {
            break;
        }
        after = page.more_after;
        if after.is_none() {
            break;
        }
    }
    publish_results(&ctx, &officer, id).await?;
    let rows = answer::Entity::find()
        .filter(answer::Column::Text.is_not_null())
        .order_by_asc(answer::Column::Id)
        .all(&app.db)
        .await
        .unwrap_or_default();
    let question = rows.first().map(|a| a.question_id).unwrap_or_default();
    let listed = list_text_answers(&ctx, None, id, question, None).await?;
    let texts: Vec<&str> = listed.iter().map(|(_, t)| t.as_str()).collect();
    assert_eq!(texts.len(), 30);
    assert_ne!(
        texts,
        submitted.iter().map(String::as_str).collect::<Vec<_>>(),
        "not in the order they were sent"
    );
    // Tokens are neither the row ids nor a sequence.
    let tokens: Vec<i64> = listed.iter().map(|(t, _)| *t).collect();
    assert!(tokens.windows(2).all(|w| w[0] < w[1]), "listed by token");
    assert!(
        tokens
            .iter()
            .all(|t| rows.iter().all(|a| i64::from(a.id) != *t))
    );
    assert!(tokens.windows(2).any(|w| w[1] - w[0] > 1_000));
    Ok(())
}

async fn the_review_over_http_is_for_the_regions_staff_only(app: TestApp) -> TestResult {
    use super::web::post;
    let souss = app.region_id("souss-massa").await;
    let rabat = app.region_id("rabat-sale-kenitra").await;
    let id = consultation_with_text(&app).await;
    to_first_day(&app);
    answer_text(&app, id, "amina@example.ma", "Plus de bus le soir.").await?;
    app.clock.advance(Duration::days(31));
    app.staff("mod@example.ma", Some(Role::Moderator { region_id: souss }))
        .await;
    app.staff(
        "officer@rabat.ma",
        Some(Role::CouncilOfficer { region_id: rabat }),
    )
    .await;
    app.user("karim@example.ma").await;
    let token = token_of(&app, "Plus de bus le soir.").await.to_string();
    let page = format!("/fr/r/souss-massa/consultations/{}/review", id.0);
    let decide = |token: &str, decision: &str, reason: &str| {
        vec![
            ("lang", "fr".to_owned()),
            ("region", "souss-massa".to_owned()),
            ("id", id.0.to_string()),
            ("token", token.to_owned()),
            ("decision", decision.to_owned()),
            ("reason", reason.to_owned()),
        ]
    };
    let review = || async {
        answer::Entity::find()
            .filter(answer::Column::Text.is_not_null())
            .one(&app.db)
            .await
            .ok()
            .flatten()
            .and_then(|a| a.review)
    };

    // A visitor, a citizen and another region's officer: no page, and their decisions change
    // nothing.
    let mut visitor = tests::Client::new(&app);
    assert_eq!(visitor.get(&page).await.status, http::StatusCode::NOT_FOUND);
    post(
        &mut visitor,
        "/fn/review_text",
        decide(&token, "hide", "off_topic"),
    )
    .await;
    for email in ["karim@example.ma", "officer@rabat.ma"] {
        let mut outsider = tests::Client::signed_in(&app, email, "fr").await;
        assert_eq!(
            outsider.get(&page).await.status,
            http::StatusCode::NOT_FOUND
        );
        post(
            &mut outsider,
            "/fn/review_text",
            decide(&token, "hide", "off_topic"),
        )
        .await;
    }
    assert_eq!(review().await, None);

    // The region's moderator: a forged token, a missing reason and a malformed decision
    // change nothing; a real decision is taken.
    let mut moderator = tests::Client::signed_in(&app, "mod@example.ma", "fr").await;
    let shown = moderator.get(&page).await;
    assert_eq!(shown.status, http::StatusCode::OK);
    assert!(shown.text().contains("Plus de bus le soir."));
    for (token, decision, reason) in [
        ("1", "keep", ""),
        ("not-a-number", "keep", ""),
        (token.as_str(), "hide", ""),
        (token.as_str(), "publish", ""),
    ] {
        let answer = post(
            &mut moderator,
            "/fn/review_text",
            decide(token, decision, reason),
        )
        .await;
        assert!(
            answer.status.is_redirection() || answer.status.is_client_error(),
            "{token} {decision}"
        );
    }
    assert_eq!(review().await, None);
    post(
        &mut moderator,
        "/fn/review_text",
        decide(&token, "keep", ""),
    )
    .await;
    assert_eq!(review().await.as_deref(), Some("kept"));
    Ok(())
}
