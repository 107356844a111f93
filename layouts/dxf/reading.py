"""Reading a DXF file: refuse quickly what is not a whole drawing, then ezdxf's recover mode."""
from __future__ import annotations

from pathlib import Path

from centreplan.planner.errors import DxfImportError

MAX_DXF_BYTES = 50 * 1024 * 1024  # larger files are refused up front (a whole building is far less)
# DXF versions read (R12 to R2018), by $ACADVER
DXF_VERSIONS = {"AC1009": "R12", "AC1012": "R13", "AC1014": "R14", "AC1015": "R2000",
                "AC1018": "R2004", "AC1021": "R2007", "AC1024": "R2010", "AC1027": "R2013",
                "AC1032": "R2018"}
_BINARY_DXF = b"AutoCAD Binary DXF"


def check_file(path: str | Path) -> None:
    """Refuse, quickly and clearly, a file that is not a whole DXF drawing we can read."""
    p = Path(path)
    name = str(path)
    try:
        size = p.stat().st_size
    except FileNotFoundError:
        raise DxfImportError(f"{name}: no such file") from None
    except OSError as e:
        raise DxfImportError(f"{name}: cannot read the file ({e.strerror})") from None
    if p.is_dir():
        raise DxfImportError(f"{name}: is a folder, not a DXF file")
    if not p.is_file():  # a FIFO would block, a device (/dev/zero) never end
        raise DxfImportError(f"{name}: is not a regular file (a pipe, a device or a socket); save the drawing "
                             "as a file")
    if size == 0:
        raise DxfImportError(f"{name}: the file is empty")
    if size > MAX_DXF_BYTES:
        raise DxfImportError(f"{name}: the file is {size / 2**20:.0f} MiB; DXF plans larger than "
                             f"{MAX_DXF_BYTES // 2**20} MiB are refused (purge unused blocks and layers, "
                             "or export only the floor plan)")
    try:
        with p.open("rb") as fh:
            head = fh.read(65536)
            fh.seek(max(0, size - 4096))
            tail = fh.read()
    except OSError as e:
        raise DxfImportError(f"{name}: cannot read the file ({e.strerror})") from None
    if head.startswith(_BINARY_DXF):
        if b"EOF" not in tail:
            raise DxfImportError(f"{name}: the binary DXF file ends without its EOF marker: it is truncated")
        return
    if b"\x00" in head:
        raise DxfImportError(f"{name}: this is a binary file, not a DXF drawing (DXF is text, or binary DXF "
                             "starting with 'AutoCAD Binary DXF')")
    lines = head.lstrip(b"\xef\xbb\xbf").splitlines()
    tags = [ln.strip() for ln in lines[:4000]]
    if not any(a == b"0" and b == b"SECTION" for a, b in zip(tags, tags[1:])):
        raise DxfImportError(f"{name}: not a DXF drawing (no 'SECTION' at the start of the file)")
    end = [ln.strip() for ln in tail.splitlines() if ln.strip()]
    if not end or end[-1] != b"EOF":
        raise DxfImportError(
            f"{name}: the file ends without the DXF 'EOF' marker: it is truncated or was not saved "
            "completely; save or export the drawing again (nothing was imported)")


def read_dxf(path: str | Path):
    """``(doc, auditor)`` from ezdxf's recover mode (binary DXF: read, then audited); any failure is a
    :class:`DxfImportError`."""
    check_file(path)
    from ezdxf import recover
    from ezdxf.lldxf.const import DXFError

    try:
        with open(path, "rb") as fh:
            binary = fh.read(len(_BINARY_DXF)) == _BINARY_DXF
        if binary:  # recover mode reads text DXF only; binary DXF is read, then audited
            import ezdxf

            doc = ezdxf.readfile(str(path))
            return doc, doc.audit()
        return recover.readfile(str(path))
    except (DXFError, OSError, ValueError, IndexError, KeyError, TypeError, AttributeError,
            UnicodeError, RecursionError, MemoryError) as e:
        raise DxfImportError(f"{path}: ezdxf could not recover this drawing ({type(e).__name__}: {e})") from None

