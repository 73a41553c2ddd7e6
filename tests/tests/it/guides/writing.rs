//! Who writes guides, drafts and versions, adoption.

use tests::both_databases;

use super::*;

both_databases!(
    only_their_writers_write_guides,
    a_guide_is_drafted_published_and_versioned,
    a_region_adopts_a_guide_once_and_reads_its_copy,
);

async fn only_their_writers_write_guides(app: TestApp) -> TestResult {
    let ctx = app.ctx();
    let admin = app.admin().await;
    let officer = officer(&app).await;
    let national =
        create_guide(&ctx, &admin, None, guide("Budget participatif", "Étapes.")).await?;
    let regional = create_guide(
        &ctx,
        &officer,
        Some(&souss()),
        guide("Forum des jeunes", "Étapes."),
    )
    .await?;
    let forbidden = |r: Result<(), DomainError>| matches!(r, Err(DomainError::Forbidden));
    // An admin does not write a region's guides; an officer does not write national ones.
    assert!(matches!(
        create_guide(&ctx, &admin, Some(&souss()), guide("Guide imposé", "x")).await,
        Err(DomainError::Forbidden)
    ));
    assert!(matches!(
        create_guide(&ctx, &officer, None, guide("Guide national", "x")).await,
        Err(DomainError::Forbidden)
    ));
    assert!(forbidden(publish_guide(&ctx, &admin, regional).await));
    assert!(forbidden(publish_guide(&ctx, &officer, national).await));
    for (who, actor) in app.not_officers_of("souss-massa").await {
        if who == "platform admin" {
            continue;
        }
        assert!(
            forbidden(save_guide(&ctx, &actor, regional, guide("Forum détourné", "x")).await),
            "{who}"
        );
        assert!(
            forbidden(publish_guide(&ctx, &actor, regional).await),
            "{who}"
        );
        assert!(
            forbidden(publish_guide(&ctx, &actor, national).await),
            "{who}"
        );
        assert!(
            matches!(
                create_guide(&ctx, &actor, Some(&souss()), guide("Intrus", "x")).await,
                Err(DomainError::Forbidden)
            ),
            "{who}"
        );
    }
    // A draft is read by its writers only.
    let citizen = app.staff("amina@example.ma", None).await;
    for viewer in [None, Some(&citizen), Some(&admin)] {
        assert!(matches!(
            get_guide(&ctx, viewer, regional, None, Lang::Fr, false).await,
            Err(DomainError::NotFound)
        ));
    }
    let seen = get_guide(&ctx, Some(&officer), regional, None, Lang::Fr, false).await?;
    assert!(seen.may_edit && seen.published_at.is_none());
    // A forged id is unknown.
    assert!(matches!(
        publish_guide(&ctx, &admin, GuideId(99_999)).await,
        Err(DomainError::NotFound)
    ));
    let denied = domain::entities::audit_entry::Entity::find()
        .filter(domain::entities::audit_entry::Column::Action.eq("access_denied"))
        .count(&app.db)
        .await?;
    assert!(denied >= 16, "each refusal is logged ({denied})");
    Ok(())
}

async fn a_guide_is_drafted_published_and_versioned(app: TestApp) -> TestResult {
    let ctx = app.ctx();
    let officer = officer(&app).await;
    let id = create_guide(
        &ctx,
        &officer,
        Some(&souss()),
        guide(
            "Forum des jeunes",
            "Le forum réunit 40 jeunes.\n\nIl se tient en mai.",
        ),
    )
    .await?;
    publish_guide(&ctx, &officer, id).await?;
    assert!(matches!(
        publish_guide(&ctx, &officer, id).await,
        Err(DomainError::Conflict("nothing_to_publish"))
    ));
    save_guide(
        &ctx,
        &officer,
        id,
        guide(
            "Forum des jeunes",
            "Le forum réunit 60 jeunes.\n\nIl se tient en mai.",
        ),
    )
    .await?;
    // The public still reads version 1; the writer reads the draft when asking for it.
    let public = get_guide(&ctx, None, id, None, Lang::Fr, true).await?;
    assert_eq!(public.version, 1);
    assert!(public.text.html.contains("40 jeunes") && !public.has_draft);
    let draft = get_guide(&ctx, Some(&officer), id, None, Lang::Fr, true).await?;
    assert_eq!(draft.version, 2);
    assert!(draft.text.html.contains("60 jeunes"));
    let published = get_guide(&ctx, Some(&officer), id, None, Lang::Fr, false).await?;
    assert!(published.has_draft && published.version == 1);
    // Read in Arabic, it is shown in French and says so.
    let arabic = get_guide(&ctx, None, id, None, Lang::Ar, false).await?;
    assert_eq!(
        (arabic.text.lang, arabic.text.translated),
        (Lang::Fr, false)
    );
    // Read in another region, it is not there.
    let oriental = RegionSlug::parse("oriental")?;
    assert!(matches!(
        get_guide(&ctx, None, id, Some(&oriental), Lang::Fr, false).await,
        Err(DomainError::NotFound)
    ));

    // The public history has the published version only, and no names.
    let public = guide_history(&ctx, None, id).await?;
    assert_eq!(public.len(), 1);
    assert_eq!(public[0].edited_by, None);
    publish_guide(&ctx, &officer, id).await?;
    let history = guide_history(&ctx, Some(&officer), id).await?;
    let numbers: Vec<i32> = history.iter().map(|v| v.number).collect();
    assert_eq!(numbers, [2, 1], "newest first");
    assert_eq!(history[0].edited_by.as_deref(), Some("officer@example.ma"));
    let diff = diff_versions(&ctx, None, id, (1, 2), Lang::Fr).await?;
    let changed: Vec<(Change, &str)> = diff
        .body
        .iter()
        .filter(|l| l.change != Change::Same)
        .map(|l| (l.change, l.text.as_str()))
        .collect();
    assert_eq!(
        changed,
        [
            (Change::Removed, "Le forum réunit 40 jeunes."),
            (Change::Added, "Le forum réunit 60 jeunes."),
        ]
    );
    assert!(diff.title.iter().all(|l| l.change == Change::Same));
    assert!(matches!(
        diff_versions(&ctx, None, id, (1, 7), Lang::Fr).await,
        Err(DomainError::NotFound)
    ));
    let logged = domain::entities::audit_entry::Entity::find()
        .filter(domain::entities::audit_entry::Column::Action.is_in([
            "guide_created",
            "guide_saved",
            "guide_published",
        ]))
        .count(&app.db)
        .await?;
    assert_eq!(logged, 4);
    Ok(())
}

