#!/usr/bin/env bash
# The main job on the embedded default (no server): publish the example skills to a local OCI
# layout, install them into a copy of the example project, and show the resulting lock.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="${1:-$ROOT/demo-out}"
TANK="$ROOT/bin/tank"
rm -rf "$OUT"
mkdir -p "$OUT"
export TANK_REGISTRY="oci-layout:$OUT/registry"
export TANK_CACHE="$OUT/cache"
for skill in commit-message changelog release-notes; do
  "$TANK" publish "$ROOT/examples/skills/$skill"
done
cp -r "$ROOT/examples/project" "$OUT/project"
"$TANK" install -C "$OUT/project"
echo
"$TANK" list -C "$OUT/project"
echo
echo "== $OUT/project/skills.lock"
cat "$OUT/project/skills.lock"
echo
echo "== installed files"
(cd "$OUT/project" && find .agents .claude .codex -maxdepth 3 | sort)
