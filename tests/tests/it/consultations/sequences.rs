//! Whatever people do, in any order (answer, change their answer, delete their account and come
//! back with the same address, several answer at once), the tallies the results are read from
//! equal a recount of the answers stored. A property test against the database, on SQLite and
//! PostgreSQL.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use domain::consultations::answering::{Declaration, Questionnaire, answer_consultation};
use domain::types::ConsultationId;
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use secrecy::SecretString;
use tests::PASSWORD;
use tests::TestApp;

use super::{checked, open_consultation, to_first_day};

/// What one person does.
#[derive(Debug, Clone)]
enum Step {
    /// `who` answers (again: an edit) with a choice, a point and maybe a province.
    Answer {
        who: usize,
        choice: usize,
        point: u8,
        province: Option<usize>,
    },
    /// `who` deletes their account (the next answer of `who` comes from a new account).
    Delete { who: usize },
    /// Several answer at the same moment.
    Together { whos: Vec<usize>, choice: usize },
}

fn steps() -> impl Strategy<Value = Vec<Step>> {
    let step = prop_oneof![
        4 => (0usize..5, 0usize..3, 1u8..=5, prop::option::of(0usize..3)).prop_map(
            |(who, choice, point, province)| Step::Answer { who, choice, point, province }
        ),
        1 => (0usize..5).prop_map(|who| Step::Delete { who }),
        1 => (prop::collection::btree_set(0usize..5, 2..4), 0usize..3)
            .prop_map(|(whos, choice)| Step::Together { whos: whos.into_iter().collect(), choice }),
    ];
    prop::collection::vec(step, 1..10)
}

/// Runs `steps` of the people of case `case`; the number of responses after.
async fn play(
    app: &TestApp,
    id: ConsultationId,
    questionnaire: &Questionnaire,
    provinces: &[String],
    case: usize,
    steps: Vec<Step>,
) -> u64 {
    let email = |who: usize| format!("case{case}-person{who}@example.ma");
    let declaration = |province: Option<usize>| Declaration {
        audience: true,
        province: province.map(|p| provinces[p].clone()),
        notify: false,
        cin: None,
    };
    for step in steps {
        match step {
            Step::Answer {
                who,
                choice,
                point,
                province,
            } => {
                let user = app.user(&email(who)).await;
                answer_consultation(
                    &app.ctx(),
                    user,
                    &Default::default(),
                    checked(questionnaire, choice, point),
                    declaration(province),
                )
                .await
                .unwrap_or_else(|e| panic!("{e}"));
            }
            Step::Delete { who } => {
                let user = app.user(&email(who)).await;
                domain::accounts::delete_account(&app.ctx(), user, SecretString::from(PASSWORD))
                    .await
                    .unwrap_or_else(|e| panic!("{e}"));
            }
            Step::Together { whos, choice } => {
                let mut tasks = tokio::task::JoinSet::new();
                for who in whos {
                    let user = app.user(&email(who)).await;
                    let (ctx, checked) = (app.ctx(), checked(questionnaire, choice, 3));
                    let declared = declaration(Some(who % provinces.len()));
                    tasks.spawn(async move {
                        answer_consultation(&ctx, user, &Default::default(), checked, declared)
                            .await
                    });
                }
                while let Some(done) = tasks.join_next().await {
                    done.unwrap_or_else(|e| panic!("{e}"))
                        .unwrap_or_else(|e| panic!("{e}"));
                }
            }
        }
    }
    super::integrity::tallies_hold(app, id).await
}

/// Runs the property on the app `make` gives (none: the database is not there).
fn property(make: impl std::future::Future<Output = Option<TestApp>>) {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap_or_else(|e| panic!("{e}"));
    let Some(app) = runtime.block_on(make) else {
        return;
    };
    let (id, questionnaire, provinces) = runtime.block_on(async {
        let id = open_consultation(&app).await;
        let questionnaire = domain::consultations::answering::load_questionnaire(&app.ctx(), id)
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        let provinces: Vec<String> = app
            .provinces("souss-massa")
            .await
            .into_iter()
            .take(3)
            .map(|p| p.code)
            .collect();
        to_first_day(&app);
        (id, questionnaire, provinces)
    });
    let cases = Arc::new(AtomicUsize::new(0));
    let mut runner = TestRunner::new(Config {
        cases: 12,
        failure_persistence: None,
        ..Config::default()
    });
    runner
        .run(&steps(), |steps| {
            let case = cases.fetch_add(1, Ordering::SeqCst);
            runtime.block_on(play(&app, id, &questionnaire, &provinces, case, steps));
            Ok(())
        })
        .unwrap_or_else(|e| panic!("{e}"));
}

#[test]
fn tallies_equal_a_recount_whatever_people_do_sqlite() {
    property(async { Some(TestApp::sqlite().await) });
}

#[test]
fn tallies_equal_a_recount_whatever_people_do_postgres() {
    property(TestApp::postgres());
}
