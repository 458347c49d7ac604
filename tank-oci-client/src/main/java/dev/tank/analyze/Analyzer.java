package dev.tank.analyze;

import dev.tank.mediatypes.Permissions;
import dev.tank.mediatypes.SkillMd;
import dev.tank.mediatypes.SkillsJson;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Tank's static analyzer for skills: a catalogue of rules over {@code SKILL.md} and every text file
 * and script of a skill (prompt injection, download-and-execute, credential access, exfiltration,
 * obfuscation, persistence, destructive commands, hardcoded secrets, typosquatting, and capabilities
 * the code uses without declaring them). Deterministic and offline: the same files always give the
 * same report, in {@link Finding#ORDER}.
 *
 * <p>Instances are immutable and safe to share between threads.
 */
public final class Analyzer {
  private static final Analyzer STANDARD = new Analyzer(Catalog.RULES, LineChecks.ALL);

  private final List<Rule> rules;
  private final Engine engine;

  private Analyzer(List<Rule> rules, List<Check> checks) {
    this.rules = List.copyOf(rules);
    this.engine = new Engine(checks);
  }

  /** The analyzer with every built-in rule. */
  public static Analyzer standard() {
    return STANDARD;
  }

  /** Every rule this analyzer applies, in catalogue order. */
  public List<Rule> rules() {
    return rules;
  }

  /**
   * Analyses a skill given as its files.
   *
   * @param skillName the skill's name ({@code @org/name} or {@code name}) for the typosquatting check; may be null
   * @param files skill-relative path ({@code /}-separated) to content, as packed
   * @param declared the skill's declared permissions, {@link Permissions#NONE} (or null) for none
   * @param knownNames names already in the registry, for the typosquatting check; may be empty
   */
  public AnalysisReport analyze(String skillName, Map<String, byte[]> files, Permissions declared,
      Collection<String> knownNames) {
    Objects.requireNonNull(files, "files");
    Permissions perms = declared == null ? Permissions.NONE : declared;
    String[] paths = files.keySet().toArray(new String[0]);
    Arrays.sort(paths, (a, b) -> Arrays.compareUnsigned(
        a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8)));
    List<Finding> out = new ArrayList<>();
    long bytes = 0;
    for (String path : paths) {
      byte[] data = Objects.requireNonNull(files.get(path), path);
      bytes += data.length;
      boolean text = engine.scan(path, data, perms, out);
      BundledFiles.check(path, data, !text, out);
    }
    if (knownNames != null && !knownNames.isEmpty()) {
      for (String k : Typosquat.lookalikes(skillName, knownNames)) {
        out.add(typosquatFinding(skillName, k, files));
      }
    }
    out.sort(Finding.ORDER);
    return new AnalysisReport(Verdict.of(out), out, paths.length, bytes);
  }

  /**
   * Analyses a skill folder: its files as packing would take them, and the permissions declared in
   * the {@code skills.json} beside {@code SKILL.md}. Throws {@code TankException} when the folder is
   * not a skill folder or cannot be read.
   */
  public AnalysisReport analyze(Path skillDir, Collection<String> knownNames) {
    SkillFiles s = SkillFiles.load(skillDir);
    return analyze(s.name(), s.files(), s.declared(), knownNames);
  }

  /** Points at the line that declares the name: skills.json's "name", else SKILL.md's name:. */
  private static Finding typosquatFinding(String name, String known, Map<String, byte[]> files) {
    Rule r = Catalog.TYPOSQUAT_NAME;
    String file = files.containsKey(SkillsJson.FILE_NAME) ? SkillsJson.FILE_NAME : SkillMd.FILE_NAME;
    int line = 0;
    String evidence = name;
    byte[] content = files.get(file);
    if (content != null) {
      String[] lines = new String(content, StandardCharsets.UTF_8).split("\n", -1);
      String key = file.equals(SkillsJson.FILE_NAME) ? "\"name\"" : "name:";
      for (int i = 0; i < lines.length; i++) {
        if (lines[i].contains(key)) {
          line = i + 1;
          evidence = Evidence.of(lines[i], lines[i].indexOf(key));
          break;
        }
      }
    }
    return new Finding(r.id(), r.category(), r.severity(), file, line, evidence,
        "name '" + name + "' looks like '" + known + "', already in the registry");
  }
}
