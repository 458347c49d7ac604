package dev.tank.bench;

import dev.tank.mediatypes.SkillName;
import dev.tank.resolve.Catalog;
import dev.tank.resolve.Resolution;
import dev.tank.resolve.Resolver;
import dev.tank.resolve.Version;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Resolution alone: Tank's {@link Resolver} over an in-memory {@link Catalog} holding a generated
 * graph of N skills with several published versions each (no registry, no I/O). Prints one line,
 * {@code first_ms warm_ms skills versions first_cpu_ms first_gc_ms first_alloc_MB}: the first
 * resolution in this fresh JVM (what one {@code tank install} pays, JIT still cold), the fastest of
 * the following repetitions, the graph's size, and for the first resolution the CPU time of the
 * resolving thread, the garbage-collection time (wall time minus both is time the thread waited
 * for a core) and the memory it allocated.
 *
 * <p>Usage: {@code ResolveBench --skills N [--seed S] [--repeat R]}.
 */
public final class ResolveBench {
  private ResolveBench() {}

  public static void main(String[] args) {
    int count = 1000;
    long seed = 42;
    int repeat = 5;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--skills" -> count = Integer.parseInt(args[++i]);
        case "--seed" -> seed = Long.parseLong(args[++i]);
        case "--repeat" -> repeat = Integer.parseInt(args[++i]);
        default -> throw new IllegalArgumentException("unknown argument " + args[i]);
      }
    }
    Graph g = Graph.generate(count, seed);
    Map<String, List<Version>> versions = new HashMap<>();
    Map<String, Map<String, String>> deps = new HashMap<>();
    int published = 0;
    for (Graph.Node n : g.nodes()) {
      List<Version> vs = new ArrayList<>();
      for (Map.Entry<String, Map<String, String>> e : Graph.versionsFor(n, seed).entrySet()) {
        vs.add(Version.parse(e.getKey()));
        deps.put(Graph.fullName(n) + "@" + e.getKey(), e.getValue());
        published++;
      }
      versions.put(Graph.fullName(n), List.copyOf(vs));
    }
    Catalog catalog = new Catalog() {
      @Override
      public List<Version> versions(SkillName name) {
        return versions.getOrDefault(name.toString(), List.of());
      }

      @Override
      public Map<String, String> dependencies(SkillName name, Version version) {
        return deps.get(name + "@" + version);
      }
    };
    Map<String, String> roots = new TreeMap<>();
    g.top().forEach(n -> roots.put(Graph.fullName(n), "^1.0.0"));

    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long gc0 = gcMillis();
    long alloc0 = allocatedBytes();
    long cpu0 = threads.getCurrentThreadCpuTime();
    long t0 = System.nanoTime();
    Resolution r = new Resolver(catalog).resolve(roots, Map.of());
    double first = (System.nanoTime() - t0) / 1e6;
    double firstCpu = (threads.getCurrentThreadCpuTime() - cpu0) / 1e6;
    long firstGc = gcMillis() - gc0;
    long firstAlloc = allocatedBytes() - alloc0;
    if (r.skills().size() != g.nodes().size()) {
      throw new IllegalStateException("resolved " + r.skills().size() + " of " + g.nodes().size() + " skills");
    }
    double warm = Double.MAX_VALUE;
    for (int i = 0; i < repeat; i++) {
      long t = System.nanoTime();
      new Resolver(catalog).resolve(roots, Map.of());
      warm = Math.min(warm, (System.nanoTime() - t) / 1e6);
    }
    System.out.printf("%.2f %.2f %d %d %.2f %d %d%n", first, repeat > 0 ? warm : first, r.skills().size(), published, firstCpu,
        firstGc, firstAlloc / 1_000_000);
  }

  /** Bytes this thread allocated so far (HotSpot's extension of ThreadMXBean), or 0 when unknown. */
  private static long allocatedBytes() {
    if (ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean t) {
      return t.getThreadAllocatedBytes(Thread.currentThread().getId());
    }
    return 0;
  }

  private static long gcMillis() {
    long sum = 0;
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      sum += Math.max(0, gc.getCollectionTime());
    }
    return sum;
  }
}
