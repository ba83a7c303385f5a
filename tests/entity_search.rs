//! Entities in search, through the real binary: normalised names as filters
//! (`--person jokowi` finds `Presiden Joko Widodo`), `person:` in queries, and
//! `warta entities` with `--with` for co-occurrence.

mod common;
use common::*;

fn archive() -> Env {
    let env = Env::new();
    let dir = env.input("docs");
    write_dump(&dir, "a.txt", "Putin dan Kim Jong Un Bertemu di Vladivostok", "Kompas.com - 25/04/2019, 10:00 WIB", &[
        "VLADIVOSTOK, KOMPAS.com - Presiden Rusia Vladimir Putin bertemu pemimpin Korea Utara Kim Jong Un di Vladivostok, Rusia, pada Kamis.",
        "Putin mengatakan pertemuan itu membahas situasi di Semenanjung Korea. Kim tiba dengan kereta api lapis baja dari Pyongyang.",
    ]);
    write_dump(&dir, "b.txt", "Putin Kunjungi Pyongyang", "Kompas.com - 19/06/2024, 10:00 WIB", &[
        "PYONGYANG, KOMPAS.com - Presiden Rusia Vladimir Putin tiba di Pyongyang dan disambut Kim Jong Un di bandara.",
        "Kedua pemimpin menandatangani perjanjian kemitraan strategis di Pyongyang, Korea Utara.",
    ]);
    write_dump(&dir, "c.txt", "Jokowi Resmikan Bendungan di Jawa Tengah", "Kompas.com - 12/03/2022, 09:00 WIB", &[
        "SEMARANG, KOMPAS.com - Presiden Joko Widodo meresmikan bendungan baru di Kabupaten Semarang, Jawa Tengah, pada Sabtu.",
        "Jokowi mengatakan bendungan itu akan mengairi ribuan hektar sawah petani di sekitarnya.",
    ]);
    write_dump(&dir, "d.txt", "Putin Telepon Erdogan Bahas Gandum", "Kompas.com - 02/11/2022, 20:00 WIB", &[
        "MOSKWA, KOMPAS.com - Presiden Rusia Vladimir Putin menelepon Presiden Turki Recep Tayyip Erdogan untuk membahas ekspor gandum.",
        "Erdogan mengatakan kesepakatan gandum di Laut Hitam harus dilanjutkan demi ketahanan pangan dunia.",
    ]);
    env.index(&[&dir]);
    env
}

#[test]
fn person_filters_match_normalised_names_case_insensitively() {
    let env = archive();
    let jokowi = env.titles(&["bendungan", "--person", "jokowi"]);
    assert_eq!(jokowi, vec!["Jokowi Resmikan Bendungan di Jawa Tengah"]);
    assert_eq!(
        env.titles(&["bendungan", "--person", "JOKO WIDODO"]).len(),
        1
    );
    let h = hits(&env.search(&["bendungan"]));
    let people = h[0]["entities"]["person"].as_array().unwrap();
    assert!(
        people.iter().any(|p| p == "Joko Widodo"),
        "titles stripped, alias joined: {people:?}"
    );
    assert!(
        !people
            .iter()
            .any(|p| p == "Jokowi" || p == "Presiden Joko Widodo"),
        "{people:?}"
    );

    assert_eq!(
        env.search(&["Putin", "--person", "Kim Jong Un"])["total"],
        2
    );
    assert_eq!(
        env.search(&["Putin", "--person", "kim"])["total"],
        2,
        "a whole word of the name"
    );
    assert_eq!(env.search(&["person:erdogan"])["total"], 1);
    assert_eq!(env.search(&["Putin", "--place", "Pyongyang"])["total"], 2);
    assert_eq!(env.search(&["Putin", "--place", "vladivostok"])["total"], 1);
}

