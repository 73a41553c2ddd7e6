//! Consultation news by email: citizens follow a region (emailed when one of its consultations
//! opens), participants may ask for the council's synthesis (`responses.notify`), and each
//! mailing is sent once per consultation and kind, in batches after a cursor.

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
                    .table(Follows::Table)
                    .col(ColumnDef::new(Follows::UserId).integer().not_null())
                    .col(ColumnDef::new(Follows::RegionId).integer().not_null())
                    .col(
                        ColumnDef::new(Follows::CreatedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .primary_key(Index::create().col(Follows::UserId).col(Follows::RegionId))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Follows::Table, Follows::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Follows::Table, Follows::RegionId)
                            .to(Regions::Table, Regions::Id)
                            .on_delete(Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_region_follows_region")
                    .table(Follows::Table)
                    .col(Follows::RegionId)
                    .col(Follows::UserId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Mailings::Table)
                    .col(
                        ColumnDef::new(Mailings::Id)
                            .integer()
                            .not_null()
                            .auto_increment()
                            .primary_key(),
                    )
                    .col(
                        ColumnDef::new(Mailings::ConsultationId)
                            .integer()
                            .not_null(),
                    )
                    .col(ColumnDef::new(Mailings::Kind).string_len(20).not_null())
                    .col(
                        ColumnDef::new(Mailings::AfterUserId)
                            .integer()
                            .not_null()
                            .default(0),
                    )
                    .col(
                        ColumnDef::new(Mailings::CreatedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(Mailings::DoneAt)
                            .timestamp_with_time_zone()
                            .null(),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Mailings::Table, Mailings::ConsultationId)
                            .to(Consultations::Table, Consultations::Id)
                            .on_delete(Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_consultation_mailings_once")
                    .table(Mailings::Table)
                    .col(Mailings::ConsultationId)
                    .col(Mailings::Kind)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Responses::Table)
                    .add_column(
                        ColumnDef::new(Responses::Notify)
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
                    .table(Responses::Table)
                    .drop_column(Responses::Notify)
                    .to_owned(),
            )
            .await?;
        manager
            .drop_table(Table::drop().table(Mailings::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(Follows::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum Follows {
    #[sea_orm(iden = "region_follows")]
    Table,
    UserId,
    RegionId,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Mailings {
    #[sea_orm(iden = "consultation_mailings")]
    Table,
    Id,
    ConsultationId,
    Kind,
    AfterUserId,
    CreatedAt,
    DoneAt,
}

#[derive(DeriveIden)]
enum Responses {
    Table,
    Notify,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Regions {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Consultations {
    Table,
    Id,
}
