//! `warta serve`: a local web app (search, article, entity and archive pages rendered on
//! the server) and a read-only JSON API over the archive, from the same binary.
//!
//! `router` maps paths to handlers, `security` guards every request (methods, Host,
//! headers), `params` reads query strings into the command line's own argument types,
//! `api` answers with the bytes of the CLI's `--json`, `pages` renders HTML (maud,
//! escaped by default) and `assets` holds the CSS and JS built into the binary.

mod api;
mod assets;
mod cache;
mod facets;
mod gate;
mod pages;
mod params;
mod router;
mod security;

use crate::cli::ServeArgs;
use crate::commands::UsageError;
use crate::index::Archive;
use crate::output;
use anyhow::{Context, Result};
use axum::http::StatusCode;
pub use cache::Reply;
use std::net::SocketAddr;
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tantivy::Directory;

/// Longest a request may work before it is answered 503.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(10);

/// Words kept per thread by the stemmer's cache in a server (indexing keeps 8 times
/// as many): enough for the words of queries and of the snippets shown, and bounded
/// early, so that memory does not creep up over the archive's vocabulary.
const STEM_CACHE: usize = 1 << 14;

/// How often the reader looks for commits of a concurrent `warta index`.
const RELOAD_EVERY: Duration = Duration::from_millis(500);

/// What every handler shares: the open archive, and when its reader last looked for
/// new commits.
pub struct State {
    pub archive: Archive,
    last_reload: Mutex<Instant>,
    /// The bytes of the archive's `meta.json` when the reader last moved (None before
    /// the first look): the reader moves only when they change.
    last_meta: Mutex<Option<Vec<u8>>>,
    /// One permit per core for the blocking work: requests beyond that wait their
    /// turn (within the time limit) instead of piling threads and memory up; pages
    /// before API requests (see `gate`).
    permits: gate::Gate,
    /// One permit for [`Lane::Heavy`] work (entity counts, statistics): at most one
    /// runs at a time, beside the others, so searches do not queue behind it.
    heavy_permits: Arc<tokio::sync::Semaphore>,
    /// Answers kept for repeated requests.
    cache: cache::Cache,
}

impl State {
    /// The archive, its reader moved to the newest commit if it last looked a while ago
    /// (so that articles a concurrent `warta index` commits show without a restart).
    pub fn archive(&self) -> Result<&Archive> {
        let due = {
            let mut last = self.last_reload.lock().unwrap_or_else(|e| e.into_inner());
            let due = last.elapsed() >= RELOAD_EVERY;
            if due {
                *last = Instant::now();
            }
            due
        };
        if due {
            // Only when a commit (or a merge, or deletions) changed the archive: a reload
            // opens a new searcher whose document store caches start empty, and every
            // page reads documents (bench/RESULTS.md, 2026-12-05 CPU per request).
            // Read before the reload, so the reader is at least as new as the bytes kept.
            let meta = self
                .archive
                .index
                .directory()
                .atomic_read(Path::new("meta.json"))
                .ok();
            let mut last = self.last_meta.lock().unwrap_or_else(|e| e.into_inner());
            if meta.is_none() || *last != meta {
                self.archive.reader()?.reload()?;
                *last = meta;
            }
        }
        Ok(&self.archive)
    }

    /// Whether the reader is due to look for new commits.
    fn reload_due(&self) -> bool {
        let last = self.last_reload.lock().unwrap_or_else(|e| e.into_inner());
        last.elapsed() >= RELOAD_EVERY
    }
}

/// A failed request: its status and a message for the user.
#[derive(Debug)]
pub struct Failure {
    pub status: StatusCode,
    pub message: String,
}

impl Failure {
    pub fn new(status: StatusCode, message: impl Into<String>) -> Failure {
        Failure {
            status,
            message: message.into(),
        }
    }

    pub fn bad_request(message: impl Into<String>) -> Failure {
        Failure::new(StatusCode::BAD_REQUEST, message)
    }
}

