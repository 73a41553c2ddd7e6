//! From collection to the council's answer: progress and its emails, deposit and its receipt,
//! the council's steps (only its officers of the region), news to signers, the signatory list.

use domain::DomainError;
use domain::entities::audit_entry;
use domain::petitions::council::{CouncilDecision, CouncilForm, record_council_step};
use domain::petitions::deposit::deposit_petition;
use domain::petitions::signatories::{ExportFormat, export_signatories, signatories_csv};
use domain::petitions::signing::{self, NewSignature, SignatureForm};
use domain::petitions::{
    self, AttachmentPurpose, ModerationDecision, NewAttachment, PetitionStatus, progress,
};
use domain::roles::Role;
use domain::types::PetitionId;
use sea_orm::EntityTrait;
use tests::{TestApp, TestResult, both_databases};

use super::{PDF, citizen_form, file};
use crate::accounts::deliver;

both_databases!(
    a_petition_goes_from_signatures_to_the_councils_answer,
    only_officers_of_the_region_take_the_councils_steps,
    petitions_expire_without_enough_signatures,
);

/// Souss-Massa asks for 12 signatures, 2 in each of its 6 provinces, so that a test can
/// reach it.
async fn small_threshold(app: &TestApp) {
    super::set_threshold(app, "souss-massa", 12, 2).await;
}

async fn published(app: &TestApp) -> (PetitionId, domain::types::UserId) {
    let amina = app.user("amina@example.ma").await;
    let id = file(app, amina, "souss-massa", &citizen_form()).await;
    let souss = app.region_id("souss-massa").await;
    let moderator = app
        .staff("mod@example.ma", Some(Role::Moderator { region_id: souss }))
        .await;
    petitions::moderate_petition(&app.ctx(), &moderator, id, ModerationDecision::Publish)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    deliver(app).await;
    (id, amina)
}

/// Signs `id` by email with a new CIN from `province`; `n` numbers the signer.
pub(super) async fn sign(
    app: &TestApp,
    id: PetitionId,
    province: &str,
    n: u32,
) -> Result<(), DomainError> {
    let form = SignatureForm {
        full_name: format!("Signataire {n}"),
        cin: format!("JB{n:06}"),
        province: province.into(),
        basis: "residence".into(),
        electoral_roll: true,
        consent: true,
        email: format!("signer{n}@example.ma"),
        notify: n.is_multiple_of(2),
        lang: if n.is_multiple_of(3) { "ar" } else { "fr" }.into(),
    };
    let signature = NewSignature::parse(&form).unwrap_or_else(|e| panic!("{e:?}"));
    signing::request_signature(&app.ctx(), id, signature, None, &Default::default()).await?;
    let sent = deliver(app).await;
    let token = sent[0]
        .text
        .split("/confirm?token=")
        .nth(1)
        .and_then(|r| r.split_whitespace().next())
        .unwrap_or_default()
        .to_owned();
    signing::confirm_signature(&app.ctx(), &token)
        .await
        .map(|_| ())
}

async fn refresh(app: &TestApp) -> progress::ProgressReport {
    progress::refresh_progress(&app.ctx())
        .await
        .unwrap_or_else(|e| panic!("{e}"))
}

async fn status(app: &TestApp, id: PetitionId) -> PetitionStatus {
    petitions::get_petition(&app.ctx(), None, id)
        .await
        .unwrap_or_else(|e| panic!("{e}"))
        .summary
        .status
}

