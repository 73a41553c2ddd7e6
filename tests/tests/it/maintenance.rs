//! The periodic clean-up deletes what has expired, and nothing that is still needed.

use chrono::Duration;
use domain::entities::{email_token, outbox_email, session};
use domain::mail::{OutgoingEmail, outbox};
use domain::maintenance::{CleanUpReport, clean_up};
use domain::rate_limits;
use domain::sessions::{StoredSession, create_session};
use sea_orm::{EntityTrait, PaginatorTrait};
use tests::{TestApp, TestResult, both_databases};

both_databases!(clean_up_deletes_only_what_has_expired);

fn email(to: &str) -> OutgoingEmail {
    OutgoingEmail {
        to: to.to_owned(),
        subject: "Sujet".to_owned(),
        text: "Texte".to_owned(),
        html: "<p>Texte</p>".to_owned(),
        unsubscribe: None,
    }
}

async fn session_for(app: &TestApp, id: &str, lifetime: Duration) {
    let stored = StoredSession {
        user_id: None,
        data: "{}".to_owned(),
        expires_at: app.clock_now() + lifetime,
    };
    let created = create_session(&app.ctx(), id, stored)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(created);
}

async fn report(app: &TestApp) -> CleanUpReport {
    clean_up(&app.ctx()).await.unwrap_or_else(|e| panic!("{e}"))
}

async fn clean_up_deletes_only_what_has_expired(app: TestApp) -> TestResult {
    let ctx = app.ctx();
    // A registration leaves a verification link (used; valid 24 hours) and a sent email.
    super::accounts::registered_and_verified(&app, "amina@example.ma").await;
    session_for(&app, "short-session", Duration::hours(1)).await;
    session_for(&app, "long-session", Duration::days(14)).await;
    rate_limits::hit(&ctx, rate_limits::REGISTER_PER_IP, "192.0.2.7").await?;

    assert_eq!(report(&app).await, CleanUpReport::default(), "nothing yet");

    app.clock.advance(Duration::hours(2));
    let first = report(&app).await;
    assert_eq!(first.sessions, 1, "the expired session goes: {first:?}");
    assert_eq!(first.total(), 1, "{first:?}");

    // An email still waiting to be sent is never deleted, however old.
    outbox::enqueue(&ctx.db, app.clock_now(), email("karim@example.ma")).await?;
    app.clock.advance(Duration::days(8));
    let second = report(&app).await;
    assert_eq!(
        second,
        CleanUpReport {
            sessions: 0,
            email_links: 1,
            signature_links: 0,
            sent_emails: 1,
            rate_limit_counts: 1,
            staff_alerts: 0,
            paper_previews: 0,
        }
    );
    assert_eq!(
        session::Entity::find().count(&app.db).await.ok(),
        Some(1),
        "the live session stays"
    );
    assert_eq!(
        email_token::Entity::find().count(&app.db).await.ok(),
        Some(0)
    );
    let left = outbox_email::Entity::find()
        .all(&app.db)
        .await
        .unwrap_or_default();
    assert_eq!(left.len(), 1);
    assert_eq!(left[0].to_address, "karim@example.ma");
    assert!(left[0].sent_at.is_none());
    Ok(())
}
