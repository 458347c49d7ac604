package dev.tank.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * Turns {@code results.tsv} (row, round, wall ms, peak RSS KB, CPU ms, value) and {@code meta.tsv} into
 * the Markdown report: medians with min–max over the measured rounds (round 0 is the warm-up and
 * is left out), the ratios Tank/npm, Tank/pnpm and Tank/floor, and the product targets with
 * met/missed.
 *
 * <p>Usage: {@code Report RESULTS_TSV META_TSV > latest.md}.
 */
public final class Report {
  private Report() {}

  /** One measurement. */
  record Sample(int round, double ms, double rssKb, double cpuMs, String value, double serverCpuMs, double sysMs) {}

  /** Median, minimum and maximum of some numbers. */
  record Stat(double median, double min, double max, int n) {
    static Stat of(List<Double> xs) {
      if (xs.isEmpty()) {
        return null;
      }
      List<Double> s = new ArrayList<>(xs);
      s.sort(null);
      int n = s.size();
      double med = n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
      return new Stat(med, s.get(0), s.get(n - 1), n);
    }
  }

  private static final Map<String, String> LABELS = new LinkedHashMap<>();

  static {
    LABELS.put("install.cold.tank", "`tank install`, cold (empty cache, no lock)");
    LABELS.put("install.cold.tank-cds", "`tank install`, cold, JDK 17 + AppCDS archive");
    LABELS.put("install.cold.tank-aot", "`tank install`, cold, JDK 25 + AOT cache");
    LABELS.put("install.cold.npm", "`npm install`, cold (empty cache, no lock)");
    LABELS.put("install.cold.pnpm", "`pnpm install`, cold (empty store, no lock)");
    LABELS.put("floor.blobs", "transfer floor: manifests + blobs, `curl` ×8");
    LABELS.put("floor.all", "transfer floor + tag lists, `curl` ×8");
    LABELS.put("install.cold-deleted.tank", "`tank install`, cold, right after deleting the previous install");
    LABELS.put("install.cold-deleted.npm", "`npm install`, cold, right after deleting the previous install");
    LABELS.put("install.cold-deleted.pnpm", "`pnpm install`, cold, right after deleting the previous install");
    LABELS.put("install.warm.tank", "`tank install`, warm (lock + cache)");
    LABELS.put("install.warm.tank-cds", "`tank install`, warm, JDK 17 + AppCDS archive");
    LABELS.put("install.warm.tank-aot", "`tank install`, warm, JDK 25 + AOT cache");
    LABELS.put("install.warm.npm", "`npm install`, warm (lock + cache)");
    LABELS.put("install.warm.pnpm", "`pnpm install`, warm (lock + store)");
    LABELS.put("startup.tank", "`bin/tank --version`");
    LABELS.put("startup.tank-java", "`java -jar` (bin/tank's flags) `--version`");
    LABELS.put("startup.tank-cds", "`--version`, JDK 17 + AppCDS archive");
    LABELS.put("startup.tank-aot", "`--version`, JDK 25 + AOT cache");
    LABELS.put("startup.npm", "`npm --version`");
    LABELS.put("startup.pnpm", "`pnpm --version`");
    LABELS.put("publish.tank", "`tank publish --sign-key` (pack + SBOM + sign + push)");
    LABELS.put("publish.npm", "`npm publish` of the same files (verdaccio)");
  }

  private static Map<String, List<Sample>> rows = new LinkedHashMap<>();
  private static Map<String, String> meta = new LinkedHashMap<>();

