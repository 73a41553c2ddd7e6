//! `GET /regions` and `GET /regions/{slug}`: thin handlers over `domain::regions`.

use axum::Json;
use axum::extract::{Path, State};
use domain::regions::{LocalisedName, ProvinceKind, RegionDetail, RegionSummary};
use domain::types::RegionSlug;
use serde::Serialize;
use utoipa::ToSchema;

use super::error::{ApiError, ApiErrorBody};
use crate::AppState;

/// A name in the four languages of the platform.
#[derive(Debug, Serialize, ToSchema)]
pub struct NamesDto {
    pub ar: String,
    pub zgh: String,
    pub fr: String,
    pub en: String,
}

/// The petition threshold of a region (Organic Law 111-14, with the region's settings).
#[derive(Debug, Serialize, ToSchema)]
pub struct ThresholdDto {
    /// Signatures needed in all.
    pub signatures: u32,
    /// Signatures needed in each prefecture/province.
    pub per_province: u32,
}

/// A region in the list.
#[derive(Debug, Serialize, ToSchema)]
pub struct RegionDto {
    pub code: String,
    pub slug: String,
    pub name: NamesDto,
    pub seat: NamesDto,
    pub population_2024: i64,
    pub province_count: usize,
}

/// A prefecture or a province.
#[derive(Debug, Serialize, ToSchema)]
pub struct ProvinceDto {
    pub code: String,
    /// `prefecture` or `province`.
    pub kind: &'static str,
    pub name: NamesDto,
}

/// A region with its provinces and petition rules.
#[derive(Debug, Serialize, ToSchema)]
pub struct RegionDetailDto {
    pub code: String,
    pub slug: String,
    pub name: NamesDto,
    pub seat: NamesDto,
    pub population_2014: i64,
    pub population_2024: i64,
    /// The population the threshold derives from, and its census year.
    pub reference_population: i64,
    pub population_year: i32,
    pub threshold: ThresholdDto,
    pub collection_days: u32,
    pub bureau_decision_months: u32,
    pub session_months: Vec<u8>,
    pub provinces: Vec<ProvinceDto>,
}

/// The 12 regions.
#[utoipa::path(get, path = "/regions", tag = "regions",
    responses((status = 200, description = "Every region", body = [RegionDto])))]
pub async fn list_regions(State(state): State<AppState>) -> Result<Json<Vec<RegionDto>>, ApiError> {
    let regions = domain::regions::list_regions(&state.ctx).await?;
    Ok(Json(regions.into_iter().map(region_dto).collect()))
}

/// One region by slug.
#[utoipa::path(get, path = "/regions/{slug}", tag = "regions",
    params(("slug" = String, Path, description = "Region slug, e.g. `souss-massa`")),
    responses(
        (status = 200, description = "The region", body = RegionDetailDto),
        (status = 404, description = "No such region", body = ApiErrorBody)))]
pub async fn get_region(
    State(state): State<AppState>,
    Path(slug): Path<String>,
) -> Result<Json<RegionDetailDto>, ApiError> {
    // A malformed slug names no region: 404 like any unknown one.
    let slug = RegionSlug::parse(&slug).map_err(|_| domain::DomainError::NotFound)?;
    let region = domain::regions::get_region(&state.ctx, &slug).await?;
    Ok(Json(region_detail_dto(region)))
}

fn names(n: LocalisedName) -> NamesDto {
    NamesDto {
        ar: n.ar,
        zgh: n.zgh,
        fr: n.fr,
        en: n.en,
    }
}

fn region_dto(r: RegionSummary) -> RegionDto {
    RegionDto {
        code: r.code,
        slug: r.slug,
        name: names(r.name),
        seat: names(r.seat),
        population_2024: r.population_2024,
        province_count: r.province_count,
    }
}

fn region_detail_dto(r: RegionDetail) -> RegionDetailDto {
    RegionDetailDto {
        code: r.code,
        slug: r.slug,
        name: names(r.name),
        seat: names(r.seat),
        population_2014: r.population_2014,
        population_2024: r.population_2024,
        reference_population: r.reference_population,
        population_year: r.population_year,
        threshold: ThresholdDto {
            signatures: r.threshold.signatures,
            per_province: r.threshold.per_province,
        },
        collection_days: r.collection_days,
        bureau_decision_months: r.bureau_decision_months,
        session_months: r.session_months,
        provinces: r
            .provinces
            .into_iter()
            .map(|p| ProvinceDto {
                code: p.code,
                kind: match p.kind {
                    ProvinceKind::Prefecture => "prefecture",
                    ProvinceKind::Province => "province",
                },
                name: names(p.name),
            })
            .collect(),
    }
}
