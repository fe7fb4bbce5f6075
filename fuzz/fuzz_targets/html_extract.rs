//! HTML extraction: any page must clean to blocks that lie inside the
//! extracted text, in order, on character boundaries.
#![no_main]

use libfuzzer_sys::fuzz_target;
use newsbrief::clean::{cap_depth, clean, MAX_HTML_DEPTH};
use newsbrief::RawDocument;

fuzz_target!(|data: &[u8]| {
    let Ok(html) = std::str::from_utf8(data) else {
        return;
    };
    let _ = cap_depth(html, 4);
    let _ = cap_depth(html, MAX_HTML_DEPTH);
    let doc = clean(&RawDocument::html("fuzz.html", html));
    let mut end = 0;
    for b in &doc.blocks {
        assert!(b.start >= end && b.start <= b.end && b.end <= doc.text.len());
        assert!(doc.text.is_char_boundary(b.start) && doc.text.is_char_boundary(b.end));
        end = b.end;
    }
    assert!(!doc.text.chars().any(|c| c.is_control() && !matches!(c, '\n' | '\t')));
});
