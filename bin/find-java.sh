# Sourced by bin/tank, bin/test and .ci/run: finds the Java that builds Tank and the one that runs it.
tank_java_major() {
  "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p' | head -1
}
# The home of the java on PATH (empty when there is none).
tank_path_java_home() {
  local java
  java="$(command -v java 2>/dev/null)" || return 0
  dirname "$(dirname "$(readlink -f "$java")")"
}
# Prints the newest of the Java homes given after TOOL and MIN that has bin/TOOL and is version MIN or
# newer; prints nothing when none is.
tank_newest_java_home() {
  local tool="$1" min="$2" cand best="" best_v=0 v
  shift 2
  for cand in "$@"; do
    [ -n "$cand" ] && [ -x "$cand/bin/java" ] && [ -x "$cand/bin/$tool" ] || continue
    v="$(tank_java_major "$cand")"
    if [ "${v:-0}" -ge "$min" ] 2>/dev/null && [ "$v" -gt "$best_v" ]; then best="$cand"; best_v="$v"; fi
  done
  echo "$best"
}
# Sets JAVA_HOME to a JDK >= ${TANK_MIN_JAVA:-17} for the build.
# Order: $JAVA_HOME, the java on PATH, then the newest JDK under /usr/lib/jvm.
tank_find_java() {
  local min="${TANK_MIN_JAVA:-17}" cand best
  for cand in "${JAVA_HOME:-}" "$(tank_path_java_home)"; do
    if [ -n "$(tank_newest_java_home javac "$min" "$cand")" ]; then JAVA_HOME="$cand"; export JAVA_HOME; return 0; fi
  done
  best="$(tank_newest_java_home javac "$min" /usr/lib/jvm/*)"
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
  local best
  if [ -n "${TANK_JAVA_HOME:-}" ]; then
    if [ -x "$TANK_JAVA_HOME/bin/java" ]; then echo "$TANK_JAVA_HOME/bin/java"; return 0; fi
    echo "tank: TANK_JAVA_HOME=$TANK_JAVA_HOME has no bin/java" >&2
    return 1
  fi
  best="$(tank_newest_java_home java 17 "${JAVA_HOME:-}" "$(tank_path_java_home)" /usr/lib/jvm/*)"
  if [ -z "$best" ]; then
    echo "tank: no Java >= 17 found (set JAVA_HOME or TANK_JAVA_HOME)" >&2
    return 1
  fi
  echo "$best/bin/java"
}
