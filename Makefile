.PHONY: setup demo test lint format eval bench bench-scale lock

setup:
	scripts/setup

demo:
	scripts/demo

test:
	scripts/test

lint: setup
	.venv/bin/ruff check src tests eval benchmarks
	.venv/bin/ruff format --check src tests eval benchmarks
	.venv/bin/mypy

format: setup
	.venv/bin/ruff format src tests eval benchmarks
	.venv/bin/ruff check --fix src tests eval benchmarks

lock: setup
	.venv/bin/pip freeze --exclude-editable | grep -v '^storyline' > requirements.lock

eval: setup
	.venv/bin/python eval/boilerplate.py --split dev
	.venv/bin/python eval/boilerplate.py --split test
	.venv/bin/python eval/extraction.py
	.venv/bin/python eval/tempeval3.py --set tbaq
	.venv/bin/python eval/tempeval3.py --set platinum
	.venv/bin/python eval/dating.py
	.venv/bin/python eval/facts.py
	.venv/bin/python eval/stories.py
	.venv/bin/python eval/events.py
	.venv/bin/python eval/realnews.py

bench: setup
	.venv/bin/python benchmarks/stages.py
	.venv/bin/python benchmarks/timex.py
	.venv/bin/python benchmarks/throughput.py

# Long: builds stores of 10,000 articles (about half an hour on 2 cores).
bench-scale: setup
	.venv/bin/python benchmarks/growth.py --db /tmp/storyline-growth.db
	.venv/bin/python benchmarks/clustering.py --db /tmp/storyline-growth.db --articles 10000
	.venv/bin/python benchmarks/web.py
	.venv/bin/python benchmarks/load.py
