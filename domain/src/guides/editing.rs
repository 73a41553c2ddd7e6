//! Writing guides: a writer ([`super::may_write`]) creates a guide as a draft, saves it as often
//! as needed (into the one draft, or a new draft after a publication), publishes the draft as the
//! next version, and adopts another's guide into their region as a draft copy. Every step is
//! audit-logged; anyone else is refused and the attempt logged.

use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set,
};

use super::practices::{self, PracticeFacts, PracticeForm};
use super::{Category, may_write};
use crate::audit::{self, AuditEvent};
use crate::entities::{guide, guide_text, guide_version, region};
use crate::roles::Actor;
use crate::text::{LangTexts, TextsForm, parse_texts};
use crate::types::{GuideId, Lang, RegionSlug};
use crate::{AppContext, DomainError};

/// One language of the form as typed, with whether its translation awaits review.
#[derive(Debug, Clone, Default)]
pub struct GuideTextsForm {
    pub texts: TextsForm,
    pub needs_review: bool,
}

/// The guide form as typed.
#[derive(Debug, Clone, Default)]
pub struct GuideForm {
    pub category: String,
    pub fallback_lang: String,
    pub texts: Vec<GuideTextsForm>,
    /// Read for a practice only.
    pub practice: PracticeForm,
}

/// A guide as written, checked: a category, a fallback language whose texts are given, titles
/// of 5 to 200 characters, summaries up to 1,000, bodies up to 50,000 (Markdown).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewGuide {
    pub category: Category,
    pub fallback_lang: Lang,
    /// Each language's texts and whether they await review.
    pub texts: Vec<(LangTexts, bool)>,
    /// A practice's facts (the category `practices` only, where they are required).
    pub practice: Option<PracticeFacts>,
}

impl NewGuide {
    /// Parses `form`; every fault is reported at once.
    pub fn parse(form: &GuideForm) -> Result<Self, Vec<DomainError>> {
        let mut errors = Vec::new();
        let category = Category::parse(form.category.trim());
        if category.is_none() {
            errors.push(DomainError::Validation {
                field: "category",
                code: "category_invalid",
            });
        }
        let fallback_lang = Lang::parse(form.fallback_lang.trim());
        if fallback_lang.is_none() {
            errors.push(DomainError::Validation {
                field: "fallback_lang",
                code: "lang_invalid",
            });
        }
        let typed: Vec<TextsForm> = form.texts.iter().map(|t| t.texts.clone()).collect();
        let texts = parse_texts(&mut errors, &typed, fallback_lang);
        let practice = match category {
            Some(Category::Practices) => PracticeFacts::parse(&mut errors, &form.practice),
            _ => None,
        };
        match (category, fallback_lang) {
            (Some(category), Some(fallback_lang)) if errors.is_empty() => Ok(Self {
                category,
                fallback_lang,
                texts: texts
                    .into_iter()
                    .map(|t| {
                        let review = form.texts.iter().any(|f| {
                            f.needs_review && Lang::parse(f.texts.lang.trim()) == Some(t.lang)
                        });
                        (t, review)
                    })
                    .collect(),
                practice,
            }),
            _ => Err(errors),
        }
    }
}

/// Refuses `by` unless they write the guides of `region_id`, logging the attempt.
pub(super) async fn ensure_writer(
    ctx: &AppContext,
    by: &Actor,
    region_id: Option<i32>,
    operation: &'static str,
    target: serde_json::Value,
) -> Result<(), DomainError> {
    if may_write(by, region_id) {
        Ok(())
    } else {
        Err(audit::denied(ctx, by.user.0, operation, region_id, target).await)
    }
}

/// What was done to a guide, beside its id in the audit log.
pub(super) enum Detail<'a> {
    Version(i32),
    File(&'a str),
}

/// Records `action` of `by` on guide `found` in the audit log.
pub(super) async fn log<C: ConnectionTrait>(
    ctx: &AppContext,
    db: &C,
    by: &Actor,
    action: &'static str,
    found: &guide::Model,
    detail: Detail<'_>,
) -> Result<(), DomainError> {
    let detail = match detail {
        Detail::Version(version) => serde_json::json!({ "guide": found.id, "version": version }),
        Detail::File(name) => serde_json::json!({ "guide": found.id, "file": name }),
    };
    audit::record(
        ctx,
        db,
        AuditEvent {
            actor_user_id: Some(by.user.0),
            action,
            subject_user_id: None,
            region_id: found.region_id,
            detail,
        },
    )
    .await
}

