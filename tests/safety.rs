//! No silent data loss (issue #21, items 1-4): an id stored twice is stored once again
//! by the next run, a file that yields nothing or less loses its old articles, a
//! deleted lock file lets no second writer in, and a damaged archive is named as such
//! in one line (never a panic, never tantivy's words) and rebuilt by `index --rebuild`.
//! The last test feeds random corruptions to the archive's files.

mod common;
use common::*;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Writes `n` small distinct articles (`zq{i}x` finds article i) as `{i:05}.txt`.
fn write_many(dir: &Path, n: usize) {
    for i in 0..n {
        write_dump(
            dir,
            &format!("{i:05}.txt"),
            &format!("Kabar pasar nomor {i}"),
            &format!("Kompas.com - {:02}/05/2021, 10:00 WIB", 1 + i % 28),
            &[&format!(
                "Laporan zq{i}x tentang harga beras di pasar kota yang naik pekan ini, \
                 menurut para pedagang yang ditemui wartawan pada pagi hari nomor {i}."
            )],
        );
    }
}

fn stats(env: &Env) -> serde_json::Value {
    env.json(&["stats", "--json"])
}

/// The one error line of a failed run, asserting there is exactly one.
fn one_error(r: &Run, context: &str) -> String {
    r.assert_no_bug(context);
    // 2 is a request that cannot be met (`show` of an id not there).
    assert!(
        r.code == 1 || r.code == 2,
        "{context}: {} {}",
        r.stdout,
        r.stderr
    );
    let lines: Vec<&str> = r.stderr.lines().collect();
    assert_eq!(lines.len(), 1, "{context}: {}", r.stderr);
    assert!(lines[0].starts_with("error: "), "{context}: {}", r.stderr);
    lines[0].to_string()
}

fn is_damaged(line: &str, index: &Path) -> bool {
    line.starts_with(&format!(
        "error: the archive at {} is damaged: ",
        index.display()
    )) && line.ends_with("; run `warta index --rebuild FOLDER...`")
}

fn meta(index: &Path) -> serde_json::Value {
    serde_json::from_slice(&std::fs::read(index.join("meta.json")).unwrap()).unwrap()
}

fn write_meta(index: &Path, m: &serde_json::Value) {
    std::fs::write(index.join("meta.json"), serde_json::to_vec(m).unwrap()).unwrap();
}

/// The files of a segment (`uuid` with dashes, as meta.json names it).
fn segment_files(index: &Path, uuid: &str) -> Vec<PathBuf> {
    let stem = uuid.replace('-', "");
    std::fs::read_dir(index)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.file_name().unwrap().to_string_lossy().starts_with(&stem))
        .collect()
}

