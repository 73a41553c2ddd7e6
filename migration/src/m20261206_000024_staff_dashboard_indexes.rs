//! The staff dashboard's lists, a page at a time at any size: each list of a region's petitions
//! in one status is read in the order of its own column (waiting since, the bureau's deadline,
//! the decision), so that a page is found in the index without sorting every row.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

/// The indexes: name and the column they order by after region and status.
const INDEXES: [(&str, Petitions); 3] = [
    ("ix_petitions_waiting", Petitions::UpdatedAt),
    ("ix_petitions_deadline", Petitions::DecisionDueAt),
    ("ix_petitions_decided", Petitions::DecidedAt),
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for (name, column) in INDEXES {
            manager
                .create_index(
                    Index::create()
                        .name(name)
                        .table(Petitions::Table)
                        .col(Petitions::RegionId)
                        .col(Petitions::Status)
                        .col(column)
                        .col(Petitions::Id)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for (name, _) in INDEXES {
            manager
                .drop_index(Index::drop().name(name).table(Petitions::Table).to_owned())
                .await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden, Clone, Copy)]
enum Petitions {
    Table,
    Id,
    RegionId,
    Status,
    UpdatedAt,
    DecisionDueAt,
    DecidedAt,
}
