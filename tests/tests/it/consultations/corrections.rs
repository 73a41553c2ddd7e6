//! Corrections and cancellation: a draft or scheduled consultation is corrected whole, an open
//! one only in its texts and documents, a closed one not at all; a scheduled one is cancelled
//! for a public reason and never opens. The region's council officers only, audit-logged; over
//! HTTP without JavaScript too.

use domain::DomainError;
use domain::consultations::corrections::{
    CancelReason, CorrectedTexts, cancel_consultation, correct_consultation, correct_texts,
    correction_form, remove_document,
};
use domain::consultations::documents::{DocumentPurpose, NewDocument, add_document};
use domain::consultations::drafts::{NewConsultation, TextsForm};
use domain::consultations::lifecycle::ConsultationStatus;
use domain::consultations::views::get_consultation;
use domain::entities::{audit_entry, consultation, consultation_document, question};
use domain::roles::{Actor, Role};
use domain::types::{ConsultationId, Lang};
use http::StatusCode;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use tests::{Client, TestApp, TestResult, both_databases};

use super::web::post;
use super::{draft_form, open_consultation, status_now, to_first_day};

both_databases!(
    only_the_regions_officers_correct_or_cancel,
    a_scheduled_consultation_is_corrected_whole_then_only_its_texts_once_open,
    a_cancelled_consultation_never_opens_and_says_why,
    officers_correct_and_cancel_through_the_forms,
);

const PDF: &[u8] = b"%PDF-1.4\n1 0 obj <</Type /Catalog>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n";

/// The council officer of Souss-Massa who published [`open_consultation`]'s consultation.
async fn officer(app: &TestApp) -> Actor {
    let souss = app.region_id("souss-massa").await;
    app.staff(
        "officer@example.ma",
        Some(Role::CouncilOfficer { region_id: souss }),
    )
    .await
}

/// The consultation of [`draft_form`] running from `opens` to `closes` under the French `title`.
fn corrected(opens: &str, closes: &str, title: &str) -> NewConsultation {
    let mut form = draft_form();
    form.opens_on = opens.into();
    form.closes_on = closes.into();
    form.texts[0].title = title.into();
    NewConsultation::parse(&form).unwrap_or_else(|e| panic!("{e:?}"))
}

/// The texts of [`draft_form`] under the French `title`.
fn texts(title: &str) -> CorrectedTexts {
    let mut typed: Vec<TextsForm> = draft_form().texts;
    typed[0].title = title.into();
    CorrectedTexts::parse(&typed, Lang::Fr).unwrap_or_else(|e| panic!("{e:?}"))
}

fn reason() -> CancelReason {
    CancelReason::parse("Reportée après l'adoption du budget régional.")
        .unwrap_or_else(|e| panic!("{e}"))
}

async fn title(app: &TestApp, id: ConsultationId) -> String {
    get_consultation(&app.ctx(), None, id, Lang::Fr)
        .await
        .map(|v| v.summary.title)
        .unwrap_or_else(|e| panic!("{e}"))
}

async fn only_the_regions_officers_correct_or_cancel(app: TestApp) -> TestResult {
    let id = open_consultation(&app).await;
    let officer = officer(&app).await;
    let document = add_document(
        &app.ctx(),
        &officer,
        id,
        DocumentPurpose::Consultation,
        NewDocument::parse("plan.pdf", PDF.to_vec())?,
    )
    .await?;
    let refused = app.not_officers_of("souss-massa").await;
    let ctx = app.ctx();
    for (who, actor) in &refused {
        let forbidden = |r: Result<(), DomainError>| matches!(r, Err(DomainError::Forbidden));
        assert!(
            matches!(
                correction_form(&ctx, actor, id).await,
                Err(DomainError::Forbidden)
            ),
            "{who}"
        );
        let whole = corrected(
            "2027-05-02",
            "2027-05-31",
            "Programme corrigé par un intrus",
        );
        assert!(
            forbidden(correct_consultation(&ctx, actor, id, whole).await),
            "{who}"
        );
        assert!(
            forbidden(correct_texts(&ctx, actor, id, texts("Titre d'un intrus")).await),
            "{who}"
        );
        assert!(
            forbidden(cancel_consultation(&ctx, actor, id, reason()).await),
            "{who}"
        );
        assert!(
            forbidden(remove_document(&ctx, actor, id, document).await),
            "{who}"
        );
    }
    assert_eq!(title(&app, id).await, "Programme de développement régional");
    assert_eq!(status_now(&app, id).await, ConsultationStatus::Scheduled);
    assert_eq!(
        consultation_document::Entity::find().count(&app.db).await?,
        1
    );
    // A forged id is unknown; another consultation's document too.
    assert!(matches!(
        cancel_consultation(&ctx, &officer, ConsultationId(9_999), reason()).await,
        Err(DomainError::NotFound)
    ));
    assert!(matches!(
        remove_document(&ctx, &officer, id, document + 1_000).await,
        Err(DomainError::NotFound)
    ));
    let denied = audit_entry::Entity::find()
        .filter(audit_entry::Column::Action.eq("access_denied"))
        .count(&app.db)
        .await?;
    assert!(denied >= 20, "every refusal is logged ({denied})");
    Ok(())
}

