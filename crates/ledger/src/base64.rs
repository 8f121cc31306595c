//! Standard base64 (RFC 4648 §4) with padding, canonical spellings only.
//!
//! Hand-written because the ledger needs about forty lines of it, and a
//! strict decoder: a note or key read back must have exactly one spelling,
//! so the unused low bits of the last symbol must be zero.

const B64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// Standard base64 (RFC 4648 §4) with padding.
pub(crate) fn encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(B64[((n >> (18 - 6 * i)) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// Decodes the canonical standard-base64 spelling of any byte string, or
/// nothing: the length is a multiple of 4, `=` appears only as the last one
/// or two symbols, and the bits below the last decoded byte are zero.
pub(crate) fn decode(s: &str) -> Option<Vec<u8>> {
    let s = s.as_bytes();
    if !s.len().is_multiple_of(4) {
        return None;
    }
    let pad = s.iter().rev().take_while(|&&c| c == b'=').count();
    if pad > 2 || s[..s.len() - pad].contains(&b'=') {
        return None;
    }
    let value = |c: u8| B64.iter().position(|&x| x == c).map(|v| v as u32);
    let mut out = Vec::with_capacity(s.len() / 4 * 3);
    let chunks = s.len() / 4;
    for (index, chunk) in s.chunks(4).enumerate() {
        let symbols = if index + 1 == chunks { 4 - pad } else { 4 };
        let mut n = 0u32;
        for (i, &c) in chunk[..symbols].iter().enumerate() {
            n |= value(c)? << (18 - 6 * i);
        }
        let take = symbols - 1;
        // Canonical form: the bits below the last decoded byte are zero.
        if (take == 1 && n & 0xffff != 0) || (take == 2 && n & 0xff != 0) {
            return None;
        }
        out.extend_from_slice(&[(n >> 16) as u8, (n >> 8) as u8, n as u8][..take]);
    }
    Some(out)
}

/// Decodes exactly `N` bytes, or nothing.
pub(crate) fn decode_array<const N: usize>(s: &str) -> Option<[u8; N]> {
    decode(s)?.try_into().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_rfc4648_vectors_both_ways() {
        for (input, expect) in [
            (&b""[..], ""),
            (b"f", "Zg=="),
            (b"fo", "Zm8="),
            (b"foo", "Zm9v"),
            (b"foob", "Zm9vYg=="),
            (b"fooba", "Zm9vYmE="),
            (b"foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(encode(input), expect);
            assert_eq!(decode(expect).as_deref(), Some(input));
        }
    }

    #[test]
    fn rejects_non_canonical_and_malformed_spellings() {
        for bad in [
            "Zh==",     // unused bits set after one byte
            "Zm9=",     // unused bits set after two bytes
            "Zg=",      // length not a multiple of 4
            "Zg===",    // too much padding
            "Z===",     // one symbol cannot encode a byte
            "Zg==Zg==", // padding inside
            "Zm9*",     // not a base64 symbol
            "Zm9v\n",   // whitespace
        ] {
            assert_eq!(decode(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn sixty_four_bytes_round_trip() {
        let bytes: [u8; 64] = std::array::from_fn(|i| (i * 37 + 11) as u8);
        let text = encode(&bytes);
        assert_eq!(text.len(), 88);
        assert_eq!(decode_array::<64>(&text), Some(bytes));
        assert_eq!(decode_array::<63>(&text), None);
    }
}
