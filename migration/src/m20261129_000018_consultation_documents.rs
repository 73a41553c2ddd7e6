//! A consultation's documents (PDF): those of the consultation, and those of the council's
//! synthesis.

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
                    .table(D::Table)
                    .col(
                        ColumnDef::new(D::Id)
                            .integer()
                            .not_null()
                            .auto_increment()
                            .primary_key(),
                    )
                    .col(ColumnDef::new(D::ConsultationId).integer().not_null())
                    .col(ColumnDef::new(D::Purpose).string_len(20).not_null())
                    .col(ColumnDef::new(D::FileName).string_len(200).not_null())
                    .col(ColumnDef::new(D::ContentType).string_len(100).not_null())
                    .col(ColumnDef::new(D::SizeBytes).integer().not_null())
                    .col(ColumnDef::new(D::Sha256).string_len(64).not_null())
                    .col(ColumnDef::new(D::Data).blob().not_null())
                    .col(
                        ColumnDef::new(D::CreatedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(D::Table, D::ConsultationId)
                            .to(Consultations::Table, Consultations::Id)
                            .on_delete(Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_consultation_documents_consultation")
                    .table(D::Table)
                    .col(D::ConsultationId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(D::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum D {
    #[sea_orm(iden = "consultation_documents")]
    Table,
    Id,
    ConsultationId,
    Purpose,
    FileName,
    ContentType,
    SizeBytes,
    Sha256,
    Data,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Consultations {
    Table,
    Id,
}
