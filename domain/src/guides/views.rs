//! Reading guides. The public reads each guide's published version, in its language or, when not
//! yet translated, in the guide's fallback language (the page says so); its writers also read
//! the draft. A national guide read in a region shows that region's numbers; read nationally,
//! it says they depend on the region. Lists hold published guides only, searched in full text.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, ExprTrait, Query};
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect,
};

use super::facts::{RegionFacts, fill, uses_facts};
use super::{Category, may_write, regions_written};
use crate::entities::{guide, guide_practice, guide_text, guide_version, region};
use crate::regions::LocalisedName;
use crate::roles::Actor;
use crate::types::{GuideId, Lang, PageNumber, RegionSlug};
use crate::{AppContext, DomainError};

/// Guides per page of a list.
pub const GUIDES_PAGE: u64 = 20;
/// Lists go by category, in the order of [`Category::ALL`].
const CATEGORY_ORDER: &str = "CASE guides.category WHEN 'petitioning' THEN 0 \
    WHEN 'consultations' THEN 1 WHEN 'law' THEN 2 WHEN 'commitments' THEN 3 ELSE 4 END";

/// A region as a guide names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegionRef {
    pub id: i32,
    pub slug: String,
    pub name: LocalisedName,
}

/// A guide's texts in one language, ready to show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GuideText {
    /// The language of the texts (the fallback's when not translated).
    pub lang: Lang,
    pub title: String,
    pub summary: String,
    /// Safe HTML.
    pub html: String,
    /// Whether they are in the reader's language.
    pub translated: bool,
    /// A translation drafted and not yet reviewed.
    pub needs_review: bool,
}

/// Where an adopted guide came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    pub guide: GuideId,
    /// `None`: a national guide.
    pub region: Option<RegionRef>,
    pub version: i32,
}

/// A guide as its page shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GuideView {
    pub id: GuideId,
    /// `None`: a national guide.
    pub region: Option<RegionRef>,
    pub category: Category,
    /// The version shown, and when it was published (`None`: the draft, to its writers).
    pub version: i32,
    pub published_at: Option<DateTime<Utc>>,
    pub text: GuideText,
    pub origin: Option<Origin>,
    /// Whether its numbers depend on the region and none was chosen.
    pub per_region: bool,
    /// Whether the reader writes this guide.
    pub may_edit: bool,
    /// Whether a draft newer than the published version waits (writers only).
    pub has_draft: bool,
    /// The regions the reader may adopt it into.
    pub adopt_into: Vec<RegionRef>,
    /// A practice's facts, for the version shown.
    pub practice: Option<super::practices::PracticeFacts>,
}

pub(super) fn region_ref(r: &region::Model) -> RegionRef {
    RegionRef {
        id: r.id,
        slug: r.slug.clone(),
        name: crate::regions::views::region_name(r),
    }
}

/// The texts of `version` in `lang`, or the fallback language's.
pub(super) async fn texts_in<C: ConnectionTrait>(
    db: &C,
    version_id: i32,
    lang: Lang,
    fallback: &str,
) -> Result<Option<(guide_text::Model, bool)>, DomainError> {
    let texts = guide_text::Entity::find()
        .filter(guide_text::Column::VersionId.eq(version_id))
        .all(db)
        .await?;
    Ok(pick_text(texts, lang, fallback))
}

/// Of one version's `texts`, the one in `lang` (`true`: translated), else the one in
/// `fallback` (`false`).
fn pick_text(
    texts: Vec<guide_text::Model>,
    lang: Lang,
    fallback: &str,
) -> Option<(guide_text::Model, bool)> {
    let own = texts.iter().position(|t| t.lang == lang.code());
    let mut texts = texts;
    match own {
        Some(i) => Some((texts.swap_remove(i), true)),
        None => texts
            .into_iter()
            .find(|t| t.lang == fallback)
            .map(|t| (t, false)),
    }
}

fn shown(text: guide_text::Model, translated: bool, facts: Option<&RegionFacts>) -> GuideText {
    let lang = Lang::parse(&text.lang).unwrap_or_default();
    GuideText {
        lang,
        title: fill(&text.title, facts, lang),
        summary: fill(&text.summary, facts, lang),
        html: crate::text::render(&fill(&text.body, facts, lang)),
        translated,
        needs_review: text.needs_review,
    }
}

