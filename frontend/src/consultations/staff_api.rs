//! Server functions of the council officers' consultation pages: create a draft, build its
//! questionnaire, publish it, publish the results and the synthesis. Thin: the role and region
//! are checked (and every step audit-logged) in `domain::consultations`.

use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use serde::{Deserialize, Serialize};

use super::types::ConsultationPageData;
use crate::names::Names;

pub use crate::components::texts::LANGS;

/// The new-consultation form as typed: settings, then title, summary and body per language.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct ConsultationFields {
    #[serde(default)]
    pub audience: String,
    #[serde(default)]
    pub fallback_lang: String,
    #[serde(default)]
    pub opens_on: String,
    #[serde(default)]
    pub closes_on: String,
    #[serde(default)]
    pub questionnaire: Option<String>,
    #[serde(default)]
    pub proposals: Option<String>,
    /// `cin` or `account`.
    #[serde(default)]
    pub verification: String,
    /// `(lang, title, summary, body)`, flattened as `title_ar`, `summary_ar`, `body_ar`, …
    #[serde(flatten)]
    pub texts: std::collections::BTreeMap<String, String>,
}

#[cfg(feature = "ssr")]
impl ConsultationFields {
    /// The texts as the domain reads them, one entry per language of the forms.
    pub(crate) fn texts(&self) -> Vec<domain::consultations::drafts::TextsForm> {
        let text = |key: String| self.texts.get(&key).cloned().unwrap_or_default();
        LANGS
            .iter()
            .map(|l| domain::consultations::drafts::TextsForm {
                lang: (*l).to_owned(),
                title: text(format!("title_{l}")),
                summary: text(format!("summary_{l}")),
                body: text(format!("body_{l}")),
            })
            .collect()
    }

    /// The whole form as the domain reads it.
    pub(crate) fn form(&self) -> domain::consultations::drafts::ConsultationForm {
        domain::consultations::drafts::ConsultationForm {
            audience: self.audience.clone(),
            fallback_lang: self.fallback_lang.clone(),
            opens_on: self.opens_on.clone(),
            closes_on: self.closes_on.clone(),
            questionnaire: self.questionnaire.is_some(),
            proposals: self.proposals.is_some(),
            verification: self.verification.clone(),
            texts: self.texts(),
        }
    }

    /// What was typed, by field name, for the form to show again.
    pub(crate) fn typed(&self) -> Vec<(String, String)> {
        let mut values: Vec<(String, String)> = self
            .texts
            .iter()
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        for (key, value) in [
            ("audience", &self.audience),
            ("fallback_lang", &self.fallback_lang),
            ("opens_on", &self.opens_on),
            ("closes_on", &self.closes_on),
            ("verification", &self.verification),
        ] {
            values.push((key.to_owned(), value.clone()));
        }
        for (key, on) in [
            ("questionnaire", self.questionnaire.is_some()),
            ("proposals", self.proposals.is_some()),
        ] {
            if on {
                values.push((key.to_owned(), "on".to_owned()));
            }
        }
        values
    }
}

/// A question as typed: kind, required, the limit, and per language its wording, a scale's
/// labels and the choices (one per line, the same line in every language).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct QuestionFields {
    pub kind: String,
    #[serde(default)]
    pub required: Option<String>,
    #[serde(default)]
    pub max: String,
    /// `text_ar`, `low_ar`, `high_ar`, `choices_ar`, … for each language.
    #[serde(flatten)]
    pub texts: std::collections::BTreeMap<String, String>,
}

/// The new-consultation page of a region.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewConsultationData {
    pub region: String,
    pub region_name: Names,
}

/// `Some` when the visitor is a council officer of region `region`.
#[server(prefix = "/fn", endpoint = "new_consultation_page", input = GetUrl)]
pub async fn new_consultation_page(
    region: String,
) -> Result<Option<NewConsultationData>, crate::web::error::AppError> {
    let ctx = crate::web::request::context()?;
    let actor = crate::web::request::current_actor(&ctx).await?;
    let Some((_, detail)) = crate::web::request::find_region(&ctx, &region).await? else {
        return Ok(None);
    };
    if !actor.is_some_and(|a| a.is_officer_of(detail.id)) {
        return Ok(None);
    }
    Ok(Some(NewConsultationData {
        region: detail.slug,
        region_name: crate::names::Names::from(detail.name),
    }))
}