async fn a_petition_goes_from_signatures_to_the_councils_answer(app: TestApp) -> TestResult {
    small_threshold(&app).await;
    let (id, amina) = published(&app).await;
    let ctx = app.ctx();
    let provinces: Vec<String> = app
        .provinces("souss-massa")
        .await
        .into_iter()
        .map(|p| p.code)
        .collect();
    assert_eq!(provinces.len(), 6);

    // 10 signatures, all in the first two provinces: half the total, not the spread.
    for n in 0..10 {
        sign(&app, id, &provinces[(n % 2) as usize], n).await?;
    }
    let report = refresh(&app).await;
    assert_eq!((report.recounted, report.reached), (1, 0));
    assert_eq!(status(&app, id).await, PetitionStatus::Collecting);
    let half = deliver(&app).await;
    assert_eq!(half.len(), 1, "the 50% email");
    assert_eq!(
        half[0].subject,
        "Votre pétition a la moitié de ses signatures"
    );
    insta::assert_snapshot!(
        "progress_half_email_fr",
        half[0]
            .text
            .replace(&format!("/petitions/{}", id.0), "/petitions/[id]")
    );
    assert!(matches!(
        deposit_petition(&ctx, amina, id).await,
        Err(DomainError::Conflict("threshold_not_met"))
    ));

    for (n, province) in provinces.iter().enumerate().skip(2) {
        for k in 0..2 {
            sign(
                &app,
                id,
                province,
                100 + u32::try_from(n * 2 + k).unwrap_or(0),
            )
            .await?;
        }
    }
    assert_eq!(refresh(&app).await.reached, 1);
    assert_eq!(status(&app, id).await, PetitionStatus::ThresholdReached);
    let full = deliver(&app).await;
    assert_eq!(full.len(), 1);
    assert_eq!(full[0].subject, "Votre pétition a toutes ses signatures");
    assert_eq!(
        petitions::get_petition(&ctx, None, id)
            .await
            .map(|p| p.summary.signature_count)
            .ok(),
        Some(18)
    );

    let stranger = app.user("karim@example.ma").await;
    assert!(matches!(
        deposit_petition(&ctx, stranger, id).await,
        Err(DomainError::Forbidden)
    ));
    let receipt = deposit_petition(&ctx, amina, id).await?;
    let code = domain::regions::list_regions(&ctx)
        .await
        .unwrap_or_default()
        .into_iter()
        .find(|r| r.slug == "souss-massa")
        .map(|r| r.code)
        .unwrap_or_default();
    assert_eq!(receipt.reference, format!("{code}-2026-00001"));
    assert_eq!(
        receipt.decision_due_at.date_naive().to_string(),
        "2027-01-29",
        "two months after the deposit"
    );
    let sent = deliver(&app).await;
    assert_eq!(sent.len(), 1);
    assert!(sent[0].subject.contains(&receipt.reference));
    insta::assert_snapshot!(
        "deposit_receipt_email_fr",
        sent[0]
            .text
            .replace(&format!("/petitions/{}", id.0), "/petitions/[id]")
    );
    assert!(
        matches!(
            sign(&app, id, &provinces[0], 999).await,
            Err(DomainError::Conflict("not_collecting"))
        ),
        "signing stops at deposit"
    );

    let souss = app.region_id("souss-massa").await;
    let officer = app
        .staff(
            "officer@example.ma",
            Some(Role::CouncilOfficer { region_id: souss }),
        )
        .await;
    let step = |form: CouncilForm| CouncilDecision::parse(&form, &[3, 7, 10]);
    let decision = |decision: &str| CouncilForm {
        decision: decision.into(),
        ..CouncilForm::default()
    };
    assert!(matches!(
        step(CouncilForm {
            committee: "Commission du transport".into(),
            session: "2027-04".into(),
            ..decision("admissible")
        }),
        Err(DomainError::Validation {
            code: "session_invalid",
            ..
        })
    ));
    assert!(
        step(decision("inadmissible")).is_err(),
        "reasons are required"
    );
    for (form, expected) in [
        (decision("start_review"), PetitionStatus::UnderReview),
        (
            CouncilForm {
                committee: "Commission de l'aménagement et du transport".into(),
                session: "2027-03".into(),
                ..decision("admissible")
            },
            PetitionStatus::Admissible,
        ),
        (
            CouncilForm {
                sitting_on: "2027-03-08".into(),
                ..decision("schedule")
            },
            PetitionStatus::Scheduled,
        ),
    ] {
        let parsed = step(form)?;
        let got = record_council_step(&ctx, &officer, id, parsed, None).await?;
        assert_eq!(got, expected);
    }
    let answer = step(CouncilForm {
        answer: "Le conseil a voté la création de la ligne Agadir–Taroudant en 2027.".into(),
        ..decision("answer")
    })?;
    let document =
        NewAttachment::parse(AttachmentPurpose::Answer, "deliberation.pdf", PDF.to_vec())?;
    assert_eq!(
        record_council_step(&ctx, &officer, id, answer, Some(document))
            .await
            .ok(),
        Some(PetitionStatus::Answered)
    );

    let page = petitions::get_petition(&ctx, None, id).await?;
    assert_eq!(
        page.timeline
            .iter()
            .map(|e| (e.step.as_str(), e.actor_role.as_str()))
            .collect::<Vec<_>>(),
        [
            ("submitted", "representative"),
            ("published", "moderator"),
            ("threshold_reached", "system"),
            ("deposited", "representative"),
            ("review_started", "council_officer"),
            ("decided_admissible", "council_officer"),
            ("scheduled", "council_officer"),
            ("answered", "council_officer"),
        ]
    );
    assert_eq!(page.attachments.len(), 2);
    // The session's month and the sitting's day, in the reader's words.
    let html = tests::Client::new(&app)
        .get(&format!("/fr/r/souss-massa/petitions/{}", id.0))
        .await
        .text();
    assert!(html.contains("<dd>mars 2027<"), "the session");
    assert!(
        html.contains("aménagement et du transport — mars 2027<"),
        "the admissibility"
    );
    assert!(
        html.contains("<p dir=\"auto\" class=\"note\">8 mars 2027<"),
        "the sitting"
    );
    let arabic = tests::Client::new(&app)
        .get(&format!("/ar/r/souss-massa/petitions/{}", id.0))
        .await
        .text();
    assert!(arabic.contains("<dd>مارس 2027<"));

    // The news reaches the representative and the 9 signers who asked for it, at each step.
    let mut queued = 0;
    loop {
        let n = domain::mailings::send_due_mailings(&ctx, 4).await?;
        if n == 0 {
            break;
        }
        queued += n;
    }
    assert_eq!(queued, 4 * 10);
    let news = deliver(&app).await;
    assert_eq!(news.len(), 40);
    assert!(news.iter().any(|m| m.to == "amina@example.ma"));
    assert!(
        news.iter().all(|m| m.to != "signer1@example.ma"),
        "signer 1 did not opt in"
    );
    assert!(
        news.iter().any(|m| m.subject == "جديد العريضة"),
        "in the signer's language"
    );
    let admissible = news
        .iter()
        .find(|m| m.to == "amina@example.ma" && m.text.contains("recevable"))
        .unwrap_or_else(|| panic!("the representative hears of the decision"));
    insta::assert_snapshot!(
        "council_news_admissible_email_fr",
        admissible
            .text
            .replace(&format!("/petitions/{}", id.0), "/petitions/[id]")
    );

    // The signatory list, for the council's file.
    let list = match export_signatories(&ctx, &officer, id, ExportFormat::Csv).await {
        Ok(export) => export.all().await?,
        Err(e) => panic!("{e}"),
    };
    assert_eq!(list.len(), 18);
    assert_eq!(list[0].cin, "JB000000");
    let csv = String::from_utf8(signatories_csv(&list).unwrap_or_default()).unwrap_or_default();
    assert!(csv.starts_with(
        "\u{feff}full_name,cin,province_fr,province_ar,basis,signed_at,paper_batch\n"
    ));
    assert!(csv.contains("Signataire 0,JB000000,"));
    let log = audit_entry::Entity::find()
        .all(&app.db)
        .await
        .unwrap_or_default();
    assert!(log.iter().any(|e| e.action == "signatories_exported"
        && e.actor_user_id == Some(officer.user.0)
        && e.detail.contains("\"lines\":18")));
    assert!(log.iter().any(|e| e.action == "petition_answered"));
    Ok(())
}

