//! The users table as found in one database: which profile columns exist, and the
//! queries every command shares (select, look up one user, count).

use anyhow::Result;

use super::profile::{FlagValues, Need, Normalize};
use super::user::text_of;
use super::{Field, Profile, User};
use crate::db::{ColumnInfo, Database, Dialect, Value};
use crate::exit::{AMBIGUOUS, DATABASE, Failure, USER_NOT_FOUND};

/// What kind of column a field needs, when the declared type plainly is something else.
/// Generous on purpose: SQLite declares almost anything, and only a clear mismatch is refused.
pub fn type_mismatch(field: Field, declared: &str) -> Option<&'static str> {
    let words: Vec<&str> = declared
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let integer = |w: &&str| {
        matches!(
            *w,
            "int"
                | "integer"
                | "tinyint"
                | "smallint"
                | "mediumint"
                | "bigint"
                | "int2"
                | "int4"
                | "int8"
                | "numeric"
                | "decimal"
                | "number"
                | "serial"
                | "bigserial"
        )
    };
    let fits = |test: &dyn Fn(&&str) -> bool| words.is_empty() || words.iter().any(test);
    let (fits, expected) = match field {
        Field::IsAdmin
        | Field::IsActive
        | Field::ChangeRequired
        | Field::ResetAllowed
        | Field::AdminAlso => (
            fits(&|w| w.starts_with("bool") || *w == "bit" || integer(w)),
            "a boolean",
        ),
        Field::FailedAttempts => (fits(&integer), "an integer"),
        Field::LockedUntil
        | Field::PasswordChangedAt
        | Field::LastLogin
        | Field::CreatedAt
        | Field::UpdatedAt => (
            fits(&|w| {
                w.contains("time") || w.contains("date") || w.contains("char") || w.contains("text")
            }),
            "a timestamp",
        ),
        Field::Id
        | Field::UnlockToken
        | Field::KeyLowercase
        | Field::Email
        | Field::PasswordHash
        | Field::FullName
        | Field::HashType
        | Field::AuthProvider
        | Field::Salt
        | Field::HashAlgorithm
        | Field::ContactEmail
        | Field::KeyAlso => (
            fits(&|w| {
                w.contains("char")
                    || w.contains("text")
                    || matches!(*w, "clob" | "string" | "uuid")
                    || integer(w)
            }),
            "text",
        ),
    };
    (!fits).then_some(expected)
}

/// One column's new value in an UPDATE or INSERT.
pub struct Assignment {
    /// The quoted column.
    pub column: String,
    pub value: Value,
    /// The column's type, where the parameter must be cast to it.
    cast: Option<String>,
}

impl Assignment {
    pub fn plain(column: String, value: Value) -> Assignment {
        Assignment {
            column,
            value,
            cast: None,
        }
    }

    /// The placeholder for this value as parameter `n`.
    pub fn placeholder(&self, dialect: Dialect, n: usize) -> String {
        match &self.cast {
            Some(declared) => format!("CAST({} AS {declared})", dialect.placeholder(n)),
            None => dialect.placeholder(n),
        }
    }
}

fn is_text_type(declared: &str) -> bool {
    let declared = declared.to_ascii_lowercase();
    ["char", "text", "string", "clob"]
        .iter()
        .any(|word| declared.contains(word))
}

pub struct UsersTable {
    pub profile: Profile,
    dialect: Dialect,
    /// The profile's columns that exist, in SELECT order.
    fields: Vec<(Field, String)>,
    /// For each of `fields`, the values of a flag kept as "column equals value".
    values: Vec<Option<FlagValues>>,
    /// For each of `fields`, whether it is a boolean that says the opposite.
    inverted: Vec<bool>,
    /// Every column of the table, as the catalog declares it.
    columns: Vec<ColumnInfo>,
    /// With admin by membership: the ids of the users holding the role.
    members: Option<std::collections::BTreeSet<String>>,
    /// With an inactive-row table: the keys marked inactive now.
    inactive: std::collections::BTreeSet<String>,
    /// With a lockout table: the keys locked out now, with their failures.
    lockouts: std::collections::BTreeMap<String, i64>,
    /// The application release the schema revision names ("gateway 0.8.0, revision …").
    release: Option<String>,
}

