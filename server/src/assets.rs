//! Static assets under content-hashed names, cached for a year: the stylesheet (embedded in the
//! binary) and the browser bundle (`pkg/`, built by `cargo xtask`, with precompressed copies).

use std::path::{Path, PathBuf};

use axum::Router;
use axum::extract::{Path as UrlPath, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use frontend::shell::{AssetLinks, BundleLinks};
use serde::Deserialize;
use sha2::{Digest, Sha256};
use tower_http::services::ServeDir;
use tower_http::set_header::SetResponseHeaderLayer;

use crate::AppState;

const IMMUTABLE: &str = "public, max-age=31536000, immutable";

/// The assets this server can serve, found at start.
#[derive(Debug, Clone)]
pub struct Assets {
    stylesheet_file: String,
    bundle: Option<BundleLinks>,
    pkg_dir: PathBuf,
}

/// `manifest.json` written beside `pkg/` by the bundle build.
#[derive(Debug, Deserialize)]
struct Manifest {
    js: String,
    wasm: String,
    boot: String,
}

impl Assets {
    /// Hashes the stylesheet and reads the bundle manifest under `site_root`, if any.
    pub fn load(site_root: &Path) -> Self {
        let digest = Sha256::digest(frontend::STYLESHEET.as_bytes());
        let hash: String = digest.iter().take(6).map(|b| format!("{b:02x}")).collect();
        let manifest_path = site_root.join("manifest.json");
        let bundle = match std::fs::read_to_string(&manifest_path) {
            Ok(text) => match serde_json::from_str::<Manifest>(&text) {
                Ok(m) => Some(BundleLinks {
                    js: format!("/pkg/{}", m.js),
                    wasm: format!("/pkg/{}", m.wasm),
                    boot: format!("/pkg/{}", m.boot),
                }),
                Err(err) => {
                    tracing::warn!(path = %manifest_path.display(), %err, "bundle manifest is invalid: pages are served without JavaScript");
                    None
                }
            },
            Err(_) => {
                tracing::warn!(path = %manifest_path.display(), "browser bundle not built (run `cargo xtask run`): pages are served without JavaScript");
                None
            }
        };
        Self {
            stylesheet_file: format!("style-{hash}.css"),
            bundle,
            pkg_dir: site_root.join("pkg"),
        }
    }

    /// Links for the page shell.
    pub fn links(&self) -> AssetLinks {
        AssetLinks {
            stylesheet: format!("/assets/{}", self.stylesheet_file),
            bundle: self.bundle.clone(),
        }
    }

    /// Whether the browser bundle is available.
    pub fn has_bundle(&self) -> bool {
        self.bundle.is_some()
    }
}

/// `/assets/{file}` (stylesheet) and `/pkg/…` (bundle).
pub fn routes(state: &AppState) -> Router<AppState> {
    let pkg = ServeDir::new(&state.assets.pkg_dir)
        .precompressed_br()
        .precompressed_gzip();
    Router::new()
        .route("/assets/{file}", get(stylesheet))
        .nest_service(
            "/pkg",
            tower::ServiceBuilder::new()
                .layer(SetResponseHeaderLayer::overriding(
                    header::CACHE_CONTROL,
                    HeaderValue::from_static(IMMUTABLE),
                ))
                .service(pkg),
        )
}

async fn stylesheet(State(state): State<AppState>, UrlPath(file): UrlPath<String>) -> Response {
    if file != state.assets.stylesheet_file {
        return StatusCode::NOT_FOUND.into_response();
    }
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, IMMUTABLE),
        ],
        frontend::STYLESHEET,
    )
        .into_response()
}
