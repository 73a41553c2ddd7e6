//! Each council's identity: set by the region's council officers and the platform admins only
//! (refusals logged), checked (a colour that carries white text, a PNG or JPEG logo), public.

use domain::DomainError;
use domain::regions::identity::{
    Identity, IdentityForm, Logo, region_identity, region_logo, set_identity, set_logo,
};
use domain::roles::Role;
use domain::types::{Lang, RegionSlug};
use http::StatusCode;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use tests::{Client, TestApp, TestResult, both_databases};

both_databases!(
    only_the_regions_officers_and_admins_set_its_identity,
    officers_set_the_identity_and_every_region_page_shows_it,
    the_council_signs_its_emails_and_presents_itself,
    logo_requests_out_of_turn_change_nothing,
);

const PNG: &[u8] =
    b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89";

/// Souss-Massa's identity: a dark green, its contact, a presentation in Arabic and French.
pub(crate) fn identity() -> Identity {
    Identity::parse(&IdentityForm {
        colour: "#0b5d3b".into(),
        address: "Avenue Hassan II, Agadir".into(),
        email: "contact@souss-massa.ma".into(),
        phone: "+212 528 22 33 44".into(),
        hours: "Du lundi au vendredi, 8 h 30 – 16 h 30".into(),
        presentation: [
            "مجلس جهة سوس ماسة في خدمة ساكنة الجهة.".into(),
            String::new(),
            "Le conseil de la région Souss-Massa, au service de ses habitants.".into(),
            String::new(),
        ],
        languages: vec!["fr".into()],
    })
    .unwrap_or_else(|e| panic!("{e:?}"))
}

async fn only_the_regions_officers_and_admins_set_its_identity(app: TestApp) -> TestResult {
    let ctx = app.ctx();
    let souss = RegionSlug::parse("souss-massa")?;
    let before = region_identity(&ctx, &souss).await?;
    assert_eq!(
        before.languages,
        [Lang::Ar, Lang::Zgh],
        "Arabic and Amazigh always"
    );
    assert!(before.colour.is_none() && !before.has_logo);

    for (who, actor) in app.not_officers_of("souss-massa").await {
        let refused = set_identity(&ctx, &actor, &souss, identity()).await;
        let logo = set_logo(
            &ctx,
            &actor,
            &souss,
            Some(Logo::parse("logo.png", PNG.to_vec())?),
        )
        .await;
        if who == "platform admin" {
            assert!(
                refused.is_ok() && logo.is_ok(),
                "an admin sets any region's identity"
            );
            continue;
        }
        assert!(matches!(refused, Err(DomainError::Forbidden)), "{who}");
        assert!(matches!(logo, Err(DomainError::Forbidden)), "{who}");
    }
    let denied = domain::entities::audit_entry::Entity::find()
        .filter(domain::entities::audit_entry::Column::Action.eq("access_denied"))
        .count(&app.db)
        .await?;
    assert_eq!(denied, 6, "each refusal is logged");

    let region_id = app.region_id("souss-massa").await;
    let officer = app
        .staff(
            "officer@example.ma",
            Some(Role::CouncilOfficer { region_id }),
        )
        .await;
    let mut changed = identity();
    changed.hours = "Du lundi au vendredi, 8 h – 16 h".into();
    set_identity(&ctx, &officer, &souss, changed).await?;
    let read = region_identity(&ctx, &souss).await?;
    assert_eq!(read.colour.as_deref(), Some("#0b5d3b"));
    assert_eq!(read.hours, "Du lundi au vendredi, 8 h – 16 h");
    assert_eq!(read.languages, [Lang::Ar, Lang::Zgh, Lang::Fr]);
    assert!(read.presentation_in(Lang::Fr).starts_with("Le conseil"));
    assert!(read.has_logo, "the admin's logo stayed");
    let (data, kind) = region_logo(&ctx, &souss).await?;
    assert_eq!((data.as_slice(), kind.as_str()), (PNG, "image/png"));
    set_logo(&ctx, &officer, &souss, None).await?;
    assert!(matches!(
        region_logo(&ctx, &souss).await,
        Err(DomainError::NotFound)
    ));
    // Another region is untouched; an unknown one is not found.
    let oriental = region_identity(&ctx, &RegionSlug::parse("oriental")?).await?;
    assert!(oriental.colour.is_none());
    assert!(matches!(
        set_identity(&ctx, &officer, &RegionSlug::parse("atlantis")?, identity()).await,
        Err(DomainError::NotFound)
    ));
    let logged = domain::entities::audit_entry::Entity::find()
        .filter(domain::entities::audit_entry::Column::Action.eq("region_identity_changed"))
        .count(&app.db)
        .await?;
    assert_eq!(logged, 4);
    Ok(())
}

