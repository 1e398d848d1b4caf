//! HTTP/1.1 written and read byte by byte over one TCP connection, for what a client library
//! would not do: a request in several writes, lying lengths, stalls, odd bytes.

use std::net::SocketAddr;
use std::time::Duration;

use serde_json::Value;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// How long any one read may wait before the test gives up on the server.
const PATIENCE: Duration = Duration::from_secs(10);

/// One client connection.
pub struct Raw {
    stream: TcpStream,
    buffer: Vec<u8>,
}

/// One answer as it came over the wire.
#[derive(Debug)]
pub struct RawAnswer {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl RawAnswer {
    /// The first value of header `name` (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(key, _)| key.eq_ignore_ascii_case(name))
            .map(|(_, value)| value.as_str())
    }

    /// The body as JSON, or `None` if it is not JSON.
    pub fn json(&self) -> Option<Value> {
        serde_json::from_slice(&self.body).ok()
    }
}

/// A request with these headers (besides `Host` and `Content-Length`) and body.
pub fn request(method: &str, target: &str, headers: &[(&str, &str)], body: &[u8]) -> Vec<u8> {
    let mut text = format!("{method} {target} HTTP/1.1\r\nHost: gateway\r\n");
    for (name, value) in headers {
        text.push_str(&format!("{name}: {value}\r\n"));
    }
    text.push_str(&format!("Content-Length: {}\r\n\r\n", body.len()));
    let mut bytes = text.into_bytes();
    bytes.extend_from_slice(body);
    bytes
}

impl Raw {
    pub async fn connect(addr: SocketAddr) -> Raw {
        Raw {
            stream: TcpStream::connect(addr).await.unwrap(),
            buffer: Vec::new(),
        }
    }

    pub async fn send(&mut self, bytes: &[u8]) {
        if let Err(error) = self.stream.write_all(bytes).await {
            panic!("cannot send: the server closed the connection ({error})");
        }
    }

    /// Closes the sending half, as a client does when it has nothing more to say.
    pub async fn finish_sending(&mut self) {
        self.stream.shutdown().await.unwrap();
    }

    /// Reads more bytes; `false` at the end of the stream (or when the server reset it).
    async fn fill(&mut self) -> bool {
        let mut chunk = [0u8; 16 * 1024];
        let read = tokio::time::timeout(PATIENCE, self.stream.read(&mut chunk))
            .await
            .expect("the server answers or closes in time");
        match read {
            Ok(0) | Err(_) => false,
            Ok(count) => {
                self.buffer.extend_from_slice(&chunk[..count]);
                true
            }
        }
    }

    /// The next answer; `None` when the server closed the connection first. An answer to a
    /// `HEAD` has no body, whatever its `Content-Length` says.
    pub async fn answer(&mut self, to_head: bool) -> Option<RawAnswer> {
        let head_end = loop {
            if let Some(at) = self.buffer.windows(4).position(|w| w == b"\r\n\r\n") {
                break at;
            }
            if !self.fill().await {
                assert!(
                    self.buffer.is_empty(),
                    "a partial answer: {}",
                    String::from_utf8_lossy(&self.buffer)
                );
                return None;
            }
        };
        let head = String::from_utf8_lossy(&self.buffer[..head_end]).into_owned();
        self.buffer.drain(..head_end + 4);
        let mut lines = head.split("\r\n");
        let status_line = lines.next().unwrap_or_default();
        let status = status_line
            .split(' ')
            .nth(1)
            .and_then(|code| code.parse().ok())
            .unwrap_or_else(|| panic!("not a status line: {status_line}"));
        let headers: Vec<(String, String)> = lines
            .filter_map(|line| line.split_once(':'))
            .map(|(name, value)| (name.trim().to_owned(), value.trim().to_owned()))
            .collect();
        let mut answer = RawAnswer {
            status,
            headers,
            body: Vec::new(),
        };
        let length = if to_head || status == 204 || status == 304 {
            0
        } else {
            answer
                .header("content-length")
                .map(|length| length.parse::<usize>().unwrap())
                .unwrap_or_else(|| {
                    assert_ne!(
                        answer.header("transfer-encoding"),
                        Some("chunked"),
                        "the gateway's answers have a length"
                    );
                    0
                })
        };
        while self.buffer.len() < length {
            assert!(self.fill().await, "the connection closed inside an answer");
        }
        answer.body = self.buffer.drain(..length).collect();
        Some(answer)
    }

    /// Whether the server closes the connection within `limit`, reading (and dropping) any
    /// answer it sends first.
    pub async fn closed_within(&mut self, limit: Duration) -> bool {
        let mut chunk = [0u8; 4096];
        let deadline = tokio::time::Instant::now() + limit;
        loop {
            match tokio::time::timeout_at(deadline, self.stream.read(&mut chunk)).await {
                Err(_) => return false,
                Ok(Ok(0) | Err(_)) => return true,
                Ok(Ok(_)) => {}
            }
        }
    }
}