/// Guide `id` for `viewer` in `lang`, read in region `context` (a national guide, or one of
/// that region; another region's is `NotFound`). Its published version; its writers read the
/// draft when `draft` is asked or nothing is published yet. Anyone else: `NotFound` for a guide
/// never published.
pub async fn get_guide(
    ctx: &AppContext,
    viewer: Option<&Actor>,
    id: GuideId,
    context: Option<&RegionSlug>,
    lang: Lang,
    draft: bool,
) -> Result<GuideView, DomainError> {
    let found = guide::Entity::find_by_id(id.0)
        .one(&ctx.db)
        .await?
        .ok_or(DomainError::NotFound)?;
    let regions: HashMap<i32, region::Model> = region::Entity::find()
        .all(&ctx.db)
        .await?
        .into_iter()
        .map(|r| (r.id, r))
        .collect();
    let context = match context {
        Some(slug) => Some(
            regions
                .values()
                .find(|r| r.slug == slug.as_str())
                .ok_or(DomainError::NotFound)?,
        ),
        None => None,
    };
    if let (Some(own), Some(context)) = (found.region_id, context)
        && own != context.id
    {
        return Err(DomainError::NotFound);
    }
    let writer = viewer.is_some_and(|v| may_write(v, found.region_id));
    let (_, latest) = super::editing::guide_and_latest(&ctx.db, id).await?;
    let version = match found.published_version {
        Some(_) if draft && writer => latest.clone(),
        None if writer => latest.clone(),
        Some(number) => guide_version::Entity::find()
            .filter(guide_version::Column::GuideId.eq(id.0))
            .filter(guide_version::Column::Number.eq(number))
            .one(&ctx.db)
            .await?
            .ok_or(DomainError::NotFound)?,
        None => return Err(DomainError::NotFound),
    };
    let facts_region = found.region_id.and_then(|r| regions.get(&r)).or(context);
    let facts = match facts_region {
        Some(r) => Some(super::facts::region_facts(ctx, &RegionSlug::parse(&r.slug)?).await?),
        None => None,
    };
    let (text, translated) = texts_in(&ctx.db, version.id, lang, &found.fallback_lang)
        .await?
        .ok_or_else(|| DomainError::Internal(format!("guide {} has no texts", id.0)))?;
    let per_region = facts.is_none()
        && [&text.title, &text.summary, &text.body]
            .iter()
            .any(|t| uses_facts(t));
    let origin = match found.adopted_from {
        Some(source) => guide::Entity::find_by_id(source)
            .one(&ctx.db)
            .await?
            .map(|s| Origin {
                guide: GuideId(s.id),
                region: s.region_id.and_then(|r| regions.get(&r)).map(region_ref),
                version: found.adopted_version.unwrap_or(1),
            }),
        None => None,
    };
    let adopt_into = match (viewer, found.published_version) {
        (Some(viewer), Some(_)) => {
            let adopted: Vec<Option<i32>> = guide::Entity::find()
                .filter(guide::Column::AdoptedFrom.eq(id.0))
                .all(&ctx.db)
                .await?
                .into_iter()
                .map(|g| g.region_id)
                .collect();
            regions_written(viewer)
                .into_iter()
                .filter(|r| found.region_id != Some(*r) && !adopted.contains(&Some(*r)))
                .filter_map(|r| regions.get(&r).map(region_ref))
                .collect()
        }
        _ => Vec::new(),
    };
    let practice = super::practices::of_version(&ctx.db, version.id).await?;
    Ok(GuideView {
        practice,
        id,
        region: found
            .region_id
            .and_then(|r| regions.get(&r))
            .map(region_ref),
        category: Category::parse(&found.category).unwrap_or(Category::Petitioning),
        version: version.number,
        published_at: version.published_at,
        text: shown(text, translated, facts.as_ref()),
        origin,
        per_region,
        may_edit: writer,
        has_draft: writer && latest.published_at.is_none() && found.published_version.is_some(),
        adopt_into,
    })
}

/// Which guides a list holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GuideScope {
    /// Every published guide (the library), or those of one region, or the national ones.
    Library(Option<Option<i32>>),
    /// What a region's people read: the national guides it has not adopted, and its own.
    Region(i32),
}

/// A list's filter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GuideFilter {
    pub scope: GuideScope,
    pub category: Option<Category>,
    /// Practices with this tool only.
    pub tool: Option<&'static str>,
    /// Words to look for in the texts.
    pub search: String,
}

