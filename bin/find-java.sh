# Sourced by bin/tank and .ci/run: sets JAVA_HOME to a JDK >= ${TANK_MIN_JAVA:-17}.
# Order: $JAVA_HOME, the java on PATH, then the newest JDK under /usr/lib/jvm.
tank_java_major() {
  "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p' | head -1
}
tank_find_java() {
  local min="${TANK_MIN_JAVA:-17}" cand best="" best_v=0 v
  for cand in "${JAVA_HOME:-}" "$(dirname "$(dirname "$(readlink -f "$(command -v java 2>/dev/null || echo /nonexistent)")")")"; do
    if [ -n "$cand" ] && [ -x "$cand/bin/java" ] && [ -x "$cand/bin/javac" ]; then
      v="$(tank_java_major "$cand")"
      if [ "${v:-0}" -ge "$min" ] 2>/dev/null; then JAVA_HOME="$cand"; export JAVA_HOME; return 0; fi
    fi
  done
  for cand in /usr/lib/jvm/*; do
    [ -x "$cand/bin/javac" ] || continue
    v="$(tank_java_major "$cand")"
    if [ "${v:-0}" -ge "$min" ] 2>/dev/null && [ "$v" -gt "$best_v" ]; then best="$cand"; best_v="$v"; fi
  done
  if [ -z "$best" ]; then
    echo "tank: no JDK >= $min found (set JAVA_HOME)" >&2
    return 1
  fi
  JAVA_HOME="$best"; export JAVA_HOME
}
# Prints the java that runs the CLI: $TANK_JAVA_HOME/bin/java when set, else the newest Java >= 17
# among $JAVA_HOME, the java on PATH and /usr/lib/jvm/* (newer JVMs start faster: JDK 25 runs
# 'tank --version' in 0.05 s where 17 takes 0.08 s; see bench/README.md). A JRE is enough.
tank_runtime_java() {
  if [ -n "${TANK_JAVA_HOME:-}" ]; then
    if [ -x "$TANK_JAVA_HOME/bin/java" ]; then echo "$TANK_JAVA_HOME/bin/java"; return 0; fi
    echo "tank: TANK_JAVA_HOME=$TANK_JAVA_HOME has no bin/java" >&2
    return 1
  fi
  local cand best="" best_v=0 v
  for cand in "${JAVA_HOME:-}" "$(dirname "$(dirname "$(readlink -f "$(command -v java 2>/dev/null || echo /nonexistent)")")")" /usr/lib/jvm/*; do
    [ -n "$cand" ] && [ -x "$cand/bin/java" ] || continue
    v="$(tank_java_major "$cand")"
    if [ "${v:-0}" -ge 17 ] 2>/dev/null && [ "$v" -gt "$best_v" ]; then best="$cand/bin/java"; best_v="$v"; fi
  done
  if [ -z "$best" ]; then
    echo "tank: no Java >= 17 found (set JAVA_HOME or TANK_JAVA_HOME)" >&2
    return 1
  fi
  echo "$best"
}
