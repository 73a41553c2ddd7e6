//! Lists of a region's petitions: stages, competence, words in any script, pages; and the
//! similar petitions shown before filing.

use domain::petitions::lists::{ListQuery, Stage, list_petitions, similar_petitions};
use domain::petitions::{self, ModerationDecision, PetitionForm};
use domain::roles::Role;
use domain::types::RegionSlug;
use tests::{TestApp, TestResult, both_databases};

use super::{citizen_form, file};

both_databases!(lists_filter_search_and_page_through_a_regions_petitions);

fn slug(s: &str) -> RegionSlug {
    RegionSlug::parse(s).unwrap_or_else(|e| panic!("{e}"))
}

async fn lists_filter_search_and_page_through_a_regions_petitions(app: TestApp) -> TestResult {
    let souss = app.region_id("souss-massa").await;
    let amina = app.user("amina@example.ma").await;
    let moderator = app
        .staff("mod@example.ma", Some(Role::Moderator { region_id: souss }))
        .await;
    let ctx = app.ctx();
    let mut ids = Vec::new();
    for n in 0..23 {
        let form = PetitionForm {
            title: format!("Bibliothèque de quartier numéro {n}"),
            lang: "fr".into(),
            competence: if n % 2 == 0 {
                "culture_heritage"
            } else {
                "education"
            }
            .into(),
            ..citizen_form()
        };
        // Ten petitions a day per account at most: many citizens file these.
        let citizen = app.user(&format!("citizen{n}@example.ma")).await;
        let id = file(&app, citizen, "souss-massa", &form).await;
        petitions::moderate_petition(&ctx, &moderator, id, ModerationDecision::Publish).await?;
        ids.push(id);
    }
    let transport = file(
        &app,
        amina,
        "souss-massa",
        &PetitionForm {
            title: "Ligne de bus Agadir Taroudant".into(),
            request: "نطلب خطا للحافلات بين أكادير ومدينة تارودانت كل يوم.".into(),
            lang: "fr".into(),
            province: "taroudant".into(),
            ..citizen_form()
        },
    )
    .await;
    petitions::moderate_petition(&ctx, &moderator, transport, ModerationDecision::Publish).await?;
    // In moderation: in no public list.
    file(&app, amina, "souss-massa", &citizen_form()).await;

    let first = list_petitions(&ctx, &slug("souss-massa"), &ListQuery::default()).await?;
    assert_eq!(first.petitions.len(), 20);
    assert_eq!(first.petitions[0].id, transport, "newest first");
    let second = list_petitions(
        &ctx,
        &slug("souss-massa"),
        &ListQuery {
            before: first.next,
            ..ListQuery::default()
        },
    )
    .await?;
    assert_eq!(second.petitions.len(), 4);
    assert_eq!(second.next, None);
    assert_eq!(second.petitions.last().map(|p| p.id), ids.first().copied());

    let culture = list_petitions(
        &ctx,
        &slug("souss-massa"),
        &ListQuery {
            competence: Some("culture_heritage".into()),
            ..ListQuery::default()
        },
    )
    .await?;
    assert_eq!(culture.petitions.len(), 12);

    for words in ["taroudant", "TAROUD", "bus agadir", "تارودانت"] {
        let found = list_petitions(
            &ctx,
            &slug("souss-massa"),
            &ListQuery {
                words: Some(words.into()),
                ..ListQuery::default()
            },
        )
        .await?;
        assert_eq!(
            found.petitions.iter().map(|p| p.id).collect::<Vec<_>>(),
            [transport],
            "{words}"
        );
    }
    let nothing = list_petitions(
        &ctx,
        &slug("souss-massa"),
        &ListQuery {
            words: Some("\" OR 1=1 --".into()),
            ..ListQuery::default()
        },
    )
    .await
    .unwrap_or_else(|e| panic!("search syntax is inert: {e}"));
    assert!(nothing.petitions.is_empty());

    let deposited = list_petitions(
        &ctx,
        &slug("souss-massa"),
        &ListQuery {
            stage: Stage::Deposited,
            ..ListQuery::default()
        },
    )
    .await?;
    assert!(deposited.petitions.is_empty());
    // By the province concerned: only the bus line; a province of another region finds nothing.
    for (province, expected) in [("taroudant", vec![transport]), ("oujda-angad", vec![])] {
        let found = list_petitions(
            &ctx,
            &slug("souss-massa"),
            &ListQuery {
                province: Some(province.into()),
                ..ListQuery::default()
            },
        )
        .await?;
        let found: Vec<_> = found.petitions.iter().map(|p| p.id).collect();
        assert_eq!(found, expected, "{province}");
    }
    let page = app
        .get("/fr/r/souss-massa/petitions?competence=education&province=&q=")
        .await
        .text();
    assert!(
        page.contains("<option value=\"education\" selected"),
        "the filters stay chosen"
    );
    assert_eq!(page.matches("class=\"petition-card").count(), 11);
    let elsewhere = list_petitions(&ctx, &slug("oriental"), &ListQuery::default()).await?;
    assert!(elsewhere.petitions.is_empty(), "lists are per region");

    let similar = similar_petitions(&ctx, &slug("souss-massa"), "Un bus vers Taroudant ?").await?;
    assert_eq!(
        similar.iter().map(|p| p.id).collect::<Vec<_>>(),
        [transport]
    );
    Ok(())
}
