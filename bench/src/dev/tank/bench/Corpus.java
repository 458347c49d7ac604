package dev.tank.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Writes the benchmark corpus: every skill of a {@link Graph} twice, once as a Tank skill folder
 * ({@code SKILL.md}, {@code skills.json}, scripts, assets) and once as an npm package with the
 * same files and a {@code package.json} carrying the same dependency graph. Deterministic: the
 * same count and seed give the same bytes.
 *
 * <p>Sizes follow what published skills look like: SKILL.md of 2-8 KB of prose with headings and
 * code blocks, 1-5 scripts of 0.3-4 KB, 1-3 assets (templates, JSON, one binary image-like file)
 * of up to 100 KB; the binary assets are random bytes, so gzip cannot shrink them.
 *
 * <p>Usage: {@code Corpus --skills N --seed S --out DIR}; prints a one-line summary.
 */
public final class Corpus {
  private Corpus() {}

  private static final String[] WORDS = (
      "the a to of and in for with on when from by that this each every skill agent project file files folder "
      + "commit message change diff review test tests build release version tag branch merge lint format check "
      + "report summary table section heading list item step steps run runs script scripts output input read "
      + "write update create remove rename keep use uses using only never always before after first then next "
      + "user users team code source module package dependency dependencies config settings option options value "
      + "values name names path paths line lines error errors warning fix fixes issue issues document docs "
      + "template templates schema field fields json yaml markdown text short long clear exact stable safe "
      + "should must may can will does not no yes one two three all any some most few many").split(" ");
  private static final String[] SUBPROCESS = {"git", "python3", "jq", "bash"};
  private static final String[][] SCRIPTS = {
      {"collect.sh", "sh"}, {"check.py", "py"}, {"format.sh", "sh"}, {"report.py", "py"}, {"render.js", "js"},
      {"lint.sh", "sh"}, {"summarize.py", "py"}};

