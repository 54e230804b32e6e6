# The two commands of the README: `make demo` and `make test`. Both set up first.
VENV := .venv
BIN := $(VENV)/bin
DEMO := demo
PORT ?= 8000
# The demo case's login (a synthetic case on this machine only; never reuse it for a real one)
DEMO_USER := demo
DEMO_PASSWORD := demo-password

.PHONY: install demo test lint typecheck unit bench clean

install:
	@bash scripts/setup.sh

demo: install
	test -f $(DEMO)/truth.json || $(BIN)/sleuth demo-trove $(DEMO)
	test -d $(DEMO)/case || $(BIN)/sleuth init $(DEMO)/case
	$(BIN)/sleuth ingest $(DEMO)/trove --case $(DEMO)/case || test $$? -eq 1
	$(BIN)/sleuth status --case $(DEMO)/case
	$(BIN)/sleuth search 'oil AND fertiliser' --case $(DEMO)/case --limit 3
	$(BIN)/sleuth search 'انسحاب' --case $(DEMO)/case --limit 3
	$(BIN)/sleuth search '"heavy weapons"' --case $(DEMO)/case --limit 3
	$(BIN)/sleuth search '"ديوان الجند" type:image' --case $(DEMO)/case --limit 3
	$(BIN)/sleuth search '"Border Administration" type:image' --case $(DEMO)/case --limit 3
	$(BIN)/sleuth entities --case $(DEMO)/case --limit 12
	$(BIN)/sleuth entity 'Diwan al-Rikaz' --case $(DEMO)/case --sentences 4
	$(BIN)/sleuth events --case $(DEMO)/case --type RETREAT --limit 5
	$(BIN)/sleuth timeline --case $(DEMO)/case --actor 'Islamic State' --actor 'Syrian government' --from 2016-01 --to 2016-04
	$(BIN)/sleuth collusion --case $(DEMO)/case --limit 3
	$(BIN)/sleuth user list --case $(DEMO)/case | grep -q '^$(DEMO_USER) ' || \
	  echo '$(DEMO_PASSWORD)' | $(BIN)/sleuth user add $(DEMO_USER) --role admin --password-stdin --case $(DEMO)/case
	@echo ""
	@echo "The workbench: http://127.0.0.1:$(PORT)/  log in as $(DEMO_USER) / $(DEMO_PASSWORD)  (Ctrl-C stops it)"
	$(BIN)/sleuth serve --case $(DEMO)/case --port $(PORT)

lint: install
	$(BIN)/ruff check src tests bench

typecheck: install
	$(BIN)/mypy

unit: install
	$(BIN)/pytest -n 2 -q

test: lint typecheck unit

clean:
	rm -rf $(VENV) $(DEMO) .pytest_cache .mypy_cache .ruff_cache