async fn only_officers_of_the_region_take_the_councils_steps(app: TestApp) -> TestResult {
    let souss = app.region_id("souss-massa").await;
    let oriental = app.region_id("oriental").await;
    let amina = app.user("amina@example.ma").await;
    let form = domain::petitions::PetitionForm {
        kind: "association".into(),
        association_name: "Association Tifawin".into(),
        association_registered_on: "2019-03-12".into(),
        association_seat: "Agadir".into(),
        ..citizen_form()
    };
    let petition = domain::petitions::NewPetition::parse(&form, app.clock_now().date_naive())
        .unwrap_or_else(|e| panic!("{e:?}"));
    let mandate = NewAttachment::parse(AttachmentPurpose::Mandate, "mandat.pdf", PDF.to_vec())?;
    let region = domain::types::RegionSlug::parse("souss-massa")?;
    let id = petitions::file_petition(&app.ctx(), amina, &region, petition, vec![mandate]).await?;
    let moderator = app
        .staff("mod@example.ma", Some(Role::Moderator { region_id: souss }))
        .await;
    petitions::moderate_petition(&app.ctx(), &moderator, id, ModerationDecision::Publish).await?;
    deposit_petition(&app.ctx(), amina, id)
        .await
        .unwrap_or_else(|e| panic!("an association petition needs no signatures: {e}"));

    let refused = [
        ("citizen", app.staff("citizen@example.ma", None).await),
        ("moderator of the region", moderator),
        (
            "officer of another region",
            app.staff(
                "officer-oriental@example.ma",
                Some(Role::CouncilOfficer {
                    region_id: oriental,
                }),
            )
            .await,
        ),
        ("platform admin", app.admin().await),
    ];
    let decisions = [
        CouncilDecision::StartReview,
        CouncilDecision::Admissible {
            committee: "Commission".into(),
            session: "2027-03".into(),
        },
        CouncilDecision::Inadmissible {
            reasons: "Hors compétence".into(),
        },
        CouncilDecision::Schedule {
            sitting_on: chrono::NaiveDate::from_ymd_opt(2027, 3, 8).unwrap_or_default(),
        },
        CouncilDecision::Answer {
            text: "Réponse".into(),
        },
    ];
    for (who, actor) in &refused {
        for decision in &decisions {
            assert!(
                matches!(
                    record_council_step(&app.ctx(), actor, id, decision.clone(), None).await,
                    Err(DomainError::Forbidden)
                ),
                "{who}: {decision:?}"
            );
        }
        assert!(matches!(
            export_signatories(&app.ctx(), actor, id, ExportFormat::Printable).await,
            Err(DomainError::Forbidden)
        ));
    }
    assert_eq!(
        status(&app, id).await,
        PetitionStatus::Deposited,
        "unchanged"
    );
    let officer = app
        .staff(
            "officer@example.ma",
            Some(Role::CouncilOfficer { region_id: souss }),
        )
        .await;
    assert!(
        matches!(
            record_council_step(&app.ctx(), &officer, id, decisions[3].clone(), None).await,
            Err(DomainError::Conflict("step_not_allowed"))
        ),
        "a sitting before any decision"
    );
    // The session must be one of the petition's region (whatever region the form named).
    let elsewhere = CouncilDecision::Admissible {
        committee: "Commission".into(),
        session: "2027-05".into(),
    };
    assert!(matches!(
        record_council_step(&app.ctx(), &officer, id, elsewhere, None).await,
        Err(DomainError::Validation {
            code: "session_invalid",
            ..
        })
    ));
    // An officer who represents the petition may not decide on it.
    let own_officer = app
        .staff(
            "officer-amina@example.ma",
            Some(Role::CouncilOfficer { region_id: souss }),
        )
        .await;
    sea_orm::ActiveModelTrait::update(
        domain::entities::petition::ActiveModel {
            id: sea_orm::Set(id.0),
            representative_id: sea_orm::Set(Some(own_officer.user.0)),
            ..Default::default()
        },
        &app.db,
    )
    .await?;
    assert!(matches!(
        record_council_step(&app.ctx(), &own_officer, id, decisions[0].clone(), None).await,
        Err(DomainError::Forbidden)
    ));
    // Every refusal is in the audit log, with the operation tried.
    let denied: Vec<String> = audit_entry::Entity::find()
        .all(&app.db)
        .await
        .unwrap_or_default()
        .into_iter()
        .filter(|e| e.action == "access_denied")
        .map(|e| e.detail)
        .collect();
    assert_eq!(denied.len(), refused.len() * (decisions.len() + 1) + 1);
    assert!(denied.iter().any(|d| d.contains("record_council_step")));
    assert!(denied.iter().any(|d| d.contains("export_signatories")));
    assert_eq!(
        record_council_step(&app.ctx(), &officer, id, decisions[2].clone(), None)
            .await
            .ok(),
        Some(PetitionStatus::Inadmissible)
    );
    Ok(())
}

async fn petitions_expire_without_enough_signatures(app: TestApp) -> TestResult {
    small_threshold(&app).await;
    let (id, _) = published(&app).await;
    let province = app.provinces("souss-massa").await[0].code.clone();
    sign(&app, id, &province, 1).await?;
    app.clock.advance(chrono::Duration::days(89));
    assert_eq!(refresh(&app).await.expired, 0);
    app.clock.advance(chrono::Duration::days(1));
    assert_eq!(refresh(&app).await.expired, 1);
    assert_eq!(status(&app, id).await, PetitionStatus::Expired);
    assert!(matches!(
        sign(&app, id, &province, 2).await,
        Err(DomainError::Conflict("not_collecting"))
    ));
    Ok(())
}
