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
