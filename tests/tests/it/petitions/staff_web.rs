//! The staff's pages over HTTP: moderation from the petition page and the region's queue, the
//! council's steps, and the signatory list (printable and CSV) for the region's officers only.

use domain::entities::audit_entry;
use domain::petitions::deposit::deposit_petition;
use domain::petitions::signing::{self, NewSignature, SignatureForm};
use domain::petitions::{self, ModerationDecision, PetitionStatus};
use domain::roles::Role;
use http::StatusCode;
use sea_orm::EntityTrait;
use tests::{Client, TestApp, TestResult, both_databases};

use super::{citizen_form, file, set_threshold};
use crate::accounts::deliver;

both_databases!(
    a_long_signatory_list_is_exported_whole,
    moderators_decide_from_the_petition_page,
    officers_record_the_councils_steps_and_read_the_signatories,
);

async fn status(app: &TestApp, id: domain::types::PetitionId) -> PetitionStatus {
    domain::entities::petition::Entity::find_by_id(id.0)
        .one(&app.db)
        .await
        .ok()
        .flatten()
        .and_then(|p| PetitionStatus::parse(&p.status))
        .unwrap_or_else(|| panic!("petition {}", id.0))
}

async fn moderators_decide_from_the_petition_page(app: TestApp) -> TestResult {
    let souss = app.region_id("souss-massa").await;
    let oriental = app.region_id("oriental").await;
    let amina = app.user("amina@example.ma").await;
    let id = file(&app, amina, "souss-massa", &citizen_form()).await;
    app.staff("mod@example.ma", Some(Role::Moderator { region_id: souss }))
        .await;
    app.staff(
        "mod-oriental@example.ma",
        Some(Role::Moderator {
            region_id: oriental,
        }),
    )
    .await;
    let page = format!("/fr/r/souss-massa/petitions/{}", id.0);
    let id_text = id.0.to_string();

    let mut other = Client::signed_in(&app, "mod-oriental@example.ma", "fr").await;
    assert_eq!(
        other.get(&page).await.status,
        StatusCode::NOT_FOUND,
        "another region's moderator"
    );
    assert_eq!(
        other.get("/fr/r/souss-massa/moderation").await.status,
        StatusCode::NOT_FOUND
    );
    other
        .post_form(
            "/fn/moderate_petition",
            &[
                ("lang", "fr"),
                ("region", "souss-massa"),
                ("id", &id_text),
                ("decision", "publish"),
                ("note", ""),
            ],
        )
        .await;
    assert_eq!(
        status(&app, id).await,
        PetitionStatus::InModeration,
        "refused in the domain"
    );

    let mut moderator = Client::signed_in(&app, "mod@example.ma", "fr").await;
    let queue = moderator.get("/fr/r/souss-massa/moderation").await;
    assert_eq!(queue.status, StatusCode::OK);
    assert!(queue.text().contains(&format!("/petitions/{}\"", id.0)));
    let shown = moderator.get(&page).await.text();
    assert!(shown.contains("action=\"/fn/moderate_petition\""));

    moderator
        .post_form(
            "/fn/moderate_petition",
            &[
                ("lang", "fr"),
                ("region", "souss-massa"),
                ("id", &id_text),
                ("decision", "reject"),
                ("note", "Trop vague"),
            ],
        )
        .await;
    let shown = moderator.get(&page).await.text();
    assert!(shown.contains("Choisissez le motif du refus."));
    assert!(shown.contains("Trop vague"), "the note comes back");
    moderator
        .post_form(
            "/fn/moderate_petition",
            &[
                ("lang", "fr"),
                ("region", "souss-massa"),
                ("id", &id_text),
                ("decision", "publish"),
                ("note", ""),
            ],
        )
        .await;
    assert!(
        moderator
            .get(&page)
            .await
            .text()
            .contains("La décision est enregistrée")
    );
    assert_eq!(status(&app, id).await, PetitionStatus::Collecting);
    assert!(
        deliver(&app)
            .await
            .iter()
            .any(|m| m.to == "amina@example.ma")
    );
    Ok(())
}

