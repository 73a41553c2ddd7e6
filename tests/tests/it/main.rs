//! Integration tests: a module per feature, each test on SQLite and on PostgreSQL.

mod accounts;
mod admin;
mod admin_tools;
mod api;
mod browser;
mod consultations;
mod fuzz;
mod guides;
mod identity;
mod maintenance;
mod malformed;
mod migrations;
mod pages;
mod petitions;
mod proxies;
mod region_settings;
mod regions;
mod roles;
mod server;
mod staff;
