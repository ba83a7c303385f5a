//! The global allocator (mimalloc) and how a long-running server settles it.
//!
//! Indexing wants mimalloc as it comes; `warta serve` wants its memory to stay flat
//! under load, so it turns off transparent huge pages and returns freed pages to the
//! system sooner (bench/RESULTS.md, 2026-12-06 serve memory).

/// mimalloc for every binary built on this library: indexing allocates many small
/// strings on several threads (glibc's malloc and free were a large share of indexing
/// CPU in `perf`; `bench/RESULTS.md`), and tantivy's zstd store allocates a large
/// context for each block it reads.
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// mimalloc's number for its purge delay option, from `mi_option_e` in the v3
/// `mimalloc.h` that libmimalloc-sys builds (libmimalloc-sys names only the v2
/// numbers). The test below checks that it still holds its documented default.
const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// Milliseconds mimalloc waits before it gives freed pages back. Its default (1000)
/// let a server answering hundreds of requests a second keep ~100 MB of freed
/// per-request buffers; 10 ms costs no measurable CPU.
const SERVER_PURGE_DELAY_MS: std::os::raw::c_long = 10;

/// Settles the allocator for a process that serves for a long time: no transparent
/// huge pages (a 2 MiB page is resident whole however little of it is used, so under
/// load the anonymous memory doubled and kept rising as pages got touched) and freed
/// pages returned after [`SERVER_PURGE_DELAY_MS`]. Call it once, early.
pub fn settle_for_serving() {
    // The process flag is what mimalloc's own `allow_thp` option sets at start-up; set
    // here, it also covers the pages mimalloc has already asked huge pages for.
    #[cfg(target_os = "linux")]
    // SAFETY: prctl with PR_SET_THP_DISABLE only sets a flag of this process.
    unsafe {
        libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0);
    }
    // SAFETY: mimalloc's options may be set at any time from any thread.
    unsafe { libmimalloc_sys::mi_option_set(PURGE_DELAY, SERVER_PURGE_DELAY_MS) };
}

/// Undoes, in a child about to run another program, what [`settle_for_serving`]
/// set on the process and a child would inherit (the huge-page flag survives exec).
#[cfg(target_os = "linux")]
pub fn unsettle_child(command: &mut std::process::Command) {
    use std::os::unix::process::CommandExt;
    // SAFETY: between fork and exec the closure only makes one async-signal-safe call.
    unsafe {
        command.pre_exec(|| {
            libc::prctl(libc::PR_SET_THP_DISABLE, 0, 0, 0, 0);
            Ok(())
        });
    }
}

#[cfg(not(target_os = "linux"))]
pub fn unsettle_child(_command: &mut std::process::Command) {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn option_number_names_the_option_meant() {
        // The default from mimalloc v3's options.c: purge_delay 1000 ms. Another
        // version that renumbers the options fails here, not in production. (This
        // test process never calls settle_for_serving.)
        assert_eq!(unsafe { libmimalloc_sys::mi_option_get(PURGE_DELAY) }, 1000);
    }
}
