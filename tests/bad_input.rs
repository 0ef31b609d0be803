//! Everything an operator can get wrong, in one table: each case must end with the
//! documented exit code and a message naming the problem, without a panic or a hang,
//! and leave the database exactly as it was.

use std::time::{Duration, Instant};

use crate::support::*;

const PW: &str = "Right-Horse-Battery-9";

struct Case {
    args: Vec<String>,
    stdin: Option<String>,
    env: Vec<(&'static str, String)>,
    code: i32,
    says: &'static str,
}

fn case(args: &[&str], code: i32, says: &'static str) -> Case {
    Case {
        args: args.iter().map(|a| a.to_string()).collect(),
        stdin: None,
        env: Vec::new(),
        code,
        says,
    }
}

impl Case {
    fn stdin(mut self, input: impl Into<String>) -> Case {
        self.stdin = Some(input.into());
        self
    }

    fn env(mut self, name: &'static str, value: impl Into<String>) -> Case {
        self.env.push((name, value.into()));
        self
    }
}

fn sqlite_cases(dir: &std::path::Path) -> Vec<Case> {
    std::fs::create_dir_all(dir.join("a-directory.db")).expect("mkdir");
    std::fs::write(dir.join("notes.txt"), "not a database").expect("write");
    std::fs::write(dir.join("no-tables.db"), b"").expect("write");
    std::fs::write(dir.join("latin1.pw"), [b'p', 0xe4, b's', b's']).expect("write");
    std::fs::write(dir.join("existing.pw"), "keep me\n").expect("write");
    std::fs::create_dir_all(dir.join("pw-dir")).expect("mkdir");
    std::fs::write(
        dir.join("typo.toml"),
        "name = \"t\"\ntable = \"email_users\"\n[key]\ncolumn = \"email\"\n[hash]\ncolumn = \"password_hash\"\nscheme = \"argon2id\"\n[columns]\nmust_chnage = \"x\"\n",
    )
    .expect("write");
    let long_email = format!("{}@example.com", "x".repeat(10_000));
    let megabytes = "A1-".repeat(700_000);
    let closed_port = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
        listener.local_addr().expect("addr").port()
    };
    vec![
        // Database URLs.
        case(
            &["list-admins", "--database-url", "nonsense"],
            7,
            "no scheme",
        ),
        case(
            &["list-admins", "--database-url", "oracle://scott@h/orcl"],
            7,
            "unsupported database scheme",
        ),
        case(
            &["list-admins", "--database-url", "sqlite://"],
            7,
            "in-memory",
        ),
        case(
            &["list-admins", "--database-url", "sqlite:///:memory:"],
            7,
            "in-memory",
        ),
        case(
            &[
                "list-admins",
                "--database-url",
                "sqlite:///x.db?mode=memory",
            ],
            7,
            "in-memory",
        ),
        case(
            &["list-admins", "--database-url", "sqlite://mcp.db"],
            7,
            "ambiguous",
        ),
        case(
            &["list-admins", "--database-url", "sqlite:///bad%zz.db"],
            7,
            "hex",
        ),
        case(
            &[
                "list-admins",
                "--database-url",
                "postgresql://u:Secret-77@[x/db",
            ],
            7,
            "malformed",
        ),
        case(
            &["list-admins", "--database-url", "postgresql://h:99999/db"],
            7,
            "malformed",
        ),
        case(
            &[
                "list-admins",
                "--database-url",
                "postgresql://h/db?sslmode=sometimes",
            ],
            7,
            "sslmode",
        ),
        case(
            &[
                "list-admins",
                "--database-url",
                "postgresql://h/db?options=-c%20search_path%3D",
            ],
            7,
            "search_path",
        ),
        case(
            &["list-admins", "--database-url", "sqlite:///a-directory.db"],
            7,
            "is a directory",
        ),
        case(
            &["list-admins", "--database-url", "sqlite:///notes.txt"],
            7,
            "is not a SQLite database",
        ),
        case(
            &["list-admins", "--database-url", "sqlite:///missing.db"],
            7,
            "no SQLite database at",
        ),
        case(&["list-admins", "--table", "no_such_table"], 7, "--table"),
        case(&["list-admins", "--table", "roles"], 7, "no column email"),
        case(
            &[
                "list-admins",
                "--database-url",
                &format!("postgresql://app:Secret-77@127.0.0.1:{closed_port}/db"),
            ],
            7,
            "127.0.0.1:",
        ),
        case(
            &[
                "list-admins",
                "--database-url",
                &format!("mysql://root@127.0.0.1:{closed_port}/db"),
            ],
            7,
            "127.0.0.1:",
        ),
        case(
            &[
                "list-admins",
                "--connect-timeout",
                "3",
                "--database-url",
                "postgresql://app@no-such-host.invalid/db",
            ],
            7,
            "no-such-host.invalid",
        ),
        // Emails.
        case(&["verify", "", "--password-stdin"], 3, "email is empty").stdin(PW),
        case(&["verify", "   ", "--password-stdin"], 3, "email is empty").stdin(PW),
        case(&["verify", &long_email, "--password-stdin"], 3, "no user").stdin(PW),
        case(
            &["verify", "jürgen@exämple.com", "--password-stdin"],
            3,
            "no user",
        )
        .stdin(PW),
        case(
            &["verify", "x' OR '1'='1", "--password-stdin"],
            3,
            "no user",
        )
        .stdin(PW),
        case(
            &["unlock", "a@b.c'; DROP TABLE email_users; --", "--yes"],
            3,
            "no user",
        ),
        case(&["reset", "%", "--password-stdin", "--yes"], 3, "no user").stdin(PW),
        case(&["deactivate", "*", "--yes"], 3, "no user"),
        // A near miss names the user meant: a typo, a swap, or the name before the @.
        case(
            &["reset", "ann@exmaple.com", "--password-stdin", "--yes"],
            3,
            "did you mean ann@example.com?",
        )
        .stdin(PW),
        case(
            &["unlock", "root", "--yes"],
            3,
            "did you mean root@example.com?",
        ),
        case(
            &["verify", "bob@example.com", "--password-stdin"],
            3,
            "list the admins",
        )
        .stdin(PW),
        // Profile names: the nearest built-in, from the flag or the variable.
        case(
            &["--profile", "gittea", "list-admins"],
            2,
            "did you mean gitea?",
        ),
        case(&["list-admins"], 2, "did you mean gitea?").env("BREAKGLASS_PROFILE", "gittea"),
        case(
            &["list-admins"],
            2,
            "--profile NAME (breakglass profile list)",
        )
        .env("BREAKGLASS_PROFILE", "./gittea.toml"),
        // Passwords.
        case(
            &["verify", "ann@example.com", "--password-stdin"],
            8,
            "empty",
        )
        .stdin(""),
        case(
            &["verify", "ann@example.com", "--password-stdin"],
            8,
            "empty",
        )
        .stdin("\n"),
        case(&["verify", "ann@example.com", "--password-stdin"], 8, "NUL").stdin("Right\0Horse"),
        case(
            &["verify", "ann@example.com", "--password-file", "latin1.pw"],
            8,
            "UTF-8",
        ),
        case(
            &[
                "reset",
                "ann@example.com",
                "--password-stdin",
                "--yes",
                "--skip-policy",
            ],
            8,
            "longer than",
        )
        .stdin(megabytes),
        case(
            &["verify", "ann@example.com", "--password-file", "pw-dir"],
            8,
            "cannot read the password from",
        ),
        case(
            &["verify", "ann@example.com", "--password-file", "nope.txt"],
            8,
            "cannot read the password file",
        ),
        case(
            &[
                "verify",
                "ann@example.com",
                "--password-env",
                "NOT_SET_ANYWHERE",
            ],
            8,
            "NOT_SET_ANYWHERE",
        ),
        case(&["verify", "ann@example.com"], 8, "no terminal"),
        case(&["hash-password"], 8, "--password-stdin"),
        // Conflicting or malformed flags.
        case(
            &[
                "verify",
                "ann@example.com",
                "--password-stdin",
                "--password-file",
                "x",
            ],
            2,
            "cannot be used with",
        ),
        case(
            &[
                "reset",
                "ann@example.com",
                "--generate",
                "--password-env",
                "X",
            ],
            2,
            "cannot be used with",
        ),
        case(
            &[
                "reset",
                "ann@example.com",
                "--generate",
                "--reveal",
                "--secret-file",
                "s",
            ],
            2,
            "cannot be used with",
        ),
        case(
            &[
                "reset",
                "ann@example.com",
                "--length",
                "30",
                "--password-stdin",
            ],
            2,
            "--generate",
        ),
        case(
            &["reset", "ann@example.com", "--generate", "--length", "15"],
            2,
            "16..=128",
        ),
        case(
            &["reset", "ann@example.com", "--generate", "--length", "129"],
            2,
            "16..=128",
        ),
        case(
            &["reset", "ann@example.com", "--generate", "--length", "lots"],
            2,
            "invalid value",
        ),
        case(
            &["unlock", "ann@example.com", "--all"],
            2,
            "cannot be used with",
        ),
        case(&["unlock"], 2, "required"),
        case(
            &["list-admins", "--env-file", "x.env", "--no-env-file"],
            2,
            "cannot be used with",
        ),
        case(
            &["list-admins", "--connect-timeout=-1"],
            2,
            "--connect-timeout",
        ),
        case(&["list-admins", "-o", "xml"], 2, "invalid value 'xml'"),
        case(
            &["list-admins", "--env-file", "missing.env"],
            2,
            "missing.env",
        ),
        // Argon2 and gateway settings.
        case(
            &["hash-password", "--password-stdin"],
            2,
            "ARGON2ID_TIME_COST",
        )
        .stdin(PW)
        .env("ARGON2ID_TIME_COST", "0"),
        case(
            &["hash-password", "--password-stdin"],
            2,
            "ARGON2ID_MEMORY_COST",
        )
        .stdin(PW)
        .env("ARGON2ID_MEMORY_COST", "99999999999"),
        case(
            &["hash-password", "--password-stdin"],
            2,
            "ARGON2ID_PARALLELISM",
        )
        .stdin(PW)
        .env("ARGON2ID_PARALLELISM", "two"),
        case(
            &["hash-password", "--password-stdin"],
            2,
            "ARGON2ID_PARALLELISM",
        )
        .stdin(PW)
        .env("ARGON2ID_PARALLELISM", "0"),
        case(
            &["hash-password", "--password-stdin", "--time-cost", "1000"],
            2,
            "--time-cost",
        )
        .stdin(PW),
        case(
            &["hash-password", "--password-stdin", "--memory-cost", "4"],
            2,
            "--memory-cost",
        )
        .stdin(PW),
        case(
            &["reset", "ann@example.com", "--password-stdin", "--yes"],
            2,
            "ARGON2ID_MEMORY_COST",
        )
        .stdin("Quartz-Falcon-Rain-7")
        .env("ARGON2ID_MEMORY_COST", "-1"),
        case(
            &["verify", "ann@example.com", "--password-stdin"],
            2,
            "PROTECT_ALL_ADMINS",
        )
        .stdin(PW)
        .env("PROTECT_ALL_ADMINS", "maybe"),
        case(
            &["verify", "ann@example.com", "--password-stdin"],
            2,
            "PASSWORD_MAX_AGE_DAYS",
        )
        .stdin(PW)
        .env("PASSWORD_MAX_AGE_DAYS", "ninety"),
        case(
            &["reset", "ann@example.com", "--password-stdin", "--yes"],
            2,
            "PASSWORD_MIN_LENGTH_USER",
        )
        .stdin("Quartz-Falcon-Rain-7")
        .env("PASSWORD_MIN_LENGTH_USER", "-5"),
        // Refusals of a change.
        case(
            &["reset", "ann@example.com", "--password-stdin", "--yes"],
            8,
            "at least 12 characters",
        )
        .stdin("Short-1"),
        case(
            &["reset", "ann@example.com", "--password-stdin", "--yes"],
            8,
            "too common",
        )
        .stdin("Password01@!"),
        case(
            &["reset", "ann@example.com", "--password-stdin", "--yes"],
            8,
            "different from current",
        )
        .stdin(PW),
        case(
            &["reset", "ann@example.com", "--password-stdin"],
            8,
            "--yes",
        )
        .stdin("Quartz-Falcon-Rain-7"),
        case(
            &["reset", "ann@example.com", "--generate", "--yes"],
            8,
            "--secret-file",
        ),
        case(
            &[
                "reset",
                "ann@example.com",
                "--generate",
                "--secret-file",
                "existing.pw",
                "--yes",
            ],
            8,
            "already exists",
        ),
        case(
            &[
                "reset",
                "root@example.com",
                "--generate",
                "--length",
                "20",
                "--reveal",
                "--yes",
            ],
            8,
            "22 characters",
        ),
        case(
            &["deactivate", "root@example.com", "--yes"],
            8,
            "last admin",
        ),
        case(
            &[
                "unlock",
                "ann@example.com",
                "--yes",
                "--audit-log",
                "/proc/no/audit.jsonl",
            ],
            8,
            "audit log",
        ),
        case(&["sandbox"], 8, "already has a email_users table"),
        case(
            &[
                "hash-password",
                "--password-stdin",
                "--memory-cost",
                "1048576",
                "--time-cost",
                "64",
            ],
            2,
            "times the time cost",
        )
        .stdin(PW),
        // Profiles and the commands that came with them.
        case(
            &["list-admins", "--profile-file", "no-such-profile.toml"],
            2,
            "cannot read the profile",
        ),
        case(
            &["list-admins", "--profile-file", "notes.txt"],
            2,
            "profile notes.txt",
        ),
        case(
            &["reset", "ann@example.com", "--password-stdin", "--yes"],
            2,
            "unknown field",
        )
        .env("BREAKGLASS_PROFILE", "typo.toml")
        .stdin(PW),
        case(
            &[
                "create-admin",
                "root@example.com",
                "--password-stdin",
                "--yes",
            ],
            8,
            "already exists",
        )
        .stdin(PW),
        case(
            &["create-admin", "  ", "--password-stdin", "--yes"],
            2,
            "key is empty",
        )
        .stdin(PW),
        case(
            &["allow-reset", "ann@example.com", "--yes"],
            7,
            "reset-allowed",
        ),
        case(
            &["promote", "root@example.com", "--demote", "--yes"],
            8,
            "last admin",
        ),
        case(
            &["hash-password", "--password-stdin", "--cost", "40"],
            2,
            "4..=16",
        )
        .stdin(PW),
        case(
            &[
                "hash-password",
                "--password-stdin",
                "--scheme",
                "bcrypt",
                "--time-cost",
                "3",
            ],
            2,
            "Argon2's",
        )
        .stdin(PW),
        case(
            &["hash-password", "--password-stdin", "--scheme", "bcrypt"],
            8,
            "first 72",
        )
        .stdin("x".repeat(80)),
        case(
            &["profile", "check", "--table", "no_such_table"],
            7,
            "unusable",
        ),
        // doctor: settings the gateway could not read, and databases it cannot diagnose.
        case(
            &["doctor"],
            2,
            "PROTECT_ALL_ADMINS='maybe' is not a boolean",
        )
        .env("PROTECT_ALL_ADMINS", "maybe"),
        case(
            &["doctor"],
            2,
            "MAX_FAILED_LOGIN_ATTEMPTS='five' is not a whole number",
        )
        .env("MAX_FAILED_LOGIN_ATTEMPTS", "five"),
        case(&["doctor"], 2, "ACCOUNT_LOCKOUT_DURATION_MINUTES='1h'")
            .env("ACCOUNT_LOCKOUT_DURATION_MINUTES", "1h"),
        case(&["doctor"], 2, "TOKEN_EXPIRY='20m' is not a whole number").env("TOKEN_EXPIRY", "20m"),
        case(&["doctor"], 2, "PASSWORD_MAX_AGE_DAYS='ninety'")
            .env("PASSWORD_MAX_AGE_DAYS", "ninety"),
        case(
            &["doctor"],
            2,
            "EMAIL_AUTH_ENABLED='perhaps' is not a boolean",
        )
        .env("EMAIL_AUTH_ENABLED", "perhaps"),
        case(&["doctor"], 2, "SSO_ENABLED='2' is not a boolean").env("SSO_ENABLED", "2"),
        case(&["doctor"], 2, "PASSWORD_POLICY_ENABLED='enforced'")
            .env("PASSWORD_POLICY_ENABLED", "enforced"),
        case(
            &["doctor", "--env-file", "missing.env"],
            2,
            "cannot read the settings file",
        ),
        case(&["doctor", "--table", "no_such_table"], 7, "does not exist"),
        case(
            &["doctor", "--database-url", "sqlite:///./notes.txt"],
            7,
            "notes.txt",
        ),
        case(
            &["doctor", "--database-url", "sqlite:///./no-tables.db"],
            7,
            "table email_users does not exist",
        ),
        case(
            &["doctor", "--database-url", "sqlite:///./never-created.db"],
            7,
            "never-created.db",
        ),
    ]
}

