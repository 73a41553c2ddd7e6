//! The shipped guides and their numbers, search, practices.

use tests::both_databases;

use super::*;

both_databases!(
    the_shipped_guides_follow_the_regions_settings,
    guides_are_searched_in_full_text,
    practices_are_told_with_their_tool_and_browsed_by_it,
);

async fn the_shipped_guides_follow_the_regions_settings(app: TestApp) -> TestResult {
    let ctx = app.ctx();
    let shipped = list_guides(&ctx, &library(), Lang::Fr, 1).await?;
    assert_eq!(shipped.total, 6, "six guides are shipped");
    let how = starter_guide(&ctx, "how_to_petition", None)
        .await?
        .unwrap_or_else(|| panic!("shipped"));
    let read = get_guide(&ctx, None, how, Some(&souss()), Lang::Fr, false).await?;
    assert!(
        read.text.title.contains("Souss-Massa"),
        "{}",
        read.text.title
    );
    assert!(read.text.html.contains("<strong>500 signatures</strong>"));
    assert!(read.text.html.contains("<strong>25</strong>"));
    assert!(!read.per_region);
    // Nationally, the numbers depend on the region.
    let national = get_guide(&ctx, None, how, None, Lang::Fr, false).await?;
    assert!(national.per_region && national.text.html.contains("(selon la région)"));
    // Amazigh is a draft awaiting review.
    let amazigh = get_guide(&ctx, None, how, None, Lang::Zgh, false).await?;
    assert!(amazigh.text.translated && amazigh.text.needs_review);

    // An admin changes the threshold: the guide says so at once.
    let admin = app.admin().await;
    let settings = RegionSettings::parse(&SettingsForm {
        population_year: "2024".into(),
        signature_threshold: "640".into(),
        per_province_minimum: "32".into(),
        collection_days: "75".into(),
        bureau_decision_months: "3".into(),
        session_months: "3,10".into(),
    })
    .unwrap_or_else(|e| panic!("{e:?}"));
    update_region_settings(&ctx, &admin, app.region_id("souss-massa").await, settings).await?;
    let read = get_guide(&ctx, None, how, Some(&souss()), Lang::Fr, false).await?;
    assert!(read.text.html.contains("<strong>640 signatures</strong>"));
    assert!(read.text.html.contains("<strong>32</strong>"));
    assert!(read.text.html.contains("<strong>75 jours</strong>"));
    assert!(read.text.html.contains("mars, octobre"));
    let arabic = get_guide(&ctx, None, how, Some(&souss()), Lang::Ar, false).await?;
    assert!(arabic.text.html.contains("640"));
    // Another region keeps its own numbers.
    let oriental = RegionSlug::parse("oriental")?;
    let other = get_guide(&ctx, None, how, Some(&oriental), Lang::Fr, false).await?;
    assert!(other.text.html.contains("<strong>400 signatures</strong>"));
    Ok(())
}

async fn guides_are_searched_in_full_text(app: TestApp) -> TestResult {
    let ctx = app.ctx();
    let search = |words: &str| GuideFilter {
        scope: GuideScope::Library(None),
        category: None,
        tool: None,
        search: words.to_owned(),
    };
    let found = list_guides(&ctx, &search("CNDP"), Lang::Fr, 1).await?;
    let titles: Vec<&str> = found.guides.iter().map(|g| g.title.as_str()).collect();
    assert_eq!(
        titles,
        ["Signer une pétition et ce que deviennent vos données"]
    );
    let arabic = list_guides(&ctx, &search("الاستشارة"), Lang::Ar, 1).await?;
    assert!(arabic.total >= 1);
    assert_eq!(
        list_guides(&ctx, &search("zzyzx"), Lang::Fr, 1)
            .await?
            .total,
        0
    );
    // A draft is not found; once published, it is.
    let officer = officer(&app).await;
    let id = create_guide(
        &ctx,
        &officer,
        Some(&souss()),
        guide("Caravane de l'eau", "Une caravane a visité 30 douars."),
    )
    .await?;
    assert_eq!(
        list_guides(&ctx, &search("caravane douars"), Lang::Fr, 1)
            .await?
            .total,
        0
    );
    publish_guide(&ctx, &officer, id).await?;
    let found = list_guides(&ctx, &search("caravane douars"), Lang::Fr, 1).await?;
    assert_eq!(found.guides.iter().map(|g| g.id).collect::<Vec<_>>(), [id]);
    // Filtered by category and by region.
    let practices = GuideFilter {
        scope: GuideScope::Library(Some(Some(app.region_id("souss-massa").await))),
        category: Some(domain::guides::Category::Practices),
        tool: None,
        search: String::new(),
    };
    assert_eq!(list_guides(&ctx, &practices, Lang::Fr, 1).await?.total, 1);
    // A region's list, filtered and searched together.
    let souss_id = app.region_id("souss-massa").await;
    for (category, words, expected) in [
        (domain::guides::Category::Practices, "caravane", 1),
        (domain::guides::Category::Law, "CNDP", 1),
        (domain::guides::Category::Law, "caravane", 0),
    ] {
        let filter = GuideFilter {
            scope: GuideScope::Region(souss_id),
            category: Some(category),
            tool: None,
            search: words.to_owned(),
        };
        assert_eq!(
            list_guides(&ctx, &filter, Lang::Fr, 1).await?.total,
            expected,
            "{words}"
        );
    }
    Ok(())
}

