package dev.tank.bench;

import dev.tank.Tank;
import dev.tank.install.Installer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Installs through the library API in one long-lived JVM, as an agent runtime that embeds Tank
 * would: {@code rounds} pairs of a cold install (new project folder, empty cache, no lock) and a
 * warm one (new folder with that lock and cache), all in this JVM, so that after the first few the
 * JIT has compiled what an install runs. What is left is Tank's own work, without a JVM to start,
 * classes to load or code to compile.
 *
 * <p>Prints one line, {@code cold_ms warm_ms measured}: the medians of the rounds after the first
 * {@code warmup}. Checks every install put {@code expect} skills in place; exits 1 when one did not.
 *
 * <p>Usage: {@code EmbeddedBench PROJECT_SKILLS_JSON WORK_DIR EXPECTED_SKILLS [--rounds R] [--warmup W]}.
 */
public final class EmbeddedBench {
  private EmbeddedBench() {}

  public static void main(String[] args) throws IOException {
    if (args.length < 3) {
      System.err.println("usage: EmbeddedBench PROJECT_SKILLS_JSON WORK_DIR EXPECTED_SKILLS [--rounds R] [--warmup W]");
      System.exit(2);
    }
    Path manifest = Path.of(args[0]);
    Path work = Files.createDirectories(Path.of(args[1]));
    int expected = Integer.parseInt(args[2]);
    int rounds = 15;
    int warmup = 5;
    for (int i = 3; i < args.length; i++) {
      switch (args[i]) {
        case "--rounds" -> rounds = Integer.parseInt(args[++i]);
        case "--warmup" -> warmup = Integer.parseInt(args[++i]);
        default -> throw new IllegalArgumentException("unknown argument " + args[i]);
      }
    }
    if (warmup >= rounds) {
      throw new IllegalArgumentException("--warmup must be smaller than --rounds");
    }
    List<Long> cold = new ArrayList<>();
    List<Long> warm = new ArrayList<>();
    for (int r = 0; r < rounds; r++) {
      Path coldDir = Files.createDirectories(work.resolve("cold-" + r));
      Files.copy(manifest, coldDir.resolve("skills.json"), StandardCopyOption.REPLACE_EXISTING);
      Path cache = work.resolve("cold-" + r + ".cache");
      long c = install(coldDir, cache, work, expected);
      Path warmDir = Files.createDirectories(work.resolve("warm-" + r));
      Files.copy(coldDir.resolve("skills.json"), warmDir.resolve("skills.json"));
      Files.copy(coldDir.resolve("skills.lock"), warmDir.resolve("skills.lock"));
      long w = install(warmDir, cache, work, expected);
      if (r >= warmup) {
        cold.add(c);
        warm.add(w);
      }
    }
    System.out.println(median(cold) + " " + median(warm) + " " + cold.size());
  }

  /** One install as {@code tank install} runs it; returns its wall time in milliseconds. */
  private static long install(Path project, Path cache, Path home, int expected) {
    long start = System.nanoTime();
    Installer.Result result;
    try (Tank tank = Tank.builder().projectDir(project).cacheDir(cache).env(Map.of()).home(home).build()) {
      result = tank.install(new Installer.Options(false, List.of(), List.of(), null));
    }
    long ms = (System.nanoTime() - start) / 1_000_000;
    if (result.installed().size() != expected) {
      System.err.println("embedded: " + project + " has " + result.installed().size() + " skills installed, not " + expected);
      System.exit(1);
    }
    return ms;
  }

  private static long median(List<Long> values) {
    List<Long> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return sorted.get(sorted.size() / 2);
  }
}
