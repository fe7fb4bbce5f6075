//! Sentence segmentation: spans trimmed, non-empty, in order, inside the
//! block and on character boundaries, for any text and any block in it.
#![no_main]

use libfuzzer_sys::fuzz_target;
use newsbrief::segment::split_sentences;

fuzz_target!(|data: &[u8]| {
    let Some((&cut, rest)) = data.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    // A block that starts part-way in, on a character boundary.
    let mut start = (cut as usize * text.len()) / 256;
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    let spans = split_sentences(text, start..text.len());
    let mut end = start;
    for s in &spans {
        assert!(s.start >= end && s.start < s.end && s.end <= text.len(), "{spans:?}");
        assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end));
        let sentence = &text[s.clone()];
        assert_eq!(sentence, sentence.trim());
        end = s.end;
    }
});
