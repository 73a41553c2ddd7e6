//! Server basics: health and readiness, security headers, compression, body limit, assets.

use axum::body::Body;
use http::{Request, StatusCode};
use sea_orm::EntityTrait;
use tests::{PgDatabase, TestApp, TestResult, both_databases};

both_databases!(
    healthz_and_readyz_answer,
    every_response_has_security_headers,
    pages_are_compressed,
    oversized_bodies_are_refused_with_413,
    posts_from_other_sites_are_refused,
    stylesheet_is_served_with_a_long_cache,
    bundle_is_served_hashed_compressed_and_cached,
    pages_with_personal_data_are_never_stored,
    exports_of_personal_data_refuse_other_sites,
);

async fn healthz_and_readyz_answer(app: TestApp) -> TestResult {
    assert_eq!(app.get("/healthz").await.status, StatusCode::OK);
    assert_eq!(app.get("/readyz").await.status, StatusCode::OK);
    Ok(())
}

async fn every_response_has_security_headers(app: TestApp) -> TestResult {
    for path in ["/ar", "/api/v1/regions", "/fr/r/atlantide", "/"] {
        let response = app.get(path).await;
        let csp = response.header("content-security-policy");
        assert!(csp.contains("frame-ancestors 'none'"), "{path}: {csp}");
        assert!(csp.contains("script-src 'self' 'nonce-"), "{path}: {csp}");
        assert!(!csp.contains("unsafe-inline"), "{path}");
        assert_eq!(
            response.header("x-content-type-options"),
            "nosniff",
            "{path}"
        );
        assert_eq!(
            response.header("referrer-policy"),
            "strict-origin-when-cross-origin"
        );
        assert_eq!(response.header("x-frame-options"), "DENY");
    }
    // Inline scripts written by the page carry this response's nonce.
    let page = app.get("/en").await;
    let csp = page.header("content-security-policy");
    let nonce = csp
        .split("'nonce-")
        .nth(1)
        .and_then(|rest| rest.split('\'').next())
        .unwrap_or_default();
    assert!(nonce.len() >= 16);
    let body = page.text();
    assert!(body.contains(&format!("<script nonce=\"{nonce}\">")));
    assert_eq!(
        body.matches("<script nonce=").count(),
        body.matches(&format!("<script nonce=\"{nonce}\"")).count()
    );
    Ok(())
}

async fn pages_are_compressed(app: TestApp) -> TestResult {
    let response = app.get_with("/ar", &[("accept-encoding", "gzip")]).await;
    assert_eq!(response.status, StatusCode::OK);
    assert_eq!(response.header("content-encoding"), "gzip");
    let api = app
        .get_with("/api/v1/regions", &[("accept-encoding", "br")])
        .await;
    assert_eq!(api.header("content-encoding"), "br");
    Ok(())
}

async fn oversized_bodies_are_refused_with_413(app: TestApp) -> TestResult {
    let body = vec![b'a'; app.config.body_limit_bytes + 1];
    let request = Request::post("/fn/list_regions")
        .header("origin", tests::PUBLIC_URL)
        .header("host", "musharaka.test")
        .header("content-type", "application/x-www-form-urlencoded")
        .header("content-length", body.len())
        .body(Body::from(body))?;
    let response = app.request(request).await;
    assert_eq!(response.status, StatusCode::PAYLOAD_TOO_LARGE);
    Ok(())
}

