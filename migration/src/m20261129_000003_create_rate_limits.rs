//! Rate-limit counters, shared by every server instance.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(RateLimits::Table)
                    .col(ColumnDef::new(RateLimits::Key).string_len(100).not_null())
                    .col(
                        ColumnDef::new(RateLimits::WindowStart)
                            .big_integer()
                            .not_null(),
                    )
                    .col(ColumnDef::new(RateLimits::Count).integer().not_null())
                    .col(
                        ColumnDef::new(RateLimits::LastAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .primary_key(
                        Index::create()
                            .col(RateLimits::Key)
                            .col(RateLimits::WindowStart),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(RateLimits::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum RateLimits {
    Table,
    Key,
    WindowStart,
    Count,
    LastAt,
}
