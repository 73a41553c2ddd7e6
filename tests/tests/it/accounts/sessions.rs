//! A revoked session stays revoked: a request in flight when it was deleted (password reset,
//! "end other sessions", a role change) does not write it back when it ends.

use server::sessions::{DbSessionStore, SESSION_COOKIE};
use tests::{Client, TestApp, TestResult, both_databases};
use tower_sessions::SessionStore;
use tower_sessions::session::Id;

both_databases!(a_session_revoked_mid_request_is_not_written_back);

async fn a_session_revoked_mid_request_is_not_written_back(app: TestApp) -> TestResult {
    let amina = app.user("amina@example.ma").await;
    let mut browser = Client::signed_in(&app, "amina@example.ma", "fr").await;
    let cookie = browser
        .cookies
        .get(SESSION_COOKIE)
        .cloned()
        .unwrap_or_else(|| panic!("a session cookie"));
    let id: Id = cookie.parse()?;
    let store = DbSessionStore::new(app.ctx());
    let record = store
        .load(&id)
        .await?
        .unwrap_or_else(|| panic!("the session is stored"));

    // Requests of this session keep saving it while another ends every session of the account.
    let savers: Vec<_> = (0..16)
        .map(|_| {
            let (store, record) = (store.clone(), record.clone());
            tokio::spawn(async move {
                for _ in 0..10 {
                    store.save(&record).await.unwrap_or_else(|e| panic!("{e}"));
                    tokio::task::yield_now().await;
                }
            })
        })
        .collect();
    domain::sessions::delete_user_sessions(&app.db, amina.0).await?;
    for saver in savers {
        saver.await?;
    }
    // And one more, after the revocation, as the slowest request would.
    store.save(&record).await?;

    assert!(
        store.load(&id).await?.is_none(),
        "the revoked session is gone for good"
    );
    let page = browser.get("/fr/account").await;
    assert!(
        !page.text().contains("amina@example.ma"),
        "the browser is signed out"
    );
    Ok(())
}
