# cekloker: one static-ish binary (cgo, for SQLite) on Debian bookworm-slim.
#
#   docker build -t cekloker .
#   docker run -d --name cekloker \
#     -e TELEGRAM_BOT_TOKEN=... -v cekloker-data:/data -p 8080:8080 cekloker
#
# Rules: the image carries rules.yaml at /etc/cekloker/rules.yaml. To use
# another file, mount it over that path
# (-v "$PWD/rules.yaml:/etc/cekloker/rules.yaml:ro") or point BOT_RULES at it.
# State: SQLite at /data/bot.db (the volume). Health: GET :8080/healthz.
#
# The base images are build arguments so that a mirror or a pinned digest
# can be used without editing this file.
ARG GO_IMAGE=docker.io/library/golang:1.26-bookworm
ARG RUNTIME_IMAGE=docker.io/library/debian:bookworm-slim

FROM ${GO_IMAGE} AS build
WORKDIR /src
# Modules first: this layer is reused until go.mod or go.sum change.
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=1 go build -trimpath -ldflags='-s -w' -o /out/bot ./cmd/bot

FROM ${RUNTIME_IMAGE}
ARG DEBIAN_FRONTEND=noninteractive
# Tesseract 5 with the Indonesian and English language data reads the text
# in posters and screenshots (internal/ocr); it runs as a child process.
RUN apt-get update \
    && apt-get install -y --no-install-recommends ca-certificates tzdata \
        tesseract-ocr tesseract-ocr-ind tesseract-ocr-eng \
    && rm -rf /var/lib/apt/lists/*
RUN groupadd --system --gid 10001 cekloker \
    && useradd --system --uid 10001 --gid 10001 --home-dir /data \
        --no-create-home --shell /usr/sbin/nologin cekloker \
    && mkdir -p /data /etc/cekloker \
    && chown cekloker:cekloker /data
COPY --from=build /out/bot /usr/local/bin/bot
COPY rules.yaml /etc/cekloker/rules.yaml
ENV BOT_RULES=/etc/cekloker/rules.yaml \
    BOT_DB=/data/bot.db \
    BOT_HTTP_ADDR=:8080
VOLUME /data
WORKDIR /data
USER cekloker
STOPSIGNAL SIGTERM
EXPOSE 8080
# `bot healthcheck` GETs http://127.0.0.1:8080/healthz and exits 0 (healthy)
# or 1, so the image needs no curl or wget.
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
    CMD ["/usr/local/bin/bot", "healthcheck"]
ENTRYPOINT ["/usr/local/bin/bot"]
CMD ["run"]