impl UsersTable {
    /// Checks the table and its required columns exist (exit 7 naming what is missing).
    pub async fn bind(db: &mut Database, profile: Profile) -> Result<UsersTable> {
        let existing = db.columns(&profile.table).await?;
        if existing.is_empty() {
            let place = db.describe().await?;
            return Err(Failure::error(
                DATABASE,
                format!(
                    "table {} does not exist in {place}; is this {}'s database? \
                     If its users live in a table of another name, pass --table NAME{}",
                    profile.table,
                    app_name(&profile),
                    other_profile_hint(&profile)
                ),
            ));
        }
        let has = |column: &str| {
            existing
                .iter()
                .any(|info| info.name.eq_ignore_ascii_case(column))
        };
        // Each named with the profile key that asks for it, so a profile's author knows where.
        let missing: Vec<String> = profile
            .columns
            .iter()
            .filter(|spec| spec.need == Need::Required && !has(&spec.column))
            .map(|spec| format!("{} (the profile's {})", spec.column, spec.field.concept()))
            .collect();
        if !missing.is_empty() {
            return Err(Failure::error(
                DATABASE,
                format!(
                    "table {} has no column {}, which breakglass needs; it does not look like {}'s \
                     users table (pass --table NAME if the users live elsewhere){}",
                    profile.table,
                    missing.join(", "),
                    app_name(&profile),
                    other_profile_hint(&profile)
                ),
            ));
        }
        let present: Vec<_> = profile
            .columns
            .iter()
            .filter(|spec| has(&spec.column))
            .collect();
        let fields: Vec<(Field, String)> = present
            .iter()
            .map(|spec| (spec.field, spec.column.clone()))
            .collect();
        let values = present.iter().map(|spec| spec.values.clone()).collect();
        let inverted = present.iter().map(|spec| spec.inverted).collect();
        for spec in present.iter().filter(|spec| spec.values.is_none()) {
            let (field, column) = (&spec.field, &spec.column);
            let declared = existing
                .iter()
                .find(|info| info.name.eq_ignore_ascii_case(column))
                .map(|info| info.declared_type.to_ascii_lowercase())
                .unwrap_or_default();
            if let Some(expected) = type_mismatch(*field, &declared) {
                return Err(Failure::error(
                    DATABASE,
                    format!(
                        "column {}.{column} is {declared}, where {app} keeps {expected}; it does not look like \
                         {app}'s users table (pass --table NAME if the users live elsewhere){}",
                        profile.table,
                        other_profile_hint(&profile),
                        app = app_name(&profile),
                    ),
                ));
            }
        }
        let mut table = UsersTable {
            dialect: db.dialect(),
            profile,
            fields,
            values,
            inverted,
            columns: existing,
            members: None,
            release: None,
            lockouts: Default::default(),
            inactive: Default::default(),
        };
        table.load_members(db).await?;
        table.load_inactive(db).await?;
        table.load_lockouts(db).await?;
        Ok(table)
    }

    /// Reads who holds the admin role now (after a grant or revoke, inside its transaction).
    pub async fn load_members(&mut self, db: &mut Database) -> Result<()> {
        if let Some(membership) = &self.profile.membership {
            self.members = Some(membership.members(db).await?);
        }
        Ok(())
    }

    /// Reads who is marked inactive now (after a mark or its removal, inside its transaction).
    pub async fn load_inactive(&mut self, db: &mut Database) -> Result<()> {
        if let Some(marker) = &self.profile.inactive_row {
            self.inactive = marker.inactive_keys(db).await?;
        }
        Ok(())
    }