async fn officers_set_the_identity_and_every_region_page_shows_it(app: TestApp) -> TestResult {
    let region_id = app.region_id("souss-massa").await;
    app.staff(
        "officer@example.ma",
        Some(Role::CouncilOfficer { region_id }),
    )
    .await;
    app.user("amina@example.ma").await;
    let mut officer = Client::signed_in(&app, "officer@example.ma", "fr").await;
    let mut amina = Client::signed_in(&app, "amina@example.ma", "fr").await;
    let page = "/fr/r/souss-massa/identity";
    assert_eq!(amina.get(page).await.status, StatusCode::NOT_FOUND);
    assert_eq!(
        Client::new(&app).get(page).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(officer.get(page).await.status, StatusCode::OK);

    let fields = |colour: &'static str| {
        vec![
            ("lang", "fr"),
            ("region", "souss-massa"),
            ("identity[colour]", colour),
            ("identity[address]", "Avenue Hassan II, Agadir"),
            ("identity[email]", "contact@souss-massa.ma"),
            ("identity[phone]", "+212 528 22 33 44"),
            ("identity[hours]", "Du lundi au vendredi"),
            (
                "identity[presentation_fr]",
                "Le conseil au service des habitants.",
            ),
            ("identity[lang_fr]", "on"),
        ]
    };
    // A pale colour is refused, explained, and what was typed comes back; a citizen changes
    // nothing.
    let pale = officer
        .post_form("/fn/save_identity", &fields("#ffd700"))
        .await;
    assert_eq!(pale.header("location"), page);
    let back = officer.get(page).await.text();
    assert!(back.contains("trop claire") && back.contains("value=\"Avenue Hassan II, Agadir\""));
    amina
        .post_form("/fn/save_identity", &fields("#0b5d3b"))
        .await;
    let souss = RegionSlug::parse("souss-massa")?;
    assert!(region_identity(&app.ctx(), &souss).await?.colour.is_none());
    officer
        .post_form("/fn/save_identity", &fields("#0b5d3b"))
        .await;
    assert!(
        officer
            .get(page)
            .await
            .text()
            .contains("identité du conseil est enregistrée")
    );

    // Every page of the region shows the band and the contact; the colour comes as a sheet.
    let mut visitor = Client::new(&app);
    let petitions = visitor.get("/ar/r/souss-massa/petitions").await.text();
    assert!(petitions.contains("class=\"council-band\""));
    assert!(petitions.contains("href=\"/files/regions/souss-massa/colour.css\""));
    assert!(petitions.contains("contact@souss-massa.ma"));
    let css = visitor.get("/files/regions/souss-massa/colour.css").await;
    assert_eq!(css.header("content-type"), "text/css; charset=utf-8");
    assert!(css.text().contains("#0b5d3b"));
    assert_eq!(
        visitor
            .get("/files/regions/oriental/colour.css")
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    // Other regions' pages and the home page have no band of Souss-Massa.
    let home = visitor.get("/fr").await.text();
    assert!(!home.contains("council-band"));

    // The logo: a PNG by the officer; a PDF, or a citizen's upload, refused.
    let fields = [("lang", "fr"), ("region", "souss-massa")];
    amina
        .post_multipart("/regions/logo", &fields, &[("logo", "logo.png", PNG)])
        .await;
    assert_eq!(
        visitor.get("/files/regions/souss-massa/logo").await.status,
        StatusCode::NOT_FOUND
    );
    officer
        .post_multipart(
            "/regions/logo",
            &fields,
            &[("logo", "plan.pdf", b"%PDF-1.4\n%%EOF\n")],
        )
        .await;
    assert!(officer.get(page).await.text().contains("PNG ou JPEG"));
    officer
        .post_multipart("/regions/logo", &fields, &[("logo", "logo.png", PNG)])
        .await;
    let logo = visitor.get("/files/regions/souss-massa/logo").await;
    assert_eq!(logo.header("content-type"), "image/png");
    assert_eq!(logo.header("x-content-type-options"), "nosniff");
    let petitions = visitor.get("/fr/r/souss-massa/petitions").await.text();
    assert!(petitions.contains("src=\"/files/regions/souss-massa/logo\""));
    Ok(())
}

async fn the_council_signs_its_emails_and_presents_itself(app: TestApp) -> TestResult {
    let ctx = app.ctx();
    let souss = RegionSlug::parse("souss-massa")?;
    set_identity(&ctx, &app.admin().await, &souss, identity()).await?;
    // The representative's email about their petition ends with the council and its contact.
    let amina = app.user("amina@example.ma").await;
    let id = crate::petitions::file(
        &app,
        amina,
        "souss-massa",
        &crate::petitions::citizen_form(),
    )
    .await;
    let region_id = app.region_id("souss-massa").await;
    let moderator = app
        .staff("mod@example.ma", Some(Role::Moderator { region_id }))
        .await;
    domain::petitions::moderate_petition(
        &ctx,
        &moderator,
        id,
        domain::petitions::ModerationDecision::Publish,
    )
    .await?;
    let sent = crate::accounts::deliver(&app).await;
    let email = sent
        .iter()
        .find(|e| e.to == "amina@example.ma")
        .unwrap_or_else(|| panic!("no email to the representative: {sent:?}"));
    assert!(
        email.text.ends_with(
            "\nConseil de Souss-Massa\nAvenue Hassan II, Agadir\n+212 528 22 33 44\n\
             contact@souss-massa.ma\nDu lundi au vendredi, 8 h 30 – 16 h 30\n"
        ),
        "{}",
        email.text
    );
    assert!(
        email
            .html
            .contains("<span dir=\"auto\">Avenue Hassan II, Agadir</span>")
    );

    // The region's page presents the council in the reader's language, else in one it wrote.
    let mut visitor = Client::new(&app);
    let fr = visitor.get("/fr/r/souss-massa").await.text();
    assert!(fr.contains("<h2 id=\"council-heading\">Le conseil"));
    assert!(fr.contains(
        "lang=\"fr\" dir=\"auto\">Le conseil de la région Souss-Massa, au service de ses habitants."
    ));
    let en = visitor.get("/en/r/souss-massa").await.text();
    assert!(en.contains("lang=\"ar\" dir=\"auto\">مجلس جهة سوس ماسة"));
    let oriental = visitor.get("/fr/r/oriental").await.text();
    assert!(
        !oriental.contains("council-heading"),
        "nothing written, nothing shown"
    );
    Ok(())
}

async fn logo_requests_out_of_turn_change_nothing(app: TestApp) -> TestResult {
    let region_id = app.region_id("souss-massa").await;
    app.staff(
        "officer@example.ma",
        Some(Role::CouncilOfficer { region_id }),
    )
    .await;
    let oriental = app.region_id("oriental").await;
    app.staff(
        "officer-oriental@example.ma",
        Some(Role::CouncilOfficer {
            region_id: oriental,
        }),
    )
    .await;
    app.user("amina@example.ma").await;
    let mut officer = Client::signed_in(&app, "officer@example.ma", "fr").await;
    let fields = [("lang", "fr"), ("region", "souss-massa")];
    // Not a multipart form: a clear 4xx, nothing stored.
    let plain = officer.post_form("/regions/logo", &fields).await;
    assert!(plain.status.is_client_error(), "{}", plain.status);
    let mut visitor = Client::new(&app);
    let logo = "/files/regions/souss-massa/logo";
    assert_eq!(visitor.get(logo).await.status, StatusCode::NOT_FOUND);
    // A forged region: nothing stored anywhere.
    let forged = officer
        .post_multipart(
            "/regions/logo",
            &[("lang", "fr"), ("region", "../oriental")],
            &[("logo", "logo.png", PNG)],
        )
        .await;
    assert!(forged.status.is_redirection() || forged.status.is_client_error());
    assert!(matches!(
        region_logo(&app.ctx(), &RegionSlug::parse("oriental")?).await,
        Err(DomainError::NotFound)
    ));
    officer
        .post_multipart("/regions/logo", &fields, &[("logo", "logo.png", PNG)])
        .await;
    assert_eq!(visitor.get(logo).await.status, StatusCode::OK);
    // A citizen and another region's officer cannot remove it; its own officer can.
    for who in ["amina@example.ma", "officer-oriental@example.ma"] {
        let mut client = Client::signed_in(&app, who, "fr").await;
        client.post_form("/fn/remove_logo", &fields).await;
        assert_eq!(visitor.get(logo).await.status, StatusCode::OK, "{who}");
    }
    let removed = officer.post_form("/fn/remove_logo", &fields).await;
    assert_eq!(removed.header("location"), "/fr/r/souss-massa/identity");
    assert_eq!(visitor.get(logo).await.status, StatusCode::NOT_FOUND);
    Ok(())
}
