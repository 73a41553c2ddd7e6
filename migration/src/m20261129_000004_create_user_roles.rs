//! Staff roles: council officer or moderator of one region, or platform admin.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(UserRoles::Table)
                    .col(
                        ColumnDef::new(UserRoles::Id)
                            .integer()
                            .not_null()
                            .auto_increment()
                            .primary_key(),
                    )
                    .col(ColumnDef::new(UserRoles::UserId).integer().not_null())
                    .col(ColumnDef::new(UserRoles::Role).string_len(32).not_null())
                    // 0 for platform admins (no region): a plain column keeps the unique rule simple.
                    .col(ColumnDef::new(UserRoles::RegionId).integer().not_null())
                    .col(ColumnDef::new(UserRoles::GrantedBy).integer().null())
                    .col(
                        ColumnDef::new(UserRoles::GrantedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_user_roles_user")
                            .from(UserRoles::Table, UserRoles::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("uq_user_roles")
                    .table(UserRoles::Table)
                    .col(UserRoles::UserId)
                    .col(UserRoles::Role)
                    .col(UserRoles::RegionId)
                    .unique()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(UserRoles::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum UserRoles {
    Table,
    Id,
    UserId,
    Role,
    RegionId,
    GrantedBy,
    GrantedAt,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}
