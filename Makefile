# Two commands do everything on a fresh Debian 12 machine (as root):
#   make run    install what is missing, then ingest scans/ into output/
#   make test   install what is missing, then run the test suite
# A second run of either skips what is already installed.

SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
APT_PACKAGES := tesseract-ocr tesseract-ocr-rus tesseract-ocr-eng tesseract-ocr-deu tesseract-ocr-ces tesseract-ocr-slk tesseract-ocr-dan poppler-utils fonts-urw-base35 fonts-dejavu-core fonts-liberation2 fonts-freefont-otf fonts-paratype fonts-noto-mono chromium
STAMP := $(VENV)/.installed
export PREFECT_SERVER_ANALYTICS_ENABLED := false

.PHONY: setup system run test bench samples schema clean

setup: system $(STAMP)

# Debian packages, only when something is missing (apt-get update once, before the install).
system:
	@missing=""; \
	command -v tesseract >/dev/null || missing="$$missing tesseract-ocr"; \
	{ command -v tesseract >/dev/null && tesseract --list-langs 2>/dev/null | grep -qx rus; } || missing="$$missing tesseract-ocr-rus"; \
	for code in eng deu ces slk dan; do { command -v tesseract >/dev/null && tesseract --list-langs 2>/dev/null | grep -qx $$code; } || missing="$$missing tesseract-ocr-$$code"; done; \
	command -v pdftoppm >/dev/null || missing="$$missing poppler-utils"; \
	[ -f /usr/share/fonts/opentype/urw-base35/NimbusMonoPS-Regular.otf ] || missing="$$missing fonts-urw-base35"; \
	[ -f /usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf ] || missing="$$missing fonts-dejavu-core"; \
	[ -f /usr/share/fonts/truetype/liberation2/LiberationMono-Regular.ttf ] || missing="$$missing fonts-liberation2"; \
	[ -f /usr/share/fonts/opentype/freefont/FreeMono.otf ] || missing="$$missing fonts-freefont-otf"; \
	[ -f /usr/share/fonts/truetype/paratype/PTM55F.ttf ] || missing="$$missing fonts-paratype"; \
	[ -f /usr/share/fonts/truetype/noto/NotoSansMono-Regular.ttf ] || missing="$$missing fonts-noto-mono"; \
	command -v chromium >/dev/null || missing="$$missing chromium"; \
	$(PYTHON) -c "import ensurepip, venv" 2>/dev/null || missing="$$missing python3-venv"; \
	if [ -n "$$missing" ]; then \
		echo "installing Debian packages:$$missing"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing; \
	fi

# The virtual environment with the project and its pinned dependencies (requirements.lock).
$(STAMP): pyproject.toml requirements.lock
	[ -x $(BIN)/python ] || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade "pip>=24"
	$(BIN)/python -m pip install -q -c requirements.lock -e ".[test]"
	touch $(STAMP)

run: setup
	$(BIN)/telegrams ingest scans --output output

test: setup
	$(BIN)/python -m pytest -n 2 --dist loadgroup

bench: setup
	$(BIN)/telegrams bench

# Regenerate the sample scans from the seed transcription (deterministic).
# One seed per level, each a tuning-split document (its own typewriter, form printing, hand, paper and scan).
samples: setup
	for pair in clean:1953 moderate:1966 heavy:1986; do \
		$(BIN)/telegrams synth ../shared/corpus/seed-telegram-1950-01-19/transcript.ru.txt --stem seed-telegram-1950-01-19 \
			--level $${pair%%:*} --seed $${pair##*:} --format pdf --out scans || exit 1; \
	done

schema: setup
	$(BIN)/python -m ocr.schema

clean:
	rm -rf output/*.json output/*.html output/bench
