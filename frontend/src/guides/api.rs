//! Server functions of the guides pages: thin, each calls the domain (`domain::guides`), which
//! decides who reads and writes what, and maps its answer to the wire types.

use std::collections::BTreeMap;

use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use serde::{Deserialize, Serialize};

use super::types::{GuideData, GuideFormData, GuideListData, GuideQuery, HistoryData};

/// The guide form as typed: its category and fallback language, then per language the title,
/// summary, body and whether the translation awaits review (`title_ar`, …, `review_ar`).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct GuideFields {
    #[serde(default)]
    pub category: String,
    #[serde(default)]
    pub fallback_lang: String,
    #[serde(flatten)]
    pub texts: BTreeMap<String, String>,
}

#[cfg(feature = "ssr")]
mod server {
    use domain::guides::views::RegionRef;
    use domain::types::RegionSlug;

    use super::super::types::RegionName;
    use crate::names::Names;

    pub fn region_name(r: &RegionRef) -> RegionName {
        RegionName {
            slug: r.slug.clone(),
            name: Names::from(r.name.clone()),
        }
    }

    /// Every region, for filters and links.
    pub async fn all_regions(
        ctx: &domain::AppContext,
    ) -> Result<Vec<(i32, RegionName)>, domain::DomainError> {
        Ok(domain::regions::list_regions(ctx)
            .await?
            .into_iter()
            .map(|r| {
                (
                    r.id,
                    RegionName {
                        slug: r.slug,
                        name: Names::from(r.name),
                    },
                )
            })
            .collect())
    }

    /// The region of `slug` (`Ok(None)` for empty; `Err(NotFound)` for an unknown one).
    pub fn parse_region(slug: &str) -> Result<Option<RegionSlug>, domain::DomainError> {
        match slug.trim() {
            "" => Ok(None),
            typed => RegionSlug::parse(typed)
                .map(Some)
                .map_err(|_| domain::DomainError::NotFound),
        }
    }

    impl super::GuideFields {
        /// The form as the domain reads it.
        pub fn form(&self) -> domain::guides::editing::GuideForm {
            let text = |key: String| self.texts.get(&key).cloned().unwrap_or_default();
            domain::guides::editing::GuideForm {
                category: self.category.clone(),
                fallback_lang: self.fallback_lang.clone(),
                texts: crate::components::texts::LANGS
                    .iter()
                    .map(|l| domain::guides::editing::GuideTextsForm {
                        texts: domain::text::TextsForm {
                            lang: (*l).to_owned(),
                            title: text(format!("title_{l}")),
                            summary: text(format!("summary_{l}")),
                            body: text(format!("body_{l}")),
                        },
                        needs_review: !text(format!("review_{l}")).is_empty(),
                    })
                    .collect(),
                practice: domain::guides::practices::PracticeForm {
                    tool: text("practice_tool".into()),
                    started_on: text("practice_started_on".into()),
                    ended_on: text("practice_ended_on".into()),
                    partners: text("practice_partners".into()),
                    contact_name: text("practice_contact_name".into()),
                    contact_email: text("practice_contact_email".into()),
                    contact_phone: text("practice_contact_phone".into()),
                },
            }
        }

        /// What was typed, to refill the form.
        pub fn values(&self) -> Vec<(String, String)> {
            let mut values = vec![
                ("category".to_owned(), self.category.clone()),
                ("fallback_lang".to_owned(), self.fallback_lang.clone()),
            ];
            values.extend(self.texts.iter().map(|(k, v)| (k.clone(), v.clone())));
            values
        }
    }
}

