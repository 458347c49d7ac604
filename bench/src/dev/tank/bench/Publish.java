package dev.tank.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tank.Tank;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Loads the corpus into the two registries before anything is measured (setup, not a benchmark):
 * the Tank skills through the Tank library into the distribution registry, the npm packages into
 * verdaccio with the npm publish protocol (one PUT of the packument with the tarball attached,
 * which is what {@code npm publish} sends). Both in parallel, so setup stays short at 1 000 skills.
 * Then writes the list of URLs a minimal client has to GET, for the transfer floor.
 *
 * <p>Usage: {@code Publish tank CORPUS REGISTRY_URL} · {@code Publish npm CORPUS VERDACCIO_URL} ·
 * {@code Publish floor-urls CORPUS REGISTRY_URL OUT_FILE}.
 */
public final class Publish {
  private Publish() {}

  private static final int THREADS = 4;
  private static final ObjectMapper JSON = new ObjectMapper();

  public static void main(String[] args) throws Exception {
    Path corpus = Path.of(args[1]);
    switch (args[0]) {
      case "tank" -> tank(corpus, args[2]);
      case "npm" -> npm(corpus, args[2]);
      case "floor-urls" -> floorUrls(corpus, args[2], Path.of(args[3]));
      default -> throw new IllegalArgumentException("unknown mode " + args[0]);
    }
  }

  private static List<Path> dirs(Path root) throws IOException {
    try (Stream<Path> s = Files.list(root)) {
      return s.filter(Files::isDirectory).sorted().toList();
    }
  }

  private static void parallel(List<Path> dirs, ThrowingConsumer job) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      List<Future<?>> fs = new ArrayList<>();
      for (Path d : dirs) {
        fs.add(pool.submit(() -> {
          job.accept(d);
          return null;
        }));
      }
      for (Future<?> f : fs) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private interface ThrowingConsumer {
    void accept(Path p) throws Exception;
  }

  private static void tank(Path corpus, String registry) throws Exception {
    Path home = Files.createTempDirectory("bench-home");
    List<Path> dirs = dirs(corpus.resolve("skills"));
    long t0 = System.nanoTime();
    parallel(dirs, d -> {
      try (Tank t = Tank.builder().registry(registry).env(Map.of()).home(home).cacheDir(home.resolve("cache")).build()) {
        t.publish(d, false);
      }
    });
    System.out.printf("published %d skills to %s in %.1f s%n", dirs.size(), registry, (System.nanoTime() - t0) / 1e9);
  }

