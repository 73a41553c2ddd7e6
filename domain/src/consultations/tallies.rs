//! A consultation's results as tallies kept at every answer, so that computing them reads a few
//! hundred small rows whatever the number of responses. An answer (or its edit) is turned into
//! deltas: +1 for each thing it says, -1 for each thing the replaced answer said; the deltas
//! are added in one statement to a random shard of each tally, in the answer's transaction, so
//! tallies are exact at every commit and concurrent answers rarely touch the same row.
//!
//! Keys `(question, item, place)`: question 0 is the consultation itself (item 0: responses,
//! by province id in `place`, 0 when none given; item 1: audience declarations); for a question,
//! item -1 counts its respondents, and a choice id or a scale point counts its answers (`place`:
//! a ranking's place, else 0).

use std::collections::{BTreeMap, BTreeSet};

use sea_orm::{ConnectionTrait, DatabaseBackend, Statement, Value};

use super::questions::Answer;
use crate::types::ConsultationId;
use crate::{AppContext, DomainError};

/// Shards per tally.
pub const SHARDS: i32 = 16;

/// A tally's key: `(question, item, place)`.
pub type Key = (i32, i32, i32);

/// Item of the consultation-level key counting responses (by province).
pub const RESPONSES: i32 = 0;
/// Item of the consultation-level key counting audience declarations.
pub const DECLARED: i32 = 1;
/// Item of a question's key counting its respondents.
pub const RESPONDENTS: i32 = -1;

/// What one response says, as tallies count it: its province and declaration, the questions it
/// answers, and each choice, scale point or ranked place `(question, item, place)`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Counted {
    pub province: Option<i32>,
    pub declared: bool,
    pub questions: BTreeSet<i32>,
    pub marks: Vec<Key>,
}

impl Counted {
    /// A response of `answers`.
    pub fn of_answers(province: Option<i32>, declared: bool, answers: &[(i32, Answer)]) -> Self {
        let mut counted = Self {
            province,
            declared,
            ..Self::default()
        };
        for (question, answer) in answers {
            let q = *question;
            counted.questions.insert(q);
            match answer {
                Answer::Single(choice) => counted.marks.push((q, *choice, 0)),
                Answer::Multiple(choices) => {
                    counted.marks.extend(choices.iter().map(|c| (q, *c, 0)));
                }
                Answer::Scale(point) => counted.marks.push((q, i32::from(*point), 0)),
                Answer::Ranking(order) => {
                    for (place, choice) in order.iter().enumerate() {
                        let place = i32::try_from(place + 1).unwrap_or(i32::MAX);
                        counted.marks.push((q, *choice, place));
                    }
                }
                Answer::Text(_) => {}
            }
        }
        counted
    }

    /// A stored response and its answer rows.
    pub(crate) fn of_rows(
        province: Option<i32>,
        declared: bool,
        rows: &[crate::entities::answer::Model],
    ) -> Self {
        let mut counted = Self {
            province,
            declared,
            ..Self::default()
        };
        for row in rows {
            counted.questions.insert(row.question_id);
            if let Some(item) = row.choice_id.or(row.value) {
                counted
                    .marks
                    .push((row.question_id, item, row.place.unwrap_or(0)));
            }
        }
        counted
    }
}

fn add(deltas: &mut BTreeMap<Key, i64>, key: Key, n: i64) {
    *deltas.entry(key).or_default() += n;
}

fn count(deltas: &mut BTreeMap<Key, i64>, response: &Counted, sign: i64) {
    add(deltas, (0, RESPONSES, response.province.unwrap_or(0)), sign);
    if response.declared {
        add(deltas, (0, DECLARED, 0), sign);
    }
    for question in &response.questions {
        add(deltas, (*question, RESPONDENTS, 0), sign);
    }
    for mark in &response.marks {
        add(deltas, *mark, sign);
    }
}