  public static void main(String[] args) throws IOException {
    int count = 100;
    long seed = 42;
    Path out = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--skills" -> count = Integer.parseInt(args[++i]);
        case "--seed" -> seed = Long.parseLong(args[++i]);
        case "--out" -> out = Path.of(args[++i]);
        default -> throw new IllegalArgumentException("unknown argument " + args[i]);
      }
    }
    if (out == null) {
      throw new IllegalArgumentException("--out DIR is required");
    }
    Graph g = Graph.generate(count, seed);
    long bytes = write(g, seed, out);
    long edges = g.nodes().stream().mapToLong(n -> n.deps().size()).sum();
    System.out.printf("corpus: %d skills (%d top-level), %d dependency edges, depth %d, %.1f MB of files, seed %d%n",
        g.nodes().size(), g.top().size(), edges, g.depth(), bytes / 1e6, seed);
  }

  /** Writes {@code out/skills/NAME/} and {@code out/npm/NAME/} for every skill; returns the bytes per copy. */
  public static long write(Graph g, long seed, Path out) throws IOException {
    long total = 0;
    for (Graph.Node n : g.nodes()) {
      SplittableRandom rnd = new SplittableRandom(seed * 31 + n.name().hashCode());
      List<FileSpec> files = contentOf(n, rnd);
      Path skill = out.resolve("skills").resolve(n.name());
      Path pkg = out.resolve("npm").resolve(n.name());
      for (FileSpec f : files) {
        writeFile(skill.resolve(f.path()), f.bytes(), f.executable());
        writeFile(pkg.resolve(f.path()), f.bytes(), f.executable());
        total += f.bytes().length;
      }
      writeFile(skill.resolve("skills.json"), skillsJson(n, rnd).getBytes(StandardCharsets.UTF_8), false);
      writeFile(pkg.resolve("package.json"), packageJson(n).getBytes(StandardCharsets.UTF_8), false);
    }
    return total;
  }

  /** One file of a skill, shared by both copies. */
  public record FileSpec(String path, byte[] bytes, boolean executable) {}

  static List<FileSpec> contentOf(Graph.Node n, SplittableRandom rnd) {
    List<FileSpec> files = new ArrayList<>();
    int scriptCount = 1 + rnd.nextInt(5);
    List<String> scripts = new ArrayList<>();
    int first = rnd.nextInt(SCRIPTS.length);
    for (int i = 0; i < scriptCount; i++) {
      String[] s = SCRIPTS[(first + i) % SCRIPTS.length];
      scripts.add(s[0]);
      files.add(new FileSpec("scripts/" + s[0], script(s[1], 300 + rnd.nextInt(3700), rnd), true));
    }
    files.add(new FileSpec("SKILL.md", skillMd(n, scripts, 2048 + rnd.nextInt(5 * 1024), rnd), false));
    int assetCount = 1 + rnd.nextInt(3);
    for (int i = 0; i < assetCount; i++) {
      switch ((i + rnd.nextInt(3)) % 3) {
        case 0 -> files.add(new FileSpec("assets/template-" + i + ".md", prose(1024 + rnd.nextInt(20 * 1024), rnd), false));
        case 1 -> files.add(new FileSpec("assets/schema-" + i + ".json", json(512 + rnd.nextInt(10 * 1024), rnd), false));
        default -> {
          byte[] b = new byte[4096 + rnd.nextInt(96 * 1024)];
          rnd.nextBytes(b);
          files.add(new FileSpec("assets/diagram-" + i + ".png", b, false));
        }
      }
    }
    return files;
  }

  private static String sentence(SplittableRandom rnd, int words) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < words; i++) {
      String w = WORDS[rnd.nextInt(WORDS.length)];
      sb.append(i == 0 ? Character.toUpperCase(w.charAt(0)) + w.substring(1) : " " + w);
    }
    return sb.append('.').toString();
  }

  private static byte[] skillMd(Graph.Node n, List<String> scripts, int size, SplittableRandom rnd) {
    StringBuilder sb = new StringBuilder()
        .append("---\n")
        .append("name: ").append(n.name()).append('\n')
        .append("description: ").append(sentence(rnd, 12)).append(" Use when the user asks to ")
        .append(WORDS[rnd.nextInt(WORDS.length)]).append(" the ").append(WORDS[rnd.nextInt(WORDS.length)]).append(".\n")
        .append("license: Apache-2.0\n")
        .append("---\n\n")
        .append("# ").append(n.name()).append("\n\n");
    int section = 0;
    while (sb.length() < size) {
      sb.append("## ").append(sentence(rnd, 3 + rnd.nextInt(3)).replace(".", "")).append("\n\n");
      for (int p = 0; p < 2 + rnd.nextInt(3) && sb.length() < size; p++) {
        for (int s = 0; s < 3 + rnd.nextInt(4); s++) {
          sb.append(sentence(rnd, 6 + rnd.nextInt(12))).append(' ');
        }
        sb.append("\n\n");
      }
      if (section++ % 2 == 0) {
        sb.append("```sh\n").append("scripts/").append(scripts.get(rnd.nextInt(scripts.size())))
            .append(" --").append(WORDS[rnd.nextInt(WORDS.length)]).append(" ").append("path/to/").append(WORDS[rnd.nextInt(WORDS.length)])
            .append("\n```\n\n");
      } else {
        for (int i = 0; i < 3 + rnd.nextInt(4); i++) {
          sb.append("- ").append(sentence(rnd, 4 + rnd.nextInt(8))).append('\n');
        }
        sb.append('\n');
      }
    }
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] script(String kind, int size, SplittableRandom rnd) {
    StringBuilder sb = new StringBuilder(switch (kind) {
      case "py" -> "#!/usr/bin/env python3\n\"\"\"" + sentence(rnd, 8) + "\"\"\"\nimport json\nimport sys\n\n";
      case "js" -> "#!/usr/bin/env node\n// " + sentence(rnd, 8) + "\n'use strict';\n\n";
      default -> "#!/usr/bin/env bash\n# " + sentence(rnd, 8) + "\nset -euo pipefail\n\n";
    });
    int fn = 0;
    while (sb.length() < size) {
      String name = WORDS[rnd.nextInt(WORDS.length)] + "_" + WORDS[rnd.nextInt(WORDS.length)] + "_" + fn++;
      switch (kind) {
        case "py" -> sb.append("def ").append(name).append("(items):\n    # ").append(sentence(rnd, 8)).append('\n')
            .append("    return [i for i in items if i.get(\"").append(WORDS[rnd.nextInt(WORDS.length)]).append("\")]\n\n");
        case "js" -> sb.append("function ").append(name).append("(items) {\n  // ").append(sentence(rnd, 8)).append('\n')
            .append("  return items.filter((i) => i.").append(WORDS[rnd.nextInt(WORDS.length)]).append(");\n}\n\n");
        default -> sb.append(name).append("() {\n  # ").append(sentence(rnd, 8)).append('\n')
            .append("  git log --format=%s \"$1\" | grep -c '").append(WORDS[rnd.nextInt(WORDS.length)]).append("' || true\n}\n\n");
      }
    }
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] prose(int size, SplittableRandom rnd) {
    StringBuilder sb = new StringBuilder("# {{title}}\n\n");
    while (sb.length() < size) {
      sb.append(sentence(rnd, 8 + rnd.nextInt(10))).append(rnd.nextInt(4) == 0 ? "\n\n" : " ");
    }
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] json(int size, SplittableRandom rnd) {
    StringBuilder sb = new StringBuilder("{\n  \"type\": \"object\",\n  \"properties\": {\n");
    int i = 0;
    while (sb.length() < size) {
      sb.append(i == 0 ? "" : ",\n").append("    \"").append(WORDS[rnd.nextInt(WORDS.length)]).append('_').append(i++)
          .append("\": {\"type\": \"string\", \"description\": \"").append(sentence(rnd, 6)).append("\"}");
    }
    return sb.append("\n  }\n}\n").toString().getBytes(StandardCharsets.UTF_8);
  }

  private static String skillsJson(Graph.Node n, SplittableRandom rnd) {
    StringBuilder sb = new StringBuilder("{\n  \"name\": \"").append(Graph.fullName(n)).append("\",\n")
        .append("  \"version\": \"").append(n.version()).append("\",\n")
        .append("  \"description\": \"Benchmark skill ").append(n.name()).append("\",\n")
        .append("  \"skills\": ").append(depsJson(n.deps())).append(",\n")
        .append("  \"permissions\": {\n    \"filesystem\": {\"read\": [\"**\"]");
    if (rnd.nextInt(3) == 0) {
      sb.append(", \"write\": [\"out/**\"]");
    }
    sb.append("},\n    \"subprocess\": [\"").append(SUBPROCESS[rnd.nextInt(SUBPROCESS.length)]).append("\"]");
    if (rnd.nextInt(5) == 0) {
      sb.append(",\n    \"network\": {\"outbound\": [\"api.example.com\"]}");
    }
    return sb.append("\n  }\n}\n").toString();
  }

  private static String packageJson(Graph.Node n) {
    return "{\n  \"name\": \"" + Graph.fullName(n) + "\",\n  \"version\": \"" + n.version() + "\",\n"
        + "  \"description\": \"Benchmark skill " + n.name() + "\",\n  \"license\": \"Apache-2.0\",\n"
        + "  \"dependencies\": " + depsJson(n.deps()) + "\n}\n";
  }

  static String depsJson(Map<String, String> deps) {
    if (deps.isEmpty()) {
      return "{}";
    }
    StringBuilder sb = new StringBuilder("{");
    String sep = "\n";
    for (Map.Entry<String, String> e : deps.entrySet()) {
      sb.append(sep).append("    \"").append(e.getKey()).append("\": \"").append(e.getValue()).append('"');
      sep = ",\n";
    }
    return sb.append("\n  }").toString();
  }

  private static void writeFile(Path p, byte[] bytes, boolean executable) throws IOException {
    Files.createDirectories(p.getParent());
    Files.write(p, bytes);
    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(executable ? "rwxr-xr-x" : "rw-r--r--"));
  }
}