/// The consultation page as its officers manage it; `None` unless the visitor is a council
/// officer of its region.
#[server(prefix = "/fn", endpoint = "manage_consultation_page", input = GetUrl)]
pub async fn manage_consultation_page(
    lang: String,
    region: String,
    id: i32,
) -> Result<Option<ConsultationPageData>, crate::web::error::AppError> {
    let ctx = crate::web::request::context()?;
    let lang = crate::web::request::lang(&lang);
    let page = super::api::server::consultation_page(&ctx, lang, &region, id, 0).await?;
    Ok(page.filter(|p| p.is_officer))
}

/// Creates a draft, then opens its management page.
#[server(prefix = "/fn", endpoint = "create_consultation")]
pub async fn create_consultation(
    lang: String,
    region: String,
    consultation: ConsultationFields,
) -> Result<(), crate::web::error::AppError> {
    use domain::consultations::drafts::{self, NewConsultation};
    let Some((lang, session, ctx, actor)) = crate::web::request::staff_form(&lang).await? else {
        return Ok(());
    };
    let form = consultation.form();
    let values = consultation.typed();
    let outcome = match NewConsultation::parse(&form) {
        Ok(draft) => match domain::types::RegionSlug::parse(&region) {
            Ok(slug) => drafts::create_consultation(&ctx, &actor, &slug, draft)
                .await
                .map_err(|e| vec![e]),
            Err(err) => Err(vec![err]),
        },
        Err(errors) => Err(errors),
    };
    let base = super::api::server::region_path(lang, &region, "consultations");
    match outcome {
        Ok(id) => {
            let done =
                crate::web::flash::Flash::outcome("manage", Ok("consultation_created_notice"));
            let to = format!("{base}/{}/manage", id.0);
            crate::web::request::back(&session, done, &to).await
        }
        Err(errors) => {
            let mut flash = crate::web::flash::Flash {
                form: "consultation_new".into(),
                values,
                ..Default::default()
            };
            flash.add_errors(errors);
            crate::web::request::back(&session, flash, &format!("{base}/new")).await
        }
    }
}

/// Adds a question to a draft's questionnaire.
#[server(prefix = "/fn", endpoint = "add_question")]
pub async fn add_question(
    lang: String,
    region: String,
    id: i32,
    question: QuestionFields,
) -> Result<(), crate::web::error::AppError> {
    use domain::consultations::builder::{self, NewQuestion, QuestionForm};
    let Some((lang, session, ctx, actor)) = crate::web::request::staff_form(&lang).await? else {
        return Ok(());
    };
    let text = |key: String| question.texts.get(&key).cloned().unwrap_or_default();
    let lines: Vec<Vec<String>> = LANGS
        .iter()
        .map(|l| {
            text(format!("choices_{l}"))
                .lines()
                .map(str::to_owned)
                .collect()
        })
        .collect();
    let count = lines.iter().map(Vec::len).max().unwrap_or(0);
    let form = QuestionForm {
        kind: question.kind.clone(),
        required: question.required.is_some(),
        max: question.max.clone(),
        texts: LANGS
            .iter()
            .map(|l| ((*l).to_owned(), text(format!("text_{l}"))))
            .collect(),
        labels: LANGS
            .iter()
            .map(|l| {
                (
                    (*l).to_owned(),
                    text(format!("low_{l}")),
                    text(format!("high_{l}")),
                )
            })
            .collect(),
        choices: (0..count)
            .map(|i| {
                LANGS
                    .iter()
                    .zip(&lines)
                    .map(|(l, ls)| ((*l).to_owned(), ls.get(i).cloned().unwrap_or_default()))
                    .collect()
            })
            .collect(),
    };
    let consultation = domain::types::ConsultationId(id);
    let outcome = match domain::consultations::views::fallback_lang(&ctx, consultation).await {
        Ok(fallback) => match NewQuestion::parse(&form, fallback) {
            Ok(q) => builder::add_question(&ctx, &actor, consultation, q)
                .await
                .map_err(|e| vec![e]),
            Err(errors) => Err(errors),
        },
        Err(err) => Err(vec![err]),
    };
    let page = format!(
        "{}/manage",
        super::api::server::page_path(lang, &region, id)
    );
    let mut flash = crate::web::flash::Flash {
        form: "question".into(),
        ..Default::default()
    };
    match outcome {
        Ok(()) => flash.notice = Some("question_added_notice".into()),
        Err(errors) => {
            flash.values = question
                .texts
                .iter()
                .map(|(k, v)| (k.clone(), v.clone()))
                .chain([
                    ("kind".to_owned(), question.kind.clone()),
                    ("max".to_owned(), question.max.clone()),
                ])
                .chain(
                    question
                        .required
                        .map(|_| ("required".to_owned(), "on".to_owned())),
                )
                .collect();
            flash.add_errors(errors);
        }
    }
    crate::web::request::back(&session, flash, &format!("{page}#add-question")).await
}

