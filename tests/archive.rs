//! The archive can be trusted: near-duplicate copies are grouped, a killed indexing run
//! leaves the last commit searchable and the next run completes it, a second writer is
//! refused with a clear message, and searches during a run see the last commit.

mod common;
use common::*;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const WIRE: &str = "Pemerintah Jepang mengumumkan paket bantuan ekonomi baru bagi negara-negara Asia Tenggara yang terdampak kenaikan harga energi dunia. Paket itu mencakup pinjaman lunak untuk pembangunan pembangkit listrik tenaga surya, hibah bagi program efisiensi energi di sekolah dan rumah sakit, serta pelatihan teknisi muda. Menteri Luar Negeri Jepang menyampaikan rencana itu dalam pertemuan dengan para menteri ASEAN di Tokyo. Ia mengatakan kerja sama energi bersih akan menjadi prioritas kedua pihak dalam lima tahun ke depan. Sejumlah negara menyambut baik tawaran tersebut dan berjanji menyiapkan proyek percontohan sebelum akhir tahun.";

#[test]
fn syndicated_copies_are_one_hit_with_a_count() {
    let env = Env::new();
    let dir = env.input("docs");
    let outlets = [
        ("Kompas.com", "kompas"),
        ("Tempo.co", "tempo"),
        ("Republika", "republika"),
    ];
    for (i, (outlet, slug)) in outlets.iter().enumerate() {
        let body = if i == 1 {
            WIRE.replace("Sejumlah negara", "Beberapa negara")
        } else {
            WIRE.to_string()
        };
        let intro = format!("TOKYO, {} - {}", outlet.to_uppercase(), body);
        write_dump(
            &dir,
            &format!("{slug}.txt"),
            &format!("Jepang Tawarkan Bantuan Energi untuk ASEAN ({outlet})"),
            &format!("{outlet} - 0{}/03/2023, 10:00 WIB", i + 1),
            &[&intro],
        );
    }
    write_dump(&dir, "other.txt", "Harga Minyak Dunia Turun", "Kompas.com - 05/03/2023, 09:00 WIB",
        &["JAKARTA, KOMPAS.com - Harga minyak mentah dunia turun tiga persen pada perdagangan Senin karena permintaan energi dari Asia melemah dan stok Amerika Serikat naik. Para analis memperkirakan harga akan bergerak datar sampai pertemuan negara produsen bulan depan, sementara pemerintah memantau dampaknya pada subsidi bahan bakar di dalam negeri dan anggaran negara tahun ini."]);
    env.index(&[&dir]);

    let v = env.search(&["bantuan energi"]);
    assert_eq!(v["total"], 3, "three articles match: {v}");
    let h = hits(&v);
    assert_eq!(h.len(), 1, "one hit per group: {v}");
    assert_eq!(h[0]["copies"], 3);
    let all = env.search(&["bantuan energi", "--all"]);
    assert_eq!(hits(&all).len(), 3);
    assert!(hits(&all).iter().all(|h| h["copies"] == 3));

    let other = env.search(&["energi"]);
    assert_eq!(
        hits(&other).len(),
        2,
        "the unrelated story is its own group: {other}"
    );

    let id = h[0]["id"].as_str().unwrap().to_string();
    let shown: serde_json::Value =
        serde_json::from_str(&env.run(&["show", &id, "--json"]).stdout).unwrap();
    assert_eq!(shown["copies"].as_array().unwrap().len(), 2, "{shown}");
    let s: serde_json::Value = serde_json::from_str(&env.run(&["stats", "--json"]).stdout).unwrap();
    assert_eq!(s["copies"], 2, "{s}");
    assert!(s.get("space").is_none(), "space only on request: {s}");

    // Where the bytes go: the stemmed body has positions, the names-only body does not,
    // and the parts add up to most of the folder (the rest is tantivy's metadata).
    let s: serde_json::Value =
        serde_json::from_str(&env.run(&["stats", "--space", "--json"]).stdout).unwrap();
    let fields = s["space"]["fields"].as_array().unwrap();
    let field = |name: &str| fields.iter().find(|f| f["field"] == name).unwrap().clone();
    assert!(field("body")["positions"].as_u64().unwrap() > 0, "{s}");
    assert_eq!(field("body_exact")["positions"], 0, "{s}");
    let parts: u64 = fields
        .iter()
        .map(|f| {
            ["terms", "postings", "positions", "fast", "norms"]
                .iter()
                .map(|k| f[*k].as_u64().unwrap())
                .sum::<u64>()
        })
        .sum::<u64>()
        + s["space"]["store"].as_u64().unwrap();
    let total = s["index_bytes"].as_u64().unwrap();
    assert!(
        parts <= total && parts * 2 > total,
        "parts {parts} of {total}: {s}"
    );
    let text = env.run(&["stats", "--space"]).stdout;
    assert!(text.contains("stored documents"), "{text}");
}

