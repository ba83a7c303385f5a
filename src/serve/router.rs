//! The paths the server answers, and the guard around them all.

use super::{api, assets, pages, security, State};
use axum::routing::get;
use axum::Router;
use std::net::SocketAddr;
use std::sync::Arc;

pub fn app(state: Arc<State>, _local: SocketAddr) -> Router {
    let api = Router::new()
        .route("/search", get(api::search))
        .route("/article/{id}", get(api::article))
        .route("/similar/{id}", get(api::similar))
        .route("/entities", get(api::entities))
        .route("/timeline", get(api::timeline))
        .route("/stats", get(api::stats))
        .fallback(api::not_found);
    Router::new()
        .route("/", get(pages::search))
        .route("/article/{id}", get(pages::article))
        .route("/entity/{kind}/{name}", get(pages::entity))
        .route("/archive", get(pages::archive))
        .route("/assets/{name}", get(assets::serve))
        .nest("/api", api)
        .fallback(pages::not_found)
        .with_state(state)
        .layer(axum::middleware::from_fn(security::guard))
}
