//! Server functions of the account pages. Each form posts here and is redirected back to a page
//! (303-style), with the outcome kept in the session as a one-time "flash".

use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

#[cfg(feature = "ssr")]
use super::types::SessionItem;
use super::types::{AccountData, Flash, SignedInUser};

/// The signed-in person, if any.
#[server(prefix = "/fn", endpoint = "current_user", input = GetUrl)]
pub async fn current_user() -> Result<Option<SignedInUser>, ServerFnError> {
    let session = server::session().await?;
    let ctx = server::context()?;
    let Some(id) = server::signed_in_user(&ctx, &session).await? else {
        return Ok(None);
    };
    let account = domain::accounts::find_account(&ctx, domain::accounts::UserId(id))
        .await
        .map_err(server::internal)?;
    let actor = domain::roles::actor(&ctx, domain::accounts::UserId(id))
        .await
        .map_err(server::internal)?;
    Ok(account.map(|a| SignedInUser {
        display_name: a.display_name,
        is_admin: actor.is_admin(),
    }))
}

/// The signed-in person's own data; `None` when nobody is signed in.
#[server(prefix = "/fn", endpoint = "my_account", input = GetUrl)]
pub async fn my_account() -> Result<Option<AccountData>, ServerFnError> {
    let session = server::session().await?;
    let ctx = server::context()?;
    let Some(id) = server::signed_in_user(&ctx, &session).await? else {
        return Ok(None);
    };
    let data = domain::accounts::export_my_data(&ctx, domain::accounts::UserId(id))
        .await
        .map_err(server::internal)?;
    let current = session.id().map(|id| id.to_string());
    let sessions = domain::sessions::list_user_sessions(&ctx, id, current.as_deref())
        .await
        .map_err(server::internal)?;
    let text = |value: &serde_json::Value| value.as_str().unwrap_or_default().to_owned();
    Ok(Some(AccountData {
        email: text(&data["account"]["email"]),
        display_name: text(&data["account"]["display_name"]),
        lang: text(&data["account"]["language"]),
        created_on: text(&data["account"]["created_at"])
            .chars()
            .take(10)
            .collect(),
        roles: data["roles"]
            .as_array()
            .map(|roles| roles.iter().map(|r| text(&r["role"])).collect())
            .unwrap_or_default(),
        sessions: sessions
            .into_iter()
            .map(|s| SessionItem {
                key: s.key,
                signed_in: s
                    .signed_in_at
                    .map(|t| t.format("%Y-%m-%d %H:%M").to_string())
                    .unwrap_or_default(),
                current: s.current,
            })
            .collect(),
    }))
}

/// Ends one of the signed-in person's sessions (`key`), or all the others (`key` = `others`).
#[server(prefix = "/fn", endpoint = "end_session")]
pub async fn end_session(lang: String, key: String) -> Result<(), ServerFnError> {
    let lang = server::lang(&lang);
    let session = server::session().await?;
    let ctx = server::context()?;
    if let Some(id) = server::signed_in_user(&ctx, &session).await? {
        let current = session.id().map(|id| id.to_string());
        let key = (key != "others").then_some(key);
        domain::sessions::end_user_sessions(&ctx, id, key.as_deref(), current.as_deref())
            .await
            .map_err(server::internal)?;
    }
    leptos_axum::redirect(&format!("/{}/account", lang.code()));
    Ok(())
}

/// Changes the signed-in person's password (the current one is needed); other sessions end.
#[server(prefix = "/fn", endpoint = "change_password")]
pub async fn change_password(
    lang: String,
    current_password: String,
    password: String,
) -> Result<(), ServerFnError> {
    let lang = server::lang(&lang);
    let session = server::session().await?;
    let ctx = server::context()?;
    let back_to = format!("/{}/account", lang.code());
    let Some(id) = server::require_user(&ctx, &session, lang).await? else {
        return Ok(());
    };
    let mut flash = Flash {
        form: "change_password".into(),
        ..Flash::default()
    };
    let new = match domain::types::NewPassword::parse(&password, &[]) {
        Ok(new) => new,
        Err(err) => {
            flash_error(&mut flash, "password", &err);
            return server::back(&session, flash, &back_to).await;
        }
    };
    let current = session.id().map(|id| id.to_string());
    let result = domain::accounts::change_password(
        &ctx,
        domain::accounts::UserId(id),
        current_password.into(),
        new,
        current.as_deref(),
    )
    .await;
    match result {
        Ok(()) => flash.notice = Some("password_changed_notice".into()),
        Err(err) => flash_error(&mut flash, "current_password", &server::log(err)),
    }
    server::back(&session, flash, &back_to).await
}

