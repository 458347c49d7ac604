#!/usr/bin/env bash
# Tank benchmarks: tank install (cold/warm) against npm and pnpm on the same generated corpus,
# the curl transfer floor, resolution alone, start-up, analyzer throughput, publish latency and
# peak memory, side by side on this machine. Writes bench/results/latest.md (see bench/README.md).
#
#   bench/run.sh [--skills N] [--runs K] [--seed S] [--out FILE] [--no-variants] [--keep] [--profile]
set -euo pipefail

BENCH="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(dirname "$BENCH")"
SKILLS=100
RUNS=5
SEED=42
OUT="$BENCH/results/latest.md"
PROFILE=0
VARIANTS=1
KEEP=0
RESOLVE_SIZES="1000 10000"
VERDACCIO_VERSION="6.8.0"
PNPM_VERSION="10.34.9"

usage() {
  sed -n '2,6p' "$0" | sed 's/^# \{0,1\}//'
  cat <<'EOF'

  --skills N      skills in the corpus (default 100)
  --runs K        measured runs per row, after one warm-up run (default 5)
  --seed S        corpus seed (default 42)
  --out FILE      report file (default bench/results/latest.md)
  --no-variants   skip the JVM launcher variants (AppCDS, JDK 25 AOT cache)
  --keep          keep bench/.work/run (registries' data, projects, logs) afterwards
  --profile       instead of the timed rounds, collect the evidence behind the diagnosis in
                  bench/README.md (registry request log, phase timelines, JFR of resolution)
                  into bench/results/profile.md
EOF
}

while [ $# -gt 0 ]; do
  case "$1" in
    --skills) SKILLS="$2"; shift 2 ;;
    --runs) RUNS="$2"; shift 2 ;;
    --seed) SEED="$2"; shift 2 ;;
    --out) OUT="$2"; shift 2 ;;
    --no-variants) VARIANTS=0; shift ;;
    --keep) KEEP=1; shift ;;
    --profile) PROFILE=1; VARIANTS=0; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "bench: unknown argument $1" >&2; usage >&2; exit 2 ;;
  esac
done
case "$SKILLS$RUNS" in *[!0-9]*) echo "bench: --skills and --runs take numbers" >&2; exit 2 ;; esac
[ "$RUNS" -ge 1 ] || { echo "bench: --runs must be at least 1" >&2; exit 2; }

