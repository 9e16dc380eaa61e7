#!/usr/bin/env bash
# docker-check.sh: build the Dockerfile with buildah and smoke-test the image,
# on a machine with no Docker engine and no image registry (see
# shared/notes/container-builds.md). Needs root.
#
#   scripts/docker-check.sh [CONTEXT]
#
# CONTEXT is the build context holding the Dockerfile (default: the repo).
#
#   1. scripts/docker-standins.sh: local stand-ins for the base images
#   2. build:   buildah bud --pull=never --isolation chroot --format docker
#               -t cekloker:test (--format docker: the OCI format has no
#               HEALTHCHECK, buildah would drop it)
#   3. inspect: non-root User, Entrypoint, Cmd, StopSignal, Healthcheck, ...
#   4. screen:  `bot screen "..."` in the container prints a verdict with
#               the rules baked into the image; `bot rules check` passes;
#               `bot screen --image` reads scripts/testdata/poster.jpg with
#               the image's Tesseract (OCR) and rates it high
#   5. run:     `bot run` against scripts/fakeapi.py on 127.0.0.1, state in a
#               host folder mounted at /data: it must answer /start, create
#               the SQLite file, serve /healthz (and `bot healthcheck`), and
#               exit 0 within STOP_TIMEOUT seconds of SIGTERM
#
# Prints PASS/FAIL/SKIP per check, the seconds of each phase, and a last line
# "docker-check: N passed, N failed, N skipped"; exits 1 when a check failed.
#
# Seen on this machine (2 cores, 2026-11): cold (no images) 4.8-5.4 min,
# of which stand-ins ~2.4 min and build ~2-2.4 min; warm (stand-ins
# present) ~2.7 min, nearly all of it the build (the cgo `go build` has no
# cache between runs).
#
# Environment:
#   IMAGE                 tag to build (default cekloker:test)
#   CEKLOKER_DOCKER_DIR   work dir outside the repo (default /var/tmp/cekloker-docker)
#   DOCKER_CHECK_LAYERS   0 (default): no layer cache; 1: buildah --layers, so unchanged steps
#                         (go mod download) are cached between runs (slower with vfs)
#   START_TIMEOUT         seconds to wait for the reply to /start (default 90)
#   STOP_TIMEOUT          seconds the bot has to exit after SIGTERM (default 10)
#   KEEP=1                keep the run folder (logs, fake API records, /data)
#   SKIP_BUILD=1          test the existing $IMAGE: no stand-ins, no build
set -uo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
context=$(cd "${1:-$repo}" && pwd) || exit 2
IMAGE=${IMAGE:-cekloker:test}
WORK=${CEKLOKER_DOCKER_DIR:-/var/tmp/cekloker-docker}
LAYERS=${DOCKER_CHECK_LAYERS:-0}
START_TIMEOUT=${START_TIMEOUT:-90}
STOP_TIMEOUT=${STOP_TIMEOUT:-10}
TOKEN=123:TEST
START_CHAT=424242 # the chat of the fake's /start update (scripts/fakeapi.py)
AD="LOKER K4MB0JA admin, tiket ditanggung"
B=(buildah --storage-driver vfs)
export CEKLOKER_DOCKER_DIR=$WORK

now() { date +%s.%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b - a }'; }

passed=0 failed=0 skipped=0
pass() { passed=$((passed + 1)); printf 'PASS  %s\n' "$*"; }
fail() { failed=$((failed + 1)); printf 'FAIL  %s\n' "$*"; }
skip() { skipped=$((skipped + 1)); printf 'SKIP  %s\n' "$*"; }
note() { printf '      %s\n' "$@"; }
oneline() { tr -s '\n' ' ' <<<"$1" | head -c 300; }
loadavg() { cut -d' ' -f1-3 /proc/loadavg; }

timings=()
phase_t0=""
phase_name=""
phase() { # phase NAME: ends the running phase, starts NAME ("" starts none)
	if [[ -n $phase_name ]]; then
		local s
		s=$(secs "$phase_t0" "$(now)")
		timings+=("$(printf '%-9s %7s s' "$phase_name" "$s")")
		printf 'TIME  %s: %s s\n' "$phase_name" "$s"
	fi
	phase_name=$1 phase_t0=$(now)
	[[ -z $1 ]] || printf '\n== %s\n' "$1"
}

