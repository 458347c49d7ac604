"""Groups Conventional Commits subjects (one per line on stdin) into changelog sections."""
import sys

SECTIONS = {"feat": "Added", "fix": "Fixed", "docs": "Documentation", "refactor": "Changed"}

groups = {}
for line in sys.stdin:
    kind = line.split(":", 1)[0].split("(", 1)[0].strip()
    groups.setdefault(SECTIONS.get(kind, "Other"), []).append(line.strip())
for title, items in sorted(groups.items()):
    print(f"### {title}")
    for item in items:
        print(f"- {item}")