const WORDS: &[&str] = &[
    "pasar",
    "harga",
    "warga",
    "kota",
    "desa",
    "sekolah",
    "jalan",
    "sungai",
    "pelabuhan",
    "bandara",
    "petani",
    "nelayan",
    "guru",
    "dokter",
    "polisi",
    "pedagang",
    "mahasiswa",
    "gubernur",
    "bupati",
    "menteri",
    "banjir",
    "panen",
    "festival",
    "pameran",
    "rapat",
    "sidang",
    "proyek",
    "anggaran",
    "bantuan",
    "vaksin",
];

/// Writes `n` small, distinct articles, each with a unique code word `zqNx`.
fn write_many(dir: &Path, n: usize) {
    let mut seed: u64 = 42;
    let mut pick = || {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        WORDS[(seed >> 33) as usize % WORDS.len()]
    };
    for i in 0..n {
        let title = format!("Kabar {} dan {} nomor {i}", pick(), pick());
        let words: Vec<&str> = (0..25).map(|_| pick()).collect();
        let body = format!("Laporan zq{i}x tentang {}.", words.join(" "));
        let day = 1 + i % 28;
        write_dump(
            dir,
            &format!("{i:05}.txt"),
            &title,
            &format!("Kompas.com - {day:02}/05/2021, 10:00 WIB"),
            &[&body],
        );
    }
}

/// One small article (`pameran` finds it) in `dir/a.txt`.
fn write_book_fair(dir: &Path) {
    write_dump(
        dir,
        "a.txt",
        "Pameran Buku di Yogyakarta",
        "Kompas.com - 01/06/2021, 10:00 WIB",
        &["YOGYAKARTA, KOMPAS.com - Pameran buku tahunan dibuka dengan ratusan penerbit dari seluruh Indonesia dan pengunjung memadati gedung sejak pagi."],
    );
}

