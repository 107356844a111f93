"""Reading a DXF file: refuse quickly what is not a whole drawing, then ezdxf's recover mode."""
from __future__ import annotations

from pathlib import Path

from centreplan.layouts.dxf.messages import Refused

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
        raise Refused("file.missing", name=name) from None
    except OSError as e:
        raise Refused("file.unreadable", name=name, error=str(e.strerror)) from None
    if p.is_dir():
        raise Refused("file.folder", name=name)
    if not p.is_file():  # a FIFO would block, a device (/dev/zero) never end
        raise Refused("file.special", name=name)
    if size == 0:
        raise Refused("file.empty", name=name)
    if size > MAX_DXF_BYTES:
        raise Refused("file.too_large", name=name, mib=size / 2**20, max=MAX_DXF_BYTES // 2**20)
    try:
        with p.open("rb") as fh:
            head = fh.read(65536)
            fh.seek(max(0, size - 4096))
            tail = fh.read()
    except OSError as e:
        raise Refused("file.unreadable", name=name, error=str(e.strerror)) from None
    if head.startswith(_BINARY_DXF):
        if b"EOF" not in tail:
            raise Refused("file.binary_truncated", name=name)
        return
    if b"\x00" in head:
        raise Refused("file.binary", name=name)
    lines = head.lstrip(b"\xef\xbb\xbf").splitlines()
    tags = [ln.strip() for ln in lines[:4000]]
    if not any(a == b"0" and b == b"SECTION" for a, b in zip(tags, tags[1:])):
        raise Refused("file.not_dxf", name=name)
    end = [ln.strip() for ln in tail.splitlines() if ln.strip()]
    if not end or end[-1] != b"EOF":
        raise Refused("file.truncated", name=name)


def read_dxf(path: str | Path):
    """``(doc, auditor)`` from ezdxf's recover mode (binary DXF: read, then audited); any failure is a
    :class:`~planner.errors.DxfImportError` (a :class:`~layouts.dxf.messages.Refused`)."""
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
        raise Refused("file.unrecoverable", name=str(path), error=f"{type(e).__name__}: {e}") from None

