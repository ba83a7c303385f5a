//! Helpers shared by the integration tests: run the real `warta` binary against a
//! real index in a temporary folder, and find `../shared` (failing loudly in CI).
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The repository root.
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `../shared`, or `None` outside CI when it is missing (tests then return early).
/// In CI (`CI=true`) a missing `../shared` is a failure, never a silent skip.
pub fn shared() -> Option<PathBuf> {
    let p = repo().join("../shared");
    if p.join("seeds").is_dir() {
        return Some(p.canonicalize().unwrap());
    }
    if in_ci() {
        panic!(
            "../shared is missing: the tests that need the shared data cannot run in CI without it"
        );
    }
    eprintln!("note: ../shared not found; skipping a test that needs it");
    None
}

/// Whether CI is running us (`CI=true`): there, a test never skips for want of something.
pub fn in_ci() -> bool {
    std::env::var("CI").map(|v| v == "true").unwrap_or(false)
}

/// A test that cannot run here (no root, no mount) notes why and returns early, except in
/// CI, where it fails: a skipped test must never pass for a run that checks nothing.
pub fn skip_unless_ci(why: &str) {
    assert!(!in_ci(), "this test must run in CI, but {why}");
    eprintln!("note: skipping: {why}");
}

/// The seed dump.
pub fn seed() -> Option<PathBuf> {
    shared().map(|s| s.join("seeds/000_0ececb043208b11f.txt"))
}

/// A temporary archive plus a way to run warta against it.
pub struct Env {
    pub tmp: tempfile::TempDir,
}

impl Env {
    pub fn new() -> Env {
        Env {
            tmp: tempfile::tempdir().unwrap(),
        }
    }

    pub fn index_dir(&self) -> PathBuf {
        self.tmp.path().join("index")
    }

    /// A folder inside the temp dir for input files.
    pub fn input(&self, name: &str) -> PathBuf {
        let p = self.tmp.path().join(name);
        std::fs::create_dir_all(&p).unwrap();
        p
    }

    pub fn cmd(&self) -> Command {
        let mut c = Command::new(env!("CARGO_BIN_EXE_warta"));
        c.arg("--index")
            .arg(self.index_dir())
            .env_remove("WARTA_INDEX")
            .env("NO_COLOR", "1");
        c
    }

    /// Runs warta with these arguments.
    pub fn run<S: AsRef<std::ffi::OsStr>>(&self, args: &[S]) -> Run {
        Run::from(self.cmd().args(args).output().unwrap())
    }

    /// `warta index PATH...`, asserting success.
    pub fn index<P: AsRef<Path>>(&self, paths: &[P]) -> Run {
        let mut c = self.cmd();
        c.arg("index").arg("--quiet");
        for p in paths {
            c.arg(p.as_ref());
        }
        let r = Run::from(c.output().unwrap());
        assert_eq!(r.code, 0, "index failed: {}\n{}", r.stdout, r.stderr);
        r
    }

    /// `warta search ARGS... --json`, parsed.
    pub fn search(&self, args: &[&str]) -> serde_json::Value {
        let mut full = vec!["search", "--json"];
        full.extend_from_slice(args);
        let r = self.run(&full);
        assert_eq!(r.code, 0, "search {args:?} failed: {}", r.stderr);
        serde_json::from_str(&r.stdout).unwrap_or_else(|e| panic!("bad JSON ({e}): {}", r.stdout))
    }

    /// Runs a command that prints one JSON object, asserting success.
    pub fn json(&self, args: &[&str]) -> serde_json::Value {
        let r = self.run(args);
        assert_eq!(r.code, 0, "{args:?}: {}", r.stderr);
        serde_json::from_str(&r.stdout).unwrap_or_else(|e| panic!("bad JSON ({e}): {}", r.stdout))
    }

    /// Titles of the hits of a search.
    pub fn titles(&self, args: &[&str]) -> Vec<String> {
        hits(&self.search(args))
            .iter()
            .map(|h| h["title"].as_str().unwrap_or("").to_string())
            .collect()
    }
}

