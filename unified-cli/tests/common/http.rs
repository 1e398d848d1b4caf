//! One HTTP/1.1 exchange with the gateway over a plain TCP connection.

use std::io::{Read, Write};
use std::net::TcpStream;

use serde_json::Value;

/// Sends `request_line` (`POST /path`) with a bearer token and a JSON body, on a connection
/// closed after the answer; the status and the JSON body (`null` if there is none).
pub fn http(addr: &str, request_line: &str, token: &str, body: &str) -> (u16, Value) {
    let mut stream = TcpStream::connect(addr).unwrap();
    let request = format!(
        "{request_line} HTTP/1.1\r\nHost: {addr}\r\nAuthorization: Bearer {token}\r\n\
         Content-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    stream.write_all(request.as_bytes()).unwrap();
    let mut answer = String::new();
    stream.read_to_string(&mut answer).unwrap();
    let status = answer[9..12].parse().unwrap();
    let (_, body) = answer.split_once("\r\n\r\n").unwrap();
    (status, serde_json::from_str(body).unwrap_or(Value::Null))
}
