//! The server's request parsing: any body gives a job or a JSON error with a
//! 4xx status, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    match newsbrief_server::parse_request(data) {
        Ok((cluster, config, _)) => {
            assert!(config.validate().is_ok());
            let _ = cluster.documents.len();
        }
        Err(e) => assert!(e.status().is_client_error(), "{e:?}"),
    }
});