async fn a_region_adopts_a_guide_once_and_reads_its_copy(app: TestApp) -> TestResult {
    let ctx = app.ctx();
    let officer = officer(&app).await;
    let souss_id = app.region_id("souss-massa").await;
    let how = starter_guide(&ctx, "how_to_petition", Some(souss_id))
        .await?
        .unwrap_or_else(|| panic!("shipped"));
    let offered = get_guide(&ctx, Some(&officer), how, None, Lang::Fr, false).await?;
    let into: Vec<&str> = offered.adopt_into.iter().map(|r| r.slug.as_str()).collect();
    assert_eq!(into, ["souss-massa"]);
    let copy = adopt_guide(&ctx, &officer, how, &souss()).await?;
    assert!(matches!(
        adopt_guide(&ctx, &officer, how, &souss()).await,
        Err(DomainError::Conflict("guide_already_adopted"))
    ));
    let region_list = GuideFilter {
        scope: GuideScope::Region(souss_id),
        category: None,
        tool: None,
        search: String::new(),
    };
    let before = list_guides(&ctx, &region_list, Lang::Fr, 1).await?;
    assert!(
        before.guides.iter().any(|g| g.id == how),
        "the copy is a draft yet"
    );
    let mut adapted = guide(
        "Pétitionner le conseil de {{region}}",
        "Ici, il faut {{threshold}} signatures. Le guichet du conseil à Agadir vous aide.",
    );
    adapted.category = domain::guides::Category::Petitioning;
    save_guide(&ctx, &officer, copy, adapted).await?;
    publish_guide(&ctx, &officer, copy).await?;
    let after = list_guides(&ctx, &region_list, Lang::Fr, 1).await?;
    assert!(
        !after.guides.iter().any(|g| g.id == how),
        "replaced by the copy"
    );
    let item = after
        .guides
        .iter()
        .find(|g| g.id == copy)
        .unwrap_or_else(|| panic!("listed"));
    assert!(item.adopted && item.title == "Pétitionner le conseil de Souss-Massa");
    assert_eq!(
        starter_guide(&ctx, "how_to_petition", Some(souss_id)).await?,
        Some(copy)
    );
    let read = get_guide(&ctx, None, copy, None, Lang::Fr, false).await?;
    let origin = read.origin.unwrap_or_else(|| panic!("remembered"));
    assert_eq!(
        (origin.guide, origin.region, origin.version),
        (how, None, 1)
    );
    assert!(read.text.html.contains("500 signatures"));
    // Another region still reads the national one; its officer may adopt the copy too.
    let oriental = app.region_id("oriental").await;
    let other = app
        .staff(
            "officer-oriental@example.ma",
            Some(Role::CouncilOfficer {
                region_id: oriental,
            }),
        )
        .await;
    assert_eq!(
        starter_guide(&ctx, "how_to_petition", Some(oriental)).await?,
        Some(how)
    );
    let offered = get_guide(&ctx, Some(&other), copy, None, Lang::Fr, false).await?;
    assert_eq!(offered.adopt_into.len(), 1);
    // A citizen adopts nothing.
    let citizen = app.staff("amina@example.ma", None).await;
    assert!(matches!(
        adopt_guide(&ctx, &citizen, copy, &RegionSlug::parse("oriental")?).await,
        Err(DomainError::Forbidden)
    ));
    Ok(())
}