/// A page of guides: the library (`region` empty) or region `region`'s list; `None` for an
/// unknown region.
#[server(prefix = "/fn", endpoint = "list_guides", input = GetUrl)]
pub async fn list_guides(
    lang: String,
    region: String,
    query: GuideQuery,
) -> Result<Option<GuideListData>, crate::web::error::AppError> {
    use domain::guides::views::{GuideFilter, GuideScope};
    use domain::guides::{Category, may_write};
    let ctx = crate::web::request::context()?;
    let lang = crate::web::request::lang(&lang);
    let regions = server::all_regions(&ctx).await?;
    let find = |slug: &str| regions.iter().find(|(_, r)| r.slug == slug.trim());
    let scope_region = match region.trim() {
        "" => None,
        slug => match find(slug) {
            Some(found) => Some(found.clone()),
            None => return Ok(None),
        },
    };
    let scope = match (&scope_region, query.region.trim()) {
        (Some((id, _)), _) => GuideScope::Region(*id),
        (None, "") => GuideScope::Library(None),
        (None, "national") => GuideScope::Library(Some(None)),
        (None, slug) => GuideScope::Library(Some(Some(find(slug).map_or(0, |(id, _)| *id)))),
    };
    let filter = GuideFilter {
        scope,
        tool: domain::guides::practices::TOOLS
            .into_iter()
            .find(|t| *t == query.tool.trim()),
        category: Category::parse(query.category.trim()),
        search: query.q.chars().take(200).collect(),
    };
    let listed =
        domain::guides::views::list_guides(&ctx, &filter, lang, query.page.unwrap_or(1)).await?;
    let actor = crate::web::request::current_actor(&ctx).await?;
    let may_create = actor
        .as_ref()
        .is_some_and(|a| may_write(a, scope_region.as_ref().map(|(id, _)| *id)));
    Ok(Some(GuideListData {
        region: scope_region.map(|(_, r)| r),
        regions: regions.into_iter().map(|(_, r)| r).collect(),
        items: listed
            .guides
            .into_iter()
            .map(|g| super::types::GuideItem {
                id: g.id.0,
                region: g.region.as_ref().map(server::region_name),
                category: g.category.as_str().to_owned(),
                lang: g.lang.code().to_owned(),
                title: g.title,
                summary: g.summary,
                translated: g.translated,
                adopted: g.adopted,
                tool: g.tool.map(str::to_owned),
            })
            .collect(),
        total: listed.total,
        page: listed.page,
        pages: listed.pages,
        may_create,
    }))
}

/// Guide `id` read in region `region` (empty: nationally); its draft for its writers when
/// `draft`. `None` when the reader may not read it there.
#[server(prefix = "/fn", endpoint = "load_guide", input = GetUrl)]
pub async fn load_guide(
    lang: String,
    id: i32,
    region: String,
    draft: bool,
) -> Result<Option<GuideData>, crate::web::error::AppError> {
    let ctx = crate::web::request::context()?;
    let lang = crate::web::request::lang(&lang);
    let Ok(context) = server::parse_region(&region) else {
        return Ok(None);
    };
    let actor = crate::web::request::current_actor(&ctx).await?;
    let guide = match domain::guides::views::get_guide(
        &ctx,
        actor.as_ref(),
        domain::types::GuideId(id),
        context.as_ref(),
        lang,
        draft,
    )
    .await
    {
        Ok(guide) => guide,
        Err(domain::DomainError::NotFound) => return Ok(None),
        Err(err) => return Err(err.into()),
    };
    let documents =
        domain::guides::documents::list_guide_documents(&ctx, domain::types::GuideId(id))
            .await?
            .into_iter()
            .map(|d| super::documents::GuideDocumentItem {
                id: d.id,
                file_name: d.file_name,
                size_kb: (d.size_bytes.max(0) + 1023) / 1024,
            })
            .collect();
    let regions = server::all_regions(&ctx).await?;
    let context = context.and_then(|slug| {
        regions
            .iter()
            .find(|(_, r)| r.slug == slug.as_str())
            .map(|(_, r)| r.clone())
    });
    Ok(Some(GuideData {
        id,
        region: guide.region.as_ref().map(server::region_name),
        context,
        category: guide.category.as_str().to_owned(),
        version: guide.version,
        published: guide.published_at.map(crate::dates::Day::at),
        lang: guide.text.lang.code().to_owned(),
        title: guide.text.title,
        summary: guide.text.summary,
        html: guide.text.html,
        translated: guide.text.translated,
        needs_review: guide.text.needs_review,
        origin: guide.origin.map(|o| super::types::OriginData {
            id: o.guide.0,
            region: o.region.as_ref().map(server::region_name),
            version: o.version,
        }),
        per_region: guide.per_region,
        regions: if guide.per_region {
            regions.into_iter().map(|(_, r)| r).collect()
        } else {
            Vec::new()
        },
        may_edit: guide.may_edit,
        has_draft: guide.has_draft,
        adopt_into: guide.adopt_into.iter().map(server::region_name).collect(),
        documents,
        practice: guide.practice.map(|p| {
            let day = |d: Option<chrono::NaiveDate>| d.map(crate::dates::Day::of);
            super::types::PracticeData {
                tool: p.tool.to_owned(),
                started_on: day(p.started_on),
                ended_on: day(p.ended_on),
                partners: p.partners,
                contact_name: p.contact_name,
                contact_email: p.contact_email,
                contact_phone: p.contact_phone,
            }
        }),
    }))
}

