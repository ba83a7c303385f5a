//! Answers kept for repeated requests, as Elasticsearch's shard request cache keeps
//! them: keyed by the whole request as the server read it (endpoint and parsed
//! parameters) and by the archive's state (its segments and their deletions), so a
//! commit of a concurrent `warta index` makes every kept answer unreachable as soon as
//! the reader moves to it. Bounded in bytes: two generations of entries, the older
//! dropped whole when the newer fills its half.
//!
//! An answer is kept only when its request comes a second time (TinyLFU's
//! "doorkeeper"): a flood of one-off searches then neither fills memory with answers
//! nobody asks for again nor pushes out the ones that are asked for. The requests seen
//! once are remembered as hashes, in two bounded generations too.
//!
//! A hit is answered without waiting for a worker permit, so repeated searches do not
//! queue behind expensive ones.

use axum::body::Bytes;
use axum::http::StatusCode;
use std::collections::{HashMap, HashSet};
use std::hash::{Hash, Hasher};
use std::sync::Mutex;

/// What the kept answers may hold, in bytes of body and key.
pub const CAPACITY: usize = 32 << 20;

/// A whole answer: what a handler sends.
#[derive(Clone)]
pub struct Reply {
    pub status: StatusCode,
    pub content_type: &'static str,
    pub body: Bytes,
}

impl axum::response::IntoResponse for Reply {
    fn into_response(self) -> axum::response::Response {
        (
            self.status,
            [(axum::http::header::CONTENT_TYPE, self.content_type)],
            self.body,
        )
            .into_response()
    }
}

/// How many requests seen once each generation of the doorkeeper remembers.
const SEEN_ONCE: usize = 16 * 1024;

type Key = (u64, String);

struct Generations {
    newer: HashMap<Key, Reply>,
    older: HashMap<Key, Reply>,
    newer_bytes: usize,
    /// Hashes of the requests answered once but not kept, newer and older.
    seen: HashSet<u64>,
    seen_older: HashSet<u64>,
}

impl Generations {
    /// Whether `key` was answered before; remembers it if not.
    fn seen_before(&mut self, key: &Key) -> bool {
        let mut h = std::collections::hash_map::DefaultHasher::new();
        key.hash(&mut h);
        let h = h.finish();
        if self.seen.contains(&h) || self.seen_older.contains(&h) {
            return true;
        }
        if self.seen.len() >= SEEN_ONCE {
            self.seen_older = std::mem::take(&mut self.seen);
        }
        self.seen.insert(h);
        false
    }
}

pub struct Cache {
    kept: Mutex<Generations>,
    capacity: usize,
}

impl Cache {
    pub fn new(capacity: usize) -> Cache {
        Cache {
            kept: Mutex::new(Generations {
                newer: HashMap::new(),
                older: HashMap::new(),
                newer_bytes: 0,
                seen: HashSet::new(),
                seen_older: HashSet::new(),
            }),
            capacity,
        }
    }

    /// The answer kept for `request` over the archive state `state`.
    pub fn get(&self, state: u64, request: &str) -> Option<Reply> {
        let mut g = self.kept.lock().unwrap_or_else(|e| e.into_inner());
        let key = (state, request.to_string());
        if let Some(r) = g.newer.get(&key) {
            return Some(r.clone());
        }
        // Used again: moved to the newer half so that it outlives the next rotation.
        let r = g.older.remove(&key)?;
        Self::put(&mut g, key, r.clone(), self.capacity);
        Some(r)
    }

    /// Keeps a successful answer if its request was answered before.
    pub fn insert(&self, state: u64, request: String, reply: &Reply) {
        if reply.status != StatusCode::OK {
            return;
        }
        let key = (state, request);
        let mut g = self.kept.lock().unwrap_or_else(|e| e.into_inner());
        if !g.seen_before(&key) {
            return;
        }
        drop(g);
        // A copy of exactly its length: the body as rendered may sit in a buffer grown
        // by doubling, up to twice its size.
        let kept = Reply {
            body: Bytes::copy_from_slice(&reply.body),
            ..reply.clone()
        };
        let mut g = self.kept.lock().unwrap_or_else(|e| e.into_inner());
        Self::put(&mut g, key, kept, self.capacity);
    }