/// Starts changing the signed-in person's email address: a link goes to the new one.
#[server(prefix = "/fn", endpoint = "request_email_change")]
pub async fn request_email_change(
    lang: String,
    email: String,
    current_password: String,
) -> Result<(), ServerFnError> {
    let lang = server::lang(&lang);
    let session = server::session().await?;
    let ctx = server::context()?;
    let back_to = format!("/{}/account", lang.code());
    let Some(id) = server::require_user(&ctx, &session, lang).await? else {
        return Ok(());
    };
    let mut flash = Flash {
        form: "change_email".into(),
        email: email.trim().to_owned(),
        ..Flash::default()
    };
    let new_email = match domain::types::Email::parse(&email) {
        Ok(new_email) => new_email,
        Err(err) => {
            flash_error(&mut flash, "email", &err);
            return server::back(&session, flash, &back_to).await;
        }
    };
    let result = domain::accounts::request_email_change(
        &ctx,
        domain::accounts::UserId(id),
        new_email,
        current_password.into(),
    )
    .await;
    match result {
        Ok(()) => {
            flash.email.clear();
            flash.notice = Some("email_change_sent_notice".into());
        }
        Err(err) => flash_error(&mut flash, "current_password", &server::log(err)),
    }
    server::back(&session, flash, &back_to).await
}

/// Follows an email change link (a button on the page posts it).
#[server(prefix = "/fn", endpoint = "confirm_email_change")]
pub async fn confirm_email_change(lang: String, token: String) -> Result<(), ServerFnError> {
    let lang = server::lang(&lang);
    let session = server::session().await?;
    let mut flash = Flash {
        form: "confirm_email".into(),
        ..Flash::default()
    };
    match domain::accounts::confirm_email_change(&server::context()?, &token).await {
        Ok(_) => {
            flash.notice = Some("email_changed_notice".into());
            server::back(
                &session,
                flash,
                &format!("/{}/account/confirm-email", lang.code()),
            )
            .await
        }
        Err(err) => {
            flash_error(&mut flash, "token", &server::log(err));
            server::back(
                &session,
                flash,
                &format!("/{}/account/confirm-email", lang.code()),
            )
            .await
        }
    }
}

/// Deletes the signed-in person's account after checking their password.
#[server(prefix = "/fn", endpoint = "delete_account")]
pub async fn delete_account(lang: String, password: String) -> Result<(), ServerFnError> {
    let lang = server::lang(&lang);
    let session = server::session().await?;
    let ctx = server::context()?;
    let Some(id) = server::require_user(&ctx, &session, lang).await? else {
        return Ok(());
    };
    match domain::accounts::delete_account(&ctx, domain::accounts::UserId(id), password.into())
        .await
    {
        Ok(()) => {
            server::forget_user(&session).await;
            server::notice_on_sign_in(&session, "account_deleted_notice", lang).await
        }
        Err(err) => {
            let mut flash = Flash {
                form: "delete_account".into(),
                ..Flash::default()
            };
            flash_error(&mut flash, "password", &server::log(err));
            server::back(&session, flash, &format!("/{}/account", lang.code())).await
        }
    }
}

/// The outcome of the last post of `form`, once.
#[server(prefix = "/fn", endpoint = "take_flash")]
pub async fn take_flash(form: String) -> Result<Option<Flash>, ServerFnError> {
    let session = server::session().await?;
    let flash: Option<Flash> = session.get(server::FLASH).await.ok().flatten();
    match flash {
        Some(flash) if flash.form == form => {
            let _ = session.remove_value(server::FLASH).await;
            Ok(Some(flash))
        }
        _ => Ok(None),
    }
}

