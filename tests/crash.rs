//! Crash consistency of an update (issue #21): `index --prune` over a folder with
//! changed, retitled, deleted, cut, emptied and new files is killed with SIGKILL at
//! seeded random moments; the next run must leave exactly what a clean build of the
//! folder holds, compared on the sorted `export` output. Small enough for CI.

mod common;
use common::*;
use std::path::Path;
use std::process::Stdio;
use std::time::Instant;

const FILES: usize = 180;

fn write_story(dir: &Path, i: usize, title: &str, extra: &str) {
    write_dump(
        dir,
        &format!("{i:05}.txt"),
        title,
        &format!("Kompas.com - {:02}/05/2021, 10:00 WIB", 1 + i % 28),
        &[&format!(
            "Laporan zq{i}x tentang harga beras di pasar kota yang naik pekan ini, \
             menurut para pedagang yang ditemui wartawan pada pagi hari. {extra}"
        )],
    );
}

/// The folder before the update.
fn write_base(dir: &Path) {
    for i in 0..FILES {
        write_story(dir, i, &format!("Kabar pasar nomor {i}"), "");
    }
}

/// The update: every kind of change an update meets.
fn change(dir: &Path) {
    for i in 0..FILES {
        let path = dir.join(format!("{i:05}.txt"));
        match i % 12 {
            // Same article, new text.
            0 | 1 => write_story(
                dir,
                i,
                &format!("Kabar pasar nomor {i}"),
                "Harga turun lagi.",
            ),
            // A new title: a new article in the place of the old one.
            2 => write_story(dir, i, &format!("Kabar baru nomor {i}"), ""),
            3 => std::fs::remove_file(&path).unwrap(),
            4 => {
                let b = std::fs::read(&path).unwrap();
                std::fs::write(&path, &b[..10]).unwrap();
            }
            5 => std::fs::write(&path, "").unwrap(),
            _ => {}
        }
    }
    for i in FILES..FILES + 20 {
        write_story(dir, i, &format!("Kabar tambahan nomor {i}"), "");
    }
}

/// The sorted lines of `export`.
fn exported(index: &Path) -> Vec<String> {
    let r = run_at(index, &["export"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let mut lines: Vec<String> = r.stdout.lines().map(str::to_string).collect();
    lines.sort();
    lines
}

fn update(index: &Path, dir: &Path) -> std::process::Command {
    let mut c = std::process::Command::new(env!("CARGO_BIN_EXE_warta"));
    c.arg("--index")
        .arg(index)
        .args(["index", "--quiet", "--prune", "--commit-every", "2k"])
        .arg(dir)
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    c
}

#[test]
fn an_update_killed_anywhere_resumes_to_a_clean_build() {
    let env = Env::new();
    let dir = env.input("docs");
    write_base(&dir);
    let base = env.tmp.path().join("base");
    let r = run_at(
        &base,
        &[
            "index",
            "--quiet",
            "--commit-every",
            "8k",
            dir.to_str().unwrap(),
        ],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    change(&dir);

    let clean = env.tmp.path().join("clean");
    let r = run_at(&clean, &["index", "--quiet", dir.to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let want = exported(&clean);
    assert!(want.len() > FILES / 2, "{}", want.len());

    // An update that is not killed, timed to place the kills.
    let work = env.tmp.path().join("work");
    copy_dir(&base, &work);
    let t0 = Instant::now();
    let status = update(&work, &dir).status().unwrap();
    let span = t0.elapsed();
    assert!(status.success());
    assert_eq!(exported(&work), want, "an update that ran to its end");

    let mut rng: u64 = 0x00c0_ffee_2126;
    let mut killed_mid_run = 0;
    for k in 0..8 {
        copy_dir(&base, &work);
        rng = rng
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        let at = span.mul_f64((rng >> 11) as f64 / (1u64 << 53) as f64);
        let mut child = update(&work, &dir).spawn().unwrap();
        std::thread::sleep(at);
        if child.try_wait().unwrap().is_none() {
            killed_mid_run += 1;
        }
        child.kill().unwrap();
        child.wait().unwrap();
        let r = run_at(
            &work,
            &["index", "--quiet", "--prune", dir.to_str().unwrap()],
        );
        r.assert_no_bug(&format!("kill {k} at {at:?}"));
        assert_eq!(r.code, 0, "kill {k} at {at:?}: {}", r.stderr);
        assert_eq!(exported(&work), want, "kill {k} at {at:?} of {span:?}");
        let r = run_at(&work, &["check"]);
        assert_eq!(r.code, 0, "kill {k} at {at:?}: {}", r.stderr);
    }
    // Most kill moments fall inside the run (a run that ended first tests nothing).
    assert!(
        killed_mid_run >= 4,
        "{killed_mid_run} of 8 kills hit a running update"
    );
}