    /// Reads who the lockout table locks out now (nothing when the profile or database has none).
    pub async fn load_lockouts(&mut self, db: &mut Database) -> Result<()> {
        self.lockouts.clear();
        let Some(lockout) = &self.profile.lockout else {
            return Ok(());
        };
        if !db.has_table(&lockout.table).await? {
            return Ok(());
        }
        let d = self.dialect;
        // Without a failures column each row is one failed attempt.
        let failures = match &lockout.failures_column {
            Some(column) => format!("MAX({})", d.quote(column)),
            None => "COUNT(*)".to_owned(),
        };
        let sql = format!(
            "SELECT {key}, {failures} FROM {table} GROUP BY {key} HAVING {failures} >= {p}",
            key = d.quote(&lockout.key_column),
            table = d.quote(&lockout.table),
            p = d.placeholder(1)
        );
        for row in db.fetch_all(&sql, &[Value::Int(lockout.limit)]).await? {
            if let [key, failures] = row.as_slice()
                && let Some(key) = text_of(key)
            {
                self.lockouts
                    .insert(key, failures.int().unwrap_or(lockout.limit));
            }
        }
        Ok(())
    }

    /// With admin by membership: `id IN (...)` for the members, with their ids bound after `bound`.
    pub fn members_sql(&self, bound: usize) -> Option<(String, Vec<Value>)> {
        let members = self.members.as_ref()?;
        let id = self.column_sql(Field::Id)?;
        if members.is_empty() {
            return Some(("1 = 0".to_owned(), Vec::new()));
        }
        let values: Vec<Value> = members.iter().map(|member| self.id_value(member)).collect();
        Some((
            format!(
                "{id} IN ({})",
                self.dialect.placeholders(bound, values.len())
            ),
            values,
        ))
    }

    /// A row id as the key column stores it: a number for an integer (serial) column.
    pub fn id_value(&self, id: &str) -> Value {
        let integer_column = self
            .profile
            .column(Field::Id)
            .and_then(|name| {
                self.columns
                    .iter()
                    .find(|info| info.name.eq_ignore_ascii_case(name))
            })
            .is_some_and(|info| {
                let declared = info.declared_type.to_ascii_lowercase();
                declared.contains("int") || declared.contains("serial")
            });
        match id.parse::<i64>() {
            Ok(number) if integer_column => Value::Int(number),
            _ => Value::Text(id.to_owned()),
        }
    }

    /// Every column of the table, as the catalog declares it.
    pub fn columns(&self) -> &[ColumnInfo] {
        &self.columns
    }

    /// Whether the table has this column (any case).
    pub fn has_column(&self, name: &str) -> bool {
        self.columns
            .iter()
            .any(|info| info.name.eq_ignore_ascii_case(name))
    }

    /// Columns an INSERT must give a value: NOT NULL, no default, no identity.
    pub fn columns_needing_values(&self) -> impl Iterator<Item = &ColumnInfo> {
        self.columns.iter().filter(|column| column.needs_value)
    }

    /// The column assignments that store `value` for `field`: one per column holding it
    /// (a profile may keep "active" in two), a flag written as its value where it has one.
    /// Exit 7 when the table has no such column, or the profile no value for false.
    pub fn assignments(&self, field: Field, value: &Value) -> Result<Vec<Assignment>> {
        // A hash that spans columns is written to each of them, in the same statement.
        if field == Field::PasswordHash
            && let Some(parts) = value.text().and_then(crate::password::salted::parts)
        {
            let mut out = Vec::new();
            for (part, text) in [
                (Field::PasswordHash, Some(parts.hash)),
                (Field::Salt, Some(parts.salt)),
                (Field::HashAlgorithm, parts.algorithm),
            ] {
                if let Some(text) = text {
                    out.extend(self.assignment_of(part, &Value::Text(text.to_owned()))?);
                }
            }
            return Ok(out);
        }
        self.assignment_of(field, value)
    }

    fn assignment_of(&self, field: Field, value: &Value) -> Result<Vec<Assignment>> {
        let mut out = Vec::new();
        for (((f, column), values), inverted) in
            self.fields.iter().zip(&self.values).zip(&self.inverted)
        {
            if *f != field {
                continue;
            }
            let value = match value {
                Value::Bool(flag) if *inverted => &Value::Bool(!flag),
                other => other,
            };
            let stored = match (values, value) {
                (Some(flag), Value::Bool(true)) => Value::Text(flag.on.clone()),
                (Some(flag), Value::Bool(false)) => match &flag.off {
                    Some(off) => Value::Text(off.clone()),
                    None => {
                        return Err(Failure::error(
                            DATABASE,
                            format!(
                                "profile {} says column {column} equals '{}' when set, but gives no value for \
                                 unset; add otherwise = \"...\" to the profile",
                                self.profile.name, flag.on
                            ),
                        ));
                    }
                },
                _ => value.clone(),
            };
            // A PostgreSQL enum (Prisma's `enum Role`) takes a text parameter only by a cast.
            let cast = match (values, self.dialect) {
                (Some(_), Dialect::Postgres) => self
                    .columns
                    .iter()
                    .find(|info| info.name.eq_ignore_ascii_case(column))
                    .map(|info| info.declared_type.clone())
                    .filter(|declared| !is_text_type(declared)),
                _ => None,
            };
            out.push(Assignment {
                column: self.dialect.quote(column),
                value: stored,
                cast,
            });
        }
        Ok(out)
    }

