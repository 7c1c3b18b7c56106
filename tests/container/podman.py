"""A small podman harness for the container tests (no Docker engine, no registry).

Podman's storage, libpod DB, volumes, config and temp files live under one directory,
``$HINDSIGHT_PODMAN_ROOT`` or ``/var/tmp/hindsight-podman`` (``-<uid>`` when not root), chosen
through CONTAINERS_CONF, CONTAINERS_STORAGE_CONF, CONTAINERS_REGISTRIES_CONF and TMPDIR. It
outlives test runs, so the debootstrapped base image is built once (80-120 s here) and then
reused. (Podman still reads /etc/containers/policy.json and keeps a blob cache in
/var/lib/containers/cache and an empty /run/containers/networks.)

Needed here (Debian bookworm: podman 4.3.1, buildah 1.28.2, runc 1.1.5): runtime runc,
cgroup_manager "cgroupfs", events_logger "none" (hybrid cgroups, no systemd), default_ulimits
= the host's hard limits, ``--network host`` (also the default netns), ``--format docker``
(OCI drops HEALTHCHECK), ``--pull=never`` (no registry). Storage: kernel overlay unless the
backing filesystem is overlay, then fuse-overlayfs, else vfs (HINDSIGHT_PODMAN_DRIVER
overrides; all three work here). The "unable to get systemd connection" log lines are
harmless: health is polled with ``podman healthcheck run``.

How ``RUN pip install`` reaches the index inside a build
--------------------------------------------------------
Here pip uses the public package index through a transparent TLS proxy whose CA is only in the
host bundle, plus local file:// indexes, find-links and a constraints file from the host's
pip config; no proxy variables are set. ``build()`` uses ``podman build -v host:ctr:ro``, which
needs no Dockerfile change. (``RUN --mount=type=bind`` works too and leaves nothing behind, but
takes its source only from the context, a stage/image or a named --build-context, so every
pip RUN line would have to name it.) A ``-v`` target that the image lacks, e.g. /etc/pip.conf,
is left behind as an empty stub file, so the mounts are placed where that cannot happen:

* ``-v HOSTCA:/etc/ssl/certs/ca-certificates.crt:ro``, over the file Debian bases already
  have: Debian's pip (system bundle), pip >= 24.2 (truststore), curl and python trust the proxy.
* ``-v GEN:/dev/hindsight-build:ro``: a pip.conf generated from ``pip config list`` (env
  included; index/trust settings only, ``cert`` = a CA copy in GEN), and the host's local
  indexes/find-links/constraints at ``/dev/hindsight-build-mN``. /dev is a tmpfs in each RUN
  container, so none of it, not even a mount point, reaches a layer.
* ``--build-arg PIP_CONFIG_FILE=/dev/hindsight-build/pip.conf``: a stage opts in to that
  pip.conf with ``ARG PIP_CONFIG_FILE`` (empty and harmless under plain Docker). ARG values
  stay out of the image config.
* HTTP(S)_PROXY, NO_PROXY, ALL_PROXY, FTP_PROXY (any case) as build args: predefined, so they
  reach RUN without an ARG and stay out of the history.
"""
from __future__ import annotations

import ast
import configparser
import fcntl
import functools
import glob
import json
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import unquote, urlparse

BASE_IMAGE = "localhost/pybase:bookworm"
BUILD_MNT = "/dev/hindsight-build"
SYSTEM_CA = "/etc/ssl/certs/ca-certificates.crt"
PROXY_VARS = [v for n in ("http_proxy", "https_proxy", "no_proxy", "all_proxy", "ftp_proxy")
              for v in (n, n.upper())]
# pip settings worth carrying into a build (client-cert, cache-dir, target, ... are not).
PIP_KEYS = {"index-url", "extra-index-url", "find-links", "no-index", "trusted-host", "proxy",
            "cert", "timeout", "default-timeout", "retries", "constraint",
            "disable-pip-version-check"}
PATH_KEYS = {"index-url", "extra-index-url", "find-links", "constraint"}


class Unavailable(RuntimeError):
    """Something the harness needs is missing on this machine (tests should skip)."""


def default_root() -> str:
    if os.environ.get("HINDSIGHT_PODMAN_ROOT"):
        return os.environ["HINDSIGHT_PODMAN_ROOT"]
    return "/var/tmp/hindsight-podman" + ("" if os.geteuid() == 0 else f"-{os.geteuid()}")


