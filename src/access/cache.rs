//! The gateway's authentication cache in Redis (`CACHE_TYPE=redis`): after a revocation or a
//! deactivation is committed, breakglass does in Redis what the gateway's own revoke and user
//! invalidation do, so every worker sees the change at once instead of within 30 seconds.

use std::time::Duration;

use anyhow::{Context as _, Result};
use redis::aio::MultiplexedConnection;

use crate::exit::{Failure, USAGE};
use crate::settings::Settings;

/// The channel every gateway worker listens on; the gateway does not prefix it.
const INVALIDATE_CHANNEL: &str = "mcpgw:auth:invalidate";
/// The set of revoked jtis every request checks; not prefixed either.
const REVOKED_SET: &str = "mcpgw:auth:revoked_tokens";
/// How long the gateway keeps a revocation marker.
const REVOKE_MARKER_SECONDS: u64 = 86_400;

/// Where the gateway keeps its cache, read from its own settings.
#[derive(Clone)]
pub enum GatewayCache {
    /// In each worker's memory (the default `CACHE_TYPE=database`, or `memory`): nothing
    /// outside the gateway can shorten it.
    InProcess,
    Redis {
        client: Box<redis::Client>,
        prefix: String,
    },
}

/// What happened to the cache, for the JSON result's `redis` key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CacheOutcome {
    Done,
    /// Redis could not be reached or refused; the database change stands.
    Failed(String),
    NotConfigured,
    /// `--no-redis`, or a dry run.
    Skipped,
}

impl CacheOutcome {
    /// What the outcome means for when the change holds, in the gateway's words.
    pub fn note(&self) -> String {
        use crate::contextforge::AUTH_CACHE_SECONDS;
        match self {
            CacheOutcome::Done => {
                "the gateway's Redis cache was told: the change holds at once on every worker"
                    .to_owned()
            }
            CacheOutcome::Failed(why) => format!(
                "the database change is committed, but the gateway's Redis could not be told ({why}); \
                 its workers see the change within {AUTH_CACHE_SECONDS} seconds"
            ),
            CacheOutcome::NotConfigured => format!(
                "the gateway keeps its cache in each worker (CACHE_TYPE is not redis): \
                 the change holds within {AUTH_CACHE_SECONDS} seconds"
            ),
            CacheOutcome::Skipped => format!(
                "--no-redis: the gateway's workers see the change within {AUTH_CACHE_SECONDS} seconds"
            ),
        }
    }

    pub fn as_str(&self) -> &'static str {
        match self {
            CacheOutcome::Done => "done",
            CacheOutcome::Failed(_) => "failed",
            CacheOutcome::NotConfigured => "not configured",
            CacheOutcome::Skipped => "skipped",
        }
    }
}

// Never prints the URL: it may hold a password.
impl std::fmt::Debug for GatewayCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            GatewayCache::InProcess => f.write_str("InProcess"),
            GatewayCache::Redis { prefix, .. } => write!(f, "Redis {{ prefix: {prefix:?} }}"),
        }
    }
}

impl GatewayCache {
    /// The cache of the application `profile` describes: only the gateway's is known.
    pub fn for_profile(
        profile: &crate::schema::Profile,
        settings: &Settings,
    ) -> Result<Option<GatewayCache>> {
        profile.extras().cache(settings)
    }

    /// `CACHE_TYPE`, `REDIS_URL` and `CACHE_PREFIX` as the gateway reads them. A Redis URL that
    /// cannot be parsed is a usage error (exit 2) found before anything is changed.
    pub fn from_settings(settings: &Settings) -> Result<GatewayCache> {
        let kind = settings.get("CACHE_TYPE").unwrap_or("database");
        if !kind.trim().eq_ignore_ascii_case("redis") {
            return Ok(GatewayCache::InProcess);
        }
        let url = settings
            .get("REDIS_URL")
            .unwrap_or("redis://localhost:6379/0");
        // The URL may hold a password: the message never repeats it.
        let client = redis::Client::open(url).map_err(|_| {
            Failure::error(
                USAGE,
                "REDIS_URL is not a Redis URL (redis://[:PASSWORD@]HOST[:PORT][/DB] or rediss://...); \
                 fix it in the gateway's settings, or pass --no-redis to leave the cache alone",
            )
        })?;
        let prefix = settings.get("CACHE_PREFIX").unwrap_or("mcpgw:").to_owned();
        Ok(GatewayCache::Redis {
            client: Box::new(client),
            prefix,
        })
    }

    pub fn is_redis(&self) -> bool {
        matches!(self, GatewayCache::Redis { .. })
    }