    /// A condition true for rows where `field` is set, or None if the table lacks it.
    pub fn flag_sql(&self, field: Field) -> Option<String> {
        let conditions: Vec<String> = self
            .fields
            .iter()
            .zip(&self.values)
            .zip(&self.inverted)
            .filter(|(((f, _), _), _)| *f == field)
            .map(|(((_, column), values), inverted)| {
                let column = self.dialect.quote(column);
                match values {
                    Some(flag) => format!("{column} = '{}'", flag.on.replace('\'', "''")),
                    // NULL counts as false, so its opposite is true, as the application reads it.
                    None if *inverted => {
                        format!(
                            "NOT COALESCE({}, FALSE)",
                            self.dialect.truthy(&column, self.profile.text_booleans)
                        )
                    }
                    None => self.dialect.truthy(&column, self.profile.text_booleans),
                }
            })
            .collect();
        match conditions.len() {
            0 => None,
            1 => conditions.into_iter().next(),
            _ => Some(format!("({})", conditions.join(" AND "))),
        }
    }

    /// Names the release the schema is, for messages about what it lacks.
    pub fn set_release(&mut self, release: String) {
        self.release = Some(release);
    }

    /// What the table belongs to, for messages: the release where known, else the profile.
    pub fn origin(&self) -> String {
        self.release
            .clone()
            .unwrap_or_else(|| format!("profile {}", self.profile.name))
    }

    /// Says plainly (exit 7) that a command needs a concept this profile or table lacks.
    /// The inactive state can be written: an active column, or a row in another table
    /// (Nextcloud's preference); exit 7 otherwise.
    pub fn require_active(&self, command: &str) -> Result<()> {
        if self.profile.inactive_row.is_some() {
            return Ok(());
        }
        self.require(Field::IsActive, "an active column", command)
            .map(|_| ())
    }

    pub fn require(&self, field: Field, concept: &str, command: &str) -> Result<String> {
        self.column_sql(field).ok_or_else(|| {
            if let Some((_, sentence)) = self.profile.lacks.iter().find(|(f, _)| *f == field) {
                return Failure::error(
                    DATABASE,
                    format!("{command}: {sentence}; nothing was changed"),
                );
            }
            let missing = self
                .profile
                .column(field)
                .map(|column| format!(" (no column {column})"))
                .unwrap_or_default();
            Failure::error(
                DATABASE,
                format!(
                    "{command} needs {concept}, and {} has none{missing} ({}); nothing was changed",
                    self.profile.table,
                    self.origin()
                ),
            )
        })
    }

    pub fn fields(&self) -> &[(Field, String)] {
        &self.fields
    }

    /// Stops selecting the fields a listing neither shows nor judges (creation and update times,
    /// reset and unlock markers, the id where no membership needs it): over a million users the
    /// driver's copy of each cell is a third of the time.
    pub fn read_for_listing(&mut self) {
        let id_needed = self.members.is_some();
        let unread = |field: Field| match field {
            Field::CreatedAt | Field::UpdatedAt | Field::ResetAllowed | Field::UnlockToken => true,
            Field::Id => !id_needed,
            _ => false,
        };
        let (fields, (values, inverted)) = std::mem::take(&mut self.fields)
            .into_iter()
            .zip(
                std::mem::take(&mut self.values)
                    .into_iter()
                    .zip(std::mem::take(&mut self.inverted)),
            )
            .filter(|((field, _), _)| !unread(*field))
            .unzip();
        self.fields = fields;
        self.values = values;
        self.inverted = inverted;
    }