  public static void main(String[] args) throws IOException {
    for (String line : Files.readAllLines(Path.of(args[0]))) {
      String[] f = line.split("\t", -1);
      if (f.length < 6 || Integer.parseInt(f[1]) == 0) {
        continue; // round 0 is the warm-up
      }
      List<Sample> list = rows.computeIfAbsent(f[0], k -> new ArrayList<>());
      Sample prev = list.isEmpty() ? null : list.get(list.size() - 1);
      int round = Integer.parseInt(f[1]);
      if (prev != null && prev.round() == round) {
        // a 'record' line completes the 'measure' line of the same round with the program's own value
        list.set(list.size() - 1, new Sample(round, prev.ms(), prev.rssKb(), prev.cpuMs(), f[5], prev.serverCpuMs(),
            prev.sysMs()));
      } else {
        list.add(new Sample(round, num(f[2]), num(f[3]), num(f[4]), f[5], f.length > 6 ? num(f[6]) : Double.NaN,
            f.length > 7 ? num(f[7]) : Double.NaN));
      }
    }
    for (String line : Files.readAllLines(Path.of(args[1]))) {
      int tab = line.indexOf('\t');
      if (tab > 0) {
        meta.put(line.substring(0, tab), line.substring(tab + 1));
      }
    }
    System.out.print(render());
  }

  private static double num(String s) {
    return s == null || s.isBlank() ? Double.NaN : Double.parseDouble(s);
  }

  private static Stat stat(String row, ToDoubleFunction<Sample> f) {
    List<Sample> s = rows.get(row);
    if (s == null) {
      return null;
    }
    List<Double> xs = new ArrayList<>();
    for (Sample x : s) {
      double v = f.applyAsDouble(x);
      if (!Double.isNaN(v)) {
        xs.add(v);
      }
    }
    return Stat.of(xs);
  }

  private static Stat wall(String row) {
    return stat(row, Sample::ms);
  }

  private static Stat rss(String row) {
    return stat(row, Sample::rssKb);
  }

