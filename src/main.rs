//! The `warta` binary: all the work is in the library; see `cli`.

fn main() {
    std::process::exit(warta::cli::run());
}
