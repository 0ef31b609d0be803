//! The application seam: which table and columns hold the users, how the application
//! reads them, who it treats as an admin and how it decides a login.

pub mod admins;
pub mod builtin;
pub mod credentials;
pub mod detect;
pub mod diagnosis;
pub mod extras;
pub mod inactive_row;
pub mod linked;
pub mod login;
pub mod login_rules;
pub mod membership;
pub mod php_serialized;
pub mod profile;
pub mod release;
pub mod table;
pub mod user;

pub use login_rules::LoginRules;
pub use profile::{Field, Profile};
pub use table::UsersTable;
pub use user::User;
