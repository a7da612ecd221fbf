"""Writing what a latent tool returns (pipelines/latent_tools.py: ToolOutput): a PNG grid of images, or
lines of text printed or written to a .txt."""

from __future__ import annotations

from pathlib import Path

from ..core.errors import GenforgeError
from ..core.storage import write_text_atomically


def write_tool_output(output, out: str | None, what: str) -> None:
    if output.samples is not None:
        from ..core import MODALITIES
        from ..pipelines.sample import output_format

        if not out:
            raise GenforgeError(f"--out is needed for {output.samples.modality}: name a folder or a file")
        modality = MODALITIES.get(output.samples.modality)
        fmt = output_format(Path(out), None, modality)
        modality.write([output.samples], Path(out), fmt, len(output.samples))
        print(f"{what} written to {out}")
        for line in output.texts:
            print(line)
    elif output.images is not None:
        if not out:
            raise GenforgeError("--out is needed for images: name a .png")
        from ..modalities.image.grids import save_grid

        save_grid(output.images, out, columns=output.columns)
        print(f"{what} written to {out}")
    elif out:
        write_text_atomically(Path(out), "\n".join(output.texts) + "\n", what)
        print(f"{what} written to {out}")
    else:
        print("\n".join(output.texts))
