//! The one-writer lock of an archive: an exclusive `flock` on the archive folder
//! itself, held for the whole of an indexing pass. tantivy's own lock is an flock on
//! `.tantivy-writer.lock`, a file that can be deleted while a writer holds it, after
//! which a second writer creates a new one and runs alongside the first. The folder
//! cannot be deleted from under a writer while it holds the archive's files, and the
//! kernel drops the lock when the process dies, so a killed run never leaves it behind.

use anyhow::{anyhow, Result};
use std::os::unix::io::AsRawFd;
use std::path::Path;

/// Held while alive; the lock goes with the open folder.
pub struct WriterLock {
    _dir: std::fs::File,
}

impl WriterLock {
    /// Takes the lock, or fails at once with [`super::update::BUSY`] when another
    /// process holds it.
    pub fn acquire(dir: &Path) -> Result<WriterLock> {
        let folder = std::fs::File::open(dir)
            .map_err(|e| anyhow!("cannot open the archive folder {}: {e}", dir.display()))?;
        // SAFETY: flock(2) on a descriptor this struct owns; no memory is shared.
        let rc = unsafe { libc::flock(folder.as_raw_fd(), libc::LOCK_EX | libc::LOCK_NB) };
        if rc != 0 {
            let e = std::io::Error::last_os_error();
            if e.raw_os_error() == Some(libc::EWOULDBLOCK) {
                return Err(anyhow!(super::update::BUSY));
            }
            return Err(anyhow!("cannot lock the archive at {}: {e}", dir.display()));
        }
        Ok(WriterLock { _dir: folder })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_lock_on_the_folder_is_refused_until_the_first_is_dropped() {
        let dir = tempfile::tempdir().unwrap();
        let first = WriterLock::acquire(dir.path()).unwrap();
        // flock locks belong to the open file description: a second open in the same
        // process conflicts just as another process would.
        let err = WriterLock::acquire(dir.path()).err().unwrap();
        assert_eq!(err.to_string(), super::super::update::BUSY);
        drop(first);
        assert!(WriterLock::acquire(dir.path()).is_ok());
    }
}