    /// A flag kept as a value, as its column stores it, for a plan: `status: 3 -> 1`, not
    /// `false -> true`. `written`: the value a change writes (else the one read). Columns that
    /// hold a boolean show it as it is.
    pub fn stored_flag(
        &self,
        index: usize,
        user: &User,
        value: serde_json::Value,
        written: bool,
    ) -> serde_json::Value {
        // A column whose true means the concept's false (Grafana's is_disabled) shows what it stores.
        if self.inverted.get(index) == Some(&true)
            && let Some(set) = value.as_bool()
        {
            return serde_json::Value::Bool(!set);
        }
        let (Some(Some(flag)), Some(set)) = (self.values.get(index), value.as_bool()) else {
            return value;
        };
        let shown = match (set, written, &flag.locked, &flag.off) {
            (true, _, _, _) => flag.on.clone(),
            (false, false, Some(locked), _) if user.locked_state => locked.clone(),
            (false, true, _, Some(off)) => off.clone(),
            // Read: some value other than the one that means true.
            (false, _, _, _) => format!("not {}", flag.on),
        };
        serde_json::Value::String(shown)
    }

    pub fn table_sql(&self) -> String {
        self.dialect.quote(&self.profile.table)
    }

    /// The quoted column for a field, if the table has it.
    pub fn column_sql(&self, field: Field) -> Option<String> {
        self.fields
            .iter()
            .find(|(f, _)| *f == field)
            .map(|(_, column)| self.dialect.quote(column))
    }

    fn email_sql(&self) -> String {
        // Email is a required column, so bind() guarantees it is present.
        self.column_sql(Field::Email).unwrap_or_default()
    }

    /// `SELECT <every present column> FROM <table>` followed by `tail` (WHERE, ORDER BY).
    /// A flag kept as a value is read as text: a PostgreSQL enum (Prisma's `enum Role`) would
    /// make sqlx look its type up in the middle of a statement, which breaks unnamed ones.
    pub fn select_sql(&self, tail: &str) -> String {
        let columns: Vec<String> = self
            .fields
            .iter()
            .zip(&self.values)
            .map(|((_, c), values)| match (values, self.dialect) {
                (Some(_), Dialect::Postgres) => format!("CAST({} AS TEXT)", self.dialect.quote(c)),
                _ => self.dialect.quote(c),
            })
            .collect();
        format!(
            "SELECT {} FROM {} {tail}",
            columns.join(", "),
            self.table_sql()
        )
    }

    /// Decodes a row selected by [`UsersTable::select_sql`], as the application reads it.
    pub fn decode(&self, row: Vec<Value>) -> User {
        let mut user = User::default();
        // A profile may keep "active" in several columns (is_active and a status): all must say so.
        let mut active = true;
        for ((((field, column), values), inverted), value) in self
            .fields
            .iter()
            .zip(&self.values)
            .zip(&self.inverted)
            .zip(row)
        {
            let value = match values {
                Some(flag) => {
                    let text = text_of(&value);
                    user.locked_state |= flag.locked.is_some() && text == flag.locked;
                    Value::Bool(text.is_some_and(|text| text == flag.on))
                }
                None if *inverted => Value::Bool(!super::user::decode_flag(
                    column,
                    &value,
                    self.profile.reading(),
                    &mut user.oddities,
                )),
                None => value,
            };
            user.take(*field, column, value, self.profile.reading());
            if *field == Field::IsActive {
                active &= user.is_active;
            }
        }
        user.is_active = active && !self.inactive.contains(&user.email);
        if let Some(lock) = self.profile.lock_start {
            user.locked_until = user.locked_until.map(|locked_at| lock.ends(locked_at));
        }
        user.password_hash = crate::password::salted::stored_form(
            self.profile.hash,
            user.password_hash.as_deref(),
            user.salt.as_deref(),
            user.hash_algorithm.as_deref(),
        );
        if let (Some(members), Some(id)) = (&self.members, &user.id) {
            user.is_admin |= members.contains(id);
        }
        user.lockout_failures = self.lockouts.get(&user.email).copied();
        user.key_normalized = plain_key(&user.email) || self.profile.normalize.finds(&user.email);
        user
    }

