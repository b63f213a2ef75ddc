"""Writing outputs so that no write can destroy data.

Every file a command writes goes through :class:`Outputs` (or :func:`write_output` for
one file). An output

- is refused if it is one of the command's inputs (the same file, also through a
  symbolic or hard link), a folder, a FIFO, a device or anything else but a file, or a
  file the user may not write;
- is written through a symbolic link to the link's target, and the link stays a link;
- keeps the mode of the file it replaces (a new file gets the usual mode, 0666 less
  the umask);
- is first written in full to a temporary file in its target's folder, flushed and
  synced to disk, then renamed over the target in one step, and the folder is synced.

A set of outputs is put in place together: if one of them cannot be, those already
replaced get their old content back and nothing else is touched. On any failure the
temporary files and any folder created for the outputs are removed, and the error is an
:class:`OutputError` naming the path.
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import stat
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from kzgraph.errors import OutputError


@dataclass
class _Staged:
    """One output waiting to be put in place: given is the path as named, target the
    file it writes (symbolic links followed), temp the full new content beside it."""

    given: Path
    target: Path
    temp: Path
    backup: Path | None = None
    placed: bool = False


def _reason(exc: OSError) -> str:
    return exc.strerror or str(exc)


def _kind(mode: int) -> str | None:
    """What a file that cannot be an output is, or None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def _identities(inputs: Iterable[Path | str]) -> set[tuple[int, int]]:
    """(device, inode) of each input that exists, so links to an input are recognised."""
    found = set()
    for path in inputs:
        try:
            info = os.stat(path)
        except OSError:
            continue
        found.add((info.st_dev, info.st_ino))
    return found


def check_output(path: Path | str, inputs: Iterable[Path | str] = ()) -> Path:
    """The file that writing to path replaces or creates, symbolic links followed.

    Raises OutputError if it is one of inputs, or exists and is not a regular file.
    """
    given = Path(path)
    target = Path(os.path.realpath(given))
    try:
        info = os.stat(target)
    except FileNotFoundError:
        return target
    except NotADirectoryError as exc:
        raise OutputError(f"{given}: cannot write: {_file_in_the_way(target)} is not a folder") from exc
    except OSError as exc:
        raise OutputError(f"{given}: cannot write: {_reason(exc)}") from exc
    kind = _kind(info.st_mode)
    if kind:
        raise OutputError(f"{given}: is {kind}, not a file kzgraph can write")
    if (info.st_dev, info.st_ino) in _identities(inputs):
        raise OutputError(f"{given}: is one of the inputs; refusing to overwrite it")
    if not os.access(target, os.W_OK):  # a rename could replace it: do only what open() may
        raise OutputError(f"{given}: cannot write: Permission denied (the file is read-only)")
    return target


def _file_in_the_way(path: Path) -> Path | None:
    """The nearest of path and its parents that exists, if it is not a folder."""
    for probe in (path, *path.parents):
        if os.path.lexists(probe):
            return None if os.path.isdir(probe) else probe
    return None


def _default_mode() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


def _sync_folder(folder: Path) -> None:
    """Make a rename in folder durable, where the file system can sync a folder and
    the user may open it."""
    try:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
    except OSError as exc:
        if exc.errno not in (errno.EINVAL, errno.ENOTSUP, errno.EBADF, errno.EACCES, errno.EPERM):
            raise


