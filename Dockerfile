# syntax=docker/dockerfile:1
# Hindsight: multi-stage, slim, non-root. BASE can be swapped for a local image in tests.
ARG BASE=python:3.12-slim

FROM ${BASE} AS build
ENV PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_CACHE_DIR=1
WORKDIR /src
COPY pyproject.toml README.md ./
COPY bot ./bot
COPY adapters ./adapters
COPY storage ./storage
RUN python -m venv /opt/hindsight \
 && /opt/hindsight/bin/pip install --no-compile . \
 && /opt/hindsight/bin/python -m compileall -q /opt/hindsight/lib \
 && /opt/hindsight/bin/pip uninstall -y -q pip

FROM ${BASE}
ENV PATH=/opt/hindsight/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    HINDSIGHT_DB=/data/hindsight.db
RUN (getent group hindsight || groupadd --system --gid 10001 hindsight) \
 && (id hindsight || useradd --system --uid 10001 --gid hindsight --home-dir /data --shell /usr/sbin/nologin hindsight) \
 && mkdir -p /data && chown hindsight:hindsight /data
COPY --from=build /opt/hindsight /opt/hindsight
USER hindsight
WORKDIR /data
VOLUME /data
STOPSIGNAL SIGTERM
HEALTHCHECK --interval=30s --timeout=10s --start-period=20s --retries=3 CMD ["hindsight", "healthcheck"]
ENTRYPOINT ["hindsight"]
CMD ["run"]