/// Item 1. An archive holding the same article twice (two archives of the same file
/// joined into one, as a killed update left it), stamped by no run: the next run
/// stores it once. Before the fix every later run kept both copies.
#[test]
fn an_id_stored_twice_is_stored_once_by_the_next_run() {
    let env = Env::new();
    let dir = env.input("docs");
    write_dermaga(&dir, "a.txt");
    env.index(&[&dir]);
    let other = Env::new();
    other.index(&[&dir]);
    // Join the other archive's segment into this one.
    let mut m = meta(&env.index_dir());
    let theirs = meta(&other.index_dir());
    for seg in theirs["segments"].as_array().unwrap() {
        for f in segment_files(&other.index_dir(), seg["segment_id"].as_str().unwrap()) {
            std::fs::copy(&f, env.index_dir().join(f.file_name().unwrap())).unwrap();
        }
        m["segments"].as_array_mut().unwrap().push(seg.clone());
    }
    m["payload"] = serde_json::Value::Null;
    write_meta(&env.index_dir(), &m);
    assert_eq!(env.search(&["dermaga", "--all"])["total"], 2, "the setup");

    let r = env.index(&[&dir]);
    r.assert_no_bug("repair");
    let v = env.search(&["dermaga", "--all"]);
    assert_eq!(v["total"], 1, "{v}");
    assert_eq!(stats(&env)["articles"], 1);
    let r = env.run(&["check"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.starts_with("ok: 1 articles"), "{}", r.stdout);
}

/// Item 2. Emptied, cut to 10 bytes, turned binary, shrunk: the old articles go, also
/// without --prune, each file with one warning.
#[test]
fn a_file_that_yields_nothing_or_less_loses_its_old_articles() {
    let env = Env::new();
    let dir = env.input("docs");
    write_many(&dir, 5);
    let jsonl = dir.join("feed.jsonl");
    let record = |i: usize| {
        format!(
            "{{\"title\":\"Berita umpan {i}\",\"url\":\"https://contoh.id/umpan/{i}\",\"date\":\"2021-05-0{}T10:00:00+07:00\",\"text\":\"Isi berita umpan yy{i}q tentang pelabuhan dan kapal yang berlabuh di dermaga kota pada pagi hari ini.\"}}\n",
            i + 1
        )
    };
    std::fs::write(&jsonl, (0..3).map(record).collect::<String>()).unwrap();
    env.index(&[&dir]);
    assert_eq!(stats(&env)["articles"], 8);

    std::fs::write(dir.join("00000.txt"), "").unwrap();
    std::fs::write(dir.join("00001.txt"), "Kabar pasa").unwrap();
    let binary: Vec<u8> = (0..4096u32).map(|i| (i * 7919 % 251) as u8).collect();
    std::fs::write(dir.join("00002.txt"), binary).unwrap();
    std::fs::write(&jsonl, record(0)).unwrap();
    let r = env.run(&["index", "--quiet", dir.to_str().unwrap()]);
    r.assert_no_bug("update");
    assert_eq!(r.code, 0, "{}", r.stderr);
    for (name, why) in [
        ("00000.txt", "empty"),
        ("00001.txt", ""),
        ("00002.txt", "binary"),
        ("feed.jsonl", "now yields 1 article where it held 3"),
    ] {
        let path = dir.join(name).canonicalize().unwrap();
        let lines: Vec<&str> = r
            .stderr
            .lines()
            .filter(|l| l.starts_with(&format!("warning: {}: ", path.display())))
            .collect();
        assert_eq!(lines.len(), 1, "{name}: {}", r.stderr);
        assert!(lines[0].contains(why), "{name}: {}", lines[0]);
        assert!(lines[0].contains("removed"), "{name}: {}", lines[0]);
    }
    for gone in ["zq0x", "zq1x", "zq2x", "yy1q", "yy2q"] {
        assert_eq!(env.search(&[gone])["total"], 0, "{gone}");
    }
    for kept in ["zq3x", "zq4x", "yy0q"] {
        assert_eq!(env.search(&[kept])["total"], 1, "{kept}");
    }
    assert_eq!(stats(&env)["articles"], 3);
    // A second run has nothing more to remove and the archive is whole.
    let r = env.run(&["index", "--quiet", dir.to_str().unwrap()]);
    assert!(!r.stderr.contains("removed"), "{}", r.stderr);
    assert_eq!(env.run(&["check"]).code, 0);
}

/// Item 3. The writer's lock file deleted under a running `index`: a second writer is
/// still refused, and the first run's summary is the committed count.
#[test]
fn a_deleted_lock_file_lets_no_second_writer_in() {
    const N: usize = 3000;
    let env = Env::new();
    let many = env.input("many");
    write_many(&many, N);
    let small = env.input("small");
    write_dermaga(&small, "a.txt");
    env.index(&[&small]);
    let mut child = env
        .cmd()
        .args(["index", "--quiet", "--commit-every", "64k"])
        .arg(&many)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let lock = env.index_dir().join(".tantivy-writer.lock");
    let start = Instant::now();
    while !(write_locked(&lock) && write_locked(&env.index_dir()))
        && start.elapsed() < Duration::from_secs(60)
        && child.try_wait().unwrap().is_none()
    {
        std::thread::sleep(Duration::from_millis(2));
    }
    signal(child.id(), libc::SIGSTOP);
    let still_running = child.try_wait().unwrap().is_none();
    std::fs::remove_file(&lock).unwrap();
    let second = Run::from(
        Command::new(env!("CARGO_BIN_EXE_warta"))
            .arg("--index")
            .arg(env.index_dir())
            .args(["index", "--quiet"])
            .arg(&small)
            .output()
            .unwrap(),
    );
    signal(child.id(), libc::SIGCONT);
    let out = Run::from(child.wait_with_output().unwrap());
    assert!(
        still_running,
        "the first run ended too soon; use more files"
    );
    assert_eq!(
        one_error(&second, "second writer"),
        "error: index is being updated by another warta process"
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    let total = stats(&env)["articles"].as_u64().unwrap();
    assert_eq!(total, N as u64 + 1);
    assert!(
        out.stdout
            .trim_end()
            .ends_with(&format!("{total} in the archive")),
        "{}",
        out.stdout
    );
}

/// `n` stories indexed in commits of 8k (so in several segments), and a copy of the
/// archive as it then was: the input folder and the copy.
fn indexed_in_small_commits(env: &Env, n: usize) -> (PathBuf, PathBuf) {
    let dir = env.input("docs");
    write_many(&dir, n);
    let r = env.run(&[
        "index",
        "--quiet",
        "--commit-every",
        "8k",
        dir.to_str().unwrap(),
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let whole = env.tmp.path().join("whole");
    copy_dir(&env.index_dir(), &whole);
    (dir, whole)
}

/// Item 4. A segment dropped from meta.json, a cut meta.json, bit flips in `.term` and
/// `.fast`: one line naming the damage from every command and from `check`, and
/// `index --rebuild` makes the archive whole again.
#[test]
fn a_damaged_archive_is_named_in_one_line_and_rebuilt() {
    let env = Env::new();
    let (dir, whole) = indexed_in_small_commits(&env, 300);
    let index = env.index_dir();
    let reads: &[&[&str]] = &[
        &["search", "pasar"],
        &["show", "x"],
        &["stats"],
        &["timeline"],
        &["entities"],
        &["export"],
        &["check"],
    ];
    let restore = || {
        std::fs::remove_dir_all(&index).unwrap();
        copy_dir(&whole, &index);
    };

    // A segment missing from meta.json (its files stay).
    let mut m = meta(&index);
    m["segments"].as_array_mut().unwrap().remove(0);
    write_meta(&index, &m);
    for args in reads {
        let line = one_error(&env.run(args), &format!("{args:?}"));
        assert!(is_damaged(&line, &index), "{args:?}: {line}");
        assert!(line.contains("missing from meta.json"), "{line}");
    }
    let line = one_error(
        &env.run(&["index", "--quiet", dir.to_str().unwrap()]),
        "index",
    );
    assert!(is_damaged(&line, &index), "index: {line}");

    // meta.json cut short: one short line, not the file.
    restore();
    let bytes = std::fs::read(index.join("meta.json")).unwrap();
    std::fs::write(index.join("meta.json"), &bytes[..bytes.len() / 2]).unwrap();
    for args in reads {
        let line = one_error(&env.run(args), &format!("{args:?}"));
        assert!(is_damaged(&line, &index), "{args:?}: {line}");
        assert!(line.len() < 200, "{line}");
    }

    // Bit flips in a segment's term dictionary and fast columns.
    for ext in ["term", "fast"] {
        restore();
        let uuid = meta(&index)["segments"][0]["segment_id"]
            .as_str()
            .unwrap()
            .replace('-', "");
        let file = index.join(format!("{uuid}.{ext}"));
        let mut b = std::fs::read(&file).unwrap();
        for i in (0..b.len()).step_by(61) {
            b[i] ^= 0x24;
        }
        std::fs::write(&file, b).unwrap();
        for args in reads {
            let r = env.run(args);
            r.assert_no_bug(&format!("{ext} {args:?}"));
            if r.code != 0 {
                let line = one_error(&r, &format!("{ext} {args:?}"));
                assert!(
                    is_damaged(&line, &index) || args[0] == "show",
                    "{ext} {args:?}: {line}"
                );
            }
        }
        let line = one_error(&env.run(&["check"]), ext);
        assert!(is_damaged(&line, &index), "{line}");
        assert!(
            line.contains(&format!("{uuid}.{ext} fails its checksum")),
            "{line}"
        );
    }

    // The cure.
    let r = env.run(&["index", "--quiet", "--rebuild", dir.to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("300 in the archive"), "{}", r.stdout);
    let r = env.run(&["check"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.starts_with("ok: 300 articles"), "{}", r.stdout);
    assert_eq!(env.search(&["zq7x"])["total"], 1);
    let side = env.tmp.path().join("index.warta-rebuild");
    assert!(!side.exists(), "the side folder is gone");
}

/// A small deterministic generator (the cases are reproducible from the seed).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// Random corruptions of random archive files (bit flips, truncation, deletion, random
/// bytes): every read command exits 0 or with one clear error line, never a bug, and a
/// changed segment file is always caught by `check`.
#[test]
fn random_corruptions_never_panic_and_check_finds_them() {
    let env = Env::new();
    let (_, whole) = indexed_in_small_commits(&env, 120);
    let index = env.index_dir();
    let mut files: Vec<PathBuf> = std::fs::read_dir(&whole)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| !p.to_string_lossy().ends_with(".lock"))
        .collect();
    files.sort();
    let reads: &[&[&str]] = &[
        &["search", "pasar"],
        &["search", "harga", "--sort", "newest"],
        &["show", "x"],
        &["stats"],
        &["timeline"],
        &["entities"],
        &["export"],
        &["check"],
    ];
    let mut rng = Rng(0x5eed_2126);
    let cases = if in_ci() { 40 } else { 25 };
    for case in 0..cases {
        std::fs::remove_dir_all(&index).unwrap();
        copy_dir(&whole, &index);
        let file = &files[rng.below(files.len())];
        let name = file.file_name().unwrap().to_string_lossy().to_string();
        let target = index.join(&name);
        let mut bytes = std::fs::read(&target).unwrap();
        let what = match rng.below(4) {
            0 => {
                for _ in 0..1 + rng.below(8) {
                    let i = rng.below(bytes.len());
                    if let Some(b) = bytes.get_mut(i) {
                        *b ^= 1 << rng.below(8);
                    }
                }
                std::fs::write(&target, &bytes).unwrap();
                "bit flips"
            }
            1 => {
                std::fs::write(&target, &bytes[..rng.below(bytes.len())]).unwrap();
                "truncated"
            }
            2 => {
                std::fs::remove_file(&target).unwrap();
                "deleted"
            }
            _ => {
                let n = bytes.len();
                let noise: Vec<u8> = (0..n).map(|_| rng.next() as u8).collect();
                std::fs::write(&target, noise).unwrap();
                "random bytes"
            }
        };
        let context = format!("case {case}: {name} {what}");
        for args in reads {
            let r = env.run(args);
            let context = format!("{context}, {args:?}");
            r.assert_no_bug(&context);
            if r.code != 0 {
                let line = one_error(&r, &context);
                assert!(line.len() < 400, "{context}: {line}");
            }
        }
        let segment_file = name.len() > 32 && !name.starts_with('.') && name != "meta.json";
        let changed = std::fs::read(&target).ok() != Some(std::fs::read(file).unwrap());
        if segment_file && changed {
            let line = one_error(&env.run(&["check"]), &context);
            assert!(is_damaged(&line, &index), "{context}: {line}");
        }
    }
}
