//! The 12 regions: their names, provinces and the petition rules in force in each.

pub mod council;
pub mod identity;
pub mod rules;
pub mod settings;
pub mod views;

use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};

use crate::entities::{province, region, region_setting};
use crate::types::RegionSlug;
use crate::{AppContext, DomainError};
pub use rules::PetitionThreshold;
pub use views::{LocalisedName, ProvinceKind, ProvinceView, RegionDetail, RegionSummary};

/// Every region, in the order of their official codes.
#[tracing::instrument(skip(ctx))]
pub async fn list_regions(ctx: &AppContext) -> Result<Vec<RegionSummary>, DomainError> {
    let regions = region::Entity::find()
        .order_by_asc(region::Column::Code)
        .all(&ctx.db)
        .await?;
    let counts: Vec<(i32, i64)> = province::Entity::find()
        .select_only()
        .column(province::Column::RegionId)
        .column_as(province::Column::Id.count(), "provinces")
        .group_by(province::Column::RegionId)
        .into_tuple()
        .all(&ctx.db)
        .await?;
    let province_count = |region_id: i32| {
        counts
            .iter()
            .find(|(id, _)| *id == region_id)
            .map_or(0, |(_, n)| usize::try_from(*n).unwrap_or_default())
    };
    Ok(regions
        .iter()
        .map(|r| RegionSummary {
            id: r.id,
            code: r.code.clone(),
            slug: r.slug.clone(),
            name: views::region_name(r),
            seat: views::seat_name(r),
            population_2024: r.population_2024,
            province_count: province_count(r.id),
        })
        .collect())
}

/// Every prefecture and province of the country, region by region (by region code), each in its
/// region's order.
pub async fn list_provinces(ctx: &AppContext) -> Result<Vec<ProvinceView>, DomainError> {
    Ok(province::Entity::find()
        .inner_join(region::Entity)
        .order_by_asc(region::Column::Code)
        .order_by_asc(province::Column::Position)
        .all(&ctx.db)
        .await?
        .iter()
        .map(views::province_view)
        .collect())
}

/// One region with its provinces and rules; `NotFound` for an unknown slug.
#[tracing::instrument(skip(ctx), fields(slug = slug.as_str()))]
pub async fn get_region(ctx: &AppContext, slug: &RegionSlug) -> Result<RegionDetail, DomainError> {
    let region = region::Entity::find()
        .filter(region::Column::Slug.eq(slug.as_str()))
        .one(&ctx.db)
        .await?
        .ok_or(DomainError::NotFound)?;
    let provinces = province::Entity::find()
        .filter(province::Column::RegionId.eq(region.id))
        .order_by_asc(province::Column::Position)
        .all(&ctx.db)
        .await?;
    let settings = region_setting::Entity::find_by_id(region.id)
        .one(&ctx.db)
        .await?
        .ok_or_else(|| DomainError::Internal(format!("region {} has no settings", region.code)))?;
    Ok(RegionDetail {
        id: region.id,
        code: region.code.clone(),
        slug: region.slug.clone(),
        name: views::region_name(&region),
        seat: views::seat_name(&region),
        population_2014: region.population_2014,
        population_2024: region.population_2024,
        reference_population: settings.reference_population,
        population_year: settings.population_year,
        provinces: provinces.iter().map(views::province_view).collect(),
        threshold: rules::effective_threshold(
            settings.reference_population,
            settings.signature_threshold,
            settings.per_province_minimum,
        ),
        collection_days: u32::try_from(settings.collection_days).unwrap_or_default(),
        bureau_decision_months: u32::try_from(settings.bureau_decision_months).unwrap_or_default(),
        session_months: views::session_months(&settings),
    })
}