    /// The key as the application stores it for what an operator typed.
    pub fn normalize(&self, key: &str) -> String {
        self.profile.normalize.apply(key)
    }

    /// Finds the one user an operator means: the input normalised as the gateway does,
    /// compared with stored emails ignoring case and surrounding spaces.
    pub async fn find(&self, db: &mut Database, email: &str) -> Result<User> {
        let wanted = self.normalize(email);
        if wanted.trim().is_empty() {
            return Err(Failure::error(
                USER_NOT_FOUND,
                "the email is empty; name the user, e.g. admin@example.com",
            ));
        }
        let key = self.email_sql();
        let stored = match self.profile.normalize {
            Normalize::Lowercase | Normalize::IgnoreCase => format!("LOWER(TRIM({key}))"),
            Normalize::Trim => format!("TRIM({key})"),
            Normalize::Exact => key.clone(),
        };
        let mut params = vec![Value::Text(wanted.clone())];
        let mut condition = format!("{stored} = {}", self.dialect.placeholder(1));
        // Where the key is a username, the operator may name the user by email instead.
        if let Some(contact) = self.column_sql(Field::ContactEmail) {
            condition = format!(
                "({condition} OR LOWER(TRIM({contact})) = {})",
                self.dialect.placeholder(2)
            );
            params.push(Value::Text(email.trim().to_lowercase()));
        }
        if let Some(scope) = self.profile.scope.as_ref()
            && self.has_column(&scope.column)
        {
            params.push(scope.equals.value());
            condition = format!(
                "{condition} AND {} = {}",
                self.dialect.quote(&scope.column),
                self.dialect.placeholder(params.len())
            );
        }
        let sql = self.select_sql(&format!("WHERE {condition} ORDER BY {key}"));
        let rows = db.fetch_all(&sql, &params).await?;
        let mut users: Vec<User> = rows.into_iter().map(|row| self.decode(row)).collect();
        match users.len() {
            0 => {
                let near = self.near_keys(db, &wanted).await;
                let near: Vec<&str> = near.iter().map(String::as_str).collect();
                let next = match crate::suggest::did_you_mean(&near) {
                    Some(question) => {
                        format!("{question} Every user: 'breakglass list-admins --all-users'")
                    }
                    None => "list the admins with 'breakglass list-admins' or every user with \
                             'breakglass list-admins --all-users'"
                        .to_owned(),
                };
                Err(Failure::error(
                    USER_NOT_FOUND,
                    format!("no user {wanted} in table {}; {next}", self.profile.table),
                ))
            }
            1 => Ok(users.remove(0)),
            _ => {
                let listed: Vec<String> = users
                    .iter()
                    .map(|user| {
                        format!(
                            "'{}' (id {})",
                            user.email,
                            user.id.as_deref().unwrap_or("?")
                        )
                    })
                    .collect();
                Err(Failure::error(
                    AMBIGUOUS,
                    format!(
                        "{} rows match {wanted} once case and spaces are ignored: {}; {} can only log in \
                         the one stored exactly as '{wanted}'. Resolve the duplicates in the application first",
                        users.len(),
                        listed.join(", "),
                        self.profile.called
                    ),
                ))
            }
        }
    }

    /// Whether any row holds this key, a user or not (a Gitea organisation's name is taken too).
    pub async fn key_taken(&self, db: &mut Database, key: &str) -> Result<bool> {
        let condition = format!("{} = {}", self.email_sql(), self.dialect.placeholder(1));
        let params = [Value::Text(self.normalize(key))];
        Ok(self.count(db, Some((&condition, &params))).await? > 0)
    }

    pub async fn count(
        &self,
        db: &mut Database,
        condition: Option<(&str, &[Value])>,
    ) -> Result<i64> {
        let (tail, params) = match condition {
            Some((condition, params)) => (format!("WHERE {condition}"), params),
            None => (String::new(), &[][..]),
        };
        let sql = format!("SELECT COUNT(*) FROM {} {tail}", self.table_sql());
        Ok(db
            .fetch_scalar(&sql, params)
            .await?
            .and_then(|v| v.int())
            .unwrap_or(0))
    }