/// Registers an account (see `domain::accounts::register`).
#[server(prefix = "/fn", endpoint = "register")]
pub async fn register(
    lang: String,
    email: String,
    display_name: String,
    password: String,
    email_lang: String,
) -> Result<(), ServerFnError> {
    use domain::types::{DisplayName, Email, Lang, NewPassword};
    let lang = server::lang(&lang);
    let session = server::session().await?;
    let mut flash = Flash {
        form: "register".into(),
        email: email.trim().to_owned(),
        display_name: display_name.trim().to_owned(),
        ..Flash::default()
    };
    let parsed_email = Email::parse(&email).map_err(|e| flash_error(&mut flash, "email", &e));
    let parsed_name =
        DisplayName::parse(&display_name).map_err(|e| flash_error(&mut flash, "display_name", &e));
    let parsed_password = NewPassword::parse(&password, &[email.as_str(), display_name.as_str()])
        .map_err(|e| flash_error(&mut flash, "password", &e));
    let (Ok(email), Ok(display_name), Ok(password)) = (parsed_email, parsed_name, parsed_password)
    else {
        return server::back(
            &session,
            flash,
            &format!("/{}/account/register", lang.code()),
        )
        .await;
    };
    let registration = domain::accounts::Registration {
        email,
        display_name,
        password,
        lang: Lang::parse(&email_lang).unwrap_or(lang),
    };
    match domain::accounts::register(&server::context()?, registration).await {
        Ok(()) => {
            leptos_axum::redirect(&format!("/{}/account/check-email", lang.code()));
            Ok(())
        }
        Err(err) => {
            flash_error(&mut flash, "form", &server::log(err));
            server::back(
                &session,
                flash,
                &format!("/{}/account/register", lang.code()),
            )
            .await
        }
    }
}

/// Confirms an email address with the token of its link.
#[server(prefix = "/fn", endpoint = "verify_email")]
pub async fn verify_email(lang: String, token: String) -> Result<(), ServerFnError> {
    let lang = server::lang(&lang);
    let session = server::session().await?;
    match domain::accounts::verify_email(&server::context()?, &token).await {
        Ok(_) => server::notice_on_sign_in(&session, "verified_notice", lang).await,
        Err(err) => {
            let mut flash = Flash {
                form: "verify".into(),
                ..Flash::default()
            };
            flash_error(&mut flash, "token", &server::log(err));
            server::back(&session, flash, &format!("/{}/account/verify", lang.code())).await
        }
    }
}

/// Signs in: a new session id, then the home page.
#[server(prefix = "/fn", endpoint = "sign_in")]
pub async fn sign_in(lang: String, email: String, password: String) -> Result<(), ServerFnError> {
    let lang = server::lang(&lang);
    let session = server::session().await?;
    let ctx = server::context()?;
    match domain::accounts::sign_in(&ctx, &email, password.into(), &server::client_origin()).await {
        Ok(signed_in) => {
            server::start_user_session(&ctx, &session, signed_in.account.id.0, signed_in.staff)
                .await?;
            leptos_axum::redirect(&format!("/{}", lang.code()));
            Ok(())
        }
        Err(err) => {
            let mut flash = Flash {
                form: "sign_in".into(),
                email: email.trim().to_owned(),
                ..Flash::default()
            };
            flash_error(&mut flash, "form", &server::log(err));
            server::back(
                &session,
                flash,
                &format!("/{}/account/sign-in", lang.code()),
            )
            .await
        }
    }
}

/// Asks for a password reset link; the same answer whether or not the address has an account.
#[server(prefix = "/fn", endpoint = "request_password_reset")]
pub async fn request_password_reset(lang: String, email: String) -> Result<(), ServerFnError> {
    let lang = server::lang(&lang);
    let session = server::session().await?;
    match domain::accounts::request_password_reset(&server::context()?, &email).await {
        // Too many requests for this address: answered like the others, nothing more is sent.
        Ok(()) | Err(domain::DomainError::RateLimited { .. }) => {
            leptos_axum::redirect(&format!("/{}/account/check-email?for=reset", lang.code()));
            Ok(())
        }
        Err(err) => {
            let mut flash = Flash {
                form: "forgot".into(),
                email: email.trim().to_owned(),
                ..Flash::default()
            };
            flash_error(&mut flash, "form", &server::log(err));
            server::back(
                &session,
                flash,
                &format!("/{}/account/forgot-password", lang.code()),
            )
            .await
        }
    }
}