class Outputs:
    """Files written together: :meth:`write` stages each beside its target and
    :meth:`commit` puts all of them in place, or none.

    Used as a context manager, it commits when the block ends normally and discards
    everything staged when it raises. inputs are the files the command reads; none of
    them may be written.
    """

    def __init__(self, inputs: Iterable[Path | str] = ()) -> None:
        self.inputs = list(inputs)
        self._staged: list[_Staged] = []
        self._removals: list[tuple[Path, Path | None]] = []
        self._created: list[Path] = []

    def __enter__(self) -> Outputs:
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        if exc_type is None:
            self.commit()
        else:
            self.discard()

    def make_folder(self, path: Path | str, *, output: Path | None = None) -> Path:
        """Create folder path and its missing parents (removed again by :meth:`discard`);
        the folder, symbolic links followed. Errors name output (default: path)."""
        given = output or Path(path)
        folder = Path(os.path.realpath(path))
        if not os.path.isdir(folder) and _file_in_the_way(folder):
            raise OutputError(f"{given}: cannot write: {_file_in_the_way(folder)} is not a folder")
        missing = []
        probe = folder
        while not os.path.lexists(probe):
            missing.append(probe)
            probe = probe.parent
        for item in reversed(missing):
            try:
                item.mkdir()
            except OSError as exc:
                raise OutputError(f"{given}: cannot create folder {item}: {_reason(exc)}") from exc
            self._created.append(item)
        return folder

    def write(self, path: Path | str, data: str | bytes | Iterable[str]) -> None:
        """Stage data (text is written as UTF-8; pieces of text one after another) as the
        new content of path."""
        given = Path(path)
        target = check_output(given, self.inputs)
        if any(s.target == target for s in self._staged):
            raise OutputError(f"{given}: is written twice")
        self.make_folder(target.parent, output=given)
        try:
            fd, temp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
        except OSError as exc:
            raise OutputError(f"{given}: cannot write: {_reason(exc)}") from exc
        staged = _Staged(given, target, Path(temp))
        self._staged.append(staged)
        try:
            with os.fdopen(fd, "wb") as handle:
                if isinstance(data, (str, bytes)):
                    handle.write(data.encode("utf-8") if isinstance(data, str) else data)
                else:
                    for piece in data:
                        handle.write(piece.encode("utf-8"))
                handle.flush()
                os.fsync(handle.fileno())
            self._copy_owner_and_mode(staged)
        except OSError as exc:
            raise OutputError(f"{given}: cannot write: {_reason(exc)}") from exc

    def remove(self, path: Path | str) -> None:
        """Remove the file path on commit, if it is a regular file (not a link) then."""
        self._removals.append((Path(path), None))

    def commit(self) -> None:
        """Put every staged file in place, then make the removals; on a failure undo
        what was done, remove what was staged and raise OutputError."""
        steps = len(self._staged) + len(self._removals)
        current = None
        try:
            for i, staged in enumerate(self._staged):
                current = staged.given
                self._place(staged, keep_old=i < steps - 1)
            for i, (path, _) in enumerate(self._removals):
                current = path
                if path.is_file() and not path.is_symlink():
                    backup = self._unused_name(path)
                    os.replace(path, backup)
                    self._removals[i] = (path, backup)
        except OSError as exc:
            self._undo()
            self.discard()
            raise OutputError(f"{current}: cannot write: {_reason(exc)}") from exc
        folders = {s.target.parent for s in self._staged} | {p.parent for p, _ in self._removals}
        self._forget_backups()
        for folder in sorted(folders):
            try:
                _sync_folder(folder)
            except OSError as exc:
                raise OutputError(f"{folder}: cannot sync the folder to disk: {_reason(exc)}") from exc

    def discard(self) -> None:
        """Remove every staged temporary file and the folders created for the outputs."""
        for staged in self._staged:
            if not staged.placed:
                staged.temp.unlink(missing_ok=True)
        self._staged.clear()
        for folder in reversed(self._created):
            try:
                folder.rmdir()
            except OSError:
                pass  # something else was put in it meanwhile: leave it
        self._created.clear()

    # ------------------------------------------------------------ internals

    def _copy_owner_and_mode(self, staged: _Staged) -> None:
        try:
            old = os.stat(staged.target)
        except FileNotFoundError:
            os.chmod(staged.temp, _default_mode())
            return
        if (old.st_uid, old.st_gid) != (os.geteuid(), os.getegid()):
            try:
                os.chown(staged.temp, old.st_uid, old.st_gid)
            except PermissionError:
                pass  # only the owner's mode can be kept
        os.chmod(staged.temp, stat.S_IMODE(old.st_mode))

    @staticmethod
    def _unused_name(path: Path) -> Path:
        """A free name beside path for its old content."""
        fd, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".old")
        os.close(fd)
        os.unlink(name)
        return Path(name)

    def _place(self, staged: _Staged, *, keep_old: bool) -> None:
        """Rename the staged file over its target; keep_old keeps the old file under
        another name (a hard link, or a copy where links are not supported) to undo it."""
        if keep_old and os.path.exists(staged.target):
            backup = self._unused_name(staged.target)
            try:
                os.link(staged.target, backup)
            except OSError:
                shutil.copy2(staged.target, backup)
            staged.backup = backup
        os.replace(staged.temp, staged.target)
        staged.placed = True

    def _undo(self) -> None:
        """Restore what commit changed (best effort: the first error is the one reported)."""
        for path, backup in reversed(self._removals):
            if backup is not None:
                with contextlib.suppress(OSError):
                    os.replace(backup, path)
        for staged in reversed(self._staged):
            with contextlib.suppress(OSError):
                if staged.placed and staged.backup is not None:
                    os.replace(staged.backup, staged.target)
                elif staged.placed:
                    staged.target.unlink()
                elif staged.backup is not None:
                    staged.backup.unlink()

    def _forget_backups(self) -> None:
        for staged in self._staged:
            if staged.backup is not None:
                staged.backup.unlink(missing_ok=True)
        for _, backup in self._removals:
            if backup is not None:
                backup.unlink(missing_ok=True)
        self._staged.clear()
        self._removals.clear()
        self._created.clear()


