//! Text analysis through the real binary: Indonesian stemming (affixed forms find each
//! other, unrelated words do not), names and numbers written in different ways, and
//! per-article language detection. The articles are small invented text dumps.

mod common;
use common::*;

/// An archive of invented articles, each with one word form the tests look for.
fn archive() -> Env {
    let env = Env::new();
    let dir = env.input("docs");
    let date = "Kompas.com - 04/11/2022, 16:31 WIB";
    write_dump(&dir, "curi.txt", "Dua Pencuri Motor Diamankan Warga Bekasi", date, &[
        "BEKASI, KOMPAS.com - Dua pria ditangkap warga setelah kepergok membawa kabur sepeda motor dari halaman masjid.",
        "Keduanya kemudian diserahkan kepada polisi bersama barang bukti kunci palsu.",
    ]);
    write_dump(
        &dir,
        "cabai.txt",
        "Harga Cabai Rawit Turun di Pasar Induk",
        date,
        &[
            "JAKARTA, KOMPAS.com - Harga cabai rawit di pasar induk turun menjelang akhir pekan.",
            "Hal itu dikatakan kepala dinas perdagangan saat meninjau pasar pada Jumat pagi.",
        ],
    );
    write_dump(&dir, "toko.txt", "Toko Kue Ibu Ita Ramai Pembeli", date, &[
        "SOLO, KOMPAS.com - Toko kue milik Ita Purnamasari ramai didatangi pembeli menjelang Lebaran.",
        "Ita membuka toko itu sejak sepuluh tahun lalu dengan modal pinjaman koperasi.",
    ]);
    write_dump(&dir, "hoaks.txt", "Warga Diminta Waspadai Berita Bohong", date, &[
        "MEDAN, KOMPAS.com - Pemerintah kota meminta warga memeriksa kebenaran berita sebelum membagikannya.",
        "Pesan berantai soal pemadaman listrik dipastikan tidak benar.",
    ]);
    write_dump(&dir, "covid.txt", "Kasus Covid-19 Kembali Naik", date, &[
        "JAKARTA, KOMPAS.com - Jumlah kasus Covid-19 harian kembali naik dalam sepekan terakhir.",
        "Dinas kesehatan mengimbau warga melengkapi vaksinasi penguat.",
    ]);
    write_dump(&dir, "wapres.txt", "Wapres Ma'ruf Amin Resmikan Pesantren", date, &[
        "SERANG, KOMPAS.com - Wakil Presiden Ma'ruf Amin meresmikan gedung baru sebuah pesantren di Banten.",
        "Ia berpesan agar santri menguasai teknologi.",
    ]);
    write_dump(
        &dir,
        "sinyal.txt",
        "Operator Perluas Jaringan 5G di Surabaya",
        date,
        &[
            "SURABAYA, KOMPAS.com - Operator seluler memperluas jaringan 5G ke sepuluh kecamatan.",
            "Pelanggan dapat menikmati internet yang lebih cepat mulai pekan depan.",
        ],
    );
    write_dump(
        &dir,
        "pulsa.txt",
        "Tarif Paket Data 4G Naik",
        date,
        &[
            "BANDUNG, KOMPAS.com - Operator menaikkan tarif paket data 4G mulai bulan depan.",
            "Kenaikan itu rata-rata 5 persen untuk semua paket.",
        ],
    );
    write_dump(&dir, "gempa.txt", "Gempa Magnitudo 5,2 Guncang Jayapura", "Antara - 4/11/2022", &[
        "JAYAPURA, ANTARA - Gempa berkekuatan magnitudo 5,2 mengguncang Jayapura pada 4/11/2022 pukul 16.31 WIT.",
        "Tidak ada laporan kerusakan bangunan.",
    ]);
    env.index(&[&dir]);
    env
}

fn finds(env: &Env, query: &str, title: &str) -> bool {
    env.titles(&[query]).iter().any(|t| t == title)
}

#[test]
fn stemming_joins_affixed_forms_and_keeps_unrelated_words_apart() {
    let env = archive();
    let curi = "Dua Pencuri Motor Diamankan Warga Bekasi";
    assert!(
        finds(&env, "menangkap", curi),
        "menangkap -> ditangkap: {:?}",
        env.titles(&["menangkap"])
    );
    assert!(finds(&env, "penangkapan", curi));
    let cabai = "Harga Cabai Rawit Turun di Pasar Induk";
    assert!(
        finds(&env, "mengatakan", cabai),
        "mengatakan -> dikatakan: {:?}",
        env.titles(&["mengatakan"])
    );

    let berita = env.titles(&["berita"]);
    assert_eq!(
        berita,
        ["Warga Diminta Waspadai Berita Bohong"],
        "berita must not match ita"
    );
    assert_eq!(env.titles(&["Ita"]), ["Toko Kue Ibu Ita Ramai Pembeli"]);
}

