//! What the app reads from and writes to the browser beyond the DOM:
//! storage, files, and the lazily loaded chunks of core code.

pub mod chunks;
pub mod files;
pub mod storage;