/// The writers' form of guide `id` (`None`: a new guide of `region`, empty for national),
/// filled with its latest version; `None` for anyone who does not write it.
#[server(prefix = "/fn", endpoint = "guide_form", input = GetUrl)]
pub async fn guide_form(
    id: Option<i32>,
    region: String,
) -> Result<Option<GuideFormData>, crate::web::error::AppError> {
    let ctx = crate::web::request::context()?;
    let Some(actor) = crate::web::request::current_actor(&ctx).await? else {
        return Ok(None);
    };
    let found = match id {
        Some(id) => {
            domain::guides::editing::guide_draft(&ctx, &actor, domain::types::GuideId(id)).await
        }
        None => match server::parse_region(&region) {
            Ok(slug) => domain::guides::editing::new_guide_draft(&ctx, &actor, slug.as_ref()).await,
            Err(err) => Err(err),
        },
    };
    let draft = match found {
        Ok(draft) => draft,
        Err(domain::DomainError::NotFound | domain::DomainError::Forbidden) => return Ok(None),
        Err(err) => return Err(err.into()),
    };
    let mut values = vec![
        ("category".to_owned(), draft.category.clone()),
        ("fallback_lang".to_owned(), draft.fallback_lang.clone()),
    ];
    let practice = &draft.practice;
    for (name, value) in [
        ("practice_tool", &practice.tool),
        ("practice_started_on", &practice.started_on),
        ("practice_ended_on", &practice.ended_on),
        ("practice_partners", &practice.partners),
        ("practice_contact_name", &practice.contact_name),
        ("practice_contact_email", &practice.contact_email),
        ("practice_contact_phone", &practice.contact_phone),
    ] {
        values.push((name.to_owned(), value.clone()));
    }
    for (lang, title, summary, body, review) in draft.texts {
        values.push((format!("title_{lang}"), title));
        values.push((format!("summary_{lang}"), summary));
        values.push((format!("body_{lang}"), body));
        if review {
            values.push((format!("review_{lang}"), "on".to_owned()));
        }
    }
    Ok(Some(GuideFormData {
        id,
        region: draft.region.as_ref().map(server::region_name),
        title: draft.title,
        values,
    }))
}

/// Saves the form as guide `id`'s draft (empty `id`: creates a guide of `region`, empty for
/// national), then shows the draft; errors go back to the form with what was typed.
#[server(prefix = "/fn", endpoint = "save_guide")]
pub async fn save_guide(
    lang: String,
    region: String,
    id: String,
    guide: GuideFields,
) -> Result<(), crate::web::error::AppError> {
    use crate::web::flash::Flash;
    use domain::guides::editing::{NewGuide, create_guide, save_guide};
    let Some((lang, session, ctx, actor)) = crate::web::request::staff_form(&lang).await? else {
        return Ok(());
    };
    let code = lang.code();
    let id = id.trim().parse::<i32>().ok();
    let form_path = match id {
        Some(id) => crate::paths::guide(code, None, id, "edit"),
        None => crate::paths::guides(code, Some(region.trim()).filter(|r| !r.is_empty()), "new"),
    };
    let mut flash = Flash::of("guide");
    let values = guide.values();
    let pairs: Vec<(&str, &str)> = values
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let draft = match NewGuide::parse(&guide.form()) {
        Ok(draft) => draft,
        Err(errors) => {
            flash = Flash::with_values("guide", &pairs);
            flash.add_errors(errors);
            return crate::web::request::back(&session, flash, &form_path).await;
        }
    };
    let saved = match id {
        Some(id) => save_guide(&ctx, &actor, domain::types::GuideId(id), draft)
            .await
            .map(|()| domain::types::GuideId(id)),
        None => match server::parse_region(&region) {
            Ok(slug) => create_guide(&ctx, &actor, slug.as_ref(), draft).await,
            Err(err) => Err(err),
        },
    };
    match saved {
        Ok(saved) => {
            flash.notice = Some("guide_saved_notice".into());
            let to = format!("{}?draft=1", crate::paths::guide(code, None, saved.0, ""));
            crate::web::request::back(&session, flash, &to).await
        }
        Err(err) => {
            flash = Flash::with_values("guide", &pairs);
            flash.add_errors([err]);
            crate::web::request::back(&session, flash, &form_path).await
        }
    }
}

