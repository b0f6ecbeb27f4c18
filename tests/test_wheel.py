"""The wheel: `pip install` into a fresh virtualenv outside the repository gives a working `parkstar` that finds
the ontology, the shapes and the sample data shipped inside it."""

from __future__ import annotations

import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.slow
def test_wheel_installs_and_runs_outside_the_repo(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    build = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(dist), str(ROOT)],
                           capture_output=True, text=True, timeout=600, cwd=tmp_path)
    assert build.returncode == 0, build.stderr
    wheel = next(dist.glob("parkstar-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    for expected in ("reasoner/_data/ontology/core.ttl", "reasoner/_data/shapes/criteria.ttl",
                     "reasoner/_data/sample/parks.csv", "api/__init__.py", "api/dashboard/pages.py",
                     "reasoner/queries/chains/anchors.rq", "reasoner/queries/store/switch.ru",
                     "reasoner/synthetic/calibration.toml"):
        assert expected in names, f"{expected} missing from the wheel"
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    pip = subprocess.run([str(env_dir / "bin" / "python"), "-m", "pip", "install", "--quiet", str(wheel)],
                         capture_output=True, text=True, timeout=900, cwd=tmp_path)
    assert pip.returncode == 0, pip.stderr
    exe = env_dir / "bin" / "parkstar"
    out = subprocess.run([str(exe), "demo", "--store", str(tmp_path / "store")], capture_output=True, text=True,
                         timeout=900, cwd=tmp_path, env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path),
                                                         "COLUMNS": "200"})
    assert out.returncode == 0, out.stdout + out.stderr
    assert "园区 parks" in out.stdout, out.stdout
    listed = subprocess.run([str(exe), "query", "--list", "--format", "csv"], capture_output=True, text=True,
                            timeout=300, cwd=tmp_path, env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)})
    assert listed.returncode == 0 and "chains/anchors" in listed.stdout and "conditions/" in listed.stdout, \
        listed.stdout + listed.stderr
    gen = tmp_path / "gen"  # the calibration is read from the installed package
    generated = subprocess.run([str(exe), "generate", "--parks", "3", "--years", "2024", "--out", str(gen)],
                               capture_output=True, text=True, timeout=300, cwd=tmp_path,
                               env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "COLUMNS": "200"})
    assert generated.returncode == 0 and (gen / "parks.csv").is_file(), \
        generated.stdout + generated.stderr
    where = subprocess.run([str(env_dir / "bin" / "python"), "-c",
                            "import reasoner.resources as r; print(r.ontology_dir())"],
                           capture_output=True, text=True, cwd=tmp_path, env={"PATH": "/usr/bin:/bin"})
    assert str(env_dir) in where.stdout, where.stdout + where.stderr
