//! Reports of published petitions to the region's moderators (one per person and petition: a
//! unique index), and a petition hidden by its moderators: when, and the reason code, which every
//! public read honours until a moderator restores it.

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
                    .table(R::Table)
                    .col(
                        ColumnDef::new(R::Id)
                            .integer()
                            .not_null()
                            .auto_increment()
                            .primary_key(),
                    )
                    .col(ColumnDef::new(R::PetitionId).integer().not_null())
                    .col(ColumnDef::new(R::ReporterId).integer().not_null())
                    .col(ColumnDef::new(R::Reason).string_len(32).not_null())
                    .col(
                        ColumnDef::new(R::CreatedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .col(ColumnDef::new(R::Decision).string_len(8).null())
                    .col(ColumnDef::new(R::DecidedBy).integer().null())
                    .col(
                        ColumnDef::new(R::DecidedAt)
                            .timestamp_with_time_zone()
                            .null(),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(R::Table, R::PetitionId)
                            .to(Petitions::Table, Petitions::Id)
                            .on_delete(Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(R::Table, R::ReporterId)
                            .to(Users::Table, Users::Id)
                            .on_delete(Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(R::Table, R::DecidedBy)
                            .to(Users::Table, Users::Id)
                            .on_delete(SetNull),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("uq_petition_reports_once")
                    .table(R::Table)
                    .col(R::PetitionId)
                    .col(R::ReporterId)
                    .unique()
                    .to_owned(),
            )
            .await?;
        // SQLite adds one column per statement.
        manager
            .alter_table(
                Table::alter()
                    .table(Petitions::Table)
                    .add_column(
                        ColumnDef::new(Petitions::HiddenAt)
                            .timestamp_with_time_zone()
                            .null(),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Petitions::Table)
                    .add_column(
                        ColumnDef::new(Petitions::HiddenReason)
                            .string_len(32)
                            .null(),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for column in [Petitions::HiddenReason, Petitions::HiddenAt] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Petitions::Table)
                        .drop_column(column)
                        .to_owned(),
                )
                .await?;
        }
        manager
            .drop_table(Table::drop().table(R::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum R {
    #[sea_orm(iden = "petition_reports")]
    Table,
    Id,
    PetitionId,
    ReporterId,
    Reason,
    CreatedAt,
    Decision,
    DecidedBy,
    DecidedAt,
}

#[derive(DeriveIden)]
enum Petitions {
    Table,
    Id,
    HiddenAt,
    HiddenReason,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}
