//! The public moderation log of each region: what was rejected, hidden or restored, when, and
//! the reason code; never a person or the hidden text. Written in the transaction of the
//! decision.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_query::ForeignKeyAction::Cascade;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Log::Table)
                    .col(
                        ColumnDef::new(Log::Id)
                            .integer()
                            .not_null()
                            .auto_increment()
                            .primary_key(),
                    )
                    .col(ColumnDef::new(Log::RegionId).integer().not_null())
                    .col(
                        ColumnDef::new(Log::At)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .col(ColumnDef::new(Log::Action).string_len(16).not_null())
                    .col(ColumnDef::new(Log::Kind).string_len(16).not_null())
                    .col(ColumnDef::new(Log::Subject).big_integer().not_null())
                    .col(ColumnDef::new(Log::ConsultationId).integer().null())
                    .col(ColumnDef::new(Log::Reason).string_len(32).null())
                    .foreign_key(
                        ForeignKey::create()
                            .from(Log::Table, Log::RegionId)
                            .to(Regions::Table, Regions::Id)
                            .on_delete(Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_moderation_log_region")
                    .table(Log::Table)
                    .col(Log::RegionId)
                    .col(Log::Id)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(Log::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum Log {
    #[sea_orm(iden = "moderation_log")]
    Table,
    Id,
    RegionId,
    At,
    Action,
    Kind,
    Subject,
    ConsultationId,
    Reason,
}

#[derive(DeriveIden)]
enum Regions {
    Table,
    Id,
}
