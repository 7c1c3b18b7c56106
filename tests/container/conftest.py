"""Fixtures for the container tests: one podman harness per session, base image cached."""
from __future__ import annotations

import time

import pytest

from .podman import BASE_IMAGE, Podman, Unavailable


@pytest.fixture(scope="session")
def podman() -> Podman:
    """A ready Podman whose base image (localhost/pybase:bookworm) exists, or a skip."""
    pm = Podman()
    ok, reason = pm.available()
    if not ok:
        pytest.skip(f"podman unavailable: {reason}")
    started = time.monotonic()
    cached = pm.image_exists(BASE_IMAGE)
    try:
        pm.ensure_base_image(BASE_IMAGE)
    except Unavailable as exc:
        pytest.skip(f"cannot build the base image: {exc}")
    print(f"\n[podman] {pm.versions()}; {reason}; base image {BASE_IMAGE} "
          f"{'cached' if cached else 'built'} in {time.monotonic() - started:.1f}s")
    return pm
