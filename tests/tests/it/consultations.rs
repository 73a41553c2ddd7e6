//! Consultations: drafting is for the council officers of the region, and audit-logged.

use domain::DomainError;
use domain::consultations::drafts::{
    ConsultationForm, NewConsultation, TextsForm, create_consultation,
};
use domain::entities::{audit_entry, consultation, consultation_text};
use domain::roles::Role;
use domain::types::RegionSlug;
use sea_orm::{EntityTrait, PaginatorTrait};
use tests::{TestApp, both_databases};

both_databases!(only_officers_of_the_region_draft_a_consultation);

fn draft() -> NewConsultation {
    NewConsultation::parse(&ConsultationForm {
        audience: "youth".into(),
        fallback_lang: "fr".into(),
        opens_on: "2027-05-01".into(),
        closes_on: "2027-05-31".into(),
        questionnaire: true,
        proposals: true,
        texts: vec![
            TextsForm {
                lang: "fr".into(),
                title: "Programme de développement régional".into(),
                summary: "Vos priorités pour 2028-2033.".into(),
                body: "## Les priorités\n\nTransport, eau, emploi.".into(),
            },
            TextsForm {
                lang: "ar".into(),
                title: "برنامج التنمية الجهوية".into(),
                summary: "أولوياتكم للفترة 2028-2033.".into(),
                body: String::new(),
            },
        ],
    })
    .unwrap_or_else(|e| panic!("{e:?}"))
}

async fn only_officers_of_the_region_draft_a_consultation(app: TestApp) {
    let souss = app.region_id("souss-massa").await;
    let oriental = app.region_id("oriental").await;
    let region = RegionSlug::parse("souss-massa").unwrap_or_else(|e| panic!("{e}"));
    let refused = [
        ("citizen", app.staff("amina@example.ma", None).await),
        ("platform admin", app.admin().await),
        (
            "moderator of the region",
            app.staff("mod@example.ma", Some(Role::Moderator { region_id: souss }))
                .await,
        ),
        (
            "officer of another region",
            app.staff(
                "officer-oriental@example.ma",
                Some(Role::CouncilOfficer {
                    region_id: oriental,
                }),
            )
            .await,
        ),
    ];
    for (who, actor) in &refused {
        assert!(
            matches!(
                create_consultation(&app.ctx(), actor, &region, draft()).await,
                Err(DomainError::Forbidden)
            ),
            "{who}"
        );
    }
    assert_eq!(
        consultation::Entity::find().count(&app.db).await.ok(),
        Some(0)
    );

    let officer = app
        .staff(
            "officer@example.ma",
            Some(Role::CouncilOfficer { region_id: souss }),
        )
        .await;
    let id = create_consultation(&app.ctx(), &officer, &region, draft())
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let stored = consultation::Entity::find_by_id(id.0)
        .one(&app.db)
        .await
        .ok()
        .flatten()
        .unwrap_or_else(|| panic!("stored"));
    assert_eq!(
        (
            stored.status.as_str(),
            stored.audience.as_str(),
            stored.region_id
        ),
        ("draft", "youth", souss)
    );
    assert_eq!(
        consultation_text::Entity::find().count(&app.db).await.ok(),
        Some(2),
        "a text per language written"
    );
    let log = audit_entry::Entity::find()
        .all(&app.db)
        .await
        .unwrap_or_default();
    assert!(log.iter().any(|e| e.action == "consultation_created"
        && e.actor_user_id == Some(officer.user.0)
        && e.region_id == Some(souss)));
}
