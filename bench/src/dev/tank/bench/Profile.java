package dev.tank.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * The evidence behind bench/README.md's diagnosis, printed as Markdown sections:
 *
 * <ul>
 *   <li>{@code requests LOG START_NS END_NS}: what one {@code tank install} asked the registry, from
 *       distribution's access log: GETs by kind, repeated tag lists, the serial phase (requests on
 *       one connection before a second connection opens) against the parallel phase, and the time
 *       before the first and after the last request.
 *   <li>{@code phases CLASSLOAD_LOG TOTAL_MS MARKER=LABEL...}: when each step began, read from the
 *       first load of a class only that step uses ({@code -Xlog:class+load:file=...:uptime}).
 *   <li>{@code jfr FILE METHOD}: where CPU samples and allocation went inside {@code METHOD} (a
 *       JFR recording with {@code settings=profile}), by the first Tank frame on the stack.
 * </ul>
 */
public final class Profile {
  private Profile() {}

  public static void main(String[] args) throws IOException {
    switch (args[0]) {
      case "requests" -> requests(Path.of(args[1]), Long.parseLong(args[2]), Long.parseLong(args[3]));
      case "phases" -> phases(Path.of(args[1]), Double.parseDouble(args[2]), List.of(args).subList(3, args.length));
      case "jfr" -> jfr(Path.of(args[1]), args[2]);
      default -> throw new IllegalArgumentException("unknown mode " + args[0]);
    }
  }

  private record Request(double at, String conn, String kind, String repo, double serverMs) {}

  private static final Pattern TIME = Pattern.compile("time=\"([^\"]+)\"");
  private static final Pattern CONN = Pattern.compile("http\\.request\\.remoteaddr=\"?([^\" ]+)");
  private static final Pattern URI = Pattern.compile("http\\.request\\.uri=\"?([^\" ]+)");
  private static final Pattern METHOD = Pattern.compile("http\\.request\\.method=(\\w+)");
  private static final Pattern DURATION = Pattern.compile("http\\.response\\.duration=\"?([0-9.]+)(ns|µs|ms|s)");

  private static void requests(Path log, long startNs, long endNs) throws IOException {
    List<Request> rs = new ArrayList<>();
    for (String line : new String(Files.readAllBytes(log), StandardCharsets.UTF_8).split("\n")) {
      if (!line.contains("response completed")) {
        continue;
      }
      Matcher t = TIME.matcher(line);
      Matcher c = CONN.matcher(line);
      Matcher u = URI.matcher(line);
      Matcher m = METHOD.matcher(line);
      Matcher d = DURATION.matcher(line);
      if (!(t.find() && c.find() && u.find() && m.find() && d.find())) {
        continue;
      }
      Instant at = Instant.parse(t.group(1));
      double sec = at.getEpochSecond() + at.getNano() / 1e9;
      double ms = Double.parseDouble(d.group(1)) * switch (d.group(2)) {
        case "ns" -> 1e-6;
        case "µs" -> 1e-3;
        case "s" -> 1e3;
        default -> 1;
      };
      String uri = u.group(1);
      String kind = uri.contains("/tags/list") ? "tag list" : uri.contains("/manifests/") ? "manifest"
          : uri.contains("/referrers/") ? "referrers" : uri.contains("/blobs/") ? "blob" : "other";
      String repo = uri.replaceFirst("^/v2/", "").replaceFirst("/(tags|manifests|blobs|referrers)/.*$", "");
      rs.add(new Request(sec, c.group(1), m.group(1) + " " + kind, repo, ms));
    }
    rs.sort((a, b) -> Double.compare(a.at(), b.at()));
    double start = startNs / 1e9;
    double end = endNs / 1e9;
    StringBuilder o = new StringBuilder();
    if (rs.isEmpty()) {
      o.append("No registry requests (everything came from the cache).\n");
      System.out.print(o);
      return;
    }
    Map<String, Integer> byKind = new TreeMap<>();
    Map<String, Integer> tagListsPerRepo = new HashMap<>();
    for (Request r : rs) {
      byKind.merge(r.kind(), 1, Integer::sum);
      if (r.kind().endsWith("tag list")) {
        tagListsPerRepo.merge(r.repo(), 1, Integer::sum);
      }
    }
    long repeated = tagListsPerRepo.values().stream().filter(n -> n > 1).count();
    o.append("| requests | count |\n|---|---:|\n");
    byKind.forEach((k, v) -> o.append("| ").append(k).append(" | ").append(v).append(" |\n"));
    o.append(String.format(Locale.ROOT, "| repositories whose tag list was fetched more than once | %d of %d |%n",
        repeated, tagListsPerRepo.size()));
    Set<String> conns = new LinkedHashSet<>();
    rs.forEach(r -> conns.add(r.conn()));
    String first = rs.get(0).conn();
    int serialCount = 0;
    double serialServer = 0;
    double serialEnd = rs.get(0).at();
    for (Request r : rs) {
      if (!r.conn().equals(first)) {
        break;
      }
      serialCount++;
      serialServer += r.serverMs();
      serialEnd = r.at();
    }
    List<Request> rest = rs.subList(serialCount, rs.size());
    o.append('\n');
    o.append(String.format(Locale.ROOT, "- process start → first request answered: %.2f s%n", rs.get(0).at() - start));
    o.append(String.format(Locale.ROOT,
        "- serial phase: %d requests one after another on one connection in %.2f s (%.1f ms each; the registry spent %.1f ms"
            + " of it per request, the rest is the client's turn-around)%n",
        serialCount, serialEnd - rs.get(0).at(), (serialEnd - rs.get(0).at()) * 1000 / Math.max(1, serialCount - 1),
        serialServer / serialCount));
    if (!rest.isEmpty()) {
      Map<String, Integer> restKinds = new TreeMap<>();
      rest.forEach(r -> restKinds.merge(r.kind(), 1, Integer::sum));
      o.append(String.format(Locale.ROOT, "- parallel phase: %d requests (%s) on %d connections in %.2f s%n", rest.size(),
          restKinds, conns.size(), rest.get(rest.size() - 1).at() - serialEnd));
    }
    o.append(String.format(Locale.ROOT, "- last request answered → process exit: %.2f s (of %.2f s in all)%n",
        end - rs.get(rs.size() - 1).at(), end - start));
    System.out.print(o);
  }

