//! Petitions: the petitions themselves, their public timeline and attachments, signatures
//! (appended; one per CIN per petition), pending email confirmations of signatures, sharded
//! signature counters, saved signer profiles, and mailings of a petition's news to its signers.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

fn pk(col: impl IntoIden) -> ColumnDef {
    ColumnDef::new(col)
        .integer()
        .not_null()
        .auto_increment()
        .primary_key()
        .to_owned()
}

fn int(col: impl IntoIden) -> ColumnDef {
    ColumnDef::new(col).integer().not_null().to_owned()
}

fn int_null(col: impl IntoIden) -> ColumnDef {
    ColumnDef::new(col).integer().null().to_owned()
}

fn string(col: impl IntoIden, len: u32) -> ColumnDef {
    ColumnDef::new(col).string_len(len).not_null().to_owned()
}

fn string_null(col: impl IntoIden, len: u32) -> ColumnDef {
    ColumnDef::new(col).string_len(len).null().to_owned()
}

fn text(col: impl IntoIden) -> ColumnDef {
    ColumnDef::new(col).text().not_null().to_owned()
}

fn text_null(col: impl IntoIden) -> ColumnDef {
    ColumnDef::new(col).text().null().to_owned()
}

fn at(col: impl IntoIden) -> ColumnDef {
    ColumnDef::new(col)
        .timestamp_with_time_zone()
        .not_null()
        .to_owned()
}

fn at_null(col: impl IntoIden) -> ColumnDef {
    ColumnDef::new(col)
        .timestamp_with_time_zone()
        .null()
        .to_owned()
}

fn fk(
    name: &str,
    from: (impl IntoIden, impl IntoIden),
    to: (impl IntoIden, impl IntoIden),
    on_delete: ForeignKeyAction,
) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .name(name)
        .from(from.0, from.1)
        .to(to.0, to.1)
        .on_delete(on_delete)
        .to_owned()
}

