-- The ContextForge gateway's user tables on SQLite, as its Alembic chain leaves them
-- (mcp-contextforge-gateway 1.0.7). Column order, defaults and index names follow the
-- real DDL, including BOOLEAN DEFAULT 'false' on password_change_required, which the
-- gateway reads as true when a row is inserted without that column.

CREATE TABLE email_auth_events (
	id INTEGER NOT NULL,
	timestamp DATETIME DEFAULT (CURRENT_TIMESTAMP) NOT NULL,
	user_email VARCHAR(255),
	event_type VARCHAR(50) NOT NULL,
	success BOOLEAN NOT NULL,
	ip_address VARCHAR(45),
	user_agent TEXT,
	failure_reason VARCHAR(255),
	details TEXT,
	CONSTRAINT pk_email_auth_events PRIMARY KEY (id)
);
CREATE INDEX idx_email_auth_events_timestamp ON email_auth_events (timestamp);
CREATE INDEX idx_email_auth_events_timestamp_id ON email_auth_events (timestamp, id);
CREATE INDEX idx_email_auth_events_user_email ON email_auth_events (user_email);
CREATE INDEX idx_email_auth_events_user_email_timestamp ON email_auth_events (user_email, timestamp);
CREATE INDEX idx_email_auth_events_user_type_time ON email_auth_events (user_email, event_type, timestamp);
CREATE INDEX idx_email_auth_events_event_type ON email_auth_events (event_type);
CREATE INDEX idx_email_auth_events_success ON email_auth_events (success);
CREATE INDEX idx_email_auth_events_ip_address ON email_auth_events (ip_address);
CREATE INDEX idx_email_auth_events_success_time ON email_auth_events (success, timestamp);
CREATE INDEX idx_email_auth_events_ip_time ON email_auth_events (ip_address, timestamp);
CREATE INDEX idx_email_auth_events_type_success_time ON email_auth_events (event_type, success, timestamp);

CREATE TABLE "email_users" (
	email VARCHAR(255) NOT NULL,
	password_hash VARCHAR(255) NOT NULL,
	full_name VARCHAR(255),
	is_admin BOOLEAN DEFAULT 0 NOT NULL,
	is_active BOOLEAN DEFAULT 1 NOT NULL,
	email_verified_at DATETIME,
	auth_provider VARCHAR(50) DEFAULT 'local' NOT NULL,
	password_hash_type VARCHAR(20) DEFAULT 'argon2id' NOT NULL,
	failed_login_attempts INTEGER DEFAULT 0 NOT NULL,
	locked_until DATETIME,
	created_at DATETIME DEFAULT (CURRENT_TIMESTAMP) NOT NULL,
	updated_at DATETIME DEFAULT (CURRENT_TIMESTAMP) NOT NULL,
	last_login DATETIME,
	password_change_required BOOLEAN DEFAULT 'false' NOT NULL,
	password_changed_at DATETIME,
	admin_origin VARCHAR(20),
	id VARCHAR(36) NOT NULL,
	CONSTRAINT pk_email_users PRIMARY KEY (id),
	CONSTRAINT uq_email_users_email UNIQUE (email)
);
CREATE INDEX idx_email_users_created_at_email ON email_users (created_at, email);
CREATE INDEX idx_email_users_email ON email_users (email);
CREATE INDEX ix_email_users_full_name ON email_users (full_name);

CREATE TABLE password_history (
	id VARCHAR(36) NOT NULL,
	user_email VARCHAR(255) NOT NULL,
	password_hash TEXT NOT NULL,
	changed_at DATETIME NOT NULL,
	CONSTRAINT pk_password_history PRIMARY KEY (id),
	CONSTRAINT fk_password_history_user_email FOREIGN KEY(user_email) REFERENCES email_users (email) ON DELETE CASCADE
);
CREATE INDEX ix_password_history_user_email ON password_history (user_email);
CREATE INDEX ix_password_history_user_email_changed_at ON password_history (user_email, changed_at);

CREATE TABLE roles (
	id VARCHAR(36) NOT NULL,
	name VARCHAR(255) NOT NULL,
	description TEXT,
	scope VARCHAR(20) NOT NULL,
	permissions JSON NOT NULL,
	inherits_from VARCHAR(36),
	created_by VARCHAR(255) NOT NULL,
	is_system_role BOOLEAN NOT NULL,
	is_active BOOLEAN NOT NULL,
	created_at DATETIME NOT NULL,
	updated_at DATETIME NOT NULL,
	CONSTRAINT pk_roles PRIMARY KEY (id)
);
CREATE INDEX idx_roles_inherits_from ON roles (inherits_from);
CREATE INDEX idx_roles_created_by ON roles (created_by);
CREATE UNIQUE INDEX uq_roles_name_scope_active ON roles (name, scope) WHERE is_active = 1;

