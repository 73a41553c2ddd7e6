//! Blocked accounts: a moderator blocks an account from taking part in their region (region 0:
//! every region, a platform admin's block), with the reason, who and when. Once per account and
//! region (a unique index).

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_query::ForeignKeyAction::{Cascade, SetNull};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Blocks::Table)
                    .col(
                        ColumnDef::new(Blocks::Id)
                            .integer()
                            .not_null()
                            .auto_increment()
                            .primary_key(),
                    )
                    .col(ColumnDef::new(Blocks::UserId).integer().not_null())
                    .col(ColumnDef::new(Blocks::RegionId).integer().not_null())
                    .col(ColumnDef::new(Blocks::Reason).text().not_null())
                    .col(ColumnDef::new(Blocks::BlockedBy).integer().null())
                    .col(
                        ColumnDef::new(Blocks::CreatedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Blocks::Table, Blocks::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Blocks::Table, Blocks::BlockedBy)
                            .to(Users::Table, Users::Id)
                            .on_delete(SetNull),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("uq_account_blocks_once")
                    .table(Blocks::Table)
                    .col(Blocks::UserId)
                    .col(Blocks::RegionId)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_account_blocks_region")
                    .table(Blocks::Table)
                    .col(Blocks::RegionId)
                    .col(Blocks::Id)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(Blocks::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum Blocks {
    #[sea_orm(iden = "account_blocks")]
    Table,
    Id,
    UserId,
    RegionId,
    Reason,
    BlockedBy,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}
