//! Cancellation: a flag a caller sets to stop a summary in progress.
//!
//! Takes nothing from the pipeline; hands [`Cancel`] to
//! [`Pipeline::summarize_cancellable`](crate::Pipeline::summarize_cancellable),
//! which checks it between stages and between documents and returns
//! [`Error::Cancelled`] once it is set. The server sets it when a request
//! passes its timeout, so that a 504 also stops the work behind it instead of
//! leaving a thread busy (issue 11: six threads busy with `--concurrency 2`).
//! Checks are a relaxed atomic load: free beside the work between them.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use crate::error::{Error, Result};

/// A shared stop flag; clones observe the same flag.
#[derive(Debug, Clone, Default)]
pub struct Cancel(Arc<AtomicBool>);

impl Cancel {
    /// A flag not yet set.
    pub fn new() -> Self {
        Cancel::default()
    }

    /// Asks the work holding a clone of this flag to stop at its next check.
    pub fn cancel(&self) {
        self.0.store(true, Ordering::Relaxed);
    }

    /// Whether [`Cancel::cancel`] was called on this flag or a clone.
    pub fn is_cancelled(&self) -> bool {
        self.0.load(Ordering::Relaxed)
    }

    /// `Err(Error::Cancelled)` once the flag is set.
    pub fn check(&self) -> Result<()> {
        if self.is_cancelled() {
            Err(Error::Cancelled)
        } else {
            Ok(())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clones_share_the_flag() {
        let a = Cancel::new();
        let b = a.clone();
        assert!(b.check().is_ok());
        a.cancel();
        assert!(b.is_cancelled());
        assert!(matches!(b.check(), Err(Error::Cancelled)));
    }
}
