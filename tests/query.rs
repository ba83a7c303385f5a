//! The query language through the real binary: phrases and slop, boolean operators,
//! prefix and fuzzy words, fields, inline dates, the any-word fallback, sorting,
//! and queries that cannot be used.

mod common;
use common::*;

fn archive() -> Env {
    let env = Env::new();
    let dir = env.input("docs");
    write_dump(&dir, "a.txt", "Putin Sambut Kim Jong Un di Vladivostok", "Kompas.com - 25/04/2019, 10:00 WIB", &[
        "VLADIVOSTOK, KOMPAS.com - Presiden Rusia Vladimir Putin menyambut pemimpin Korea Utara Kim Jong Un dalam pertemuan puncak pertama mereka.",
        "Kedua pemimpin membahas kerja sama ekonomi dan keamanan di kawasan.",
    ]);
    write_dump(&dir, "b.txt", "Korea Utara Kembali Uji Rudal Balistik", "Kompas.com - 04/11/2022, 16:31 WIB", &[
        "SEOUL, KOMPAS.com - Korea Utara menembakkan rudal balistik ke arah laut pada Jumat pagi.",
        "Militer Korea Selatan mengatakan rudal itu terbang sekitar 600 kilometer.",
    ]);
    write_dump(
        &dir,
        "c.txt",
        "Cuaca Dingin di Wilayah Utara Korea Selatan",
        "Kompas.com - 10/01/2023, 08:00 WIB",
        &[
            "SEOUL, KOMPAS.com - Suhu di Korea Selatan bagian utara turun hingga minus 15 derajat.",
            "Warga diminta mengurangi kegiatan di luar rumah.",
        ],
    );
    write_dump(&dir, "d.txt", "KPK Tahan Bupati dalam Kasus Korupsi Proyek Jalan", "Kompas.com - 15/06/2021, 13:45 WIB", &[
        "JAKARTA, KOMPAS.com - Komisi Pemberantasan Korupsi menahan seorang bupati yang diduga menerima suap proyek jalan.",
        "Penyidik menyita uang tunai dan dokumen dari rumah dinas.",
    ]);
    env.index(&[&dir]);
    env
}

fn total(env: &Env, args: &[&str]) -> u64 {
    env.search(args)["total"].as_u64().unwrap()
}

#[test]
fn phrases_require_adjacent_words_and_slop_relaxes_them() {
    let env = archive();
    assert_eq!(
        total(&env, &["\"Korea Utara\""]),
        2,
        "articles a and b have the phrase"
    );
    assert_eq!(total(&env, &["Korea Utara"]), 3, "bare words also match c");
    assert_eq!(total(&env, &["\"Putin menyambut pemimpin\""]), 1);
    assert_eq!(total(&env, &["\"Putin pemimpin\""]), 0);
    assert_eq!(total(&env, &["\"Putin pemimpin\"~1"]), 1);
    assert_eq!(total(&env, &["\"Putin Kim\""]), 0);
    assert_eq!(
        total(&env, &["\"Putin Kim\"~1"]),
        1,
        "the title has Putin Sambut Kim"
    );
}

#[test]
fn boolean_operators() {
    let env = archive();
    assert_eq!(total(&env, &["Putin OR KPK"]), 2);
    assert_eq!(total(&env, &["Korea -Selatan"]), 1);
    assert_eq!(total(&env, &["Korea NOT Selatan"]), 1);
    assert_eq!(total(&env, &["(Putin OR rudal) AND Korea"]), 2);
    assert_eq!(total(&env, &["+rudal +balistik"]), 1);
    assert_eq!(
        total(&env, &["--", "-Korea"]),
        1,
        "a lone exclusion keeps the rest"
    );
}

#[test]
fn prefix_and_fuzzy_words() {
    let env = archive();
    assert_eq!(
        env.titles(&["korup*"]),
        vec!["KPK Tahan Bupati dalam Kasus Korupsi Proyek Jalan"]
    );
    assert_eq!(total(&env, &["Puti"]), 0);
    assert_eq!(total(&env, &["Puti~"]), 1, "a typo finds Putin");
    assert_eq!(total(&env, &["Vladivstok~2"]), 1);
}

#[test]
fn fields_and_inline_dates() {
    let env = archive();
    assert_eq!(total(&env, &["title:rudal"]), 1);
    assert_eq!(total(&env, &["title:militer"]), 0, "only in the body");
    assert_eq!(total(&env, &["militer"]), 1);
    assert_eq!(total(&env, &["Korea date:2022-11"]), 1);
    assert_eq!(total(&env, &["Korea date:[2019-01 TO 2022-12]"]), 2);
    assert_eq!(total(&env, &["Korea date:[2023 TO *]"]), 1);
    assert_eq!(total(&env, &["Korea source:kompas"]), 3);
    assert_eq!(total(&env, &["Korea source:detik"]), 0);
}

