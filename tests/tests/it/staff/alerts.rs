//! Staff alerts: the right staff are emailed once for each thing that arrives (even when several
//! instances look at once), deadlines at 14, 7 and 1 days and once overdue, a daily summary for
//! those who chose it, none for those who chose none.

use chrono::{DateTime, Duration, Utc};
use domain::DomainError;
use domain::consultations::proposals::{NewProposal, ProposalForm, submit_proposal};
use domain::consultations::reports::{ReportTarget, report_content};
use domain::entities::{petition, staff_alert};
use domain::mail::OutgoingEmail;
use domain::roles::Role;
use domain::staff::alerts::raise_due_alerts;
use domain::staff::digests::send_due_digests;
use domain::staff::{AlertDelivery, alert_delivery, set_alert_delivery};
use sea_orm::{EntityTrait, PaginatorTrait};
use tests::{Client, TestApp, TestResult, both_databases};

use super::{admissible, deposited, souss_staff};
use crate::accounts::deliver;
use crate::consultations::{open_consultation, to_first_day};
use crate::petitions::{citizen_form, file};

both_databases!(
    each_arrival_reaches_the_right_staff_once,
    the_bureau_deadline_is_told_at_14_7_1_days_and_when_overdue,
    a_daily_summary_gathers_what_arrived_once_a_day,
    alerts_are_a_choice_of_the_staff_alone,
    several_instances_record_each_alert_once,
);

/// The recipients and subjects of `emails`, sorted.
fn sent(emails: &[OutgoingEmail]) -> Vec<(String, String)> {
    let mut list: Vec<_> = emails
        .iter()
        .map(|e| (e.to.clone(), e.subject.clone()))
        .collect();
    list.sort();
    list
}

fn pair(to: &str, subject: &str) -> (String, String) {
    (to.to_owned(), subject.to_owned())
}

async fn each_arrival_reaches_the_right_staff_once(app: TestApp) -> TestResult {
    let ctx = app.ctx();
    souss_staff(&app).await;
    let oriental = app.region_id("oriental").await;
    app.staff(
        "mod-o@example.ma",
        Some(Role::Moderator {
            region_id: oriental,
        }),
    )
    .await;
    deliver(&app).await;

    let amina = app.user("amina@example.ma").await;
    let id = file(&app, amina, "souss-massa", &citizen_form()).await;
    assert_eq!(raise_due_alerts(&ctx).await?, 1);
    let emails = deliver(&app).await;
    assert_eq!(
        sent(&emails),
        [pair("mod@example.ma", "Une pétition attend la modération")]
    );
    assert!(emails[0].text.contains("خط حافلات بين أكادير وتارودانت"));
    assert!(emails[0].text.contains(&format!(
        "http://musharaka.test/fr/r/souss-massa/petitions/{}",
        id.0
    )));
    assert_eq!(raise_due_alerts(&ctx).await?, 0, "once");
    assert!(deliver(&app).await.is_empty());

    // Filed, published and deposited before the round looked: only the deposit is news.
    deposited(&app, "Une bibliothèque à Taroudant").await;
    raise_due_alerts(&ctx).await?;
    let emails = deliver(&app).await;
    let to_staff: Vec<_> = sent(&emails)
        .into_iter()
        .filter(|(to, _)| to != "filer@example.ma")
        .collect();
    assert_eq!(
        to_staff,
        [pair(
            "officer@example.ma",
            "Une pétition a été déposée auprès du conseil"
        )]
    );

    // A report on a consultation, then the consultation closing without results.
    let consultation = open_consultation(&app).await;
    to_first_day(&app);
    let proposal = NewProposal::parse(&ProposalForm {
        title: "Achetez nos montres".into(),
        body: "Un texte assez long pour être une proposition de la région.".into(),
        province: String::new(),
    })
    .map_err(|e| format!("{e:?}"))?;
    let spam = submit_proposal(&ctx, amina, &Default::default(), consultation, proposal).await?;
    let karim = app.user("karim@example.ma").await;
    report_content(
        &ctx,
        karim,
        &Default::default(),
        ReportTarget::Proposal(spam.0),
        "advertising",
    )
    .await?;
    deliver(&app).await;
    // By the first day of the consultation (in May), the deposit's deadline has passed too.
    assert_eq!(raise_due_alerts(&ctx).await?, 2);
    let emails = deliver(&app).await;
    assert_eq!(
        sent(&emails),
        [
            pair("mod@example.ma", "Une contribution a été signalée"),
            pair("officer@example.ma", "Une décision du bureau est en retard"),
        ]
    );
    let report = emails
        .iter()
        .find(|e| e.to == "mod@example.ma")
        .ok_or("the moderator's alert")?;
    assert!(report.text.contains("Programme de développement régional"));
    assert!(report.text.contains("/fr/r/souss-massa/moderation"));

    app.clock.advance(Duration::days(32));
    raise_due_alerts(&ctx).await?;
    let emails = deliver(&app).await;
    assert_eq!(
        sent(&emails),
        [pair(
            "officer@example.ma",
            "Une consultation s'est close sans résultats publiés"
        )]
    );
    assert!(emails[0].text.contains("/fr/r/souss-massa/consultations/"));
    assert_eq!(raise_due_alerts(&ctx).await?, 0);
    Ok(())
}

