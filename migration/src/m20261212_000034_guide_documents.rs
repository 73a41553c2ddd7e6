//! A guide's documents (PDF): what a council attaches to the practice it tells (the call for
//! projects, the report, the charter), kept with the guide across its versions.

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
                    .table(Documents::Table)
                    .col(
                        ColumnDef::new(Documents::Id)
                            .integer()
                            .not_null()
                            .auto_increment()
                            .primary_key(),
                    )
                    .col(ColumnDef::new(Documents::GuideId).integer().not_null())
                    .col(
                        ColumnDef::new(Documents::FileName)
                            .string_len(200)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(Documents::ContentType)
                            .string_len(100)
                            .not_null(),
                    )
                    .col(ColumnDef::new(Documents::SizeBytes).integer().not_null())
                    .col(ColumnDef::new(Documents::Sha256).string_len(64).not_null())
                    .col(ColumnDef::new(Documents::Data).blob().not_null())
                    .col(
                        ColumnDef::new(Documents::CreatedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Documents::Table, Documents::GuideId)
                            .to(Guides::Table, Guides::Id)
                            .on_delete(Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_guide_documents_guide")
                    .table(Documents::Table)
                    .col(Documents::GuideId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(Documents::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum Documents {
    #[sea_orm(iden = "guide_documents")]
    Table,
    Id,
    GuideId,
    FileName,
    ContentType,
    SizeBytes,
    Sha256,
    Data,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Guides {
    Table,
    Id,
}
