//! Lists of a region's petitions: by stage, competence and words, newest first, a page at a
//! time (keyset pagination on the id, so that page 1,000 costs what page 1 does).

use sea_orm::sea_query::Expr;
use sea_orm::{
    ColumnTrait, Condition, DatabaseBackend, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
};

use super::lifecycle::PetitionStatus;
use super::region_by_slug;
use super::views::{PetitionSummary, summary};
use crate::entities::petition;
use crate::types::RegionSlug;
use crate::{AppContext, DomainError};

/// Petitions per page.
pub const PAGE_SIZE: u64 = 20;

/// Which petitions a list shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Stage {
    /// Collecting signatures (or ready to deposit).
    #[default]
    Open,
    /// With the council.
    Deposited,
    /// Answered by the council.
    Answered,
    /// Every public petition.
    All,
}

impl Stage {
    /// The stage named `name` (`open`, `deposited`, `answered`, `all`).
    pub fn parse(name: &str) -> Option<Self> {
        match name {
            "open" => Some(Self::Open),
            "deposited" => Some(Self::Deposited),
            "answered" => Some(Self::Answered),
            "all" => Some(Self::All),
            _ => None,
        }
    }

    fn statuses(self) -> Vec<&'static str> {
        use PetitionStatus as S;
        let statuses: &[PetitionStatus] = match self {
            Self::Open => &[S::Collecting, S::ThresholdReached],
            Self::Deposited => &[S::Deposited, S::UnderReview, S::Admissible, S::Scheduled],
            Self::Answered => &[S::Answered],
            Self::All => &[
                S::Collecting,
                S::ThresholdReached,
                S::Deposited,
                S::UnderReview,
                S::Admissible,
                S::Scheduled,
                S::Answered,
                S::Withdrawn,
                S::Expired,
                S::Inadmissible,
            ],
        };
        statuses.iter().map(|s| s.as_str()).collect()
    }
}

/// What a list asks for.
#[derive(Debug, Clone, Default)]
pub struct ListQuery {
    pub stage: Stage,
    pub competence: Option<String>,
    /// The code of a prefecture or province the petitions concern.
    pub province: Option<String>,
    /// Words to search in title, request and reasons.
    pub words: Option<String>,
    /// Show petitions older than this id (the last one of the previous page).
    pub before: Option<i32>,
}

/// One page of a list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PetitionPage {
    pub petitions: Vec<PetitionSummary>,
    /// The `before` of the next page, if there is one.
    pub next: Option<i32>,
}

/// A page of the public petitions of `region`.
pub async fn list_petitions(
    ctx: &AppContext,
    region: &RegionSlug,
    query: &ListQuery,
) -> Result<PetitionPage, DomainError> {
    let region = region_by_slug(ctx, region).await?;
    let mut select = petition::Entity::find()
        .filter(petition::Column::RegionId.eq(region.id))
        .filter(status_in(ctx.db.get_database_backend(), query.stage))
        // Only what was published: never a petition withdrawn or rejected before publication.
        .filter(petition::Column::PublishedAt.is_not_null())
        // Nor one its moderators hid.
        .filter(petition::Column::HiddenAt.is_null());
    if let Some(competence) = query.competence.as_deref().filter(|c| !c.is_empty()) {
        select = select.filter(petition::Column::Competence.eq(competence));
    }
    if let Some(code) = query.province.as_deref().filter(|c| !c.is_empty()) {
        match super::signing::province_in_region(&ctx.db, region.id, code).await {
            Ok(province) => select = select.filter(petition::Column::ProvinceId.eq(province.id)),
            // A province of another region (or none): nothing here concerns it.
            Err(DomainError::Validation { .. }) => {
                return Ok(PetitionPage {
                    petitions: Vec::new(),
                    next: None,
                });
            }
            Err(err) => return Err(err),
        }
    }
    if let Some(before) = query.before {
        select = select.filter(petition::Column::Id.lt(before));
    }
    if let Some(words) = query.words.as_deref().filter(|w| !w.trim().is_empty()) {
        match search_condition(ctx.db.get_database_backend(), words, false) {
            Some(condition) => select = select.filter(condition),
            // Nothing searchable (punctuation, one-letter words): nothing found.
            None => {
                return Ok(PetitionPage {
                    petitions: Vec::new(),
                    next: None,
                });
            }
        }
    }
    let mut rows = select
        .order_by_desc(petition::Column::Id)
        .limit(PAGE_SIZE + 1)
        .all(&ctx.db)
        .await?;
    let next = if rows.len() > usize::try_from(PAGE_SIZE).unwrap_or(usize::MAX) {
        rows.truncate(usize::try_from(PAGE_SIZE).unwrap_or(usize::MAX));
        rows.last().map(|p| p.id)
    } else {
        None
    };
    Ok(PetitionPage {
        petitions: rows
            .iter()
            .map(|p| summary(p, Some(&region)))
            .collect::<Result<_, _>>()?,
        next,
    })
}

/// The condition "its status is one of `stage`'s". On SQLite it is written so that the planner
/// walks the region's petitions newest first (index on region and id) and checks the status of
/// each, rather than gathering every petition of the stage to sort them: a page costs the same at
/// 100,000 petitions as at 100 (the unary `+` keeps the status out of index choice).
fn status_in(backend: DatabaseBackend, stage: Stage) -> Condition {
    match backend {
        DatabaseBackend::Sqlite => {
            // The statuses are this module's constants, never user input.
            let list = stage
                .statuses()
                .iter()
                .map(|s| format!("'{s}'"))
                .collect::<Vec<_>>()
                .join(", ");
            Condition::all().add(Expr::cust(format!("+petitions.status IN ({list})")))
        }
        _ => Condition::all().add(petition::Column::Status.is_in(stage.statuses())),
    }
}

/// Open petitions of `region` sharing words with `text` (to avoid filing a duplicate).
pub async fn similar_petitions(
    ctx: &AppContext,
    region: &RegionSlug,
    text: &str,
) -> Result<Vec<PetitionSummary>, DomainError> {
    let region = region_by_slug(ctx, region).await?;
    let Some(condition) = search_condition(ctx.db.get_database_backend(), text, true) else {
        return Ok(Vec::new());
    };
    petition::Entity::find()
        .filter(petition::Column::RegionId.eq(region.id))
        .filter(petition::Column::Status.is_in(Stage::Open.statuses()))
        .filter(petition::Column::HiddenAt.is_null())
        .filter(condition)
        .order_by_desc(petition::Column::SignatureCount)
        .limit(5)
        .all(&ctx.db)
        .await?
        .iter()
        .map(|p| summary(p, Some(&region)))
        .collect()
}

/// A full-text condition: all the words (a search), or any of them (similar petitions).
fn search_condition(backend: DatabaseBackend, text: &str, any: bool) -> Option<Condition> {
    let words = crate::search::words(text);
    if words.is_empty() {
        return None;
    }
    let query = crate::search::query(backend, &words, any);
    let expr = match backend {
        // `search` is the stored vector of title, request and reasons (GIN-indexed).
        DatabaseBackend::Postgres => {
            Expr::cust_with_values("petitions.search @@ to_tsquery('simple', $1)", [query])
        }
        _ => Expr::cust_with_values(
            "petitions.id IN (SELECT rowid FROM petitions_fts WHERE petitions_fts MATCH ?)",
            [query],
        ),
    };
    Some(Condition::all().add(expr))
}
