//! A guide's documents (PDF): listed on its page for its readers; its writers attach them
//! (`POST /guides/document`, a multipart form served by the server) and remove them.
//! `domain::guides::documents` decides who may.

use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use serde::{Deserialize, Serialize};

use super::types::GuideData;
use crate::i18n::{td_string, use_i18n};
use crate::lang;
use crate::paths;

/// A document in a guide's list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GuideDocumentItem {
    pub id: i32,
    pub file_name: String,
    pub size_kb: i32,
}

/// Removes document `document` of guide `id`, then shows the guide with the outcome.
#[server(prefix = "/fn", endpoint = "remove_guide_document")]
pub async fn remove_guide_document(
    lang: String,
    id: i32,
    document: i32,
) -> Result<(), crate::web::error::AppError> {
    use crate::web::flash::Flash;
    let Some((lang, session, ctx, actor)) = crate::web::request::staff_form(&lang).await? else {
        return Ok(());
    };
    let result = domain::guides::documents::remove_guide_document(
        &ctx,
        &actor,
        domain::types::GuideId(id),
        document,
    )
    .await;
    let flash = Flash::outcome("guide", result.map(|()| "guide_document_removed_notice"));
    let to = crate::paths::guide(lang.code(), None, id, "");
    crate::web::request::back(&session, flash, &to).await
}

/// The guide's documents, and for its writers the forms that add and remove them.
#[component]
pub fn GuideDocuments(data: GuideData) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let code = lang::code(locale);
    let id = data.id;
    let list = (!data.documents.is_empty()).then(|| {
        view! {
            <ul class="guide-documents">
                {data.documents.iter().map(|d| view! {
                    <li>
                        <a href=paths::guide_document(id, d.id) dir="auto">{d.file_name.clone()}</a>
                        " (" {td_string!(locale, size_kb, size = d.size_kb)} ")"
                        {data.may_edit.then(|| view! {
                            " "
                            <form method="post" action=RemoveGuideDocument::url() class="inline-form">
                                <input type="hidden" name="lang" value=code/>
                                <input type="hidden" name="id" value=id.to_string()/>
                                <input type="hidden" name="document" value=d.id.to_string()/>
                                <button type="submit" class="link-button">
                                    {td_string!(locale, guide_document_remove)}
                                    <span class="visually-hidden">" " {d.file_name.clone()}</span>
                                </button>
                            </form>
                        })}
                    </li>
                }).collect_view()}
            </ul>
        }
    });
    let upload = data.may_edit.then(|| {
        view! {
            <form method="post" action="/guides/document" enctype="multipart/form-data" class="stacked-form">
                <input type="hidden" name="lang" value=code/>
                <input type="hidden" name="id" value=id.to_string()/>
                <div class="field">
                    <label for="guide-document">{td_string!(locale, guide_document_file)}</label>
                    <p class="hint" id="guide-document-hint">{td_string!(locale, guide_document_hint)}</p>
                    <input id="guide-document" type="file" name="document" accept="application/pdf" aria-describedby="guide-document-hint"/>
                </div>
                <button type="submit">{td_string!(locale, guide_document_add)}</button>
            </form>
        }
    });
    (list.is_some() || upload.is_some()).then(|| {
        view! {
            <section aria-labelledby="guide-documents-heading">
                <h2 id="guide-documents-heading">{td_string!(locale, guide_documents_heading)}</h2>
                {list}
                {upload}
            </section>
        }
    })
}
