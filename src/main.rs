//! The `warta` binary: all the work is in the library; see `cli`.

fn main() {
    // Die quietly when the reader of our output goes away (`warta ... | head`).
    #[cfg(unix)]
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
    // Internal errors in one line, no backtrace; those caught while parsing a file
    // become that file's warning instead.
    std::panic::set_hook(Box::new(|info| {
        if !warta::ingest::panic_is_caught() && !warta::index::health::panic_is_caught() {
            let msg = info
                .payload()
                .downcast_ref::<String>()
                .map(String::as_str)
                .or_else(|| info.payload().downcast_ref::<&str>().copied())
                .unwrap_or("unknown cause")
                .replace('\n', " ");
            let at = info
                .location()
                .map(|l| format!(" at {}:{}", l.file(), l.line()))
                .unwrap_or_default();
            let report =
                format!("error: internal error (a bug in warta, please report it){at}: {msg}");
            if !warta::index::health::hold_panic_report(report.clone()) {
                eprintln!("{report}");
            }
        }
    }));
    std::process::exit(warta::cli::run());
}