fn index(name: &str, table: impl IntoIden, cols: &[Petitions]) -> IndexCreateStatement {
    let mut index = Index::create().name(name).table(table).to_owned();
    for col in cols {
        index.col(*col);
    }
    index
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        use ForeignKeyAction::{Cascade, SetNull};
        use Petitions as P;

        manager
            .create_table(
                Table::create()
                    .table(P::Table)
                    .col(pk(P::Id))
                    .col(int(P::RegionId))
                    .col(string(P::Kind, 16))
                    .col(string(P::Status, 32))
                    .col(string(P::Lang, 3))
                    .col(string(P::Title, 200))
                    .col(text(P::Request))
                    .col(text(P::Reasons))
                    .col(string(P::Competence, 64))
                    .col(int_null(P::RepresentativeId))
                    .col(string(P::RepresentativeName, 120))
                    .col(string_null(P::AssociationName, 200))
                    .col(ColumnDef::new(P::AssociationRegisteredOn).date().null())
                    .col(string_null(P::AssociationSeat, 200))
                    .col(int_null(P::Threshold))
                    .col(int_null(P::PerProvinceMinimum))
                    .col(int(P::SignatureCount).default(0))
                    .col(string_null(P::Reference, 32))
                    .col(int_null(P::ReferenceYear))
                    .col(int_null(P::ReferenceSeq))
                    .col(string_null(P::ModerationReason, 32))
                    .col(text_null(P::ModerationNote))
                    .col(string_null(P::Committee, 200))
                    .col(string_null(P::Session, 16))
                    .col(ColumnDef::new(P::SittingOn).date().null())
                    .col(text_null(P::DecisionText))
                    .col(text_null(P::AnswerText))
                    .col(at(P::CreatedAt))
                    .col(at(P::UpdatedAt))
                    .col(at_null(P::PublishedAt))
                    .col(at_null(P::CollectionEndsAt))
                    .col(at_null(P::DepositedAt))
                    .col(at_null(P::DecisionDueAt))
                    .col(at_null(P::DecidedAt))
                    .col(at_null(P::AnsweredAt))
                    .col(at_null(P::CountedAt))
                    .col(int(P::NotifiedPercent).default(0))
                    .foreign_key(&mut fk(
                        "fk_petitions_region",
                        (P::Table, P::RegionId),
                        (Regions::Table, Regions::Id),
                        ForeignKeyAction::Restrict,
                    ))
                    .foreign_key(&mut fk(
                        "fk_petitions_representative",
                        (P::Table, P::RepresentativeId),
                        (Users::Table, Users::Id),
                        SetNull,
                    ))
                    .to_owned(),
            )
            .await?;
        for (name, cols) in [
            (
                "ix_petitions_list",
                &[P::RegionId, P::Status, P::PublishedAt][..],
            ),
            ("ix_petitions_representative", &[P::RepresentativeId][..]),
            (
                "ix_petitions_collection_end",
                &[P::Status, P::CollectionEndsAt][..],
            ),
        ] {
            manager.create_index(index(name, P::Table, cols)).await?;
        }
        manager
            .create_index(
                index(
                    "uq_petitions_reference",
                    P::Table,
                    &[P::RegionId, P::ReferenceYear, P::ReferenceSeq],
                )
                .unique()
                .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Events::Table)
                    .col(pk(Events::Id))
                    .col(int(Events::PetitionId))
                    .col(at(Events::At))
                    .col(string(Events::Step, 32))
                    .col(string(Events::ActorRole, 32))
                    .col(int_null(Events::ActorUserId))
                    .col(string_null(Events::ReasonCode, 32))
                    .col(text_null(Events::Note))
                    .foreign_key(&mut fk(
                        "fk_petition_events_petition",
                        (Events::Table, Events::PetitionId),
                        (P::Table, P::Id),
                        Cascade,
                    ))
                    .foreign_key(&mut fk(
                        "fk_petition_events_actor",
                        (Events::Table, Events::ActorUserId),
                        (Users::Table, Users::Id),
                        SetNull,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_petition_events_petition")
                    .table(Events::Table)
                    .col(Events::PetitionId)
                    .col(Events::Id)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Attachments::Table)
                    .col(pk(Attachments::Id))
                    .col(int(Attachments::PetitionId))
                    .col(string(Attachments::Purpose, 16))
                    .col(string(Attachments::FileName, 200))
                    .col(string(Attachments::ContentType, 64))
                    .col(int(Attachments::SizeBytes))
                    .col(string(Attachments::Sha256, 64))
                    .col(ColumnDef::new(Attachments::Data).blob().not_null())
                    .col(at(Attachments::CreatedAt))
                    .foreign_key(&mut fk(
                        "fk_petition_attachments_petition",
                        (Attachments::Table, Attachments::PetitionId),
                        (P::Table, P::Id),
                        Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_petition_attachments_petition")
                    .table(Attachments::Table)
                    .col(Attachments::PetitionId)
                    .to_owned(),
            )
            .await?;

        for table in [Signer::Signatures, Signer::SignatureRequests] {
            let mut create = Table::create()
                .table(table)
                .col(pk(Signer::Id))
                .col(int(Signer::PetitionId))
                .col(string(Signer::CinHash, 64))
                .col(text(Signer::CinSealed))
                .col(string(Signer::FullName, 120))
                .col(int(Signer::ProvinceId))
                .col(string(Signer::Basis, 16))
                .col(string(Signer::Email, 254))
                .col(string(Signer::Lang, 3))
                .col(int_null(Signer::UserId))
                .col(ColumnDef::new(Signer::Notify).boolean().not_null())
                // Email signers withdraw with a link; signed-in signers from their account.
                .col(string_null(Signer::WithdrawTokenHash, 64).unique_key())
                .col(at(Signer::CreatedAt))
                .foreign_key(&mut fk(
                    &format!("fk_{}_petition", table.to_string()),
                    (table, Signer::PetitionId),
                    (P::Table, P::Id),
                    Cascade,
                ))
                .foreign_key(&mut fk(
                    &format!("fk_{}_province", table.to_string()),
                    (table, Signer::ProvinceId),
                    (Provinces::Table, Provinces::Id),
                    ForeignKeyAction::Restrict,
                ))
                .foreign_key(&mut fk(
                    &format!("fk_{}_user", table.to_string()),
                    (table, Signer::UserId),
                    (Users::Table, Users::Id),
                    SetNull,
                ))
                .to_owned();
            if table == Signer::SignatureRequests {
                create
                    .col(string(Signer::TokenHash, 64).unique_key())
                    .col(at(Signer::ExpiresAt));
            }
            manager.create_table(create).await?;
        }
        for (name, cols, unique) in [
            (
                "uq_signatures_cin",
                &[Signer::PetitionId, Signer::CinHash][..],
                true,
            ),
            (
                "uq_signatures_user",
                &[Signer::PetitionId, Signer::UserId][..],
                true,
            ),
            (
                "ix_signatures_petition_time",
                &[Signer::PetitionId, Signer::CreatedAt][..],
                false,
            ),
            ("ix_signatures_user", &[Signer::UserId][..], false),
            ("ix_signatures_created", &[Signer::CreatedAt][..], false),
        ] {
            let mut create = Index::create()
                .name(name)
                .table(Signer::Signatures)
                .to_owned();
            for col in cols {
                create.col(*col);
            }
            if unique {
                create.unique();
            }
            manager.create_index(create).await?;
        }

        manager
            .create_table(
                Table::create()
                    .table(Counts::Table)
                    .col(int(Counts::PetitionId))
                    .col(int(Counts::ProvinceId))
                    .col(int(Counts::Shard))
                    .col(int(Counts::Count))
                    .primary_key(
                        Index::create()
                            .col(Counts::PetitionId)
                            .col(Counts::ProvinceId)
                            .col(Counts::Shard),
                    )
                    .foreign_key(&mut fk(
                        "fk_signature_counts_petition",
                        (Counts::Table, Counts::PetitionId),
                        (P::Table, P::Id),
                        Cascade,
                    ))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Profiles::Table)
                    .col(int(Profiles::UserId).primary_key())
                    .col(string(Profiles::FullName, 120))
                    .col(text(Profiles::CinSealed))
                    .col(int(Profiles::ProvinceId))
                    .col(string(Profiles::Basis, 16))
                    .col(at(Profiles::UpdatedAt))
                    .foreign_key(&mut fk(
                        "fk_signer_profiles_user",
                        (Profiles::Table, Profiles::UserId),
                        (Users::Table, Users::Id),
                        Cascade,
                    ))
                    .foreign_key(&mut fk(
                        "fk_signer_profiles_province",
                        (Profiles::Table, Profiles::ProvinceId),
                        (Provinces::Table, Provinces::Id),
                        ForeignKeyAction::Restrict,
                    ))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Mailings::Table)
                    .col(pk(Mailings::Id))
                    .col(int(Mailings::PetitionId))
                    .col(int(Mailings::EventId))
                    .col(int(Mailings::AfterSignatureId).default(0))
                    .col(at_null(Mailings::DoneAt))
                    .col(at(Mailings::CreatedAt))
                    .foreign_key(&mut fk(
                        "fk_petition_mailings_petition",
                        (Mailings::Table, Mailings::PetitionId),
                        (P::Table, P::Id),
                        Cascade,
                    ))
                    .foreign_key(&mut fk(
                        "fk_petition_mailings_event",
                        (Mailings::Table, Mailings::EventId),
                        (Events::Table, Events::Id),
                        Cascade,
                    ))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            Mailings::Table.into_iden(),
            Profiles::Table.into_iden(),
            Counts::Table.into_iden(),
            Signer::SignatureRequests.into_iden(),
            Signer::Signatures.into_iden(),
            Attachments::Table.into_iden(),
            Events::Table.into_iden(),
            Petitions::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
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
    Kind,
    Status,
    Lang,
    Title,
    Request,
    Reasons,
    Competence,
    RepresentativeId,
    RepresentativeName,
    AssociationName,
    AssociationRegisteredOn,
    AssociationSeat,
    Threshold,
    PerProvinceMinimum,
    SignatureCount,
    Reference,
    ReferenceYear,
    ReferenceSeq,
    ModerationReason,
    ModerationNote,
    Committee,
    Session,
    SittingOn,
    DecisionText,
    AnswerText,
    CreatedAt,
    UpdatedAt,
    PublishedAt,
    CollectionEndsAt,
    DepositedAt,
    DecisionDueAt,
    DecidedAt,
    AnsweredAt,
    CountedAt,
    NotifiedPercent,
}

#[derive(DeriveIden)]
enum Events {
    #[sea_orm(iden = "petition_events")]
    Table,
    Id,
    PetitionId,
    At,
    Step,
    ActorRole,
    ActorUserId,
    ReasonCode,
    Note,
}

#[derive(DeriveIden)]
enum Attachments {
    #[sea_orm(iden = "petition_attachments")]
    Table,
    Id,
    PetitionId,
    Purpose,
    FileName,
    ContentType,
    SizeBytes,
    Sha256,
    Data,
    CreatedAt,
}

/// The columns shared by `signatures` and `signature_requests` (and the latter's own two).
#[derive(DeriveIden, Clone, Copy, PartialEq, Eq)]
enum Signer {
    Signatures,
    SignatureRequests,
    Id,
    PetitionId,
    CinHash,
    CinSealed,
    FullName,
    ProvinceId,
    Basis,
    Email,
    Lang,
    UserId,
    Notify,
    WithdrawTokenHash,
    CreatedAt,
    TokenHash,
    ExpiresAt,
}

#[derive(DeriveIden)]
enum Counts {
    #[sea_orm(iden = "signature_counts")]
    Table,
    PetitionId,
    ProvinceId,
    Shard,
    Count,
}

/// News of a petition to email to its opted-in signers, in batches.
#[derive(DeriveIden)]
enum Mailings {
    #[sea_orm(iden = "petition_mailings")]
    Table,
    Id,
    PetitionId,
    EventId,
    AfterSignatureId,
    DoneAt,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Profiles {
    #[sea_orm(iden = "signer_profiles")]
    Table,
    UserId,
    FullName,
    CinSealed,
    ProvinceId,
    Basis,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum Regions {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Provinces {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}