/// Sets a new password with the token of a reset link.
#[server(prefix = "/fn", endpoint = "reset_password")]
pub async fn reset_password(
    lang: String,
    token: String,
    password: String,
) -> Result<(), ServerFnError> {
    let lang = server::lang(&lang);
    let session = server::session().await?;
    let back_to_form = format!(
        "/{}/account/reset-password?token={}",
        lang.code(),
        token.trim()
    );
    let mut flash = Flash {
        form: "reset".into(),
        ..Flash::default()
    };
    let password = match domain::types::NewPassword::parse(&password, &[]) {
        Ok(password) => password,
        Err(err) => {
            flash_error(&mut flash, "password", &err);
            return server::back(&session, flash, &back_to_form).await;
        }
    };
    match domain::accounts::reset_password(&server::context()?, &token, password).await {
        Ok(_) => {
            // This browser's session ended with the others: start a clean one for the notice.
            server::forget_user(&session).await;
            server::notice_on_sign_in(&session, "password_reset_notice", lang).await
        }
        Err(err) => {
            flash_error(&mut flash, "token", &server::log(err));
            server::back(&session, flash, &back_to_form).await
        }
    }
}

/// Signs out: the session ends.
#[server(prefix = "/fn", endpoint = "sign_out")]
pub async fn sign_out(lang: String) -> Result<(), ServerFnError> {
    let lang = server::lang(&lang);
    let session = server::session().await?;
    session
        .flush()
        .await
        .map_err(|e| server::internal_message(&e.to_string()))?;
    leptos_axum::redirect(&format!("/{}", lang.code()));
    Ok(())
}

#[cfg(feature = "ssr")]
pub(crate) fn flash_error(flash: &mut Flash, field: &str, err: &domain::DomainError) {
    flash.errors.push(super::types::FieldError {
        field: field.to_owned(),
        code: err.code().to_owned(),
    });
}

/// Session helpers shared by the server functions and the server's own routes.
#[cfg(feature = "ssr")]
pub mod server {
    use domain::DomainError;
    use domain::types::Lang;
    use leptos::prelude::*;
    use tower_sessions::Session;

    use super::super::types::Flash;

    pub const FLASH: &str = "flash";
    pub const USER_ID: &str = "user_id";
    pub const SIGNED_IN_AT: &str = "signed_in_at";
    pub const LAST_SEEN_AT: &str = "last_seen_at";
    pub const STAFF: &str = "staff";

    pub fn context() -> Result<domain::AppContext, ServerFnError> {
        use_context::<domain::AppContext>().ok_or_else(|| internal_message("no domain context"))
    }

    /// Where this request came from, as the web edge determined it (see the server's
    /// `client_origin`).
    pub fn client_origin() -> domain::types::ClientOrigin {
        use_context::<http::request::Parts>()
            .and_then(|parts| {
                parts
                    .extensions
                    .get::<domain::types::ClientOrigin>()
                    .cloned()
            })
            .unwrap_or_default()
    }

    pub async fn session() -> Result<Session, ServerFnError> {
        leptos_axum::extract::<Session>()
            .await
            .map_err(|e| internal_message(&format!("no session: {e}")))
    }

    /// The signed-in user of this session. A staff session unused for 30 minutes, or older than
    /// 12 hours, ends here; otherwise its last use is noted (now and then: see
    /// `domain::accounts::session_needs_touch`), which keeps the session alive.
    pub async fn signed_in_user(
        ctx: &domain::AppContext,
        session: &Session,
    ) -> Result<Option<i32>, ServerFnError> {
        let Some(user_id) = session.get::<i32>(USER_ID).await.ok().flatten() else {
            return Ok(None);
        };
        let staff = session.get::<bool>(STAFF).await.ok().flatten() == Some(true);
        let now = ctx.clock.now();
        let last_seen_at = session
            .get::<i64>(LAST_SEEN_AT)
            .await
            .ok()
            .flatten()
            .unwrap_or(0);
        if staff {
            let signed_in_at = session
                .get::<i64>(SIGNED_IN_AT)
                .await
                .ok()
                .flatten()
                .unwrap_or(0);
            if domain::accounts::staff_session_expired(now, signed_in_at, last_seen_at) {
                session
                    .flush()
                    .await
                    .map_err(|e| internal_message(&e.to_string()))?;
                return Ok(None);
            }
        }
        if domain::accounts::session_needs_touch(now, last_seen_at, staff) {
            session
                .insert(LAST_SEEN_AT, now.timestamp())
                .await
                .map_err(|e| internal_message(&e.to_string()))?;
        }
        Ok(Some(user_id))
    }

