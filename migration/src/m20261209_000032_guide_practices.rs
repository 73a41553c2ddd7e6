//! A council's practice, documented as a guide of the category `practices`: which tool it used,
//! when, with whom, and whom to ask. Kept per version, like the guide's texts.

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
                    .table(Practices::Table)
                    .col(
                        ColumnDef::new(Practices::VersionId)
                            .integer()
                            .not_null()
                            .primary_key(),
                    )
                    .col(ColumnDef::new(Practices::Tool).string_len(24).not_null())
                    .col(ColumnDef::new(Practices::StartedOn).date().null())
                    .col(ColumnDef::new(Practices::EndedOn).date().null())
                    .col(ColumnDef::new(Practices::Partners).text().not_null())
                    .col(
                        ColumnDef::new(Practices::ContactName)
                            .string_len(200)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(Practices::ContactEmail)
                            .string_len(254)
                            .null(),
                    )
                    .col(
                        ColumnDef::new(Practices::ContactPhone)
                            .string_len(24)
                            .null(),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Practices::Table, Practices::VersionId)
                            .to(Versions::Table, Versions::Id)
                            .on_delete(Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_guide_practices_tool")
                    .table(Practices::Table)
                    .col(Practices::Tool)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(Practices::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum Practices {
    #[sea_orm(iden = "guide_practices")]
    Table,
    VersionId,
    Tool,
    StartedOn,
    EndedOn,
    Partners,
    ContactName,
    ContactEmail,
    ContactPhone,
}

#[derive(DeriveIden)]
enum Versions {
    #[sea_orm(iden = "guide_versions")]
    Table,
    Id,
}