/// The changes to the tallies when `new` replaces `old` (none: a first answer); keys that do
/// not change are left out.
pub fn deltas(old: Option<&Counted>, new: &Counted) -> BTreeMap<Key, i64> {
    let mut deltas = BTreeMap::new();
    if let Some(old) = old {
        count(&mut deltas, old, -1);
    }
    count(&mut deltas, new, 1);
    deltas.retain(|_, n| *n != 0);
    deltas
}

/// The changes to the tallies when response `old` is withdrawn.
pub fn withdrawal(old: &Counted) -> BTreeMap<Key, i64> {
    let mut deltas = BTreeMap::new();
    count(&mut deltas, old, -1);
    deltas.retain(|_, n| *n != 0);
    deltas
}

/// Adds `deltas` to shard `shard` of consultation `id`'s tallies, in one statement.
pub(crate) async fn apply<C: ConnectionTrait>(
    db: &C,
    id: ConsultationId,
    shard: i32,
    deltas: &BTreeMap<Key, i64>,
) -> Result<(), DomainError> {
    if deltas.is_empty() {
        return Ok(());
    }
    let backend = db.get_database_backend();
    let mut values: Vec<Value> = Vec::with_capacity(deltas.len() * 6);
    let mut rows = Vec::with_capacity(deltas.len());
    for (n, ((question, item, place), delta)) in deltas.iter().enumerate() {
        let at = n * 6;
        rows.push(match backend {
            DatabaseBackend::Postgres => format!(
                "(${}, ${}, ${}, ${}, ${}, ${})",
                at + 1,
                at + 2,
                at + 3,
                at + 4,
                at + 5,
                at + 6
            ),
            _ => "(?, ?, ?, ?, ?, ?)".to_owned(),
        });
        values.extend([
            id.0.into(),
            (*question).into(),
            (*item).into(),
            (*place).into(),
            shard.into(),
            (*delta).into(),
        ]);
    }
    let sql = format!(
        "INSERT INTO answer_tallies (consultation_id, question_id, item, place, shard, count) \
         VALUES {} ON CONFLICT (consultation_id, question_id, item, place, shard) \
         DO UPDATE SET count = answer_tallies.count + excluded.count",
        rows.join(", ")
    );
    db.execute_raw(Statement::from_sql_and_values(backend, sql, values))
        .await?;
    Ok(())
}

/// The tallies of consultation `id`, summed over their shards.
pub async fn sums(ctx: &AppContext, id: ConsultationId) -> Result<BTreeMap<Key, u64>, DomainError> {
    let backend = ctx.db.get_database_backend();
    let sql = match backend {
        DatabaseBackend::Postgres => {
            "SELECT question_id, item, place, CAST(SUM(count) AS BIGINT) AS n FROM answer_tallies \
             WHERE consultation_id = $1 GROUP BY question_id, item, place"
        }
        _ => {
            "SELECT question_id, item, place, SUM(count) AS n FROM answer_tallies \
             WHERE consultation_id = ? GROUP BY question_id, item, place"
        }
    };
    let rows = ctx
        .db
        .query_all_raw(Statement::from_sql_and_values(backend, sql, [id.0.into()]))
        .await?;
    let mut out = BTreeMap::new();
    for row in rows {
        let key: Key = (
            row.try_get("", "question_id")?,
            row.try_get("", "item")?,
            row.try_get("", "place")?,
        );
        let n: i64 = row.try_get("", "n")?;
        if n > 0 {
            out.insert(key, u64::try_from(n).unwrap_or_default());
        }
    }
    Ok(out)
}

