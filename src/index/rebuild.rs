//! `warta index --rebuild`: the new archive is built in a folder beside the old one
//! (`INDEX.warta-rebuild`) and exchanged with it in one atomic rename, so that a
//! rebuild killed at any point leaves the old archive, damaged or not, where it was.

use anyhow::{anyhow, Result};
use std::ffi::CString;
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};

/// The folder a rebuild of `index` is built in.
pub fn side_folder(index: &Path) -> PathBuf {
    let mut name = index
        .file_name()
        .map(|n| n.to_os_string())
        .unwrap_or_else(|| "index".into());
    name.push(".warta-rebuild");
    index.with_file_name(name)
}

/// Puts the finished archive at `side` in the place of `index` and removes the old one.
/// Where both exist they are exchanged atomically (`renameat2` with `RENAME_EXCHANGE`);
/// a file system without it gets two renames, the old archive moved aside first.
pub fn swap_in(side: &Path, index: &Path) -> Result<()> {
    let c = |p: &Path| CString::new(p.as_os_str().as_bytes()).map_err(|e| anyhow!("{e}"));
    let fail =
        |e: std::io::Error| anyhow!("cannot put the rebuilt archive at {}: {e}", index.display());
    if !index.exists() {
        return std::fs::rename(side, index).map_err(fail);
    }
    let (from, to) = (c(side)?, c(index)?);
    // SAFETY: two NUL-terminated paths that live across the call.
    let rc = unsafe {
        libc::renameat2(
            libc::AT_FDCWD,
            from.as_ptr(),
            libc::AT_FDCWD,
            to.as_ptr(),
            libc::RENAME_EXCHANGE,
        )
    };
    if rc != 0 {
        let aside = index.with_file_name(format!(
            "{}.warta-old",
            index.file_name().unwrap_or_default().to_string_lossy()
        ));
        std::fs::rename(index, &aside).map_err(fail)?;
        std::fs::rename(side, index).map_err(fail)?;
        std::fs::remove_dir_all(&aside).ok();
        return Ok(());
    }
    // The old archive is now at `side`.
    std::fs::remove_dir_all(side).map_err(|e| {
        anyhow!(
            "the rebuilt archive is in place, but the old one at {} could not be removed: {e}",
            side.display()
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_new_folder_takes_the_old_ones_place() {
        let tmp = tempfile::tempdir().unwrap();
        let index = tmp.path().join("index");
        let side = side_folder(&index);
        assert_eq!(side, tmp.path().join("index.warta-rebuild"));
        std::fs::create_dir_all(&index).unwrap();
        std::fs::write(index.join("old"), "x").unwrap();
        std::fs::create_dir_all(&side).unwrap();
        std::fs::write(side.join("new"), "y").unwrap();
        swap_in(&side, &index).unwrap();
        assert!(index.join("new").exists() && !index.join("old").exists());
        assert!(!side.exists());
    }
}