#[test]
fn filters_and_sorting() {
    let env = archive();
    assert_eq!(total(&env, &["Korea", "--from", "2022", "--to", "2022"]), 1);
    assert_eq!(total(&env, &["Korea", "--source", "Kompas.com"]), 3);
    let newest = env.titles(&["Korea", "--sort", "newest"]);
    assert_eq!(newest[0], "Cuaca Dingin di Wilayah Utara Korea Selatan");
    let oldest = env.titles(&["Korea", "--sort", "oldest"]);
    assert_eq!(oldest[0], "Putin Sambut Kim Jong Un di Vladivostok");
    let page2 = env.titles(&["Korea", "--sort", "oldest", "--limit", "1", "--offset", "1"]);
    assert_eq!(page2, vec![oldest[1].clone()]);
}

#[test]
fn long_queries_fall_back_to_any_word() {
    let env = archive();
    let pasted = "pemimpin Korea Utara bertemu presiden Rusia membahas kerja sama ekonomi di Vladivostok pada musim semi";
    let v = env.search(&[pasted]);
    assert_eq!(v["fallback"], true, "{v}");
    assert_eq!(v["match"], "any");
    assert_eq!(
        hits(&v)[0]["title"],
        "Putin Sambut Kim Jong Un di Vladivostok"
    );
    let strict = env.search(&[pasted, "--match", "all"]);
    assert_eq!(strict["total"], 0);
    assert_eq!(strict["fallback"], false);
    let r = env.run(&["search", pasted]);
    assert!(
        r.stdout.contains("no article has every word"),
        "{}",
        r.stdout
    );
}