async fn a_scheduled_consultation_is_corrected_whole_then_only_its_texts_once_open(
    app: TestApp,
) -> TestResult {
    let id = open_consultation(&app).await;
    let officer = officer(&app).await;
    let ctx = app.ctx();
    let (stored, _) = correction_form(&ctx, &officer, id).await?;
    assert_eq!(
        (stored.opens_on.as_str(), stored.closes_on.as_str()),
        ("2027-05-01", "2027-05-31"),
        "the form comes filled with its days"
    );

    // Scheduled: days, texts and parts change; the days stay ahead.
    let past = corrected(
        "2026-11-28",
        "2027-05-31",
        "Programme de développement régional",
    );
    assert!(matches!(
        correct_consultation(&ctx, &officer, id, past).await,
        Err(DomainError::Validation {
            code: "opening_past",
            ..
        })
    ));
    let mut whole = corrected("2027-05-03", "2027-06-15", "Programme régional 2028-2033");
    whole.proposals = false;
    correct_consultation(&ctx, &officer, id, whole).await?;
    assert_eq!(title(&app, id).await, "Programme régional 2028-2033");
    assert_eq!(status_now(&app, id).await, ConsultationStatus::Scheduled);
    let (stored, _) = correction_form(&ctx, &officer, id).await?;
    assert_eq!(
        (stored.opens_on.as_str(), stored.closes_on.as_str()),
        ("2027-05-03", "2027-06-15")
    );
    assert!(!stored.proposals);
    let view = get_consultation(&ctx, None, id, Lang::Fr).await?;
    assert!(
        view.corrected_at.is_some(),
        "the page says it was corrected"
    );

    // Its questionnaire turned off takes its questions with it (nobody has answered).
    let mut without = corrected("2027-05-03", "2027-06-15", "Programme régional 2028-2033");
    without.questionnaire = false;
    correct_consultation(&ctx, &officer, id, without).await?;
    assert_eq!(question::Entity::find().count(&app.db).await?, 0);
    // Turned on again, it needs questions first.
    let again = corrected("2027-05-03", "2027-06-15", "Programme régional 2028-2033");
    assert!(matches!(
        correct_consultation(&ctx, &officer, id, again).await,
        Err(DomainError::Validation {
            code: "questions_missing",
            ..
        })
    ));

    let document = add_document(
        &ctx,
        &officer,
        id,
        DocumentPurpose::Consultation,
        NewDocument::parse("plan.pdf", PDF.to_vec())?,
    )
    .await?;

    // Open: only its texts and documents.
    let first_day = chrono::DateTime::parse_from_rfc3339("2027-05-02T23:00:00Z")?;
    app.clock
        .advance(first_day.with_timezone(&chrono::Utc) - app.clock_now());
    assert_eq!(status_now(&app, id).await, ConsultationStatus::Open);
    let before = consultation::Entity::find_by_id(id.0)
        .one(&app.db)
        .await?
        .unwrap_or_else(|| panic!("stored"));
    let later = corrected("2027-05-03", "2027-07-31", "Programme régional 2028-2033");
    assert!(matches!(
        correct_consultation(&ctx, &officer, id, later).await,
        Err(DomainError::Conflict("consultation_open"))
    ));
    assert!(matches!(
        cancel_consultation(&ctx, &officer, id, reason()).await,
        Err(DomainError::Conflict("step_not_allowed"))
    ));
    correct_texts(
        &ctx,
        &officer,
        id,
        texts("Programme de développement 2028-2033"),
    )
    .await?;
    assert_eq!(
        title(&app, id).await,
        "Programme de développement 2028-2033"
    );
    let after = consultation::Entity::find_by_id(id.0)
        .one(&app.db)
        .await?
        .unwrap_or_else(|| panic!("stored"));
    assert_eq!(
        (
            after.closes_at,
            after.audience.as_str(),
            after.questionnaire
        ),
        (
            before.closes_at,
            before.audience.as_str(),
            before.questionnaire
        ),
        "nothing but the texts changed"
    );
    assert_eq!(after.corrected_at, Some(app.clock_now()));
    remove_document(&ctx, &officer, id, document).await?;
    assert_eq!(
        consultation_document::Entity::find().count(&app.db).await?,
        0
    );

    // Closed: nothing.
    app.clock.advance(chrono::Duration::days(60));
    assert_eq!(status_now(&app, id).await, ConsultationStatus::Closed);
    assert!(matches!(
        correct_texts(&ctx, &officer, id, texts("Programme corrigé trop tard")).await,
        Err(DomainError::Conflict("step_not_allowed"))
    ));
    let log = audit_entry::Entity::find()
        .filter(
            audit_entry::Column::Action
                .is_in(["consultation_corrected", "consultation_document_removed"]),
        )
        .count(&app.db)
        .await?;
    assert_eq!(log, 4, "three corrections and a removal");
    Ok(())
}