/// Recounts consultation `id`'s tallies from its responses and answers (one shard), and marks
/// every response counted: for data written around the tallies (imports, the benchmark's seed).
pub async fn rebuild(ctx: &AppContext, id: ConsultationId) -> Result<(), DomainError> {
    let backend = ctx.db.get_database_backend();
    let c = id.0;
    let yes = match backend {
        DatabaseBackend::Postgres => "true",
        _ => "1",
    };
    let txn = crate::db::begin_write(&ctx.db).await?;
    for sql in [
        format!("DELETE FROM answer_tallies WHERE consultation_id = {c}"),
        format!(
            "INSERT INTO answer_tallies (consultation_id, question_id, item, place, shard, count) \
             SELECT {c}, 0, 0, COALESCE(province_id, 0), 0, COUNT(*) FROM responses \
             WHERE consultation_id = {c} GROUP BY COALESCE(province_id, 0)"
        ),
        format!(
            "INSERT INTO answer_tallies (consultation_id, question_id, item, place, shard, count) \
             SELECT {c}, 0, 1, 0, 0, COUNT(*) FROM responses \
             WHERE consultation_id = {c} AND audience_declared HAVING COUNT(*) > 0"
        ),
        format!(
            "INSERT INTO answer_tallies (consultation_id, question_id, item, place, shard, count) \
             SELECT {c}, a.question_id, -1, 0, 0, COUNT(DISTINCT a.response_id) \
             FROM answers a JOIN responses r ON r.id = a.response_id \
             WHERE r.consultation_id = {c} GROUP BY a.question_id"
        ),
        format!(
            "INSERT INTO answer_tallies (consultation_id, question_id, item, place, shard, count) \
             SELECT {c}, a.question_id, COALESCE(a.choice_id, a.value), COALESCE(a.place, 0), 0, \
             COUNT(*) FROM answers a JOIN responses r ON r.id = a.response_id \
             WHERE r.consultation_id = {c} AND (a.choice_id IS NOT NULL OR a.value IS NOT NULL) \
             GROUP BY a.question_id, COALESCE(a.choice_id, a.value), COALESCE(a.place, 0)"
        ),
        format!("UPDATE responses SET counted = {yes} WHERE consultation_id = {c}"),
    ] {
        txn.execute_raw(Statement::from_string(backend, sql))
            .await?;
    }
    txn.commit().await?;
    Ok(())
}

/// A shard for the next answer.
pub(crate) fn shard() -> i32 {
    rand::random_range(0..SHARDS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_edit_takes_out_what_the_old_answer_said() {
        let first = Counted::of_answers(
            Some(7),
            true,
            &[(1, Answer::Single(10)), (2, Answer::Ranking(vec![21, 20]))],
        );
        let d = deltas(None, &first);
        assert_eq!(d.get(&(0, RESPONSES, 7)), Some(&1));
        assert_eq!(d.get(&(0, DECLARED, 0)), Some(&1));
        assert_eq!(d.get(&(1, RESPONDENTS, 0)), Some(&1));
        assert_eq!(d.get(&(2, 21, 1)), Some(&1));
        assert_eq!(d.get(&(2, 20, 2)), Some(&1));

        let edit = Counted::of_answers(
            Some(7),
            true,
            &[(1, Answer::Single(11)), (2, Answer::Ranking(vec![21, 20]))],
        );
        let d = deltas(Some(&first), &edit);
        assert_eq!(
            d.into_iter().collect::<Vec<_>>(),
            [((1, 10, 0), -1), ((1, 11, 0), 1)],
            "only what changed"
        );
    }

    proptest::proptest! {
        /// Whatever the sequence of answers and edits, the tallies equal a count of the last
        /// answers.
        #[test]
        fn tallies_equal_a_recount(
            edits in proptest::collection::vec((0usize..4, 0i32..3, proptest::bool::ANY, 1u8..=5), 1..40)
        ) {
            let mut tallies: BTreeMap<Key, i64> = BTreeMap::new();
            let mut last: BTreeMap<usize, Counted> = BTreeMap::new();
            for (who, choice, declared, point) in edits {
                let new = Counted::of_answers(
                    (choice > 0).then_some(choice),
                    declared,
                    &[(1, Answer::Single(100 + choice)), (2, Answer::Scale(point))],
                );
                for (k, n) in deltas(last.get(&who), &new) {
                    *tallies.entry(k).or_default() += n;
                }
                last.insert(who, new);
            }
            let mut recount: BTreeMap<Key, i64> = BTreeMap::new();
            for response in last.values() {
                for (k, n) in deltas(None, response) {
                    *recount.entry(k).or_default() += n;
                }
            }
            tallies.retain(|_, n| *n != 0);
            proptest::prop_assert_eq!(tallies, recount);
        }
    }
}
