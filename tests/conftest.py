"""Shared fixtures: the headless Chromium that the browser tests drive."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[1]
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="session")
def chromium_path() -> str:
    script = ROOT / "scripts" / "ensure-chromium.sh"
    run = subprocess.run(["sh", str(script)], capture_output=True, text=True,
                         env={**os.environ, "CHROMIUM": CHROMIUM}, timeout=1800)
    if run.returncode != 0 or not os.access(CHROMIUM, os.X_OK):
        pytest.fail(f"Chromium is not available at {CHROMIUM} and could not be installed:\n"
                    f"{run.stdout}{run.stderr}")
    return CHROMIUM


@pytest.fixture(scope="session")
def browser(chromium_path):
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.fail("playwright is not installed: pip install -e '.[test]'")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS,
                                              headless=True)
        yield launched
        launched.close()