#[test]
fn entities_lists_the_most_mentioned_and_what_co_occurs() {
    let env = archive();
    let all = env.json(&["entities", "--type", "person", "--json"]);
    let top = &all["entities"][0];
    assert_eq!(top["name"], "Vladimir Putin", "{all}");
    assert_eq!(top["articles"], 3);
    assert_eq!(top["type"], "person");

    let with = env.json(&[
        "entities",
        "--with",
        "Vladimir Putin",
        "--type",
        "person",
        "--json",
    ]);
    assert_eq!(with["articles"], 3);
    let names: Vec<&str> = with["entities"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["name"].as_str().unwrap())
        .collect();
    assert_eq!(names.first(), Some(&"Kim Jong Un"), "{with}");
    assert!(
        !names.contains(&"Vladimir Putin"),
        "the name itself is left out"
    );
    assert!(!names.contains(&"Joko Widodo"), "{with}");

    let nov = env.json(&["entities", "--from", "2022-11", "--to", "2022-11", "--json"]);
    assert_eq!(nov["articles"], 1);
    let r = env.run(&["entities", "--with", "Kim Jong Un"]);
    assert!(r.stdout.contains("Vladimir Putin"), "{}", r.stdout);
}

/// Three stories naming the same entities in different forms and languages: an
/// Indonesian one with the full names, a Reuters-style story with publisher tags and
/// English text, an Indonesian one with short forms and an outlet in the text.
fn bilingual_archive() -> Env {
    let env = Env::new();
    let dir = env.input("docs");
    write_dump(&dir, "a.txt", "IMF Pangkas Proyeksi Ekonomi Dunia", "Okezone - 12/03/2019, 09:00 WIB", &[
        "JAKARTA - Dana Moneter Internasional (IMF) memangkas proyeksi pertumbuhan ekonomi Amerika Serikat, kata Sri Mulyani kepada Okezone di Jakarta Selatan.",
        "Mantan Presiden Amerika Serikat Ronald Reagan pernah memuji lembaga itu. Reagan wafat pada 2004.",
    ]);
    std::fs::write(
        dir.join("b.sgm"),
        r#"<!DOCTYPE lewis SYSTEM "lewis.dtd">
<REUTERS TOPICS="YES" NEWID="71">
<DATE> 5-MAR-1987 09:06:33.95</DATE>
<PLACES><D>usa</D></PLACES>
<PEOPLE><D>reagan</D></PEOPLE>
<ORGS></ORGS>
<TEXT>&#2;
<TITLE>REAGAN URGES IMF TO ACT ON DEBT</TITLE>
<DATELINE>    WASHINGTON, March 5 - </DATELINE><BODY>President Reagan urged the
International Monetary Fund to act quickly on the debt of developing countries,
the White House said today.
    Treasury Secretary James Baker told reporters the United States would back
the plan.
 Reuter
&#3;</BODY></TEXT>
</REUTERS>
"#,
    )
    .unwrap();
    write_dump(&dir, "c.txt", "Reagan dan Utang Negara Berkembang", "Okezone - 13/03/2019, 10:00 WIB", &[
        "JAKARTA - Para ekonom di Jakarta membahas lagi pidato mantan Presiden AS Ronald Reagan tentang utang, Senin.",
    ]);
    env.index(&[&dir]);
    env
}

/// Ids of the articles `field:"name"` finds.
fn ids(env: &Env, field: &str, name: &str) -> Vec<String> {
    let q = format!("{field}:\"{name}\"");
    let full = vec!["--limit", "50", q.as_str()];
    let mut ids: Vec<String> = hits(&env.search(&full))
        .iter()
        .map(|h| h["id"].as_str().unwrap_or("").to_string())
        .collect();
    ids.sort();
    ids
}

#[test]
fn filters_give_the_same_articles_for_every_name_of_an_entity() {
    let env = bilingual_archive();
    for (flag, names, expected) in [
        (
            "place",
            &["USA", "United States", "Amerika Serikat", "AS", "U.S."][..],
            3,
        ),
        (
            "org",
            &[
                "IMF",
                "International Monetary Fund",
                "Dana Moneter Internasional",
            ][..],
            2,
        ),
        ("person", &["Ronald Reagan", "Reagan", "reagan"][..], 3),
    ] {
        let first = ids(&env, flag, names[0]);
        assert_eq!(first.len(), expected, "{flag} {:?}", names[0]);
        for n in &names[1..] {
            assert_eq!(ids(&env, flag, n), first, "{flag} {n:?} vs {:?}", names[0]);
        }
    }
}

