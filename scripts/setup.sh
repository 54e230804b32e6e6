#!/usr/bin/env bash
# Idempotent set-up for a fresh machine: system packages (when missing), then .venv.
# A second run does nothing but a few quick checks.
set -euo pipefail
cd "$(dirname "$0")/.."

# Debian packages the readers and the demo generator call.
#   poppler-utils     pdftotext/pdfinfo: PDF text layers (keeps Arabic in logical order)
#   libmagic1         MIME type detection (python-magic)
#   unar              RAR archives for rarfile (rarfile 4.5 passes '--', which bsdtar
#                     misreads, so bsdtar is not enough)
#   fonts-dejavu-core DejaVu Sans: Arabic and Latin glyphs for the demo trove
#   tesseract-ocr     OCR engine (5.x), with the Arabic, English and Arabic-script models
#   libtesseract-dev, libleptonica-dev, pkg-config, g++
#                     to build tesserocr against that same libtesseract (see below)
#   chromium          the browser the workbench's browser tests drive (never a download)
APT_PACKAGES=(poppler-utils libmagic1 unar fonts-dejavu-core
              tesseract-ocr tesseract-ocr-ara tesseract-ocr-eng tesseract-ocr-script-arab
              libtesseract-dev libleptonica-dev pkg-config g++ chromium)
# node and npm build the workbench's JavaScript (graph library, fonts) from the npm
# registry; a machine that already has them (from any source) keeps its own.
command -v npm >/dev/null || APT_PACKAGES+=(nodejs npm)

missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ] && ! command -v sudo >/dev/null; then
    echo "Missing system packages: ${missing[*]}. Install them with: apt-get install ${missing[*]}" >&2
    exit 1
  fi
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  echo "Installing system packages: ${missing[*]}" >&2
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
fi

PY=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
stamp=.venv/.sleuth-installed
want=$(cat pyproject.toml | sha256sum | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  .venv/bin/python -m pip install -q --upgrade "pip>=25.1"
  # tesserocr is built from source so that it links Debian's libtesseract, the version of
  # the `tesseract` program (its PyPI wheels bundle another version, which reads differently)
  .venv/bin/python -m pip install -q -e . --group dev --no-binary tesserocr
  echo "$want" > "$stamp"
fi

# The workbench's front-end files (graph library, fonts) from the npm registry, bundled
# into the package; rebuilt only when the lock file changes.
bash scripts/build_frontend.sh