/// A guide in a list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GuideItem {
    pub id: GuideId,
    pub region: Option<RegionRef>,
    pub category: Category,
    pub lang: Lang,
    pub title: String,
    pub summary: String,
    pub translated: bool,
    pub adopted: bool,
    /// A practice's tool.
    pub tool: Option<&'static str>,
}

/// A page of guides.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GuidePage {
    pub guides: Vec<GuideItem>,
    pub page: u64,
    pub pages: u64,
    pub total: u64,
}

/// The published guides `filter` selects, by category then oldest first, page `page`, their
/// texts in `lang` (or the fallback's) with the numbers of their region.
pub async fn list_guides(
    ctx: &AppContext,
    filter: &GuideFilter,
    lang: Lang,
    page: u64,
) -> Result<GuidePage, DomainError> {
    let mut query = guide::Entity::find().filter(guide::Column::PublishedVersion.is_not_null());
    query = match filter.scope {
        GuideScope::Library(None) => query,
        GuideScope::Library(Some(None)) => query.filter(guide::Column::RegionId.is_null()),
        GuideScope::Library(Some(Some(region))) => query.filter(guide::Column::RegionId.eq(region)),
        GuideScope::Region(region) => query.filter(
            sea_orm::Condition::any()
                .add(guide::Column::RegionId.eq(region))
                .add(
                    sea_orm::Condition::all()
                        .add(guide::Column::RegionId.is_null())
                        .add(
                            guide::Column::Id.not_in_subquery(
                                Query::select()
                                    .column(guide::Column::AdoptedFrom)
                                    .from(guide::Entity)
                                    .and_where(guide::Column::RegionId.eq(region))
                                    .and_where(guide::Column::AdoptedFrom.is_not_null())
                                    .and_where(guide::Column::PublishedVersion.is_not_null())
                                    .to_owned(),
                            ),
                        ),
                ),
        ),
    };
    if let Some(category) = filter.category {
        query = query.filter(guide::Column::Category.eq(category.as_str()));
    }
    if let Some(tool) = filter.tool {
        query = query.filter(
            guide::Column::Id.in_subquery(
                Query::select()
                    .column((guide_version::Entity, guide_version::Column::GuideId))
                    .from(guide_version::Entity)
                    .inner_join(
                        guide_practice::Entity,
                        Expr::col((guide_practice::Entity, guide_practice::Column::VersionId))
                            .equals((guide_version::Entity, guide_version::Column::Id)),
                    )
                    // The current version's practice only: an earlier version's tool no longer
                    // describes the guide.
                    .inner_join(
                        guide::Entity,
                        Expr::col((guide::Entity, guide::Column::Id))
                            .equals((guide_version::Entity, guide_version::Column::GuideId))
                            .and(
                                Expr::col((guide::Entity, guide::Column::PublishedVersion))
                                    .equals((guide_version::Entity, guide_version::Column::Number)),
                            ),
                    )
                    .and_where(guide_practice::Column::Tool.eq(tool))
                    .to_owned(),
            ),
        );
    }
    let words = crate::search::words(&filter.search);
    if !words.is_empty() {
        let backend = ctx.db.get_database_backend();
        let text = crate::search::query(backend, &words, false);
        let matching = match backend {
            sea_orm::DatabaseBackend::Postgres => {
                "to_tsvector('simple', t.title || ' ' || t.summary || ' ' || t.body) \
                 @@ to_tsquery('simple', $1)"
            }
            // SQLite's placeholder is `?`.
            _ => "t.id IN (SELECT rowid FROM guide_texts_fts WHERE guide_texts_fts MATCH ?)",
        };
        query = query.filter(Expr::cust_with_values(
            format!(
                "guides.id IN (SELECT v.guide_id FROM guide_versions v \
                 JOIN guide_texts t ON t.version_id = v.id \
                 JOIN guides g ON g.id = v.guide_id \
                 WHERE v.number = g.published_version AND {matching})"
            ),
            [text],
        ));
    }
    let total = query.clone().count(&ctx.db).await?;
    let PageNumber {
        page,
        pages,
        offset,
    } = PageNumber::of(page, total, GUIDES_PAGE);
    let found = query
        .order_by(Expr::cust(CATEGORY_ORDER), sea_orm::Order::Asc)
        .order_by_asc(guide::Column::Id)
        .offset(offset)
        .limit(GUIDES_PAGE)
        .all(&ctx.db)
        .await?;
    let regions: HashMap<i32, region::Model> = region::Entity::find()
        .all(&ctx.db)
        .await?
        .into_iter()
        .map(|r| (r.id, r))
        .collect();
    // The page's published versions, their texts and their practices: three reads a page.
    let versions: HashMap<i32, guide_version::Model> = if found.is_empty() {
        HashMap::new()
    } else {
        guide_version::Entity::find()
            .filter(found.iter().fold(sea_orm::Condition::any(), |any, g| {
                any.add(
                    guide_version::Column::GuideId
                        .eq(g.id)
                        .and(guide_version::Column::Number.eq(g.published_version.unwrap_or(0))),
                )
            }))
            .all(&ctx.db)
            .await?
            .into_iter()
            .map(|v| (v.guide_id, v))
            .collect()
    };
    let version_ids: Vec<i32> = versions.values().map(|v| v.id).collect();
    let mut texts: HashMap<i32, Vec<guide_text::Model>> = HashMap::new();
    for t in guide_text::Entity::find()
        .filter(guide_text::Column::VersionId.is_in(version_ids.clone()))
        .all(&ctx.db)
        .await?
    {
        texts.entry(t.version_id).or_default().push(t);
    }
    let tools: HashMap<i32, &'static str> = guide_practice::Entity::find()
        .filter(guide_practice::Column::VersionId.is_in(version_ids))
        .all(&ctx.db)
        .await?
        .into_iter()
        .filter_map(|p| Some((p.version_id, super::practices::PracticeFacts::of(p)?.tool)))
        .collect();
    let mut facts: HashMap<i32, RegionFacts> = HashMap::new();
    let mut guides = Vec::with_capacity(found.len());
    for g in found {
        let Some(version) = versions.get(&g.id) else {
            continue;
        };
        let Some((text, translated)) = pick_text(
            texts.remove(&version.id).unwrap_or_default(),
            lang,
            &g.fallback_lang,
        ) else {
            continue;
        };
        let shown_in = g.region_id.or(match filter.scope {
            GuideScope::Region(region) => Some(region),
            GuideScope::Library(_) => None,
        });
        let region_facts = match shown_in.and_then(|r| regions.get(&r)) {
            Some(r) => {
                if let std::collections::hash_map::Entry::Vacant(entry) = facts.entry(r.id) {
                    let slug = RegionSlug::parse(&r.slug)?;
                    entry.insert(super::facts::region_facts(ctx, &slug).await?);
                }
                facts.get(&r.id)
            }
            None => None,
        };
        let text_lang = Lang::parse(&text.lang).unwrap_or_default();
        guides.push(GuideItem {
            tool: tools.get(&version.id).copied(),
            id: GuideId(g.id),
            region: g.region_id.and_then(|r| regions.get(&r)).map(region_ref),
            category: Category::parse(&g.category).unwrap_or(Category::Petitioning),
            lang: text_lang,
            title: fill(&text.title, region_facts, text_lang),
            summary: fill(&text.summary, region_facts, text_lang),
            translated,
            adopted: g.adopted_from.is_some(),
        });
    }
    Ok(GuidePage {
        guides,
        page,
        pages,
        total,
    })
}

/// The guide shipped as `starter` that region `region_id` reads: its own adoption of it, or the
/// national one (`None` when it is not published).
pub async fn starter_guide(
    ctx: &AppContext,
    starter: &str,
    region_id: Option<i32>,
) -> Result<Option<GuideId>, DomainError> {
    let Some(national) = guide::Entity::find()
        .filter(guide::Column::Starter.eq(starter))
        .filter(guide::Column::PublishedVersion.is_not_null())
        .one(&ctx.db)
        .await?
    else {
        return Ok(None);
    };
    if let Some(region) = region_id {
        let adopted = guide::Entity::find()
            .filter(guide::Column::AdoptedFrom.eq(national.id))
            .filter(guide::Column::RegionId.eq(region))
            .filter(guide::Column::PublishedVersion.is_not_null())
            .one(&ctx.db)
            .await?;
        if let Some(adopted) = adopted {
            return Ok(Some(GuideId(adopted.id)));
        }
    }
    Ok(Some(GuideId(national.id)))
}
