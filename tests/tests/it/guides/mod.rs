//! The guides library: national guides by the platform admins, regional ones by the region's
//! council officers (refused to everyone else, logged); drafts seen by their writers only;
//! versions, history and diffs; adoption once per region, the copy replacing the national guide
//! in the region's list; the shipped guides' numbers following the region's settings; search in
//! full text; and the pages without JavaScript.

use domain::DomainError;
use domain::guides::editing::{
    GuideForm, GuideTextsForm, NewGuide, adopt_guide, create_guide, publish_guide, save_guide,
};
use domain::guides::history::{Change, diff_versions, guide_history};
use domain::guides::practices::PracticeForm;
use domain::guides::views::{GuideFilter, GuideScope, get_guide, list_guides, starter_guide};
use domain::regions::settings::{RegionSettings, SettingsForm, update_region_settings};
use domain::roles::Role;
use domain::text::TextsForm;
use domain::types::{GuideId, Lang, RegionSlug};
use http::StatusCode;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use tests::{Client, TestApp, TestResult};

mod documents;
mod library;
mod web;
mod writing;

fn guide(title: &str, body: &str) -> NewGuide {
    NewGuide::parse(&GuideForm {
        category: "practices".into(),
        fallback_lang: "fr".into(),
        texts: vec![GuideTextsForm {
            texts: TextsForm {
                lang: "fr".into(),
                title: title.into(),
                summary: "Ce que le conseil a appris.".into(),
                body: body.into(),
            },
            needs_review: false,
        }],
        practice: practice("participatory_budget"),
    })
    .unwrap_or_else(|e| panic!("{e:?}"))
}

/// A practice with `tool`, from March to October 2025, with a contact.
fn practice(tool: &str) -> PracticeForm {
    PracticeForm {
        tool: tool.into(),
        started_on: "2025-03-01".into(),
        ended_on: "2025-10-31".into(),
        partners: "Associations de quartier, Université Ibn Zohr".into(),
        contact_name: "Service de la participation".into(),
        contact_email: "participation@souss-massa.ma".into(),
        contact_phone: String::new(),
    }
}

/// Posts `fields` to `path`.
async fn post(
    client: &mut Client<'_>,
    path: &str,
    fields: Vec<(&'static str, String)>,
) -> tests::TestResponse {
    let borrowed: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    client.post_form(path, &borrowed).await
}

fn souss() -> RegionSlug {
    RegionSlug::parse("souss-massa").unwrap_or_else(|e| panic!("{e}"))
}

/// The council officer of Souss-Massa.
async fn officer(app: &TestApp) -> domain::roles::Actor {
    let region_id = app.region_id("souss-massa").await;
    app.staff(
        "officer@example.ma",
        Some(Role::CouncilOfficer { region_id }),
    )
    .await
}

fn library() -> GuideFilter {
    GuideFilter {
        scope: GuideScope::Library(None),
        category: None,
        tool: None,
        search: String::new(),
    }
}