t_start=$(now)
run_dir=""
containers=()
fake_pid=""
bot_pid=""
ctr="" bot_ctr="" hc_ctr="" # set by new_container

finish() {
	phase ""
	printf '\n== timings\n'
	printf '  %s\n' "${timings[@]}"
	printf '  %-9s %7s s   (load average at the end: %s)\n' total "$(secs "$t_start" "$(now)")" "$(loadavg)"
	if [[ -n $run_dir ]]; then
		if [[ ${KEEP:-0} == 1 || $failed -gt 0 ]]; then
			printf '  (logs and records kept in %s)\n' "$run_dir"
		else
			rm -rf "$run_dir"
		fi
	fi
	printf 'docker-check: %d passed, %d failed, %d skipped\n' "$passed" "$failed" "$skipped"
	((failed == 0))
	exit
}

# shellcheck disable=SC2317 # called by the EXIT trap
cleanup() {
	[[ -n $bot_pid ]] && kill -KILL "$bot_pid" 2>/dev/null
	[[ -n $fake_pid ]] && kill -TERM "$fake_pid" 2>/dev/null && wait "$fake_pid" 2>/dev/null
	local c
	for c in "${containers[@]}"; do
		"${B[@]}" rm "$c" >/dev/null 2>&1
	done
}
trap cleanup EXIT
trap 'fail "interrupted"; finish' INT TERM

new_container() { # new_container VAR: a working container from $IMAGE
	local c
	c=$("${B[@]}" from --pull=never "$IMAGE") || return 1
	containers+=("$c")
	printf -v "$1" '%s' "$c"
}

# The chroot runs the image's USER, WORKDIR and ENV; ENTRYPOINT is not applied.
crun() { # crun CONTAINER [buildah run options] -- COMMAND...
	local c=$1 opts=()
	shift
	while (($#)) && [[ $1 != -- ]]; do
		opts+=("$1")
		shift
	done
	"${B[@]}" run --isolation chroot "${opts[@]}" "$c" "$@"
}

if [[ $(id -u) -ne 0 ]]; then
	echo "docker-check: run as root (buildah with vfs storage needs it)" >&2
	exit 2
fi
command -v python3 >/dev/null || { echo "docker-check: python3 is needed" >&2; exit 2; }
mkdir -p "$WORK"
run_dir=$(mktemp -d "$WORK/check.XXXXXX")
printf 'docker-check: context %s, image %s, work %s\n' "$context" "$IMAGE" "$run_dir"
printf 'docker-check: %d cores, load average %s\n' "$(nproc)" "$(loadavg)"

# --- 1. stand-ins for the base images -------------------------------------
if [[ ${SKIP_BUILD:-0} == 1 ]]; then
	if "${B[@]}" inspect --type image "$IMAGE" >/dev/null 2>&1; then
		skip "stand-ins and build (SKIP_BUILD=1): testing the existing $IMAGE"
	else
		fail "SKIP_BUILD=1 but there is no image $IMAGE"
		finish
	fi
else
phase standins
if bash "$repo/scripts/docker-standins.sh"; then
	pass "stand-in base images present"
else
	fail "stand-in base images (scripts/docker-standins.sh)"
	finish
fi

# --- 2. build -------------------------------------------------------------
phase build
build_args=(--pull=never --isolation chroot --format docker)
# --format docker: the OCI format has no HEALTHCHECK (buildah drops it).
[[ $LAYERS == 1 ]] && build_args+=(--layers)
old_id=$("${B[@]}" images --quiet --no-trunc "$IMAGE" 2>/dev/null)
if "${B[@]}" bud "${build_args[@]}" -f "$context/Dockerfile" -t "$IMAGE" "$context" >"$run_dir/build.log" 2>&1; then
	pass "image builds (buildah bud ${build_args[*]} -t $IMAGE)"
	# The previous $IMAGE, now untagged, would keep its full copy (vfs).
	if [[ -n $old_id && $old_id != "$("${B[@]}" images --quiet --no-trunc "$IMAGE")" ]]; then
		"${B[@]}" rmi "$old_id" >/dev/null 2>&1
	fi
else
	fail "image build: last lines of $run_dir/build.log:"
	tail -n 40 "$run_dir/build.log" | sed 's/^/      /'
	finish
fi
fi # SKIP_BUILD

# --- 3. image configuration -------------------------------------------------
phase inspect
if "${B[@]}" inspect --type image "$IMAGE" >"$run_dir/inspect.json" 2>"$run_dir/inspect.err"; then
	while IFS='|' read -r verdict what; do
		case $verdict in
		PASS) pass "$what" ;;
		*) fail "$what" ;;
		esac
	done < <(python3 - "$run_dir/inspect.json" <<-'PY'
		import json, sys
		img = json.load(open(sys.argv[1]))
		oci = (img.get("OCIv1") or {}).get("config") or {}
		dck = (img.get("Docker") or {}).get("config") or {}
		def get(key):
		    v = dck.get(key)
		    return v if v not in (None, "", [], {}) else oci.get(key)
		def check(ok, what):
		    print(("PASS" if ok else "FAIL") + "|" + what)
		user = get("User") or ""
		check(user.split(":")[0] not in ("", "0", "root"), "image User is not root (User=%r)" % user)
		ep = get("Entrypoint")
		check(ep == ["/usr/local/bin/bot"], "Entrypoint is [/usr/local/bin/bot] (%s)" % json.dumps(ep))
		cmd = get("Cmd")
		check(cmd == ["run"], "Cmd is [run] (%s)" % json.dumps(cmd))
		sig = get("StopSignal")
		check(sig == "SIGTERM", "StopSignal is SIGTERM (%r)" % sig)
		hc = dck.get("Healthcheck") or {}
		test = hc.get("Test") or []
		check(bool(test) and test[0] != "NONE" and "healthcheck" in " ".join(test),
		      "Healthcheck runs `bot healthcheck` (%s)" % json.dumps(test))
		env = dict(e.split("=", 1) for e in (get("Env") or []) if "=" in e)
		want = {"BOT_RULES": "/etc/cekloker/rules.yaml", "BOT_DB": "/data/bot.db", "BOT_HTTP_ADDR": ":8080"}
		bad = {k: env.get(k) for k, v in want.items() if env.get(k) != v}
		check(not bad, "Env sets BOT_RULES, BOT_DB, BOT_HTTP_ADDR" + (" (wrong: %s)" % bad if bad else ""))
		check("/data" in (get("Volumes") or {}), "VOLUME /data")
		check("8080/tcp" in (get("ExposedPorts") or {}), "EXPOSE 8080")
		check(get("WorkingDir") == "/data", "WORKDIR /data (%r)" % get("WorkingDir"))
	PY
	)
