//! Servers a test starts for itself on loopback, never touching the shared ones: a
//! throwaway PostgreSQL (to stop it mid-command, or to serve TLS with a CA the test made)
//! and PgBouncer in front of the shared PostgreSQL.

use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use crate::support::temp_dir;

pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .expect("a free loopback port")
        .port()
}

fn wait_for_port(port: u16, what: &str) {
    let deadline = Instant::now() + Duration::from_secs(30);
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(
            Instant::now() < deadline,
            "{what} did not start on port {port}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// A command run as the `postgres` user when the tests run as root (PostgreSQL and
/// PgBouncer both refuse to run as root).
fn as_server_user(program: &Path) -> Command {
    let root = std::fs::metadata("/proc/self").is_ok_and(|m| {
        use std::os::unix::fs::MetadataExt;
        m.uid() == 0
    });
    if root {
        let mut command = Command::new("runuser");
        command.args(["-u", "postgres", "--"]).arg(program);
        command
    } else {
        Command::new(program)
    }
}

fn run_checked(mut command: Command, what: &str) {
    let output = command.output().unwrap_or_else(|e| panic!("{what}: {e}"));
    assert!(
        output.status.success(),
        "{what} failed: {}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}

/// A folder the server user owns: the servers write their data, sockets and logs there.
fn server_dir() -> tempfile::TempDir {
    let dir = temp_dir();
    run_checked(
        {
            let mut chown = Command::new("chown");
            chown.args(["-R", "postgres"]).arg(dir.path());
            chown
        },
        "chown the server folder",
    );
    dir
}

/// Whether this machine can start servers of a test's own: PostgreSQL's server programs
/// and openssl (and PgBouncer when `bouncer` is set).
pub fn can_start_servers(bouncer: bool) -> bool {
    let postgres = std::fs::read_dir("/usr/lib/postgresql")
        .into_iter()
        .flatten()
        .filter_map(Result::ok)
        .any(|entry| entry.path().join("bin/initdb").exists());
    let openssl = Command::new("openssl").arg("version").output().is_ok();
    let pgbouncer = !bouncer || pgbouncer_program().is_some();
    crate::support::required_tool(
        "PostgreSQL's server programs, openssl and pgbouncer",
        postgres && openssl && pgbouncer,
    )
}

fn pgbouncer_program() -> Option<PathBuf> {
    ["/usr/sbin/pgbouncer", "/usr/bin/pgbouncer"]
        .into_iter()
        .map(PathBuf::from)
        .find(|path| path.exists())
}

/// The newest installed PostgreSQL server program named `name`.
fn postgres_program(name: &str) -> PathBuf {
    let mut found: Vec<PathBuf> = std::fs::read_dir("/usr/lib/postgresql")
        .expect("PostgreSQL server programs under /usr/lib/postgresql")
        .filter_map(|entry| Some(entry.ok()?.path().join("bin").join(name)))
        .filter(|path| path.exists())
        .collect();
    found.sort();
    found
        .pop()
        .unwrap_or_else(|| panic!("no {name} under /usr/lib/postgresql"))
}

/// A certificate authority made for one test, and a server certificate it signed.
pub struct TestCa {
    dir: tempfile::TempDir,
}

impl TestCa {
    /// The server certificate names `dns_name` only (no IP address).
    pub fn new(dns_name: &str) -> TestCa {
        let dir = server_dir();
        let openssl = |args: &[&str]| {
            let mut command = Command::new("openssl");
            command.args(args).current_dir(dir.path());
            run_checked(command, &format!("openssl {}", args[0]));
        };
        let ec = [
            "-newkey",
            "ec",
            "-pkeyopt",
            "ec_paramgen_curve:prime256v1",
            "-nodes",
        ];
        openssl(
            &[
                &["req", "-x509"],
                &ec[..],
                &["-keyout", "ca.key", "-out", "ca.crt", "-days", "2"],
            ]
            .concat()
            .into_iter()
            .chain(["-subj", "/CN=breakglass test CA"])
            .collect::<Vec<_>>(),
        );
        let subject = format!("/CN={dns_name}");
        openssl(
            &[
                &["req"],
                &ec[..],
                &["-keyout", "server.key", "-out", "server.csr"],
            ]
            .concat()
            .into_iter()
            .chain(["-subj", subject.as_str()])
            .collect::<Vec<_>>(),
        );
        std::fs::write(
            dir.path().join("server.ext"),
            format!("subjectAltName=DNS:{dns_name}\nextendedKeyUsage=serverAuth\n"),
        )
        .expect("extensions file");
        openssl(&[
            "x509",
            "-req",
            "-in",
            "server.csr",
            "-CA",
            "ca.crt",
            "-CAkey",
            "ca.key",
            "-CAcreateserial",
            "-out",
            "server.crt",
            "-days",
            "2",
            "-extfile",
            "server.ext",
        ]);
        run_checked(
            {
                let mut chown = Command::new("chown");
                chown.args(["-R", "postgres"]).arg(dir.path());
                chown
            },
            "chown the certificates",
        );
        TestCa { dir }
    }

    pub fn ca_cert(&self) -> PathBuf {
        self.dir.path().join("ca.crt")
    }

    fn server_files(&self) -> (PathBuf, PathBuf) {
        (
            self.dir.path().join("server.crt"),
            self.dir.path().join("server.key"),
        )
    }
}

/// A PostgreSQL cluster of the test's own on a free loopback port.
pub struct ScratchPostgres {
    dir: tempfile::TempDir,
    pub port: u16,
}

impl ScratchPostgres {
    pub fn start(tls: Option<&TestCa>) -> ScratchPostgres {
        let dir = server_dir();
        let port = free_port();
        let data = dir.path().join("data");
        let mut initdb = as_server_user(&postgres_program("initdb"));
        initdb
            .args(["-A", "trust", "-U", "postgres", "--no-sync", "-D"])
            .arg(&data);
        run_checked(initdb, "initdb");
        let mut conf = format!(
            "listen_addresses = '127.0.0.1'\nport = {port}\nunix_socket_directories = '{}'\nfsync = off\n",
            dir.path().display()
        );
        if let Some(ca) = tls {
            let (cert, key) = ca.server_files();
            conf.push_str(&format!(
                "ssl = on\nssl_cert_file = '{}'\nssl_key_file = '{}'\n",
                cert.display(),
                key.display()
            ));
        }
        let conf_path = data.join("postgresql.conf");
        let mut text = std::fs::read_to_string(&conf_path).expect("postgresql.conf");
        text.push_str(&conf);
        std::fs::write(&conf_path, text).expect("write postgresql.conf");
        let server = ScratchPostgres { dir, port };
        server.start_again();
        server
    }

    /// A hot standby streaming from `primary`: read-only, as a replica is.
    pub fn standby_of(primary: &ScratchPostgres) -> ScratchPostgres {
        let dir = server_dir();
        let port = free_port();
        let data = dir.path().join("data");
        let mut backup = as_server_user(&postgres_program("pg_basebackup"));
        backup
            .args([
                "-h",
                "127.0.0.1",
                "-p",
                &primary.port.to_string(),
                "-U",
                "postgres",
            ])
            .args(["-X", "stream", "-R", "-c", "fast", "-D"])
            .arg(&data);
        run_checked(backup, "pg_basebackup");
        let conf_path = data.join("postgresql.conf");
        let mut text = std::fs::read_to_string(&conf_path).expect("postgresql.conf");
        text.push_str(&format!(
            "port = {port}\nunix_socket_directories = '{}'\nhot_standby = on\n",
            dir.path().display()
        ));
        std::fs::write(&conf_path, text).expect("write postgresql.conf");
        let standby = ScratchPostgres { dir, port };
        standby.start_again();
        standby
    }

    fn pg_ctl(&self, args: &[&str]) -> Command {
        let mut command = as_server_user(&postgres_program("pg_ctl"));
        command
            .arg("-D")
            .arg(self.dir.path().join("data"))
            .args(args);
        command
    }

    pub fn start_again(&self) {
        let log = self.dir.path().join("server.log");
        let mut start = self.pg_ctl(&["-w", "-t", "60", "-l"]);
        start.arg(&log).arg("start");
        run_checked(start, "pg_ctl start");
        wait_for_port(self.port, "PostgreSQL");
    }

    /// Stops the server the hard way: every session ends at once, as in a crash.
    pub fn stop_immediately(&self) {
        run_checked(
            self.pg_ctl(&["-w", "-m", "immediate", "stop"]),
            "pg_ctl stop",
        );
    }

    /// A URL for `database` on this server, with `query` appended (e.g. "sslmode=require").
    pub fn url(&self, host: &str, database: &str, query: &str) -> String {
        let mut url = format!("postgresql://postgres@{host}:{}/{database}", self.port);
        if !query.is_empty() {
            url.push('?');
            url.push_str(query);
        }
        url
    }
}

impl Drop for ScratchPostgres {
    fn drop(&mut self) {
        let _ = self.pg_ctl(&["-m", "immediate", "stop"]).output();
    }
}

/// PgBouncer in transaction-pooling mode, in front of the shared PostgreSQL.
pub struct PgBouncer {
    dir: tempfile::TempDir,
    pub port: u16,
}

impl PgBouncer {
    pub fn start(upstream_host: &str, upstream_port: u16, user: &str) -> PgBouncer {
        let program = pgbouncer_program().expect("pgbouncer is installed (see can_start_servers)");
        let dir = server_dir();
        let port = free_port();
        let ini = dir.path().join("pgbouncer.ini");
        // A stock transaction-pooling setup: no startup parameters ignored.
        std::fs::write(
            &ini,
            format!(
                "[databases]\n* = host={upstream_host} port={upstream_port} user={user}\n\
                 [pgbouncer]\nlisten_addr = 127.0.0.1\nlisten_port = {port}\nauth_type = any\n\
                 pool_mode = transaction\ndefault_pool_size = 2\nunix_socket_dir =\nlogfile = {dir}/pgbouncer.log\n\
                 pidfile = {dir}/pgbouncer.pid\n",
                dir = dir.path().display()
            ),
        )
        .expect("pgbouncer.ini");
        let mut start = as_server_user(&program);
        start.arg("-d").arg(&ini);
        run_checked(start, "pgbouncer");
        wait_for_port(port, "PgBouncer");
        PgBouncer { dir, port }
    }

    pub fn log(&self) -> String {
        std::fs::read_to_string(self.dir.path().join("pgbouncer.log")).unwrap_or_default()
    }
}

impl Drop for PgBouncer {
    fn drop(&mut self) {
        if let Ok(pid) = std::fs::read_to_string(self.dir.path().join("pgbouncer.pid")) {
            let _ = Command::new("kill").arg(pid.trim()).output();
        }
    }
}

/// A Redis server of the test's own on a free loopback port, speaking only TLS with a
/// certificate `ca` signed; stopped when dropped.
pub struct TlsRedis {
    child: std::process::Child,
    pub port: u16,
}

impl TlsRedis {
    pub fn start(ca: &TestCa) -> TlsRedis {
        let port = free_port();
        let (cert, key) = ca.server_files();
        let child = Command::new("redis-server")
            .args(["--port", "0", "--tls-port", &port.to_string()])
            .arg("--tls-cert-file")
            .arg(&cert)
            .arg("--tls-key-file")
            .arg(&key)
            .arg("--tls-ca-cert-file")
            .arg(ca.ca_cert())
            .args([
                "--tls-auth-clients",
                "no",
                "--save",
                "",
                "--appendonly",
                "no",
            ])
            .args(["--bind", "127.0.0.1"])
            .stdout(std::process::Stdio::null())
            .spawn()
            .expect("redis-server starts");
        wait_for_port(port, "redis-server with TLS");
        TlsRedis { child, port }
    }
}

impl Drop for TlsRedis {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
