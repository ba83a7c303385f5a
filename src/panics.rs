//! Panics that warta turns into messages of its own: a bug met while reading one file
//! becomes that file's warning (`ingest`), one met on a damaged archive becomes the
//! damaged-archive line (`index::health`). The panic hook (`main.rs`) stays quiet for
//! those, and holds back the reports of other threads while a guarded command runs.

use std::any::Any;
use std::cell::Cell;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

thread_local! {
    static QUIET: Cell<bool> = const { Cell::new(false) };
}

/// Marks this thread, until dropped (also when a panic unwinds through it), as one
/// whose panics a caller catches and reports.
pub struct Quiet(bool);

impl Quiet {
    pub fn new() -> Quiet {
        Quiet(QUIET.with(|q| q.replace(true)))
    }
}

impl Default for Quiet {
    fn default() -> Self {
        Quiet::new()
    }
}

impl Drop for Quiet {
    fn drop(&mut self) {
        let before = self.0;
        QUIET.with(|q| q.set(before));
    }
}

/// Whether a panic on this thread is caught and reported by a caller (the panic hook
/// then prints nothing).
pub fn is_quiet() -> bool {
    QUIET.with(|q| q.get())
}

/// Runs `f` with its panics caught; the panic's message when it panicked.
pub fn catch<T>(f: impl FnOnce() -> T) -> Result<T, String> {
    let _quiet = Quiet::new();
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)).map_err(|p| message(&*p))
}

/// The text a panic was raised with.
pub fn message(payload: &(dyn Any + Send)) -> String {
    payload
        .downcast_ref::<String>()
        .map(String::as_str)
        .or_else(|| payload.downcast_ref::<&str>().copied())
        .unwrap_or("unknown cause")
        .to_string()
}

/// Commands running under [`catch_holding`], and the panic reports of other threads
/// held back meanwhile.
static HOLDING: AtomicUsize = AtomicUsize::new(0);
static HELD: Mutex<Vec<String>> = Mutex::new(Vec::new());

/// [`catch`], and while `f` runs the panics of other threads (tantivy's) are held back
/// by [`hold_report`]: the caller decides whether they are worth printing.
pub fn catch_holding<T>(f: impl FnOnce() -> T) -> Result<T, String> {
    HOLDING.fetch_add(1, Ordering::SeqCst);
    let r = catch(f);
    HOLDING.fetch_sub(1, Ordering::SeqCst);
    r
}

/// Holds back the report of a panic while a [`catch_holding`] runs; false when none
/// does (the caller prints it then).
pub fn hold_report(report: String) -> bool {
    if HOLDING.load(Ordering::SeqCst) == 0 {
        return false;
    }
    HELD.lock().unwrap_or_else(|e| e.into_inner()).push(report);
    true
}

/// The reports held back by [`hold_report`].
pub fn take_held() -> Vec<String> {
    std::mem::take(&mut *HELD.lock().unwrap_or_else(|e| e.into_inner()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_caught_panic_gives_its_message_and_the_thread_is_quiet_only_inside() {
        assert!(!is_quiet());
        let r: Result<(), String> = catch(|| {
            assert!(is_quiet());
            panic!("boom {}", 7)
        });
        assert_eq!(r, Err("boom 7".to_string()));
        assert!(!is_quiet());
        assert_eq!(catch(|| 5), Ok(5));
        assert!(
            !hold_report("x".into()),
            "nothing holds outside catch_holding"
        );
        let held = catch_holding(|| hold_report("y".into()));
        assert_eq!(held, Ok(true));
        assert_eq!(take_held(), vec!["y".to_string()]);
    }
}
