package dev.tank.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;

/** Writes small skill folders for tests. */
public final class SkillFixtures {
  private SkillFixtures() {}

  /**
   * Writes {@code parent/<name>/} with a SKILL.md, a skills.json ({@code @acme/<name>} at {@code
   * version} with {@code deps}) and a script; returns the folder.
   */
  public static Path skill(Path parent, String name, String version, Map<String, String> deps) {
    return skill(parent, "acme", name, version, deps);
  }

  public static Path skill(Path parent, String scope, String name, String version, Map<String, String> deps) {
    try {
      Path dir = parent.resolve(name);
      Files.createDirectories(dir.resolve("scripts"));
      Files.writeString(dir.resolve("SKILL.md"),
          "---\nname: " + name + "\ndescription: Test skill " + name + " " + version + ".\n---\n\n# " + name + "\n\nVersion " + version + ".\n");
      String depsJson = deps.entrySet().stream()
          .map(e -> "\"" + e.getKey() + "\": \"" + e.getValue() + "\"")
          .collect(Collectors.joining(", "));
      Files.writeString(dir.resolve("skills.json"),
          "{\"name\": \"@" + scope + "/" + name + "\", \"version\": \"" + version + "\", \"skills\": {" + depsJson + "}}\n");
      Path script = dir.resolve("scripts/run.sh");
      Files.writeString(script, "#!/bin/sh\necho " + name + " " + version + "\n");
      script.toFile().setExecutable(true);
      return dir;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Writes a project skills.json with {@code skills}. */
  public static Path project(Path dir, Map<String, String> skills) {
    try {
      Files.createDirectories(dir);
      String s = skills.entrySet().stream()
          .map(e -> "\"" + e.getKey() + "\": \"" + e.getValue() + "\"")
          .collect(Collectors.joining(", "));
      Files.writeString(dir.resolve("skills.json"), "{\"skills\": {" + s + "}}\n");
      return dir;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
