"""The README stays short, and every command it shows works: each `digiskill` command in its ```sh blocks runs here,
in a temporary folder against the repository's catalog and example files, and must exit 0; the slow or long-running
ones (a site build, a server, the whole test suite, installing the wheel) are mapped to the tests that already run
them. A command added to the README with neither fails. CI runs exactly the README's test command."""
from __future__ import annotations

import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
MAX_LINES = 250

# README command → the tests that run it (too slow, or never-ending, to run from here).
MAPPED = {
    "scripts/serve": ["tests/test_readme.py::test_the_readme_serve_commands_serve_the_site",
                      "tests/test_site_build.py::test_serve_watches_the_catalog_and_templates"],
    "scripts/test": ["tests/test_readme.py::test_ci_and_the_workflow_run_exactly_the_readme_test_command"],
    "scripts/release": ["tests/test_installed_kit.py::test_the_release_is_four_files_that_match_their_checksums",
                        "tests/test_installed_kit.py::test_the_site_zip_unzipped_is_the_default_site_ready_to_serve",
                        "tests/test_kit_files.py::test_the_release_workflow_attaches_what_scripts_release_makes"],
    "python -m venv .venv && . .venv/bin/activate": [
        "tests/test_installed_kit.py::test_an_agency_builds_and_uses_its_site_with_python_alone"],
    "python -m pip install digiskill-0.1.0-py3-none-any.whl": [
        "tests/test_installed_kit.py::test_the_wheel_is_pure_python_and_carries_the_kit",
        "tests/test_installed_kit.py::test_an_agency_builds_and_uses_its_site_with_python_alone"],
    "digiskill serve": ["tests/test_readme.py::test_the_readme_serve_commands_serve_the_site"],
    "digiskill build --out site --site-url https://intranet.example.go.th/skills/": [
        "tests/test_installed_kit.py::test_an_agency_builds_and_uses_its_site_with_python_alone",
        "tests/test_site_details.py::test_a_build_for_this_computer_warns_about_its_qr_codes"],
}


def sh_blocks(text: str) -> list[list[str]]:
    """The commands of each ```sh block: comments after ` #` dropped, `\\` continuations joined, blank lines skipped."""
    blocks = []
    for body in re.findall(r"^```sh\n(.*?)^```", text, flags=re.S | re.M):
        body = body.replace("\\\n", " ")
        commands = [re.split(r"\s+#", line, maxsplit=1)[0].strip() for line in body.splitlines()]
        blocks.append([c for c in commands if c and not c.startswith("#")])
    return blocks


def test_the_readme_is_short():
    assert len(README.splitlines()) <= MAX_LINES


def test_the_readme_shows_its_commands_in_sh_blocks():
    commands = [c for block in sh_blocks(README) for c in block]
    assert "scripts/serve" in commands and "scripts/test" in commands
    assert any(c.startswith("digiskill idp ") for c in commands)
    assert any(c.startswith("digiskill aggregate ") for c in commands)


def test_every_readme_command_runs_here_or_in_a_named_test(tmp_path):
    digiskill = Path(sys.executable).with_name("digiskill")
    assert digiskill.is_file(), digiskill
    (tmp_path / "examples").symlink_to(ROOT / "examples")  # the README's paths are relative to the repository
    ran = []
    for block in sh_blocks(README):
        cwd = tmp_path  # each block starts in the repository's (here: the temporary) folder
        for command in block:
            if command.startswith("cd "):
                cwd = cwd / command[3:].strip()
                assert cwd.is_dir(), command
            elif command in MAPPED:
                continue
            elif command.startswith("digiskill "):
                args = shlex.split(command)[1:]
                result = subprocess.run([str(digiskill), *args], cwd=cwd, capture_output=True, text=True, timeout=300)
                assert result.returncode == 0, (command, result.stdout[-2000:], result.stderr[-2000:])
                if "--out" in args:
                    out = cwd / args[args.index("--out") + 1]
                    assert out.exists() and (out.is_dir() or out.stat().st_size > 0), command
                ran.append(command)
            else:
                raise AssertionError(f"README command neither run here nor mapped to a test: {command!r}")
    assert len(ran) >= 6, ran


def test_the_mapped_tests_exist_and_every_mapping_is_still_in_the_readme():
    commands = {c for block in sh_blocks(README) for c in block}
    for command, tests in MAPPED.items():
        assert command in commands, f"mapped but no longer in the README: {command!r}"
        for test in tests:
            path, name = test.split("::")
            assert re.search(rf"^def {name}\(", (ROOT / path).read_text(encoding="utf-8"), flags=re.M), test


def test_ci_and_the_workflow_run_exactly_the_readme_test_command():
    assert (ROOT / ".ci" / "run").read_text(encoding="utf-8").strip().endswith("exec scripts/test")
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "test.yml").read_text(encoding="utf-8"))
    triggers = workflow.get("on", workflow.get(True))  # YAML 1.1 reads a bare `on` key as true
    assert {"push", "pull_request"} <= set(triggers)
    [job] = workflow["jobs"].values()
    assert job["runs-on"] == "ubuntu-latest"
    runs = [step["run"].strip() for step in job["steps"] if "run" in step]
    assert runs == ["scripts/test"]
    uses = {step["uses"].split("@")[0]: step.get("with", {}) for step in job["steps"] if "uses" in step}
    assert set(uses) == {"actions/checkout", "actions/setup-python", "actions/setup-node"}
    assert str(uses["actions/setup-python"]["python-version"]) == "3.11"
    assert str(uses["actions/setup-node"]["node-version"]) == "20"


def test_quick_mode_leaves_out_the_slow_tests_and_passes_extra_arguments():
    script = (ROOT / "scripts" / "test").read_text(encoding="utf-8")
    assert '"--quick"' in script and '-m "not slow" "$@"' in script
    assert script.rstrip().endswith('exec .venv/bin/python -m pytest "$@"')


def free_port() -> int:
    import socket
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def served(command: list[str], url: str, timeout_s: float = 240) -> dict[str, int]:
    """Start a README serve command, wait until it answers, fetch the stable addresses, stop it."""
    import tempfile
    import time
    import urllib.request

    def status(address: str) -> int:
        with urllib.request.urlopen(address, timeout=30) as response:
            response.read()
            return response.status

    with tempfile.TemporaryFile() as said:  # what the server says, for the failure message (a pipe could fill up)
        process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=said)
        try:
            deadline = time.monotonic() + timeout_s
            while True:
                try:
                    status(url)
                    break
                except OSError:
                    if process.poll() is not None or time.monotonic() > deadline:
                        said.seek(0)
                        raise AssertionError(" ".join(command) + ": " + said.read().decode()[-2000:]) from None
                    time.sleep(0.2)
            return {path: status(url + path) for path in ("", "assessment/", "roles/a1/", "skills/dlit100/")}
        finally:
            process.terminate()
            process.wait(timeout=30)


@pytest.mark.slow
def test_the_readme_serve_commands_serve_the_site(built_site):
    """`scripts/serve` (the README's first command) and `digiskill serve` build and serve the site of the project they
    run in; `digiskill serve --site` serves a built folder. Each answers on the stable addresses."""
    digiskill = str(Path(sys.executable).with_name("digiskill"))
    for command in (["scripts/serve", "-a", "127.0.0.1:{port}"], [digiskill, "serve", "--port", "{port}"],
                    [digiskill, "serve", "--site", str(built_site), "--port", "{port}"]):
        port = free_port()
        answers = served([part.format(port=port) for part in command], f"http://127.0.0.1:{port}/")
        assert set(answers.values()) == {200}, (command, answers)
