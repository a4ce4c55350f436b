"""Files of a dataset: atomic commits with checksums, single-threaded reads, crash repair.

Every part file is written under a hidden temporary name, flushed, given a SHA-256 sidecar
(``_<name>.sha256``, hidden from readers) and renamed into place, so readers only ever see
complete files and each one can be checked later. Reads run on the calling thread (no Arrow
thread pool; see :mod:`conflict_events.dataset` for why that matters at process exit).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import shutil
import socket
import uuid
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Final

import pyarrow as pa
import pyarrow.parquet as pq

CHECKSUM_SUFFIX: Final = ".sha256"
_HIDDEN: Final = (".", "_")


def host_token() -> str:
    """Return this host's name without dashes (temp and staging names split on ``-``)."""
    return socket.gethostname().replace("-", "")


def _temp_name(final: Path) -> Path:
    return final.with_name(f".tmp-{host_token()}-{os.getpid()}-{uuid.uuid4().hex[:8]}-{final.name}")


def fsync_dir(directory: Path) -> None:
    """Flush a directory entry to disk (after a rename), where the filesystem allows it."""
    with contextlib.suppress(OSError):  # not every filesystem lets a directory be opened
        fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def file_sha256(path: str | Path) -> str:
    """Return the SHA-256 hex digest of a file's bytes."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def checksum_path(part: Path) -> Path:
    """Return the sidecar that holds the SHA-256 of a part file (``_<name>.sha256``, hidden from readers)."""
    return part.with_name(f"_{part.name}{CHECKSUM_SUFFIX}")


def read_checksum(part: Path) -> str | None:
    """Return the SHA-256 recorded for a part file, or None when it has no sidecar."""
    try:
        text = checksum_path(part).read_text(encoding="ascii")
    except (OSError, UnicodeDecodeError):
        return None
    value = text.split(maxsplit=1)[0] if text.strip() else ""
    return value if re.fullmatch(r"[0-9a-f]{64}", value) else None


def write_text_atomic(final: Path, text: str) -> None:
    """Write a small UTF-8 text file atomically: hidden temp file, fsync, rename."""
    temp = _temp_name(final)
    try:
        with open(temp, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, final)
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise


def commit_table(table: pa.Table, final: Path) -> None:
    """Write ``table`` to ``final`` atomically: hidden temp file, fsync, checksum sidecar, rename.

    The sidecar goes in first: a crash between the two renames leaves a sidecar without a part
    (ignored), never a visible part without its checksum.
    """
    final.parent.mkdir(parents=True, exist_ok=True)
    temp = _temp_name(final)
    try:
        with pq.ParquetWriter(temp, table.schema, compression="zstd", use_dictionary=True,
                              write_page_checksum=True) as writer:
            writer.write_table(table)
        with open(temp, "rb+") as handle:
            os.fsync(handle.fileno())
        write_text_atomic(checksum_path(final), f"{file_sha256(temp)}  {final.name}\n")
        os.replace(temp, final)
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise
    fsync_dir(final.parent)


def part_name(event_ids: Iterable[str]) -> str:
    """Return a part file name derived from the ids it holds (same ids, same name)."""
    digest = hashlib.sha256("\n".join(sorted(event_ids)).encode()).hexdigest()[:20]
    return f"part-{digest}.parquet"


def _clean_stale_temps(root: Path) -> None:
    """Remove temp files left by dead writers on this host (crash or kill mid-write)."""
    host = host_token()
    for temp in root.rglob(".tmp-*"):
        parts = temp.name.split("-")
        if len(parts) < 4 or parts[1] != host:
            continue
        try:
            pid = int(parts[2])
        except ValueError:
            continue
        if pid == os.getpid() or _pid_alive(pid):
            continue
        with contextlib.suppress(OSError):
            temp.unlink()


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def recover(root: Path, names: Sequence[str]) -> None:
    """Repair a dataset directory after a crash.

    Finishes or undoes an overwrite interrupted between its renames (for the table folders
    ``names``), removes staging folders and temp files of dead writers on this host.
    """
    for name in names:
        target = root / name
        legacy = root / name.lstrip("_")
        if name.startswith("_") and not target.exists() and legacy.is_dir():
            # Datasets of release 0.1.0 kept their side tables in "documents/" and "rejects/",
            # which generic Parquet readers took for events; they move under the hidden names.
            os.replace(legacy, target)
        olds = sorted(root.glob(f".old-*-{name}"))
        if not target.exists() and olds:
            os.replace(olds[-1], target)
            olds = olds[:-1]
        if target.exists():
            for old in olds:
                shutil.rmtree(old, ignore_errors=True)
    for staging in root.glob(".staging-*"):
        if not _staging_owner_alive(staging):
            shutil.rmtree(staging, ignore_errors=True)
    _clean_stale_temps(root)


def _staging_owner_alive(staging: Path) -> bool:
    parts = staging.name.split("-")
    try:
        return parts[1] == host_token() and _pid_alive(int(parts[2]))
    except (IndexError, ValueError):
        return False


def _visible(path: Path, base: Path) -> bool:
    return not any(part.startswith(_HIDDEN) for part in path.relative_to(base).parts)


def table_files_under(directory: Path) -> list[Path]:
    """Visible Parquet files under ``directory`` (recursively), sorted."""
    if not directory.exists():
        return []
    return sorted(p for p in directory.rglob("*.parquet") if _visible(p, directory))


def read_parquet_file(path: str | Path, columns: Sequence[str] | None = None, *,
                      verify: bool = False) -> pa.Table:
    """Read one Parquet file on the calling thread (no Arrow thread pool is used).

    Args:
        path: The file.
        columns: Columns to read (default: all).
        verify: Check the Parquet page checksums while reading.

    Raises:
        OSError, pyarrow.ArrowInvalid: The file cannot be read or a checksum does not match.
    """
    with pq.ParquetFile(path, pre_buffer=False, page_checksum_verification=verify) as parquet:
        return parquet.read(columns=None if columns is None else list(columns), use_threads=False)
