//! Regions, their prefectures and provinces, and per-region settings.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Regions::Table)
                    .col(pk(Regions::Id))
                    .col(
                        ColumnDef::new(Regions::Code)
                            .string_len(2)
                            .not_null()
                            .unique_key(),
                    )
                    .col(
                        ColumnDef::new(Regions::Slug)
                            .string_len(64)
                            .not_null()
                            .unique_key(),
                    )
                    .col(name(Regions::NameAr))
                    .col(name(Regions::NameFr))
                    .col(name(Regions::NameEn))
                    .col(name(Regions::NameZgh))
                    .col(name(Regions::SeatAr))
                    .col(name(Regions::SeatFr))
                    .col(name(Regions::SeatEn))
                    .col(name(Regions::SeatZgh))
                    .col(
                        ColumnDef::new(Regions::Population2014)
                            .big_integer()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(Regions::Population2024)
                            .big_integer()
                            .not_null(),
                    )
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Provinces::Table)
                    .col(pk(Provinces::Id))
                    .col(ColumnDef::new(Provinces::RegionId).integer().not_null())
                    .col(
                        ColumnDef::new(Provinces::Code)
                            .string_len(64)
                            .not_null()
                            .unique_key(),
                    )
                    .col(ColumnDef::new(Provinces::Kind).string_len(16).not_null())
                    .col(ColumnDef::new(Provinces::Position).integer().not_null())
                    .col(name(Provinces::NameAr))
                    .col(name(Provinces::NameFr))
                    .col(name(Provinces::NameEn))
                    .col(name(Provinces::NameZgh))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_provinces_region")
                            .from(Provinces::Table, Provinces::RegionId)
                            .to(Regions::Table, Regions::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_provinces_region")
                    .table(Provinces::Table)
                    .col(Provinces::RegionId)
                    .col(Provinces::Position)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(RegionSettings::Table)
                    .col(
                        ColumnDef::new(RegionSettings::RegionId)
                            .integer()
                            .not_null()
                            .primary_key(),
                    )
                    .col(
                        ColumnDef::new(RegionSettings::PopulationYear)
                            .integer()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(RegionSettings::ReferencePopulation)
                            .big_integer()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(RegionSettings::SignatureThreshold)
                            .integer()
                            .null(),
                    )
                    .col(
                        ColumnDef::new(RegionSettings::PerProvinceMinimum)
                            .integer()
                            .null(),
                    )
                    .col(
                        ColumnDef::new(RegionSettings::CollectionDays)
                            .integer()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(RegionSettings::BureauDecisionMonths)
                            .integer()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(RegionSettings::SessionMonths)
                            .string_len(32)
                            .not_null(),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_region_settings_region")
                            .from(RegionSettings::Table, RegionSettings::RegionId)
                            .to(Regions::Table, Regions::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(RegionSettings::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(Provinces::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(Regions::Table).to_owned())
            .await
    }
}

fn pk(col: impl IntoIden) -> ColumnDef {
    ColumnDef::new(col)
        .integer()
        .not_null()
        .auto_increment()
        .primary_key()
        .to_owned()
}

fn name(col: impl IntoIden) -> ColumnDef {
    ColumnDef::new(col).string_len(200).not_null().to_owned()
}

#[derive(DeriveIden)]
pub(crate) enum Regions {
    Table,
    Id,
    Code,
    Slug,
    NameAr,
    NameFr,
    NameEn,
    NameZgh,
    SeatAr,
    SeatFr,
    SeatEn,
    SeatZgh,
    #[sea_orm(iden = "population_2014")]
    Population2014,
    #[sea_orm(iden = "population_2024")]
    Population2024,
}

#[derive(DeriveIden)]
pub(crate) enum Provinces {
    Table,
    Id,
    RegionId,
    Code,
    Kind,
    Position,
    NameAr,
    NameFr,
    NameEn,
    NameZgh,
}

#[derive(DeriveIden)]
pub(crate) enum RegionSettings {
    Table,
    RegionId,
    PopulationYear,
    ReferencePopulation,
    SignatureThreshold,
    PerProvinceMinimum,
    CollectionDays,
    BureauDecisionMonths,
    SessionMonths,
}
