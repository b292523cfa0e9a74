//! JSON reading and writing of `Blob`: standard base64 text.

use crate::primitives::Blob;
use crate::rt::json::{JsonError, Reader, Result, Writer};

pub fn read(r: &mut Reader<'_>) -> Result<Blob> {
    let at = r.offset();
    let text = r.string()?;
    Blob::from_base64(&text).ok_or_else(|| JsonError::custom(at, "expected base64 text"))
}

pub fn write(w: &mut Writer, value: &Blob) {
    w.string(&value.to_base64());
}