async fn a_cancelled_consultation_never_opens_and_says_why(app: TestApp) -> TestResult {
    use domain::consultations::answering::{Declaration, answer_consultation, load_questionnaire};
    let id = open_consultation(&app).await;
    let officer = officer(&app).await;
    let ctx = app.ctx();
    assert!(matches!(
        CancelReason::parse("Annulée"),
        Err(DomainError::Validation {
            code: "text_too_short",
            ..
        })
    ));
    cancel_consultation(&ctx, &officer, id, reason()).await?;
    assert!(matches!(
        cancel_consultation(&ctx, &officer, id, reason()).await,
        Err(DomainError::Conflict("step_not_allowed"))
    ));
    let view = get_consultation(&ctx, None, id, Lang::Fr).await?;
    assert_eq!(view.summary.status, ConsultationStatus::Cancelled);
    assert_eq!(
        view.cancelled.map(|(_, why)| why),
        Some("Reportée après l'adoption du budget régional.".to_owned()),
        "the public reads why"
    );
    assert!(matches!(
        correct_texts(&ctx, &officer, id, texts("Programme annulé puis corrigé")).await,
        Err(DomainError::Conflict("step_not_allowed"))
    ));

    // Its first day comes: it stays cancelled, nobody answers, nobody is emailed.
    to_first_day(&app);
    assert_eq!(status_now(&app, id).await, ConsultationStatus::Cancelled);
    let questionnaire = load_questionnaire(&ctx, id).await?;
    let amina = app.user("amina@example.ma").await;
    let declaration = Declaration {
        audience: true,
        ..Default::default()
    };
    assert!(matches!(
        answer_consultation(
            &ctx,
            amina,
            &Default::default(),
            super::checked(&questionnaire, 0, 4),
            declaration,
        )
        .await,
        Err(DomainError::Conflict("not_open"))
    ));
    assert_eq!(
        domain::consultations::mailings::schedule_due_mailings(&ctx).await?,
        0
    );

    // A draft is not cancelled (it is not announced).
    let region = domain::types::RegionSlug::parse("souss-massa")?;
    let draft =
        domain::consultations::drafts::create_consultation(&ctx, &officer, &region, super::draft())
            .await?;
    assert!(matches!(
        cancel_consultation(&ctx, &officer, draft, reason()).await,
        Err(DomainError::Conflict("step_not_allowed"))
    ));
    let logged = audit_entry::Entity::find()
        .filter(audit_entry::Column::Action.eq("consultation_cancelled"))
        .count(&app.db)
        .await?;
    assert_eq!(logged, 1);
    Ok(())
}

