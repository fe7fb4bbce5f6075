//! Snapshots of the three renderers on the bundled example with the brief:
//! any change to what a reader sees shows up as a diff to review
//! (`INSTA_UPDATE=always cargo test -p newsbrief --test render_snapshots`
//! rewrites them; with `CI=true` a missing snapshot fails).

use std::path::Path;

use newsbrief::render::{json, markdown, text};
use newsbrief::{Config, Input, Pipeline, Summary};

fn example_summary() -> Summary {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/tillerson-moscow-2017");
    let Input::Single(cluster) = newsbrief::ingest::read_paths(&[dir]).unwrap() else {
        panic!("the example is one cluster")
    };
    let config = Config {
        brief: true,
        ..Config::default()
    };
    Pipeline::new(config).summarize(&cluster).unwrap()
}

#[test]
fn text_of_the_example_with_its_brief() {
    insta::assert_snapshot!(text(&example_summary()));
}

#[test]
fn markdown_of_the_example_with_its_brief() {
    insta::assert_snapshot!(markdown(&example_summary()));
}

#[test]
fn json_of_the_example_with_its_brief() {
    insta::assert_snapshot!(json(&example_summary()));
}
