//! `newsbrief serve`: the HTTP API and web page on a local address. The
//! server lives in `newsbrief-server`; this only builds the runtime, binds
//! and waits for Ctrl-C or SIGTERM.

use std::process::ExitCode;
use std::time::Duration;

use anyhow::Context as _;
use newsbrief_server::ServerOptions;

use crate::ServeArgs;

pub fn serve(args: ServeArgs) -> anyhow::Result<ExitCode> {
    let defaults = ServerOptions::default();
    let options = ServerOptions {
        body_limit: args
            .body_limit_mb
            .map_or(defaults.body_limit, |mb| mb * 1024 * 1024),
        timeout: args
            .timeout_secs
            .map_or(defaults.timeout, Duration::from_secs),
        concurrency: args.concurrency.unwrap_or(defaults.concurrency),
        db: args.db.clone(),
        ..defaults
    };
    if let Some(db) = &args.db {
        // Fail now, not on the first request, if the store cannot be opened.
        newsbrief::store::Store::open(db)?;
    }
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("starting the async runtime")?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(&args.addr)
            .await
            .with_context(|| format!("binding {}", args.addr))?;
        let addr = listener.local_addr()?;
        eprintln!(
            "newsbrief: serving on http://{addr} (body limit {} MB, timeout {} s, {} at once); Ctrl-C stops",
            options.body_limit / (1024 * 1024),
            options.timeout.as_secs(),
            options.concurrency
        );
        newsbrief_server::serve(listener, options, newsbrief_server::shutdown_signal())
            .await
            .context("serving")?;
        eprintln!("newsbrief: stopped");
        Ok(ExitCode::SUCCESS)
    })
}