/// The region of `slug` (`None`: national).
async fn region_id(
    ctx: &AppContext,
    slug: Option<&RegionSlug>,
) -> Result<Option<i32>, DomainError> {
    match slug {
        None => Ok(None),
        Some(slug) => Ok(Some(
            region::Entity::find()
                .filter(region::Column::Slug.eq(slug.as_str()))
                .one(&ctx.db)
                .await?
                .ok_or(DomainError::NotFound)?
                .id,
        )),
    }
}

async fn insert_texts<C: ConnectionTrait>(
    db: &C,
    version_id: i32,
    texts: &[(LangTexts, bool)],
) -> Result<(), DomainError> {
    for (t, needs_review) in texts {
        guide_text::ActiveModel {
            version_id: Set(version_id),
            lang: Set(t.lang.code().to_owned()),
            title: Set(t.title.clone()),
            summary: Set(t.summary.clone()),
            body: Set(t.body.clone()),
            needs_review: Set(*needs_review),
            ..Default::default()
        }
        .insert(db)
        .await?;
    }
    Ok(())
}

/// Creates a draft guide of `region` (`None`: a national guide) and gives its id.
pub async fn create_guide(
    ctx: &AppContext,
    by: &Actor,
    region: Option<&RegionSlug>,
    draft: NewGuide,
) -> Result<GuideId, DomainError> {
    let region_id = region_id(ctx, region).await?;
    let target = serde_json::json!({ "region": region_id });
    ensure_writer(ctx, by, region_id, "create_guide", target).await?;
    let now = ctx.clock.now();
    let txn = crate::db::begin_write(&ctx.db).await?;
    let created = guide::ActiveModel {
        region_id: Set(region_id),
        category: Set(draft.category.as_str().to_owned()),
        fallback_lang: Set(draft.fallback_lang.code().to_owned()),
        created_by: Set(Some(by.user.0)),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let version = guide_version::ActiveModel {
        guide_id: Set(created.id),
        number: Set(1),
        edited_by: Set(Some(by.user.0)),
        edited_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    insert_texts(&txn, version.id, &draft.texts).await?;
    practices::store(&txn, version.id, draft.practice.as_ref()).await?;
    log(ctx, &txn, by, "guide_created", &created, Detail::Version(1)).await?;
    txn.commit().await?;
    Ok(GuideId(created.id))
}

/// Guide `id` and its latest version (`NotFound` when either is missing).
pub(super) async fn guide_and_latest<C: ConnectionTrait>(
    db: &C,
    id: GuideId,
) -> Result<(guide::Model, guide_version::Model), DomainError> {
    let found = guide::Entity::find_by_id(id.0)
        .one(db)
        .await?
        .ok_or(DomainError::NotFound)?;
    let latest = guide_version::Entity::find()
        .filter(guide_version::Column::GuideId.eq(id.0))
        .order_by_desc(guide_version::Column::Number)
        .one(db)
        .await?
        .ok_or(DomainError::NotFound)?;
    Ok((found, latest))
}

/// Saves `draft` as guide `id`'s draft: into its draft, or a new one after a publication.
pub async fn save_guide(
    ctx: &AppContext,
    by: &Actor,
    id: GuideId,
    draft: NewGuide,
) -> Result<(), DomainError> {
    let (found, latest) = guide_and_latest(&ctx.db, id).await?;
    let target = serde_json::json!({ "guide": id.0 });
    ensure_writer(ctx, by, found.region_id, "save_guide", target).await?;
    let now = ctx.clock.now();
    let txn = crate::db::begin_write(&ctx.db).await?;
    let version = if latest.published_at.is_none() {
        guide_text::Entity::delete_many()
            .filter(guide_text::Column::VersionId.eq(latest.id))
            .exec(&txn)
            .await?;
        let mut edited: guide_version::ActiveModel = latest.into();
        edited.edited_by = Set(Some(by.user.0));
        edited.edited_at = Set(now);
        edited.update(&txn).await?
    } else {
        guide_version::ActiveModel {
            guide_id: Set(found.id),
            number: Set(latest.number + 1),
            edited_by: Set(Some(by.user.0)),
            edited_at: Set(now),
            ..Default::default()
        }
        .insert(&txn)
        .await
        .map_err(|e| crate::db::conflict_on_unique(e, "guide_changed"))?
    };
    insert_texts(&txn, version.id, &draft.texts).await?;
    practices::store(&txn, version.id, draft.practice.as_ref()).await?;
    let mut changed: guide::ActiveModel = found.clone().into();
    changed.category = Set(draft.category.as_str().to_owned());
    changed.fallback_lang = Set(draft.fallback_lang.code().to_owned());
    changed.updated_at = Set(now);
    changed.update(&txn).await?;
    log(
        ctx,
        &txn,
        by,
        "guide_saved",
        &found,
        Detail::Version(version.number),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Publishes guide `id`'s draft as its current version (`Conflict("nothing_to_publish")` when
/// its latest version is already published).
pub async fn publish_guide(ctx: &AppContext, by: &Actor, id: GuideId) -> Result<(), DomainError> {
    let (found, latest) = guide_and_latest(&ctx.db, id).await?;
    let target = serde_json::json!({ "guide": id.0 });
    ensure_writer(ctx, by, found.region_id, "publish_guide", target).await?;
    if latest.published_at.is_some() {
        return Err(DomainError::Conflict("nothing_to_publish"));
    }
    let now = ctx.clock.now();
    let number = latest.number;
    let txn = crate::db::begin_write(&ctx.db).await?;
    let published = guide_version::Entity::update_many()
        .col_expr(
            guide_version::Column::PublishedAt,
            sea_orm::sea_query::Expr::value(now),
        )
        .col_expr(
            guide_version::Column::PublishedBy,
            sea_orm::sea_query::Expr::value(by.user.0),
        )
        .filter(guide_version::Column::Id.eq(latest.id))
        .filter(guide_version::Column::PublishedAt.is_null())
        .exec(&txn)
        .await?;
    if published.rows_affected == 0 {
        return Err(DomainError::Conflict("nothing_to_publish"));
    }
    let mut changed: guide::ActiveModel = found.clone().into();
    changed.published_version = Set(Some(number));
    changed.updated_at = Set(now);
    changed.update(&txn).await?;
    log(
        ctx,
        &txn,
        by,
        "guide_published",
        &found,
        Detail::Version(number),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Adopts guide `source` (published, national or another region's) into `region` as a draft
/// copy that remembers where it came from, and gives the copy's id. The region's council
/// officers only; once per region and guide (`Conflict("guide_already_adopted")`).
pub async fn adopt_guide(
    ctx: &AppContext,
    by: &Actor,
    source: GuideId,
    region: &RegionSlug,
) -> Result<GuideId, DomainError> {
    let region_id = region_id(ctx, Some(region)).await?;
    let target = serde_json::json!({ "guide": source.0 });
    ensure_writer(ctx, by, region_id, "adopt_guide", target).await?;
    let original = guide::Entity::find_by_id(source.0)
        .one(&ctx.db)
        .await?
        .ok_or(DomainError::NotFound)?;
    let Some(number) = original.published_version else {
        return Err(DomainError::NotFound);
    };
    if original.region_id == region_id {
        return Err(DomainError::Conflict("guide_of_this_region"));
    }
    let version = guide_version::Entity::find()
        .filter(guide_version::Column::GuideId.eq(source.0))
        .filter(guide_version::Column::Number.eq(number))
        .one(&ctx.db)
        .await?
        .ok_or(DomainError::NotFound)?;
    let texts: Vec<(LangTexts, bool)> = guide_text::Entity::find()
        .filter(guide_text::Column::VersionId.eq(version.id))
        .all(&ctx.db)
        .await?
        .into_iter()
        .filter_map(|t| {
            Some((
                LangTexts {
                    lang: Lang::parse(&t.lang)?,
                    title: t.title,
                    summary: t.summary,
                    body: t.body,
                },
                t.needs_review,
            ))
        })
        .collect();
    let practice = practices::of_version(&ctx.db, version.id).await?;
    let now = ctx.clock.now();
    let txn = crate::db::begin_write(&ctx.db).await?;
    let created = guide::ActiveModel {
        region_id: Set(region_id),
        category: Set(original.category.clone()),
        fallback_lang: Set(original.fallback_lang.clone()),
        adopted_from: Set(Some(original.id)),
        adopted_version: Set(Some(number)),
        created_by: Set(Some(by.user.0)),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await
    .map_err(|e| crate::db::conflict_on_unique(e, "guide_already_adopted"))?;
    let copy = guide_version::ActiveModel {
        guide_id: Set(created.id),
        number: Set(1),
        edited_by: Set(Some(by.user.0)),
        edited_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    insert_texts(&txn, copy.id, &texts).await?;
    practices::store(&txn, copy.id, practice.as_ref()).await?;
    super::documents::copy_documents(&txn, original.id, created.id).await?;
    log(ctx, &txn, by, "guide_adopted", &created, Detail::Version(1)).await?;
    txn.commit().await?;
    Ok(GuideId(created.id))
}

/// What the writers' form starts from: the guide's region, its current title, its settings and
/// the texts of its latest version (`lang`, title, summary, body, awaiting review).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GuideDraft {
    pub region: Option<super::views::RegionRef>,
    pub title: Option<String>,
    pub category: String,
    pub fallback_lang: String,
    pub texts: Vec<(String, String, String, String, bool)>,
    pub practice: PracticeForm,
}

/// The form of a new guide of `region` (`None`: national), for its writers only.
pub async fn new_guide_draft(
    ctx: &AppContext,
    by: &Actor,
    region: Option<&RegionSlug>,
) -> Result<GuideDraft, DomainError> {
    let region_id = region_id(ctx, region).await?;
    let target = serde_json::json!({ "region": region_id });
    ensure_writer(ctx, by, region_id, "create_guide", target).await?;
    let region = match region_id {
        Some(id) => region::Entity::find_by_id(id)
            .one(&ctx.db)
            .await?
            .map(|r| super::views::region_ref(&r)),
        None => None,
    };
    Ok(GuideDraft {
        region,
        title: None,
        category: Category::Petitioning.as_str().to_owned(),
        fallback_lang: Lang::Ar.code().to_owned(),
        texts: Vec::new(),
        practice: PracticeForm::default(),
    })
}

/// The form of guide `id` filled with its latest version, for its writers only.
pub async fn guide_draft(
    ctx: &AppContext,
    by: &Actor,
    id: GuideId,
) -> Result<GuideDraft, DomainError> {
    let (found, latest) = guide_and_latest(&ctx.db, id).await?;
    let target = serde_json::json!({ "guide": id.0 });
    ensure_writer(ctx, by, found.region_id, "edit_guide", target).await?;
    let texts = guide_text::Entity::find()
        .filter(guide_text::Column::VersionId.eq(latest.id))
        .all(&ctx.db)
        .await?;
    let title = texts
        .iter()
        .find(|t| t.lang == found.fallback_lang)
        .map(|t| t.title.clone());
    let region = match found.region_id {
        Some(id) => region::Entity::find_by_id(id)
            .one(&ctx.db)
            .await?
            .map(|r| super::views::region_ref(&r)),
        None => None,
    };
    let practice = practices::of_version(&ctx.db, latest.id)
        .await?
        .map(|p| p.form())
        .unwrap_or_default();
    Ok(GuideDraft {
        practice,
        region,
        title,
        category: found.category,
        fallback_lang: found.fallback_lang,
        texts: texts
            .into_iter()
            .map(|t| (t.lang, t.title, t.summary, t.body, t.needs_review))
            .collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(lang: &str, title: &str) -> GuideTextsForm {
        GuideTextsForm {
            texts: TextsForm {
                lang: lang.into(),
                title: title.into(),
                summary: "Ce qu'il faut savoir.".into(),
                body: "## Étapes\n\nDéposez la pétition.".into(),
            },
            needs_review: lang == "zgh",
        }
    }

    #[test]
    fn a_guide_needs_a_category_and_its_fallback_texts() {
        let form = GuideForm {
            category: "petitioning".into(),
            fallback_lang: "fr".into(),
            texts: vec![
                texts("fr", "Comment pétitionner"),
                texts("zgh", "ⵎⴰⵎⴽ ⴰⴷ ⵜⵙⵓⵜⵔⵎ"),
            ],
            practice: PracticeForm::default(),
        };
        let parsed = NewGuide::parse(&form).unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(parsed.category, Category::Petitioning);
        let review: Vec<(Lang, bool)> = parsed.texts.iter().map(|(t, r)| (t.lang, *r)).collect();
        assert_eq!(review, [(Lang::Fr, false), (Lang::Zgh, true)]);

        let bad = GuideForm {
            category: "news".into(),
            fallback_lang: "ar".into(),
            texts: vec![texts("fr", "Comment pétitionner")],
            practice: PracticeForm::default(),
        };
        let codes: Vec<&str> = NewGuide::parse(&bad)
            .err()
            .unwrap_or_default()
            .iter()
            .map(DomainError::code)
            .collect();
        assert_eq!(codes, ["category_invalid", "text_missing"]);
    }
}