async fn the_bureau_deadline_is_told_at_14_7_1_days_and_when_overdue(app: TestApp) -> TestResult {
    let ctx = app.ctx();
    let id = deposited(&app, "Une bibliothèque à Taroudant").await;
    let due: DateTime<Utc> = petition::Entity::find_by_id(id.0)
        .one(&app.db)
        .await?
        .and_then(|p| p.decision_due_at)
        .ok_or("a deposited petition has a deadline")?;
    raise_due_alerts(&ctx).await?;
    deliver(&app).await;
    // The deadline as the officer (French) reads it: "29 janvier 2027".
    let due_on = domain::dates::day(domain::dates::day_of(due), domain::types::Lang::Fr);
    let steps = [
        (Duration::days(15), None),
        (
            Duration::days(14) - Duration::hours(1),
            Some("Jours restants : 14."),
        ),
        (Duration::days(8), None),
        (
            Duration::days(7) - Duration::hours(1),
            Some("Jours restants : 7."),
        ),
        (Duration::hours(20), Some("il reste un jour ou moins")),
        (-Duration::hours(1), Some("n'a pas encore été enregistrée")),
        (-Duration::days(10), None),
    ];
    for (before, expected) in steps {
        app.clock.advance(due - before - app.clock_now());
        raise_due_alerts(&ctx).await?;
        raise_due_alerts(&ctx).await?;
        let emails = deliver(&app).await;
        match expected {
            None => assert!(emails.is_empty(), "{before}: {:?}", sent(&emails)),
            Some(words) => {
                assert_eq!(emails.len(), 1, "{before}: {:?}", sent(&emails));
                assert_eq!(emails[0].to, "officer@example.ma");
                assert!(
                    emails[0].text.contains(words),
                    "{before}: {}",
                    emails[0].text
                );
                assert!(emails[0].text.contains(&due_on), "{}", emails[0].text);
            }
        }
    }
    // Decided: nothing more about it.
    let later = deposited(&app, "Un musée à Agadir").await;
    raise_due_alerts(&ctx).await?;
    admissible(&app, later).await;
    app.clock.advance(Duration::days(70));
    raise_due_alerts(&ctx).await?;
    let emails = deliver(&app).await;
    let about_it: Vec<_> = emails
        .iter()
        .filter(|e| e.to == "officer@example.ma" && e.text.contains("Un musée à Agadir"))
        .map(|e| e.subject.clone())
        .collect();
    assert_eq!(about_it, ["Une pétition a été déposée auprès du conseil"]);
    Ok(())
}

async fn a_daily_summary_gathers_what_arrived_once_a_day(app: TestApp) -> TestResult {
    let ctx = app.ctx();
    let (moderator, _) = souss_staff(&app).await;
    // 2026-11-29 10:00 UTC is 11:00 in Morocco.
    set_alert_delivery(&ctx, &moderator, AlertDelivery::Daily).await?;
    assert_eq!(
        alert_delivery(&ctx, moderator.user).await?,
        AlertDelivery::Daily
    );
    deliver(&app).await;
    app.clock.advance(Duration::minutes(5));
    let amina = app.user("amina@example.ma").await;
    let salma = app.user("salma@example.ma").await;
    file(&app, amina, "souss-massa", &citizen_form()).await;
    file(&app, salma, "souss-massa", &citizen_form()).await;
    assert_eq!(raise_due_alerts(&ctx).await?, 2);
    assert!(
        deliver(&app).await.is_empty(),
        "nothing at once for a daily summary"
    );
    app.clock.advance(Duration::minutes(5));
    assert_eq!(send_due_digests(&ctx).await?, 1);
    assert_eq!(send_due_digests(&ctx).await?, 0, "once a day");
    let emails = deliver(&app).await;
    assert_eq!(
        sent(&emails),
        [pair(
            "mod@example.ma",
            "Votre récapitulatif du jour sur Musharaka (2)"
        )]
    );
    assert_eq!(emails[0].text.matches("خط حافلات").count(), 2);
    assert!(
        emails[0]
            .text
            .contains("http://musharaka.test/fr/r/souss-massa/staff")
    );

    // The next morning at 06:00 (Morocco) nothing yet; at 07:30, what came since.
    let six = DateTime::parse_from_rfc3339("2026-11-30T05:00:00Z")?.to_utc();
    app.clock.advance(six - app.clock_now());
    let karim = app.user("karim@example.ma").await;
    file(&app, karim, "souss-massa", &citizen_form()).await;
    raise_due_alerts(&ctx).await?;
    assert_eq!(send_due_digests(&ctx).await?, 0, "before seven");
    app.clock.advance(Duration::minutes(90));
    assert_eq!(send_due_digests(&ctx).await?, 1);
    let emails = deliver(&app).await;
    assert_eq!(
        sent(&emails),
        [pair(
            "mod@example.ma",
            "Votre récapitulatif du jour sur Musharaka (1)"
        )]
    );
    // A day with nothing new sends nothing.
    app.clock.advance(Duration::days(1));
    assert_eq!(send_due_digests(&ctx).await?, 0);
    Ok(())
}

