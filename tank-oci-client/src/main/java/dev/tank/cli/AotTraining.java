package dev.tank.cli;

import dev.tank.io.AtomicFiles;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The workloads {@code bin/tank} records once after a build when it runs on JDK 25 or newer, to
 * start its commands from AOT caches (JEP 483/514/515: classes loaded and linked ahead, and method
 * profiles): one for publish, keygen and sign, one for every other command. Each step is its own
 * JVM: {@code setup DIR} publishes a graph of skills to an OCI layout in DIR (not recorded);
 * {@code record DIR} installs it cold and from the cache, lists, verifies, updates and removes;
 * {@code record-publish DIR} makes a key, publishes one skill signed with it to a layout of its own,
 * and signs it again with another key. The installs go over HTTP, to a {@link TrainingRegistry}
 * that a third JVM ({@code serve DIR}) runs over the layout: so the install cache holds the JDK's
 * HTTP and socket classes, as a real install loads them, and none of the server's. The JVM maps
 * every class of a cache at start, so the two are kept apart: publish's classes in the install
 * cache made a warm install slower (bench/README.md).
 *
 * <p>Not part of the API. {@code AotTrainingTest} keeps every step working as commands change.
 */
final class AotTraining {
  /** Skills between {@code tool} and {@code base}. */
  private static final int PARTS = 16;

  private final Path dir;
  private final List<String> failures = new ArrayList<>();
  private Map<String, String> env;

  AotTraining(Path dir) {
    this.dir = dir;
    this.env = Map.of(
        "HOME", dir.toString(),
        "TANK_CACHE", dir.resolve("publish-cache").toString(),
        "TANK_REGISTRY", "oci-layout:" + dir.resolve("registry"),
        "TANK_PASSWORD", "training-only");
  }

  /** {@code setup|record|record-publish|serve DIR}; exits 1 when a step did not work. */
  public static void main(String[] args) throws IOException {
    if (args.length != 2 || !List.of("setup", "record", "record-publish", "serve").contains(args[0])) {
      System.err.println("usage: AotTraining setup|record|record-publish|serve DIR");
      System.exit(2);
    }
    if (args[0].equals("serve")) {
      serve(Path.of(args[1]));
      return;
    }
    AotTraining training = new AotTraining(Path.of(args[1]));
    List<String> failures = switch (args[0]) {
      case "setup" -> training.publishAll();
      case "record" -> training.installs();
      default -> training.publishSigned();
    };
    failures.forEach(f -> System.err.println("tank training: " + f));
    System.exit(failures.isEmpty() ? 0 : 1);
  }

  /** Every step in this JVM; returns the steps that did not exit as expected (empty when all did). */
  List<String> run() throws IOException {
    publishAll();
    installs();
    return publishSigned();
  }

  /** Publishes {@code @training/tool}, which needs every {@code part-N}, which need {@code base}. */
  List<String> publishAll() throws IOException {
    Path key = dir.resolve("cosign");
    tank(0, "keygen", "--output-key-prefix", key.toString());
    tank(0, "publish", skill("base", "1.0.0", ""), "--sign-key", key + ".key");
    tank(0, "publish", skill("base", "1.1.0", ""), "--sign-key", key + ".key");
    tank(0, "publish", skill("tool", "1.0.0", "\"@training/base\": \"^1.0.0\""));
    StringBuilder parts = new StringBuilder("\"@training/base\": \"^1.0.0\"");
    for (int i = 1; i <= PARTS; i++) {
      tank(0, "publish", skill("part-" + i, "1.0.0", "\"@training/base\": \"~1.1.0\""));
      parts.append(", \"@training/part-").append(i).append("\": \"^1.0.0\"");
    }
    tank(0, "publish", skill("tool", "1.1.0", parts.toString()));
    return failures;
  }

  /** What the cache is for: installs cold and warm, verify, update, remove, from the layout over HTTP. */
  List<String> installs() throws IOException {
    Process server = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
        AotTraining.class.getName(), "serve", dir.toString())
        .redirectError(ProcessBuilder.Redirect.INHERIT)
        .start();
    try (BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8))) {
      String url = out.readLine();
      if (url == null || !url.startsWith("http://")) {
        failures.add("the training registry did not start (exit " + server.waitFor() + ")");
        return failures;
      }
      installsFrom(url);
      server.getOutputStream().close(); // its cue to stop
      String answered = out.readLine();
      if (answered == null || !answered.matches("answered [1-9][0-9]* requests")) {
        failures.add("the installs did not go through the training registry (it said: " + answered + ")");
      }
      return failures;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      failures.add("interrupted while the training registry started");
      return failures;
    } finally {
      server.destroy();
    }
  }

  /**
   * Serves the layout in {@code dir} until standard input ends, which is how the recording JVM stops
   * it (and how it stops when that JVM dies). Prints the registry's URL first, and at the end how
   * many requests it answered.
   */
  private static void serve(Path dir) throws IOException {
    try (TrainingRegistry registry = new TrainingRegistry(dir.resolve("registry"))) {
      System.out.println(registry.url());
      System.out.flush();
      System.in.transferTo(OutputStream.nullOutputStream());
      System.out.println("answered " + registry.answered() + " requests");
    }
  }

  private void installsFrom(String registry) throws IOException {
    env = new HashMap<>(env);
    env.put("TANK_CACHE", dir.resolve("install-cache").toString());
    env.put("TANK_REGISTRY", registry);
    String project = Files.createDirectories(dir.resolve("project")).toString();
    tank(0, "init", "-C", project);
    tank(0, "install", "-C", project, "@training/tool", "--yes");
    tank(0, "list", "-C", project, "--json");
    tank(0, "verify", "-C", project);
    for (String installed : List.of(".agents", ".claude", ".tank")) {
      AtomicFiles.deleteTree(Path.of(project, installed));
    }
    tank(0, "install", "-C", project);
    tank(0, "install", "-C", project, "--frozen");
    tank(0, "update", "-C", project);
    tank(0, "remove", "@training/tool", "-C", project);
    tank(0, "install", "--help");
  }

  /**
   * What a skill author runs: a new key, a signed publish with it (pack, analyzer, SBOM, cosign
   * signature and bundle) and a second signature with the setup's key, to a layout of its own: the
   * installs' registry is read-only, and their graph stays as it is.
   */
  List<String> publishSigned() throws IOException {
    env = new HashMap<>(env);
    env.put("TANK_REGISTRY", "oci-layout:" + dir.resolve("published"));
    Path key = dir.resolve("author");
    tank(0, "keygen", "--output-key-prefix", key.toString());
    tank(0, "publish", skill("notes", "1.0.0", ""), "--sign-key", key + ".key");
    tank(0, "sign", "@training/notes@1.0.0", "--key", dir.resolve("cosign") + ".key");
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
        + " \"subprocess\": [\"git\"], \"network\": {\"outbound\": [\"api.github.com\"]}}}\n");
    Path script = folder.resolve("scripts/notes.sh");
    Files.writeString(script, "#!/bin/sh\nset -eu\ngit log --oneline -n 20 | sed 's/^/- /'\n");
    script.toFile().setExecutable(true);
    return folder.toString();
  }
}