def apt_mirror(suite: str = "bookworm") -> str:
    """The Debian mirror apt uses, read from sources.list(.d) (one-line and deb822)."""
    entries: list[tuple[str, list[str]]] = []
    for path in ["/etc/apt/sources.list", *sorted(glob.glob("/etc/apt/sources.list.d/*.list"))]:
        for line in Path(path).read_text().splitlines() if os.path.isfile(path) else []:
            m = re.match(r"\s*deb\s+(?:\[[^\]]*\]\s+)?(\S+)\s+(\S+)", line.split("#", 1)[0])
            if m:
                entries.append((m.group(1), [m.group(2)]))
    for path in sorted(glob.glob("/etc/apt/sources.list.d/*.sources")):
        text = "\n".join(ln for ln in Path(path).read_text().splitlines()
                         if not ln.lstrip().startswith("#"))
        for stanza in re.split(r"\n\s*\n", text):
            fields = dict((k.strip().lower(), v.strip()) for k, v in
                          re.findall(r"^(\S+):[ \t]*(.*(?:\n[ \t]+.*)*)", stanza, re.M))
            if "deb" in fields.get("types", "").split() and fields.get("enabled", "yes") != "no":
                entries += [(u, fields.get("suites", "").split()) for u in fields.get("uris", "").split()]
    web = [(u.rstrip("/"), s) for u, s in entries if u.startswith(("http://", "https://"))]
    for uri, suites in web:
        if suite in suites:
            return uri
    for uri, suites in web:  # another release: any main archive serves bookworm too
        if not any(s.endswith(("-security", "-updates", "-backports")) for s in suites):
            return uri
    raise Unavailable("no Debian mirror found in apt's sources")


def apt_proxy_env() -> dict[str, str]:
    """http(s)_proxy for debootstrap when apt is configured with Acquire::http(s)::Proxy."""
    try:
        out = subprocess.run(["apt-config", "dump"], capture_output=True, text=True, timeout=30).stdout
    except (OSError, subprocess.SubprocessError):
        return {}
    found = re.findall(r'^Acquire::(https?)::Proxy "([^"]+)";', out, re.M | re.I)
    return {f"{proto.lower()}_proxy": url for proto, url in found if url.upper() != "DIRECT"}


def host_pip_config() -> dict[str, dict[str, str]]:
    """The host's effective pip settings per section (env vars win over files, as in pip)."""
    return {section: dict(values) for section, values in _host_pip_config().items()}


@functools.lru_cache(maxsize=1)
def _host_pip_config() -> dict[str, dict[str, str]]:
    raw: dict[str, dict[str, str]] = {}
    try:
        out = subprocess.run([sys.executable, "-m", "pip", "config", "list"], capture_output=True,
                             text=True, timeout=60).stdout
        for line in out.splitlines():
            m = re.match(r"^(:env:|[^.=]+)\.([^=]+)=(.*)$", line)
            if m:
                try:
                    val = str(ast.literal_eval(m.group(3)))
                except (ValueError, SyntaxError):
                    val = m.group(3)
                raw.setdefault(m.group(1), {})[m.group(2)] = val
    except (OSError, subprocess.SubprocessError):
        pass
    if not raw:  # no pip next to this python: read the usual files and PIP_* by hand
        cp = configparser.ConfigParser(interpolation=None)
        cp.read(["/etc/xdg/pip/pip.conf", "/etc/pip.conf", os.path.expanduser("~/.pip/pip.conf"),
                 os.path.expanduser("~/.config/pip/pip.conf")])
        raw = {s: dict(cp[s]) for s in cp.sections()}
        raw[":env:"] = {k[4:].lower().replace("_", "-"): v for k, v in os.environ.items()
                        if k.startswith("PIP_")}
    env = raw.pop(":env:", {})
    raw["global"] = {**raw.get("global", {}), **env}
    return raw


def host_ca_bundle() -> str | None:
    for cand in (os.environ.get("PIP_CERT"), os.environ.get("REQUESTS_CA_BUNDLE"),
                 os.environ.get("SSL_CERT_FILE"), SYSTEM_CA):
        if cand and os.path.isfile(cand):
            return cand
    return None