async fn stylesheet_is_served_with_a_long_cache(app: TestApp) -> TestResult {
    let page = app.get("/en").await.text();
    let href = page
        .split("<link rel=\"stylesheet\" href=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .unwrap_or_else(|| panic!("no stylesheet link"));
    assert!(
        href.starts_with("/assets/style-") && href.ends_with(".css"),
        "{href}"
    );
    let css = app.get(href).await;
    assert_eq!(css.status, StatusCode::OK);
    assert!(css.header("content-type").starts_with("text/css"));
    assert!(css.header("cache-control").contains("immutable"));
    assert!(css.text().contains("margin-inline"));
    assert_eq!(
        app.get("/assets/style-000000000000.css").await.status,
        StatusCode::NOT_FOUND
    );
    Ok(())
}

/// Needs the bundle: `cargo xtask test` builds it before the tests.
async fn bundle_is_served_hashed_compressed_and_cached(app: TestApp) -> TestResult {
    let page = app.get("/ar").await.text();
    let boot = page
        .split("<script type=\"module\" src=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .unwrap_or_else(|| {
            panic!(
                "the page has no hydration script: build the bundle first (`cargo xtask test` does)"
            )
        })
        .to_owned();
    let wasm = page
        .split("as=\"fetch\"")
        .next()
        .and_then(|head| head.rsplit("href=\"").next())
        .and_then(|rest| rest.split('"').next())
        .unwrap_or_default()
        .to_owned();
    assert!(
        wasm.starts_with("/pkg/musharaka-") && wasm.ends_with(".wasm"),
        "{wasm}"
    );

    let boot_js = app.get(&boot).await;
    assert_eq!(boot_js.status, StatusCode::OK);
    assert!(
        boot_js
            .header("content-type")
            .starts_with("text/javascript")
    );
    assert!(boot_js.header("cache-control").contains("max-age=31536000"));
    assert!(boot_js.text().contains("hydrate()"));

    let module = app
        .get_with(&wasm, &[("accept-encoding", "br, gzip")])
        .await;
    assert_eq!(module.status, StatusCode::OK);
    assert_eq!(module.header("content-type"), "application/wasm");
    assert_eq!(module.header("content-encoding"), "br");
    assert!(module.header("cache-control").contains("immutable"));
    let plain = app.get(&wasm).await;
    assert_eq!(&plain.body[..4], b"\0asm");
    Ok(())
}

