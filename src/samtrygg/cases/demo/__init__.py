"""The case coordination demo (``build(ctx)``, called by ``samtrygg demo``)."""

from samtrygg.cases.demo.builder import build

__all__ = ["build"]
