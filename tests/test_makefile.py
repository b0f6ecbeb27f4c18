"""The README's `make test` on a machine that lacks a system dependency: it installs it (as root, with apt-get) or
stops at once with one line saying what to install — simulated with a PATH that hides Java."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from tests.conftest import REPO

MAKE = shutil.which("make")


def bare_path(tmp_path: Path, *tools: str) -> Path:
    """A folder holding only the named tools (links to this machine's), to stand for a fresh machine's PATH."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for tool in ("sh", "id", *tools):
        found = shutil.which(tool)
        assert found, f"{tool} is needed to simulate a fresh machine"
        (bin_dir / tool).symlink_to(found)
    return bin_dir


def script(bin_dir: Path, name: str, body: str) -> None:
    path = bin_dir / name
    path.write_text("#!/bin/sh\n" + body)
    path.chmod(0o755)


def make(bin_dir: Path, target: str) -> subprocess.CompletedProcess[str]:
    assert MAKE
    return subprocess.run([MAKE, "-s", "-C", str(REPO), target], capture_output=True, text=True, timeout=120,
                          env={"PATH": str(bin_dir), "HOME": os.environ.get("HOME", "/tmp"), "LANG": "C.UTF-8"})


def test_make_test_without_java_and_without_apt_stops_at_once_with_one_line(tmp_path: Path) -> None:
    bin_dir = bare_path(tmp_path)
    out = make(bin_dir, "test")
    assert out.returncode != 0, out.stdout + out.stderr
    ours = [line for line in out.stderr.splitlines() if line.startswith("parkstar:")]
    assert len(ours) == 1, out.stderr
    assert "Java" in ours[0] and "apt-get install default-jre-headless" in ours[0], out.stderr
    # stopped before anything else ran: no lint, no pytest, no traceback
    assert "ruff" not in out.stdout + out.stderr and "Traceback" not in out.stderr, out.stdout + out.stderr


def test_make_installs_java_as_root_with_apt_get(tmp_path: Path) -> None:
    bin_dir = bare_path(tmp_path, "chmod")
    log = tmp_path / "apt.log"
    script(bin_dir, "id", 'echo 0\n')
    # a stand-in for apt-get: records its calls and, on install, puts a java on the PATH
    script(bin_dir, "apt-get", f'echo "$*" >> {log}\n'
           f'case "$*" in *install*default-jre-headless*) printf "#!/bin/sh\\necho openjdk\\n" > {bin_dir}/java;'
           f' chmod 755 {bin_dir}/java;; esac\n')
    out = make(bin_dir, "java")
    assert out.returncode == 0, out.stdout + out.stderr
    calls = log.read_text().splitlines()
    assert calls[0].startswith("update") and "install" in calls[1] and "default-jre-headless" in calls[1], calls
    assert "installing default-jre-headless" in out.stderr, out.stderr
    # present now: nothing is installed again
    log.unlink()
    assert make(bin_dir, "java").returncode == 0 and not log.exists()


def test_make_says_so_when_apt_get_cannot_install(tmp_path: Path) -> None:
    bin_dir = bare_path(tmp_path)
    script(bin_dir, "id", 'echo 0\n')
    script(bin_dir, "apt-get", 'exit 100\n')
    out = make(bin_dir, "java")
    assert out.returncode != 0
    assert "could not be installed with apt-get (packages: default-jre-headless)" in out.stderr, out.stderr
