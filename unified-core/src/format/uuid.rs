//! The `uuid` format: the hyphenated string form of a UUID (RFC 4122 section 3).

/// `xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx`, hex digits of either case; no braces, no `urn:uuid:`.
pub(super) fn is_uuid(bytes: &[u8]) -> bool {
    bytes.len() == 36
        && bytes.iter().enumerate().all(|(index, &byte)| match index {
            8 | 13 | 18 | 23 => byte == b'-',
            _ => byte.is_ascii_hexdigit(),
        })
}

#[cfg(test)]
mod tests {
    use super::super::Format;
    use super::super::tests::{accepts, rejects};

    /// The 8-4-4-4-12 hex form in either case, and nothing else.
    #[test]
    fn uuid() {
        accepts(
            Format::Uuid,
            &[
                "00000000-0000-0000-0000-000000000000",
                "123e4567-e89b-12d3-a456-426614174000",
                "123E4567-E89B-12D3-A456-426614174000",
                "ffffffff-FFFF-ffff-FFFF-ffffffffffff",
            ],
        );
        rejects(
            Format::Uuid,
            &[
                "",
                "123e4567e89b12d3a456426614174000",
                "123e4567-e89b-12d3-a456-42661417400",
                "123e4567-e89b-12d3-a456-4266141740000",
                "123e4567-e89b-12d3a-456-426614174000",
                "123e4567-e89b-12d3-a456-42661417400g",
                "{123e4567-e89b-12d3-a456-426614174000}",
                "urn:uuid:123e4567-e89b-12d3-a456-426614174000",
                "123e4567-e89b-12d3-a456-42661417400\u{e9}",
                " 23e4567-e89b-12d3-a456-426614174000",
            ],
        );
    }
}