class Podman:
    def __init__(self, root: str | os.PathLike | None = None, driver: str | None = None):
        self.root = Path(root or default_root()).resolve()
        self.driver = driver or os.environ.get("HINDSIGHT_PODMAN_DRIVER") or self._pick_driver()
        self.env = dict(os.environ, CONTAINERS_CONF=str(self.root / "containers.conf"),
                        CONTAINERS_STORAGE_CONF=str(self.root / "storage.conf"),
                        CONTAINERS_REGISTRIES_CONF=str(self.root / "registries.conf"),
                        TMPDIR=str(self.root / "tmp"))
        self.base_image = BASE_IMAGE
        self._available: tuple[bool, str] | None = None
        self._configured = False

    def _pick_driver(self) -> str:
        fstype, best = "", -1
        for line in Path("/proc/self/mountinfo").read_text().splitlines():
            left, _, right = line.partition(" - ")
            mnt = left.split()[4]
            if str(self.root).startswith(mnt) and len(mnt) > best:
                best, fstype = len(mnt), right.split()[0]
        if fstype not in ("overlay", "aufs") and os.geteuid() == 0:
            return "overlay"
        if shutil.which("fuse-overlayfs") and os.path.exists("/dev/fuse"):
            return "fuse-overlayfs"
        return "vfs"

    def _configure(self) -> None:
        if self._configured:
            return
        run = self.root / "run"
        for d in ("tmp", "networks", "run"):
            (self.root / d).mkdir(parents=True, exist_ok=True)
        boot = Path("/proc/sys/kernel/random/boot_id").read_text().strip()
        marker = self.root / "boot_id"
        if marker.exists() and marker.read_text() != boot:  # runtime state of a previous boot
            shutil.rmtree(run, ignore_errors=True)
            shutil.rmtree(self.root / "tmp", ignore_errors=True)
            run.mkdir()
            (self.root / "tmp").mkdir()
        marker.write_text(boot)
        nofile = resource.getrlimit(resource.RLIMIT_NOFILE)[1]
        nofile = 1048576 if nofile == resource.RLIM_INFINITY else nofile
        nproc = resource.getrlimit(resource.RLIMIT_NPROC)[1]
        nproc = 32768 if nproc == resource.RLIM_INFINITY else min(nproc, 32768)
        graph = self.root / f"storage-{self.driver}"
        driver = "overlay" if self.driver == "fuse-overlayfs" else self.driver
        storage = f'[storage]\ndriver = "{driver}"\ngraphroot = "{graph}"\nrunroot = "{run}/storage"\n'
        if self.driver == "fuse-overlayfs":
            storage += f'[storage.options.overlay]\nmount_program = "{shutil.which("fuse-overlayfs")}"\n'
        files = {
            "storage.conf": storage,
            "containers.conf": (
                "[containers]\n"
                f'default_ulimits = ["nofile={nofile}:{nofile}", "nproc={nproc}:{nproc}"]\n'
                'netns = "host"\nlog_driver = "k8s-file"\n'
                '[engine]\nruntime = "runc"\ncgroup_manager = "cgroupfs"\nevents_logger = "none"\n'
                f'tmp_dir = "{run}/libpod"\n[network]\nnetwork_config_dir = "{self.root}/networks"\n'),
            "registries.conf": 'unqualified-search-registries = []\nshort-name-mode = "disabled"\n',
        }
        for name, text in files.items():
            path = self.root / name
            if not path.exists() or path.read_text() != text:
                path.write_text(text)
        self._configured = True

    def run(self, *args: str, check: bool = True, timeout: float = 600, input: bytes | str | None = None,
            stdin=None) -> subprocess.CompletedProcess:
        """`podman ARGS` with this harness's environment; text output captured."""
        self._configure()
        cmd = ["podman", *map(str, args)]
        res = subprocess.run(cmd, env=self.env, capture_output=True, timeout=timeout, input=input,
                             stdin=stdin, text=not isinstance(input, bytes))
        if check and res.returncode != 0:
            raise subprocess.CalledProcessError(res.returncode, cmd, res.stdout, res.stderr)
        return res

    def available(self) -> tuple[bool, str]:
        """Is podman installed, configured and able to run a trivial container?"""
        if self._available is None:
            self._available = self._probe()
        return self._available

    def _probe(self) -> tuple[bool, str]:
        missing = [t for t in ("podman", "runc", "conmon") if not shutil.which(t)
                   and not os.path.exists(f"/usr/libexec/podman/{t}")]
        if missing:
            return False, f"not installed: {', '.join(missing)} (run .ci/podman-setup.sh)"
        try:
            self.root.mkdir(parents=True, exist_ok=True)
            self._configure()
            info = self.run("info", "--format", "{{.Store.GraphDriverName}}", check=False, timeout=120)
            if info.returncode != 0:  # storage driver or config rejected
                return False, f"podman info failed: {info.stderr.strip()[-500:]}"
            # A container made of the host's /usr: needs no image and no registry.
            probe = self.root / "probe-rootfs"
            (probe / "usr").mkdir(parents=True, exist_ok=True)
            for link in ("bin", "lib", "lib64", "sbin"):
                if not (probe / link).is_symlink():
                    (probe / link).symlink_to(f"usr/{link}")
            res = self.run("run", "--rm", "--network", "host", "-v", "/usr:/usr:ro", "--rootfs",
                           probe, "/usr/bin/true", check=False, timeout=120)
        except (OSError, subprocess.SubprocessError) as exc:
            return False, f"podman unusable here: {exc}"
        if res.returncode != 0:
            return False, f"podman cannot run a container here: {res.stderr.strip()[-500:]}"
        return True, f"podman works (driver {self.driver}, root {self.root})"

    def image_exists(self, name: str) -> bool:
        return self.run("image", "exists", name, check=False).returncode == 0

    def ensure_base_image(self, name: str = BASE_IMAGE, suite: str = "bookworm") -> str:
        """Build NAME from debootstrap once; later calls (and test runs) reuse it."""
        if self.image_exists(name):
            self.base_image = name
            return name
        if not shutil.which("debootstrap") and not os.path.exists("/usr/sbin/debootstrap"):
            raise Unavailable("debootstrap is not installed (run .ci/podman-setup.sh)")
        mirror = apt_mirror(suite)
        with open(self.root / "base.lock", "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)  # another session may be building it right now
            if not self.image_exists(name):
                self._build_base(name, suite, mirror)
        self.base_image = name
        return name

    def _build_base(self, name: str, suite: str, mirror: str) -> None:
        """debootstrap a rootfs, trim it and `podman import` it as NAME."""
        rootfs = Path(tempfile.mkdtemp(prefix="rootfs-", dir=self.root / "tmp"))
        log = self.root / "debootstrap.log"
        try:
            with open(log, "w") as out:
                res = subprocess.run(
                    ["debootstrap", "--variant=minbase",
                     "--include=python3,python3-venv,python3-pip,ca-certificates",
                     suite, str(rootfs), mirror], stdout=out, stderr=subprocess.STDOUT,
                    env={**os.environ, **apt_proxy_env()}, timeout=1800)
            if res.returncode != 0:
                tail = "".join(log.read_text().splitlines(True)[-20:])
                raise RuntimeError(f"debootstrap failed ({res.returncode}):\n{tail}")
            for pattern in ("usr/lib/python3*/EXTERNALLY-MANAGED", "var/cache/apt/archives/*.deb",
                            "var/lib/apt/lists/*_*", "etc/resolv.conf", "etc/hostname"):
                for p in glob.glob(str(rootfs / pattern)):
                    os.remove(p)
            python = rootfs / "usr/bin/python"
            if not python.exists():
                python.symlink_to("python3")
            tar = subprocess.Popen(["tar", "--numeric-owner", "-C", str(rootfs), "-c", "."],
                                   stdout=subprocess.PIPE)
            try:
                self.run("import", "--change", 'CMD ["python3"]', "--change", "ENV LANG=C.UTF-8",
                         "-", name, stdin=tar.stdout, timeout=900)
            finally:
                tar.stdout.close()
                if tar.wait() != 0:
                    raise RuntimeError("tar of the rootfs failed")
        finally:
            shutil.rmtree(rootfs, ignore_errors=True)

    def pip_build_options(self, gen_dir: Path, system_ca: bool = True) -> list[str]:
        """-v / --build-arg options that let RUN pip install work like pip on this host."""
        ca = host_ca_bundle()
        mounts: dict[str, str] = {}
        lines = []
        for section, values in host_pip_config().items():
            kept = {}
            for key, val in values.items():
                if key not in PIP_KEYS or key == "cert":
                    continue
                if key in PATH_KEYS:
                    val = self._map_paths(key, val, mounts)
                    if not val:
                        continue
                kept[key] = val
            if section == "global" and ca:
                kept["cert"] = f"{BUILD_MNT}/ca.crt"
            if kept:
                lines += [f"[{section}]", *(f"{k} = {v}" for k, v in sorted(kept.items())), ""]
        if ca:
            shutil.copyfile(ca, gen_dir / "ca.crt")
        (gen_dir / "pip.conf").write_text("\n".join(lines))
        opts = ["-v", f"{gen_dir}:{BUILD_MNT}:ro",
                "--build-arg", f"PIP_CONFIG_FILE={BUILD_MNT}/pip.conf"]
        for src, dst in mounts.items():
            opts += ["-v", f"{src}:{dst}:ro"]
        if ca and system_ca:
            opts += ["-v", f"{ca}:{SYSTEM_CA}:ro"]
        for var in PROXY_VARS:
            if os.environ.get(var):
                opts += ["--build-arg", f"{var}={os.environ[var]}"]
        return opts

    @staticmethod
    def _map_paths(key: str, value: str, mounts: dict[str, str]) -> str:
        out = []
        for tok in value.split():
            is_file_url = tok.startswith("file:")
            if re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*://", tok) and not is_file_url:
                out.append(tok)
                continue
            path = os.path.abspath(os.path.expanduser(unquote(urlparse(tok).path) if is_file_url else tok))
            if not os.path.exists(path):
                continue
            # A file:// simple index links to ../../files/...: mount the index's parent.
            src = os.path.dirname(path) if key.endswith("index-url") and path.endswith("/simple") else path
            dst = mounts.setdefault(src, f"{BUILD_MNT}-m{len(mounts)}")
            new = dst + path[len(src):]
            out.append("file://" + new if is_file_url else new)
        return " ".join(out)

    def build(self, context_dir: str | os.PathLike, tag: str, build_args: dict | None = None,
              dockerfile: str = "Dockerfile", no_cache: bool = False, timeout: float = 1800,
              system_ca: bool = True) -> subprocess.CompletedProcess:
        """podman build --format docker --network host --pull=never, pip wired to the host's index."""
        self._configure()
        dockerfile = dockerfile if os.path.isabs(dockerfile) else os.path.join(context_dir, dockerfile)
        with tempfile.TemporaryDirectory(prefix="build-", dir=self.root / "tmp") as gen:
            args = ["build", "--format", "docker", "--network", "host", "--pull=never",
                    "-f", dockerfile, "-t", tag, *self.pip_build_options(Path(gen), system_ca)]
            if no_cache:
                args += ["--no-cache", "--layers=false"]
            for key, val in (build_args or {}).items():
                args += ["--build-arg", f"{key}={val}"]
            return self.run(*args, str(context_dir), timeout=timeout)

    def start(self, image: str, name: str, *cmd: str, volumes: dict | None = None,
              env: dict | None = None, options: tuple = ()) -> str:
        """podman run -d --name NAME --network host; returns the container id."""
        args = ["run", "-d", "--name", name, "--network", "host", "--runtime", "runc"]
        for src, dst in (volumes or {}).items():
            args += ["-v", f"{src}:{dst}"]
        for key, val in (env or {}).items():
            args += ["-e", f"{key}={val}"]
        return self.run(*args, *options, image, *cmd).stdout.strip()

    def exec(self, name: str, *cmd: str, check: bool = True, **kw) -> subprocess.CompletedProcess:
        return self.run("exec", name, *cmd, check=check, **kw)

    def healthcheck(self, name: str) -> bool:
        """One `podman healthcheck run` (there is no systemd timer here)."""
        return self.run("healthcheck", "run", name, check=False, timeout=120).returncode == 0

    def wait_healthy(self, name: str, timeout: float = 60, interval: float = 0.5) -> bool:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.healthcheck(name):
                return True
            if self.inspect(name, fmt="{{.State.Running}}") != "true":
                break
            time.sleep(interval)
        state = self.inspect(name, fmt="{{json .State}}")
        raise TimeoutError(f"{name} not healthy after {timeout}s: {state}\nlogs:\n{self.logs(name)}")

    def stop(self, name: str, timeout: int = 10) -> int:
        """podman stop (the image's STOPSIGNAL, SIGKILL after TIMEOUT s); returns the exit code."""
        self.run("stop", "-t", str(timeout), name, timeout=timeout + 60)
        return int(self.inspect(name, fmt="{{.State.ExitCode}}"))

    def logs(self, name: str) -> str:
        res = self.run("logs", name, check=False)
        return res.stdout + res.stderr

    def rm(self, name: str, force: bool = True) -> None:
        self.run("rm", *(["-f", "-t", "0"] if force else []), name, check=False)

    def inspect(self, *names: str, fmt: str | None = None, kind: str | None = None):
        """JSON of one object (dict), of several (list), or the --format string."""
        args = ["inspect", *(["--type", kind] if kind else []), *(["--format", fmt] if fmt else [])]
        out = self.run(*args, *names).stdout
        if fmt:
            return out.strip()
        data = json.loads(out)
        return data[0] if len(names) == 1 else data

    def versions(self) -> str:
        return self.run("info", "--format", "podman {{.Version.Version}}, buildah "
                        "{{.Host.BuildahVersion}}, {{.Host.OCIRuntime.Package}}").stdout.strip()
