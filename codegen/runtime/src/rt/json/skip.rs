//! Skipping the values the model does not know, without recursion.

use super::{Reader, Result};

impl Reader<'_> {
    /// Skips any value (used for members the model does not know).
    pub fn skip_value(&mut self) -> Result<()> {
        // Iterative, so hostile nesting costs no stack. Bit `i` of `objects` tells whether the
        // i-th container opened here is an object; `begin_*` enforce MAX_DEPTH (= 128), so
        // `open` stays below 128 whenever it is used as a shift.
        let mut objects: u128 = 0;
        let mut open: u32 = 0;
        loop {
            self.skip_ws();
            match self.peek() {
                Some(b'{') => {
                    self.begin_object()?;
                    objects |= 1 << open;
                    open += 1;
                }
                Some(b'[') => {
                    self.begin_array()?;
                    objects &= !(1 << open);
                    open += 1;
                }
                Some(b'"') => self.string().map(|_| ())?,
                Some(b't' | b'f') => self.bool().map(|_| ())?,
                Some(b'n') if self.take_literal(b"null") => {}
                Some(b'-' | b'0'..=b'9') => self.number().map(|_| ())?,
                _ => return self.fail("expected a value"),
            }
            // Move on to the next value still to skip, closing containers that have ended.
            loop {
                if open == 0 {
                    return Ok(());
                }
                let more = if objects & (1 << (open - 1)) != 0 {
                    self.next_key()?.is_some()
                } else {
                    self.next_element()?
                };
                if more {
                    break;
                }
                open -= 1;
            }
        }
    }
}
