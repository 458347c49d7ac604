#!/usr/bin/env bash
# The main job on the embedded default (no server): make a signing key, publish the example skills
# signed to a local OCI layout, install them into a copy of the example project whose policy
# requires signatures by that key, verify the installation offline, and show the lock.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="${1:-$ROOT/demo-out}"
TANK="$ROOT/bin/tank"
rm -rf "$OUT"
mkdir -p "$OUT"
export TANK_REGISTRY="oci-layout:$OUT/registry"
export TANK_CACHE="$OUT/cache"
export TANK_PASSWORD="${TANK_PASSWORD:-demo-only-password}"
"$TANK" keygen --output-key-prefix "$OUT/publisher"
for skill in commit-message changelog release-notes; do
  "$TANK" publish "$ROOT/examples/skills/$skill" --sign-key "$OUT/publisher.key"
done
cp -r "$ROOT/examples/project" "$OUT/project"
# The project's trust policy: every skill must be signed by the demo publisher's key.
cp "$OUT/publisher.pub" "$OUT/project/publisher.pub"
json="$(cat "$OUT/project/skills.json")"
body="$(printf '%s' "${json%\}*}")"        # without the closing brace (and the newlines before it)
printf '%s,\n  "audit": {"require_signing": true},\n  "trust": {"keys": [{"name": "demo-publisher", "public_key": "publisher.pub"}]}\n}\n' \
  "$body" > "$OUT/project/skills.json"
"$TANK" install -C "$OUT/project"
echo
"$TANK" list -C "$OUT/project"
echo
"$TANK" verify -C "$OUT/project"
echo
"$TANK" audit "@tank-examples/commit-message" -C "$OUT/project"
echo
echo "== $OUT/project/skills.lock"
cat "$OUT/project/skills.lock"
echo
echo "== installed files"
(cd "$OUT/project" && find .agents .claude .codex -maxdepth 3 | sort)
