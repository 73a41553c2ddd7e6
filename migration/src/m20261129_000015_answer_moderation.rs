//! Free-text answers can be reported and hidden by the region's moderators, like proposals and
//! comments: a hidden answer is left out of the listed texts (its counts stay).

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Answers::Table)
                    .add_column(
                        ColumnDef::new(Answers::Hidden)
                            .boolean()
                            .not_null()
                            .default(false),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Answers::Table)
                    .drop_column(Answers::Hidden)
                    .to_owned(),
            )
            .await
    }
}

#[derive(DeriveIden)]
enum Answers {
    Table,
    Hidden,
}
