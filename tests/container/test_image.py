"""The project's Docker image, built and run for real with podman.

One round through the container against a fake Slack on the host network: setup, open,
an answer; then SIGTERM, a restart on the same volume, and checks that nothing was lost or
posted twice, that the healthcheck passes, and that the process is not root.
"""
from __future__ import annotations

import json
import secrets
import time
from pathlib import Path

import pytest

from tests.container.podman import BASE_IMAGE
from tests.container.threaded_fake import ThreadedFake
from tests.fakes.slack_server import FakeSlack, slash_command

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parents[2]
ADMIN, ALICE, CHANNEL = "U0ADMIN01", "U0ALICE01", "C0HINDSGT"
QUERY = """
import json, sqlite3
c = sqlite3.connect('/data/hindsight.db')
q = lambda s: c.execute(s).fetchall()
print(json.dumps({
  'answers': q("SELECT text, source FROM answers"),
  'rounds': q("SELECT period, closed_at FROM rounds"),
  'posts': q("SELECT kind, status, count(*) FROM posts GROUP BY kind, status"),
  'integrity': q("PRAGMA integrity_check")[0][0],
}))
"""


@pytest.fixture(scope="module")
def image(podman):
    tag = "localhost/hindsight:test"
    started = time.monotonic()
    podman.build(ROOT, tag, build_args={"BASE": BASE_IMAGE})
    print(f"\n[container] built {tag} in {time.monotonic() - started:.1f}s")
    yield tag
    podman.run("rmi", "-f", tag, check=False)


def test_without_tokens_the_container_exits_2_and_names_the_variables(podman, image):
    res = podman.run("run", "--rm", "--network", "host", "--runtime", "runc", image, check=False, timeout=120)
    assert res.returncode == 2, res
    for var in ("DISCORD_TOKEN", "SLACK_BOT_TOKEN", "SLACK_APP_TOKEN", "SLACK_SIGNING_SECRET"):
        assert var in res.stderr


def test_healthcheck_and_metadata(podman, image):
    data = podman.inspect(image, kind="image")
    config = data["Config"]
    assert config["User"] == "hindsight"
    assert config["Entrypoint"] == ["hindsight"] and config["Cmd"] == ["run"]
    assert config["StopSignal"] == "SIGTERM"
    health = config.get("Healthcheck") or data.get("Healthcheck") or {}  # podman keeps it beside Config
    assert health.get("Test") and "healthcheck" in " ".join(health["Test"]), data
    assert "/data" in config["Volumes"]
    assert any(e == "HINDSIGHT_DB=/data/hindsight.db" for e in config["Env"])
    # No compilers or build caches in the final stage.
    res = podman.run("run", "--rm", "--network", "host", "--runtime", "runc", "--entrypoint", "/bin/sh", image,
                     "-c", "command -v gcc cc pip; ls /root/.cache 2>/dev/null; echo end", check=False)
    assert res.stdout.strip() == "end", res.stdout


def _slash(fake: ThreadedFake, user: str, text: str) -> None:
    payload = slash_command(text, user_id=user, channel_id=CHANNEL, team_id=fake.fake.team_id,
                            response_url=fake.fake.response_url(f"{user}-{text}"), trigger_id=f"t{time.time()}")
    envelope = fake.call(fake.fake.send_envelope("slash_commands", payload))
    fake.call(fake.fake.wait_ack(envelope, timeout=10))


def _wait(predicate, what: str, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")


def _prompt_posts(fake: ThreadedFake) -> list[dict]:
    """chat.postMessage calls that carry a prompt: its Answer button has the id hs:answer:<round>."""
    return [c for c in fake.fake.calls("chat.postMessage") if "hs:answer:" in json.dumps(c.get("blocks"))]


def _db(podman, name) -> dict:
    return json.loads(podman.exec(name, "python3", "-c", QUERY).stdout)


def test_one_round_survives_sigterm_and_restart(podman, image):
    name = "hindsight-it-" + secrets.token_hex(3)
    volume = name + "-data"
    with ThreadedFake(FakeSlack()) as fake:
        fake.fake.users[ADMIN] = {"is_admin": True, "real_name": "Ada Admin"}
        env = {"SLACK_BOT_TOKEN": "xoxb-container-test", "SLACK_APP_TOKEN": "xapp-1-container-test",
               "SLACK_API_URL": fake.fake.base_url, "HINDSIGHT_LOG_FORMAT": "json"}
        try:
            podman.start(image, name, volumes={volume: "/data"}, env=env)
            fake.call(fake.fake.wait_connected(timeout=60), timeout=90)
            _slash(fake, ADMIN, "setup")
            _slash(fake, ADMIN, "open")
            _wait(lambda: len(_prompt_posts(fake)) == 1, "the prompt post")
            _slash(fake, ALICE, "answer Cost structure is the moat; 하이프는 지나간다")
            _wait(lambda: len(_db(podman, name)["answers"]) == 1, "the answer row")
            _wait(lambda: any("Saved" in json.dumps(r) for r in fake.fake.calls("response_url"))
                  or any("Saved" in json.dumps(c) for c in fake.fake.calls("chat.postEphemeral")),
                  "the private acknowledgement")
            assert int(podman.exec(name, "id", "-u").stdout.strip()) != 0
            assert podman.exec(name, "stat", "-c", "%u", "/proc/1").stdout.strip() == "10001"  # PID 1 is not root

            started = time.monotonic()
            assert podman.stop(name, timeout=10) == 0  # SIGTERM, then a clean exit
            assert time.monotonic() - started < 8
            logs = podman.logs(name)
            assert "xoxb-container-test" not in logs and "xapp-1-container-test" not in logs
            podman.rm(name)

            podman.start(image, name, volumes={volume: "/data"}, env=env)
            fake.call(fake.fake.wait_connected(timeout=60), timeout=90)
            assert podman.wait_healthy(name, timeout=90)
            state = _db(podman, name)
            assert state["answers"] == [["Cost structure is the moat; 하이프는 지나간다", "command"]]
            assert len(state["rounds"]) == 1 and state["rounds"][0][1] is None  # still open
            assert state["posts"] == [["prompt", "posted", 1]]
            assert state["integrity"] == "ok"
            time.sleep(1)  # a restart tick must not post the prompt again
            assert len(_prompt_posts(fake)) == 1
        finally:
            podman.rm(name)
            podman.run("volume", "rm", "-f", volume, check=False)


def test_the_images_own_layers_stay_under_100_mb(podman, image):
    """Everything above the Python base image (the app, its dependencies, the chart library and
    the font) stays under 100 MB (issue 11)."""
    own = podman.inspect(image, kind="image")["Size"] - podman.inspect(BASE_IMAGE, kind="image")["Size"]
    print(f"\n[container] the image's own layers: {own / 1e6:.1f} MB")
    assert 0 < own < 100_000_000, own


def test_charts_draw_hangul_inside_the_image(podman, image):
    """The shipped font and the drawing library work in the image, without network or fonts
    from the system."""
    code = ("from bot.chart import line_chart_png; png = line_chart_png('하락장 점수', "
            "[('2026-W01', 2.0), ('2026-W02', 3.5)], lang='ko'); print(len(png), png[:4] == b'\\x89PNG')")
    res = podman.run("run", "--rm", "--network", "host", "--runtime", "runc", "--entrypoint", "python", image,
                     "-c", code, check=False, timeout=120)
    assert res.returncode == 0, res.stderr
    size, is_png = res.stdout.split()
    assert int(size) > 1000 and is_png == "True"