async fn officers_record_the_councils_steps_and_read_the_signatories(app: TestApp) -> TestResult {
    set_threshold(&app, "souss-massa", 1, 0).await;
    let souss = app.region_id("souss-massa").await;
    let oriental = app.region_id("oriental").await;
    let amina = app.user("amina@example.ma").await;
    let id = file(&app, amina, "souss-massa", &citizen_form()).await;
    let moderator = app
        .staff("mod@example.ma", Some(Role::Moderator { region_id: souss }))
        .await;
    petitions::moderate_petition(&app.ctx(), &moderator, id, ModerationDecision::Publish).await?;
    let form = SignatureForm {
        full_name: "Youssef Amrani".into(),
        cin: "AB123456".into(),
        province: "agadir-ida-outanane".into(),
        basis: "residence".into(),
        electoral_roll: true,
        consent: true,
        email: "youssef@example.ma".into(),
        notify: true,
        lang: "fr".into(),
    };
    let signature = NewSignature::parse(&form).unwrap_or_else(|e| panic!("{e:?}"));
    signing::request_signature(&app.ctx(), id, signature, None, &Default::default()).await?;
    let sent = deliver(&app).await;
    let token = sent
        .iter()
        .find_map(|m| m.text.split("/confirm?token=").nth(1))
        .and_then(|r| r.split_whitespace().next())
        .unwrap_or_default()
        .to_owned();
    signing::confirm_signature(&app.ctx(), &token).await?;
    deposit_petition(&app.ctx(), amina, id).await?;
    app.staff(
        "officer@example.ma",
        Some(Role::CouncilOfficer { region_id: souss }),
    )
    .await;
    app.staff(
        "officer-oriental@example.ma",
        Some(Role::CouncilOfficer {
            region_id: oriental,
        }),
    )
    .await;
    let page = format!("/fr/r/souss-massa/petitions/{}", id.0);
    let id_text = id.0.to_string();
    let csv = format!("/files/petitions/{}/signatories.csv", id.0);
    let printable = format!("{page}/signatories");

    for email in [
        "officer-oriental@example.ma",
        "mod@example.ma",
        "amina@example.ma",
    ] {
        let mut someone = Client::signed_in(&app, email, "fr").await;
        assert_eq!(
            someone.get(&csv).await.status,
            StatusCode::NOT_FOUND,
            "{email}"
        );
        assert_eq!(
            someone.get(&printable).await.status,
            StatusCode::NOT_FOUND,
            "{email}"
        );
        assert!(!someone.get(&page).await.text().contains("AB123456"));
    }
    assert_eq!(
        Client::new(&app).get(&csv).await.status,
        StatusCode::NOT_FOUND
    );

    let mut officer = Client::signed_in(&app, "officer@example.ma", "fr").await;
    let shown = officer.get(&page).await.text();
    assert!(shown.contains("action=\"/petitions/council-step\""));
    assert!(shown.contains(&format!("href=\"{printable}\"")));
    let step = |decision: &'static str, extra: Vec<(&'static str, &'static str)>| {
        let mut fields = vec![
            ("lang", "fr"),
            ("region", "souss-massa"),
            ("decision", decision),
        ];
        fields.extend(extra);
        fields
    };
    let mut fields = step(
        "admissible",
        vec![
            ("committee", "Commission du transport"),
            ("session", "2027-04"),
        ],
    );
    fields.push(("id", &id_text));
    officer
        .post_multipart("/petitions/council-step", &fields, &[])
        .await;
    let shown = officer.get(&page).await.text();
    assert!(
        shown.contains("Choisissez le mois d"),
        "session months are checked"
    );
    assert!(shown.contains("value=\"Commission du transport\""));
    let mut fields = step(
        "admissible",
        vec![
            ("committee", "Commission du transport"),
            ("session", "2027-03"),
        ],
    );
    fields.push(("id", &id_text));
    officer
        .post_multipart("/petitions/council-step", &fields, &[])
        .await;
    let shown = officer.get(&page).await.text();
    assert!(shown.contains("est enregistrée ; le mandataire"), "{shown}");
    assert_eq!(status(&app, id).await, PetitionStatus::Admissible);

    // The answer, with its document: a file that is not a PDF is refused and nothing changes.
    let answer = "Le conseil inscrit la ligne au schéma régional des transports de 2027.";
    let mut fields = step("answer", vec![("answer", answer)]);
    fields.push(("id", &id_text));
    officer
        .post_multipart(
            "/petitions/council-step",
            &fields,
            &[("document", "reponse.pdf", b"MZ not a pdf")],
        )
        .await;
    assert!(
        officer
            .get(&page)
            .await
            .text()
            .contains("Seuls les PDF, PNG et JPEG sont acceptés")
    );
    assert_eq!(status(&app, id).await, PetitionStatus::Admissible);
    officer
        .post_multipart(
            "/petitions/council-step",
            &fields,
            &[("document", "reponse.pdf", super::PDF)],
        )
        .await;
    assert_eq!(status(&app, id).await, PetitionStatus::Answered);
    let public = Client::new(&app).get(&page).await.text();
    assert!(public.contains(answer));
    assert!(
        public.contains("reponse.pdf"),
        "the answer's document is public"
    );

    let list = officer.get(&printable).await;
    assert_eq!(list.status, StatusCode::OK);
    assert!(list.text().contains("AB123456") && list.text().contains("Youssef Amrani"));
    let file = officer.get(&csv).await;
    assert_eq!(file.status, StatusCode::OK);
    assert_eq!(file.header("content-type"), "text/csv; charset=utf-8");
    assert!(String::from_utf8_lossy(&file.body).contains("Youssef Amrani,AB123456,"));
    let exports = audit_entry::Entity::find()
        .all(&app.db)
        .await
        .unwrap_or_default()
        .into_iter()
        .filter(|e| e.action == "signatories_exported")
        .count();
    assert_eq!(exports, 2, "both exports are audit-logged, and only those");
    Ok(())
}

