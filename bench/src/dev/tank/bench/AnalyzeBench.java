package dev.tank.bench;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Analyzer throughput: every skill of the corpus, read into memory first (so the disk is not
 * measured), through {@code dev.tank.analyze.Analyzer}, with the corpus's names as the registry's
 * known names (the typosquatting check runs as it would at publish). One untimed pass warms the
 * JIT, the next is timed. Prints {@code first_MBps warm_MBps bytes skills}.
 *
 * <p>The analyzer is looked up by reflection so this benchmark compiles and runs against a build
 * that does not have it yet; then it prints {@code not-available REASON} and exits 0.
 *
 * <p>Usage: {@code AnalyzeBench CORPUS_SKILLS_DIR}.
 */
public final class AnalyzeBench {
  private AnalyzeBench() {}

  public static void main(String[] args) throws Exception {
    Object analyzer;
    Method analyze;
    try {
      Class<?> c = Class.forName("dev.tank.analyze.Analyzer");
      analyzer = c.getMethod("standard").invoke(null);
      Class<?> perms = Class.forName("dev.tank.mediatypes.Permissions");
      analyze = c.getMethod("analyze", String.class, Map.class, perms, Collection.class);
    } catch (ClassNotFoundException e) {
      System.out.println("not-available dev.tank.analyze.Analyzer is not in this build");
      return;
    } catch (NoSuchMethodException e) {
      System.out.println("not-available Analyzer has no standard()/analyze(String, Map, Permissions, Collection): " + e.getMessage());
      return;
    }
    Path root = Path.of(args[0]);
    List<Path> dirs;
    try (Stream<Path> s = Files.list(root)) {
      dirs = s.filter(Files::isDirectory).sorted().toList();
    }
    List<String> names = new ArrayList<>();
    List<Map<String, byte[]>> skills = new ArrayList<>();
    long bytes = 0;
    for (Path d : dirs) {
      names.add(Graph.SCOPE + "/" + d.getFileName());
      Map<String, byte[]> files = read(d);
      for (byte[] b : files.values()) {
        bytes += b.length;
      }
      skills.add(files);
    }
    double first = pass(analyzer, analyze, names, skills);
    double warm = pass(analyzer, analyze, names, skills);
    System.out.printf("%.2f %.2f %d %d%n", bytes / 1e6 / first, bytes / 1e6 / warm, bytes, skills.size());
  }

  private static double pass(Object analyzer, Method analyze, List<String> names, List<Map<String, byte[]>> skills)
      throws IllegalAccessException, InvocationTargetException {
    long t0 = System.nanoTime();
    for (int i = 0; i < skills.size(); i++) {
      analyze.invoke(analyzer, names.get(i), skills.get(i), null, names);
    }
    return (System.nanoTime() - t0) / 1e9;
  }

  private static Map<String, byte[]> read(Path dir) throws IOException {
    Map<String, byte[]> out = new LinkedHashMap<>();
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path f : s.filter(Files::isRegularFile).sorted().toList()) {
        out.put(dir.relativize(f).toString().replace('\\', '/'), Files.readAllBytes(f));
      }
    }
    return out;
  }
}
