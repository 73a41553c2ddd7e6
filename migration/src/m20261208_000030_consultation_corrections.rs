//! Corrections of a published consultation and its cancellation: when its texts were last
//! corrected (shown on its page), and when and why a scheduled consultation was cancelled.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // One column per statement: SQLite alters one at a time.
        for column in [
            ColumnDef::new(Consultations::CorrectedAt)
                .timestamp_with_time_zone()
                .null()
                .to_owned(),
            ColumnDef::new(Consultations::CancelledAt)
                .timestamp_with_time_zone()
                .null()
                .to_owned(),
            ColumnDef::new(Consultations::CancelReason)
                .text()
                .null()
                .to_owned(),
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Consultations::Table)
                        .add_column(column)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for column in [
            Consultations::CancelReason,
            Consultations::CancelledAt,
            Consultations::CorrectedAt,
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Consultations::Table)
                        .drop_column(column)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden)]
enum Consultations {
    Table,
    CorrectedAt,
    CancelledAt,
    CancelReason,
}