CREATE TABLE user_roles (
	id VARCHAR(36) NOT NULL,
	user_email VARCHAR(255) NOT NULL,
	role_id VARCHAR(36) NOT NULL,
	scope VARCHAR(20) NOT NULL,
	scope_id VARCHAR(36),
	granted_by VARCHAR(255) NOT NULL,
	granted_at DATETIME NOT NULL,
	expires_at DATETIME,
	is_active BOOLEAN NOT NULL, migration_source VARCHAR(50), grant_source VARCHAR(50),
	CONSTRAINT pk_user_roles PRIMARY KEY (id)
);
CREATE INDEX idx_user_roles_user_email ON user_roles (user_email);
CREATE INDEX idx_user_roles_role_id ON user_roles (role_id);
CREATE INDEX idx_user_roles_scope ON user_roles (scope);
CREATE INDEX idx_user_roles_scope_id ON user_roles (scope_id);
CREATE INDEX idx_user_roles_granted_by ON user_roles (granted_by);
CREATE INDEX idx_user_roles_user_scope_active ON user_roles (user_email, scope, is_active);
CREATE INDEX idx_user_roles_role_scope_active ON user_roles (role_id, scope, is_active);
CREATE UNIQUE INDEX uq_user_roles_email_role_scope_null_active ON user_roles (user_email, role_id, scope) WHERE scope_id IS NULL AND is_active = 1;
CREATE UNIQUE INDEX uq_user_roles_email_role_scope_id_active ON user_roles (user_email, role_id, scope, scope_id) WHERE scope_id IS NOT NULL AND is_active = 1;

CREATE TABLE alembic_version (
	version_num VARCHAR(32) NOT NULL,
	CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num)
);

-- Access that outlives a password change: API tokens, their revocations, reset links.
CREATE TABLE email_api_tokens (
	id VARCHAR(36) NOT NULL,
	user_email VARCHAR(255) NOT NULL,
	name VARCHAR(255) NOT NULL,
	jti VARCHAR(36) NOT NULL,
	token_hash VARCHAR(255) NOT NULL,
	server_id VARCHAR(36),
	resource_scopes JSON,
	ip_restrictions JSON,
	time_restrictions JSON,
	usage_limits JSON,
	created_at DATETIME DEFAULT (CURRENT_TIMESTAMP) NOT NULL,
	expires_at DATETIME,
	last_used DATETIME,
	is_active BOOLEAN DEFAULT 1 NOT NULL,
	description TEXT,
	tags JSON,
	team_id VARCHAR(36),
	CONSTRAINT pk_email_api_tokens PRIMARY KEY (id),
	CONSTRAINT uq_email_api_tokens_jti UNIQUE (jti),
	CONSTRAINT uq_email_api_tokens_user_name_team UNIQUE (user_email, name, team_id)
);
CREATE INDEX idx_email_api_tokens_user_email ON email_api_tokens (user_email);
CREATE INDEX idx_email_api_tokens_expires_at ON email_api_tokens (expires_at);

CREATE TABLE token_revocations (
	jti VARCHAR(36) NOT NULL,
	revoked_at DATETIME DEFAULT (CURRENT_TIMESTAMP) NOT NULL,
	revoked_by VARCHAR(255) NOT NULL,
	reason VARCHAR(255),
	token_expiry DATETIME,
	last_activity DATETIME,
	CONSTRAINT pk_token_revocations PRIMARY KEY (jti)
);
CREATE INDEX idx_token_revocations_revoked_by ON token_revocations (revoked_by);

CREATE TABLE password_reset_tokens (
	id VARCHAR(36) NOT NULL,
	user_email VARCHAR(255) NOT NULL,
	token_hash VARCHAR(64) NOT NULL,
	expires_at DATETIME NOT NULL,
	used_at DATETIME,
	created_at DATETIME NOT NULL,
	ip_address VARCHAR(45),
	user_agent TEXT,
	CONSTRAINT pk_password_reset_tokens PRIMARY KEY (id),
	CONSTRAINT fk_password_reset_tokens_user_email FOREIGN KEY (user_email) REFERENCES email_users (email) ON DELETE CASCADE,
	CONSTRAINT uq_password_reset_tokens_token_hash UNIQUE (token_hash)
);
CREATE INDEX ix_password_reset_tokens_user_email ON password_reset_tokens (user_email);
