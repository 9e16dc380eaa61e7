#!/usr/bin/env bash
# docker-standins.sh: build local stand-ins for the two public base images
# that the Dockerfile names, for machines that reach no image registry.
#
#   docker.io/library/golang:1.26-bookworm  Debian bookworm (minbase) with
#       gcc, libc6-dev, ca-certificates and git, plus this machine's Go from
#       /usr/local/go and this machine's CA bundle (outbound TLS to the Go
#       module proxy is signed by a CA that only the host trusts). Set up
#       like the official image: GOPATH=/go, PATH with /go/bin and
#       /usr/local/go/bin, GOTOOLCHAIN=local, WORKDIR /go.
#   docker.io/library/debian:bookworm-slim  Debian bookworm (minbase).
#
# Both come from Debian packages with debootstrap, from the mirror in
# /etc/apt/sources.list.d/debian.sources. An image that already exists is
# left alone (idempotent); --force rebuilds both. Installs buildah and
# debootstrap with apt-get if they are missing. Needs root.
#
# Environment: CEKLOKER_DOCKER_DIR (work dir for the .deb cache, default
# /var/tmp/cekloker-docker), HOST_GO (default /usr/local/go), HOST_CA
# (default /etc/ssl/certs/ca-certificates.crt).
#
# Images live in buildah's default storage (/var/lib/containers/storage)
# with the vfs driver; nothing is written into the repository.
set -euo pipefail

GO_IMAGE=docker.io/library/golang:1.26-bookworm
RUNTIME_IMAGE=docker.io/library/debian:bookworm-slim
GO_SERIES=go1.26
SUITE=bookworm
WORK=${CEKLOKER_DOCKER_DIR:-/var/tmp/cekloker-docker}
HOST_GO=${HOST_GO:-/usr/local/go}
HOST_CA=${HOST_CA:-/etc/ssl/certs/ca-certificates.crt}
SOURCES=/etc/apt/sources.list.d/debian.sources
B=(buildah --storage-driver vfs)

log() { printf '[standins] %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }
now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }

force=0
for arg in "$@"; do
	case $arg in
	--force) force=1 ;;
	-h | --help)
		sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'
		exit 0
		;;
	*) die "unknown argument: $arg (try --help)" ;;
	esac
done

[[ $(id -u) -eq 0 ]] || die "run as root (buildah with vfs storage and debootstrap need it)"

