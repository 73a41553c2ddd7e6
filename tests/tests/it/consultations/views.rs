//! What readers see: the texts in their language or else the fallback, drafts only for the
//! region's council officers.

use domain::DomainError;
use domain::consultations::drafts::create_consultation;
use domain::consultations::lifecycle::ConsultationStatus;
use domain::consultations::views::{get_consultation, list_consultations};
use domain::roles::Role;
use domain::types::{Lang, RegionSlug};
use tests::{TestApp, TestResult, both_databases};

use super::{draft, open_consultation};

both_databases!(readers_get_their_language_or_the_fallback_and_drafts_stay_private);

async fn readers_get_their_language_or_the_fallback_and_drafts_stay_private(
    app: TestApp,
) -> TestResult {
    let ctx = app.ctx();
    let published = open_consultation(&app).await;
    let souss = app.region_id("souss-massa").await;
    let officer = app
        .staff(
            "officer@example.ma",
            Some(Role::CouncilOfficer { region_id: souss }),
        )
        .await;
    let region = RegionSlug::parse("souss-massa")?;
    let drafted = create_consultation(&ctx, &officer, &region, draft()).await?;

    let arabic = get_consultation(&ctx, None, published, Lang::Ar).await?;
    assert_eq!(arabic.summary.lang, Lang::Ar);
    assert_eq!(arabic.summary.title, "برنامج التنمية الجهوية");
    assert_eq!(arabic.summary.status, ConsultationStatus::Scheduled);
    assert_eq!(arabic.questions.len(), 2);
    assert_eq!(
        arabic.questions[0].text, "Quelle priorité pour la région ?",
        "an untranslated question falls back to French"
    );
    assert_eq!(arabic.questions[0].choices.len(), 3);
    let english = get_consultation(&ctx, None, published, Lang::En).await?;
    assert_eq!(english.summary.lang, Lang::Fr, "no English: the fallback");
    assert_eq!(english.summary.title, "Programme de développement régional");
    assert!(english.body.contains("Transport, eau, emploi."));

    assert!(matches!(
        get_consultation(&ctx, None, drafted, Lang::Fr).await,
        Err(DomainError::NotFound)
    ));
    assert!(
        get_consultation(&ctx, Some(&officer), drafted, Lang::Fr)
            .await
            .is_ok()
    );
    let public = list_consultations(&ctx, None, &region, Lang::Fr).await?;
    assert_eq!(public.iter().map(|c| c.id).collect::<Vec<_>>(), [published]);
    let officers = list_consultations(&ctx, Some(&officer), &region, Lang::Fr).await?;
    assert_eq!(officers.len(), 2);
    Ok(())
}
