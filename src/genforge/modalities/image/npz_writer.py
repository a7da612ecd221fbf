"""An .npz archive written a chunk at a time, so memory stays bounded however large the array is.

`np.savez` needs the whole array in memory. This writes the same format (a zip of .npy members,
deflated as `np.savez_compressed` does, ZIP64 so members may pass 4 GB) from chunks: each member's
.npy header states the final shape up front, then the rows follow as they are made. `np.load`
reads the result like any other .npz. Written to a temporary name and renamed when complete, so a
kill or a full disk never leaves a half-written archive under the real name.
"""

from __future__ import annotations

import os
import zipfile
from pathlib import Path
from typing import IO

import numpy as np

from ...core.storage import remove_quietly, storage_errors


class ChunkedNpzWriter:
    def __init__(self, path: Path, what: str = "the samples"):
        self.path = Path(path)
        self.what = what
        self.temporary = self.path.with_name(f".{self.path.name}.{os.getpid()}.tmp")
        self.archive: zipfile.ZipFile | None = None
        self.member: IO[bytes] | None = None
        self.rows_left = 0

    def __enter__(self) -> "ChunkedNpzWriter":
        with self._errors():
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.archive = zipfile.ZipFile(self.temporary, "w", compression=zipfile.ZIP_DEFLATED, allowZip64=True)
        return self

    def _errors(self):
        return storage_errors(self.what, self.path, cleanup=None)

    def begin(self, name: str, shape: tuple[int, ...], dtype: np.dtype) -> None:
        """Start member `name`.npy of the given final shape; its rows then come through `write`."""
        assert self.member is None and self.archive is not None, "one member at a time"
        header = {"descr": np.lib.format.dtype_to_descr(np.dtype(dtype)), "fortran_order": False, "shape": shape}
        with self._errors():
            self.member = self.archive.open(f"{name}.npy", "w", force_zip64=True)
            np.lib.format.write_array_header_1_0(self.member, header)
        self.dtype, self.row_shape, self.rows_left = np.dtype(dtype), shape[1:], shape[0]

    def write(self, rows: np.ndarray) -> None:
        if rows.dtype != self.dtype or rows.shape[1:] != self.row_shape or len(rows) > self.rows_left:
            raise ValueError(f"rows {rows.dtype}{rows.shape} do not fit the member being written")
        with self._errors():
            self.member.write(np.ascontiguousarray(rows).tobytes())
        self.rows_left -= len(rows)
        if self.rows_left == 0:
            with self._errors():
                self.member.close()
            self.member = None

    def __exit__(self, kind, error, traceback) -> None:
        if kind is not None:  # the error in flight is the one to report; drop the partial archive
            for closable in (self.member, self.archive):
                try:
                    if closable is not None:
                        closable.close()
                except Exception:  # noqa: BLE001  (a full disk refuses these too)
                    pass
            remove_quietly(self.temporary)
            return
        if self.member is not None:
            remove_quietly(self.temporary)
            raise ValueError(f"{self.rows_left} rows of a member were never written")
        with storage_errors(self.what, self.path, cleanup=self.temporary):
            self.archive.close()
            self.temporary.replace(self.path)
