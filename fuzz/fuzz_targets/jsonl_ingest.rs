//! JSONL ingest: any bytes as a JSONL file must give one record (a cluster
//! or an error naming its line) per non-blank line, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use newsbrief::ingest::{parse_jsonl, refuse_binary};

fuzz_target!(|data: &[u8]| {
    if refuse_binary(data, "fuzz.jsonl").is_err() {
        return;
    }
    let text = String::from_utf8_lossy(data);
    let records = parse_jsonl(&text, "fuzz.jsonl");
    let lines = text.lines().filter(|l| !l.trim().is_empty()).count();
    assert_eq!(records.len(), lines);
    for record in records.iter().flatten() {
        assert!(!record.documents.is_empty());
    }
});
