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
