//! Consultations a council can defend:
//! - an account per mailbox: `users.mailbox` (the address lower-cased, without `+tag`; Gmail's
//!   dots and googlemail.com ignored) is unique; existing accounts get theirs, and where two
//!   already share one, the newer keeps none (it still signs in; no new account can join it);
//! - responses outlive their author's account once the consultation closed (`user_id` becomes
//!   NULL; while it is open, deleting the account withdraws the response), and may carry the
//!   keyed hash of the participant's CIN, unique per consultation (`cin_key`);
//! - a consultation says what one response stands for (`verification`: `account` or `cin`);
//! - every mailing carries a one-click unsubscribe address (`outbox.unsubscribe_url`);
//! - free-text answers have an opaque, random `token` (their public name, and the order they
//!   are listed in) and a review (`kept` or `hidden`, with a reason, by whom, when) that must be
//!   done before the results are published. Texts already public stay public (`kept`); hidden
//!   ones stay hidden.

use sea_orm::{ConnectionTrait, DatabaseBackend, Statement};
use sea_orm_migration::prelude::*;

use crate::alter::loosen_user_key;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }

    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        let backend = db.get_database_backend();
        add(
            manager,
            Users::Table,
            ColumnDef::new(Users::Mailbox).string_len(255).null(),
        )
        .await?;
        fill_mailboxes(db).await?;
        manager
            .create_index(
                Index::create()
                    .name("uq_users_mailbox")
                    .table(Users::Table)
                    .col(Users::Mailbox)
                    .unique()
                    .to_owned(),
            )
            .await?;

        loosen_user_key(db, &["responses"], true).await?;
        add(
            manager,
            Responses::Table,
            ColumnDef::new(Responses::CinKey).string_len(255).null(),
        )
        .await?;
        manager
            .create_index(
                Index::create()
                    .name("uq_responses_cin")
                    .table(Responses::Table)
                    .col(Responses::ConsultationId)
                    .col(Responses::CinKey)
                    .unique()
                    .to_owned(),
            )
            .await?;
        add(
            manager,
            Consultations::Table,
            ColumnDef::new(Consultations::Verification)
                .string_len(16)
                .not_null()
                .default("account"),
        )
        .await?;

        add(
            manager,
            Outbox::Table,
            ColumnDef::new(Outbox::UnsubscribeUrl).text().null(),
        )
        .await?;
        add(
            manager,
            Answers::Table,
            ColumnDef::new(Answers::Token).big_integer().null(),
        )
        .await?;
        add(
            manager,
            Answers::Table,
            ColumnDef::new(Answers::Review).string_len(16).null(),
        )
        .await?;
        add(
            manager,
            Answers::Table,
            ColumnDef::new(Answers::ReviewReason).string_len(64).null(),
        )
        .await?;
        add(
            manager,
            Answers::Table,
            ColumnDef::new(Answers::ReviewedBy).integer().null(),
        )
        .await?;
        add(
            manager,
            Answers::Table,
            ColumnDef::new(Answers::ReviewedAt)
                .timestamp_with_time_zone()
                .null(),
        )
        .await?;
        let random = match backend {
            DatabaseBackend::Postgres => "1 + floor(random() * 9007199254740990)::bigint",
            _ => "1 + abs(random() % 9007199254740990)",
        };
        for sql in [
            format!("UPDATE answers SET token = {random} WHERE text IS NOT NULL"),
            "UPDATE answers SET review = 'hidden', review_reason = 'reported' \
             WHERE text IS NOT NULL AND hidden"
                .to_owned(),
            "UPDATE answers SET review = 'kept' WHERE text IS NOT NULL AND NOT hidden \
             AND response_id IN (SELECT r.id FROM responses r JOIN consultations c \
             ON c.id = r.consultation_id WHERE c.results_published_at IS NOT NULL)"
                .to_owned(),
        ] {
            db.execute_unprepared(&sql).await?;
        }
        manager
            .create_index(
                Index::create()
                    .name("uq_answers_token")
                    .table(Answers::Table)
                    .col(Answers::Token)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_answers_question_token")
                    .table(Answers::Table)
                    .col(Answers::QuestionId)
                    .col(Answers::Token)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        for (table, index) in [
            ("answers", "ix_answers_question_token"),
            ("answers", "uq_answers_token"),
            ("responses", "uq_responses_cin"),
            ("users", "uq_users_mailbox"),
        ] {
            manager
                .drop_index(
                    Index::drop()
                        .name(index)
                        .table(Alias::new(table))
                        .to_owned(),
                )
                .await?;
        }
        for column in [
            Answers::Token,
            Answers::Review,
            Answers::ReviewReason,
            Answers::ReviewedBy,
            Answers::ReviewedAt,
        ] {
            drop_column(manager, Answers::Table, column).await?;
        }
        drop_column(manager, Consultations::Table, Consultations::Verification).await?;
        drop_column(manager, Outbox::Table, Outbox::UnsubscribeUrl).await?;
        drop_column(manager, Responses::Table, Responses::CinKey).await?;
        // What lost its author cannot go back to a column that needs one; the tallies are then
        // counted again from the responses left.
        db.execute_unprepared("DELETE FROM responses WHERE user_id IS NULL")
            .await?;
        recount_tallies(db).await?;
        loosen_user_key(db, &["responses"], false).await?;
        drop_column(manager, Users::Table, Users::Mailbox).await
    }
}