/// `warta index` in the background, committing every 64 KB read (many commits).
fn spawn_index(env: &Env, dir: &Path) -> Child {
    env.cmd()
        .args(["index", "--quiet", "--commit-every", "64k"])
        .arg(dir)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

fn articles(env: &Env) -> u64 {
    let r = env.run(&["stats", "--json"]);
    assert_eq!(r.code, 0, "stats failed: {}", r.stderr);
    let s: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    s["articles"].as_u64().unwrap()
}

#[test]
fn a_killed_run_leaves_the_last_commit_and_the_next_run_completes() {
    const N: usize = 4000;
    let env = Env::new();
    let dir = env.input("many");
    write_many(&dir, N);
    let mut child = spawn_index(&env, &dir);
    // Wait for the first commit, then kill without warning.
    let start = Instant::now();
    let mut seen = 0;
    while start.elapsed() < Duration::from_secs(120) {
        if env.index_dir().join("meta.json").exists() {
            let r = env.run(&["stats", "--json"]);
            if r.code == 0 {
                let s: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
                seen = s["articles"].as_u64().unwrap();
                if seen > 0 {
                    break;
                }
            }
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    // Freeze the run first, so that whether it is still running cannot change before
    // the kill: a run that ended on its own would test nothing.
    signal(child.id(), libc::SIGSTOP);
    let finished_before_kill = child.try_wait().unwrap().is_some();
    assert!(seen > 0, "no commit was seen within two minutes");
    assert!(
        !finished_before_kill,
        "the run finished before it could be killed; use more files"
    );
    child.kill().unwrap();
    child.wait().unwrap();

    // Still searchable, and consistent: every committed article can be found once.
    let after_kill = articles(&env);
    assert!(after_kill >= seen && after_kill <= N as u64, "{after_kill}");
    let v = env.search(&["zq0x"]);
    assert_eq!(v["total"], 1, "{v}");

    // The next run completes the work without doubling anything.
    let r = env.index(&[&dir]);
    assert!(!r.stderr.contains("warning"), "{}", r.stderr);
    assert_eq!(articles(&env), N as u64);
    for i in [0, N / 2, N - 1] {
        assert_eq!(env.search(&[&format!("zq{i}x")])["total"], 1, "article {i}");
    }
    let r = env.index(&[&dir]);
    assert!(
        r.stdout
            .starts_with(&format!("0 new, 0 updated, {N} unchanged")),
        "{}",
        r.stdout
    );
}

#[test]
fn a_second_writer_is_refused_and_readers_see_the_last_commit() {
    const N: usize = 3000;
    let env = Env::new();
    let dir = env.input("many");
    write_many(&dir, N);
    let small = env.input("small");
    write_book_fair(&small);
    env.index(&[&small]);

    let mut child = spawn_index(&env, &dir);
    // Wait until the run holds the writer lock (an flock on tantivy's lock file, listed
    // in /proc/locks by the file's inode).
    let lock = env.index_dir().join(".tantivy-writer.lock");
    let start = Instant::now();
    while !write_locked(&lock)
        && start.elapsed() < Duration::from_secs(60)
        && child.try_wait().unwrap().is_none()
    {
        std::thread::sleep(Duration::from_millis(2));
    }
    // Freeze the first run while it holds the lock, so that the second one meets it
    // for certain rather than by a race; it resumes once the second has been refused.
    let still_running = child.try_wait().unwrap().is_none();
    signal(child.id(), libc::SIGSTOP);
    let second = Command::new(env!("CARGO_BIN_EXE_warta"))
        .arg("--index")
        .arg(env.index_dir())
        .args(["index", "--quiet"])
        .arg(&small)
        .output()
        .unwrap();
    // A search during the run answers from the last commit.
    let during = env.search(&["pameran"]);
    signal(child.id(), libc::SIGCONT);
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        still_running,
        "the first run ended before the second started; use more files"
    );
    let err = String::from_utf8_lossy(&second.stderr);
    assert_eq!(second.status.code(), Some(1), "{err}");
    assert_eq!(
        err.trim(),
        "error: index is being updated by another warta process"
    );
    assert!(during["total"].as_u64().unwrap() >= 1, "{during}");
    assert_eq!(articles(&env), N as u64 + 1);
}

/// A mount made for a test, undone when dropped.
struct Mount(std::path::PathBuf);

impl Mount {
    fn run(args: &[&str]) -> bool {
        Command::new("mount")
            .args(args)
            .output()
            .map(|o| o.status.success())
            .unwrap_or(false)
    }
}

impl Drop for Mount {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(&self.0).output();
    }
}

#[test]
fn a_read_only_archive_can_be_searched_but_not_updated() {
    let env = Env::new();
    let dir = env.input("docs");
    write_book_fair(&dir);
    env.index(&[&dir]);
    let ro = env.tmp.path().join("ro");
    std::fs::create_dir_all(&ro).unwrap();
    let (src, dst) = (
        env.index_dir().display().to_string(),
        ro.display().to_string(),
    );
    if !Mount::run(&["--bind", &src, &dst]) {
        skip_unless_ci("cannot bind-mount here (not root?)");
        return;
    }
    let _guard = Mount(ro.clone());
    assert!(
        Mount::run(&["-o", "remount,bind,ro", &dst]),
        "remount read-only failed"
    );
    write_dump(
        &dir,
        "b.txt",
        "Festival Kuliner di Medan",
        "Kompas.com - 02/06/2021, 10:00 WIB",
        &["MEDAN, KOMPAS.com - Festival kuliner menghadirkan seratus pedagang makanan khas daerah dan ribuan pengunjung datang setiap malam."],
    );
    let run = |args: &[&str]| run_at(&ro, args);
    let r = run(&["index", "--quiet", dir.to_str().unwrap()]);
    assert_eq!(r.code, 1);
    assert_eq!(r.stderr.lines().count(), 1, "{}", r.stderr);
    assert!(
        r.stderr
            .starts_with("error: cannot write to the archive at")
            && r.stderr.contains("Read-only"),
        "{}",
        r.stderr
    );
    let r = run(&["search", "--json", "pameran"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("Pameran Buku"), "{}", r.stdout);
}

#[test]
fn a_full_disk_fails_cleanly_and_keeps_the_old_archive() {
    let env = Env::new();
    let small = env.input("small");
    write_book_fair(&small);
    let many = env.input("many");
    // Enough articles that a run needs more than the largest disk below (commits are
    // every 64 MB read, so this is one commit).
    write_many(&many, 6000);
    // The disk fills at a different step for each size: while documents are handed to
    // tantivy's threads, while a segment is written, during a merge or at the commit.
    for size in ["300k", "600k", "900k", "1500k"] {
        let disk = env.tmp.path().join(format!("disk-{size}"));
        std::fs::create_dir_all(&disk).unwrap();
        let opts = format!("size={size}");
        if !Mount::run(&["-t", "tmpfs", "-o", &opts, "tmpfs", disk.to_str().unwrap()]) {
            skip_unless_ci("cannot mount a tmpfs here (not root?)");
            return;
        }
        let _guard = Mount(disk.clone());
        let index = disk.join("index");
        let run = |args: &[&str]| run_at(&index, args);
        let r = run(&["index", "--quiet", small.to_str().unwrap()]);
        assert_eq!(r.code, 0, "{size}: {}", r.stderr);
        let r = run(&["index", "--quiet", many.to_str().unwrap()]);
        assert_eq!(r.code, 1, "{size}: {} {}", r.stdout, r.stderr);
        r.assert_no_bug(size);
        assert!(
            r.stderr
                .lines()
                .any(|l| l.starts_with("error: ") && l.contains("No space left")),
            "{size}: {}",
            r.stderr
        );
        let r = run(&["search", "--json", "pameran"]);
        assert_eq!(r.code, 0, "{size}: {}", r.stderr);
        assert!(
            r.stdout.contains("Pameran Buku"),
            "{size}: the old archive is intact: {}",
            r.stdout
        );
    }
}

#[test]
fn the_small_segments_of_many_runs_are_merged() {
    let env = Env::new();
    let dir = env.input("many");
    write_many(&dir, 3000);
    env.index(&[&dir]);
    // Each later run adds an article and its file record, in segments of their own.
    for i in 0..2 {
        write_dump(
            &dir,
            &format!("extra{i}.txt"),
            &format!("Kabar tambahan nomor {i}"),
            "Kompas.com - 03/06/2021, 10:00 WIB",
            &[&format!(
                "Laporan tambahan zz{i}q tentang pasar dan harga di kota, \
                 ditulis oleh wartawan yang datang ke sana pada pagi hari."
            )],
        );
        env.index(&[&dir]);
    }
    let s: serde_json::Value =
        serde_json::from_str(&env.run(&["stats", "--space", "--json"]).stdout).unwrap();
    let sizes: Vec<u64> = s["space"]["segments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n.as_u64().unwrap())
        .collect();
    let largest = sizes[0];
    let small = sizes.iter().filter(|&&n| n * 4 < largest).count();
    assert!(small <= 1, "small segments left: {sizes:?}");
    assert_eq!(sizes.iter().sum::<u64>(), 3002 * 2, "{sizes:?}");
    for i in 0..2 {
        let r = env.run(&["search", "--json", &format!("zz{i}q")]);
        assert!(r.stdout.contains(&format!("nomor {i}")), "{}", r.stdout);
    }
    let text = env.run(&["stats", "--space"]).stdout;
    assert!(text.contains("segments: "), "{text}");
    // The merged segments' files are gone from the disk.
    let meta = std::fs::read_to_string(env.index_dir().join("meta.json")).unwrap();
    for entry in std::fs::read_dir(env.index_dir()).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().to_string();
        let stem = name.split('.').next().unwrap_or("");
        if stem.len() == 32 && stem.bytes().all(|b| b.is_ascii_hexdigit()) {
            let id = format!(
                "{}-{}-{}-{}-{}",
                &stem[..8],
                &stem[8..12],
                &stem[12..16],
                &stem[16..20],
                &stem[20..]
            );
            assert!(meta.contains(&id), "{name} belongs to no segment: {meta}");
        }
    }
}

/// A fresh archive skips the look-ups of ids and bands it has not written yet
/// (`index::seen`): copies that land in different commits must still be found.
#[test]
fn a_fresh_archive_indexed_in_many_commits_still_finds_copies_across_them() {
    let env = Env::new();
    let dir = env.input("docs");
    // `0-` sorts before the `00000.txt`... fillers, `zz-` after them.
    write_dermaga(&dir, "0-one.txt");
    write_dermaga(&dir, "zz-copy.txt");
    let wire = |outlet: &str, body: &str| format!("TOKYO, {} - {body}", outlet.to_uppercase());
    write_dump(
        &dir,
        "0-kompas.txt",
        "Jepang Tawarkan Bantuan Energi untuk ASEAN",
        "Kompas.com - 01/03/2023, 10:00 WIB",
        &[&wire("Kompas.com", WIRE)],
    );
    let edited = WIRE.replace("Sejumlah negara", "Beberapa negara");
    write_dump(
        &dir,
        "zz-tempo.txt",
        "Jepang Tawarkan Bantuan Energi untuk ASEAN",
        "Tempo.co - 02/03/2023, 10:00 WIB",
        &[&wire("Tempo.co", &edited)],
    );
    write_many(&dir, 300);
    // About four files a commit: the copies are dozens of commits apart.
    let r = env.run(&[
        "index",
        "--quiet",
        "--commit-every",
        "1k",
        dir.to_str().unwrap(),
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(
        articles(&env),
        303,
        "300 fillers, one article in two files, two copies"
    );

    let v = env.search(&["dermaga"]);
    assert_eq!(v["total"], 1, "the same article in two files is one: {v}");
    let id = hits(&v)[0]["id"].as_str().unwrap().to_string();
    let shown: serde_json::Value =
        serde_json::from_str(&env.run(&["show", &id, "--json"]).stdout).unwrap();
    assert_eq!(shown["paths"].as_array().unwrap().len(), 2, "{shown}");

    let v = env.search(&["bantuan energi"]);
    assert_eq!(v["total"], 2, "{v}");
    assert_eq!(hits(&v).len(), 1, "the two copies are one group: {v}");
    assert_eq!(hits(&v)[0]["copies"], 2, "{v}");
}
