//! What is at the other end of a server address, found on a connection of our own beside
//! the driver's: whether the name resolves, whether anything accepts the connection, and
//! whether what answers speaks the engine's protocol. The driver only says "timed out" or
//! "unexpected response"; this is what lets a message say which of these it was.
//!
//! The probe never logs in and never sends a credential. A PostgreSQL server is asked for
//! TLS (an 8-byte request it answers at once with one byte); a MySQL server greets first.
//! When nothing has answered after a second, a MySQL address is asked for TLS as PostgreSQL
//! is, and a second connection sends `PING` and a line end, which Redis answers with PONG
//! and an HTTP server with an error: each names what is there.

use std::cell::RefCell;
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// PostgreSQL's SSLRequest: length 8, code 80877103.
const SSL_REQUEST: [u8; 8] = [0, 0, 0, 8, 0x04, 0xd2, 0x16, 0x2f];

/// How long silence lasts before the probe nudges, and again before it calls it silence.
const PATIENCE: Duration = Duration::from_secs(1);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Protocol {
    Postgres,
    MySql,
}

impl Protocol {
    pub fn server(self) -> &'static str {
        match self {
            Protocol::Postgres => "PostgreSQL server",
            Protocol::MySql => "MySQL/MariaDB server",
        }
    }

    pub fn usual_port(self) -> u16 {
        match self {
            Protocol::Postgres => 5432,
            Protocol::MySql => 3306,
        }
    }
}

/// How far the probe got; read by the connection's timeout message.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Stage {
    #[default]
    Resolving,
    /// The name resolved; no connection accepted yet.
    Connecting,
    /// The name did not resolve (the resolver's words).
    Unresolved(String),
    /// Nothing accepted the connection (the system's words: refused, unreachable).
    NotAccepted(String),
    /// Something accepted the connection and has said nothing yet.
    Accepted,
    /// Something accepted the connection and stayed silent, even when nudged.
    Silent,
    /// The engine answered: whatever goes wrong is the login's, not the address's.
    Engine,
    /// Something else answered: what it looks like ("an HTTP server", "Redis"), if known.
    Other(Option<&'static str>),
}

/// Runs the probe, recording each stage in `stage`, and returns the last one.
pub async fn probe(protocol: Protocol, host: &str, port: u16, stage: &RefCell<Stage>) -> Stage {
    let set = |next: Stage| {
        stage.replace(next.clone());
        next
    };
    let addresses: Vec<_> = match tokio::net::lookup_host((host, port)).await {
        Ok(found) => found.collect(),
        Err(error) => return set(Stage::Unresolved(error.to_string())),
    };
    set(Stage::Connecting);
    let mut last_error = None;
    let mut stream = None;
    for address in addresses {
        match TcpStream::connect(address).await {
            Ok(found) => {
                stream = Some(found);
                break;
            }
            Err(error) => last_error = Some(error),
        }
    }
    let Some(mut stream) = stream else {
        let reason = last_error.map_or_else(
            || "the name has no address".to_owned(),
            |error| plain_io(&error),
        );
        return set(Stage::NotAccepted(reason));
    };
    set(Stage::Accepted);
    if protocol == Protocol::Postgres && stream.write_all(&SSL_REQUEST).await.is_err() {
        return set(Stage::Silent);
    }
    if let Some(heard) = listen(&mut stream).await {
        return set(judge(protocol, &heard));
    }
    // Silence. A PostgreSQL server answers the TLS request at once, so ask for it if this
    // is meant to be MySQL (a MySQL server that greets late reads it as a bad handshake on
    // this connection only, and forgets it at the driver's successful login).
    if protocol == Protocol::MySql {
        if stream.write_all(&SSL_REQUEST).await.is_err() {
            return set(Stage::Silent);
        }
        if let Some(heard) = listen(&mut stream).await {
            return set(judge(protocol, &heard));
        }
    }
    // Still silent: a text line on a fresh connection, which Redis and HTTP servers answer
    // (the first connection's binary bytes keep Redis from ever seeing a line end there).
    let Ok(mut second) = TcpStream::connect((host, port)).await else {
        return set(Stage::Silent);
    };
    if second.write_all(b"PING\r\n").await.is_err() {
        return set(Stage::Silent);
    }
    match listen(&mut second).await {
        Some(heard) => set(judge(protocol, &heard)),
        None => set(Stage::Silent),
    }
}

/// The first bytes the other end sends within [`PATIENCE`]; None for silence or a close.
async fn listen(stream: &mut TcpStream) -> Option<Vec<u8>> {
    let mut buffer = [0u8; 64];
    match tokio::time::timeout(PATIENCE, stream.read(&mut buffer)).await {
        Ok(Ok(read)) if read > 0 => Some(buffer[..read].to_vec()),
        _ => None,
    }
}

/// Names what sent these first bytes, as far as they tell.
fn judge(protocol: Protocol, heard: &[u8]) -> Stage {
    let spoke = if heard.len() == 1 && matches!(heard[0], b'S' | b'N' | b'E') {
        // The answers to SSLRequest (an old server answers with an error, 'E').
        Some(Protocol::Postgres)
    } else if heard.first() == Some(&b'E') && protocol == Protocol::Postgres {
        Some(Protocol::Postgres)
    } else if heard.len() >= 5 && heard[3] == 0 && matches!(heard[4], 0x0a | 0xff) {
        // A packet numbered 0: the handshake (protocol 10), or an error ("host is blocked").
        Some(Protocol::MySql)
    } else {
        None
    };
    match spoke {
        Some(found) if found == protocol => Stage::Engine,
        Some(Protocol::Postgres) => Stage::Other(Some("a PostgreSQL server")),
        Some(Protocol::MySql) => Stage::Other(Some("a MySQL/MariaDB server")),
        None if heard.starts_with(b"HTTP/") => Stage::Other(Some("an HTTP server")),
        None if heard.starts_with(b"+PONG")
            || heard.starts_with(b"-ERR")
            || heard.starts_with(b"-NOAUTH")
            || heard.starts_with(b"-DENIED") =>
        {
            Stage::Other(Some("Redis"))
        }
        None if heard.starts_with(b"SSH-") => Stage::Other(Some("an SSH server")),
        None => Stage::Other(None),
    }
}

/// An I/O error without the "(os error 111)" suffix.
pub fn plain_io(error: &std::io::Error) -> String {
    let text = error.to_string();
    match text.find(" (os error") {
        Some(at) => text[..at].to_owned(),
        None => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_bytes_name_the_server() {
        let maria = b"\x56\0\0\0\x0a5.5.5-10.11.6-MariaDB";
        assert_eq!(judge(Protocol::MySql, maria), Stage::Engine);
        assert_eq!(
            judge(Protocol::Postgres, maria),
            Stage::Other(Some("a MySQL/MariaDB server"))
        );
        assert_eq!(judge(Protocol::Postgres, b"N"), Stage::Engine);
        assert_eq!(
            judge(Protocol::MySql, b"S"),
            Stage::Other(Some("a PostgreSQL server"))
        );
        assert_eq!(
            judge(Protocol::Postgres, b"-ERR unknown command"),
            Stage::Other(Some("Redis"))
        );
        assert_eq!(
            judge(Protocol::MySql, b"HTTP/1.1 400 Bad Request\r\n"),
            Stage::Other(Some("an HTTP server"))
        );
        assert_eq!(judge(Protocol::Postgres, b"220 smtp"), Stage::Other(None));
    }
}
