//! The library's one error type. Every variant names the file or record at
//! fault so that a user reading the message knows what to fix; the server maps
//! variants to HTTP statuses with [`Error::kind`].

use std::path::PathBuf;

/// Errors the engine reports. Nothing in the library panics on bad input.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A path given by the user does not exist.
    #[error("{}: no such file or directory", .0.display())]
    NotFound(PathBuf),
    /// Reading a file or stream failed.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file or stream (`-`).
        path: PathBuf,
        /// What the system said.
        #[source]
        source: std::io::Error,
    },
    /// A cluster has no article at all.
    #[error("{0}: the cluster has no articles")]
    EmptyCluster(String),
    /// Articles were found but none has text a summary can be made from.
    #[error("{0}: no readable article (no file or document with usable sentences)")]
    NoReadableArticle(String),
    /// A JSON record could not be parsed or has the wrong shape; `id` is the
    /// record's own id when it could be read.
    #[error("{origin}: {message}")]
    BadRecord {
        /// The file and line, or the record's id.
        origin: String,
        /// The record's own id, when it could be read.
        id: Option<String>,
        /// What is wrong with it.
        message: String,
    },
    /// A configuration value is out of range (budget of zero, unknown method, ...).
    #[error("invalid configuration: {0}")]
    Config(String),
    /// Input the engine refuses to read: binary data, a script it does not
    /// handle. The message names the file or record and the reason.
    #[error("{origin}: {message}")]
    Unsupported {
        /// The file or record.
        origin: String,
        /// Why it is refused.
        message: String,
    },
    /// The caller's [`Cancel`](crate::cancel::Cancel) flag was set.
    #[error("cancelled")]
    Cancelled,
    /// A cluster is past the input ceiling ([`crate::Config::max_bytes`],
    /// [`crate::Config::max_sentences`]).
    #[error("{id}: {message}")]
    TooLarge {
        /// The cluster's id.
        id: String,
        /// Its size against the ceiling, and how to raise it.
        message: String,
    },
}

/// Coarse classes of [`Error`], for callers that map errors to statuses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    /// The caller sent something malformed.
    BadInput,
    /// The input was well-formed but holds no usable text.
    NoText,
    /// The environment failed (I/O).
    Io,
    /// The caller stopped the work.
    Cancelled,
}

impl Error {
    /// The error's class (the server maps it to an HTTP status).
    pub fn kind(&self) -> ErrorKind {
        match self {
            Error::NotFound(_) | Error::Io { .. } => ErrorKind::Io,
            Error::EmptyCluster(_)
            | Error::BadRecord { .. }
            | Error::Config(_)
            | Error::TooLarge { .. } => ErrorKind::BadInput,
            Error::NoReadableArticle(_) | Error::Unsupported { .. } => ErrorKind::NoText,
            Error::Cancelled => ErrorKind::Cancelled,
        }
    }

    /// The id of the JSONL record at fault, when the record had a readable one.
    pub fn record_id(&self) -> Option<&str> {
        match self {
            Error::BadRecord { id, .. } => id.as_deref(),
            _ => None,
        }
    }

    pub(crate) fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        let path = path.into();
        if source.kind() == std::io::ErrorKind::NotFound {
            Error::NotFound(path)
        } else {
            Error::Io { path, source }
        }
    }
}

/// A result with the library's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;
