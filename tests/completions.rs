//! `warta completions SHELL` and `warta man`: generated from the command definitions,
//! so every command is in them; the bash script is valid bash.

mod common;
use common::*;

/// The command names `warta --help` lists.
fn commands(env: &Env) -> Vec<String> {
    let help = env.run(&["--help"]).stdout;
    help.lines()
        .skip_while(|l| !l.starts_with("Commands:"))
        .skip(1)
        .take_while(|l| l.starts_with("  "))
        .filter_map(|l| l.split_whitespace().next().map(str::to_string))
        .filter(|c| c != "help")
        .collect()
}

#[test]
fn completions_name_every_command_and_bash_accepts_its_script() {
    let env = Env::new();
    let names = commands(&env);
    assert!(names.len() >= 10, "{names:?}");
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let r = env.run(&["completions", shell]);
        assert_eq!(r.code, 0, "{shell}: {}", r.stderr);
        for name in &names {
            assert!(r.stdout.contains(name.as_str()), "{shell} lacks {name}");
        }
        assert!(r.stdout.contains("person"), "{shell} lacks search options");
    }
    let dir = tempfile::tempdir().unwrap();
    let script = dir.path().join("warta.bash");
    std::fs::write(&script, env.run(&["completions", "bash"]).stdout).unwrap();
    let ok = std::process::Command::new("bash")
        .arg("-n")
        .arg(&script)
        .status()
        .unwrap();
    assert!(ok.success(), "bash -n refused the completion script");
    let bad = env.run(&["completions", "tcsh"]);
    assert_eq!(bad.code, 2, "{}", bad.stderr);
    bad.assert_no_bug("completions tcsh");
}

#[test]
fn the_man_page_is_roff_and_lists_every_command() {
    let env = Env::new();
    let r = env.run(&["man"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout.contains(".TH warta 1"),
        "{}",
        &r.stdout[..200.min(r.stdout.len())]
    );
    for name in commands(&env) {
        // roff writes a hyphen as `\-`.
        let roff = name.replace('-', "\\-");
        assert!(r.stdout.contains(&roff), "man page lacks {name}");
    }
}