else
	fail "buildah inspect $IMAGE: $(oneline "$(cat "$run_dir/inspect.err")")"
fi

# --- 4. one-shot commands in the container ---------------------------------
phase screen
if new_container ctr; then
	uid=$(crun "$ctr" -- id -u 2>&1)
	if [[ $uid =~ ^[0-9]+$ && $uid != 0 ]]; then
		pass "commands run as a non-root user (uid $uid)"
	else
		fail "commands run as a non-root user (id -u: $uid)"
	fi

	out=$(crun "$ctr" -- /usr/local/bin/bot screen "$AD" 2>&1)
	rc=$?
	if [[ $rc -eq 0 && -n $out ]]; then
		pass "bot screen prints a verdict: $(head -n 1 <<<"$out")"
	else
		fail "bot screen \"$AD\" (exit $rc):"
		head -n 10 <<<"$out" | sed 's/^/      /'
	fi

	out=$(crun "$ctr" -- /usr/local/bin/bot screen --json "$AD" 2>&1)
	rc=$?
	level=$(python3 -c 'import json,sys; v=json.loads(sys.stdin.read()); print(v["level"])' <<<"$out" 2>/dev/null)
	if [[ $rc -eq 0 && -n $level ]]; then
		pass "bot screen --json gives a verdict with level \"$level\""
	else
		fail "bot screen --json (exit $rc): $(oneline "$out")"
	fi

	# OCR: the image's Tesseract reads a test poster of a scam ad.
	if "${B[@]}" copy "$ctr" "$repo/scripts/testdata/poster.jpg" /tmp/poster.jpg >/dev/null 2>&1; then
		out=$(crun "$ctr" -- /usr/local/bin/bot screen --json --image /tmp/poster.jpg 2>&1)
		rc=$?
		read -r level ocr_ok < <(python3 -c '
import json, sys
v = json.loads(sys.stdin.read())
t = v["image"]["ocr_text"].lower()
print(v["level"], int(all(w in t for w in ("kamboja", "visa turis", "tiket pesawat"))))' <<<"$out" 2>/dev/null)
		if [[ $rc -eq 0 && $level == high && $ocr_ok == 1 ]]; then
			pass "bot screen --image reads the test poster with Tesseract in the image: level high"
		else
			fail "bot screen --image /tmp/poster.jpg (exit $rc, level ${level:-?}, words read ${ocr_ok:-?}): $(oneline "$out")"
		fi
	else
		fail "buildah copy of scripts/testdata/poster.jpg into the container"
	fi

	out=$(crun "$ctr" -- /usr/local/bin/bot rules check 2>&1)
	rc=$?
	if [[ $rc -eq 0 ]]; then
		pass "bot rules check passes on the baked-in rules (BOT_RULES)"
	else
		fail "bot rules check on the baked-in rules (exit $rc):"
		tail -n 10 <<<"$out" | sed 's/^/      /'
	fi
else
	fail "buildah from $IMAGE"
fi

# --- 5. the bot against a fake Bot API --------------------------------------
phase run

port_free() { # port_free PORT: nothing listens on 127.0.0.1:PORT or *:PORT
	python3 - "$1" <<-'PY'
		import socket, sys
		s = socket.socket()
		try:
		    s.bind(("0.0.0.0", int(sys.argv[1])))
		except OSError:
		    sys.exit(1)
	PY
}
free_port() {
	python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}
http_status() { # http_status URL: prints the status code (000 when unreachable)
	python3 - "$1" <<-'PY'
		import sys, urllib.request, urllib.error
		try:
		    with urllib.request.urlopen(sys.argv[1], timeout=3) as r:
		        print(r.status, r.read(300).decode("utf-8", "replace").replace("\n", " "))
		except urllib.error.HTTPError as e:
		    print(e.code, e.read(300).decode("utf-8", "replace").replace("\n", " "))
		except Exception as e:
		    print("000", e)
	PY
}
sent_to_start() { # how many sendMessage calls went to the /start chat
	[[ -f $run_dir/fake/sent.jsonl ]] || { echo 0; return; }
	grep -c "\"chat_id\": ${START_CHAT}[,}]" "$run_dir/fake/sent.jsonl"
}
# bot_process: the bot's own pid, under `buildah run` (buildah-chroot-runtime,
# then buildah-chroot-exec, which execs the command).
bot_process() {
	local pid=$1 child
	for _ in 1 2 3 4 5 6; do
		if [[ $(readlink "/proc/$pid/exe" 2>/dev/null) == */usr/local/bin/bot ]]; then
			echo "$pid"
			return 0
		fi
		child=$(pgrep -P "$pid" | head -n 1)
		[[ -n $child ]] || return 1
		pid=$child
	done
	return 1
}

data_dir=$run_dir/data
mkdir -p "$data_dir" "$run_dir/fake"
chown 10001:10001 "$data_dir"
chmod 0750 "$data_dir"

python3 "$repo/scripts/fakeapi.py" --state-dir "$run_dir/fake" --token "$TOKEN" 2>"$run_dir/fake/stderr" &
fake_pid=$!
for _ in $(seq 100); do
	[[ -s $run_dir/fake/port ]] && break
	sleep 0.1
done
if ! [[ -s $run_dir/fake/port ]] || ! new_container bot_ctr; then
	fail "fake Bot API or container did not start: $(oneline "$(cat "$run_dir/fake/stderr")")"
	finish
fi
api_port=$(cat "$run_dir/fake/port")
note "fake Bot API on 127.0.0.1:$api_port (records in $run_dir/fake)"

# The image listens on :8080. The container shares the host's network: use
# 8080 if it is free, or else another port (and skip `bot healthcheck`,
# which asks :8080).
env_args=(--env "TELEGRAM_BOT_TOKEN=$TOKEN" --env "TELEGRAM_API_ENDPOINT=http://127.0.0.1:$api_port")
if port_free 8080; then
	health_port=8080
else
	health_port=$(free_port)
	env_args+=(--env "BOT_HTTP_ADDR=127.0.0.1:$health_port")
	note "port 8080 is taken on this machine: the bot's health endpoint goes to :$health_port"
fi

# buildah 1.28 mounts an anonymous volume over each VOLUME of the image
# after the --volume binds, so the host folder would not be seen at /data:
# drop the VOLUME from this working container (the image keeps it).
"${B[@]}" config --volume /data- "$bot_ctr"

t_run=$(now)
crun "$bot_ctr" --volume "$data_dir:/data:rw" "${env_args[@]}" -- /usr/local/bin/bot run \
	>"$run_dir/bot.log" 2>&1 &
bot_pid=$!

answered=0
for _ in $(seq $((START_TIMEOUT * 5))); do
	if (($(sent_to_start) > 0)); then
		answered=1
		break
	fi
	kill -0 "$bot_pid" 2>/dev/null || break
	sleep 0.2
done
if ((answered)); then
	pass "bot run answered /start (sendMessage to chat $START_CHAT after $(secs "$t_run" "$(now)") s)"
else
	if kill -0 "$bot_pid" 2>/dev/null; then
		fail "bot run: no sendMessage to the /start chat within $START_TIMEOUT s"
	else
		wait "$bot_pid"
		fail "bot run exited (code $?) before answering /start"
		bot_pid=""
	fi
	note "methods called: $(python3 -c 'import json,sys; print(" ".join(json.loads(l)["method"] for l in open(sys.argv[1])))' "$run_dir/fake/calls.jsonl" 2>/dev/null)"
	note "last lines of $run_dir/bot.log:"
	tail -n 15 "$run_dir/bot.log" | sed 's/^/        /'
fi

if [[ -f $data_dir/bot.db ]]; then
	pass "SQLite file created in the mounted /data ($(stat -c '%s bytes, owner uid %u' "$data_dir/bot.db"))"
else
	fail "no bot.db in the host folder mounted at /data (it holds: [$(find "$data_dir" -mindepth 1 -printf '%P ')])"
fi

if [[ -n $bot_pid ]]; then
	health=""
	for _ in $(seq 10); do
		health=$(http_status "http://127.0.0.1:$health_port/healthz")
		[[ $health == 200* ]] && break
		sleep 1
	done
	if [[ $health == 200* ]]; then
		pass "GET /healthz answers 200: ${health#200 }"
		if [[ $health == *'"ocr":"ok"'* ]]; then
			pass "GET /healthz says OCR is available"
		else
			fail "GET /healthz does not say OCR is available: ${health#200 }"
		fi
	else
		fail "GET http://127.0.0.1:$health_port/healthz: $health"
	fi

	if ((health_port == 8080)) && new_container hc_ctr; then
		out=$(crun "$hc_ctr" -- /usr/local/bin/bot healthcheck 2>&1)
		rc=$?
		if ((rc == 0)); then
			pass "bot healthcheck (the image's HEALTHCHECK) exits 0: $(oneline "$out")"
		else
			fail "bot healthcheck (the image's HEALTHCHECK) exits $rc: $(oneline "$out")"
		fi
	else
		skip "bot healthcheck: port 8080 is not free here"
	fi

	# SIGTERM to the bot itself, as `docker stop` does (STOPSIGNAL).
	target=$(bot_process "$bot_pid")
	if [[ -z $target ]]; then
		fail "SIGTERM: the bot process was not found under buildah run (pid $bot_pid)"
		target=$bot_pid
	fi
	note "SIGTERM to the bot, pid $target ($(readlink "/proc/$target/exe" 2>/dev/null))"
	t_stop=$(now)
	kill -TERM "$target" 2>/dev/null
	for _ in $(seq $((STOP_TIMEOUT * 10))); do
		kill -0 "$bot_pid" 2>/dev/null || break
		sleep 0.1
	done
	if kill -0 "$bot_pid" 2>/dev/null; then
		fail "bot run still running $STOP_TIMEOUT s after SIGTERM: killed"
		kill -KILL "$target" 2>/dev/null
		wait "$bot_pid" 2>/dev/null
	else
		wait "$bot_pid"
		rc=$?
		took=$(secs "$t_stop" "$(now)")
		if ((rc == 0)); then
			pass "bot run exits 0 on SIGTERM (after $took s)"
		else
			fail "bot run exits $rc on SIGTERM (after $took s); last lines of bot.log:"
			tail -n 5 "$run_dir/bot.log" | sed 's/^/        /'
		fi
	fi
	bot_pid=""
fi

finish
