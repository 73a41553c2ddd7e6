//! A petition's page at a glance: the count with a bar to the threshold, the provinces at their
//! minimum, the days left in words, one "Sign" action that becomes "you signed" for the one who
//! signed, share links (plain links) for a public petition only; the signatures on the region's
//! map of its provinces; days in each language's words; user text in its own direction.

use domain::petitions::page::petition_page;
use domain::petitions::profiles::{self, parse_profile};
use domain::types::RegionSlug;
use tests::{Client, TestApp, TestResult, both_databases};

use super::{citizen_form, file, published, youssef_signs};

both_databases!(the_petition_page_leads_with_its_count_days_left_and_one_action);

async fn the_petition_page_leads_with_its_count_days_left_and_one_action(
    app: TestApp,
) -> TestResult {
    let ctx = app.ctx();
    let id = published(&app, "souss-massa").await;
    let youssef = app.user("youssef@example.ma").await;
    let signer = parse_profile(&youssef_signs()).unwrap_or_else(|e| panic!("{e:?}"));
    profiles::save_signer_profile(&ctx, youssef, signer).await?;
    profiles::sign_with_profile(&ctx, youssef, id, false, &Default::default()).await?;

    let page = petition_page(&ctx, None, &RegionSlug::parse("souss-massa")?, id).await?;
    let days = page
        .collection_days_left
        .unwrap_or_else(|| panic!("collecting"));
    assert!(days > 10, "the region's collection period: {days} days");
    let progress = page
        .progress
        .unwrap_or_else(|| panic!("a citizen petition"));
    let path = format!("/fr/r/souss-massa/petitions/{}", id.0);

    // A visitor: the count and its bar, the provinces, the days left, one Sign action, sharing.
    let mut visitor = Client::new(&app);
    let html = visitor.get(&path).await.text();
    let lead = html
        .split("<section aria-labelledby=\"glance-count\" class=\"glance\">")
        .nth(1)
        .unwrap_or_else(|| panic!("no lead: {html}"));
    assert!(lead.contains("<strong>1<"));
    assert!(lead.contains(&format!(
        "<progress max=\"100\" value=\"{}\" aria-labelledby=\"glance-count\" class=\"glance-bar\">",
        progress.percent()
    )));
    assert!(lead.contains(&format!(
        "{} préfectures et provinces sur {} atteignent le minimum",
        progress.provinces_met(),
        progress.provinces.len()
    )));
    assert_eq!(
        lead.matches("<li class=\"multiple").count(),
        progress.provinces.len(),
        "one small bar per prefecture and province"
    );
    assert!(lead.contains(&format!("Il reste {days} jours pour signer.")));
    assert!(lead.contains("<a href=\"#sign\" class=\"action-button\">Signer la pétition<"));
    let the_lead_first = html.find("class=\"glance\"") < html.find("id=\"request-heading\"");
    assert!(the_lead_first, "the lead comes before the text");
    let url = format!("{}{path}", ctx.public_url);
    assert!(html.contains(&format!("value=\"{url}\"")));
    let encoded = url.replace(':', "%3A").replace('/', "%2F");
    assert!(html.contains(&format!(
        "href=\"https://www.facebook.com/sharer/sharer.php?u={encoded}\""
    )));
    assert!(html.contains("href=\"https://wa.me/?text="));
    assert!(html.contains("href=\"https://x.com/intent/post?text="));
    assert!(
        !html.contains("<script src=\"http"),
        "no third-party script"
    );
    // The signatures on the region's map of its prefectures and provinces, each shaded.
    let map = html
        .split("<figure class=\"chart province-map\">")
        .nth(1)
        .and_then(|rest| rest.split("</figure>").next())
        .unwrap_or_else(|| panic!("no province map: {html}"));
    assert!(map.contains("role=\"img\""));
    assert_eq!(map.matches("<path ").count(), progress.provinces.len());
    assert_eq!(map.matches("class=\"province province-some\"").count(), 1);
    let none = map.matches("class=\"province province-none\"").count();
    assert_eq!(none, progress.provinces.len() - 1);
    assert!(
        map.contains("<title>Agadir Ida-Outanane — signatures : 1<"),
        "{map}"
    );
    assert!(map.contains("Minimum atteint") && map.contains("Aucune signature encore"));
    // Days as each language writes them, for people; ISO for machines.
    assert!(html.contains("<time datetime=\"2026-11-29\">29 novembre 2026<"));
    let arabic = visitor
        .get(&format!("/ar/r/souss-massa/petitions/{}", id.0))
        .await
        .text();
    assert!(arabic.contains("<time datetime=\"2026-11-29\">29 نونبر 2026<"));

    // The one who signed reads so, and no second Sign action.
    let mut signed = Client::signed_in(&app, "youssef@example.ma", "fr").await;
    let html = signed.get(&path).await.text();
    assert!(
        html.contains("<p role=\"status\" class=\"you-signed\">✓ Vous avez signé cette pétition.<")
    );
    assert!(!html.contains("class=\"action-button\""));

    // A petition still in moderation: its representative sees no share links, nor a lead.
    let amina = app.user("amina@example.ma").await;
    let draft = file(&app, amina, "souss-massa", &citizen_form()).await;
    let mut representative = Client::signed_in(&app, "amina@example.ma", "fr").await;
    let html = representative
        .get(&format!("/fr/r/souss-massa/petitions/{}", draft.0))
        .await
        .text();
    assert!(!html.contains("share-heading") && !html.contains("action-button"));

    // An Arabic petition on a French page, and its card in the list, keep their own direction.
    assert!(html.contains("<h1 dir=\"auto\">"));
    let list = visitor.get("/fr/r/souss-massa/petitions").await.text();
    assert!(list.contains(&format!(
        "lang=\"ar\" dir=\"auto\">{}",
        citizen_form().title
    )));
    Ok(())
}
