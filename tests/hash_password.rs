use std::process::Command;

use crate::support::*;

fn hash(args: &[&str], password: &str, env: &[(&str, &str)]) -> Run {
    let dir = temp_dir();
    let mut all = vec!["hash-password", "--password-stdin"];
    all.extend_from_slice(args);
    run_in(dir.path(), &all, Some(password), env)
}

fn python(script: &str, args: &[&str]) -> std::process::Output {
    Command::new("python3")
        .arg("-c")
        .arg(script)
        .args(args)
        .output()
        .expect("python3")
}

#[test]
fn prints_one_line_with_the_gateways_parameters() {
    let run = hash(&[], "Correct-Horse-9\n", &[]);
    run.expect_code(0);
    assert_eq!(run.stdout.lines().count(), 1);
    assert!(
        run.stdout.starts_with("$argon2id$v=19$m=65536,t=3,p=1$"),
        "{}",
        run.stdout
    );
    assert!(run.stderr.is_empty(), "{}", run.stderr);
}

#[test]
fn argon2_cffi_accepts_our_hash_without_asking_for_a_rehash() {
    if !python_has_argon2() {
        return;
    }
    let run = hash(&[], "Correct-Horse-9", &[]);
    run.expect_code(0);
    let script = "import sys\n\
        from argon2 import PasswordHasher\n\
        ph = PasswordHasher(time_cost=3, memory_cost=65536, parallelism=1, hash_len=32, salt_len=16)\n\
        assert ph.verify(sys.argv[1], sys.argv[2])\n\
        assert not ph.check_needs_rehash(sys.argv[1]), 'rehash wanted'\n\
        print('ok')";
    let out = python(script, &[run.stdout.trim(), "Correct-Horse-9"]);
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim(),
        "ok",
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn hashes_from_argon2_cffi_and_the_reference_cli_verify_in_breakglass() {
    let password = "Correct-Horse-9";
    let mut foreign = Vec::new();
    if python_has_argon2() {
        let script = "import sys\nfrom argon2 import PasswordHasher\n\
            print(PasswordHasher(time_cost=3, memory_cost=65536, parallelism=1, hash_len=32, salt_len=16).hash(sys.argv[1]))";
        let out = python(script, &[password]);
        foreign.push(String::from_utf8_lossy(&out.stdout).trim().to_owned());
    }
    match Command::new("argon2")
        .args([
            "breakglass-salt16",
            "-id",
            "-t",
            "3",
            "-m",
            "16",
            "-p",
            "1",
            "-l",
            "32",
            "-e",
        ])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
    {
        Ok(mut child) => {
            use std::io::Write;
            child
                .stdin
                .take()
                .expect("stdin")
                .write_all(password.as_bytes())
                .expect("write");
            let out = child.wait_with_output().expect("argon2");
            foreign.push(String::from_utf8_lossy(&out.stdout).trim().to_owned());
        }
        Err(_) if std::env::var_os("CI").is_some() => {
            panic!("the argon2 reference CLI is required under CI")
        }
        Err(_) => eprintln!("skipping the argon2 CLI: not installed"),
    }
    let db = TestDb::new(Engine::Sqlite);
    for (i, stored) in foreign.iter().enumerate() {
        assert!(
            stored.starts_with("$argon2id$v=19$m=65536,t=3,p=1$"),
            "{stored}"
        );
        let email = format!("foreign{i}@example.com");
        db.insert_with_hash(&user(&email, password), stored);
        db.run_with(&["verify", &email, "--password-stdin"], Some(password), &[])
            .expect_code(0);
        db.run_with(
            &["verify", &email, "--password-stdin"],
            Some("Correct-Horse-8"),
            &[],
        )
        .expect_code(5);
    }
}

#[test]
fn parameters_come_from_flags_then_the_gateways_variables() {
    let from_env = hash(
        &[],
        "pw",
        &[
            ("ARGON2ID_TIME_COST", "2"),
            ("ARGON2ID_MEMORY_COST", "1024"),
            ("ARGON2ID_PARALLELISM", "2"),
        ],
    );
    from_env.expect_code(0);
    assert!(
        from_env
            .stdout
            .starts_with("$argon2id$v=19$m=1024,t=2,p=2$"),
        "{}",
        from_env.stdout
    );
    let flag_wins = hash(
        &["--time-cost", "1", "--memory-cost", "512"],
        "pw",
        &[("ARGON2ID_TIME_COST", "2")],
    );
    assert!(
        flag_wins
            .stdout
            .starts_with("$argon2id$v=19$m=512,t=1,p=1$"),
        "{}",
        flag_wins.stdout
    );

    let dir = temp_dir();
    std::fs::write(dir.path().join(".env"), "ARGON2ID_TIME_COST=4\n").expect("write");
    let from_dotenv = run_in(
        dir.path(),
        &["hash-password", "--password-stdin", "--memory-cost", "256"],
        Some("pw"),
        &[],
    );
    assert!(
        from_dotenv
            .stdout
            .starts_with("$argon2id$v=19$m=256,t=4,p=1$"),
        "{}",
        from_dotenv.stdout
    );
}

#[test]
fn invalid_parameters_are_usage_errors_naming_the_source() {
    for (env, flag, named) in [
        (
            Some(("ARGON2ID_TIME_COST", "0")),
            None,
            "ARGON2ID_TIME_COST",
        ),
        (
            Some(("ARGON2ID_MEMORY_COST", "lots")),
            None,
            "ARGON2ID_MEMORY_COST",
        ),
        (
            Some(("ARGON2ID_PARALLELISM", "99999999999")),
            None,
            "ARGON2ID_PARALLELISM",
        ),
        (None, Some(["--memory-cost", "999999999"]), "--memory-cost"),
        (
            None,
            Some(["--time-cost=-1", "--parallelism=1"]),
            "--time-cost",
        ),
    ] {
        let env: Vec<(&str, &str)> = env.into_iter().collect();
        let args: Vec<&str> = flag.map(|f| f.to_vec()).unwrap_or_default();
        let run = hash(&args, "pw", &env);
        run.expect_code(2);
        assert!(run.stderr.contains(named), "{named}: {}", run.stderr);
        assert!(run.stdout.is_empty());
    }
}

#[test]
fn formats_for_env_files_compose_and_json() {
    let env = hash(&["--format", "env"], "pw", &[]);
    assert!(
        env.stdout.starts_with("PASSWORD_HASH='$argon2id$")
            && env.stdout.trim_end().ends_with('\''),
        "{}",
        env.stdout
    );
    let compose = hash(&["--format", "compose"], "pw", &[]);
    assert!(
        compose
            .stdout
            .starts_with("$$argon2id$$v=19$$m=65536,t=3,p=1$$"),
        "{}",
        compose.stdout
    );
    assert_eq!(compose.stdout.matches('$').count(), 10);
    let json = hash(&["-o", "json"], "pw", &[]);
    let value = json.json();
    assert!(
        value["hash"]
            .as_str()
            .expect("hash")
            .starts_with("$argon2id$")
    );
    assert_eq!(value["memory_cost"], 65536);
}

#[test]
fn the_password_never_reaches_the_output() {
    let run = hash(&["-o", "json"], "Very-Secret-Value-42", &[]);
    assert!(
        !run.stdout.contains("Very-Secret-Value-42")
            && !run.stderr.contains("Very-Secret-Value-42")
    );
}
