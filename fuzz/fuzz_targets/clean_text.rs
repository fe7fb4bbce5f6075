//! Cleaning plain text: blocks inside the text, in order, on character
//! boundaries; the text keeps its length (junk is marked out, controls
//! blanked in place) so offsets index the user's bytes.
#![no_main]

use libfuzzer_sys::fuzz_target;
use newsbrief::clean::{clean, is_junk, junk_prefix};
use newsbrief::RawDocument;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let doc = clean(&RawDocument::text("fuzz.txt", text));
    assert_eq!(doc.text.len(), text.len());
    let mut end = 0;
    for b in &doc.blocks {
        assert!(b.start >= end && b.start < b.end && b.end <= doc.text.len());
        assert!(doc.text.is_char_boundary(b.start) && doc.text.is_char_boundary(b.end));
        end = b.end;
    }
    for line in text.lines() {
        let line = line.trim();
        let _ = is_junk(line);
        if let Some(skip) = junk_prefix(line) {
            assert!(skip > 0 && skip < line.len() && line.is_char_boundary(skip));
        }
    }
});