def write_output(path: Path | str, data: str | bytes | Iterable[str], *, inputs: Iterable[Path | str] = ()) -> None:
    """Write data to path safely (see the module's description); text (or pieces of text)
    is written as UTF-8."""
    with Outputs(inputs) as outputs:
        outputs.write(path, data)


def recorded_names(manifest: Path) -> list[str]:
    """The file names a manifest records (see :func:`write_folder`); none if it is missing.
    Only plain names of files in the manifest's own folder count."""
    try:
        text = manifest.read_text(encoding="utf-8", errors="replace")
    except FileNotFoundError:
        return []
    except OSError as exc:
        raise OutputError(f"{manifest}: cannot read: {_reason(exc)}") from exc
    names = []
    for line in text.splitlines():
        name = line.strip()
        if name and not name.startswith(("#", ".")) and Path(name).name == name and "\\" not in name:
            names.append(name)
    return names


def write_folder(folder: Path | str, render: Callable[[Path], list[Path]], *, manifest: str,
                 inputs: Iterable[Path | str] = ()) -> list[Path]:
    """Write a set of files into folder as a whole, and remove the ones an earlier set had
    that this one has not; the paths written.

    render writes the files into the empty scratch folder it is given (made inside folder)
    and returns their paths; they are then put in place together (see :class:`Outputs`).
    The names written are recorded in the file named manifest in folder, and only files
    an earlier manifest recorded are ever removed: other files in folder are left alone.
    """
    given = Path(folder)
    with Outputs(inputs) as outputs:
        target = outputs.make_folder(given)
        earlier = recorded_names(target / manifest)
        try:
            scratch = Path(tempfile.mkdtemp(dir=target, prefix=f"{manifest}-", suffix=".tmp"))
        except OSError as exc:
            raise OutputError(f"{given}: cannot write: {_reason(exc)}") from exc
        try:
            names = []
            for path in map(Path, render(scratch)):
                names.append(path.name)
                outputs.write(given / path.name, path.read_bytes())
        except OutputError as exc:  # name the page where it goes, not where it was made
            raise OutputError(str(exc).replace(str(scratch), str(given))) from exc
        except OSError as exc:
            raise OutputError(f"{given}: cannot write: {_reason(exc)}") from exc
        finally:
            shutil.rmtree(scratch, ignore_errors=True)
        header = "# Files written here by kzgraph; it removes only files listed here.\n"
        outputs.write(given / manifest, header + "".join(f"{name}\n" for name in names))
        for name in earlier:
            if name not in names:
                outputs.remove(given / name)
    return [given / name for name in names]