#[test]
fn unusable_queries_get_one_plain_sentence_and_exit_2() {
    let env = archive();
    for q in ["***", "AND", "((", "🙂", "title:", "\"\""] {
        let r = env.run(&["search", "--", q]);
        assert_eq!(r.code, 2, "query {q:?}: {} {}", r.stdout, r.stderr);
        assert_eq!(r.stderr.lines().count(), 1, "{}", r.stderr);
        assert!(r.stderr.contains("no words to search for"), "{}", r.stderr);
    }
    let r = env.run(&["search", "Korea date:[kemarin TO 2022]"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("cannot read the date `kemarin`"),
        "{}",
        r.stderr
    );
    for q in [
        "Ma'ruf Amin",
        "\"unclosed Korea",
        "Korea)",
        "title:Korea AND",
        "rudal [balistik] Korea",
        "rudal -nya Korea",
    ] {
        let r = env.run(&["search", "--", q]);
        assert_eq!(r.code, 0, "query {q:?}: {}", r.stderr);
    }
    assert_eq!(
        total(&env, &["\"Korea Utara"]),
        2,
        "an unclosed quote is closed"
    );
    assert_eq!(
        total(&env, &["rudal [balistik] Korea"]),
        1,
        "brackets in pasted text are text"
    );
}

#[test]
fn english_articles_are_stemmed_as_english_and_both_languages_are_searched() {
    let env = Env::new();
    let dir = env.input("docs");
    std::fs::write(
        dir.join("wire.jsonl"),
        concat!(
            "{\"title\":\"Central bank raises rates again\",\"url\":\"https://example.com/rates\",\"date\":\"2023-03-01T10:00:00Z\",",
            "\"content\":\"The central bank raised its benchmark interest rates for the third time this year, citing stubborn inflation and a weaker currency. Analysts said further increases were likely before the summer.\"}\n",
            "{\"judul\":\"Bank sentral menaikkan suku bunga\",\"url\":\"https://contoh.id/bunga\",\"tanggal\":\"2023-03-02\",",
            "\"isi\":\"Bank sentral menaikkan suku bunga acuan untuk ketiga kalinya tahun ini karena inflasi yang membandel dan rupiah yang melemah.\"}\n"
        ),
    )
    .unwrap();
    env.index(&[&dir]);
    let v = env.search(&["raising rate"]);
    assert_eq!(
        v["total"], 1,
        "English stems: raised/raising, rates/rate: {v}"
    );
    assert_eq!(hits(&v)[0]["title"], "Central bank raises rates again");
    assert_eq!(total(&env, &["increase"]), 1);
    assert_eq!(total(&env, &["bank inflation"]), 1);
    assert_eq!(total(&env, &["bank inflasi"]), 1);
    assert_eq!(total(&env, &["bank"]), 2, "both languages are searched");
    assert_eq!(
        total(&env, &["menaikan OR naik"]),
        1,
        "Indonesian stems still apply"
    );
}

#[test]
fn words_close_together_rank_above_the_same_words_far_apart() {
    // Both stories hold `harga` and `beras` the same number of times, in bodies of the
    // same length; only one has them side by side. The proximity bonus (scored for the
    // best candidates only) must put it first, among many other matches.
    let env = Env::new();
    let dir = env.input("prox");
    let filler = "Pedagang di pasar tradisional menyampaikan keluhan kepada petugas dinas";
    write_dump(
        &dir,
        "dekat.txt",
        "Laporan Pasar Pekan Ini",
        "Kompas.com - 01/03/2023, 09:00 WIB",
        &[&format!(
            "{filler}. Harga beras medium naik tajam menjelang bulan puasa. {filler}."
        )],
    );
    write_dump(
        &dir,
        "jauh.txt",
        "Catatan Pasar Pekan Ini",
        "Kompas.com - 02/03/2023, 09:00 WIB",
        &[&format!(
            "{filler}. Harga cabai medium naik tajam menjelang bulan puasa. {filler} beras."
        )],
    );
    for i in 0..150 {
        write_dump(&dir, &format!("lain{i:03}.txt"), &format!("Kabar Daerah Nomor {i}"), "Kompas.com - 03/03/2023, 09:00 WIB", &[
            &format!("Harga gabah di tingkat petani desa nomor {i} stabil. Stok beras di gudang cukup untuk tiga bulan ke depan menurut kepala gudang."),
        ]);
    }
    env.index(&[&dir]);
    let titles = env.titles(&["harga beras", "--limit", "200"]);
    assert_eq!(titles.len(), 152, "every story has both words: {titles:?}");
    assert_eq!(titles[0], "Laporan Pasar Pekan Ini", "{titles:?}");
    let far = titles
        .iter()
        .position(|t| t == "Catatan Pasar Pekan Ini")
        .unwrap();
    assert!(far > 0, "{titles:?}");
}

/// Words that are rare in the archive make a conjunction seek each word's fields (see
/// `search::union`): matches in the title only, in the body only, and with stop words
/// (which have no stemmed form) are all found.
#[test]
fn rare_words_with_stop_words_and_title_only_words_are_found() {
    let env = Env::new();
    let dir = env.input("docs");
    for i in 0..40 {
        write_dump(
            &dir,
            &format!("f{i:02}.txt"),
            &format!("Kabar Harian Kota Nomor {i}"),
            "Kompas.com - 02/01/2023, 08:00 WIB",
            &[&format!(
                "JAKARTA, KOMPAS.com - Warga kota berkumpul pada pagi hari dan siang hari untuk kegiatan nomor {i} di balai kota."
            )],
        );
    }
    write_dump(&dir, "r1.txt", "Banjir Melanda Kampung Melayu", "Kompas.com - 09/02/2023, 08:00 WIB", &[
        "JAKARTA, KOMPAS.com - Banjir merendam ratusan rumah warga pada Februari setelah hujan deras semalaman.",
        "Petugas mengevakuasi penghuni ke tempat pengungsian yang disiapkan pemerintah setempat sejak kemarin.",
    ]);
    write_dump(&dir, "r2.txt", "Festival Lampion Februari", "Kompas.com - 10/02/2023, 08:00 WIB", &[
        "JAKARTA, KOMPAS.com - Ribuan pengunjung datang pada malam hari dan menikmati pertunjukan lampion.",
        "Panitia menyiapkan panggung utama serta deretan tenda makanan di sepanjang jalan utama.",
    ]);
    let r = env.index(&[&dir]);
    assert!(!r.stderr.contains("warning"), "{}", r.stderr);
    let all = |q: &str| total(&env, &["--match", "all", q]);
    assert_eq!(
        all("pada Februari"),
        2,
        "stop word + word in the body (r1) or title (r2)"
    );
    assert_eq!(all("dan Februari"), 1, "r2 has dan; r1 does not");
    assert_eq!(all("Februari lampion"), 1);
    assert_eq!(all("Februari Melayu banjir"), 1);
    assert_eq!(
        all("Februari pengunjung pertunjukan"),
        1,
        "title word + body words"
    );
    assert_eq!(all("Februari kota"), 0);
    assert_eq!(all("warga pada"), 41, "common words: tantivy's own union");
}
