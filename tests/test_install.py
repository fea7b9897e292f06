"""hedgeometer installed from its wheel works away from the source tree: the lexicons, the model
and the seed articles travel inside the package (issue 16), so a ``pip install --target`` or
``--user`` install scores an article from any folder.

The sdist and the wheel are built once, offline (``python -m build --no-isolation``: the wheel is
built from the sdist, so both are checked), and installed with ``--no-deps --no-index``; the
project's environment provides the dependencies. About 10 seconds in all.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import tarfile
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "damascus-talks.txt"
DATA = {  # the repository's data folders: what a wheel and an sdist must carry
    "lexicons": sorted(p.name for p in (ROOT / "lexicons").glob("*.tsv")),
    "models": ["default.json"],
    "seeds": ["damascus-talks.txt", "rewrites/damascus-talks-calm.txt"],
}
REPORT = ["-m", "hedgeometer", "report", "seeds/damascus-talks.txt", "--format", "json"]


def _env(**extra: str) -> dict[str, str]:
    """This environment without anything that would point Python or pip somewhere else."""
    env = {k: v for k, v in os.environ.items()
           if k not in {"PYTHONPATH", "PYTHONHOME", "PYTHONNOUSERSITE", "PYTHONUSERBASE"} and not k.startswith("PIP_")}
    return env | {"PYTHONDONTWRITEBYTECODE": "1", "PIP_DISABLE_PIP_VERSION_CHECK": "1"} | extra


def _run(command: list, cwd: Path = ROOT, **env: str) -> subprocess.CompletedProcess:
    result = subprocess.run([str(c) for c in command], cwd=cwd, env=_env(**env), capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0, f"{command} failed ({result.returncode}):\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
    return result


@pytest.fixture(scope="module")
def dist(tmp_path_factory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("dist")
    # No isolation: setuptools and wheel come from the test extra, so nothing is downloaded.
    _run([sys.executable, "-m", "build", "--no-isolation", "--outdir", out, ROOT])
    (sdist,), (wheel,) = out.glob("*.tar.gz"), out.glob("*.whl")
    return {"sdist": sdist, "wheel": wheel}


@pytest.fixture(scope="module")
def python(tmp_path_factory) -> Path:
    """A throwaway virtual environment on this interpreter, lent this environment's packages (the
    dependencies) by a .pth line. The .pth files of those site-packages are not run, so an
    editable install of hedgeometer there (which would supply any module an install lacks) stays
    out; and it shows the user site, where the project's .venv hides it (pip refuses --user there).
    """
    venv = tmp_path_factory.mktemp("venv")
    _run([sys._base_executable, "-m", "venv", "--clear", "--without-pip", "--system-site-packages", venv])
    python = venv / "bin" / "python"
    site_packages = Path(_run([python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"]).stdout.strip())
    lent = {sysconfig.get_path("purelib"), sysconfig.get_path("platlib")}
    (site_packages / "lent-packages.pth").write_text("\n".join(sorted(lent)) + "\n")
    return python


@pytest.fixture
def workdir(tmp_path) -> Path:
    """A folder outside the repository holding the seed article, where the command runs."""
    folder = tmp_path / "elsewhere"
    (folder / "seeds").mkdir(parents=True)
    shutil.copy(SEED, folder / "seeds")
    return folder


def _pip_install(python, wheel: Path, *where: str, **env: str) -> None:
    _run([python, "-m", "pip", "install", "--no-deps", "--no-index", "--no-warn-script-location", *where, wheel], **env)


def _assert_installed_report(stdout: str, analyzer) -> None:
    data = json.loads(stdout)
    assert len(data["sentences"]) == 18
    cues = [c for s in data["sentences"] for c in s["cues"]]
    assert any(c["text"] == "on the brink of" and c["dimension"] == "dramatic" for c in cues)
    # The shipped lexicons and model, not something else: the same report as the checkout's.
    expected = json.loads(json.dumps(analyzer.analyze(SEED.read_text("utf-8"), id="seeds/damascus-talks.txt").to_dict()))
    # which scanner ran (compiled or pure Python) may differ between the wheel and the checkout
    for report in (data, expected):
        assert report["produced_by"].pop("core") in ("compiled", "python")
    assert data == expected


def _assert_all_from(install: Path, python, cwd: Path, **env: str) -> None:
    """Every hedgeometer module the command line loads, and each shipped folder, comes from ``install``."""
    code = ("import sys, hedgeometer.cli, hedgeometer.analyzer, hedgeometer.resources as r; "
            "[print(m.__file__) for n, m in sorted(sys.modules.items()) if n.split('.')[0] == 'hedgeometer']; "
            "[print(r.resource_dir(n)) for n in r.SHIPPED]")
    paths = _run([python, "-c", code], cwd=cwd, **env).stdout.split()
    assert len(paths) > 20 and paths[-3:] == [str(install / "hedgeometer" / n) for n in ("lexicons", "models", "seeds")]
    assert [p for p in paths if not p.startswith(str(install / "hedgeometer"))] == []


def test_the_sdist_carries_the_data_folders_once(dist):
    with tarfile.open(dist["sdist"]) as sdist:
        names = {name.split("/", 1)[1] for name in sdist.getnames() if "/" in name}
    for folder, files in DATA.items():
        assert {f"{folder}/{f}" for f in files} <= names, folder
    assert not any(name.startswith("hedgeometer/data/seeds") for name in names), "a second copy of the seeds"


def test_the_wheel_carries_every_package_and_the_data_inside_the_package(dist):
    with zipfile.ZipFile(dist["wheel"]) as wheel:
        names = set(wheel.namelist())
    packages = sorted(p.parent.relative_to(ROOT).as_posix() for p in (ROOT / "hedgeometer").rglob("__init__.py"))
    missing = [p.replace("/", ".") for p in packages if f"{p}/__init__.py" not in names]
    assert not missing, f"add {missing} to 'packages' in setup.cfg"
    for folder, files in DATA.items():
        assert {f"hedgeometer/{folder}/{f}" for f in files} <= names, folder
    assert "hedgeometer/data/punkt_en.json" in names
    # Nothing outside the package (no data_files under <prefix>/share): every install finds it all.
    dist_info = "-".join(dist["wheel"].name.split("-")[:2]) + ".dist-info"  # name-version, any wheel tag
    assert {name.split("/")[0] for name in names} == {"hedgeometer", dist_info}
    # the scanner's sources are build inputs (the sdist has them), not something an install runs
    assert not [name for name in names if name.endswith((".pyx", ".c"))]
    assert f"{dist_info}/licenses/LICENSE" in names or f"{dist_info}/LICENSE" in names


def test_a_target_install_scores_the_seed_from_another_folder(dist, python, tmp_path, workdir, analyzer):
    target = tmp_path / "target"
    _pip_install(python, dist["wheel"], "--target", str(target))
    _assert_all_from(target, python, workdir, PYTHONPATH=str(target))
    report = _run([python, *REPORT], cwd=workdir, PYTHONPATH=str(target))
    _assert_installed_report(report.stdout, analyzer)


def test_a_user_install_scores_the_seed_from_another_folder(dist, python, tmp_path, workdir, analyzer):
    userbase = tmp_path / "userbase"
    _pip_install(python, dist["wheel"], "--user", PYTHONUSERBASE=str(userbase))
    user_site = Path(_run([python, "-m", "site", "--user-site"], PYTHONUSERBASE=str(userbase)).stdout.strip())
    assert user_site.is_relative_to(userbase)
    _assert_all_from(user_site, python, workdir, PYTHONUSERBASE=str(userbase))
    report = _run([python, *REPORT], cwd=workdir, PYTHONUSERBASE=str(userbase))
    _assert_installed_report(report.stdout, analyzer)


def test_a_broken_install_says_what_is_missing(dist, python, tmp_path, workdir):
    target = tmp_path / "target"
    _pip_install(python, dist["wheel"], "--target", str(target))
    shutil.rmtree(target / "hedgeometer" / "lexicons")
    result = subprocess.run([python, *REPORT], cwd=workdir, env=_env(PYTHONPATH=str(target)),
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 1
    assert result.stderr.startswith("Error: the lexicons/ folder that ships with hedgeometer is missing")
    assert "install of hedgeometer is broken" in result.stderr and "Traceback" not in result.stderr
