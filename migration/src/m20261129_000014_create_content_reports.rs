//! Reports of proposals and comments to the region's moderators: one per person and item (a
//! unique index), with a reason code, and the moderator's decision (hide or keep).

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
                    .col(ColumnDef::new(R::ConsultationId).integer().not_null())
                    .col(ColumnDef::new(R::Kind).string_len(16).not_null())
                    .col(ColumnDef::new(R::TargetId).integer().not_null())
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
                            .from(R::Table, R::ConsultationId)
                            .to(Consultations::Table, Consultations::Id)
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
                    .name("uq_content_reports_once")
                    .table(R::Table)
                    .col(R::Kind)
                    .col(R::TargetId)
                    .col(R::ReporterId)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_content_reports_consultation")
                    .table(R::Table)
                    .col(R::ConsultationId)
                    .col(R::Id)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(R::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum R {
    #[sea_orm(iden = "content_reports")]
    Table,
    Id,
    ConsultationId,
    Kind,
    TargetId,
    ReporterId,
    Reason,
    CreatedAt,
    Decision,
    DecidedBy,
    DecidedAt,
}

#[derive(DeriveIden)]
enum Consultations {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}