    fn put(g: &mut Generations, key: Key, reply: Reply, capacity: usize) {
        let size = key.1.len() + reply.body.len();
        if size > capacity / 2 {
            return;
        }
        if g.newer_bytes + size > capacity / 2 {
            g.older = std::mem::take(&mut g.newer);
            g.newer_bytes = 0;
        }
        let key_len = key.1.len();
        g.newer_bytes += size;
        if let Some(old) = g.newer.insert(key, reply) {
            g.newer_bytes -= key_len + old.body.len();
        }
    }
}

/// A fingerprint of what a searcher sees: its segments and their deletions.
pub fn archive_state(searcher: &tantivy::Searcher) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    for r in searcher.segment_readers() {
        r.segment_id().hash(&mut h);
        r.num_docs().hash(&mut h);
        r.max_doc().hash(&mut h);
    }
    h.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reply(status: StatusCode, n: usize) -> Reply {
        Reply {
            status,
            content_type: "text/plain",
            body: Bytes::from(vec![b'x'; n]),
        }
    }

    /// Answers `request` twice, as a server does when it is asked twice: only the
    /// second answer is kept.
    fn insert_twice(c: &Cache, state: u64, request: &str, r: &Reply) {
        c.insert(state, request.into(), r);
        c.insert(state, request.into(), r);
    }

    #[test]
    fn only_answers_asked_for_twice_are_kept() {
        let c = Cache::new(1000);
        c.insert(1, "once".into(), &reply(StatusCode::OK, 10));
        assert!(c.get(1, "once").is_none(), "asked once: not kept");
        c.insert(1, "once".into(), &reply(StatusCode::OK, 10));
        assert!(c.get(1, "once").is_some(), "asked again: kept");
        c.insert(2, "once".into(), &reply(StatusCode::OK, 10));
        assert!(
            c.get(2, "once").is_none(),
            "a new archive state starts over"
        );
        // A flood of requests asked once keeps no answer and a bounded memory of them.
        for i in 0..3 * SEEN_ONCE {
            c.insert(1, format!("q{i}"), &reply(StatusCode::OK, 10));
        }
        let g = c.kept.lock().unwrap();
        assert_eq!(g.newer.len() + g.older.len(), 1);
        assert!(g.seen.len() + g.seen_older.len() <= 2 * SEEN_ONCE);
    }

    #[test]
    fn answers_are_kept_per_archive_state_and_bounded() {
        let c = Cache::new(1000);
        insert_twice(&c, 1, "a", &reply(StatusCode::OK, 100));
        insert_twice(&c, 1, "bad", &reply(StatusCode::BAD_REQUEST, 10));
        assert_eq!(c.get(1, "a").map(|r| r.body.len()), Some(100));
        assert!(c.get(2, "a").is_none(), "another archive state");
        assert!(c.get(1, "bad").is_none(), "only successes are kept");
        assert!(c.get(1, "b").is_none());
        // Filling the newer half twice over pushes `a` out.
        for i in 0..20 {
            insert_twice(&c, 1, &format!("k{i}"), &reply(StatusCode::OK, 100));
        }
        assert!(c.get(1, "a").is_none());
        assert!(c.get(1, "k19").is_some());
        let g = c.kept.lock().unwrap();
        let bytes: usize = g
            .newer
            .iter()
            .chain(g.older.iter())
            .map(|(k, r)| k.1.len() + r.body.len())
            .sum();
        assert!(bytes <= 1000, "{bytes}");
        // Too big to keep at all.
        drop(g);
        insert_twice(&c, 1, "huge", &reply(StatusCode::OK, 600));
        assert!(c.get(1, "huge").is_none());
    }
}