#[test]
fn entities_hold_no_outlets_or_fragments_and_english_text_is_tagged() {
    let env = bilingual_archive();
    let v = env.json(&["entities", "--json", "--top", "50"]);
    let names: Vec<String> = v["entities"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["name"].as_str().unwrap().to_string())
        .collect();
    for bad in [
        "Okezone",
        "Selatan",
        "USA",
        "Presiden Amerika Serikat Ronald Reagan",
    ] {
        assert!(!names.iter().any(|n| n == bad), "{bad} in {names:?}");
    }
    for good in [
        "Jakarta Selatan",
        "Amerika Serikat",
        "IMF",
        "James Baker",
        "Ronald Reagan",
    ] {
        assert!(
            names.iter().any(|n| n == good),
            "{good} missing from {names:?}"
        );
    }
    // James Baker is not in the story's tags: only its English text names him.
    assert_eq!(ids(&env, "person", "James Baker").len(), 1);
    // The filter flag goes through the same entity filter as the query field.
    let flagged = hits(&env.search(&["debt", "--place", "United States"]));
    assert_eq!(flagged.len(), 1);
}

/// Stories naming a body by its full name, by its acronym, or both (never defining
/// the acronym in parentheses): `with_both` says whether the story that names both
/// is in the archive.
fn acronym_archive(with_both: bool) -> Env {
    let env = Env::new();
    let dir = env.input("docs");
    if with_both {
        write_dump(&dir, "a.txt", "Saksi Kasus Suap Minta Perlindungan", "Kompas.com - 12/03/2019, 09:00 WIB", &[
            "JAKARTA, KOMPAS.com - Komisi Pengawas Persaingan Usaha menerima permohonan perlindungan dari dua saksi kasus suap di Jakarta, Selasa.",
            "Wakil Ketua KPPU Edwin Partogi mengatakan permohonan itu masih ditelaah.",
        ]);
    }
    write_dump(&dir, "b.txt", "Korban Banjir Bandang Dapat Bantuan Hukum", "Kompas.com - 13/03/2019, 09:00 WIB", &[
        "JAKARTA, KOMPAS.com - Komisi Pengawas Persaingan Usaha akan mendampingi para korban dalam persidangan di Bandung, Rabu.",
    ]);
    write_dump(&dir, "c.txt", "Pengawas Periksa Kartel Minyak Goreng", "Kompas.com - 14/03/2019, 09:00 WIB", &[
        "JAKARTA, KOMPAS.com - Ketua KPPU Kodrat Wibowo mengatakan lembaganya akan memeriksa dugaan kartel minyak goreng, Kamis.",
        "Menurut KPPU, harga di pasar naik terlalu cepat.",
    ]);
    env.index(&[&dir]);
    env
}

#[test]
fn acronyms_are_learnt_from_the_archive_when_seen_together() {
    let env = acronym_archive(true);
    let acr = ids(&env, "org", "KPPU");
    assert_eq!(acr.len(), 3, "{acr:?}");
    assert_eq!(ids(&env, "org", "Komisi Pengawas Persaingan Usaha"), acr);
    // One entry in the entity list, counting the articles that name either form.
    let r = env.run(&["entities", "--type", "org"]);
    assert!(r.stdout.contains("3  org     KPPU"), "{}", r.stdout);
    assert!(!r.stdout.contains("Persaingan"), "{}", r.stdout);

    // Without a story naming both, initials alone prove nothing.
    let env = acronym_archive(false);
    assert_eq!(ids(&env, "org", "KPPU").len(), 1);
    assert_eq!(
        ids(&env, "org", "Komisi Pengawas Persaingan Usaha").len(),
        1
    );
}