/// A step of the officers: `remove_question` (with `question`), `remove_document` (with
/// `document`), `publish`, `publish_results`, or `publish_synthesis` (with `synthesis`).
#[server(prefix = "/fn", endpoint = "manage_consultation")]
pub async fn manage_consultation(
    lang: String,
    region: String,
    id: i32,
    step: String,
    question: Option<i32>,
    synthesis: Option<String>,
    document: Option<i32>,
) -> Result<(), crate::web::error::AppError> {
    use domain::consultations::{builder, corrections, outcome};
    let Some((lang, session, ctx, actor)) = crate::web::request::staff_form(&lang).await? else {
        return Ok(());
    };
    let consultation = domain::types::ConsultationId(id);
    let result = match step.as_str() {
        "remove_question" => {
            builder::remove_question(&ctx, &actor, consultation, question.unwrap_or(0))
                .await
                .map(|()| "question_removed_notice")
        }
        "remove_document" => {
            corrections::remove_document(&ctx, &actor, consultation, document.unwrap_or(0))
                .await
                .map(|()| "document_removed_notice")
        }
        "publish" => builder::publish_consultation(&ctx, &actor, consultation)
            .await
            .map(|_| "consultation_published_notice"),
        "publish_results" => outcome::publish_results(&ctx, &actor, consultation)
            .await
            .map(|()| "results_published_notice"),
        "publish_synthesis" => outcome::publish_synthesis(
            &ctx,
            &actor,
            consultation,
            synthesis.as_deref().unwrap_or_default(),
        )
        .await
        .map(|()| "synthesis_published_notice"),
        _ => Err(domain::DomainError::Validation {
            field: "step",
            code: "decision_invalid",
        }),
    };
    let failed = result.is_err();
    let mut flash = crate::web::flash::Flash::outcome("manage", result);
    if failed {
        flash.values = synthesis
            .map(|text| vec![("synthesis".to_owned(), text)])
            .unwrap_or_default();
    }
    let page = format!(
        "{}/manage",
        super::api::server::page_path(lang, &region, id)
    );
    crate::web::request::back(&session, flash, &page).await
}

/// Cancels a scheduled consultation, with the reason shown to the public.
#[server(prefix = "/fn", endpoint = "cancel_consultation")]
pub async fn cancel_consultation(
    lang: String,
    region: String,
    id: i32,
    reason: String,
) -> Result<(), crate::web::error::AppError> {
    use domain::consultations::corrections::{self, CancelReason};
    let Some((lang, session, ctx, actor)) = crate::web::request::staff_form(&lang).await? else {
        return Ok(());
    };
    let consultation = domain::types::ConsultationId(id);
    let result = match CancelReason::parse(&reason) {
        Ok(why) => corrections::cancel_consultation(&ctx, &actor, consultation, why)
            .await
            .map(|()| "consultation_cancelled_notice"),
        Err(err) => Err(err),
    };
    let mut flash = crate::web::flash::Flash::outcome("manage", result);
    if !flash.errors.is_empty() {
        flash.values = vec![("reason".to_owned(), reason)];
    }
    let page = format!(
        "{}/manage",
        super::api::server::page_path(lang, &region, id)
    );
    crate::web::request::back(&session, flash, &page).await
}