impl From<anyhow::Error> for Failure {
    /// What the user asked wrongly is a 400 (an unknown article a 404); anything else
    /// is the server's fault.
    fn from(e: anyhow::Error) -> Failure {
        let status = match e.downcast_ref::<crate::search::Error>() {
            Some(crate::search::Error::NoArticle(_)) => StatusCode::NOT_FOUND,
            Some(_) => StatusCode::BAD_REQUEST,
            None if e.downcast_ref::<UsageError>().is_some() => StatusCode::BAD_REQUEST,
            None => StatusCode::INTERNAL_SERVER_ERROR,
        };
        let mut message = e.to_string();
        for cause in e.chain().skip(1) {
            let c = cause.to_string();
            if !message.contains(&c) {
                message.push_str(": ");
                message.push_str(&c);
            }
        }
        if status == StatusCode::INTERNAL_SERVER_ERROR {
            output::warning(&format!("serve: {message}"));
        }
        Failure { status, message }
    }
}

/// Which queue a request waits in for a permit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lane {
    /// Search and article pages, a person waiting at the browser: the per-core
    /// permits, ahead of [`Lane::Api`].
    Page,
    /// API searches, articles, timelines: a few milliseconds each; the per-core
    /// permits, after waiting pages.
    Api,
    /// Counting every name over every match (`/api/entities`, entity pages) or the
    /// whole archive (statistics): ten times a search or more; one permit, so that
    /// with 2 cores a search always finds a core not held by such work.
    Heavy,
}

/// Runs `work` on a blocking thread (tantivy reads block) once a permit of `lane` is
/// free, giving up with a 503 after [`REQUEST_TIMEOUT`].
pub async fn blocking<T: Send + 'static>(
    state: &Arc<State>,
    lane: Lane,
    work: impl FnOnce(&State) -> Result<T, Failure> + Send + 'static,
) -> Result<T, Failure> {
    let deadline = tokio::time::Instant::now() + REQUEST_TIMEOUT;
    let state = state.clone();
    let permit: Box<dyn Send> = match lane {
        Lane::Heavy => {
            match tokio::time::timeout_at(deadline, state.heavy_permits.clone().acquire_owned())
                .await
            {
                Ok(Ok(p)) => Box::new(p),
                _ => return Err(too_long()),
            }
        }
        Lane::Page | Lane::Api => {
            let class = if lane == Lane::Page {
                gate::Class::Page
            } else {
                gate::Class::Api
            };
            match tokio::time::timeout_at(deadline, state.permits.acquire(class)).await {
                Ok(p) => Box::new(p),
                Err(_) => return Err(too_long()),
            }
        }
    };
    let task = tokio::task::spawn_blocking(move || {
        let _permit = permit;
        work(&state)
    });
    match tokio::time::timeout_at(deadline, task).await {
        Ok(Ok(r)) => r,
        Ok(Err(e)) => Err(Failure::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            format!("internal error: {e}"),
        )),
        Err(_) => Err(too_long()),
    }
}

/// [`blocking`] for a whole answer kept in the cache under `request` (the endpoint and
/// its parsed parameters) and the archive's state, waiting in `lane`: a repeated request is answered at
/// once, without a permit, unless the reader is due to look for new commits.
pub async fn cached(
    state: &Arc<State>,
    lane: Lane,
    request: String,
    work: impl FnOnce(&State) -> Result<Reply, Failure> + Send + 'static,
) -> Result<Reply, Failure> {
    if !state.reload_due() {
        if let Ok(reader) = state.archive.reader() {
            let now = cache::archive_state(&reader.searcher());
            if let Some(hit) = state.cache.get(now, &request) {
                return Ok(hit);
            }
        }
    }
    blocking(state, lane, move |s| {
        // The state the answer is made from: the reader moves only forward, so the
        // answer is at least as new as its key.
        let now = cache::archive_state(&s.archive()?.reader()?.searcher());
        let reply = work(s)?;
        s.cache.insert(now, request, &reply);
        Ok(reply)
    })
    .await
}

