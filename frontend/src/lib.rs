//! Musharaka's pages: rendered on the server (feature `ssr`), hydrated in the browser (feature
//! `hydrate`). Every page works without JavaScript; hydration adds live interactions.

#![recursion_limit = "256"]

include!(concat!(env!("OUT_DIR"), "/i18n/mod.rs"));

pub mod accounts;
pub mod admin;
pub mod app;
pub mod audit;
pub mod components;
pub mod consultations;
pub mod dates;
pub mod format;
pub mod guides;
pub mod lang;
pub mod moderation;
pub mod moderation_log;
pub mod names;
pub mod paths;
pub mod petitions;
pub mod regions;
pub mod routes;
#[cfg(feature = "ssr")]
pub mod shell;
pub mod staff;
pub mod web;

pub use app::App;

/// Entry point of the browser bundle: hydrates the server-rendered page.
#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_body(App);
}

/// The stylesheet, served by the server under a content-hashed URL.
pub const STYLESHEET: &str = include_str!("../style/main.css");
