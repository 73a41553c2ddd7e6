//! Signature counters gain the day: a counter row is one shard of one petition's count for one
//! province on one day. A signature still adds one to one row, so the count per province and
//! the count per day (the "signatures over time" chart) are both sums over a few hundred small
//! rows, exact at every commit, and a petition page never scans its signatures. The existing
//! counts are rebuilt from the signatures.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::DatabaseBackend;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // Rebuilt under the same name (SQLite cannot change a primary key in place): the daily
        // counts are computed into a new table, which then takes the old one's place.
        manager
            .create_table(counts_table(Daily::Table, true))
            .await?;
        let day = match manager.get_database_backend() {
            DatabaseBackend::Postgres => "CAST(created_at AT TIME ZONE 'UTC' AS DATE)",
            _ => "substr(created_at, 1, 10)",
        };
        let db = manager.get_connection();
        db.execute_unprepared(&format!(
            "INSERT INTO signature_counts_daily (petition_id, province_id, day, shard, count) \
             SELECT petition_id, province_id, {day}, 0, COUNT(*) FROM signatures \
             GROUP BY petition_id, province_id, {day}"
        ))
        .await?;
        manager
            .drop_table(Table::drop().table(Counts::Table).to_owned())
            .await?;
        manager
            .create_table(counts_table(Counts::Table, true))
            .await?;
        db.execute_unprepared(
            "INSERT INTO signature_counts (petition_id, province_id, day, shard, count) \
             SELECT petition_id, province_id, day, shard, count FROM signature_counts_daily",
        )
        .await?;
        manager
            .drop_table(Table::drop().table(Daily::Table).to_owned())
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(counts_table(Daily::Table, false))
            .await?;
        let db = manager.get_connection();
        db.execute_unprepared(
            "INSERT INTO signature_counts_daily (petition_id, province_id, shard, count) \
             SELECT petition_id, province_id, 0, SUM(count) FROM signature_counts \
             GROUP BY petition_id, province_id",
        )
        .await?;
        manager
            .drop_table(Table::drop().table(Counts::Table).to_owned())
            .await?;
        manager
            .create_table(counts_table(Counts::Table, false))
            .await?;
        db.execute_unprepared(
            "INSERT INTO signature_counts (petition_id, province_id, shard, count) \
             SELECT petition_id, province_id, shard, count FROM signature_counts_daily",
        )
        .await?;
        manager
            .drop_table(Table::drop().table(Daily::Table).to_owned())
            .await
    }
}

/// The counters' table named `name`: a row per petition, province, day (`daily`) and shard.
fn counts_table(name: impl IntoIden + Copy, daily: bool) -> TableCreateStatement {
    let mut table = Table::create();
    table
        .table(name)
        .col(ColumnDef::new(Counts::PetitionId).integer().not_null())
        .col(ColumnDef::new(Counts::ProvinceId).integer().not_null());
    let mut key = Index::create();
    key.col(Counts::PetitionId).col(Counts::ProvinceId);
    if daily {
        table.col(ColumnDef::new(Counts::Day).date().not_null());
        key.col(Counts::Day);
    }
    key.col(Counts::Shard);
    table
        .col(ColumnDef::new(Counts::Shard).integer().not_null())
        .col(ColumnDef::new(Counts::Count).integer().not_null())
        .primary_key(&mut key)
        .foreign_key(
            ForeignKey::create()
                .from(name, Counts::PetitionId)
                .to(Petitions::Table, Petitions::Id)
                .on_delete(ForeignKeyAction::Cascade),
        )
        .to_owned()
}

#[derive(DeriveIden, Clone, Copy)]
enum Counts {
    #[sea_orm(iden = "signature_counts")]
    Table,
    PetitionId,
    ProvinceId,
    Day,
    Shard,
    Count,
}

#[derive(DeriveIden, Clone, Copy)]
enum Daily {
    #[sea_orm(iden = "signature_counts_daily")]
    Table,
}

#[derive(DeriveIden, Clone, Copy)]
enum Petitions {
    Table,
    Id,
}
