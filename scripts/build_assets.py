"""Build the front-end assets the app serves itself from the npm packages.

Copies only what the pages use into static/dist/ (not the whole of dist/, which
would make collectstatic slow), and rewrites the NHS.UK stylesheet so that it
loads nothing from another host: icons from our static path, and no web fonts
(the design system's font stack falls back to Arial cleanly).
"""

import re
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NHSUK = ROOT / "node_modules" / "nhsuk-frontend" / "dist" / "nhsuk"
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
ECHARTS = ROOT / "node_modules" / "echarts"
OUT = ROOT / "static" / "dist"
STATIC_ASSETS = "/static/dist/nhsuk/assets/"

FONT_FACE = re.compile(r"@font-face\{[^}]*https?://[^}]*\}")


def rewrite_css(css: str) -> str:
    """Point asset URLs at our static files and drop externally hosted fonts."""
    css = css.replace("url(/assets/", f"url({STATIC_ASSETS}")
    css = FONT_FACE.sub("", css)
    css = re.sub(r"/\*# sourceMappingURL=.*?\*/", "", css)
    if "https://" in css or "http://" in css:
        raise SystemExit("nhsuk-frontend CSS still refers to an external host")
    return css


def fresh_target(package: Path, name: str) -> Path:
    """static/dist/<name>, emptied, once the npm package it is built from is installed."""
    if not package.exists():
        sys.exit(f"{package.relative_to(ROOT)} is missing: run `npm ci` first")
    target = OUT / name
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    return target


def without_source_map(js: str) -> str:
    return re.sub(r"//# sourceMappingURL=.*", "", js)


def build() -> None:
    target = fresh_target(NHSUK, "nhsuk")
    (target / "assets").mkdir()
    shutil.copytree(NHSUK / "assets" / "images", target / "assets" / "images")
    shutil.copy(NHSUK / "assets" / "manifest.json", target / "assets" / "manifest.json")
    css = (NHSUK / "nhsuk-frontend.min.css").read_text(encoding="utf-8")
    (target / "nhsuk-frontend.min.css").write_text(rewrite_css(css), encoding="utf-8")
    js = (NHSUK / "nhsuk-frontend.min.js").read_text(encoding="utf-8")
    (target / "nhsuk-frontend.min.js").write_text(without_source_map(js), encoding="utf-8")
    print(f"built NHS.UK frontend assets into {target.relative_to(ROOT)}")
    build_echarts()


def build_echarts() -> None:
    """Apache ECharts (the career paths' flow diagram), with its licence beside it."""
    target = fresh_target(ECHARTS, "echarts")
    js = (ECHARTS / "dist" / "echarts.min.js").read_text(encoding="utf-8")
    (target / "echarts.min.js").write_text(without_source_map(js), encoding="utf-8")
    shutil.copy(ECHARTS / "LICENSE", target / "LICENSE")
    print(f"built Apache ECharts into {target.relative_to(ROOT)}")


if __name__ == "__main__":
    build()