/// More signatories than one chunk of the streamed export: every one is in the file, in order.
async fn a_long_signatory_list_is_exported_whole(app: TestApp) -> TestResult {
    use domain::entities::signature;
    use domain::petitions::signatories::CHUNK;
    use sea_orm::Set;

    let souss = app.region_id("souss-massa").await;
    let id = super::published(&app, "souss-massa").await;
    let province = app.provinces("souss-massa").await[0].id;
    let keys = tests::test_keys();
    let total = usize::try_from(CHUNK).unwrap_or(2_000) + 500;
    let rows: Vec<signature::ActiveModel> = (0..total)
        .map(|n| signature::ActiveModel {
            petition_id: Set(id.0),
            cin_hash: Set(format!("hash-{n}")),
            cin_sealed: Set(keys
                .seal(&format!("JB{n:06}"))
                .unwrap_or_else(|e| panic!("{e}"))),
            full_name: Set(format!("Signataire {n}")),
            province_id: Set(province),
            basis: Set("residence".into()),
            email: Set(format!("s{n}@example.ma")),
            lang: Set("fr".into()),
            user_id: Set(None),
            notify: Set(false),
            withdraw_token_hash: Set(None),
            created_at: Set(app.clock_now()),
            ..Default::default()
        })
        .collect();
    for batch in rows.chunks(500) {
        signature::Entity::insert_many(batch.to_vec())
            .exec(&app.db)
            .await?;
    }
    super::force_status(&app, id, domain::petitions::PetitionStatus::Deposited).await;
    app.staff(
        "officer@example.ma",
        Some(Role::CouncilOfficer { region_id: souss }),
    )
    .await;
    let mut officer = Client::signed_in(&app, "officer@example.ma", "fr").await;
    let file = officer
        .get(&format!("/files/petitions/{}/signatories.csv", id.0))
        .await;
    assert_eq!(file.status, StatusCode::OK);
    let text = String::from_utf8_lossy(&file.body).into_owned();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), total + 1, "the header and every signatory");
    assert!(lines[1].starts_with("Signataire 0,JB000000,"));
    assert!(lines[total].starts_with(&format!("Signataire {},", total - 1)));

    // The printable list, a page of one chunk at a time, numbered across pages.
    let printable = format!("/fr/r/souss-massa/petitions/{}/signatories", id.0);
    let first = officer.get(&printable).await.text();
    assert!(first.contains(&format!("{total} signataires")), "the total");
    assert!(first.contains(&format!("<td>{CHUNK}<")));
    assert!(!first.contains(&format!("<td>{}<", CHUNK + 1)));
    let next = first
        .split("rel=\"next\"")
        .next()
        .and_then(|before| before.rsplit("href=\"").next())
        .and_then(|href| href.split('"').next())
        .unwrap_or_else(|| panic!("a next page"))
        .replace("&amp;", "&");
    let second = officer.get(&format!("{printable}{next}")).await.text();
    assert!(second.contains(&format!("<td>{}<", CHUNK + 1)));
    assert!(second.contains(&format!("<td>{total}<")));
    assert!(second.contains(&format!("Signataire {}<", total - 1)));
    assert!(!second.contains("rel=\"next\""), "the last page");
    Ok(())
}