async fn alerts_are_a_choice_of_the_staff_alone(app: TestApp) -> TestResult {
    let ctx = app.ctx();
    let (moderator, _) = souss_staff(&app).await;
    let citizen = app.staff("citizen@example.ma", None).await;
    assert!(matches!(
        set_alert_delivery(&ctx, &citizen, AlertDelivery::Daily).await,
        Err(DomainError::Forbidden)
    ));
    let admin = app.admin().await;
    assert!(matches!(
        set_alert_delivery(&ctx, &admin, AlertDelivery::Off).await,
        Err(DomainError::Forbidden)
    ));

    // Through the dashboard's form, without JavaScript.
    let mut client = Client::signed_in(&app, "mod@example.ma", "fr").await;
    let answer = client
        .post_form(
            "/fn/set_alert_delivery",
            &[
                ("lang", "fr"),
                ("region", "souss-massa"),
                ("delivery", "weekly"),
            ],
        )
        .await;
    assert!(answer.status.is_redirection());
    assert_eq!(answer.header("location"), "/fr/r/souss-massa/staff#alerts");
    let page = client.get("/fr/r/souss-massa/staff").await.text();
    assert!(page.contains("Choisissez comment recevoir les alertes."));
    assert_eq!(
        alert_delivery(&ctx, moderator.user).await?,
        AlertDelivery::Immediate
    );
    client
        .post_form(
            "/fn/set_alert_delivery",
            &[
                ("lang", "fr"),
                ("region", "souss-massa"),
                ("delivery", "off"),
            ],
        )
        .await;
    let page = client.get("/fr/r/souss-massa/staff").await.text();
    assert!(
        page.contains("Votre choix d&#x27;alertes est enregistré.")
            || page.contains("Votre choix d'alertes est enregistré.")
    );
    assert!(page.contains("value=\"off\" checked"));
    assert_eq!(
        alert_delivery(&ctx, moderator.user).await?,
        AlertDelivery::Off
    );

    deliver(&app).await;
    let amina = app.user("amina@example.ma").await;
    file(&app, amina, "souss-massa", &citizen_form()).await;
    assert_eq!(
        raise_due_alerts(&ctx).await?,
        1,
        "recorded for the dashboard"
    );
    assert_eq!(send_due_digests(&ctx).await?, 0);
    assert!(deliver(&app).await.is_empty(), "but nobody emailed");
    Ok(())
}

async fn several_instances_record_each_alert_once(app: TestApp) -> TestResult {
    let ctx = app.ctx();
    souss_staff(&app).await;
    let amina = app.user("amina@example.ma").await;
    let salma = app.user("salma@example.ma").await;
    file(&app, amina, "souss-massa", &citizen_form()).await;
    file(&app, salma, "souss-massa", &citizen_form()).await;
    deposited(&app, "Une bibliothèque à Taroudant").await;
    deliver(&app).await;
    let (a, b, c) = tokio::join!(
        raise_due_alerts(&ctx),
        raise_due_alerts(&ctx),
        raise_due_alerts(&ctx)
    );
    assert_eq!(a? + b? + c?, 3, "two petitions to moderate and one deposit");
    assert_eq!(staff_alert::Entity::find().count(&app.db).await?, 3);
    let emails = deliver(&app).await;
    assert_eq!(emails.len(), 3, "{:?}", sent(&emails));
    Ok(())
}