log() { printf '[bench %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { printf 'bench: %s\n' "$*" >&2; exit 1; }

# --- prerequisites -------------------------------------------------------------------------
for tool in docker-registry node npm curl xargs; do
  command -v "$tool" >/dev/null || die "$tool is missing (see bench/README.md: apt-get install -y docker-registry nodejs npm curl)"
done
TIME_BIN=""
if [ -x /usr/bin/time ] && /usr/bin/time -f '%M' true 2>/dev/null; then TIME_BIN=/usr/bin/time; fi

. "$ROOT/bin/find-java.sh"
tank_find_java
JAVA="$JAVA_HOME/bin/java"          # builds and runs the bench's own programs
TANK_JAVA="$(tank_runtime_java)"   # runs Tank, as bin/tank does
JAR="$ROOT/tank-oci-client/target/tank-oci-client-0.1.0-SNAPSHOT.jar"
LIB="$ROOT/tank-oci-client/target/lib"
log "building Tank if needed"
"$ROOT/bin/tank" --version >/dev/null
CP="$JAR:$LIB/*"

WORK="$BENCH/.work"
TOOLS="$BENCH/.tools"
RUN="$WORK/run"
mkdir -p "$WORK"
# A previous run's folder is moved aside and deleted when this run ends: deleting thousands of
# files just before the measurements would slow them down (see delete_round below).
if [ -e "$RUN" ]; then mv "$RUN" "$WORK/old-run.$$"; fi
mkdir -p "$RUN/log"

CLASSES="$WORK/classes"
if [ ! -d "$CLASSES" ] || [ -n "$(find "$BENCH/src" "$JAR" -newer "$CLASSES/.built" -print -quit 2>/dev/null)" ] || [ ! -f "$CLASSES/.built" ]; then
  log "compiling bench/src"
  rm -rf "$CLASSES"
  mkdir -p "$CLASSES"
  "$JAVA_HOME/bin/javac" -Xlint:all -Werror -d "$CLASSES" -cp "$CP" $(find "$BENCH/src" -name '*.java')
  touch "$CLASSES/.built"
fi
BJAVA=("$JAVA" -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -cp "$CLASSES:$CP")

# verdaccio and pnpm from the npm registry, into bench/.tools (not committed).
if [ ! -x "$TOOLS/node_modules/.bin/verdaccio" ] || [ ! -x "$TOOLS/node_modules/.bin/pnpm" ]; then
  log "installing verdaccio@$VERDACCIO_VERSION and pnpm@$PNPM_VERSION into bench/.tools"
  mkdir -p "$TOOLS"
  cat >"$TOOLS/package.json" <<EOF
{
  "name": "tank-bench-tools",
  "private": true,
  "dependencies": {"verdaccio": "$VERDACCIO_VERSION", "pnpm": "$PNPM_VERSION"},
  "overrides": {"node-fetch": "2.7.0"}
}
EOF
  (cd "$TOOLS" && npm install --no-audit --no-fund --loglevel=error) >&2
fi
VERDACCIO="$TOOLS/node_modules/.bin/verdaccio"
PNPM="$TOOLS/node_modules/.bin/pnpm"

# --- corpus --------------------------------------------------------------------------------
CORPUS="$WORK/corpus-$SKILLS-$SEED"
if [ ! -f "$CORPUS/.done" ]; then
  log "generating the corpus ($SKILLS skills, seed $SEED)"
  rm -rf "$CORPUS"
  "${BJAVA[@]}" dev.tank.bench.Corpus --skills "$SKILLS" --seed "$SEED" --out "$CORPUS" >"$CORPUS.summary"
  touch "$CORPUS/.done"
fi
CORPUS_SUMMARY="$(cat "$CORPUS.summary")"
log "$CORPUS_SUMMARY"

# --- servers (loopback, free ports, stopped on exit) ---------------------------------------
PIDS=()
SERVER_PIDS=() # the registry and verdaccio, whose CPU each measured row also reports
cleanup() {
  local p
  for p in "${PIDS[@]:-}"; do
    [ -n "$p" ] && kill "$p" 2>/dev/null && wait "$p" 2>/dev/null || true
  done
  if [ "$KEEP" = 0 ]; then rm -rf "$RUN"; fi
  rm -rf "$WORK/old-run.$$"
}
trap cleanup EXIT

free_port() {
  local p
  while :; do
    p=$((20000 + RANDOM % 40000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then echo "$p"; return; fi
  done
}
wait_http() { # URL what
  local i
  for i in $(seq 1 150); do
    curl -s -o /dev/null "$1" && return 0
    sleep 0.2
  done
  die "$2 did not start (log in $RUN/log)"
}

REG_PORT="$(free_port)"
mkdir -p "$RUN/registry"
cat >"$RUN/registry/config.yml" <<EOF
version: 0.1
log:
  level: $([ "$PROFILE" = 1 ] && echo info || echo error)
  accesslog:
    disabled: true
storage:
  filesystem:
    rootdirectory: $RUN/registry/data
  delete:
    enabled: true
http:
  addr: 127.0.0.1:$REG_PORT
EOF
docker-registry serve "$RUN/registry/config.yml" >"$RUN/log/registry.log" 2>&1 &
PIDS+=($!)
SERVER_PIDS=($!)
REGISTRY="http://127.0.0.1:$REG_PORT/bench"

NPM_PORT="$(free_port)"
mkdir -p "$RUN/verdaccio"
cat >"$RUN/verdaccio/config.yaml" <<EOF
storage: $RUN/verdaccio/storage
web:
  enable: false
auth:
  htpasswd:
    file: $RUN/verdaccio/htpasswd
    max_users: -1
uplinks: {}
packages:
  '**':
    access: \$all
    publish: \$anonymous
    unpublish: \$anonymous
max_body_size: 100mb
server:
  keepAliveTimeout: 60
middlewares:
  audit:
    enabled: false
log:
  type: stdout
  format: pretty
  level: error
EOF
"$VERDACCIO" --config "$RUN/verdaccio/config.yaml" --listen "127.0.0.1:$NPM_PORT" >"$RUN/log/verdaccio.log" 2>&1 &
PIDS+=($!)
SERVER_PIDS+=($!)
NPM_REGISTRY="http://127.0.0.1:$NPM_PORT/"
wait_http "http://127.0.0.1:$REG_PORT/v2/" "docker-registry"
wait_http "${NPM_REGISTRY}-/ping" "verdaccio"
log "docker-registry on :$REG_PORT, verdaccio on :$NPM_PORT"

log "publishing the corpus to both registries (setup, not measured)"
"${BJAVA[@]}" dev.tank.bench.Publish tank "$CORPUS" "$REGISTRY" >&2
"${BJAVA[@]}" dev.tank.bench.Publish npm "$CORPUS" "$NPM_REGISTRY" >&2
"${BJAVA[@]}" dev.tank.bench.Publish floor-urls "$CORPUS" "$REGISTRY" "$RUN/floor-urls.tsv" >&2

# --- projects ------------------------------------------------------------------------------
TOP=()
for d in "$CORPUS"/skills/top-*; do TOP+=("@bench/$(basename "$d")"); done
deps_json() { # one "name": "^1.0.0" per top-level skill
  local i sep=""
  for i in "${TOP[@]}"; do printf '%s\n    "%s": "^1.0.0"' "$sep" "$i"; sep=","; done
}
P="$RUN/projects"
mkdir -p "$P/tank" "$P/npm" "$P/pnpm" "$P/tank-cds" "$P/tank-aot"
for d in tank tank-cds tank-aot; do
  cat >"$P/$d/skills.json" <<EOF
{
  "name": "bench-project",
  "skills": {$(deps_json)
  },
  "registries": {"default": "$REGISTRY"},
  "permissions": {
    "filesystem": {"read": ["**"], "write": ["out/**"]},
    "subprocess": ["git", "python3", "jq", "bash"],
    "network": {"outbound": ["api.example.com"]}
  },
  "agents": ["claude"]
}
EOF
done
for d in npm pnpm; do
  cat >"$P/$d/package.json" <<EOF
{
  "name": "bench-project",
  "version": "1.0.0",
  "private": true,
  "dependencies": {$(deps_json)
  }
}
EOF
done
cat >"$RUN/npmrc" <<EOF
registry=$NPM_REGISTRY
//127.0.0.1:$NPM_PORT/:_authToken=bench
update-notifier=false
fund=false
audit=false
progress=false
loglevel=error
EOF
export NPM_CONFIG_USERCONFIG="$RUN/npmrc"
export npm_config_userconfig="$RUN/npmrc"
export COREPACK_ENABLE_STRICT=0
export CI=  # neither tank (frozen) nor pnpm (frozen lockfile) may switch modes because of the caller's CI

# --- measuring -----------------------------------------------------------------------------
RESULTS="$RUN/results.tsv"
: >"$RESULTS"
ROUND=0
# measure ROW CMD...: wall time (ms), peak RSS (KB), CPU time (user + sys, ms) of one run, the
# servers' CPU time during it and the run's system CPU time (ms), appended to results.tsv (row,
# round, wall, rss, cpu, value, server cpu, sys);
# stdout/stderr go to log/ROW.ROUND.log. A failing command stops the benchmark.
# CPU time (user + system, clock ticks) the two servers have used so far: a client on the same 2
# cores competes with the server it waits for, so each row also reports what the server spent.
CLK_TCK="$(getconf CLK_TCK)"
server_ticks() {
  local total=0 pid f
  for pid in "${SERVER_PIDS[@]}"; do
    # Fields after the ")" that ends the command name: utime and stime are the 12th and 13th.
    if f="$(sed 's/^.*) //' "/proc/$pid/stat" 2>/dev/null)"; then
      total=$(( total + $(awk '{print $12 + $13}' <<<"$f") ))
    fi
  done
  echo "$total"
}

measure() {
  local row="$1"; shift
  local logf="$RUN/log/$row.$ROUND.log" t0 t1 rss="" cpu="" sys="" status=0 s0 s1
  s0="$(server_ticks)"
  t0=$(date +%s%N)
  if [ -n "$TIME_BIN" ]; then
    "$TIME_BIN" -f '%M %U %S' -o "$RUN/rss.tmp" "$@" >"$logf" 2>&1 || status=$?
    read -r rss cpu_user cpu_sys < <(tail -1 "$RUN/rss.tmp")
    cpu="$(awk -v u="$cpu_user" -v s="$cpu_sys" 'BEGIN{printf "%d", (u + s) * 1000}')"
    sys="$(awk -v s="$cpu_sys" 'BEGIN{printf "%d", s * 1000}')"
  else
    "$@" >"$logf" 2>&1 &
    local pid=$! hwm
    while kill -0 "$pid" 2>/dev/null; do
      hwm="$(awk '/^VmHWM/{print $2}' "/proc/$pid/status" 2>/dev/null || true)"
      [ -n "$hwm" ] && rss="$hwm"
      sleep 0.02
    done
    wait "$pid" || status=$?
  fi
  t1=$(date +%s%N)
  s1="$(server_ticks)"
  if [ "$status" != 0 ]; then
    tail -20 "$logf" >&2
    die "$row failed (exit $status) in round $ROUND; log: $logf"
  fi
  printf '%s\t%s\t%s\t%s\t%s\t\t%s\t%s\n' "$row" "$ROUND" "$(( (t1 - t0) / 1000000 ))" "${rss:-}" "${cpu:-}" \
    "$(( (s1 - s0) * 1000 / CLK_TCK ))" "${sys:-}" >>"$RESULTS"
}
# record ROW VALUE: a value the program measured itself (ms, MB/s), completing the row's last line.
record() { printf '%s\t%s\t\t\t\t%s\n' "$1" "$ROUND" "$2" >>"$RESULTS"; }

expect_count() { # what expected actual
  [ "$2" = "$3" ] || die "$1: expected $2 packages, found $3 (round $ROUND)"
}

TANK="$ROOT/bin/tank"
# Launchers as files (/usr/bin/time runs programs, not shell functions). tank-java: the java
# command bin/tank ends with (same flags) without its build check; tank-cds: the same plus an
# AppCDS archive; tank-aot: a JDK >= 25 with an AOT cache (JEP 483/514).
JVM_FLAGS="-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xss2m -Djdk.console=java.base -Djdk.reflect.useNativeAccessorOnly=true" # the flags bin/tank uses
CDS="$RUN/tank.jsa"
AOT="$RUN/tank.aot"
AOT_JAVA=""
mkdir -p "$RUN/bin"
launcher() { # NAME JAVA_AND_OPTIONS
  printf '#!/bin/sh\nexec %s %s -jar "%s" "$@"\n' "$2" "$JVM_FLAGS" "$JAR" >"$RUN/bin/$1"
  chmod +x "$RUN/bin/$1"
}
launcher tank-java "$TANK_JAVA"
# The other end of ClientRoundTrip (what the client of a resident process would pay per command): a
# JVM that answers each request on a Unix socket at once. Not a registry, so not in SERVER_PIDS.
ROUNDTRIP_SOCKET="$RUN/roundtrip.sock"
"$JAVA" -XX:+UseSerialGC -cp "$CLASSES" dev.tank.bench.ClientRoundTrip serve "$ROUNDTRIP_SOCKET" >"$RUN/log/roundtrip.log" 2>&1 &
PIDS+=($!)

if [ "$PROFILE" = 1 ]; then
  PROF="$BENCH/results/profile.md"
  BENCHP=("$JAVA" -XX:+UseSerialGC -cp "$CLASSES:$CP" dev.tank.bench.Profile)
  MARKERS=(dev.tank.cli.Main="JVM ready; picocli builds the command model and parses arguments"
    dev.tank.install.Installer="install begins: read skills.json, skills.lock, trust policy; take the project lock"
    dev.tank.resolve.Resolver="resolve: tag lists, manifests and configs, then the semver check"
    'dev.tank.events.TankEvent$Fetching=fetch content layers (8 threads) and check integrity'
    dev.tank.install.SafeExtractor="extract every layer into staging and check each file against the config"
    dev.tank.install.AgentLinks="commit: place folders, link agent folders, write skills.lock; JVM exit")
  traced_install() { # NAME: one install with a class-load log; prints its Markdown section
    local name="$1" lines t0 t1
    lines="$(wc -l <"$RUN/log/registry.log")"
    t0=$(date +%s%N)
    TANK_CACHE="$RUN/cache-prof" "$TANK_JAVA" $JVM_FLAGS -Xlog:class+load:file="$RUN/$name.classes":uptime -jar "$JAR" install -C "$P/tank" \
      >"$RUN/log/$name.log" 2>&1 || die "profiled $name install failed; log: $RUN/log/$name.log"
    t1=$(date +%s%N)
    tail -n +"$((lines + 1))" "$RUN/log/registry.log" >"$RUN/$name.requests"
    echo "### \`tank install\`, $name"
    echo
    "${BENCHP[@]}" requests "$RUN/$name.requests" "$t0" "$t1"
    echo
    "${BENCHP[@]}" phases "$RUN/$name.classes" "$(( (t1 - t0) / 1000000 ))" "${MARKERS[@]}"
    echo
  }
  log "profiling (see $PROF)"
  {
    echo "# Profile evidence"
    echo
    echo "Collected by \`bench/run.sh --profile --skills $SKILLS --seed $SEED\` on $(date -u +%Y-%m-%dT%H:%MZ) (Tank $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null)),"
    echo "load average $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores. One run each, so read the shape, not the last digit."
    echo "Step durations come from the first load of a class only that step uses; request data from the"
    echo "registry's own log (\`response completed\` lines: completion time, connection, duration)."
    echo
    rm -rf "$P/tank/.agents" "$P/tank/.claude" "$P/tank/.tank" "$P/tank/skills.lock" "$RUN/cache-prof"
    traced_install "cold (empty cache, no lock)"
    rm -rf "$P/tank/.agents" "$P/tank/.claude" "$P/tank/.tank"
    traced_install "warm (lock + cache)"

    echo "### \`tank --version\`"
    echo
    t0=$(date +%s%N)
    "$TANK_JAVA" $JVM_FLAGS -Xlog:class+load:file="$RUN/version.classes":uptime -jar "$JAR" --version >/dev/null
    t1=$(date +%s%N)
    "${BENCHP[@]}" phases "$RUN/version.classes" "$(( (t1 - t0) / 1000000 ))" \
      dev.tank.cli.Main="JVM ready (jar manifest with $(unzip -p "$JAR" META-INF/MANIFEST.MF 2>/dev/null | tr -d '\r\n ' | grep -o '\.jar' | wc -l) Class-Path entries opened)" \
      picocli.CommandLine="picocli: build the model of every subcommand by reflection" \
      'picocli.CommandLine$ParseResult=parse the arguments, print the version, exit'
    echo
    echo "Classes by source: $(grep -v 'shared objects file' "$RUN/version.classes" | sed -E 's/.*source: //; s#.*/lib/##; s#jrt:/##; s#file:.*/##' | sort | uniq -c | sort -rn | head -4 | awk '{printf "%s%s %s", (NR>1?", ":""), $1, $2}'); $(grep -c 'shared objects file' "$RUN/version.classes") from the JDK's CDS archive."
    echo

    echo "### \`tank publish --sign-key\` (one typical skill)"
    echo
    PROBE="$RUN/probe/publish-probe"
    mkdir -p "$RUN/probe"
    cp -r "$(du -sb "$CORPUS"/skills/* | sort -n | awk '{a[NR]=$2} END{print a[int((NR+1)/2)]}')" "$PROBE"
    sed -i "s/^name: .*/name: publish-probe/" "$PROBE/SKILL.md"
    sed -i -E "s/\"name\": \"@bench\/[a-z0-9-]+\"/\"name\": \"@bench\/publish-probe\"/" "$PROBE/skills.json"
    export TANK_PASSWORD=bench-password
    "$TANK" keygen --output-key-prefix "$RUN/cosign" >/dev/null 2>&1
    t0=$(date +%s%N)
    "$TANK_JAVA" $JVM_FLAGS -Xlog:class+load:file="$RUN/publish.classes":uptime -jar "$JAR" publish "$PROBE" --registry "$REGISTRY" \
      --sign-key "$RUN/cosign.key" >"$RUN/log/publish-prof.log" 2>&1 || die "profiled publish failed; log: $RUN/log/publish-prof.log"
    t1=$(date +%s%N)
    "${BENCHP[@]}" phases "$RUN/publish.classes" "$(( (t1 - t0) / 1000000 ))" \
      dev.tank.cli.Main="JVM ready; CLI parses arguments" \
      dev.tank.sign.CosignKeys="read and parse the key file (first JSON use: Jackson starts)" \
      org.bouncycastle.crypto.generators.SCrypt="decrypt the key: scrypt (N=65536, r=8: 64 MiB, slow by design)" \
      jdk.internal.net.http.HttpClientImpl="open the registry client; validate the skill folder" \
      dev.tank.pack.Packer="pack; check the version is new and the bump against the previous one; push blobs and manifest" \
      dev.tank.oci.Referrers="generate and attach the SBOM" \
      dev.tank.sign.SignatureStore="sign (cosign signature + Sigstore bundle) and push; push the version tag; exit"
    echo

    echo "### Resolution of 10 000 skills (JFR, \`settings=profile\`; one resolution and two more in the same JVM)"
    echo
    "$JAVA" -XX:StartFlightRecording=filename="$RUN/resolve.jfr",settings=profile -XX:+UseSerialGC -XX:TieredStopAtLevel=1 \
      -cp "$CLASSES:$CP" dev.tank.bench.ResolveBench --skills 10000 --seed "$SEED" --repeat 2 >"$RUN/log/resolve-prof.log" 2>&1
    "${BENCHP[@]}" jfr "$RUN/resolve.jfr" dev.tank.resolve.Resolver.resolve
  } >"$PROF"
  log "wrote $PROF"
  exit 0
fi

if [ "$VARIANTS" = 1 ]; then
  launcher tank-cds "$TANK_JAVA -XX:SharedArchiveFile=$CDS -Xshare:auto"
  log "training the AppCDS archive ($TANK_JAVA) on one cold install"
  mkdir -p "$RUN/train-cds" && cp "$P/tank/skills.json" "$RUN/train-cds/"
  TANK_CACHE="$RUN/train-cds.cache" "$TANK_JAVA" -XX:ArchiveClassesAtExit="$CDS" $JVM_FLAGS -jar "$JAR" install -C "$RUN/train-cds" \
    >"$RUN/log/cds-train.log" 2>&1 || die "AppCDS training failed; log: $RUN/log/cds-train.log"
  for cand in /usr/lib/jvm/*; do
    if [ -x "$cand/bin/java" ] && [ "$(tank_java_major "$cand" 2>/dev/null || echo 0)" -ge 25 ] 2>/dev/null; then
      AOT_JAVA="$cand/bin/java"
    fi
  done
  if [ -n "$AOT_JAVA" ]; then
    launcher tank-aot "$AOT_JAVA -XX:AOTCache=$AOT"
    log "training the AOT cache ($AOT_JAVA) on one cold install"
    mkdir -p "$RUN/train-aot" && cp "$P/tank/skills.json" "$RUN/train-aot/"
    TANK_CACHE="$RUN/train-aot.cache" "$AOT_JAVA" -XX:AOTCacheOutput="$AOT" $JVM_FLAGS -jar "$JAR" install -C "$RUN/train-aot" \
      >"$RUN/log/aot-train.log" 2>&1 || die "AOT cache training failed; log: $RUN/log/aot-train.log"
  fi
fi

# The transfer floor: the same GETs with curl, 8 in parallel (connections reused within a batch
# of 16 URLs). Argument: the kinds of URL to fetch (a regex over column 1 of floor-urls.tsv).
OCI_ACCEPT="application/vnd.oci.image.manifest.v1+json, application/vnd.oci.image.index.v1+json"
cat >"$RUN/bin/floor" <<EOF
#!/bin/sh
grep -E "^(\$1)	" "$RUN/floor-urls.tsv" | cut -f2 \\
  | xargs -P8 -n 16 sh -c '{ echo "header = \\"Accept: $OCI_ACCEPT\\""; for u; do printf "url = \\"%s\\"\\noutput = /dev/null\\n" "\$u"; done; } | curl -sf -K -' floor
EOF
chmod +x "$RUN/bin/floor"

# Publish probe: a copy of the corpus's median-sized skill under its own name, a new version per run.
PROBE="$RUN/probe/publish-probe"
median_skill="$(du -sb "$CORPUS"/skills/* | sort -n | awk '{a[NR]=$2} END{print a[int((NR+1)/2)]}')"
mkdir -p "$RUN/probe"
cp -r "$median_skill" "$PROBE"
sed -i "s/^name: .*/name: publish-probe/" "$PROBE/SKILL.md"
PROBE_NPM="$RUN/probe-npm"
cp -r "$CORPUS/npm/$(basename "$median_skill")" "$PROBE_NPM"
cp "$RUN/npmrc" "$PROBE_NPM/.npmrc"
export TANK_PASSWORD=bench-password
"$TANK" keygen --output-key-prefix "$RUN/cosign" >"$RUN/log/keygen.log" 2>&1
probe_version() { # version 1.0.ROUND, name publish-probe, in skills.json and package.json
  sed -i -E "s/\"name\": \"@bench\/[a-z0-9-]+\"/\"name\": \"@bench\/publish-probe\"/; s/\"version\": \"[^\"]+\"/\"version\": \"1.0.$ROUND\"/" \
    "$PROBE/skills.json" "$PROBE_NPM/package.json"
}

# project_copy TOOL KIND [FILE]: a new folder for one install of this round, holding the project's
# manifest (and FILE, a lock); printed. The rounds' folders stay until the benchmark ends.
project_copy() {
  local d="$P/rounds/$ROUND/$1-$2"
  mkdir -p "$d"
  cp "$P/$1/"*.json "$d/"
  if [ -n "${3:-}" ]; then cp "$3" "$d/"; fi
  echo "$d"
}

# install_in ROW TOOL DIR CACHE: measures one install by TOOL (tank, tank-cds, tank-aot, npm, pnpm)
# in DIR, with the cache under CACHE (tank: CACHE.cache; npm: CACHE.cache; pnpm: store CACHE.store
# and metadata cache CACHE.cache), then checks that every skill is in place.
install_in() {
  local row="$1" tool="$2" dir="$3" cache="$4" n
  case "$tool" in
    npm)
      (cd "$dir" && measure "$row" npm install --cache "$cache.cache")
      n="$(ls "$dir/node_modules/@bench" | wc -l)" ;;
    pnpm)
      (cd "$dir" && measure "$row" "$PNPM" install --store-dir "$cache.store" --cache-dir "$cache.cache" --reporter=append-only)
      n="$(ls -d "$dir/node_modules/.pnpm/@bench+"* | wc -l)" ;;
    *)
      local cmd="$RUN/bin/$tool"
      if [ "$tool" = tank ]; then cmd="$TANK"; fi
      TANK_CACHE="$cache.cache" measure "$row" "$cmd" install -C "$dir"
      n="$(ls "$dir/.agents/skills" | wc -l)" ;;
  esac
  expect_count "$row" "$SKILLS" "$n"
}