    /// A fresh session id (no fixation), then the user.
    pub async fn start_user_session(
        ctx: &domain::AppContext,
        session: &Session,
        user_id: i32,
        staff: bool,
    ) -> Result<(), ServerFnError> {
        session
            .cycle_id()
            .await
            .map_err(|e| internal_message(&e.to_string()))?;
        let _ = session.remove_value(FLASH).await;
        session
            .insert(USER_ID, user_id)
            .await
            .map_err(|e| internal_message(&e.to_string()))?;
        let now = ctx.clock.now().timestamp();
        for (key, value) in [(SIGNED_IN_AT, now), (LAST_SEEN_AT, now)] {
            session
                .insert(key, value)
                .await
                .map_err(|e| internal_message(&e.to_string()))?;
        }
        session
            .insert(STAFF, staff)
            .await
            .map_err(|e| internal_message(&e.to_string()))
    }

    /// The signed-in user; when nobody is, redirects to the sign-in page and gives `None`.
    pub async fn require_user(
        ctx: &domain::AppContext,
        session: &Session,
        lang: Lang,
    ) -> Result<Option<i32>, ServerFnError> {
        let user = signed_in_user(ctx, session).await?;
        if user.is_none() {
            leptos_axum::redirect(&format!("/{}/account/sign-in", lang.code()));
        }
        Ok(user)
    }

    /// A new session id without the user (after the account's sessions were ended).
    pub async fn forget_user(session: &Session) {
        let _ = session.cycle_id().await;
        let _ = session.remove_value(USER_ID).await;
    }

    /// Shows the notice `code` on the sign-in page, and goes there.
    pub async fn notice_on_sign_in(
        session: &Session,
        code: &str,
        lang: Lang,
    ) -> Result<(), ServerFnError> {
        let flash = Flash {
            form: "sign_in".into(),
            notice: Some(code.to_owned()),
            ..Flash::default()
        };
        back(session, flash, &format!("/{}/account/sign-in", lang.code())).await
    }

    /// Keeps `flash` for the next page and redirects there.
    pub async fn back(session: &Session, flash: Flash, to: &str) -> Result<(), ServerFnError> {
        session
            .insert(FLASH, flash)
            .await
            .map_err(|e| internal_message(&e.to_string()))?;
        leptos_axum::redirect(to);
        Ok(())
    }

    /// The page language of a form (Arabic when missing or unknown).
    pub fn lang(code: &str) -> Lang {
        Lang::parse(code).unwrap_or_default()
    }

    /// Logs internal causes; the error keeps only its code. When the server is at capacity
    /// the response is marked (`BUSY_HEADER`) so that the web edge answers 503.
    pub fn log(err: DomainError) -> DomainError {
        match &err {
            DomainError::Internal(detail) => {
                tracing::error!(%detail, "account operation failed");
            }
            DomainError::Busy { retry_after_secs } => {
                if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
                    response.insert_header(
                        http::HeaderName::from_static(BUSY_HEADER),
                        http::HeaderValue::from(*retry_after_secs),
                    );
                }
            }
            _ => {}
        }
        err
    }

    /// Marks a response that must become a 503 "busy" page (its value: seconds to wait).
    pub const BUSY_HEADER: &str = "x-musharaka-busy";

    pub fn internal(err: DomainError) -> ServerFnError {
        internal_message(&err.to_string())
    }

    pub fn internal_message(detail: &str) -> ServerFnError {
        tracing::error!(%detail, "account server function failed");
        ServerFnError::new("internal")
    }
}