    /// The application's schema revision, when it records one.
    pub async fn revision(&self, db: &mut Database) -> Result<Option<String>> {
        let Some(table) = &self.profile.revision_table else {
            return Ok(None);
        };
        if !db.has_table(table).await? {
            return Ok(None);
        }
        let sql = format!("SELECT version_num FROM {}", self.dialect.quote(table));
        Ok(db
            .fetch_scalar(&sql, &[])
            .await?
            .and_then(|v| v.text().map(str::to_owned)))
    }

    /// The keys nearest to one nobody has, for "did you mean". Best effort: the first
    /// 100,000 users are compared, and a failed read suggests nothing.
    async fn near_keys(&self, db: &mut Database, wanted: &str) -> Vec<String> {
        let key = self.email_sql();
        let mut params = Vec::new();
        let mut scope = String::new();
        if let Some(rule) = self.profile.scope.as_ref()
            && self.has_column(&rule.column)
        {
            params.push(rule.equals.value());
            scope = format!(
                "WHERE {} = {}",
                self.dialect.quote(&rule.column),
                self.dialect.placeholder(1)
            );
        }
        let sql = format!(
            "SELECT {key} FROM {} {scope} LIMIT 100000",
            self.table_sql()
        );
        let keys: Vec<String> = match db.fetch_all(&sql, &params).await {
            Ok(rows) => rows
                .into_iter()
                .filter_map(|row| row.into_iter().next()?.text().map(str::to_owned))
                .collect(),
            Err(_) => return Vec::new(),
        };
        crate::suggest::nearest(wanted, keys.iter().map(String::as_str))
            .into_iter()
            .map(str::to_owned)
            .collect()
    }

    pub fn dialect(&self) -> Dialect {
        self.dialect
    }
}

fn app_name(profile: &Profile) -> String {
    profile.called.clone()
}

fn other_profile_hint(profile: &Profile) -> &'static str {
    if profile.is_default() {
        "; for another application name its profile with --profile NAME (breakglass profile list)"
    } else {
        ", or check --profile-file against it with 'breakglass profile check'"
    }
}

/// A key of lower-case ASCII without spaces, which every normalisation leaves as it is:
/// nearly every stored email. Checked first because `Normalize::finds` builds a lower-cased
/// copy, one allocation per row of a listing.
fn plain_key(key: &str) -> bool {
    key.bytes()
        .all(|byte| byte.is_ascii_graphic() && !byte.is_ascii_uppercase())
}

#[cfg(test)]
mod tests {
    #[test]
    fn plain_keys_are_found_by_every_normalisation() {
        let rules = [
            Normalize::Lowercase,
            Normalize::Trim,
            Normalize::Exact,
            Normalize::IgnoreCase,
        ];
        for key in ["ann@x.io", "", "user1@example.com", "a.b+c_d@x-y.io"] {
            assert!(plain_key(key), "{key}");
            assert!(rules.iter().all(|rule| rule.finds(key)), "{key}");
        }
        for key in [
            "Ann@x.io",
            " ann@x.io",
            "ann@x.io\t",
            "ann b@x.io",
            "émile@x.io",
        ] {
            assert!(!plain_key(key), "{key}");
        }
    }

    use super::*;

    #[test]
    fn only_plain_type_mismatches_are_refused() {
        for (field, declared) in [
            (Field::IsAdmin, "boolean"),
            (Field::IsAdmin, "tinyint"),
            (Field::IsAdmin, ""),
            (Field::LockedUntil, "timestamp with time zone"),
            (Field::LockedUntil, "datetime"),
            (Field::Email, "character varying"),
            (Field::FailedAttempts, "integer"),
        ] {
            assert_eq!(type_mismatch(field, declared), None, "{field:?} {declared}");
        }
        assert_eq!(type_mismatch(Field::IsAdmin, "point"), Some("a boolean"));
        assert_eq!(
            type_mismatch(Field::LockedUntil, "boolean"),
            Some("a timestamp")
        );
        assert_eq!(type_mismatch(Field::Email, "bytea"), Some("text"));
    }
}
