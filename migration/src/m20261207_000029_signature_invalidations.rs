//! The fraud review's invalidations: a moderator marks the online signatures of a petition that
//! match a selection (network, email domain, user agent, time window) invalid, with a reason;
//! they stay stored (marked with the invalidation) and can be counted again when it is undone.

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
                    .table(Inv::Table)
                    .col(
                        ColumnDef::new(Inv::Id)
                            .integer()
                            .not_null()
                            .auto_increment()
                            .primary_key(),
                    )
                    .col(ColumnDef::new(Inv::PetitionId).integer().not_null())
                    .col(ColumnDef::new(Inv::Reason).text().not_null())
                    .col(ColumnDef::new(Inv::Selection).text().not_null())
                    .col(ColumnDef::new(Inv::Signatures).integer().not_null())
                    .col(ColumnDef::new(Inv::CreatedBy).integer().null())
                    .col(
                        ColumnDef::new(Inv::CreatedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(Inv::UndoneAt)
                            .timestamp_with_time_zone()
                            .null(),
                    )
                    .col(ColumnDef::new(Inv::UndoneBy).integer().null())
                    .foreign_key(
                        ForeignKey::create()
                            .from(Inv::Table, Inv::PetitionId)
                            .to(Petitions::Table, Petitions::Id)
                            .on_delete(Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Inv::Table, Inv::CreatedBy)
                            .to(Users::Table, Users::Id)
                            .on_delete(SetNull),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Inv::Table, Inv::UndoneBy)
                            .to(Users::Table, Users::Id)
                            .on_delete(SetNull),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_signature_invalidations_petition")
                    .table(Inv::Table)
                    .col(Inv::PetitionId)
                    .col(Inv::Id)
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Signatures::Table)
                    .add_column(ColumnDef::new(Signatures::InvalidationId).integer().null())
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_signatures_invalidation")
                    .table(Signatures::Table)
                    .col(Signatures::InvalidationId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(
                Index::drop()
                    .name("ix_signatures_invalidation")
                    .table(Signatures::Table)
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Signatures::Table)
                    .drop_column(Signatures::InvalidationId)
                    .to_owned(),
            )
            .await?;
        manager
            .drop_table(Table::drop().table(Inv::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum Inv {
    #[sea_orm(iden = "signature_invalidations")]
    Table,
    Id,
    PetitionId,
    Reason,
    Selection,
    Signatures,
    CreatedBy,
    CreatedAt,
    UndoneAt,
    UndoneBy,
}

#[derive(DeriveIden)]
enum Signatures {
    Table,
    InvalidationId,
}

#[derive(DeriveIden)]
enum Petitions {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}
