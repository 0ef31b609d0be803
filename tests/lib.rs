//! Black-box tests: the real binary against real SQLite, PostgreSQL and MariaDB databases.
//! One test binary (faster to link); each test gets its own database or schema.

mod support;

mod access;
mod airflow;
mod attach;
mod bad_input;
mod bad_input_apps;
mod connecting;
mod credentials;
mod detect;
mod devise;
mod django;
mod doctor;
mod faults;
mod flask_appbuilder;
mod generated;
mod gitea;
mod grafana;
mod hash_password;
mod help;
mod interactive;
mod list_admins;
mod mlflow;
mod netbox;
mod nextcloud;
mod pgbouncer;
mod prisma_bcryptjs;
mod profiles;
mod redmine;
mod sandbox;
mod schemes;
mod seam;
mod secrets;
mod servers;
mod streaming;
mod tables;
mod tls;
mod verify;
mod version;
mod wordpress;
mod write_path;
