//! Where each signature came from, for the limits against stuffing and the fraud review: the
//! signer's mailbox (keyed hash of the address without `+tag`) and, for the two signatures one
//! household may give from one mailbox, which of the two (`email_slot`, unique per petition and
//! mailbox); the keyed hashes of the client's network (/24, /64) and user agent; the email
//! domain. Erased with the rest of the signatory's data at retention.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for (table, columns) in [
            (Signer::Signatures, &SIGNATURE_COLUMNS[..4]),
            (Signer::SignatureRequests, &REQUEST_COLUMNS[..]),
        ] {
            // SQLite adds one column per statement.
            for column in columns.iter().cloned() {
                manager
                    .alter_table(
                        Table::alter()
                            .table(table.clone())
                            .add_column(ColumnDef::new(column).string_len(255).null())
                            .to_owned(),
                    )
                    .await?;
            }
        }
        manager
            .alter_table(
                Table::alter()
                    .table(Signer::Signatures)
                    .add_column(ColumnDef::new(Signer::EmailSlot).small_integer().null())
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("uq_signatures_mailbox_slot")
                    .table(Signer::Signatures)
                    .col(Signer::PetitionId)
                    .col(Signer::EmailKey)
                    .col(Signer::EmailSlot)
                    .unique()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(
                Index::drop()
                    .name("uq_signatures_mailbox_slot")
                    .table(Signer::Signatures)
                    .to_owned(),
            )
            .await?;
        for (table, columns) in [
            (Signer::Signatures, &SIGNATURE_COLUMNS[..]),
            (Signer::SignatureRequests, &REQUEST_COLUMNS[..]),
        ] {
            for column in columns {
                manager
                    .alter_table(
                        Table::alter()
                            .table(table.clone())
                            .drop_column(column.clone())
                            .to_owned(),
                    )
                    .await?;
            }
        }
        Ok(())
    }
}

/// The new columns of `signatures` (the slot last: it has its own type).
const SIGNATURE_COLUMNS: [Signer; 5] = [
    Signer::EmailKey,
    Signer::IpPrefixHash,
    Signer::UserAgentHash,
    Signer::EmailDomain,
    Signer::EmailSlot,
];

/// The new columns of `signature_requests`.
const REQUEST_COLUMNS: [Signer; 3] = [
    Signer::IpPrefixHash,
    Signer::UserAgentHash,
    Signer::EmailDomain,
];

#[derive(DeriveIden, Clone)]
enum Signer {
    Signatures,
    SignatureRequests,
    PetitionId,
    EmailKey,
    EmailSlot,
    IpPrefixHash,
    UserAgentHash,
    EmailDomain,
}
