//! Staff alerts: one row per thing the region's staff should know about (a petition to moderate,
//! a deposit, a bureau deadline at 14, 7 and 1 days and when overdue, a new report, a
//! consultation closed without results). "Once" is the unique index on what it is about: every
//! instance may look, only one records it, and the immediate emails go out in that same
//! transaction. Each staff member's choice (immediate, daily digest, none) and the last digest
//! sent, which a conditional update moves once a day.

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
                    .table(Alerts::Table)
                    .col(
                        ColumnDef::new(Alerts::Id)
                            .integer()
                            .not_null()
                            .auto_increment()
                            .primary_key(),
                    )
                    .col(ColumnDef::new(Alerts::RegionId).integer().not_null())
                    .col(ColumnDef::new(Alerts::Kind).string_len(32).not_null())
                    .col(ColumnDef::new(Alerts::SubjectId).integer().not_null())
                    .col(ColumnDef::new(Alerts::Milestone).integer().not_null())
                    .col(ColumnDef::new(Alerts::Title).text().not_null())
                    .col(ColumnDef::new(Alerts::Path).string_len(255).not_null())
                    .col(ColumnDef::new(Alerts::DueOn).date().null())
                    .col(
                        ColumnDef::new(Alerts::CreatedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Alerts::Table, Alerts::RegionId)
                            .to(Regions::Table, Regions::Id)
                            .on_delete(Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("uq_staff_alerts_once")
                    .table(Alerts::Table)
                    .col(Alerts::Kind)
                    .col(Alerts::SubjectId)
                    .col(Alerts::Milestone)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_staff_alerts_region")
                    .table(Alerts::Table)
                    .col(Alerts::RegionId)
                    .col(Alerts::CreatedAt)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Settings::Table)
                    .col(
                        ColumnDef::new(Settings::UserId)
                            .integer()
                            .not_null()
                            .primary_key(),
                    )
                    .col(ColumnDef::new(Settings::Delivery).string_len(16).not_null())
                    .col(ColumnDef::new(Settings::DigestDay).date().null())
                    .col(
                        ColumnDef::new(Settings::DigestSentAt)
                            .timestamp_with_time_zone()
                            .null(),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Settings::Table, Settings::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(Cascade),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(Settings::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(Alerts::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum Alerts {
    #[sea_orm(iden = "staff_alerts")]
    Table,
    Id,
    RegionId,
    Kind,
    SubjectId,
    Milestone,
    Title,
    Path,
    DueOn,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Settings {
    #[sea_orm(iden = "staff_alert_settings")]
    Table,
    UserId,
    Delivery,
    DigestDay,
    DigestSentAt,
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
