//! Paper signatures entered by the council's officers: batches (the sheets' reference, the
//! officer, the day they were collected, what was accepted and what was refused, with row
//! numbers), the rows of a batch waiting for the officer's confirmation, and on each signature the
//! batch it came from. A reference is used once per petition among the batches not voided (a
//! partial unique index).

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
                    .table(Batches::Table)
                    .col(
                        ColumnDef::new(Batches::Id)
                            .integer()
                            .not_null()
                            .auto_increment()
                            .primary_key(),
                    )
                    .col(ColumnDef::new(Batches::PetitionId).integer().not_null())
                    .col(ColumnDef::new(Batches::Reference).string_len(64).not_null())
                    .col(ColumnDef::new(Batches::CollectedOn).date().not_null())
                    .col(ColumnDef::new(Batches::EnteredBy).integer().null())
                    .col(
                        ColumnDef::new(Batches::CreatedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .col(ColumnDef::new(Batches::Status).string_len(12).not_null())
                    .col(
                        ColumnDef::new(Batches::Accepted)
                            .integer()
                            .not_null()
                            .default(0),
                    )
                    .col(ColumnDef::new(Batches::Refused).text().not_null())
                    .col(
                        ColumnDef::new(Batches::VoidedAt)
                            .timestamp_with_time_zone()
                            .null(),
                    )
                    .col(ColumnDef::new(Batches::VoidedBy).integer().null())
                    .col(ColumnDef::new(Batches::VoidReason).text().null())
                    .foreign_key(
                        ForeignKey::create()
                            .from(Batches::Table, Batches::PetitionId)
                            .to(Petitions::Table, Petitions::Id)
                            .on_delete(Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Batches::Table, Batches::EnteredBy)
                            .to(Users::Table, Users::Id)
                            .on_delete(SetNull),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Batches::Table, Batches::VoidedBy)
                            .to(Users::Table, Users::Id)
                            .on_delete(SetNull),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .get_connection()
            .execute_unprepared(
                "CREATE UNIQUE INDEX uq_paper_batches_reference ON paper_batches \
                 (petition_id, reference) WHERE status <> 'voided'",
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Rows::Table)
                    .col(
                        ColumnDef::new(Rows::Id)
                            .integer()
                            .not_null()
                            .auto_increment()
                            .primary_key(),
                    )
                    .col(ColumnDef::new(Rows::BatchId).integer().not_null())
                    .col(ColumnDef::new(Rows::RowNo).integer().not_null())
                    .col(ColumnDef::new(Rows::FullName).string_len(255).not_null())
                    .col(ColumnDef::new(Rows::CinHash).string_len(255).not_null())
                    .col(ColumnDef::new(Rows::CinSealed).text().not_null())
                    .col(ColumnDef::new(Rows::ProvinceId).integer().not_null())
                    .col(ColumnDef::new(Rows::Basis).string_len(16).not_null())
                    .foreign_key(
                        ForeignKey::create()
                            .from(Rows::Table, Rows::BatchId)
                            .to(Batches::Table, Batches::Id)
                            .on_delete(Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_paper_batch_rows_batch")
                    .table(Rows::Table)
                    .col(Rows::BatchId)
                    .col(Rows::RowNo)
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Signatures::Table)
                    .add_column(ColumnDef::new(Signatures::PaperBatchId).integer().null())
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_signatures_paper_batch")
                    .table(Signatures::Table)
                    .col(Signatures::PaperBatchId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(
                Index::drop()
                    .name("ix_signatures_paper_batch")
                    .table(Signatures::Table)
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Signatures::Table)
                    .drop_column(Signatures::PaperBatchId)
                    .to_owned(),
            )
            .await?;
        manager
            .drop_table(Table::drop().table(Rows::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(Batches::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum Batches {
    #[sea_orm(iden = "paper_batches")]
    Table,
    Id,
    PetitionId,
    Reference,
    CollectedOn,
    EnteredBy,
    CreatedAt,
    Status,
    Accepted,
    Refused,
    VoidedAt,
    VoidedBy,
    VoidReason,
}

#[derive(DeriveIden)]
enum Rows {
    #[sea_orm(iden = "paper_batch_rows")]
    Table,
    Id,
    BatchId,
    RowNo,
    FullName,
    CinHash,
    CinSealed,
    ProvinceId,
    Basis,
}

#[derive(DeriveIden)]
enum Signatures {
    Table,
    PaperBatchId,
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