fn too_long() -> Failure {
    Failure::new(
        StatusCode::SERVICE_UNAVAILABLE,
        format!(
            "the request took longer than {} s; narrow it with filters",
            REQUEST_TIMEOUT.as_secs()
        ),
    )
}

/// `warta serve`: prints the URL and serves until Ctrl-C.
pub fn run(index_dir: &Path, args: &ServeArgs) -> Result<i32> {
    crate::alloc::settle_for_serving();
    crate::analysis::stem::limit_caches(STEM_CACHE);
    let addr: SocketAddr = args.bind.trim().parse().map_err(|_| {
        UsageError::new(format!(
            "--bind {}: not an address and port (e.g. 127.0.0.1:7700)",
            output::line(&args.bind)
        ))
    })?;
    let archive = Archive::open(index_dir)?;
    // Every request counts facets over the same segments.
    crate::aggregate::names::keep_global_ordinals();
    warm_up(archive.reader()?);
    if !addr.ip().is_loopback() {
        output::warning(&format!(
            "--bind {addr}: other machines that reach this address can read the whole archive"
        ));
    }
    let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
    let state = Arc::new(State {
        archive,
        last_reload: Mutex::new(Instant::now()),
        last_meta: Mutex::new(None),
        permits: gate::Gate::new(cores),
        heavy_permits: Arc::new(tokio::sync::Semaphore::new(1)),
        cache: cache::Cache::new(cache::CAPACITY),
    });
    // The blocking work runs under the permits (one per core, one heavy), so a few
    // threads more than that always suffice; kept alive, they are not replaced by new
    // ones every 10 s of tokio's default, each starting its own allocator heap (the
    // server's memory rose by steps as they came: bench/RESULTS.md, 2026-12-06).
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .max_blocking_threads(cores + 2)
        .thread_keep_alive(Duration::from_secs(3600))
        .build()
        .context("cannot start the server's runtime")?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(addr)
            .await
            .with_context(|| format!("cannot listen on {addr}"))?;
        let local = listener.local_addr()?;
        let url = format!("http://{local}/");
        println!("warta serve: {url} (Ctrl-C stops it)");
        use std::io::Write;
        std::io::stdout().flush().ok();
        if args.open {
            open_browser(&url);
        }
        let app = router::app(state, local);
        axum::serve(listener, app)
            .with_graceful_shutdown(async {
                tokio::signal::ctrl_c().await.ok();
            })
            .await
            .context("the server stopped")?;
        anyhow::Ok(())
    })?;
    Ok(0)
}

/// Builds, on a thread of its own, what the first search page and entity counts would
/// otherwise build while a person waits (the names of the facet fields over all
/// segments; bench/RESULTS.md, 2026-12-06), so that the server starts with the memory
/// it keeps rather than growing into it under the first requests.
fn warm_up(reader: tantivy::IndexReader) {
    std::thread::spawn(move || {
        let searcher = reader.searcher();
        for fields in [&facets::FIELDS[..], &crate::aggregate::TYPES[..]] {
            if let Err(e) = crate::aggregate::names::prepare(&searcher, fields) {
                output::warning(&format!("serve: {e:#}"));
            }
        }
    });
}

/// Opens `url` in the default browser when there is one (a warning otherwise).
fn open_browser(url: &str) {
    let opener = if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(windows) {
        "explorer"
    } else {
        "xdg-open"
    };
    let mut command = std::process::Command::new(opener);
    crate::alloc::unsettle_child(&mut command);
    let spawned = command
        .arg(url)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn();
    if let Err(e) = spawned {
        output::warning(&format!(
            "--open: cannot start {opener} ({e}); open {url} yourself"
        ));
    }
}