#[test]
fn the_form_as_written_ranks_above_its_stemmed_relatives() {
    // Three stories share the stem `bangun`; only one uses the word the reader typed,
    // an ordinary lower-case word, in its body (not its title). The exact body field
    // must hold every word for it to rank first (with names only it ties with the rest).
    let env = Env::new();
    let dir = env.input("bangun");
    let bodies = [
        ("satu.txt", "Warga Desa Sukamaju Bergotong Royong", "Warga desa sukamaju bergotong royong membangun jembatan kayu yang rusak diterjang banjir. Mereka membangun kembali pagar sekolah dan balai desa dalam dua pekan."),
        ("dua.txt", "Jalan Baru Menuju Pelabuhan Dibuka", "Pemerintah daerah meresmikan jalan menuju pelabuhan. Menurut bupati, pembangunan jalan itu memakan waktu dua tahun dan dibangun oleh kontraktor lokal."),
        ("tiga.txt", "Gedung Olahraga Rampung Tahun Depan", "Gedung olahraga di pusat kota dibangun ulang setelah atapnya runtuh. Kontraktor menargetkan bangunan itu rampung dan dibangun sesuai rencana awal."),
    ];
    for (i, (file, title, body)) in bodies.iter().enumerate() {
        write_dump(
            &dir,
            file,
            title,
            &format!("Kompas.com - 0{}/02/2023, 09:00 WIB", i + 1),
            &[body],
        );
    }
    env.index(&[&dir]);
    let titles = env.titles(&["pembangunan"]);
    assert_eq!(titles.len(), 3, "the stem finds all three: {titles:?}");
    assert_eq!(
        titles[0], "Jalan Baru Menuju Pelabuhan Dibuka",
        "{titles:?}"
    );
}

#[test]
fn stop_words_alone_still_find_through_exact_forms() {
    let env = archive();
    // `yang` is a stop word of the stemmed fields; the exact fields still hold it.
    assert_eq!(
        env.titles(&["yang"]),
        ["Operator Perluas Jaringan 5G di Surabaya"]
    );
}

#[test]
fn covid_19_in_any_spelling() {
    let env = archive();
    let want = ["Kasus Covid-19 Kembali Naik"];
    for q in ["Covid-19", "COVID-19", "covid19", "covid 19", "covid"] {
        assert_eq!(env.titles(&[q]), want, "query {q}");
    }
}

#[test]
fn names_with_apostrophes() {
    let env = archive();
    let want = ["Wapres Ma'ruf Amin Resmikan Pesantren"];
    for q in [
        "Ma'ruf Amin",
        "Ma’ruf Amin",
        "maruf amin",
        "\"Ma'ruf Amin\"",
    ] {
        assert_eq!(env.titles(&[q]), want, "query {q}");
    }
}

#[test]
fn letter_digit_names() {
    let env = archive();
    assert_eq!(
        env.titles(&["5G"]),
        ["Operator Perluas Jaringan 5G di Surabaya"]
    );
    assert_eq!(env.titles(&["4G"]), ["Tarif Paket Data 4G Naik"]);
}

#[test]
fn numbers_times_and_dates() {
    let env = archive();
    let gempa = "Gempa Magnitudo 5,2 Guncang Jayapura";
    assert!(finds(&env, "16.31", gempa), "{:?}", env.titles(&["16.31"]));
    assert!(finds(&env, "4/11/2022", gempa));
    assert!(finds(&env, "magnitudo 5,2", gempa));
    assert!(finds(&env, "\"magnitudo 5.2\"", gempa));
    // `--match all`: no fallback to any-term ranking when no article has every term.
    assert!(env.titles(&["magnitudo 5,3", "--match", "all"]).is_empty());
}

#[test]
fn language_is_detected_per_article() {
    let env = Env::new();
    let dir = env.input("lang");
    let id = write_dump(
        &dir,
        "id.txt",
        "Harga Beras Naik Menjelang Panen",
        "Kompas.com - 05/02/2023, 09:00 WIB",
        &[
            "Harga beras medium di pasar tradisional naik karena pasokan dari petani berkurang.",
            "Pedagang mengatakan kenaikan ini terjadi setiap tahun menjelang musim panen.",
        ],
    );
    let en = write_dump(
        &dir,
        "en.txt",
        "Rice Prices Rise Ahead of the Harvest",
        "Reuters - 05/02/2023",
        &[
            "Rice prices in traditional markets rose this week as supplies from farmers fell.",
            "Traders said the increase happens every year before the harvest season.",
        ],
    );
    for (path, want) in [(id, "id"), (en, "en")] {
        let r = env.run(&["parse", "--json", path.to_str().unwrap()]);
        assert_eq!(r.code, 0, "{}", r.stderr);
        let first = r.stdout.lines().next().unwrap_or("");
        let v: serde_json::Value =
            serde_json::from_str(first).unwrap_or_else(|e| panic!("{e}: {}", r.stdout));
        assert_eq!(v["lang"], want, "{}", r.stdout);
    }
}