# --- tools -----------------------------------------------------------------
ensure_tools() {
	local missing=()
	command -v buildah >/dev/null || missing+=(buildah)
	command -v debootstrap >/dev/null || missing+=(debootstrap)
	((${#missing[@]})) || return 0
	log "installing ${missing[*]} with apt-get"
	apt-get update -qq
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
}

# --- mirrors ---------------------------------------------------------------
# uris_for SUITE: the first URIs of the deb822 stanza whose Suites has SUITE.
uris_for() {
	[[ -r $SOURCES ]] || return 0
	awk -v want="$1" '
		function flush() { if (has && uri != "") { print uri; found = 1; exit } has = 0; uri = "" }
		/^[[:space:]]*$/ { flush(); next }
		/^URIs:/ { uri = $2 }
		/^Suites:/ { for (i = 2; i <= NF; i++) if ($i == want) has = 1 }
		END { if (!found) flush() }
	' "$SOURCES"
}

MIRROR=$(uris_for "$SUITE")
SECURITY_MIRROR=$(uris_for "$SUITE-security")
if [[ -z $MIRROR && -r /etc/apt/sources.list ]]; then
	MIRROR=$(awk -v s="$SUITE" '$1 == "deb" && $3 == s { print $2; exit }' /etc/apt/sources.list)
fi
MIRROR=${MIRROR:-http://deb.debian.org/debian}
SECURITY_MIRROR=${SECURITY_MIRROR:-http://deb.debian.org/debian-security}

# --- images ----------------------------------------------------------------
image_exists() { "${B[@]}" inspect --type image "$1" >/dev/null 2>&1; }

ctr=""
cleanup() {
	if [[ -n $ctr ]]; then
		"${B[@]}" umount "$ctr" >/dev/null 2>&1 || true
		"${B[@]}" rm "$ctr" >/dev/null 2>&1 || true
	fi
}
trap cleanup EXIT

# bootstrap_into DIR NAME [PACKAGES]: Debian minbase in DIR, tidied like
# the official images (deb822 sources, no package lists, no cached .debs,
# empty /dev). NAME names the .deb cache and the log.
bootstrap_into() {
	local dir=$1 name=$2 include=${3:-} args=(--variant=minbase "--cache-dir=$WORK/debs-$2")
	[[ -n $include ]] && args+=("--include=$include")
	mkdir -p "$WORK/debs-$name"
	log "debootstrap $SUITE ${include:+(+ $include) }from $MIRROR"
	if ! debootstrap "${args[@]}" "$SUITE" "$dir" "$MIRROR" >"$WORK/debootstrap-$name.log" 2>&1; then
		tail -n 30 "$WORK/debootstrap-$name.log" >&2
		die "debootstrap failed (full log: $WORK/debootstrap-$name.log)"
	fi
	rm -f "$dir/etc/apt/sources.list"
	mkdir -p "$dir/etc/apt/sources.list.d"
	cat >"$dir/etc/apt/sources.list.d/debian.sources" <<-EOF
		Types: deb
		URIs: $MIRROR
		Suites: $SUITE $SUITE-updates
		Components: main
		Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg

		Types: deb
		URIs: $SECURITY_MIRROR
		Suites: $SUITE-security
		Components: main
		Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
	EOF
	rm -rf "$dir"/var/lib/apt/lists/* "$dir"/var/cache/apt/*.bin
	find "$dir/var/cache/apt/archives" -name '*.deb' -delete
	find "$dir/dev" -mindepth 1 -delete
}

# new_container: an empty working container, mounted; sets ctr and mnt.
new_container() {
	ctr=$("${B[@]}" from --pull=never scratch)
	mnt=$("${B[@]}" mount "$ctr")
}

commit() {
	"${B[@]}" umount "$ctr" >/dev/null
	"${B[@]}" commit --quiet --rm "$ctr" "$1" >/dev/null
	ctr=""
}

build_runtime() {
	local t0 mnt
	t0=$(now)
	new_container
	bootstrap_into "$mnt" runtime
	"${B[@]}" config \
		--env PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
		--cmd bash \
		--label org.opencontainers.image.description="local stand-in for $RUNTIME_IMAGE (debootstrap minbase, scripts/docker-standins.sh)" \
		"$ctr"
	commit "$RUNTIME_IMAGE"
	log "built $RUNTIME_IMAGE in $(since "$t0") s"
}

build_go() {
	local t0 mnt version
	t0=$(now)
	[[ -x $HOST_GO/bin/go ]] || die "no Go at $HOST_GO"
	version=$("$HOST_GO/bin/go" env GOVERSION)
	[[ $version == "$GO_SERIES" || $version == "$GO_SERIES".* ]] ||
		die "$HOST_GO is $version, not $GO_SERIES: it cannot stand in for $GO_IMAGE"
	[[ -r $HOST_CA ]] || die "no CA bundle at $HOST_CA"
	new_container
	bootstrap_into "$mnt" go gcc,libc6-dev,ca-certificates,git
	log "adding $version from $HOST_GO and the host CA bundle"
	cp -a "$HOST_GO" "$mnt/usr/local/go"
	cp "$HOST_CA" "$mnt/etc/ssl/certs/ca-certificates.crt"
	mkdir -p "$mnt/go/src" "$mnt/go/bin"
	chmod -R 1777 "$mnt/go"
	"${B[@]}" config \
		--env PATH=/go/bin:/usr/local/go/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
		--env GOLANG_VERSION="${version#go}" \
		--env GOTOOLCHAIN=local \
		--env GOPATH=/go \
		--workingdir /go \
		--cmd bash \
		--label org.opencontainers.image.description="local stand-in for $GO_IMAGE (debootstrap minbase + host $version, scripts/docker-standins.sh)" \
		"$ctr"
	commit "$GO_IMAGE"
	log "built $GO_IMAGE in $(since "$t0") s"
}

t_all=$(now)
ensure_tools
mkdir -p "$WORK"
# The two images are built at the same time (each waits mostly on the
# mirror and on dpkg); each in a subshell with its own container and trap.
pids=() names=()
for pair in "$RUNTIME_IMAGE:build_runtime" "$GO_IMAGE:build_go"; do
	image=${pair%:*} builder=${pair##*:}
	if image_exists "$image"; then
		if ((force)); then
			log "removing $image (--force)"
			"${B[@]}" rmi --force "$image" >/dev/null
		else
			log "$image exists: skipped"
			continue
		fi
	fi
	(
		ctr=""
		trap cleanup EXIT
		"$builder"
	) &
	pids+=($!) names+=("$image")
done
status=0
for i in "${!pids[@]}"; do
	if ! wait "${pids[$i]}"; then
		log "FAILED: ${names[$i]}"
		status=1
	fi
done
((status == 0)) || die "stand-ins not built"
log "done in $(since "$t_all") s"