run_round() {
  local v dir size
  # start-up
  measure startup.tank "$TANK" --version
  measure startup.tank-java "$RUN/bin/tank-java" --version
  measure startup.npm npm --version
  measure startup.pnpm "$PNPM" --version
  if [ "$VARIANTS" = 1 ]; then
    measure startup.tank-cds "$RUN/bin/tank-cds" --version
    if [ -n "$AOT_JAVA" ]; then measure startup.tank-aot "$RUN/bin/tank-aot" --version; fi
  fi

  # Installs. Each cold run gets a new project folder with an empty cache (npm: cache, pnpm: store
  # and metadata cache) of its own; each warm run a new folder holding only the manifest and the lock
  # the cold run wrote, and that cold run's cache. Nothing is deleted while the rounds run: see
  # delete_round below for why, and for the same installs right after deleting the previous one.
  # tank: cold = empty cache, no lock, nothing installed; warm = lock + cache, nothing installed.
  for v in tank $([ "$VARIANTS" = 1 ] && echo tank-cds) $([ -n "$AOT_JAVA" ] && echo tank-aot); do
    dir="$(project_copy "$v" cold)"
    install_in "install.cold.$v" "$v" "$dir" "$dir"
    install_in "install.warm.$v" "$v" "$(project_copy "$v" warm "$dir/skills.lock")" "$dir"
  done
  # npm: cold = empty cache, no lock, no node_modules; warm = package-lock.json + cache.
  dir="$(project_copy npm cold)"
  install_in install.cold.npm npm "$dir" "$dir"
  install_in install.warm.npm npm "$(project_copy npm warm "$dir/package-lock.json")" "$dir"
  # pnpm: cold = empty store and metadata cache, no lock; warm = pnpm-lock.yaml + store.
  dir="$(project_copy pnpm cold)"
  install_in install.cold.pnpm pnpm "$dir" "$dir"
  install_in install.warm.pnpm pnpm "$(project_copy pnpm warm "$dir/pnpm-lock.yaml")" "$dir"

  # the same installs through the library in one long-lived JVM (an agent runtime embedding Tank):
  # 15 cold + warm pairs, medians of the last 10; the JVM's start, class loading and JIT left out
  measure embedded "$TANK_JAVA" -XX:+UseSerialGC -cp "$CLASSES:$CP" dev.tank.bench.EmbeddedBench \
    "$P/tank/skills.json" "$P/rounds/$ROUND/embedded" "$SKILLS" --rounds 15 --warmup 5
  record embedded "$(tail -1 "$RUN/log/embedded.$ROUND.log")"
  # the same under bin/tank's flags (C1 only), as a resident process started like bin/tank would run
  measure embedded-c1 "$TANK_JAVA" $JVM_FLAGS -cp "$CLASSES:$CP" dev.tank.bench.EmbeddedBench \
    "$P/tank/skills.json" "$P/rounds/$ROUND/embedded-c1" "$SKILLS" --rounds 15 --warmup 5
  record embedded-c1 "$(tail -1 "$RUN/log/embedded-c1.$ROUND.log")"
  # what the command-line client of such a process would add to each command: a new JVM with
  # bin/tank's flags sends its folder, arguments and environment over a Unix socket, reads the answer
  measure roundtrip "$TANK_JAVA" $JVM_FLAGS -cp "$CLASSES" dev.tank.bench.ClientRoundTrip client "$ROUNDTRIP_SOCKET" install

  # transfer floor
  measure floor.blobs "$RUN/bin/floor" 'manifest|blob'
  measure floor.all "$RUN/bin/floor" 'tags|manifest|blob'

  # publish latency of one typical skill (pack + SBOM + sign + push), and npm publish of the same files
  probe_version
  measure publish.tank "$TANK" publish "$PROBE" --registry "$REGISTRY" --sign-key "$RUN/cosign.key"
  (cd "$PROBE_NPM" && measure publish.npm npm publish --registry "$NPM_REGISTRY" --ignore-scripts)

  # resolution alone (a fresh JVM per run; the value is the time spent inside resolve())
  for size in $RESOLVE_SIZES; do
    measure "resolve.$size" "${BJAVA[@]}" dev.tank.bench.ResolveBench --skills "$size" --seed "$SEED" --repeat 2
    record "resolve.$size" "$(tail -1 "$RUN/log/resolve.$size.$ROUND.log")"
  done

  # analyzer throughput
  # The analyzer runs inside 'tank audit' and 'tank publish', which bin/tank starts with the full JIT.
  measure analyze "$JAVA" -XX:+UseSerialGC -cp "$CLASSES:$CP" dev.tank.bench.AnalyzeBench "$CORPUS/skills"
  record analyze "$(tail -1 "$RUN/log/analyze.$ROUND.log")"
}

