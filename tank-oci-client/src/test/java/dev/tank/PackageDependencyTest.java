package dev.tank;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The client's package graph, written down: each package may use only the packages listed here
 * (plus {@code dev.tank.mediatypes} from its own module). A new edge is a design decision, made
 * here on purpose, and the graph must stay free of cycles.
 */
class PackageDependencyTest {
  private static final Map<String, Set<String>> ALLOWED = Map.ofEntries(
      Map.entry("events", Set.of()),
      Map.entry("io", Set.of()),
      Map.entry("oci", Set.of("io")),
      Map.entry("cache", Set.of("io")),
      Map.entry("sign", Set.of("oci")),
      Map.entry("resolve", Set.of()),
      Map.entry("permissions", Set.of()),
      Map.entry("semver", Set.of("permissions", "resolve")),
      Map.entry("analyze", Set.of("permissions", "pack")),
      Map.entry("sbom", Set.of()),
      Map.entry("audit", Set.of("resolve")),
      Map.entry("pack", Set.of("oci")),
      Map.entry("lock", Set.of("resolve")),
      Map.entry("publish", Set.of("events", "oci", "pack", "resolve", "sign", "permissions", "semver", "analyze", "sbom", "audit")),
      Map.entry("install", Set.of(
          "events", "io", "lock", "oci", "resolve", "cache", "sign", "permissions", "semver", "analyze", "sbom", "audit",
          "pack")),
      Map.entry("", Set.of("io", "events", "oci", "cache", "resolve", "pack", "lock", "publish", "install", "sign",
          "permissions", "semver", "analyze", "sbom", "audit")),
      Map.entry("cli", Set.of("", "io", "events", "oci", "cache", "resolve", "pack", "lock", "publish", "install",
          "sign", "permissions", "semver", "analyze", "sbom", "audit")));

  private static final Pattern REF = Pattern.compile("\\bdev\\.tank\\.([a-z]+)\\.[A-Z]|\\bimport dev\\.tank\\.([A-Z])");

  @Test
  void packagesUseOnlyTheirDeclaredDependencies() throws IOException {
    Path root = Path.of("src/main/java/dev/tank");
    Map<String, Set<String>> actual = new TreeMap<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
        String pkg = root.relativize(f.getParent()).toString().replace('/', '.');
        Set<String> uses = actual.computeIfAbsent(pkg, k -> new TreeSet<>());
        Matcher m = REF.matcher(Files.readString(f));
        while (m.find()) {
          String used = m.group(1) != null ? m.group(1) : "";
          if (!used.equals(pkg) && !used.equals("mediatypes")) {
            uses.add(used);
          }
        }
      }
    }
    assertThat(actual.keySet()).as("every package is in the written-down graph").isSubsetOf(ALLOWED.keySet());
    actual.forEach((pkg, uses) ->
        assertThat(uses).as("dependencies of dev.tank." + pkg).isSubsetOf(ALLOWED.get(pkg)));
  }

  @Test
  void theDeclaredGraphHasNoCycles() {
    Map<String, Integer> state = new HashMap<>();
    for (String p : ALLOWED.keySet()) {
      visit(p, state, new HashSet<>(), List.of());
    }
  }

  private void visit(String p, Map<String, Integer> state, Set<String> onPath, List<String> path) {
    assertThat(onPath).as("cycle through " + path).doesNotContain(p);
    if (state.getOrDefault(p, 0) == 2) {
      return;
    }
    onPath.add(p);
    for (String q : ALLOWED.getOrDefault(p, Set.of())) {
      visit(q, state, onPath, Stream.concat(path.stream(), Stream.of(p)).toList());
    }
    onPath.remove(p);
    state.put(p, 2);
  }
}