/// The hits array of a search response.
pub fn hits(v: &serde_json::Value) -> Vec<serde_json::Value> {
    v["hits"].as_array().cloned().unwrap_or_default()
}

/// Output of one run.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl From<Output> for Run {
    fn from(o: Output) -> Run {
        Run {
            code: o.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&o.stdout).to_string(),
            stderr: String::from_utf8_lossy(&o.stderr).to_string(),
        }
    }
}

impl Run {
    /// Fails when warta hit a bug: the panic hook (src/main.rs) prints "internal error",
    /// and a panic that escaped the hook would print "panicked at".
    pub fn assert_no_bug(&self, context: &str) {
        for sign in ["internal error", "panicked at", "RUST_BACKTRACE"] {
            assert!(
                !self.stderr.contains(sign),
                "{context}: warta hit a bug ({sign:?}):\n{}",
                self.stderr
            );
        }
    }
}

/// Writes a plain-text dump: a title, a date line, then paragraphs.
pub fn write_dump(
    dir: &Path,
    name: &str,
    title: &str,
    date_line: &str,
    paragraphs: &[&str],
) -> PathBuf {
    let p = dir.join(name);
    let mut s = format!("{title}\n\n{date_line}\n\n");
    s.push_str(&paragraphs.join("\n\n"));
    s.push('\n');
    std::fs::write(&p, s).unwrap();
    p
}

/// A short port story (`dermaga` finds it) in `dir/name`; two such files hold the same
/// article (same title and time).
pub fn write_dermaga(dir: &Path, name: &str) -> PathBuf {
    write_dump(
        dir,
        name,
        "Dermaga Baru di Tanjung Perak",
        "Rabu, 6 Mei 2020 09:00 WIB",
        &[
            "Surabaya - Pelabuhan Tanjung Perak menambah dermaga baru untuk kapal peti kemas.",
            "Pengelola mengatakan antrean kapal akan berkurang.",
        ],
    )
}

/// `warta parse FILES... --json`: the articles (one JSON object a line) and the run.
pub fn parse_json<P: AsRef<Path>>(files: &[P]) -> (Vec<serde_json::Value>, Run) {
    let mut c = Command::new(env!("CARGO_BIN_EXE_warta"));
    c.arg("parse");
    for f in files {
        c.arg(f.as_ref());
    }
    let run = Run::from(c.arg("--json").output().unwrap());
    let arts = run
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("bad JSON line ({e}): {l}")))
        .collect();
    (arts, run)
}

/// Runs warta with these arguments against the archive at `index`.
pub fn run_at<S: AsRef<std::ffi::OsStr>>(index: &Path, args: &[S]) -> Run {
    Run::from(
        Command::new(env!("CARGO_BIN_EXE_warta"))
            .arg("--index")
            .arg(index)
            .args(args)
            .output()
            .unwrap(),
    )
}

/// Sends a signal to a process (a child of the test).
pub fn signal(pid: u32, sig: libc::c_int) {
    // SAFETY: kill(2) on a pid we own; no memory is shared.
    let rc = unsafe { libc::kill(pid as libc::pid_t, sig) };
    assert_eq!(rc, 0, "kill({sig}) failed");
}

/// Whether some process holds an exclusive flock on this file or folder.
pub fn write_locked(path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    let Ok(meta) = std::fs::metadata(path) else {
        return false;
    };
    let inode = format!(":{}", meta.ino());
    std::fs::read_to_string("/proc/locks")
        .unwrap_or_default()
        .lines()
        .any(|l| {
            l.contains("FLOCK")
                && l.contains("WRITE")
                && l.split_whitespace().any(|f| f.ends_with(&inode))
        })
}

/// Copies the files of a folder (not its subfolders) into a fresh folder `to`.
pub fn copy_dir(from: &Path, to: &Path) {
    if to.exists() {
        std::fs::remove_dir_all(to).unwrap();
    }
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        std::fs::copy(e.path(), to.join(e.file_name())).unwrap();
    }
}