fn run_case(db: &TestDb, case: &Case) {
    let args: Vec<&str> = case.args.iter().map(String::as_str).collect();
    let env: Vec<(&str, &str)> = case.env.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let before = db.snapshot();
    let started = Instant::now();
    let run = db.run_with(&args, case.stdin.as_deref(), &env);
    let took = started.elapsed();
    let shown: Vec<&str> = args
        .iter()
        .map(|a| if a.len() > 60 { "<long>" } else { *a })
        .collect();
    assert_eq!(run.code, case.code, "{shown:?}\nstderr: {}", run.stderr);
    assert!(
        run.stderr.contains(case.says),
        "{shown:?} should say {:?}; stderr: {}",
        case.says,
        run.stderr
    );
    assert!(
        !run.stderr.contains("panicked") && !run.stderr.contains("RUST_BACKTRACE"),
        "{shown:?}: {}",
        run.stderr
    );
    assert!(
        !run.stderr.contains("Secret-77"),
        "{shown:?} printed a URL's password: {}",
        run.stderr
    );
    // PostgreSQL's own source line (sqlx's "at line 948") means nothing to an operator; a
    // file's "at line 1, column 5" (TOML) does.
    let server_line = run.stderr.match_indices(" at line ").any(|(at, found)| {
        let rest = &run.stderr[at + found.len()..];
        let digits = rest.chars().take_while(char::is_ascii_digit).count();
        digits > 0 && !rest[digits..].starts_with(", column")
    });
    assert!(
        !server_line,
        "{shown:?} printed the server's source line: {}",
        run.stderr
    );
    assert!(took < Duration::from_secs(15), "{shown:?} took {took:?}");
    assert_eq!(db.snapshot(), before, "{shown:?} changed the database");
}

