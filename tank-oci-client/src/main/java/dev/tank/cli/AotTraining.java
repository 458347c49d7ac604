package dev.tank.cli;

import dev.tank.io.AtomicFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The workload {@code bin/tank} records once after a build, to start later runs from a class-data
 * archive: a JDK 25 AOT cache (JEP 483/514/515: classes loaded and linked, and method profiles)
 * or, on older JDKs, a dynamic AppCDS archive. It runs every command the way users do — help,
 * keygen, signed publish to an OCI layout, install cold and from the cache, list, info, verify,
 * permissions, diff, audit, update and remove — in a throw-away folder, offline.
 *
 * <p>Not part of the API. {@code AotTrainingTest} keeps every step working as commands change.
 */
final class AotTraining {
  private final Path dir;
  private final Map<String, String> env;
  private final List<String> failures = new ArrayList<>();

  AotTraining(Path dir) {
    this.dir = dir;
    this.env = Map.of(
        "HOME", dir.toString(),
        "TANK_CACHE", dir.resolve("cache").toString(),
        "TANK_REGISTRY", "oci-layout:" + dir.resolve("registry"),
        "TANK_PASSWORD", "training-only");
  }

  public static void main(String[] args) throws IOException {
    Path dir = Files.createTempDirectory("tank-training-");
    try {
      List<String> failures = new AotTraining(dir).run();
      failures.forEach(f -> System.err.println("tank training: " + f));
    } finally {
      AtomicFiles.deleteTree(dir);
    }
  }

  /** Runs the workload; returns the steps that did not exit as expected (empty when all did). */
  List<String> run() throws IOException {
    tank(0, "--help");
    for (Class<?> c : Main.SUBCOMMANDS) {
      tank(0, Main.names(c).get(0), "--help");
    }
    tank(2, "no-such-command");
    Path key = dir.resolve("cosign");
    tank(0, "keygen", "--output-key-prefix", key.toString());
    String base = skill("base", "1.0.0", "");
    tank(0, "publish", base, "--sign-key", key + ".key");
    tank(0, "publish", skill("base", "1.1.0", ""), "--sign-key", key + ".key");
    tank(0, "publish", skill("tool", "1.0.0", "\"@training/base\": \"^1.0.0\""), "--dry-run", "--json");
    tank(0, "publish", skill("tool", "1.0.0", "\"@training/base\": \"^1.0.0\""));

    String project = Files.createDirectories(dir.resolve("project")).toString();
    tank(0, "init", "-C", project);
    tank(0, "install", "-C", project, "@training/tool", "--yes");
    tank(0, "list", "-C", project);
    tank(0, "list", "-C", project, "--json");
    tank(0, "info", "@training/base", "-C", project);
    tank(0, "verify", "-C", project);
    tank(0, "permissions", "-C", project);
    tank(0, "diff", "@training/base", "1.0.0", "1.1.0", "-C", project);
    tank(0, "audit", base);
    tank(0, "audit", "@training/tool", "-C", project, "--json");
    for (String installed : List.of(".agents", ".claude", ".tank")) {
      AtomicFiles.deleteTree(Path.of(project, installed));
    }
    tank(0, "install", "-C", project);
    tank(0, "install", "-C", project, "--frozen");
    tank(0, "update", "-C", project);
    tank(0, "remove", "@training/tool", "-C", project);
    return failures;
  }

  private void tank(int expected, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(args, new PrintWriter(out), new PrintWriter(err), env);
    if (code != expected) {
      failures.add("'tank " + String.join(" ", args) + "' exited " + code + ": " + err.toString().strip());
    }
  }

  /** A skill folder {@code @training/NAME} at {@code version}, with a script and dependencies. */
  private String skill(String name, String version, String dependencies) throws IOException {
    Path folder = Files.createDirectories(dir.resolve("skills").resolve(name + "-" + version).resolve(name));
    Files.createDirectories(folder.resolve("scripts"));
    Files.writeString(folder.resolve("SKILL.md"), "---\nname: " + name + "\ndescription: Formats release notes from"
        + " the git log (" + version + ").\nlicense: MIT\n---\n\n# " + name + "\n\nRun `scripts/notes.sh` in the"
        + " repository; it prints Markdown.\n");
    Files.writeString(folder.resolve("skills.json"), "{\"name\": \"@training/" + name + "\", \"version\": \"" + version
        + "\", \"skills\": {" + dependencies + "}, \"permissions\": {\"filesystem\": {\"read\": [\"**\"]},"
        + " \"subprocess\": [\"git\"]}}\n");
    Path script = folder.resolve("scripts/notes.sh");
    Files.writeString(script, "#!/bin/sh\nset -eu\ngit log --oneline -n 20 | sed 's/^/- /'\n");
    script.toFile().setExecutable(true);
    return folder.toString();
  }
}
