//! The JSON API: shapes (snapshots), 404 bodies, the OpenAPI document.

use http::StatusCode;
use tests::{TestApp, TestResult, both_databases};

both_databases!(
    lists_the_regions,
    shows_a_region_with_provinces_and_thresholds,
    unknown_region_is_a_json_404,
    unknown_api_path_is_a_json_404,
    publishes_an_openapi_document,
);

async fn lists_the_regions(app: TestApp) -> TestResult {
    let response = app.get("/api/v1/regions").await;
    assert_eq!(response.status, StatusCode::OK);
    assert!(
        response
            .header("content-type")
            .starts_with("application/json")
    );
    insta::assert_json_snapshot!("regions_list", response.json());
    Ok(())
}

async fn shows_a_region_with_provinces_and_thresholds(app: TestApp) -> TestResult {
    let response = app.get("/api/v1/regions/souss-massa").await;
    assert_eq!(response.status, StatusCode::OK);
    insta::assert_json_snapshot!("region_souss_massa", response.json());
    let dakhla = app.get("/api/v1/regions/dakhla-oued-ed-dahab").await.json();
    assert_eq!(dakhla["threshold"]["signatures"], 300);
    assert_eq!(dakhla["threshold"]["per_province"], 15);
    Ok(())
}

async fn unknown_region_is_a_json_404(app: TestApp) -> TestResult {
    for path in ["/api/v1/regions/atlantide", "/api/v1/regions/NOT%20valid"] {
        let response = app.get(path).await;
        assert_eq!(response.status, StatusCode::NOT_FOUND, "{path}");
        insta::assert_json_snapshot!("region_not_found", response.json());
    }
    Ok(())
}

async fn unknown_api_path_is_a_json_404(app: TestApp) -> TestResult {
    let response = app.get("/api/v1/nothing/here").await;
    assert_eq!(response.status, StatusCode::NOT_FOUND);
    assert_eq!(response.json()["error"], "not_found");
    Ok(())
}

async fn publishes_an_openapi_document(app: TestApp) -> TestResult {
    let response = app.get("/api/v1/openapi.json").await;
    assert_eq!(response.status, StatusCode::OK);
    let doc = response.json();
    assert!(doc["openapi"].as_str().is_some_and(|v| v.starts_with("3.")));
    assert!(doc["paths"]["/regions"]["get"].is_object());
    assert!(doc["paths"]["/regions/{slug}"]["get"]["responses"]["404"].is_object());
    assert!(doc["components"]["schemas"]["RegionDetailDto"].is_object());
    Ok(())
}
