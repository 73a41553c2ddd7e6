//! Petitions: filing, moderation, and what the public sees of each.

mod council;
mod editing;
mod filing;
mod glance;
mod hiding;
mod lists;
mod matrix;
mod mine;
mod moderation;
mod my_data;
mod retention;
mod signatories;
mod signing;
mod staff_web;
mod stuffing;
mod visibility;
mod web;

use domain::entities::region_setting;
use domain::petitions::{
    self, AttachmentPurpose, ModerationDecision, NewAttachment, NewPetition, PetitionForm,
};
use domain::roles::Role;
use domain::types::PetitionId;
use domain::types::RegionSlug;
use domain::types::UserId;
use sea_orm::{ActiveModelTrait, EntityTrait, Set};
use tests::TestApp;

use crate::accounts::deliver;

/// A small but real PDF.
pub const PDF: &[u8] =
    b"%PDF-1.4\n1 0 obj <</Type /Catalog>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n";

/// The form of a citizen petition about regional transport, in Arabic.
pub fn citizen_form() -> PetitionForm {
    PetitionForm {
        kind: "citizen".into(),
        lang: "ar".into(),
        title: "خط حافلات بين أكادير وتارودانت".into(),
        request: "نطلب من المجلس إدراج إحداث خط حافلات جهوي في جدول أعماله.".into(),
        reasons: "يتنقل مئات الطلبة والعمال يوميا بين المدينتين دون نقل عمومي منتظم.".into(),
        competence: "regional_transport".into(),
        conditions_accepted: true,
        ..PetitionForm::default()
    }
}

/// Files `form` in `region` for `by`.
pub async fn file(app: &TestApp, by: UserId, region: &str, form: &PetitionForm) -> PetitionId {
    let petition =
        NewPetition::parse(form, app.clock_now().date_naive()).unwrap_or_else(|e| panic!("{e:?}"));
    let attachment = NewAttachment::parse(AttachmentPurpose::Attachment, "plan.pdf", PDF.to_vec())
        .unwrap_or_else(|e| panic!("{e}"));
    petitions::file_petition(
        &app.ctx(),
        by,
        &RegionSlug::parse(region).unwrap_or_else(|e| panic!("{e}")),
        petition,
        vec![attachment],
    )
    .await
    .unwrap_or_else(|e| panic!("{e}"))
}

/// Youssef's signature in Souss-Massa (Agadir Ida-Outanane, where he lives), without email.
pub fn youssef_signs() -> domain::petitions::signing::SignatureForm {
    domain::petitions::signing::SignatureForm {
        full_name: "Youssef Amrani".into(),
        cin: "AB123456".into(),
        province: "agadir-ida-outanane".into(),
        basis: "residence".into(),
        electoral_roll: true,
        consent: true,
        ..Default::default()
    }
}

/// A petition of amina@example.ma in `region`, published by mod-{region}@example.ma (the
/// emails of both sent).
pub async fn published(app: &TestApp, region: &str) -> PetitionId {
    let amina = app.user("amina@example.ma").await;
    let id = file(app, amina, region, &citizen_form()).await;
    let region_id = app.region_id(region).await;
    let moderator = app
        .staff(
            &format!("mod-{region}@example.ma"),
            Some(Role::Moderator { region_id }),
        )
        .await;
    petitions::moderate_petition(&app.ctx(), &moderator, id, ModerationDecision::Publish)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    deliver(app).await;
    id
}

/// Sets the threshold of `region` (a setting a platform admin may change).
pub async fn set_threshold(app: &TestApp, region: &str, total: i32, per_province: i32) {
    let id = app.region_id(region).await;
    let settings = region_setting::Entity::find_by_id(id)
        .one(&app.db)
        .await
        .ok()
        .flatten()
        .unwrap_or_else(|| panic!("settings of {region}"));
    let mut settings: region_setting::ActiveModel = settings.into();
    settings.signature_threshold = Set(Some(total));
    settings.per_province_minimum = Set(Some(per_province));
    settings
        .update(&app.db)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
}

/// Puts petition `id` in `status` directly (to try an operation in every status).
pub async fn force_status(app: &TestApp, id: PetitionId, status: petitions::PetitionStatus) {
    use domain::entities::petition;
    petition::ActiveModel {
        id: Set(id.0),
        status: Set(status.as_str().to_owned()),
        ..Default::default()
    }
    .update(&app.db)
    .await
    .unwrap_or_else(|e| panic!("{e}"));
}
