//! `server admin …`: administration from the command line.

use std::io::{BufRead, IsTerminal};

use clap::Subcommand;
use domain::AppContext;
use domain::types::{DisplayName, Email, Lang, NewPassword};

use crate::Config;
use crate::startup::{StartupError, prepare_database};

/// Administration commands.
#[derive(Debug, Subcommand)]
pub enum AdminCommand {
    /// Creates a platform admin (or makes an existing account one). The password is read from a
    /// prompt, or from the first line of standard input when it is not a terminal.
    CreateAdmin {
        /// Email address of the admin's account.
        #[arg(long)]
        email: String,
        /// Name shown on the platform (for a new account).
        #[arg(long, default_value = "Admin")]
        name: String,
        /// Language of the emails the admin receives (ar, zgh, fr, en).
        #[arg(long, default_value = "ar")]
        lang: String,
    },
}

/// Why an admin command failed.
#[derive(Debug, thiserror::Error)]
pub enum AdminError {
    #[error(transparent)]
    Startup(#[from] StartupError),
    #[error("{0}")]
    Input(String),
    #[error("could not create the admin: {0}")]
    Domain(#[from] domain::DomainError),
}

/// Runs an admin command.
pub async fn run(config: &Config, command: AdminCommand) -> Result<(), AdminError> {
    match command {
        AdminCommand::CreateAdmin { email, name, lang } => {
            let email = Email::parse(&email)
                .map_err(|_| AdminError::Input(format!("not a valid email address: {email}")))?;
            let name = DisplayName::parse(&name)
                .map_err(|_| AdminError::Input("the name must have 1 to 80 characters".into()))?;
            let lang = Lang::parse(&lang).ok_or_else(|| {
                AdminError::Input(format!("unknown language {lang}: use ar, zgh, fr or en"))
            })?;
            let password = read_password()?;
            let password = NewPassword::parse(&password, &[email.as_str()]).map_err(|e| {
                AdminError::Input(match e.code() {
                    "password_too_short" => "the password needs at least 10 characters".to_owned(),
                    "password_too_long" => {
                        "the password can have at most 128 characters".to_owned()
                    }
                    _ => "this password is too common or too easy to guess".to_owned(),
                })
            })?;
            let db =
                prepare_database(&config.database_url, config.database_max_connections).await?;
            let ctx = AppContext::new(db, crate::startup::load_keys(config)?);
            let (user, created) =
                domain::accounts::ensure_verified_account(&ctx, &email, &name, &password, lang)
                    .await?;
            domain::roles::bootstrap_admin(&ctx, user).await?;
            if created {
                println!("Created the platform admin {}.", email.as_str());
            } else {
                println!(
                    "{} already had an account (its password is unchanged); it is now a platform admin.",
                    email.as_str()
                );
            }
            Ok(())
        }
    }
}

fn read_password() -> Result<String, AdminError> {
    if std::io::stdin().is_terminal() {
        rpassword::prompt_password("Password for the admin account: ")
            .map_err(|e| AdminError::Input(format!("cannot read the password: {e}")))
    } else {
        let mut line = String::new();
        std::io::stdin()
            .lock()
            .read_line(&mut line)
            .map_err(|e| AdminError::Input(format!("cannot read the password: {e}")))?;
        Ok(line.trim_end_matches(['\r', '\n']).to_owned())
    }
}