/// Publishes guide `id`'s draft, then shows the guide.
#[server(prefix = "/fn", endpoint = "publish_guide")]
pub async fn publish_guide(lang: String, id: i32) -> Result<(), crate::web::error::AppError> {
    use crate::web::flash::Flash;
    let Some((lang, session, ctx, actor)) = crate::web::request::staff_form(&lang).await? else {
        return Ok(());
    };
    let result =
        domain::guides::editing::publish_guide(&ctx, &actor, domain::types::GuideId(id)).await;
    let flash = Flash::outcome("guide", result.map(|()| "guide_published_notice"));
    let to = crate::paths::guide(lang.code(), None, id, "");
    crate::web::request::back(&session, flash, &to).await
}

/// Adopts guide `id` into region `into` as a draft copy, then opens the copy's form.
#[server(prefix = "/fn", endpoint = "adopt_guide")]
pub async fn adopt_guide(
    lang: String,
    id: i32,
    into: String,
) -> Result<(), crate::web::error::AppError> {
    use crate::web::flash::Flash;
    let Some((lang, session, ctx, actor)) = crate::web::request::staff_form(&lang).await? else {
        return Ok(());
    };
    let code = lang.code();
    let adopted = match domain::types::RegionSlug::parse(into.trim()) {
        Ok(region) => {
            domain::guides::editing::adopt_guide(&ctx, &actor, domain::types::GuideId(id), &region)
                .await
        }
        Err(_) => Err(domain::DomainError::NotFound),
    };
    match adopted {
        Ok(copy) => {
            let flash = Flash::outcome("guide", Ok("guide_adopted_notice"));
            let to = crate::paths::guide(code, None, copy.0, "edit");
            crate::web::request::back(&session, flash, &to).await
        }
        Err(err) => {
            let flash = Flash::outcome("guide", Err(err));
            let to = crate::paths::guide(code, None, id, "");
            crate::web::request::back(&session, flash, &to).await
        }
    }
}

/// Guide `id`'s history, and what changed in `text_lang` from version `from` to `to` when both
/// are given; `None` when the reader may not read it.
#[server(prefix = "/fn", endpoint = "guide_history", input = GetUrl)]
pub async fn guide_history(
    lang: String,
    id: i32,
    from: Option<i32>,
    to: Option<i32>,
    text_lang: String,
) -> Result<Option<HistoryData>, crate::web::error::AppError> {
    use domain::guides::history::{Change, diff_versions, guide_history};
    let ctx = crate::web::request::context()?;
    let lang = crate::web::request::lang(&lang);
    let actor = crate::web::request::current_actor(&ctx).await?;
    let guide = domain::types::GuideId(id);
    let versions = match guide_history(&ctx, actor.as_ref(), guide).await {
        Ok(versions) => versions,
        Err(domain::DomainError::NotFound) => return Ok(None),
        Err(err) => return Err(err.into()),
    };
    let shown = match domain::guides::views::get_guide(
        &ctx,
        actor.as_ref(),
        guide,
        None,
        lang,
        false,
    )
    .await
    {
        Ok(shown) => shown,
        Err(domain::DomainError::NotFound) => return Ok(None),
        Err(err) => return Err(err.into()),
    };
    let text_lang = domain::types::Lang::parse(text_lang.trim()).unwrap_or(shown.text.lang);
    let diff = match (from, to) {
        (Some(from), Some(to)) => {
            match diff_versions(&ctx, actor.as_ref(), guide, (from, to), text_lang).await {
                Ok(diff) => Some(diff),
                Err(domain::DomainError::NotFound) => None,
                Err(err) => return Err(err.into()),
            }
        }
        _ => None,
    };
    let lines = |lines: Vec<domain::guides::history::DiffLine>| {
        lines
            .into_iter()
            .map(|l| {
                let change = match l.change {
                    Change::Same => "same",
                    Change::Added => "added",
                    Change::Removed => "removed",
                };
                (change.to_owned(), l.text)
            })
            .collect()
    };
    let time = crate::dates::Day::moment;
    Ok(Some(HistoryData {
        id,
        title: shown.text.title,
        lang: shown.text.lang.code().to_owned(),
        versions: versions
            .into_iter()
            .map(|v| super::types::VersionItem {
                number: v.number,
                edited: time(v.edited_at),
                published: v.published_at.map(time),
                edited_by: v.edited_by,
                published_by: v.published_by,
            })
            .collect(),
        diff: diff.map(|d| super::types::DiffData {
            from: d.from,
            to: d.to,
            lang: text_lang.code().to_owned(),
            title: lines(d.title),
            summary: lines(d.summary),
            body: lines(d.body),
        }),
    }))
}