  private static final Pattern LOADED = Pattern.compile("^\\[([0-9.]+)s\\]\\S*\\s+(\\S+) source:");

  private static void phases(Path log, double totalMs, List<String> markers) throws IOException {
    Map<String, String> labels = new LinkedHashMap<>();
    for (String m : markers) {
      int eq = m.indexOf('=');
      labels.put(m.substring(0, eq), m.substring(eq + 1));
    }
    Map<String, Double> firstLoad = new HashMap<>();
    int classes = 0;
    for (String line : Files.readAllLines(log)) {
      Matcher m = LOADED.matcher(line);
      if (m.find()) {
        classes++;
        firstLoad.putIfAbsent(m.group(2), Double.parseDouble(m.group(1)));
      }
    }
    List<Map.Entry<String, Double>> seen = new ArrayList<>();
    for (String cls : labels.keySet()) {
      if (firstLoad.containsKey(cls)) {
        seen.add(Map.entry(cls, firstLoad.get(cls)));
      }
    }
    seen.sort(Map.Entry.comparingByValue());
    StringBuilder o = new StringBuilder("| from | step | duration |\n|---:|---|---:|\n");
    double prev = 0;
    String prevLabel = "JVM start → first marker";
    for (Map.Entry<String, Double> e : seen) {
      o.append(String.format(Locale.ROOT, "| %.2f s | %s | %.2f s |%n", prev, prevLabel, e.getValue() - prev));
      prev = e.getValue();
      prevLabel = labels.get(e.getKey()) + " (`" + e.getKey().replaceFirst("^.*\\.", "") + "` loaded)";
    }
    o.append(String.format(Locale.ROOT, "| %.2f s | %s | %.2f s |%n", prev, prevLabel, totalMs / 1000 - prev));
    o.append(String.format(Locale.ROOT, "%n%d classes loaded; %.2f s in all (wall clock of the process).%n", classes,
        totalMs / 1000));
    System.out.print(o);
  }

  private static void jfr(Path file, String method) throws IOException {
    Map<String, Double> cpu = new HashMap<>();
    Map<String, Double> alloc = new HashMap<>();
    Map<String, Double> allocClass = new HashMap<>();
    double cpuTotal = 0;
    double allocTotal = 0;
    for (RecordedEvent e : RecordingFile.readAllEvents(file)) {
      String type = e.getEventType().getName();
      boolean sample = type.equals("jdk.ExecutionSample");
      boolean allocation = type.equals("jdk.ObjectAllocationSample");
      if (!sample && !allocation) {
        continue;
      }
      RecordedStackTrace st = e.getStackTrace();
      if (st == null || st.getFrames().stream().noneMatch(f -> name(f).equals(method))) {
        continue;
      }
      String site = "?";
      for (RecordedFrame f : st.getFrames()) {
        if (f.getMethod().getType().getName().startsWith("dev.tank.") && !f.getMethod().getType().getName().startsWith("dev.tank.bench")) {
          site = name(f) + ":" + f.getLineNumber();
          break;
        }
      }
      if (sample) {
        cpu.merge(site, 1.0, Double::sum);
        cpuTotal++;
      } else {
        double w = e.getLong("weight");
        alloc.merge(site, w, Double::sum);
        allocClass.merge(e.getClass("objectClass").getName(), w, Double::sum);
        allocTotal += w;
      }
    }
    StringBuilder o = new StringBuilder();
    o.append(String.format(Locale.ROOT, "CPU samples inside `%s`: %.0f; sampled allocation: %.0f MB.%n%n", method, cpuTotal,
        allocTotal / 1e6));
    o.append("| allocation site (first Tank frame) | share |\n|---|---:|\n");
    top(alloc, allocTotal, 8).forEach((k, v) -> o.append("| `").append(k).append("` | ").append(v).append(" |\n"));
    o.append("\n| allocated class | share |\n|---|---:|\n");
    top(allocClass, allocTotal, 5).forEach((k, v) -> o.append("| `").append(k).append("` | ").append(v).append(" |\n"));
    o.append("\n| CPU sample site (first Tank frame) | share |\n|---|---:|\n");
    top(cpu, cpuTotal, 8).forEach((k, v) -> o.append("| `").append(k).append("` | ").append(v).append(" |\n"));
    System.out.print(o);
  }

  private static String name(RecordedFrame f) {
    return f.getMethod().getType().getName() + "." + f.getMethod().getName();
  }

  private static Map<String, String> top(Map<String, Double> m, double total, int n) {
    Map<String, String> out = new LinkedHashMap<>();
    m.entrySet().stream().sorted((a, b) -> Double.compare(b.getValue(), a.getValue())).limit(n)
        .forEach(e -> out.put(e.getKey(), String.format(Locale.ROOT, "%.0f%%", 100 * e.getValue() / total)));
    return out;
  }
}
