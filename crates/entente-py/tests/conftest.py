"""Fixtures of the Python package's tests: the reference data in ../shared (as
entente_core::testdata finds it: $ENTENTE_SHARED, else ../shared from the repository root), the
`entente` binary the Rust build made (to compare the package with the CLI), and a store holding
the ICEWS sample.

Without the data or the binary a test is skipped, saying so; under CI=true it fails instead."""

import os
import pathlib
import shutil
import subprocess

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[3]


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() in ("true", "1")


def need(path: pathlib.Path, what: str) -> pathlib.Path:
    if path.exists():
        return path
    if in_ci():
        pytest.fail(f"{path} missing ({what}): CI=true requires it")
    pytest.skip(f"{path} missing ({what})")


@pytest.fixture(scope="session")
def shared_data() -> pathlib.Path:
    base = os.environ.get("ENTENTE_SHARED") or str(ROOT.parent / "shared")
    return need(pathlib.Path(base) / "data", "the shared reference data")


@pytest.fixture(scope="session")
def icews_sample(shared_data) -> pathlib.Path:
    return need(shared_data / "icews" / "events.2018.sample.tab", "the ICEWS sample")


@pytest.fixture(scope="session")
def cli() -> str:
    """The `entente` binary: $ENTENTE_BIN, else target/debug/entente under $CARGO_TARGET_DIR or
    the repository's target/ (where `cargo test --workspace` leaves it)."""
    if os.environ.get("ENTENTE_BIN"):
        return str(need(pathlib.Path(os.environ["ENTENTE_BIN"]), "ENTENTE_BIN"))
    target = pathlib.Path(os.environ.get("CARGO_TARGET_DIR") or ROOT / "target")
    return str(need(target / "debug" / "entente", "the CLI built by `cargo build -p entente`"))


def run_cli(cli: str, *args: str, ok: bool = True) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "ENTENTE_STORE"}
    p = subprocess.run([cli, *args], capture_output=True, env=env)
    if ok and p.returncode != 0:
        raise AssertionError(f"entente {' '.join(args)} failed:\n{p.stderr.decode()}")
    if not ok:
        assert p.returncode != 0, f"entente {' '.join(args)} should have failed"
    return p


def cli_error(cli: str, *args: str) -> str:
    """The message of a failing CLI run: stderr without the `error: ` prefix."""
    err = run_cli(cli, *args, ok=False).stderr.decode().strip()
    return err[len("error: "):] if err.startswith("error: ") else err


@pytest.fixture(scope="session")
def icews_store(tmp_path_factory, icews_sample):
    """A store holding the ICEWS sample, imported through the package."""
    import entente

    path = tmp_path_factory.mktemp("icews") / "store"
    store = entente.Store(path, create=True)
    reports = store.ingest("icews", [icews_sample])
    assert reports[0]["status"] == "imported", reports
    return store
