//! `aws.protocols#httpChecksum`, request side: the checksum the caller picks (or CRC32, when
//! the operation requires one and the caller picks none) of the body as sent, in an
//! `x-amz-checksum-<algorithm>` header holding the base64 of the big-endian digest.

use base64::Engine as _;
use sha1::Digest as _;

use crate::error::SerializeError;

const CRC32: crc::Crc<u32> = crc::Crc::<u32>::new(&crc::CRC_32_ISO_HDLC);
const CRC32C: crc::Crc<u32> = crc::Crc::<u32>::new(&crc::CRC_32_ISCSI);
const CRC64NVME: crc::Crc<u64> = crc::Crc::<u64>::new(&crc::CRC_64_NVME);

/// The algorithm used when a checksum is required and the caller picks none.
pub const DEFAULT_ALGORITHM: &str = "CRC32";

/// Adds the checksum header of `body`: for the algorithm `picked` (a value of the model's
/// algorithm enum), else for CRC32 when `required` (also naming it in `algorithm_header`,
/// the header the algorithm member is bound to). A checksum header already set by a member
/// is kept. An algorithm this crate does not know is an error.
pub fn add(
    mut builder: http::request::Builder,
    body: &[u8],
    picked: Option<&str>,
    required: bool,
    algorithm_header: Option<&'static str>,
) -> Result<http::request::Builder, SerializeError> {
    let algorithm = match picked {
        Some(algorithm) => algorithm,
        None if required => {
            if let Some(header) = algorithm_header {
                builder = builder.header(header, DEFAULT_ALGORITHM);
            }
            DEFAULT_ALGORITHM
        }
        None => return Ok(builder),
    };
    let Some(digest) = digest(algorithm, body) else {
        return Err(SerializeError::unsupported_checksum(algorithm));
    };
    let name = format!("x-amz-checksum-{}", algorithm.to_ascii_lowercase());
    if builder.headers_ref().is_some_and(|h| h.contains_key(name.as_str())) {
        return Ok(builder);
    }
    Ok(builder.header(name, base64::engine::general_purpose::STANDARD.encode(digest)))
}

/// The digest of `body` by `algorithm` (`CRC32`, `CRC32C`, `CRC64NVME`, `SHA1`, `SHA256`,
/// in any case), big-endian; None for another algorithm.
pub fn digest(algorithm: &str, body: &[u8]) -> Option<Vec<u8>> {
    Some(match algorithm.to_ascii_uppercase().as_str() {
        "CRC32" => CRC32.checksum(body).to_be_bytes().to_vec(),
        "CRC32C" => CRC32C.checksum(body).to_be_bytes().to_vec(),
        "CRC64NVME" => CRC64NVME.checksum(body).to_be_bytes().to_vec(),
        "SHA1" => sha1::Sha1::digest(body).to_vec(),
        "SHA256" => sha2::Sha256::digest(body).to_vec(),
        _ => return None,
    })
}