  /** Field {@code i} of the program's own value line, as a number (NaN when absent). */
  private static double field(Sample s, int i) {
    if (s.value() == null || s.value().isBlank()) {
      return Double.NaN;
    }
    String[] p = s.value().trim().split("\\s+");
    try {
      return i < p.length ? Double.parseDouble(p[i]) : Double.NaN;
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }

  private static String secs(double ms) {
    return ms >= 10_000 ? String.format(Locale.ROOT, "%.1f s", ms / 1000) : String.format(Locale.ROOT, "%.2f s", ms / 1000);
  }

  private static String mib(Stat s) {
    return s == null ? "–" : String.format(Locale.ROOT, "%.0f MiB", s.median() / 1024);
  }

  private static String ratio(String a, String b) {
    return times(wall(a), wall(b));
  }

  private static String cpuRatio(String a, String b) {
    return times(stat(a, Sample::cpuMs), stat(b, Sample::cpuMs));
  }

  /**
   * The installs through the library API in one long-lived JVM ({@code EmbeddedBench}): what Tank
   * costs once a JVM is running, beside the command-line rows; then what a resident process that
   * {@code tank} handed its commands to would reach, estimated from those rows and the cost of its
   * client ({@code ClientRoundTrip}).
   */
  private static void embedded(StringBuilder o) {
    Stat cold = stat("embedded", s -> field(s, 0));
    Stat warm = stat("embedded", s -> field(s, 1));
    if (cold == null || warm == null) {
      return;
    }
    Stat coldC1 = stat("embedded-c1", s -> field(s, 0));
    Stat warmC1 = stat("embedded-c1", s -> field(s, 1));
    o.append("\n### The same installs in a running JVM (library API)\n\n")
        .append("What an agent runtime that embeds Tank pays per install, and what a `tank` whose JVM were already\n"
            + "running would: `EmbeddedBench` installs cold and warm, as the rows above do (new folders, new cache\n"
            + "for each cold one), 15 times each in one JVM, and reports the medians of the last 10: with the\n"
            + "JDK's default JIT (C1 and C2), and with `bin/tank`'s flags (C1 only). No JVM start or class loading\n"
            + "is left in these times, and with the default JIT little compilation; the registry's work is.\n"
            + "Median and min–max over the rounds of those medians.\n\n")
        .append("| what | wall, median | wall, min–max | / pnpm | / floor (manifests + blobs) |\n|---|---:|---:|---:|---:|\n");
    installRow(o, "`Tank.install`, cold, in a running JVM", cold, true);
    installRow(o, "`Tank.install`, warm, in a running JVM", warm, false);
    installRow(o, "`Tank.install`, cold, in a running JVM, C1 only", coldC1, true);
    installRow(o, "`Tank.install`, warm, in a running JVM, C1 only", warmC1, false);

    Stat trip = wall("roundtrip");
    if (trip == null) {
      return;
    }
    o.append("\n### What a resident process would reach (not built)\n\n")
        .append("A `tank` that handed its commands to a long-lived Tank process (as `gradle` does to its daemon)\n"
            + "would pay, per command, a new JVM for the client and a round trip over a Unix socket — measured\n"
            + "with `ClientRoundTrip`, whose server answers at once — plus the install in the running JVM above.\n"
            + "The estimates add the two medians (min–max: the sums of the minima and of the maxima). "
            + "bench/README.md (sixth round) says why it is not built.\n\n")
        .append("| what | wall, median | wall, min–max | / pnpm | / floor (manifests + blobs) |\n|---|---:|---:|---:|---:|\n");
    o.append(String.format(Locale.ROOT, "| client: new JVM (`bin/tank`'s flags), request over a Unix socket, answer | %s | %s–%s | | |%n",
        secs(trip.median()), secs(trip.min()), secs(trip.max())));
    installRow(o, "estimate: cold install through a resident process (default JIT)", plus(cold, trip), true);
    installRow(o, "estimate: warm install through a resident process (default JIT)", plus(warm, trip), false);
    installRow(o, "estimate: cold install through a resident process (C1 only)", plus(coldC1, trip), true);
    installRow(o, "estimate: warm install through a resident process (C1 only)", plus(warmC1, trip), false);
  }

  private static void installRow(StringBuilder o, String what, Stat s, boolean cold) {
    if (s == null) {
      return;
    }
    o.append(String.format(Locale.ROOT, "| %s | %s | %s–%s | %s | %s |%n", what, secs(s.median()), secs(s.min()),
        secs(s.max()), times(s, wall(cold ? "install.cold.pnpm" : "install.warm.pnpm")),
        cold ? times(s, wall("floor.blobs")) : ""));
  }

  /** Two costs paid one after the other: medians, minima and maxima added. */
  private static Stat plus(Stat a, Stat b) {
    return a == null || b == null ? null
        : new Stat(a.median() + b.median(), a.min() + b.min(), a.max() + b.max(), Math.min(a.n(), b.n()));
  }

  private static String times(Stat a, Stat b) {
    return a == null || b == null ? "–" : String.format(Locale.ROOT, "%.2f×", a.median() / b.median());
  }

  private static double ratioValue(String a, String b) {
    Stat x = wall(a);
    Stat y = wall(b);
    return x == null || y == null ? Double.NaN : x.median() / y.median();
  }

  static String render() {
    StringBuilder o = new StringBuilder();
    String skills = meta.getOrDefault("skills", "?");
    o.append("# Tank benchmark results\n\n");
    o.append("Generated by `").append(meta.getOrDefault("command", "bench/run.sh")).append("` on ")
        .append(meta.getOrDefault("date", "?")).append(" (Tank ").append(meta.getOrDefault("tank_commit", "?"))
        .append("). See `bench/README.md` for what each row measures.\n\n");
    o.append("**Machine:** ").append(meta.getOrDefault("cpu", "?")).append(", ").append(meta.getOrDefault("cores", "?"))
        .append(" cores, ").append(meta.getOrDefault("ram", "?")).append(" RAM, ").append(meta.getOrDefault("os", "?"))
        .append("; JDK: ").append(meta.getOrDefault("jdk", "?"));
    if (meta.containsKey("jdk_aot")) {
      o.append(" (AOT-cache rows: ").append(meta.get("jdk_aot")).append(')');
    }
    o.append("; node ").append(meta.getOrDefault("node", "?")).append(", npm ").append(meta.getOrDefault("npm", "?"))
        .append(", pnpm ").append(meta.getOrDefault("pnpm", "?")).append(", verdaccio ").append(meta.getOrDefault("verdaccio", "?"))
        .append("; registry: ").append(meta.getOrDefault("registry", "?")).append(". Load average (1, 5, 15 min) before the first round: ")
        .append(meta.getOrDefault("load_start", "?")).append(", at the end: ").append(meta.getOrDefault("load", "?"))
        .append(" (the machine has ").append(meta.getOrDefault("cores", "?")).append(" cores; anything above that means other processes competed for them).\n\n");
    o.append("**Corpus:** ").append(meta.getOrDefault("corpus", "?")).append(". The project depends on the top-level skills; ")
        .append("every install puts all ").append(skills).append(" skills in place (checked after each run).\n\n");
    o.append("Medians of ").append(meta.getOrDefault("runs", "?"))
        .append(" runs after one warm-up run; min–max in the next column. Peak RSS: ")
        .append(meta.getOrDefault("rss_source", "?")).append(", median.\n\n");

    o.append("## Install (").append(skills).append(" skills)\n\n");
    o.append("Every cold install runs in a new folder with an empty cache, and every warm one in a new folder with\n"
        + "the lock and that cache: nothing is deleted while these rows are measured (the rows \"right after\n"
        + "deleting\" below show why). The last column is the CPU the server (docker-registry or verdaccio)\n"
        + "used during the run: on this machine client and server share the same cores.\n\n");
    o.append(INSTALL_HEAD);
    for (String row : List.of("install.cold.tank", "install.cold.tank-cds", "install.cold.tank-aot", "install.cold.npm",
        "install.cold.pnpm", "floor.blobs", "floor.all", "install.warm.tank", "install.warm.tank-cds", "install.warm.tank-aot",
        "install.warm.npm", "install.warm.pnpm")) {
      wallRow(o, row, true);
    }
    o.append("\n| ratio of medians | cold, wall | warm, wall | cold, CPU | warm, CPU |\n|---|---:|---:|---:|---:|\n");
    for (String v : List.of("tank", "tank-cds", "tank-aot")) {
      if (rows.containsKey("install.cold." + v)) {
        String who = v.equals("tank") ? "tank" : v.equals("tank-cds") ? "tank (AppCDS)" : "tank (JDK 25 AOT)";
        for (String base : List.of("npm", "pnpm")) {
          o.append("| ").append(who).append(" / ").append(base).append(" | ")
              .append(ratio("install.cold." + v, "install.cold." + base)).append(" | ")
              .append(ratio("install.warm." + v, "install.warm." + base)).append(" | ")
              .append(cpuRatio("install.cold." + v, "install.cold." + base)).append(" | ")
              .append(cpuRatio("install.warm." + v, "install.warm." + base)).append(" |\n");
        }
        o.append("| ").append(who).append(" / floor (manifests + blobs) | ").append(ratio("install.cold." + v, "floor.blobs"))
            .append(" | | | |\n");
      }
    }
    if (rows.containsKey("install.cold-deleted.tank")) {
      o.append("\n### Cold, right after deleting the previous install\n\n")
          .append("Measured after all the rounds above, each tool in one folder whose install and cache are deleted\n"
              + "just before the run. This machine's file system (ext4 without a journal) does not reuse an inode\n"
              + "freed in the last 60 s or more, so each file created then costs extra system time.\n\n")
          .append(INSTALL_HEAD);
      for (String v : List.of("tank", "npm", "pnpm")) {
        wallRow(o, "install.cold-deleted." + v, true);
      }
      o.append("\nRatios of medians: tank / npm ").append(ratio("install.cold-deleted.tank", "install.cold-deleted.npm"))
          .append(", tank / pnpm ").append(ratio("install.cold-deleted.tank", "install.cold-deleted.pnpm")).append(".\n");
    }

    embedded(o);

    o.append("\n## Start-up\n\n").append(TABLE_HEAD);
    for (String row : List.of("startup.tank", "startup.tank-java", "startup.tank-cds", "startup.tank-aot", "startup.npm",
        "startup.pnpm")) {
      wallRow(o, row);
    }
    o.append("\nRatio `bin/tank --version` / `npm --version`: ").append(ratio("startup.tank", "startup.npm")).append(".\n");

    o.append("\n## Resolution alone (in-memory catalog, `dev.tank.resolve.Resolver`)\n\n");
    o.append("| skills (published versions) | first resolve in a fresh JVM, median | min–max | of which CPU of the resolving thread | of which GC | allocated | warmed JIT, median | peak RSS |\n")
        .append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
    for (String row : rows.keySet()) {
      if (!row.startsWith("resolve.")) {
        continue;
      }
      Stat first = stat(row, s -> field(s, 0));
      Stat warm = stat(row, s -> field(s, 1));
      Stat versions = stat(row, s -> field(s, 3));
      Stat cpu = stat(row, s -> field(s, 4));
      Stat gc = stat(row, s -> field(s, 5));
      Stat alloc = stat(row, s -> field(s, 6));
      if (first == null) {
        continue;
      }
      o.append(String.format(Locale.ROOT, "| %s (%.0f) | %.0f ms | %.0f–%.0f ms | %.0f ms | %.0f ms | %.0f MB | %.0f ms | %s |%n",
          row.substring("resolve.".length()), versions == null ? Double.NaN : versions.median(), first.median(), first.min(),
          first.max(), cpu == null ? Double.NaN : cpu.median(), gc == null ? Double.NaN : gc.median(),
          alloc == null ? Double.NaN : alloc.median(),
          warm == null ? Double.NaN : warm.median(), mib(rss(row))));
    }

    o.append("\n## Analyzer throughput (`dev.tank.analyze.Analyzer`, whole corpus in memory)\n\n");
    List<Sample> an = rows.get("analyze");
    if (an == null || an.isEmpty()) {
      o.append("Not measured.\n");
    } else if (an.get(0).value() != null && an.get(0).value().startsWith("not-available")) {
      o.append("Not available in this build: ").append(an.get(0).value().substring("not-available".length()).trim()).append(".\n");
    } else {
      Stat first = stat("analyze", s -> field(s, 0));
      Stat warm = stat("analyze", s -> field(s, 1));
      Stat bytes = stat("analyze", s -> field(s, 2));
      o.append(String.format(Locale.ROOT,
          "| pass | median | min–max |%n|---|---:|---:|%n| first pass (cold JIT) | %.1f MB/s | %.1f–%.1f MB/s |%n"
              + "| second pass | %.1f MB/s | %.1f–%.1f MB/s |%n%n%.1f MB in %s skills; peak RSS %s.%n",
          first.median(), first.min(), first.max(), warm.median(), warm.min(), warm.max(), bytes.median() / 1e6, skills,
          mib(rss("analyze"))));
    }

    o.append("\n## Publish latency (one typical skill, new version each run)\n\n").append(TABLE_HEAD);
    wallRow(o, "publish.tank");
    wallRow(o, "publish.npm");

    o.append("\n## Targets\n\n| target | measured | verdict |\n|---|---:|---|\n");
    target(o, "cold install ≤ 0.5× pnpm", ratioValue("install.cold.tank", "install.cold.pnpm"), 0.5, "×",
        variants("install.cold.", "install.cold.pnpm"));
    target(o, "warm install ≤ 0.5× pnpm", ratioValue("install.warm.tank", "install.warm.pnpm"), 0.5, "×",
        variants("install.warm.", "install.warm.pnpm"));
    target(o, "start-up ≤ 0.5× `npm --version`", ratioValue("startup.tank", "startup.npm"), 0.5, "×",
        variants("startup.", "startup.npm"));
    target(o, "cold install ≤ 1.5× transfer floor", ratioValue("install.cold.tank", "floor.blobs"), 1.5, "×",
        variants("install.cold.", "floor.blobs"));
    Stat r10k = stat("resolve.10000", s -> field(s, 0));
    Stat r10kCpu = stat("resolve.10000", s -> field(s, 4));
    Stat r10kGc = stat("resolve.10000", s -> field(s, 5));
    target(o, "10 000-skill resolution < 1 s", r10k == null ? Double.NaN : r10k.median() / 1000, 1.0, " s",
        r10kCpu == null ? "" : String.format(Locale.ROOT, " (CPU of the resolving thread %.2f s, GC %.2f s)",
            r10kCpu.median() / 1000, r10kGc == null ? Double.NaN : r10kGc.median() / 1000));
    Stat rc = rss("install.cold.tank");
    Stat rw = rss("install.warm.tank");
    double peak = rc == null ? Double.NaN : Math.max(rc.median(), rw == null ? 0 : rw.median()) / 1024;
    if ("100".equals(skills)) {
      target(o, "install of 100 skills < 256 MiB RSS", peak, 256, " MiB", "");
    } else {
      o.append(String.format(Locale.ROOT, "| install of 100 skills < 256 MiB RSS | %.0f MiB at %s skills | not applicable (run with --skills 100) |%n",
          peak, skills));
    }
    return o.toString();
  }

  private static String variants(String prefix, String base) {
    StringBuilder sb = new StringBuilder();
    for (String v : List.of("tank-java", "tank-cds", "tank-aot")) {
      if (rows.containsKey(prefix + v)) {
        String who = v.equals("tank-java") ? "plain java -jar" : v.equals("tank-cds") ? "AppCDS" : "JDK 25 AOT";
        sb.append(sb.length() == 0 ? " (" : ", ").append(who).append(": ")
            .append(String.format(Locale.ROOT, "%.2f×", ratioValue(prefix + v, base)));
      }
    }
    // The library in a running JVM, where that row exists: field 0 of "embedded" is cold, 1 warm; and
    // the estimate for a resident process (that plus the client's round trip).
    Stat embedded = prefix.startsWith("install.") ? stat("embedded", x -> field(x, prefix.equals("install.warm.") ? 1 : 0)) : null;
    if (embedded != null && wall(base) != null) {
      sb.append(sb.length() == 0 ? " (" : ", ").append("library in a running JVM: ").append(times(embedded, wall(base)));
      Stat resident = plus(embedded, wall("roundtrip"));
      if (resident != null) {
        sb.append(", resident process (estimate): ").append(times(resident, wall(base)));
      }
    }
    return sb.length() == 0 ? "" : sb.append(')').toString();
  }

  private static void target(StringBuilder o, String what, double measured, double limit, String unit, String note) {
    if (Double.isNaN(measured)) {
      o.append("| ").append(what).append(" | – | not measured |\n");
      return;
    }
    boolean met = measured < limit || (what.contains("≤") && measured <= limit);
    String how = met ? "**met**" : String.format(Locale.ROOT, "**missed**: %.2f× the target", measured / limit);
    String shown = unit.equals(" MiB") ? String.format(Locale.ROOT, "%.0f MiB", measured)
        : String.format(Locale.ROOT, "%.2f%s", measured, unit);
    o.append(String.format(Locale.ROOT, "| %s | %s | %s%s |%n", what, shown, how, note));
  }

  private static void wallRow(StringBuilder o, String row) {
    wallRow(o, row, false);
  }

  /** A row of TABLE_HEAD, or with {@code install} of INSTALL_HEAD (system CPU and server CPU too). */
  private static void wallRow(StringBuilder o, String row, boolean install) {
    Stat w = wall(row);
    if (w == null) {
      return;
    }
    o.append("| ").append(LABELS.getOrDefault(row, row)).append(" | ").append(secs(w.median())).append(" | ")
        .append(secs(w.min())).append("–").append(secs(w.max())).append(" | ").append(cpu(row)).append(" | ");
    if (install) {
      Stat sys = stat(row, Sample::sysMs);
      o.append(sys == null ? "–" : secs(sys.median())).append(" | ");
    }
    o.append(mib(rss(row))).append(" |");
    if (install) {
      Stat c = stat(row, Sample::serverCpuMs);
      o.append(' ').append(c == null ? "–" : secs(c.median())).append(" |");
    }
    o.append('\n');
  }

  private static final String TABLE_HEAD = "| what | wall, median | wall, min–max | CPU (user+sys), median | peak RSS, median |\n"
      + "|---|---:|---:|---:|---:|\n";
  private static final String INSTALL_HEAD =
      "| what | wall, median | wall, min–max | CPU (user+sys), median | of which sys | peak RSS, median | server CPU, median |\n"
      + "|---|---:|---:|---:|---:|---:|---:|\n";

  private static String cpu(String row) {
    Stat c = stat(row, Sample::cpuMs);
    return c == null ? "–" : secs(c.median());
  }
}
