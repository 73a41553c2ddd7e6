//! The HTML document around every page (server only): head, stylesheet and the hydration bundle.

use leptos::prelude::*;
use leptos_meta::MetaTags;

use crate::App;

/// Content-hashed URLs of the static assets, resolved by the server at start.
#[derive(Debug, Clone, Default)]
pub struct AssetLinks {
    /// The stylesheet (always present: it is embedded in the server).
    pub stylesheet: String,
    /// The browser bundle, when it has been built.
    pub bundle: Option<BundleLinks>,
}

/// URLs of the wasm bundle: JS glue, wasm module, and the boot script that hydrates the page.
#[derive(Debug, Clone)]
pub struct BundleLinks {
    pub js: String,
    pub wasm: String,
    pub boot: String,
}

/// The whole document. `lang` and `dir` on `<html>` are set by the page (see `PageFrame`).
pub fn shell(assets: AssetLinks) -> impl IntoView {
    let bundle = assets.bundle.map(|b| {
        view! {
            <link rel="modulepreload" href=b.js/>
            <link rel="preload" href=b.wasm r#as="fetch" r#type="application/wasm" crossorigin=""/>
            <script type="module" src=b.boot></script>
        }
    });
    view! {
        <!DOCTYPE html>
        <html>
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <link rel="icon" href="data:,"/>
                <link rel="stylesheet" href=assets.stylesheet/>
                {bundle}
                <MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}