  private static void npm(Path corpus, String registry) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    String base = registry.endsWith("/") ? registry : registry + "/";
    List<Path> dirs = dirs(corpus.resolve("npm"));
    long t0 = System.nanoTime();
    parallel(dirs, d -> {
      byte[] tgz = npmTarball(d);
      JsonNode pkg = JSON.readTree(d.resolve("package.json").toFile());
      String name = pkg.get("name").asText();
      String version = pkg.get("version").asText();
      String bare = name.substring(name.indexOf('/') + 1);
      ObjectNode v = ((ObjectNode) pkg.deepCopy());
      v.put("_id", name + "@" + version);
      ObjectNode dist = v.putObject("dist");
      dist.put("integrity", "sha512-" + Base64.getEncoder().encodeToString(hash("SHA-512", tgz)));
      dist.put("shasum", HexFormat.of().formatHex(hash("SHA-1", tgz)));
      dist.put("tarball", base + name + "/-/" + bare + "-" + version + ".tgz");
      ObjectNode doc = JSON.createObjectNode();
      doc.put("_id", name);
      doc.put("name", name);
      doc.put("description", pkg.path("description").asText());
      doc.putObject("dist-tags").put("latest", version);
      doc.putObject("versions").set(version, v);
      ObjectNode att = doc.putObject("_attachments").putObject(name + "-" + version + ".tgz");
      att.put("content_type", "application/octet-stream");
      att.put("data", Base64.getEncoder().encodeToString(tgz));
      att.put("length", tgz.length);
      HttpRequest req = HttpRequest.newBuilder(URI.create(base + URLEncoder.encode(name, StandardCharsets.UTF_8)))
          .header("Content-Type", "application/json")
          .header("Authorization", "Bearer bench")
          .PUT(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(doc)))
          .build();
      HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() / 100 != 2) {
        throw new IOException("npm publish of " + name + " failed: HTTP " + r.statusCode() + " " + r.body());
      }
    });
    System.out.printf("published %d npm packages to %s in %.1f s%n", dirs.size(), registry, (System.nanoTime() - t0) / 1e9);
  }

  private static byte[] hash(String alg, byte[] b) throws NoSuchAlgorithmException {
    return MessageDigest.getInstance(alg).digest(b);
  }

  /** An npm tarball: every file under {@code package/}, sorted, fixed mtime, modes 0644/0755. */
  static byte[] npmTarball(Path dir) throws IOException {
    List<Path> files;
    try (Stream<Path> s = Files.walk(dir)) {
      files = s.filter(Files::isRegularFile).sorted().toList();
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (OutputStream gz = new GZIPOutputStream(bytes); TarArchiveOutputStream tar = new TarArchiveOutputStream(gz)) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      for (Path f : files) {
        String rel = dir.relativize(f).toString().replace('\\', '/');
        TarArchiveEntry e = new TarArchiveEntry("package/" + rel);
        byte[] content = Files.readAllBytes(f);
        e.setSize(content.length);
        e.setMode(Files.isExecutable(f) ? 0100755 : 0100644);
        e.setModTime(499162500000L); // 1985-10-26, what npm pack writes
        tar.putArchiveEntry(e);
        tar.write(content);
        tar.closeArchiveEntry();
      }
    }
    return bytes.toByteArray();
  }

  /**
   * The GETs a minimal client makes to install the whole corpus: per skill the tag list, the
   * manifest by tag, the config blob unless the manifest carries it inside (descriptor
   * {@code data}), and the content blob. Written as lines {@code kind<TAB>url}, so the script
   * can pick the subset it measures.
   */
  private static void floorUrls(Path corpus, String registry, Path out) throws Exception {
    URI reg = URI.create(registry);
    String prefix = reg.getPath().replaceAll("^/+|/+$", "");
    String v2 = reg.getScheme() + "://" + reg.getAuthority() + "/v2/" + (prefix.isEmpty() ? "" : prefix + "/");
    HttpClient http = HttpClient.newHttpClient();
    List<String> lines = new ArrayList<>();
    int skills = 0;
    for (Path d : dirs(corpus.resolve("skills"))) {
      JsonNode sj = JSON.readTree(d.resolve("skills.json").toFile());
      String name = sj.get("name").asText();
      String repo = v2 + name.substring(1); // @bench/x -> bench/x
      String tag = sj.get("version").asText().replace('+', '_');
      HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create(repo + "/manifests/" + tag))
          .header("Accept", "application/vnd.oci.image.manifest.v1+json").GET().build(), HttpResponse.BodyHandlers.ofByteArray());
      if (r.statusCode() != 200) {
        throw new IOException("manifest of " + name + ": HTTP " + r.statusCode());
      }
      JsonNode m = JSON.readTree(r.body());
      lines.add("tags\t" + repo + "/tags/list?n=1000");
      lines.add("manifest\t" + repo + "/manifests/" + tag);
      if (!m.get("config").hasNonNull("data")) {
        lines.add("blob\t" + repo + "/blobs/" + m.get("config").get("digest").asText());
      }
      lines.add("blob\t" + repo + "/blobs/" + m.get("layers").get(0).get("digest").asText());
      skills++;
    }
    try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(out))) {
      lines.forEach(w::println);
    }
    System.out.printf("floor: %d URLs for %d skills%n", lines.size(), skills);
  }
}
