#!/usr/bin/env bash
# Retrains the committed text model exactly: the same corpora, code and date
# give the same model.bin bytes. Usage: bash scripts/train-model.sh [OUT]
# (default model.bin). Needs ../shared/corpus (train.jsonl, dev.jsonl).
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-model.bin}
shared=../shared/corpus
# The date written into the manifest (2026-12-01T00:00:00Z).
export SOURCE_DATE_EPOCH=1796083200
exec go run ./cmd/bot train --quiet \
  --corpus "$shared/train.jsonl" --corpus "$shared/dev.jsonl" \
  --corpus internal/screen/testdata/ads.jsonl --corpus internal/screen/testdata/nonjob.jsonl \
  --corpus internal/screen/testdata/legit_short.jsonl --corpus internal/screen/testdata/written.jsonl \
  --out "$out"