# The same cold installs right after deleting the previous install and cache, as a user who runs
# 'rm -rf node_modules' first would. This machine's root file system is ext4 without a journal,
# where the kernel does not reuse an inode freed less than 60 s ago (up to 360 s while its inode
# table block is unwritten): every file or folder created soon after thousands were deleted first
# skips past them, which costs each tool system time in proportion to the files it creates. Journaled
# ext4, XFS, Btrfs and APFS do not do this. These rows run after all rounds so that their deletions
# cannot slow the rows above; round 0 has nothing to delete and is not counted.
delete_round() {
  rm -rf "$P/tank/.agents" "$P/tank/.claude" "$P/tank/.tank" "$P/tank/skills.lock" "$P/tank.cache"
  install_in install.cold-deleted.tank tank "$P/tank" "$P/tank"
  rm -rf "$P/npm/node_modules" "$P/npm/package-lock.json" "$P/npm.cache"
  install_in install.cold-deleted.npm npm "$P/npm" "$P/npm"
  rm -rf "$P/pnpm/node_modules" "$P/pnpm/pnpm-lock.yaml" "$P/pnpm.store" "$P/pnpm.cache"
  install_in install.cold-deleted.pnpm pnpm "$P/pnpm" "$P/pnpm"
}

LOAD_START="$(cut -d' ' -f1-3 /proc/loadavg)"
for ROUND in $(seq 0 "$RUNS"); do
  log "round $ROUND of $RUNS$([ "$ROUND" = 0 ] && echo ' (warm-up, not counted)')"
  run_round
