//! The Musharaka web server: one route table for pages, server functions, the JSON API, health
//! checks and static assets. `build_router` is used by `main` and by the tests alike.

pub mod admin;
pub mod api;
pub mod assets;
pub mod client_origin;
pub mod config;
pub mod consultations;
pub mod current_user;
pub mod export;
pub mod files;
pub mod forms;
pub mod guides;
pub mod health;
pub mod identity;
pub mod limits;
pub mod malformed;
pub mod message_page;
pub mod pages;
pub mod petitions;
pub mod security;
pub mod serve;
pub mod sessions;
pub mod startup;
pub mod telemetry;
pub mod unsubscribe;
pub mod workers;

use std::sync::Arc;

use axum::Router;
use axum::extract::FromRef;
use axum::http::StatusCode;
use axum::routing::get;
use domain::AppContext;
use frontend::shell::AssetLinks;
use leptos::config::LeptosOptions;
use tower_http::compression::CompressionLayer;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::TraceLayer;

pub use config::Config;

/// What every handler can reach.
#[derive(Clone, FromRef)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub ctx: AppContext,
    pub assets: Arc<assets::Assets>,
    /// Per-IP limits on the sign-in, registration and reset forms.
    pub ip_limits: domain::rate_limits::IpLimits,
}

impl AppState {
    /// State for `ctx`, with the static assets found under `config.site_root`.
    pub fn new(ctx: AppContext, config: &Config) -> Self {
        let assets = assets::Assets::load(&config.site_root);
        let leptos_options = LeptosOptions::builder()
            .output_name("musharaka")
            .site_root(config.site_root.to_string_lossy().into_owned())
            .site_pkg_dir("pkg")
            .build();
        Self {
            leptos_options,
            ctx: ctx
                .with_limits(config.participation_limits())
                .with_min_cell(config.results_min_cell),
            assets: Arc::new(assets),
            ip_limits: config.ip_limits(),
        }
    }

    /// The links the page shell puts in `<head>`.
    pub fn asset_links(&self) -> AssetLinks {
        self.assets.links()
    }
}

/// The one route table.
pub fn build_router(state: AppState, config: &Config) -> Router {
    let api = api::routes();
    let pages = pages::routes(&state);
    let main = Router::new()
        .route("/", get(pages::redirect_to_language))
        .route("/account/export.json", get(export::export_my_data))
        .route(
            "/files/petitions/{petition}/signatories.csv",
            get(files::get_signatories_csv),
        )
        .route(
            "/files/petitions/{petition}/{attachment}",
            get(files::get_attachment),
        )
        .route(
            "/files/consultations/{consultation}/documents/{document}",
            get(consultations::documents::get_document_file),
        )
        .route(
            "/files/consultations/{consultation}/{file}",
            get(consultations::exports::get_results_file),
        )
        .route(
            "/files/guides/{guide}/documents/{document}",
            get(guides::get_document_file),
        )
        .route("/files/regions/{region}/logo", get(identity::get_logo))
        .route(
            "/files/regions/{region}/colour.css",
            get(identity::get_colour_css),
        )
        .route(
            "/consultations/answer",
            axum::routing::post(consultations::answer_consultation_form),
        )
        .route(
            unsubscribe::PATH,
            get(unsubscribe::show_unsubscribe).post(unsubscribe::unsubscribe_one_click),
        )
        .nest("/api/v1", api)
        .route("/api", axum::routing::any(api::error::api_not_found))
        .route(
            "/api/{*rest}",
            axum::routing::any(api::error::api_not_found),
        )
        .merge(pages)
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            limits::limit_forms,
        ))
        .layer(RequestBodyLimitLayer::new(config.body_limit_bytes));
    // Filing a petition and the council's steps carry documents: a larger limit, for those
    // forms alone.
    let uploads = Router::new()
        .route(
            "/petitions/file",
            axum::routing::post(petitions::file_or_resubmit_petition),
        )
        .route(
            "/petitions/council-step",
            axum::routing::post(petitions::council::record_council_step_form),
        )
        .route(
            "/petitions/paper",
            axum::routing::post(petitions::paper::preview_paper_form),
        )
        .route(
            "/consultations/document",
            axum::routing::post(consultations::documents::add_document_form),
        )
        .route(
            "/regions/logo",
            axum::routing::post(identity::upload_logo_form),
        )
        .route(
            "/guides/document",
            axum::routing::post(guides::add_document_form),
        )
        .layer(RequestBodyLimitLayer::new(config.upload_limit_bytes))
        // axum's own 2 MiB limit on multipart bodies would refuse documents the forms accept.
        .layer(axum::extract::DefaultBodyLimit::disable());
    // Health checks and static assets never need to know who is asking.
    let anonymous = Router::new()
        .route("/healthz", get(health::healthz))
        .route("/readyz", get(health::readyz))
        .merge(assets::routes(&state));
    Router::new()
        .merge(main)
        .merge(uploads)
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            malformed::answer_malformed,
        ))
        .layer(axum::middleware::from_fn_with_state(
            state.ctx.clone(),
            current_user::resolve,
        ))
        .merge(anonymous)
        .layer(sessions::layer(state.ctx.clone(), &config.public_url()))
        .layer(axum::middleware::from_fn_with_state(
            security::Origins::new(&config.public_url()),
            security::check_origin,
        ))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            security::same_site_exports,
        ))
        .layer(axum::middleware::from_fn_with_state(
            security::HeaderPolicy {
                https: config.public_url().starts_with("https://"),
            },
            security::headers,
        ))
        .layer(axum::middleware::from_fn_with_state(
            client_origin::TrustedProxies::new(config.trusted_proxies.clone()),
            client_origin::resolve,
        ))
        .layer(CompressionLayer::new())
        .layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            config.request_timeout(),
        ))
        .layer(TraceLayer::new_for_http())
        .with_state(state)
}
