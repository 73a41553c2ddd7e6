//! The prefecture or province a petition concerns, when it concerns one (optional): shown on its
//! page and a filter of the region's lists. Checked against the petition's region by the domain.
//! Also the index that serves every list page newest first (region, then id).

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Petitions::Table)
                    .add_column(ColumnDef::new(Petitions::ProvinceId).integer().null())
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_petitions_region_province")
                    .table(Petitions::Table)
                    .col(Petitions::RegionId)
                    .col(Petitions::ProvinceId)
                    .col(Petitions::Id)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_petitions_region_newest")
                    .table(Petitions::Table)
                    .col(Petitions::RegionId)
                    .col(Petitions::Id)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(
                Index::drop()
                    .name("ix_petitions_region_newest")
                    .table(Petitions::Table)
                    .to_owned(),
            )
            .await?;
        manager
            .drop_index(
                Index::drop()
                    .name("ix_petitions_region_province")
                    .table(Petitions::Table)
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Petitions::Table)
                    .drop_column(Petitions::ProvinceId)
                    .to_owned(),
            )
            .await
    }
}

#[derive(DeriveIden)]
enum Petitions {
    Table,
    RegionId,
    ProvinceId,
    Id,
}
