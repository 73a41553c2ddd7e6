//! Every participation action is limited per account and day and per network and hour
//! (settings), so that one person or one machine cannot weigh like a crowd.

use domain::DomainError;
use domain::consultations::answering::{Declaration, answer_consultation, load_questionnaire};
use domain::consultations::mailings::set_following;
use domain::rate_limits::ParticipationLimits;
use domain::types::{ClientOrigin, RegionSlug};
use tests::{TestApp, TestResult, both_databases};

use super::{checked, open_consultation, to_first_day};

both_databases!(answers_and_follows_are_limited_per_account_and_network);

async fn answers_and_follows_are_limited_per_account_and_network(app: TestApp) -> TestResult {
    // Two answers per account and day, four of each action per network and hour.
    let ctx = app
        .ctx()
        .with_limits(ParticipationLimits::default().with_participation([2, 200, 20, 4]));
    let id = open_consultation(&app).await;
    let questionnaire = load_questionnaire(&ctx, id).await?;
    to_first_day(&app);
    let from = |ip: &str| ClientOrigin::new(ip.parse().ok(), Some("Mozilla/5.0"));
    let answer = |email: &'static str, origin: ClientOrigin| {
        let (app, ctx) = (&app, ctx.clone());
        let answers = checked(&questionnaire, 0, 4);
        async move {
            let user = app.user(email).await;
            let declaration = Declaration {
                audience: true,
                ..Declaration::default()
            };
            answer_consultation(&ctx, user, &origin, answers, declaration).await
        }
    };
    let limited = |r: Result<(), DomainError>| matches!(r, Err(DomainError::RateLimited { .. }));
    // One account: two answers (an answer and an edit), then wait.
    assert!(
        answer("amina@example.ma", from("203.0.113.5"))
            .await
            .is_ok()
    );
    assert!(
        answer("amina@example.ma", from("203.0.113.5"))
            .await
            .is_ok()
    );
    assert!(limited(
        answer("amina@example.ma", from("198.51.100.9")).await
    ));
    // One network: four answers in the hour, whoever sends them.
    assert!(
        answer("karim@example.ma", from("203.0.113.77"))
            .await
            .is_ok()
    );
    assert!(
        answer("salma@example.ma", from("203.0.113.200"))
            .await
            .is_ok()
    );
    assert!(limited(
        answer("omar@example.ma", from("203.0.113.8")).await
    ));
    // Another network is not held back.
    assert!(
        answer("omar@example.ma", from("198.51.100.9"))
            .await
            .is_ok()
    );

    // Following regions: the same rules.
    let region = RegionSlug::parse("souss-massa")?;
    let ctx = app
        .ctx()
        .with_limits(ParticipationLimits::default().with_participation([50, 200, 1, 600]));
    let sara = app.user("sara@example.ma").await;
    set_following(&ctx, sara, &from("192.0.2.1"), &region, true).await?;
    set_following(&ctx, sara, &from("192.0.2.1"), &region, false).await?;
    assert!(limited(
        set_following(&ctx, sara, &from("192.0.2.1"), &region, true).await
    ));
    Ok(())
}
