//! The JSON API under `/api/`: each endpoint runs the same code as the matching
//! command and answers with the bytes of its `--json` (one object and a line break).
//! Errors are `{"error": "..."}` with a 400 for what the caller asked wrongly.

use super::params::{self, Params};
use super::{cached, Failure, Lane, Reply, State};
use crate::{commands, output, search, stats};
use axum::extract::{Path, RawQuery};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use std::sync::Arc;

type Shared = axum::extract::State<Arc<State>>;

/// A JSON error answer.
pub fn error(status: StatusCode, message: &str) -> Response {
    let body = output::json_bytes(&serde_json::json!({ "error": message }))
        .unwrap_or_else(|_| b"{\"error\":\"?\"}\n".to_vec());
    (status, [(header::CONTENT_TYPE, "application/json")], body).into_response()
}

fn answer(r: Result<Reply, Failure>) -> Response {
    match r {
        Ok(reply) => reply.into_response(),
        Err(f) => error(f.status, &f.message),
    }
}

fn json<T: serde::Serialize>(v: &T) -> Result<Reply, Failure> {
    Ok(Reply {
        status: StatusCode::OK,
        content_type: "application/json",
        body: output::json_bytes(v)?.into(),
    })
}

/// `/api/search?q=...`: `warta search --json`.
pub async fn search(state: Shared, RawQuery(raw): RawQuery) -> Response {
    let args = Params::read(raw.as_deref(), params::SEARCH).and_then(|p| params::search(&p));
    answer(match args {
        Ok(args) => {
            cached(
                &state,
                Lane::Api,
                format!("api search {args:?}"),
                move |s| json(&commands::search_response(s.archive()?, &args)?),
            )
            .await
        }
        Err(f) => Err(f),
    })
}

/// `/api/article/ID`: `warta show ID --json`.
pub async fn article(state: Shared, Path(id): Path<String>, RawQuery(raw): RawQuery) -> Response {
    if let Err(f) = Params::read(raw.as_deref(), &[]) {
        return answer(Err(f));
    }
    answer(
        cached(&state, Lane::Api, format!("api article {id:?}"), move |s| {
            json(&commands::shown(s.archive()?, &id)?.json())
        })
        .await,
    )
}

/// `/api/similar/ID?limit=N`: `warta similar ID --json`.
pub async fn similar(state: Shared, Path(id): Path<String>, RawQuery(raw): RawQuery) -> Response {
    let limit = Params::read(raw.as_deref(), &["limit"])
        .and_then(|p| p.number("limit", 10, 1, params::MAX_LIMIT));
    answer(match limit {
        Ok(limit) => {
            cached(
                &state,
                Lane::Api,
                format!("api similar {id:?} {limit}"),
                move |s| json(&search::similar(s.archive()?, id.trim(), limit)?),
            )
            .await
        }
        Err(f) => Err(f),
    })
}

/// `/api/entities?q=...&type=person&with=NAME&top=N`: `warta entities --json`.
pub async fn entities(state: Shared, RawQuery(raw): RawQuery) -> Response {
    let args = Params::read(raw.as_deref(), params::ENTITIES).and_then(|p| params::entities(&p));
    answer(match args {
        Ok(args) => {
            cached(
                &state,
                Lane::Heavy,
                format!("api entities {args:?}"),
                move |s| json(&commands::entities_report(s.archive()?, &args)?),
            )
            .await
        }
        Err(f) => Err(f),
    })
}

/// `/api/timeline?q=...&by=month`: `warta timeline --json`.
pub async fn timeline(state: Shared, RawQuery(raw): RawQuery) -> Response {
    let args = Params::read(raw.as_deref(), params::TIMELINE).and_then(|p| params::timeline(&p));
    answer(match args {
        Ok(args) => {
            cached(
                &state,
                Lane::Api,
                format!("api timeline {args:?}"),
                move |s| json(&commands::timeline_of(s.archive()?, &args)?),
            )
            .await
        }
        Err(f) => Err(f),
    })
}

/// `/api/stats`: `warta stats --json`.
pub async fn stats(state: Shared, RawQuery(raw): RawQuery) -> Response {
    if let Err(f) = Params::read(raw.as_deref(), &[]) {
        return answer(Err(f));
    }
    answer(
        cached(&state, Lane::Heavy, "api stats".into(), move |s| {
            json(&stats::collect(s.archive()?, false)?)
        })
        .await,
    )
}

/// Any other path under `/api/`.
pub async fn not_found() -> Response {
    error(
        StatusCode::NOT_FOUND,
        "no such endpoint (try /api/search, /api/article/ID, /api/similar/ID, /api/entities, /api/timeline, /api/stats)",
    )
}
