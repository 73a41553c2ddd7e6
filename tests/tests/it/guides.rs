//! The guides library: national guides by the platform admins, regional ones by the region's
//! council officers (refused to everyone else, logged); drafts seen by their writers only;
//! versions, history and diffs; adoption once per region, the copy replacing the national guide
//! in the region's list; the shipped guides' numbers following the region's settings; search in
//! full text; and the pages without JavaScript.

use domain::DomainError;
use domain::guides::editing::{
    GuideForm, GuideTextsForm, NewGuide, adopt_guide, create_guide, publish_guide, save_guide,
};
use domain::guides::history::{Change, diff_versions, guide_history};
use domain::guides::practices::PracticeForm;
use domain::guides::views::{GuideFilter, GuideScope, get_guide, list_guides, starter_guide};
use domain::regions::settings::{RegionSettings, SettingsForm, update_region_settings};
use domain::roles::Role;
use domain::text::TextsForm;
use domain::types::{GuideId, Lang, RegionSlug};
use http::StatusCode;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use tests::{Client, TestApp, TestResult, both_databases};

both_databases!(
    only_their_writers_write_guides,
    a_guide_is_drafted_published_and_versioned,
    the_shipped_guides_follow_the_regions_settings,
    a_region_adopts_a_guide_once_and_reads_its_copy,
    guides_are_searched_in_full_text,
    practices_are_told_with_their_tool_and_browsed_by_it,
    the_guides_pages_work_without_javascript,
);

fn guide(title: &str, body: &str) -> NewGuide {
    NewGuide::parse(&GuideForm {
        category: "practices".into(),
        fallback_lang: "fr".into(),
        texts: vec![GuideTextsForm {
            texts: TextsForm {
                lang: "fr".into(),
                title: title.into(),
                summary: "Ce que le conseil a appris.".into(),
                body: body.into(),
            },
            needs_review: false,
        }],
        practice: practice("participatory_budget"),
    })
    .unwrap_or_else(|e| panic!("{e:?}"))
}

/// A practice with `tool`, from March to October 2025, with a contact.
fn practice(tool: &str) -> PracticeForm {
    PracticeForm {
        tool: tool.into(),
        started_on: "2025-03-01".into(),
        ended_on: "2025-10-31".into(),
        partners: "Associations de quartier, Université Ibn Zohr".into(),
        contact_name: "Service de la participation".into(),
        contact_email: "participation@souss-massa.ma".into(),
        contact_phone: String::new(),
    }
}