done
for ROUND in $(seq 0 "$RUNS"); do
  log "cold installs after deleting the previous one, round $ROUND of $RUNS"
  delete_round
done

# --- report --------------------------------------------------------------------------------
META="$RUN/meta.tsv"
{
  printf 'date\t%s\n' "$(date -u +%Y-%m-%dT%H:%MZ)"
  printf 'command\t%s\n' "bench/run.sh --skills $SKILLS --runs $RUNS --seed $SEED$([ "$VARIANTS" = 0 ] && echo ' --no-variants')"
  printf 'skills\t%s\n' "$SKILLS"
  printf 'runs\t%s\n' "$RUNS"
  printf 'corpus\t%s\n' "$CORPUS_SUMMARY"
  printf 'cpu\t%s\n' "$(awk -F': ' '/^model name/{print $2; exit}' /proc/cpuinfo)"
  printf 'cores\t%s\n' "$(nproc)"
  printf 'ram\t%s\n' "$(awk '/^MemTotal/{printf "%.1f GiB", $2/1048576}' /proc/meminfo)"
  printf 'os\t%s\n' "$( (. /etc/os-release && echo "$PRETTY_NAME") 2>/dev/null || uname -s), kernel $(uname -r)"
  printf 'jdk\t%s\n' "$("$TANK_JAVA" -version 2>&1 | head -2 | tail -1)"
  [ -n "$AOT_JAVA" ] && printf 'jdk_aot\t%s\n' "$("$AOT_JAVA" -version 2>&1 | head -2 | tail -1)"
  printf 'node\t%s\n' "$(node --version)"
  printf 'npm\t%s\n' "$(npm --version)"
  printf 'pnpm\t%s\n' "$("$PNPM" --version)"
  printf 'verdaccio\t%s\n' "$("$VERDACCIO" --version)"
  printf 'registry\t%s\n' "$(docker-registry --version 2>/dev/null | head -1)"
  printf 'load_start\t%s\n' "$LOAD_START"
  printf 'load\t%s\n' "$(cut -d' ' -f1-3 /proc/loadavg)"
  printf 'rss_source\t%s\n' "$([ -n "$TIME_BIN" ] && echo '/usr/bin/time (Maximum resident set size)' || echo '/proc/PID/status VmHWM polled every 20 ms')"
  printf 'tank_commit\t%s\n' "$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)"
} >"$META"
mkdir -p "$(dirname "$OUT")"
"${BJAVA[@]}" dev.tank.bench.Report "$RESULTS" "$META" >"$OUT"
cp "$RESULTS" "${OUT%.md}.tsv"
log "wrote $OUT"