/// `/readyz` is 503 while the database is unreachable and recovers by itself when it returns.
#[tokio::test]
async fn readyz_follows_the_database() -> TestResult {
    let Some(database) = PgDatabase::create().await else {
        return Ok(());
    };
    let url = database.url.clone();
    let db = server::startup::prepare_database(&url, Some(2)).await?;
    let mut config = server::Config::for_database(&url);
    config.site_root = tests::site_root();
    let state = server::AppState::new(domain::AppContext::new(db, tests::test_keys()), &config);
    let router = server::build_router(state, &config);
    let readyz = || async {
        use tower::ServiceExt;
        let request = Request::get("/readyz")
            .body(Body::empty())
            .unwrap_or_default();
        router
            .clone()
            .oneshot(request)
            .await
            .map(|r| r.status())
            .unwrap_or_else(|e| match e {})
    };
    assert_eq!(readyz().await, StatusCode::OK);
    database.set_reachable(false).await;
    assert_eq!(readyz().await, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(readyz().await, StatusCode::SERVICE_UNAVAILABLE);
    database.set_reachable(true).await;
    let mut status = readyz().await;
    for _ in 0..20 {
        if status == StatusCode::OK {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(250)).await;
        status = readyz().await;
    }
    assert_eq!(
        status,
        StatusCode::OK,
        "readiness recovers when the database returns"
    );
    Ok(())
}

/// A database that is down at start: a clear error, not a panic.
#[tokio::test]
async fn unreachable_database_at_start_is_a_clear_error() -> TestResult {
    let result =
        server::startup::prepare_database("postgres://postgres@127.0.0.1:1/musharaka", None).await;
    let message = match result {
        Ok(_) => panic!("connected to a closed port"),
        Err(err) => err.to_string(),
    };
    assert!(
        message.starts_with("cannot connect to the database at postgres://"),
        "{message}"
    );
    Ok(())
}

/// A request that outlives `REQUEST_TIMEOUT_SECS` is answered with 408 (here the limit is zero,
/// and a page needs the database).
#[tokio::test]
async fn requests_that_take_too_long_get_408() -> TestResult {
    let app = TestApp::sqlite_with(|config| config.request_timeout_secs = 0).await;
    assert_eq!(
        app.get("/en/r/souss-massa").await.status,
        StatusCode::REQUEST_TIMEOUT
    );
    Ok(())
}

async fn posts_from_other_sites_are_refused(app: TestApp) -> TestResult {
    let post = |headers: Vec<(&'static str, &'static str)>| {
        let mut builder = Request::post("/fn/list_regions").header("host", "musharaka.test");
        for (name, value) in headers {
            builder = builder.header(name, value);
        }
        builder
            .body(Body::empty())
            .unwrap_or_else(|e| panic!("{e}"))
    };
    for headers in [
        vec![("origin", "https://evil.example")],
        vec![("origin", "null")],
        vec![("referer", "https://evil.example/form")],
        vec![],
    ] {
        let response = app.request(post(headers.clone())).await;
        assert_eq!(response.status, StatusCode::FORBIDDEN, "{headers:?}");
    }
    for headers in [
        vec![("origin", tests::PUBLIC_URL)],
        vec![("referer", "http://musharaka.test/fr/account/sign-in")],
    ] {
        let response = app.request(post(headers.clone())).await;
        assert_ne!(response.status, StatusCode::FORBIDDEN, "{headers:?}");
    }
    Ok(())
}

async fn pages_with_personal_data_are_never_stored(app: TestApp) -> TestResult {
    assert_eq!(app.get("/fr").await.header("strict-transport-security"), "");
    assert_ne!(
        app.get("/fr").await.header("cache-control"),
        "private, no-store",
        "public pages of anonymous visitors may be cached"
    );
    app.user("amina@example.ma").await;
    let mut amina = tests::Client::signed_in(&app, "amina@example.ma", "fr").await;
    for path in ["/fr/account", "/fr", "/fr/r/souss-massa/petitions"] {
        let page = amina.get(path).await;
        assert_eq!(page.status, StatusCode::OK, "{path}");
        assert_eq!(page.header("cache-control"), "private, no-store", "{path}");
    }
    let export = amina.get("/account/export.json").await;
    assert_eq!(export.status, StatusCode::OK);
    assert!(export.header("cache-control").contains("no-store"));
    Ok(())
}

#[tokio::test]
async fn https_sites_ask_browsers_to_keep_to_https() -> TestResult {
    let app = TestApp::sqlite_with(|config| {
        config.public_url = Some("https://musharaka.example.ma".into());
    })
    .await;
    assert_eq!(
        app.get("/fr").await.header("strict-transport-security"),
        "max-age=31536000; includeSubDomains"
    );
    Ok(())
}

async fn exports_of_personal_data_refuse_other_sites(app: TestApp) -> TestResult {
    let id = crate::petitions::published(&app, "souss-massa").await;
    crate::petitions::force_status(&app, id, domain::petitions::PetitionStatus::Deposited).await;
    let souss = app.region_id("souss-massa").await;
    app.staff(
        "officer@example.ma",
        Some(domain::roles::Role::CouncilOfficer { region_id: souss }),
    )
    .await;
    let mut officer = tests::Client::signed_in(&app, "officer@example.ma", "fr").await;
    let csv = format!("/files/petitions/{}/signatories.csv", id.0);
    let printable = format!("/fr/r/souss-massa/petitions/{}/signatories", id.0);
    for path in [csv.as_str(), printable.as_str(), "/account/export.json"] {
        for site in ["cross-site", "same-site"] {
            let refused = officer.get_with(path, &[("sec-fetch-site", site)]).await;
            assert_eq!(refused.status, StatusCode::FORBIDDEN, "{path} from {site}");
            assert!(refused.text().contains("<h1>"), "a page that explains");
        }
        for site in ["same-origin", "none"] {
            let served = officer.get_with(path, &[("sec-fetch-site", site)]).await;
            assert_eq!(served.status, StatusCode::OK, "{path} from {site}");
        }
    }
    // The printable list's server function, and its page with a trailing slash.
    for path in [
        format!("/fn/signatory_list?id={}", id.0),
        format!("{printable}/"),
    ] {
        let refused = officer
            .get_with(&path, &[("sec-fetch-site", "cross-site")])
            .await;
        assert_eq!(refused.status, StatusCode::FORBIDDEN, "{path}");
        assert!(!refused.text().contains("JB0"), "{path}");
    }
    let exports = domain::entities::audit_entry::Entity::find()
        .all(&app.db)
        .await
        .unwrap_or_default()
        .into_iter()
        .filter(|e| e.action == "signatories_exported")
        .count();
    assert_eq!(exports, 4, "refused requests left no line in the audit log");
    Ok(())
}
