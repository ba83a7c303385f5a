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
        if warta::panics::is_quiet() {
            return;
        }
        let msg = warta::panics::message(info.payload()).replace('\n', " ");
        let at = info
            .location()
            .map(|l| format!(" at {}:{}", l.file(), l.line()))
            .unwrap_or_default();
        let report = format!("error: internal error (a bug in warta, please report it){at}: {msg}");
        if !warta::panics::hold_report(report.clone()) {
            eprintln!("{report}");
        }
    }));
    std::process::exit(warta::cli::run());
}