async fn practices_are_told_with_their_tool_and_browsed_by_it(app: TestApp) -> TestResult {
    let ctx = app.ctx();
    let officer = officer(&app).await;
    // A practice needs its tool and a contact; another category ignores them.
    let mut form = GuideForm {
        category: "practices".into(),
        fallback_lang: "fr".into(),
        texts: vec![GuideTextsForm {
            texts: TextsForm {
                lang: "fr".into(),
                title: "Budget participatif d'Agadir".into(),
                summary: "Les habitants ont choisi douze projets.".into(),
                body: "## Ce qui a été fait\n\nDes ateliers dans chaque quartier.".into(),
            },
            needs_review: false,
        }],
        practice: PracticeForm {
            tool: "lottery".into(),
            contact_name: "Service de la participation".into(),
            ..PracticeForm::default()
        },
    };
    let codes: Vec<&str> = NewGuide::parse(&form)
        .err()
        .unwrap_or_default()
        .iter()
        .map(DomainError::code)
        .collect();
    assert_eq!(codes, ["tool_invalid", "contact_missing"]);
    form.category = "consultations".into();
    assert_eq!(
        NewGuide::parse(&form)
            .unwrap_or_else(|e| panic!("{e:?}"))
            .practice,
        None
    );
    form.category = "practices".into();
    form.practice = practice("participatory_budget");
    let budget = create_guide(
        &ctx,
        &officer,
        Some(&souss()),
        NewGuide::parse(&form).unwrap_or_else(|e| panic!("{e:?}")),
    )
    .await?;
    publish_guide(&ctx, &officer, budget).await?;
    form.practice = practice("public_meetings");
    form.texts[0].texts.title = "Réunions publiques de Tiznit".into();
    let meetings = create_guide(
        &ctx,
        &officer,
        Some(&souss()),
        NewGuide::parse(&form).unwrap_or_else(|e| panic!("{e:?}")),
    )
    .await?;
    publish_guide(&ctx, &officer, meetings).await?;

    let by_tool = |tool: &'static str| GuideFilter {
        scope: GuideScope::Library(None),
        category: None,
        tool: Some(tool),
        search: String::new(),
    };
    let found = list_guides(&ctx, &by_tool("participatory_budget"), Lang::Fr, 1).await?;
    assert_eq!(
        found.guides.iter().map(|g| g.id).collect::<Vec<_>>(),
        [budget]
    );
    assert_eq!(found.guides[0].tool, Some("participatory_budget"));
    assert_eq!(
        list_guides(&ctx, &by_tool("petitions"), Lang::Fr, 1)
            .await?
            .total,
        0
    );
    // A later version told with another tool: the list goes by the current version only.
    form.practice = practice("consultations");
    save_guide(
        &ctx,
        &officer,
        meetings,
        NewGuide::parse(&form).unwrap_or_else(|e| panic!("{e:?}")),
    )
    .await?;
    publish_guide(&ctx, &officer, meetings).await?;
    let ids = |page: domain::guides::views::GuidePage| {
        page.guides.iter().map(|g| g.id).collect::<Vec<_>>()
    };
    assert_eq!(
        ids(list_guides(&ctx, &by_tool("public_meetings"), Lang::Fr, 1).await?),
        []
    );
    assert_eq!(
        ids(list_guides(&ctx, &by_tool("consultations"), Lang::Fr, 1).await?),
        [meetings]
    );
    let read = get_guide(&ctx, None, budget, None, Lang::Fr, false).await?;
    let facts = read.practice.unwrap_or_else(|| panic!("a practice"));
    assert_eq!(
        (facts.tool, facts.contact_email.as_deref()),
        ("participatory_budget", Some("participation@souss-massa.ma"))
    );
    // Another region adopts it: the facts come with the copy.
    let oriental = app.region_id("oriental").await;
    let other = app
        .staff(
            "officer-oriental@example.ma",
            Some(Role::CouncilOfficer {
                region_id: oriental,
            }),
        )
        .await;
    let copy = adopt_guide(&ctx, &other, budget, &RegionSlug::parse("oriental")?).await?;
    let copied = get_guide(&ctx, Some(&other), copy, None, Lang::Fr, false).await?;
    assert_eq!(
        copied.practice.map(|p| p.tool),
        Some("participatory_budget")
    );
    Ok(())
}
