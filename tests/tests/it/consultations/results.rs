//! Results: the total for the region's officers while open, every count once closed, public
//! once published after closing; then the synthesis.

use chrono::Duration;
use domain::DomainError;
use domain::consultations::lifecycle::ConsultationStatus;
use domain::entities::audit_entry;
use domain::roles::Role;
use sea_orm::EntityTrait;
use tests::{TestApp, TestResult, both_databases};

use super::{answer_as, open_consultation, status_now, to_first_day};

both_databases!(results_are_live_for_officers_then_published_with_the_synthesis);

async fn results_are_live_for_officers_then_published_with_the_synthesis(
    app: TestApp,
) -> TestResult {
    use domain::consultations::answering::load_questionnaire;
    use domain::consultations::disclosure::Detail;
    use domain::consultations::outcome::{
        QuestionResult, get_results, publish_results, publish_synthesis,
    };

    let id = open_consultation(&app).await;
    let souss = app.region_id("souss-massa").await;
    let officer = app
        .staff(
            "officer@example.ma",
            Some(Role::CouncilOfficer { region_id: souss }),
        )
        .await;
    let questionnaire = load_questionnaire(&app.ctx(), id).await?;
    to_first_day(&app);
    // Ten citizens: five choose Transport and 4, five Emploi and 2 (no count under 5: small
    // counts are hidden, `disclosure.rs`).
    for (n, answer) in (0..10)
        .map(|n| if n < 5 { (0, "4") } else { (2, "2") })
        .enumerate()
    {
        answer_as(&app, &questionnaire, n, answer, None).await;
    }

    // While open, the region's officers see how many answered, and nothing else: counts that
    // move with each answer would tell them what the last participant said. Nobody else yet.
    assert!(matches!(
        get_results(&app.ctx(), None, id).await,
        Err(DomainError::NotFound)
    ));
    let open = get_results(&app.ctx(), Some(&officer), id).await?;
    assert_eq!(open.responses, 10);
    assert_eq!(open.detail, Detail::TotalWhileOpen);
    assert!(open.questions.is_empty() && open.by_province.is_empty() && open.declared.is_none());

    // Results only once closed; the synthesis only after them.
    assert!(matches!(
        publish_results(&app.ctx(), &officer, id).await,
        Err(DomainError::Conflict("step_not_allowed"))
    ));
    app.clock.advance(Duration::days(31));
    let live = get_results(&app.ctx(), Some(&officer), id).await?;
    assert_eq!(live.detail, Detail::Full);
    match &live.questions[0].1 {
        QuestionResult::Choices {
            respondents,
            shares,
        } => {
            assert_eq!(*respondents, 10);
            let got: Vec<(u64, f64)> = shares.iter().map(|s| (s.count, s.percent)).collect();
            assert_eq!(got, [(5, 50.0), (0, 0.0), (5, 50.0)]);
        }
        other => panic!("{other:?}"),
    }
    match &live.questions[1].1 {
        QuestionResult::Scale { result } => {
            assert_eq!(result.respondents, 10);
            assert_eq!(result.mean, Some(3.0));
        }
        other => panic!("{other:?}"),
    }
    assert!(matches!(
        publish_synthesis(
            &app.ctx(),
            &officer,
            id,
            "Nous avons entendu vos priorités."
        )
        .await,
        Err(DomainError::Conflict("step_not_allowed"))
    ));
    let citizen = app.staff("citizen0@example.ma", None).await;
    assert!(matches!(
        publish_results(&app.ctx(), &citizen, id).await,
        Err(DomainError::Forbidden)
    ));
    publish_results(&app.ctx(), &officer, id).await?;
    let public = get_results(&app.ctx(), None, id).await?;
    assert_eq!(public, live, "the public sees the same numbers");
    assert_eq!(
        (public.declared, public.by_province.clone()),
        (Some(10), vec![(None, Some(10))])
    );

    // Exports hold counts and wordings, never a participant.
    let view = domain::consultations::views::get_consultation(
        &app.ctx(),
        None,
        id,
        domain::types::Lang::Fr,
    )
    .await?;
    let csv = String::from_utf8(domain::consultations::outcome::results_csv(&view, &public)?)
        .unwrap_or_default();
    assert!(
        csv.contains("1,Quelle priorité pour la région ?,Transport,5,50.0,,"),
        "{csv}"
    );
    assert!(
        csv.contains("2,Quelle priorité pour la région ?,4,5,50.0,,"),
        "{csv}"
    );
    let json = serde_json::to_string(&public).unwrap_or_default();
    for personal in ["citizen0", "example.ma", "user_id"] {
        assert!(
            !csv.contains(personal) && !json.contains(personal),
            "{personal}"
        );
    }
    assert!(matches!(
        publish_synthesis(&app.ctx(), &officer, id, "Trop court").await,
        Err(DomainError::Validation {
            code: "text_too_short",
            ..
        })
    ));
    publish_synthesis(
        &app.ctx(),
        &officer,
        id,
        "## Ce que nous avons entendu\n\nLe transport d'abord. Le conseil l'inscrit au programme.",
    )
    .await?;
    assert_eq!(
        status_now(&app, id).await,
        ConsultationStatus::SynthesisPublished
    );
    let actions: Vec<String> = audit_entry::Entity::find()
        .all(&app.db)
        .await
        .unwrap_or_default()
        .into_iter()
        .map(|e| e.action)
        .collect();
    assert!(
        actions
            .iter()
            .any(|a| a == "consultation_results_published")
    );
    assert!(
        actions
            .iter()
            .any(|a| a == "consultation_synthesis_published")
    );
    Ok(())
}
