//! Seed of the 12 regions, their 75 prefectures and provinces, and their legal default settings.
//!
//! Runs at every start and is idempotent: regions and provinces are upserted by code (names and
//! populations follow the data file), settings are inserted only when missing so that an
//! administrator's later edits are never overwritten.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::{TransactionSession, TransactionTrait};
use serde::Deserialize;

use crate::m20261129_000001_create_regions::{Provinces, RegionSettings, Regions};

/// The regions data file kept in the repository (a reviewed copy of the official list).
pub const REGIONS_JSON: &str = include_str!("../data/regions.json");
/// The legal rules for petitions (Organic Law 111-14), source of the default settings.
pub const PETITION_RULES_JSON: &str = include_str!("../data/petition_rules.json");

/// Default collection period of a citizen petition, in days.
pub const DEFAULT_COLLECTION_DAYS: i32 = 90;
/// The census year whose legal population is the default reference.
pub const DEFAULT_POPULATION_YEAR: i32 = 2024;

/// What a seed run found and wrote.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SeedReport {
    pub regions: usize,
    pub provinces: usize,
}

#[derive(Deserialize)]
struct RegionsFile {
    regions: Vec<RegionRow>,
}

#[derive(Deserialize)]
struct Names {
    ar: String,
    fr: String,
    en: String,
    zgh: String,
}

#[derive(Deserialize)]
struct RegionRow {
    code: String,
    slug: String,
    name: Names,
    seat: Names,
    population_2014: i64,
    population_2024: i64,
    provinces: Vec<ProvinceRow>,
}

#[derive(Deserialize)]
struct ProvinceRow {
    code: String,
    kind: String,
    name: Names,
}

#[derive(Deserialize)]
struct RulesFile {
    deadlines: Deadlines,
}

#[derive(Deserialize)]
struct Deadlines {
    bureau_decision_months: i32,
    ordinary_sessions_months: Vec<i32>,
}

/// Upserts the regions and provinces and inserts missing settings, in one transaction.
pub async fn seed_regions<C>(db: &C) -> Result<SeedReport, DbErr>
where
    C: ConnectionTrait + TransactionTrait,
{
    let file: RegionsFile = serde_json::from_str(REGIONS_JSON)
        .map_err(|e| DbErr::Custom(format!("regions.json is invalid: {e}")))?;
    let rules: RulesFile = serde_json::from_str(PETITION_RULES_JSON)
        .map_err(|e| DbErr::Custom(format!("petition_rules.json is invalid: {e}")))?;
    let session_months = rules
        .deadlines
        .ordinary_sessions_months
        .iter()
        .map(i32::to_string)
        .collect::<Vec<_>>()
        .join(",");

    let txn = db.begin().await?;
    let mut provinces = 0;
    for region in &file.regions {
        upsert_region(&txn, region).await?;
        let region_id = region_id(&txn, &region.code).await?;
        for (position, province) in region.provinces.iter().enumerate() {
            upsert_province(&txn, region_id, position, province).await?;
            provinces += 1;
        }
        let settings = Query::insert()
            .into_table(RegionSettings::Table)
            .columns([
                RegionSettings::RegionId,
                RegionSettings::PopulationYear,
                RegionSettings::ReferencePopulation,
                RegionSettings::CollectionDays,
                RegionSettings::BureauDecisionMonths,
                RegionSettings::SessionMonths,
            ])
            .values_panic([
                region_id.into(),
                DEFAULT_POPULATION_YEAR.into(),
                region.population_2024.into(),
                DEFAULT_COLLECTION_DAYS.into(),
                rules.deadlines.bureau_decision_months.into(),
                session_months.clone().into(),
            ])
            .on_conflict(
                OnConflict::column(RegionSettings::RegionId)
                    .do_nothing()
                    .to_owned(),
            )
            .to_owned();
        txn.execute(&settings).await?;
    }
    txn.commit().await?;
    Ok(SeedReport {
        regions: file.regions.len(),
        provinces,
    })
}

async fn upsert_region<C: ConnectionTrait>(db: &C, r: &RegionRow) -> Result<(), DbErr> {
    let stmt = Query::insert()
        .into_table(Regions::Table)
        .columns([
            Regions::Code,
            Regions::Slug,
            Regions::NameAr,
            Regions::NameFr,
            Regions::NameEn,
            Regions::NameZgh,
            Regions::SeatAr,
            Regions::SeatFr,
            Regions::SeatEn,
            Regions::SeatZgh,
            Regions::Population2014,
            Regions::Population2024,
        ])
        .values_panic([
            r.code.clone().into(),
            r.slug.clone().into(),
            r.name.ar.clone().into(),
            r.name.fr.clone().into(),
            r.name.en.clone().into(),
            r.name.zgh.clone().into(),
            r.seat.ar.clone().into(),
            r.seat.fr.clone().into(),
            r.seat.en.clone().into(),
            r.seat.zgh.clone().into(),
            r.population_2014.into(),
            r.population_2024.into(),
        ])
        .on_conflict(
            OnConflict::column(Regions::Code)
                .update_columns([
                    Regions::Slug,
                    Regions::NameAr,
                    Regions::NameFr,
                    Regions::NameEn,
                    Regions::NameZgh,
                    Regions::SeatAr,
                    Regions::SeatFr,
                    Regions::SeatEn,
                    Regions::SeatZgh,
                    Regions::Population2014,
                    Regions::Population2024,
                ])
                .to_owned(),
        )
        .to_owned();
    db.execute(&stmt).await.map(|_| ())
}

async fn region_id<C: ConnectionTrait>(db: &C, code: &str) -> Result<i32, DbErr> {
    let stmt = Query::select()
        .column(Regions::Id)
        .from(Regions::Table)
        .and_where(Expr::col(Regions::Code).eq(code))
        .to_owned();
    let row = db
        .query_one(&stmt)
        .await?
        .ok_or_else(|| DbErr::RecordNotFound(format!("region {code}")))?;
    row.try_get("", "id")
}

async fn upsert_province<C: ConnectionTrait>(
    db: &C,
    region_id: i32,
    position: usize,
    p: &ProvinceRow,
) -> Result<(), DbErr> {
    let position =
        <i32 as TryFrom<usize>>::try_from(position).map_err(|e| DbErr::Custom(e.to_string()))?;
    let stmt = Query::insert()
        .into_table(Provinces::Table)
        .columns([
            Provinces::RegionId,
            Provinces::Code,
            Provinces::Kind,
            Provinces::Position,
            Provinces::NameAr,
            Provinces::NameFr,
            Provinces::NameEn,
            Provinces::NameZgh,
        ])
        .values_panic([
            region_id.into(),
            p.code.clone().into(),
            p.kind.clone().into(),
            position.into(),
            p.name.ar.clone().into(),
            p.name.fr.clone().into(),
            p.name.en.clone().into(),
            p.name.zgh.clone().into(),
        ])
        .on_conflict(
            OnConflict::column(Provinces::Code)
                .update_columns([
                    Provinces::RegionId,
                    Provinces::Kind,
                    Provinces::Position,
                    Provinces::NameAr,
                    Provinces::NameFr,
                    Provinces::NameEn,
                    Provinces::NameZgh,
                ])
                .to_owned(),
        )
        .to_owned();
    db.execute(&stmt).await.map(|_| ())
}
