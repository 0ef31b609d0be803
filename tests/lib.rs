//! Black-box tests: the real binary against real SQLite, PostgreSQL and MariaDB databases.
//! One test binary (faster to link); each test gets its own database or schema.

mod support;

mod bad_input;
mod connecting;
mod faults;
mod generated;
mod hash_password;
mod interactive;
mod list_admins;
mod pgbouncer;
mod profiles;
mod sandbox;
mod secrets;
mod servers;
mod tls;
mod verify;
mod version;
mod write_path;
