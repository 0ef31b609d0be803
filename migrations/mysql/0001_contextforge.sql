-- The ContextForge gateway's user tables on MySQL/MariaDB. The gateway itself supports
-- SQLite and PostgreSQL only; this is the same schema in MySQL's types, for older installs
-- and other applications: BOOLEAN is TINYINT(1), timestamps are DATETIME(6) in UTC.
-- MySQL has no partial indexes, so the two partial unique indexes on user_roles and the one
-- on roles are plain indexes here.

CREATE TABLE email_auth_events (
	id INTEGER NOT NULL AUTO_INCREMENT,
	`timestamp` DATETIME(6) DEFAULT CURRENT_TIMESTAMP(6) NOT NULL,
	user_email VARCHAR(255),
	event_type VARCHAR(50) NOT NULL,
	success BOOLEAN NOT NULL,
	ip_address VARCHAR(45),
	user_agent TEXT,
	failure_reason VARCHAR(255),
	details TEXT,
	CONSTRAINT pk_email_auth_events PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
CREATE INDEX idx_email_auth_events_timestamp ON email_auth_events (`timestamp`);
CREATE INDEX idx_email_auth_events_timestamp_id ON email_auth_events (`timestamp`, id);
CREATE INDEX idx_email_auth_events_user_email ON email_auth_events (user_email);
CREATE INDEX idx_email_auth_events_user_email_timestamp ON email_auth_events (user_email, `timestamp`);
CREATE INDEX idx_email_auth_events_user_type_time ON email_auth_events (user_email, event_type, `timestamp`);
CREATE INDEX idx_email_auth_events_event_type ON email_auth_events (event_type);
CREATE INDEX idx_email_auth_events_success ON email_auth_events (success);
CREATE INDEX idx_email_auth_events_ip_address ON email_auth_events (ip_address);
CREATE INDEX idx_email_auth_events_success_time ON email_auth_events (success, `timestamp`);
CREATE INDEX idx_email_auth_events_ip_time ON email_auth_events (ip_address, `timestamp`);
CREATE INDEX idx_email_auth_events_type_success_time ON email_auth_events (event_type, success, `timestamp`);

CREATE TABLE email_users (
	email VARCHAR(255) NOT NULL,
	password_hash VARCHAR(255) NOT NULL,
	full_name VARCHAR(255),
	is_admin BOOLEAN DEFAULT 0 NOT NULL,
	is_active BOOLEAN DEFAULT 1 NOT NULL,
	email_verified_at DATETIME(6),
	auth_provider VARCHAR(50) DEFAULT 'local' NOT NULL,
	password_hash_type VARCHAR(20) DEFAULT 'argon2id' NOT NULL,
	failed_login_attempts INTEGER DEFAULT 0 NOT NULL,
	locked_until DATETIME(6),
	created_at DATETIME(6) DEFAULT CURRENT_TIMESTAMP(6) NOT NULL,
	updated_at DATETIME(6) DEFAULT CURRENT_TIMESTAMP(6) NOT NULL,
	last_login DATETIME(6),
	password_change_required BOOLEAN DEFAULT 0 NOT NULL,
	password_changed_at DATETIME(6),
	admin_origin VARCHAR(20),
	id VARCHAR(36) NOT NULL,
	CONSTRAINT pk_email_users PRIMARY KEY (id),
	CONSTRAINT uq_email_users_email UNIQUE (email)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
CREATE INDEX idx_email_users_created_at_email ON email_users (created_at, email);
CREATE INDEX idx_email_users_email ON email_users (email);
CREATE INDEX ix_email_users_full_name ON email_users (full_name);

CREATE TABLE password_history (
	id VARCHAR(36) NOT NULL,
	user_email VARCHAR(255) NOT NULL,
	password_hash TEXT NOT NULL,
	changed_at DATETIME(6) NOT NULL,
	CONSTRAINT pk_password_history PRIMARY KEY (id),
	CONSTRAINT fk_password_history_user_email FOREIGN KEY (user_email) REFERENCES email_users (email) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
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
	created_at DATETIME(6) NOT NULL,
	updated_at DATETIME(6) NOT NULL,
	CONSTRAINT pk_roles PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
CREATE INDEX idx_roles_inherits_from ON roles (inherits_from);
CREATE INDEX idx_roles_created_by ON roles (created_by);
CREATE INDEX uq_roles_name_scope_active ON roles (name, scope, is_active);

CREATE TABLE user_roles (
	id VARCHAR(36) NOT NULL,
	user_email VARCHAR(255) NOT NULL,
	role_id VARCHAR(36) NOT NULL,
	scope VARCHAR(20) NOT NULL,
	scope_id VARCHAR(36),
	granted_by VARCHAR(255) NOT NULL,
	granted_at DATETIME(6) NOT NULL,
	expires_at DATETIME(6),
	is_active BOOLEAN NOT NULL,
	migration_source VARCHAR(50),
	grant_source VARCHAR(50),
	CONSTRAINT pk_user_roles PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
CREATE INDEX idx_user_roles_user_email ON user_roles (user_email);
CREATE INDEX idx_user_roles_role_id ON user_roles (role_id);
CREATE INDEX idx_user_roles_scope ON user_roles (scope);
CREATE INDEX idx_user_roles_scope_id ON user_roles (scope_id);
CREATE INDEX idx_user_roles_granted_by ON user_roles (granted_by);
CREATE INDEX idx_user_roles_user_scope_active ON user_roles (user_email, scope, is_active);
CREATE INDEX idx_user_roles_role_scope_active ON user_roles (role_id, scope, is_active);

CREATE TABLE alembic_version (
	version_num VARCHAR(32) NOT NULL,
	CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

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
	created_at DATETIME(6) DEFAULT CURRENT_TIMESTAMP(6) NOT NULL,
	expires_at DATETIME(6),
	last_used DATETIME(6),
	is_active BOOLEAN DEFAULT 1 NOT NULL,
	description TEXT,
	tags JSON,
	team_id VARCHAR(36),
	CONSTRAINT pk_email_api_tokens PRIMARY KEY (id),
	CONSTRAINT uq_email_api_tokens_jti UNIQUE (jti),
	CONSTRAINT uq_email_api_tokens_user_name_team UNIQUE (user_email, name, team_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
CREATE INDEX idx_email_api_tokens_user_email ON email_api_tokens (user_email);
CREATE INDEX idx_email_api_tokens_expires_at ON email_api_tokens (expires_at);

CREATE TABLE token_revocations (
	jti VARCHAR(36) NOT NULL,
	revoked_at DATETIME(6) DEFAULT CURRENT_TIMESTAMP(6) NOT NULL,
	revoked_by VARCHAR(255) NOT NULL,
	reason VARCHAR(255),
	token_expiry DATETIME(6),
	last_activity DATETIME(6),
	CONSTRAINT pk_token_revocations PRIMARY KEY (jti)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
CREATE INDEX idx_token_revocations_revoked_by ON token_revocations (revoked_by);

CREATE TABLE password_reset_tokens (
	id VARCHAR(36) NOT NULL,
	user_email VARCHAR(255) NOT NULL,
	token_hash VARCHAR(64) NOT NULL,
	expires_at DATETIME(6) NOT NULL,
	used_at DATETIME(6),
	created_at DATETIME(6) NOT NULL,
	ip_address VARCHAR(45),
	user_agent TEXT,
	CONSTRAINT pk_password_reset_tokens PRIMARY KEY (id),
	CONSTRAINT fk_password_reset_tokens_user_email FOREIGN KEY (user_email) REFERENCES email_users (email) ON DELETE CASCADE,
	CONSTRAINT uq_password_reset_tokens_token_hash UNIQUE (token_hash)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
CREATE INDEX ix_password_reset_tokens_user_email ON password_reset_tokens (user_email);
