//! The council's workspace: the staff dashboard, the staff alerts, blocked accounts, the
//! council's calendar, the public moderation log, paper signatures, the fraud review, the audit log.

mod alerts;
mod audit;
mod blocks;
mod calendar;
mod dashboard;
mod fraud;
mod moderation_log;
mod paper;

use domain::petitions::council::{CouncilDecision, CouncilForm, record_council_step};
use domain::petitions::deposit::deposit_petition;
use domain::petitions::{
    self, AttachmentPurpose, ModerationDecision, NewAttachment, NewPetition, PetitionForm,
};
use domain::roles::{Actor, Role};
use domain::types::{PetitionId, RegionSlug};
use tests::TestApp;

use crate::petitions::{PDF, citizen_form};

/// The moderator (`mod@example.ma`) and the council officer (`officer@example.ma`) of
/// Souss-Massa.
pub async fn souss_staff(app: &TestApp) -> (Actor, Actor) {
    let souss = app.region_id("souss-massa").await;
    let moderator = app
        .staff("mod@example.ma", Some(Role::Moderator { region_id: souss }))
        .await;
    let officer = app
        .staff(
            "officer@example.ma",
            Some(Role::CouncilOfficer { region_id: souss }),
        )
        .await;
    (moderator, officer)
}

/// An association petition of Souss-Massa titled `title`, filed by `filer@example.ma`, published
/// by `mod@example.ma` and deposited with the council.
pub async fn deposited(app: &TestApp, title: &str) -> PetitionId {
    let filer = app.user("filer@example.ma").await;
    let form = PetitionForm {
        kind: "association".into(),
        lang: "fr".into(),
        title: title.into(),
        association_name: "Association Tifawin".into(),
        association_registered_on: "2019-03-12".into(),
        association_seat: "Agadir".into(),
        ..citizen_form()
    };
    let petition =
        NewPetition::parse(&form, app.clock_now().date_naive()).unwrap_or_else(|e| panic!("{e:?}"));
    let mandate = NewAttachment::parse(AttachmentPurpose::Mandate, "mandat.pdf", PDF.to_vec())
        .unwrap_or_else(|e| panic!("{e}"));
    let region = RegionSlug::parse("souss-massa").unwrap_or_else(|e| panic!("{e}"));
    let id = petitions::file_petition(&app.ctx(), filer, &region, petition, vec![mandate])
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let (moderator, _) = souss_staff(app).await;
    petitions::moderate_petition(&app.ctx(), &moderator, id, ModerationDecision::Publish)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    deposit_petition(&app.ctx(), filer, id)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    id
}

/// Records the bureau's decision that petition `id` is admissible (session of March 2027).
pub async fn admissible(app: &TestApp, id: PetitionId) {
    let (_, officer) = souss_staff(app).await;
    let decision = CouncilDecision::parse(
        &CouncilForm {
            decision: "admissible".into(),
            committee: "Commission de la culture".into(),
            session: "2027-03".into(),
            ..CouncilForm::default()
        },
        &[3, 7, 10],
    )
    .unwrap_or_else(|e| panic!("{e}"));
    record_council_step(&app.ctx(), &officer, id, decision, None)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
}
