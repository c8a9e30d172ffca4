import os
import shutil

import pytest


def require_pdftotext() -> None:
    if shutil.which("pdftotext") is None:
        if os.environ.get("SAMTRYGG_REQUIRE_TOOLS") == "1":
            pytest.fail("pdftotext is required (apt install poppler-utils)")
        pytest.skip("pdftotext not installed (apt install poppler-utils)")