    /// Marks `revoked` jtis revoked and drops every cached view of `users`, then tells every
    /// worker. Never fails the command: the database change is already committed.
    pub async fn invalidate(
        &self,
        revoked: &[String],
        users: &[String],
        timeout: Duration,
    ) -> CacheOutcome {
        let GatewayCache::Redis { client, prefix } = self else {
            return CacheOutcome::NotConfigured;
        };
        if revoked.is_empty() && users.is_empty() {
            return CacheOutcome::Done;
        }
        let work = async {
            let config = redis::AsyncConnectionConfig::new()
                .set_connection_timeout(Some(timeout))
                .set_response_timeout(Some(timeout));
            let mut conn = client
                .get_multiplexed_async_connection_with_config(&config)
                .await
                .context("connecting to Redis")?;
            for jti in revoked {
                revoke(&mut conn, prefix, jti).await?;
            }
            for email in users {
                forget_user(&mut conn, prefix, email).await?;
            }
            anyhow::Ok(())
        };
        match tokio::time::timeout(timeout * 4, work).await {
            Ok(Ok(())) => CacheOutcome::Done,
            Ok(Err(error)) => CacheOutcome::Failed(crate::exit::describe(&error)),
            Err(_) => CacheOutcome::Failed("Redis did not answer in time".to_owned()),
        }
    }
}

/// What the gateway's revoke does for one jti.
async fn revoke(conn: &mut MultiplexedConnection, prefix: &str, jti: &str) -> Result<()> {
    redis::cmd("SETEX")
        .arg(format!("{prefix}auth:revoke:{jti}"))
        .arg(REVOKE_MARKER_SECONDS)
        .arg("1")
        .query_async::<()>(conn)
        .await
        .context("marking the token revoked in Redis")?;
    redis::cmd("SADD")
        .arg(REVOKED_SET)
        .arg(jti)
        .query_async::<()>(conn)
        .await
        .context("adding the token to the revoked set in Redis")?;
    delete_matching(conn, &format!("{prefix}auth:ctx:*:{}", glob_escape(jti))).await?;
    publish(conn, &format!("revoke:{jti}")).await
}

/// What the gateway's user invalidation does for one email.
async fn forget_user(conn: &mut MultiplexedConnection, prefix: &str, email: &str) -> Result<()> {
    redis::cmd("DEL")
        .arg(format!("{prefix}auth:user:{email}"))
        .arg(format!("{prefix}auth:team:{email}"))
        .query_async::<()>(conn)
        .await
        .context("dropping the cached user in Redis")?;
    let pattern = glob_escape(email);
    delete_matching(conn, &format!("{prefix}auth:ctx:{pattern}:*")).await?;
    delete_matching(conn, &format!("{prefix}auth:membership:{pattern}:*")).await?;
    publish(conn, &format!("user:{email}")).await
}

async fn publish(conn: &mut MultiplexedConnection, message: &str) -> Result<()> {
    redis::cmd("PUBLISH")
        .arg(INVALIDATE_CHANNEL)
        .arg(message)
        .query_async::<()>(conn)
        .await
        .context("telling the gateway's workers")
}

async fn delete_matching(conn: &mut MultiplexedConnection, pattern: &str) -> Result<()> {
    let mut cursor = 0u64;
    loop {
        let (next, keys): (u64, Vec<String>) = redis::cmd("SCAN")
            .arg(cursor)
            .arg("MATCH")
            .arg(pattern)
            .arg("COUNT")
            .arg(1000)
            .query_async(conn)
            .await
            .context("finding cached sessions in Redis")?;
        if !keys.is_empty() {
            redis::cmd("DEL")
                .arg(&keys)
                .query_async::<()>(conn)
                .await
                .context("dropping cached sessions in Redis")?;
        }
        if next == 0 {
            return Ok(());
        }
        cursor = next;
    }
}

/// A literal for a SCAN pattern: an email may hold `*`, `?`, `[` or `\`.
fn glob_escape(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '*' | '?' | '[' | ']' | '\\') {
            escaped.push('\\');
        }
        escaped.push(c);
    }
    escaped
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings(pairs: &[(&str, &str)]) -> Settings {
        Settings::from_layers(
            pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())),
            Vec::new(),
        )
    }

    #[test]
    fn only_cache_type_redis_uses_redis_with_the_gateways_defaults() {
        assert!(
            !GatewayCache::from_settings(&settings(&[]))
                .expect("default")
                .is_redis()
        );
        assert!(
            !GatewayCache::from_settings(&settings(&[("CACHE_TYPE", "memory")]))
                .expect("memory")
                .is_redis()
        );
        let GatewayCache::Redis { prefix, .. } =
            GatewayCache::from_settings(&settings(&[("CACHE_TYPE", "Redis")])).expect("redis")
        else {
            panic!("redis expected");
        };
        assert_eq!(prefix, "mcpgw:");
    }

    #[test]
    fn a_garbled_redis_url_is_a_usage_error_without_the_url() {
        let error = GatewayCache::from_settings(&settings(&[
            ("CACHE_TYPE", "redis"),
            ("REDIS_URL", "htp://user:s3cret@nowhere"),
        ]))
        .expect_err("garbage");
        assert_eq!(crate::exit::code_for(&error), USAGE);
        assert!(!error.to_string().contains("s3cret"), "{error}");
    }

    #[test]
    fn scan_patterns_take_emails_literally() {
        assert_eq!(glob_escape("a*b?[c]\\d@x"), "a\\*b\\?\\[c\\]\\\\d@x");
        assert_eq!(glob_escape("ops@example.com"), "ops@example.com");
    }
}