/// Posts `fields` to `path`.
async fn post(
    client: &mut Client<'_>,
    path: &str,
    fields: Vec<(&'static str, String)>,
) -> tests::TestResponse {
    let borrowed: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    client.post_form(path, &borrowed).await
}

fn souss() -> RegionSlug {
    RegionSlug::parse("souss-massa").unwrap_or_else(|e| panic!("{e}"))
}

/// The council officer of Souss-Massa.
async fn officer(app: &TestApp) -> domain::roles::Actor {
    let region_id = app.region_id("souss-massa").await;
    app.staff(
        "officer@example.ma",
        Some(Role::CouncilOfficer { region_id }),
    )
    .await
}

fn library() -> GuideFilter {
    GuideFilter {
        scope: GuideScope::Library(None),
        category: None,
        tool: None,
        search: String::new(),
    }
}

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

async fn the_guides_pages_work_without_javascript(app: TestApp) -> TestResult {
    officer(&app).await;
    let ctx = app.ctx();
    let how = starter_guide(&ctx, "how_to_petition", None)
        .await?
        .unwrap_or_else(|| panic!("shipped"));
    let mut visitor = Client::new(&app);
    let library = visitor.get("/fr/guides").await;
    assert_eq!(library.status, StatusCode::OK);
    let html = library.text();
    assert!(html.contains("Guides : 6"), "{html}");
    assert!(
        html.contains("Déclaration d&#x27;accessibilité")
            || html.contains("Déclaration d'accessibilité")
    );
    let page = visitor
        .get(&format!("/fr/r/souss-massa/guides/{}", how.0))
        .await
        .text();
    assert!(page.contains("500 signatures"));
    let national = visitor.get(&format!("/ar/guides/{}", how.0)).await.text();
    assert!(national.contains(&format!("href=\"/ar/r/souss-massa/guides/{}\"", how.0)));
    let amazigh = visitor.get(&format!("/zgh/guides/{}", how.0)).await.text();
    assert!(amazigh.contains("role=\"note\""));
    for path in [
        "/fr/guides/99999".to_owned(),
        format!("/fr/r/nowhere/guides/{}", how.0),
        format!("/fr/guides/{}/edit", how.0),
        "/fr/guides/new".to_owned(),
    ] {
        assert_eq!(
            visitor.get(&path).await.status,
            StatusCode::NOT_FOUND,
            "{path}"
        );
    }

    // An officer writes a guide: a mistake first, what was typed comes back.
    let mut officer = Client::signed_in(&app, "officer@example.ma", "fr").await;
    let new = officer.get("/fr/r/souss-massa/guides/new").await;
    assert_eq!(new.status, StatusCode::OK);
    let fields = |title: &str| {
        vec![
            ("lang", "fr".to_owned()),
            ("region", "souss-massa".to_owned()),
            ("id", String::new()),
            ("guide[category]", "practices".to_owned()),
            ("guide[fallback_lang]", "fr".to_owned()),
            ("guide[title_fr]", title.to_owned()),
            ("guide[summary_fr]", "Un forum annuel.".to_owned()),
            (
                "guide[body_fr]",
                "Il réunit {{provinces}} provinces.".to_owned(),
            ),
            ("guide[practice_tool]", "consultative_bodies".to_owned()),
            (
                "guide[practice_contact_name]",
                "Forum des jeunes".to_owned(),
            ),
            (
                "guide[practice_contact_phone]",
                "+212 528 22 33 44".to_owned(),
            ),
        ]
    };
    let bad = post(&mut officer, "/fn/save_guide", fields("Non")).await;
    assert_eq!(bad.header("location"), "/fr/r/souss-massa/guides/new");
    let back = officer.get("/fr/r/souss-massa/guides/new").await.text();
    assert!(back.contains("Un forum annuel.") && back.contains("aria-describedby"));
    let good = post(
        &mut officer,
        "/fn/save_guide",
        fields("Forum régional des jeunes"),
    )
    .await;
    let location = good.header("location").to_owned();
    assert!(location.ends_with("?draft=1"), "{location}");
    let draft = officer.get(&location).await.text();
    assert!(draft.contains("Il réunit 6 provinces."));
    assert!(draft.contains("+212 528 22 33 44") && draft.contains("Forum des jeunes"));
    let id: i32 = location
        .trim_start_matches("/fr/guides/")
        .trim_end_matches("?draft=1")
        .parse()?;
    assert_eq!(
        visitor.get(&format!("/fr/guides/{id}")).await.status,
        StatusCode::NOT_FOUND,
        "a draft is not public"
    );
    post(
        &mut officer,
        "/fn/publish_guide",
        vec![("lang", "fr".to_owned()), ("id", id.to_string())],
    )
    .await;
    assert_eq!(
        visitor.get(&format!("/fr/guides/{id}")).await.status,
        StatusCode::OK
    );
    // A citizen's post changes nothing.
    let mut amina = Client::signed_in(&app, "amina@example.ma", "fr").await;
    let mut forged = fields("Forum détourné par une citoyenne");
    forged[2].1 = id.to_string();
    post(&mut amina, "/fn/save_guide", forged).await;
    let page = visitor.get(&format!("/fr/guides/{id}")).await.text();
    assert!(page.contains("Forum régional des jeunes") && !page.contains("détourné"));

    // The officer adopts the national guide from its page.
    let national = officer.get(&format!("/fr/guides/{}", how.0)).await.text();
    assert!(national.contains("action=\"/fn/adopt_guide\""));
    let adopted = post(
        &mut officer,
        "/fn/adopt_guide",
        vec![
            ("lang", "fr".to_owned()),
            ("id", how.0.to_string()),
            ("into", "souss-massa".to_owned()),
        ],
    )
    .await;
    assert!(adopted.header("location").ends_with("/edit"));
    let form = officer.get(adopted.header("location")).await.text();
    assert!(form.contains("Comment adresser une pétition au conseil de {{region}}"));

    // The history compares two versions.
    post(&mut officer, "/fn/save_guide", {
        let mut second = fields("Forum régional des jeunes");
        second[2].1 = id.to_string();
        second[7].1 = "Il réunit toutes les provinces.".to_owned();
        second
    })
    .await;
    post(
        &mut officer,
        "/fn/publish_guide",
        vec![("lang", "fr".to_owned()), ("id", id.to_string())],
    )
    .await;
    let history = visitor
        .get(&format!("/fr/guides/{id}/history?from=1&to=2&text_lang=fr"))
        .await
        .text();
    assert!(history.contains("<del dir=\"auto\">Il réunit {{provinces}} provinces."));
    assert!(history.contains("<ins dir=\"auto\">Il réunit toutes les provinces."));
    // A body over 50,000 characters is refused, nothing changes.
    let mut long = fields("Forum régional des jeunes");
    long[2].1 = id.to_string();
    long[7].1 = "x".repeat(60_000);
    post(&mut officer, "/fn/save_guide", long).await;
    let history = guide_history(&ctx, None, GuideId(id)).await?;
    assert_eq!(history.len(), 2);
    Ok(())
}
