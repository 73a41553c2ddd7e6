//! `server`: runs Musharaka (`server` or `server serve`).

use std::process::ExitCode;

use clap::{Parser, Subcommand};
use server::{Config, startup, telemetry};

#[derive(Debug, Parser)]
#[command(
    name = "server",
    about = "Musharaka: citizen participation for Morocco's regional councils"
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    #[command(flatten)]
    config: Config,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Migrate and seed the database, then serve (the default).
    Serve,
    /// Migrate and seed the database, then exit.
    Migrate,
    /// Administration: `server admin create-admin --email …`.
    #[command(subcommand)]
    Admin(server::admin::AdminCommand),
}

#[tokio::main]
async fn main() -> ExitCode {
    let cli = Cli::parse();
    telemetry::init();
    let result = match cli.command.unwrap_or(Command::Serve) {
        Command::Serve => startup::serve(cli.config).await,
        Command::Migrate => startup::prepare_database(
            &cli.config.database_url,
            cli.config.database_max_connections,
        )
        .await
        .map(|_| ()),
        Command::Admin(command) => {
            server::admin::run(&cli.config, command)
                .await
                .map_err(|e| match e {
                    server::admin::AdminError::Startup(startup) => startup,
                    other => startup::StartupError::Admin(other.to_string()),
                })
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("error: {err}");
            ExitCode::from(2)
        }
    }
}
