"""Proof that the podman harness can build and run an image the way the project's will be.

A throwaway multi-stage Dockerfile pip-installs `six` into a venv (through the host's index
wiring), copies the venv into a final stage with a non-root USER, a VOLUME, a HEALTHCHECK,
STOPSIGNAL SIGTERM and an exec-form ENTRYPOINT. The container runs detached with a named
volume, turns healthy, runs as non-root, and exits cleanly on SIGTERM.
"""
from __future__ import annotations

import textwrap
import time
import urllib.request
import uuid

import pytest

from .podman import BUILD_MNT, SYSTEM_CA, host_pip_config

pytestmark = pytest.mark.slow

DOCKERFILE = r"""
ARG BASE=python:3.12-slim
FROM ${BASE} AS build
# Opt in to the host's pip config during `podman build` (empty, so harmless, elsewhere).
ARG PIP_CONFIG_FILE
# --without-pip + pip --python: the same venv, 6 s faster than bootstrapping pip into it.
RUN python -m venv --without-pip /opt/venv \
 && python -m pip --python /opt/venv/bin/python install --no-cache-dir six
# Without any pip config (--isolated): only DNS, host network and the mounted system CA bundle.
ARG PROBE_INDEX=
RUN if [ -n "$PROBE_INDEX" ]; then python -m pip --isolated download --no-deps --no-cache-dir \
      -d /tmp/probe --index-url "$PROBE_INDEX" six && echo "network index OK"; fi

FROM ${BASE}
COPY --from=build /opt/venv /opt/venv
COPY app.py /app/app.py
ENV PATH=/opt/venv/bin:$PATH PYTHONUNBUFFERED=1
RUN useradd --uid 10001 --create-home app && mkdir /data && chown app:app /data
USER app
VOLUME /data
HEALTHCHECK --interval=30s --timeout=10s --start-period=2s --retries=3 \
  CMD python -c "import os, six; assert os.access('/data', os.W_OK) and os.path.exists('/data/ready')"
STOPSIGNAL SIGTERM
ENTRYPOINT ["python", "/app/app.py"]
"""

APP = """\
import pathlib, signal, sys, time
import six

def on_term(signum, frame):
    print("got SIGTERM, bye", flush=True)
    sys.exit(0)

signal.signal(signal.SIGTERM, on_term)
pathlib.Path("/data/ready").write_text(six.text_type("ok"))
print("ready", flush=True)
while True:
    time.sleep(1)
"""


def test_build_run_health_stop(podman, tmp_path):
    ctx = tmp_path / "ctx"
    ctx.mkdir()
    (ctx / "Dockerfile").write_text(DOCKERFILE)
    (ctx / "app.py").write_text(textwrap.dedent(APP))
    suffix = uuid.uuid4().hex[:8]
    tag, name, vol = f"localhost/harness-proof:{suffix}", f"harness-{suffix}", f"harness-data-{suffix}"

    started = time.monotonic()
    index = _reachable_index()
    # no_cache: every run really goes through pip and the mounts, and leaves no layers behind.
    res = podman.build(ctx, tag, build_args={"BASE": podman.base_image, "PROBE_INDEX": index},
                       no_cache=True)
    print(f"[podman] proof image built in {time.monotonic() - started:.1f}s "
          f"(network index probe: {index or 'skipped, host reaches no http(s) index'})")
    try:
        out = res.stdout + res.stderr
        assert "Successfully installed six" in out
        assert not index or "network index OK" in out

        image = podman.inspect(tag, kind="image")
        cfg = image["Config"]
        assert image["Healthcheck"]["Test"][0] == "CMD-SHELL", image.get("Healthcheck")
        assert cfg["StopSignal"] == "SIGTERM"
        assert cfg["User"] == "app"
        assert "/data" in cfg["Volumes"]
        assert cfg["Entrypoint"] == ["python", "/app/app.py"]
        # The build-time pip wiring left nothing behind: no env, no files, base CA bundle intact.
        assert not any(e.startswith("PIP_CONFIG_FILE") for e in cfg.get("Env", []))
        assert BUILD_MNT not in podman.run("history", "--no-trunc", tag).stdout
        probe = "ls -a /etc/pip.conf /etc/xdg/pip 2>/dev/null; sha256sum " + SYSTEM_CA
        out = {img: podman.run("run", "--rm", "--network", "host", "--entrypoint", "sh", img, "-c",
                               probe).stdout for img in (tag, podman.base_image)}
        assert out[tag] == out[podman.base_image]
        assert "pip.conf" not in out[tag]

        podman.run("volume", "create", vol)
        podman.start(tag, name, volumes={vol: "/data"})
        assert podman.wait_healthy(name, timeout=60)
        assert podman.healthcheck(name)
        assert podman.inspect(name, fmt="{{.State.Health.Status}}") == "healthy"

        uid = podman.exec(name, "id", "-u").stdout.strip()
        assert uid.isdigit() and uid != "0", uid
        assert podman.exec(name, "cat", "/data/ready").stdout == "ok"

        t0 = time.monotonic()
        code = podman.stop(name, timeout=20)
        assert code == 0, podman.logs(name)  # SIGTERM handled, not SIGKILLed
        assert time.monotonic() - t0 < 15
        assert podman.inspect(name, fmt="{{.State.Status}}") == "exited"
        logs = podman.logs(name)
        assert "ready" in logs and "got SIGTERM, bye" in logs

        # The named volume outlives the container.
        podman.rm(name)
        again = podman.run("run", "--rm", "--network", "host", "-v", f"{vol}:/data",
                           "--entrypoint", "cat", tag, "/data/ready")
        assert again.stdout == "ok"
    finally:
        podman.rm(name)
        podman.run("volume", "rm", "-f", vol, check=False)
        podman.run("rmi", "-f", tag, check=False)
    assert name not in podman.run("ps", "-a", "--format", "{{.Names}}").stdout



def _reachable_index() -> str:
    """The host's http(s) package index if the host itself reaches it, else ''."""
    cfg = host_pip_config().get("global", {})
    for url in cfg.get("index-url", "").split():  # no configured index: nothing to probe
        if url.startswith(("http://", "https://")):
            try:
                urllib.request.urlopen(url.rstrip("/") + "/six/", timeout=20).close()
                return url
            except OSError:
                pass
    return ""
