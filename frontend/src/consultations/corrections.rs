//! `/{lang}/r/{slug}/consultations/{id}/correct`: the officers correct a consultation, the
//! whole of it while nobody can answer yet (a draft, a scheduled one), only its texts once it is
//! open. The form comes filled with what is stored. Thin: the rules are in
//! `domain::consultations::corrections`.

use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use serde::{Deserialize, Serialize};

use super::staff::{ConsultationEditor, Editing};
use super::staff_api::ConsultationFields;
use super::types::OfficerSteps;
use crate::components::status::{LoadError, NotFound};
use crate::components::title::PageTitle;
use crate::i18n::{td_string, use_i18n};
use crate::lang;
use crate::paths;
use crate::web::flash::{Flash, take_flash};

/// The correction page of a consultation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CorrectionData {
    pub region: String,
    pub id: i32,
    pub title: String,
    /// The language of `title`.
    pub title_lang: String,
    /// What is stored, by the form's field names.
    pub values: Vec<(String, String)>,
    pub may: OfficerSteps,
}

/// `Some` when the visitor is a council officer of the consultation's region.
#[server(prefix = "/fn", endpoint = "correction_page", input = GetUrl)]
pub async fn correction_page(
    lang: String,
    region: String,
    id: i32,
) -> Result<Option<CorrectionData>, crate::web::error::AppError> {
    use domain::consultations::corrections::correction_form;
    let ctx = crate::web::request::context()?;
    let lang = crate::web::request::lang(&lang);
    let Some(page) = super::api::server::consultation_page(&ctx, lang, &region, id, 0)
        .await?
        .filter(|p| p.is_officer)
    else {
        return Ok(None);
    };
    let Some(actor) = crate::web::request::current_actor(&ctx).await? else {
        return Ok(None);
    };
    let (stored, _) = correction_form(&ctx, &actor, domain::types::ConsultationId(id)).await?;
    let mut values: Vec<(String, String)> = [
        ("audience", stored.audience),
        ("fallback_lang", stored.fallback_lang),
        ("opens_on", stored.opens_on),
        ("closes_on", stored.closes_on),
        ("verification", stored.verification),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v))
    .collect();
    for (key, on) in [
        ("questionnaire", stored.questionnaire),
        ("proposals", stored.proposals),
    ] {
        if on {
            values.push((key.to_owned(), "on".to_owned()));
        }
    }
    for t in stored.texts {
        values.push((format!("title_{}", t.lang), t.title));
        values.push((format!("summary_{}", t.lang), t.summary));
        values.push((format!("body_{}", t.lang), t.body));
    }
    Ok(Some(CorrectionData {
        region: page.item.region,
        id,
        title: page.item.title,
        title_lang: page.item.lang,
        values,
        may: page.may,
    }))
}

/// Corrects a consultation: the whole of it, or its texts once it is open; back to its
/// management page, or to the form with what was typed.
#[server(prefix = "/fn", endpoint = "correct_consultation")]
pub async fn correct_consultation(
    lang: String,
    region: String,
    id: i32,
    consultation: ConsultationFields,
) -> Result<(), crate::web::error::AppError> {
    use domain::consultations::corrections::{self, CorrectedTexts};
    use domain::consultations::drafts::NewConsultation;
    use domain::consultations::lifecycle::Correctable;
    let Some((lang, session, ctx, actor)) = crate::web::request::staff_form(&lang).await? else {
        return Ok(());
    };
    let target = domain::types::ConsultationId(id);
    let outcome = match corrections::correction_form(&ctx, &actor, target).await {
        Ok((stored, Correctable::Texts)) => {
            let fallback = domain::types::Lang::parse(&stored.fallback_lang).unwrap_or_default();
            match CorrectedTexts::parse(&consultation.texts(), fallback) {
                Ok(texts) => corrections::correct_texts(&ctx, &actor, target, texts)
                    .await
                    .map_err(|e| vec![e]),
                Err(errors) => Err(errors),
            }
        }
        Ok(_) => match NewConsultation::parse(&consultation.form()) {
            Ok(draft) => corrections::correct_consultation(&ctx, &actor, target, draft)
                .await
                .map_err(|e| vec![e]),
            Err(errors) => Err(errors),
        },
        Err(err) => Err(vec![err]),
    };
    let page = super::api::server::page_path(lang, &region, id);
    match outcome {
        Ok(()) => {
            let done =
                crate::web::flash::Flash::outcome("manage", Ok("consultation_corrected_notice"));
            crate::web::request::back(&session, done, &format!("{page}/manage")).await
        }
        Err(errors) => {
            let mut flash = crate::web::flash::Flash {
                form: "consultation_correct".into(),
                values: consultation.typed(),
                ..Default::default()
            };
            flash.add_errors(errors);
            crate::web::request::back(&session, flash, &format!("{page}/correct")).await
        }
    }
}

/// The correction page.
#[component]
pub fn CorrectConsultationPage() -> impl IntoView {
    let args = super::pages::consultation_args();
    let page = Resource::new(args, |(lang, region, id)| correction_page(lang, region, id));
    let flash = Resource::new(|| (), |()| take_flash("consultation_correct".into()));
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let flash = flash.await.ok().flatten();
                match page.await {
                    Ok(Some(data)) => view! { <Correct data flash/> }.into_any(),
                    Ok(None) => view! { <NotFound/> }.into_any(),
                    Err(_) => view! { <LoadError/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Correct(data: CorrectionData, flash: Option<Flash>) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let code = lang::code(locale);
    let manage_href = paths::consultation(code, &data.region, data.id, "manage");
    let title = move || td_string!(locale, correct_consultation_title).to_string();
    // What was typed when it came back, else what is stored.
    let flash = flash.unwrap_or_else(|| Flash {
        form: "consultation_correct".into(),
        values: data.values.clone(),
        ..Default::default()
    });
    let may = data.may;
    view! {
        <PageTitle text=title/>
        <nav class="breadcrumb" aria-label=td_string!(locale, breadcrumb)>
            <a href=paths::region(code, &data.region, "consultations")>{td_string!(locale, consultations_heading)}</a>
            " › "
            <a href=manage_href lang=data.title_lang.clone() dir="auto">{data.title.clone()}</a>
        </nav>
        <h1>{title()}</h1>
        {if may.correct_all || may.correct_texts {
            view! {
                <p class="hint">{if may.correct_all {
                    td_string!(locale, correct_consultation_all_hint)
                } else {
                    td_string!(locale, correct_consultation_texts_hint)
                }}</p>
                <ConsultationEditor region=data.region.clone() flash
                    editing=Editing::Correct { id: data.id, texts_only: !may.correct_all }/>
            }.into_any()
        } else {
            view! { <p>{td_string!(locale, consultation_not_correctable)}</p> }.into_any()
        }}
    }
}
