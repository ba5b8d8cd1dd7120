"""Files are read up to the size limit whatever size they report when opened."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from issextract.reading import InputError, _read_limited, read_regular


def test_a_file_that_reports_no_size_is_read_whole():
    proc = Path("/proc/self/status")
    if not proc.exists():
        pytest.skip("no /proc here")
    data = read_regular(proc, 1024 * 1024)
    assert b"Name:" in data and len(data) > 0


@pytest.mark.parametrize("told", [0, 10, 999, 1000, 5000])
def test_a_file_that_grew_is_read_on_up_to_the_limit(told: int):
    content = bytes(range(256)) * 4  # 1,024 bytes
    assert _read_limited(io.BytesIO(content), told, 2000) == content
    over = _read_limited(io.BytesIO(content * 3), told, 2000)
    assert len(over) == 2001  # one byte past the limit: the caller refuses the file


def test_a_file_over_the_limit_is_refused(tmp_path: Path):
    big = tmp_path / "big.txt"
    big.write_bytes(b"x" * 3000)
    with pytest.raises(InputError, match="limit"):
        read_regular(big, 2000)
    assert read_regular(big, 3000) == b"x" * 3000
