//! Server functions of the regions pages: thin, they call `domain::regions` and map to wire types.

use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

use super::types::{RegionCard, RegionPageData};

/// All regions, for the home page.
#[server(prefix = "/fn", endpoint = "list_regions", input = GetUrl)]
pub async fn list_regions() -> Result<Vec<RegionCard>, crate::web::error::AppError> {
    let ctx = crate::web::request::context()?;
    let regions = domain::regions::list_regions(&ctx).await?;
    Ok(regions.into_iter().map(server::region_card).collect())
}

/// One region; `None` when the slug names no region.
#[server(prefix = "/fn", endpoint = "get_region", input = GetUrl)]
pub async fn get_region(
    slug: String,
) -> Result<Option<RegionPageData>, crate::web::error::AppError> {
    let ctx = crate::web::request::context()?;
    let region = crate::web::request::find_region(&ctx, &slug).await?;
    Ok(region.map(|(_, detail)| server::region_page(detail)))
}

#[cfg(feature = "ssr")]
pub(crate) mod server {
    use domain::regions::{ProvinceKind as DomainKind, RegionDetail, RegionSummary};

    use super::super::types::{ProvinceItem, ProvinceKind, RegionCard, RegionPageData};
    use crate::names::Names;

    pub fn region_card(r: RegionSummary) -> RegionCard {
        RegionCard {
            slug: r.slug,
            name: Names::from(r.name),
            seat: Names::from(r.seat),
            population_2024: r.population_2024,
            province_count: u32::try_from(r.province_count).unwrap_or(u32::MAX),
        }
    }

    pub fn region_page(r: RegionDetail) -> RegionPageData {
        RegionPageData {
            slug: r.slug,
            name: Names::from(r.name),
            seat: Names::from(r.seat),
            population_2024: r.population_2024,
            reference_population: r.reference_population,
            population_year: r.population_year,
            provinces: r
                .provinces
                .into_iter()
                .map(|p| ProvinceItem {
                    code: p.code,
                    kind: match p.kind {
                        DomainKind::Prefecture => ProvinceKind::Prefecture,
                        DomainKind::Province => ProvinceKind::Province,
                    },
                    name: Names::from(p.name),
                })
                .collect(),
            signatures: r.threshold.signatures,
            per_province: r.threshold.per_province,
            collection_days: r.collection_days,
            bureau_decision_months: r.bureau_decision_months,
            session_months: r.session_months,
        }
    }
}