async fn add<T: IntoIden + 'static>(
    manager: &SchemaManager<'_>,
    table: T,
    column: &mut ColumnDef,
) -> Result<(), DbErr> {
    manager
        .alter_table(
            Table::alter()
                .table(table)
                .add_column(column.to_owned())
                .to_owned(),
        )
        .await
}

async fn drop_column<T: IntoIden + 'static, C: IntoIden + 'static>(
    manager: &SchemaManager<'_>,
    table: T,
    column: C,
) -> Result<(), DbErr> {
    manager
        .alter_table(Table::alter().table(table).drop_column(column).to_owned())
        .await
}

/// The tallies of every consultation, counted again from its responses and answers (as
/// migration 19 first counted them).
async fn recount_tallies(db: &SchemaManagerConnection<'_>) -> Result<(), DbErr> {
    let yes = match db.get_database_backend() {
        DatabaseBackend::Postgres => "true",
        _ => "1",
    };
    for sql in [
        "DELETE FROM answer_tallies".to_owned(),
        "INSERT INTO answer_tallies (consultation_id, question_id, item, place, shard, count) \
         SELECT consultation_id, 0, 0, COALESCE(province_id, 0), 0, COUNT(*) FROM responses \
         GROUP BY consultation_id, COALESCE(province_id, 0)"
            .to_owned(),
        "INSERT INTO answer_tallies (consultation_id, question_id, item, place, shard, count) \
         SELECT consultation_id, 0, 1, 0, 0, COUNT(*) FROM responses WHERE audience_declared \
         GROUP BY consultation_id"
            .to_owned(),
        "INSERT INTO answer_tallies (consultation_id, question_id, item, place, shard, count) \
         SELECT r.consultation_id, a.question_id, -1, 0, 0, COUNT(DISTINCT a.response_id) \
         FROM answers a JOIN responses r ON r.id = a.response_id \
         GROUP BY r.consultation_id, a.question_id"
            .to_owned(),
        "INSERT INTO answer_tallies (consultation_id, question_id, item, place, shard, count) \
         SELECT r.consultation_id, a.question_id, COALESCE(a.choice_id, a.value), \
         COALESCE(a.place, 0), 0, COUNT(*) \
         FROM answers a JOIN responses r ON r.id = a.response_id \
         WHERE a.choice_id IS NOT NULL OR a.value IS NOT NULL \
         GROUP BY r.consultation_id, a.question_id, COALESCE(a.choice_id, a.value), \
         COALESCE(a.place, 0)"
            .to_owned(),
        format!("UPDATE responses SET counted = {yes}"),
    ] {
        db.execute_unprepared(&sql).await?;
    }
    Ok(())
}

/// The mailbox of each account, oldest first; an account whose mailbox an older one has keeps
/// none.
async fn fill_mailboxes(db: &SchemaManagerConnection<'_>) -> Result<(), DbErr> {
    let backend = db.get_database_backend();
    let rows = db
        .query_all_raw(Statement::from_string(
            backend,
            "SELECT id, email FROM users ORDER BY id",
        ))
        .await?;
    let mut seen = std::collections::HashSet::new();
    let update = match backend {
        DatabaseBackend::Postgres => "UPDATE users SET mailbox = $1 WHERE id = $2",
        _ => "UPDATE users SET mailbox = ? WHERE id = ?",
    };
    for row in rows {
        let id: i32 = row.try_get("", "id")?;
        let email: String = row.try_get("", "email")?;
        let mailbox = mailbox_of(&email);
        if seen.insert(mailbox.clone()) {
            db.execute_raw(Statement::from_sql_and_values(
                backend,
                update,
                [mailbox.into(), id.into()],
            ))
            .await?;
        }
    }
    Ok(())
}

/// The rule of `domain::types::Email::mailbox`, as it stood when this migration was written.
fn mailbox_of(email: &str) -> String {
    let email = email.trim().to_lowercase();
    match email.rsplit_once('@') {
        Some((local, domain)) => {
            let local = local.split_once('+').map_or(local, |(base, _)| base);
            if matches!(domain, "gmail.com" | "googlemail.com") {
                format!("{}@gmail.com", local.replace('.', ""))
            } else {
                format!("{local}@{domain}")
            }
        }
        None => email,
    }
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Mailbox,
}

#[derive(DeriveIden)]
enum Responses {
    Table,
    ConsultationId,
    CinKey,
}

#[derive(DeriveIden)]
enum Consultations {
    Table,
    Verification,
}

#[derive(DeriveIden)]
enum Outbox {
    #[sea_orm(iden = "outbox")]
    Table,
    UnsubscribeUrl,
}

#[derive(DeriveIden)]
enum Answers {
    Table,
    QuestionId,
    Token,
    Review,
    ReviewReason,
    ReviewedBy,
    ReviewedAt,
}
