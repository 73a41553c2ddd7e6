//! Each council's identity: its main colour, its logo (PNG or JPEG), its contact (address, email,
//! phone, hours), a short presentation per language and the languages it offers besides Arabic
//! and Amazigh. One row per region, written by its officers or a platform admin.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_query::ForeignKeyAction::{Cascade, SetNull};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let text = |column: I| {
            ColumnDef::new(column)
                .text()
                .not_null()
                .default("")
                .to_owned()
        };
        manager
            .create_table(
                Table::create()
                    .table(I::Table)
                    .col(
                        ColumnDef::new(I::RegionId)
                            .integer()
                            .not_null()
                            .primary_key(),
                    )
                    .col(ColumnDef::new(I::Colour).string_len(7).null())
                    .col(text(I::Address))
                    .col(ColumnDef::new(I::Email).string_len(254).null())
                    .col(ColumnDef::new(I::Phone).string_len(24).null())
                    .col(text(I::Hours))
                    .col(text(I::PresentationAr))
                    .col(text(I::PresentationZgh))
                    .col(text(I::PresentationFr))
                    .col(text(I::PresentationEn))
                    .col(
                        ColumnDef::new(I::Languages)
                            .string_len(16)
                            .not_null()
                            .default(""),
                    )
                    .col(ColumnDef::new(I::Logo).blob().null())
                    .col(ColumnDef::new(I::LogoType).string_len(16).null())
                    .col(ColumnDef::new(I::UpdatedBy).integer().null())
                    .col(
                        ColumnDef::new(I::UpdatedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(I::Table, I::RegionId)
                            .to(Regions::Table, Regions::Id)
                            .on_delete(Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(I::Table, I::UpdatedBy)
                            .to(Users::Table, Users::Id)
                            .on_delete(SetNull),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(I::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden, Clone, Copy)]
enum I {
    #[sea_orm(iden = "region_identities")]
    Table,
    RegionId,
    Colour,
    Address,
    Email,
    Phone,
    Hours,
    PresentationAr,
    PresentationZgh,
    PresentationFr,
    PresentationEn,
    Languages,
    Logo,
    LogoType,
    UpdatedBy,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum Regions {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}