fn fields(pairs: &[(&'static str, &str)]) -> Vec<(&'static str, String)> {
    pairs.iter().map(|(k, v)| (*k, (*v).to_owned())).collect()
}

async fn officers_correct_and_cancel_through_the_forms(app: TestApp) -> TestResult {
    let id = open_consultation(&app).await;
    officer(&app).await;
    app.user("amina@example.ma").await;
    let mut officer = Client::signed_in(&app, "officer@example.ma", "fr").await;
    let mut amina = Client::signed_in(&app, "amina@example.ma", "fr").await;
    let page = format!("/fr/r/souss-massa/consultations/{}", id.0);
    let correct = format!("{page}/correct");
    let manage = format!("{page}/manage");

    assert_eq!(amina.get(&correct).await.status, StatusCode::NOT_FOUND);
    let form = officer.get(&correct).await;
    assert_eq!(form.status, StatusCode::OK);
    let html = form.text();
    assert!(html.contains("action=\"/fn/correct_consultation\""));
    assert!(
        html.contains("value=\"Programme de développement régional\""),
        "filled with what is stored"
    );
    assert!(html.contains("value=\"2027-05-01\""));
    assert!(
        officer
            .get(&manage)
            .await
            .text()
            .contains(&format!("href=\"{correct}\""))
    );

    let typed = |title: &str, closes: &str| {
        fields(&[
            ("lang", "fr"),
            ("region", "souss-massa"),
            ("id", &id.0.to_string()),
            ("consultation[audience]", "youth"),
            ("consultation[fallback_lang]", "fr"),
            ("consultation[opens_on]", "2027-05-01"),
            ("consultation[closes_on]", closes),
            ("consultation[questionnaire]", "on"),
            ("consultation[verification]", "account"),
            ("consultation[title_fr]", title),
            ("consultation[summary_fr]", "Vos priorités."),
        ])
    };
    // A citizen's post changes nothing.
    post(
        &mut amina,
        "/fn/correct_consultation",
        typed("Titre d'une citoyenne", "2027-06-30"),
    )
    .await;
    assert_eq!(title(&app, id).await, "Programme de développement régional");
    // A last day before the first: explained, what was typed comes back.
    let bad = post(
        &mut officer,
        "/fn/correct_consultation",
        typed("Programme régional corrigé", "2027-04-01"),
    )
    .await;
    assert_eq!(bad.header("location"), correct);
    let back = officer.get(&correct).await.text();
    assert!(back.contains("value=\"Programme régional corrigé\""));
    assert!(back.contains("value=\"2027-04-01\""));
    let good = post(
        &mut officer,
        "/fn/correct_consultation",
        typed("Programme régional corrigé", "2027-06-30"),
    )
    .await;
    assert_eq!(good.header("location"), manage);
    assert_eq!(title(&app, id).await, "Programme régional corrigé");
    assert!(
        amina
            .get(&page)
            .await
            .text()
            .contains("Textes corrigés le 29 novembre 2026")
    );

    // Cancelled from the management page, with its reason.
    let cancel = |reason: &str| {
        fields(&[
            ("lang", "fr"),
            ("region", "souss-massa"),
            ("id", &id.0.to_string()),
            ("reason", reason),
        ])
    };
    post(
        &mut amina,
        "/fn/cancel_consultation",
        cancel("Une citoyenne annule tout."),
    )
    .await;
    assert_eq!(status_now(&app, id).await, ConsultationStatus::Scheduled);
    post(&mut officer, "/fn/cancel_consultation", cancel("Non")).await;
    assert!(officer.get(&manage).await.text().contains("trop court"));
    assert_eq!(status_now(&app, id).await, ConsultationStatus::Scheduled);
    post(
        &mut officer,
        "/fn/cancel_consultation",
        cancel("Reportée après l'adoption du budget régional."),
    )
    .await;
    assert_eq!(status_now(&app, id).await, ConsultationStatus::Cancelled);
    let public = amina.get(&page).await.text();
    assert!(public.contains("Cette consultation a été annulée le 29 novembre 2026"));
    assert!(public.contains("Reportée après l"));
    assert!(
        !public.contains("id=\"answer\""),
        "no questionnaire to answer"
    );
    let list = amina.get("/fr/r/souss-massa/consultations").await.text();
    assert!(list.contains("Annulée"));
    assert!(
        officer
            .get(&correct)
            .await
            .text()
            .contains("ne peut plus être corrigée")
    );
    Ok(())
}
