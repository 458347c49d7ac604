package dev.tank.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tank.cli.Main;
import java.io.File;
import java.io.IOException;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The picocli jar the build puts beside the CLI (tank-oci-client/target/lib) is rewritten from Java 5
 * to Java 8 class files so that class-data archives and AOT caches can hold it
 * (tank-oci-client/src/build/ClassFileUpgrade.java). These tests pin that the rewrite happened and
 * that it changed nothing else: same entries, same members, every class verifies, and the packaged
 * CLI answers exactly as the same code does on the unmodified picocli from the Maven repository.
 *
 * <p>They need the packaged CLI, which {@code mvn verify} builds before this module's tests; run
 * from bare classes, they fail and say so.
 */
class PackagedPicocliTest {
  private static final int OLDEST_ARCHIVABLE = 50;

  static Path packagedJar;
  static Path cliJar;
  static Path originalJar;

  @TempDir Path work;

  @BeforeAll
  static void locate() throws Exception {
    cliJar = Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    assertThat(cliJar.toString())
        .as("these tests need the packaged CLI (run 'mvn verify', which packages tank-oci-client first)")
        .endsWith(".jar");
    // The CLI jar's manifest puts lib/ on the class path, so the picocli loaded here is the packaged one.
    packagedJar = Path.of(CommandLine.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    assertThat(packagedJar.getParent()).as("picocli comes from beside the packaged CLI")
        .isEqualTo(cliJar.resolveSibling("lib"));
    originalJar = original(packagedJar.getFileName().toString());
  }

  /** The jar named {@code name} on the test class path as Maven resolved it (the local repository). */
  private static Path original(String name) {
    String path = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    for (String entry : path.split(File.pathSeparator)) {
      Path p = Path.of(entry);
      if (p.getFileName() != null && p.getFileName().toString().equals(name) && !p.getParent().endsWith("lib")) {
        return p;
      }
    }
    throw new AssertionError("no " + name + " from the Maven repository on the test class path: " + path);
  }

  @Test
  void thePackagedPicocliHoldsNoClassFileOlderThanJava6WhileTheOriginalIsJava5() throws IOException {
    Map<String, Integer> original = classVersions(originalJar);
    Map<String, Integer> packaged = classVersions(packagedJar);
    assertThat(original.values()).as("the premise: picocli as published is Java 5").contains(49);
    assertThat(packaged.keySet()).isEqualTo(original.keySet());
    assertThat(packaged).allSatisfy((name, version) -> assertThat(version).as(name).isGreaterThanOrEqualTo(OLDEST_ARCHIVABLE));
  }

  @Test
  void everythingButTheClassFilesIsByteForByteTheSame() throws IOException {
    try (ZipFile a = new ZipFile(originalJar.toFile()); ZipFile b = new ZipFile(packagedJar.toFile())) {
      List<String> namesA = names(a);
      assertThat(names(b)).isEqualTo(namesA);
      for (String n : namesA) {
        if (!n.endsWith(".class")) {
          assertThat(a.getInputStream(a.getEntry(n)).readAllBytes()).as(n)
              .isEqualTo(b.getInputStream(b.getEntry(n)).readAllBytes());
        }
      }
    }
  }

  @Test
  void everyClassVerifiesLoadsAndDeclaresTheSameMembers() throws Exception {
    try (URLClassLoader a = loader(originalJar); URLClassLoader b = loader(packagedJar)) {
      for (String className : classVersions(packagedJar).keySet()) {
        // Initializing links the class first, which runs the verifier on every method.
        Class<?> upgraded = Class.forName(className, true, b);
        Class<?> original = Class.forName(className, false, a);
        assertThat(upgraded.getClassLoader()).isSameAs(b);
        assertThat(members(upgraded)).as(className).isEqualTo(members(original));
        assertThat(upgraded.getModifiers()).as(className).isEqualTo(original.getModifiers());
      }
    }
  }

  @Test
  void thePackagedCliAnswersAsTheSameCodeOnTheOriginalPicocli() throws Exception {
    Path loaded = work.resolve("classes.log");
    for (String[] args : List.of(
        new String[] {"--help"},
        new String[] {"install", "--help"},
        new String[] {"publish", "--help"},
        new String[] {"instal"},
        new String[] {"install", "--no-such-option"},
        new String[] {"help", "verify"})) {
      // The original picocli first on the class path wins over the lib/ entries of the CLI's manifest.
      Exit original = run(args, "-Xlog:class+load=info:file=" + loaded, "-cp",
          originalJar + File.pathSeparator + cliJar, Main.class.getName());
      Exit packaged = run(args, "-jar", cliJar.toString());
      String what = String.join(" ", args);
      assertThat(Files.readString(loaded)).as("the first run used the original picocli")
          .contains("picocli.CommandLine source: file:" + originalJar);
      assertThat(packaged).as(what).isEqualTo(original);
      assertThat(original.out() + original.err()).as(what).isNotBlank();
    }
  }

  record Exit(int code, String out, String err) {}

  /** Runs {@code java JAVA_ARGS ARGS} with an empty environment. */
  private Exit run(String[] args, String... javaArgs) throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    List<String> cmd = new ArrayList<>(List.of(java.toString()));
    cmd.addAll(Arrays.asList(javaArgs));
    cmd.addAll(Arrays.asList(args));
    Path out = work.resolve("out");
    Path err = work.resolve("err");
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile());
    pb.environment().clear();
    pb.environment().put("PATH", "/usr/bin:/bin");
    Process p = pb.start();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("tank " + String.join(" ", args) + " finished").isTrue();
    return new Exit(p.exitValue(), Files.readString(out), Files.readString(err));
  }

  private static URLClassLoader loader(Path jar) throws IOException {
    return new URLClassLoader(new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader());
  }

  /** Class name to class-file major version, for the classes outside META-INF. */
  private static Map<String, Integer> classVersions(Path jar) throws IOException {
    Map<String, Integer> versions = new TreeMap<>();
    try (ZipFile zip = new ZipFile(jar.toFile())) {
      for (ZipEntry e : Collections.list(zip.entries())) {
        String n = e.getName();
        if (n.endsWith(".class") && !n.startsWith("META-INF/")) {
          byte[] head = zip.getInputStream(e).readNBytes(8);
          versions.put(n.substring(0, n.length() - ".class".length()).replace('/', '.'),
              ((head[6] & 0xff) << 8) | (head[7] & 0xff));
        }
      }
    }
    return versions;
  }

  private static List<String> names(ZipFile zip) {
    return Collections.list(zip.entries()).stream().map(ZipEntry::getName).toList();
  }

  private static TreeSet<String> members(Class<?> c) {
    TreeSet<String> all = new TreeSet<>();
    List<Member> members = new ArrayList<>();
    members.addAll(Arrays.asList(c.getDeclaredFields()));
    members.addAll(Arrays.asList(c.getDeclaredConstructors()));
    members.addAll(Arrays.asList(c.getDeclaredMethods()));
    for (Member m : members) {
      String sig = m instanceof Method method ? method.toGenericString() : m.toString();
      all.add(m.getModifiers() + " " + sig);
    }
    return all;
  }
}
