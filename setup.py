"""Build hook: the wheel ships the repository's top-level ``seeds/`` (texts and manifest) as
``ningbo_analysis/seeds/``, so ``load_corpus()`` works from any folder once installed. The
repository keeps ``seeds/`` at its top level; a checkout or an editable install reads it there
(``ningbo_analysis.resources.default_seeds_dir``). Everything else is in pyproject.toml."""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

SEEDS = Path(__file__).resolve().parent / "seeds"


class BuildWithSeeds(build_py):
    """``build_py`` that also copies ``seeds/*.txt`` and ``seeds/manifest.csv`` into the package."""

    def run(self) -> None:
        super().run()
        if self.editable_mode or not SEEDS.is_dir():
            return
        target = Path(self.build_lib) / "ningbo_analysis" / "seeds"
        target.mkdir(parents=True, exist_ok=True)
        for path in sorted(SEEDS.iterdir()):
            if path.is_file() and (path.suffix == ".txt" or path.name == "manifest.csv"):
                shutil.copy2(path, target / path.name)


setup(cmdclass={"build_py": BuildWithSeeds})