#[test]
fn bad_input_is_refused_with_its_exit_code_and_changes_nothing() {
    let db = TestDb::new(Engine::Sqlite);
    db.insert(&user("ann@example.com", PW));
    db.insert(&user("root@example.com", PW).admin());
    let cases = sqlite_cases(db.dir.path());
    assert!(cases.len() >= 60, "{} cases", cases.len());
    for case in &cases {
        run_case(&db, case);
    }
    eprintln!("bad inputs tried on SQLite: {}", cases.len());
}

#[test]
fn server_side_refusals_change_nothing() {
    for engine in engines().into_iter().filter(|e| *e != Engine::Sqlite) {
        let db = TestDb::new(engine);
        db.insert(&user("ann@example.com", PW));
        db.script(
            "CREATE TABLE odd_users (email VARCHAR(255), password_hash VARCHAR(255), is_admin DATE, is_active BOOLEAN)",
        );
        let mut cases = vec![
            case(&["list-admins", "--table", "no_such_table"], 7, "--table"),
            case(
                &["list-admins", "--table", "odd_users"],
                7,
                "odd_users.is_admin is date",
            ),
            case(&["unlock", "x' OR '1'='1", "--yes"], 3, "no user"),
            case(
                &["reset", "ann@example.com", "--password-stdin", "--yes"],
                8,
                "different from current",
            )
            .stdin(PW),
        ];
        if engine == Engine::Postgres {
            // A constraint of the site's own refuses the row: the server's message, without
            // the server's source line that sqlx appends.
            db.script(
                "ALTER TABLE email_users ADD CONSTRAINT site_rule CHECK (full_name IS NULL OR full_name <> 'Forbidden')",
            );
            cases.push(
                case(
                    &[
                        "create-admin",
                        "new@example.com",
                        "--full-name",
                        "Forbidden",
                        "--password-stdin",
                        "--yes",
                    ],
                    1,
                    "violates check constraint \"site_rule\"",
                )
                .stdin("Fresh-Admin-Pass-2026-Created!"),
            );
        }
        if engine == Engine::MySql {
            let base = std::env::var("BREAKGLASS_TEST_MYSQL_URL").expect("url");
            let wrong = base.replacen("root@", "root:Secret-77@", 1);
            cases.push(case(
                &["list-admins", "--database-url", &wrong],
                7,
                "cannot connect to MySQL/MariaDB",
            ));
            // This MariaDB offers no TLS; demanding it must fail, not fall back.
            let tls = format!("{base}?ssl-mode=required");
            cases.push(case(
                &["list-admins", "--database-url", &tls],
                7,
                "cannot connect to MySQL/MariaDB",
            ));
        }
        for case in &cases {
            run_case(&db, case);
        }
    }
}
