package dev.tank.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.tank.mediatypes.Digest;
import dev.tank.mediatypes.Json;
import dev.tank.mediatypes.TankException;
import dev.tank.oci.LayoutTransport;
import dev.tank.oci.RegistryRef;
import dev.tank.oci.Transport;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The read side of the distribution API over an OCI layout, on a loopback port: what {@link
 * AotTraining} installs from, so that the recorded cache holds the JDK's HTTP client classes a real
 * install loads. It runs in a JVM of its own ({@code AotTraining serve DIR}), because whatever the
 * recording JVM loads goes into the cache, and a server's classes would then load at every start.
 *
 * <p>Like distribution 2.8 it has no referrers API (404), so installs take the fallback tag. Not a
 * registry for anything else: no push, no auth, no catalog.
 */
final class TrainingRegistry implements AutoCloseable {
  private static final Pattern PATH =
      Pattern.compile("/v2/(?<repo>[a-z0-9._/-]+?)/(?<kind>tags/list|manifests|blobs|referrers)(?:/(?<ref>[^/]+))?");

  private final LayoutTransport layout;
  private final HttpServer server;
  private final ExecutorService threads = Executors.newFixedThreadPool(4);
  private final AtomicInteger answered = new AtomicInteger();

  TrainingRegistry(Path layoutRoot) throws IOException {
    this.layout = new LayoutTransport(RegistryRef.parse("oci-layout:" + layoutRoot, false));
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    server.createContext("/v2/", this::answer);
    server.setExecutor(threads);
    server.start();
  }

  /** The registry reference installs use: {@code http://127.0.0.1:PORT}. */
  String url() {
    return "http://" + server.getAddress().getHostString() + ":" + server.getAddress().getPort();
  }

  /** Requests answered with 200 so far. */
  int answered() {
    return answered.get();
  }

  private void answer(HttpExchange exchange) throws IOException {
    try (exchange) {
      respond(exchange);
      if (exchange.getResponseCode() == 200) {
        answered.incrementAndGet();
      }
    }
  }

  private void respond(HttpExchange exchange) throws IOException {
    try {
      boolean head = exchange.getRequestMethod().equals("HEAD");
      if (!head && !exchange.getRequestMethod().equals("GET")) {
        send(exchange, 405, "application/json", error("UNSUPPORTED", "read-only"), false);
        return;
      }
      String path = exchange.getRequestURI().getPath();
      if (path.equals("/v2/")) {
        send(exchange, 200, "application/json", "{}".getBytes(StandardCharsets.UTF_8), head);
        return;
      }
      Matcher m = PATH.matcher(path);
      if (!m.matches()) {
        send(exchange, 404, "application/json", error("NAME_UNKNOWN", path), head);
        return;
      }
      String repo = m.group("repo");
      String ref = m.group("ref");
      switch (m.group("kind")) {
        case "tags/list" -> tags(exchange, repo, head);
        case "manifests" -> manifest(exchange, repo, ref, head);
        case "blobs" -> blob(exchange, repo, ref, head);
        default -> send(exchange, 404, "application/json", error("UNSUPPORTED", "no referrers API"), head);
      }
    } catch (TankException | IllegalArgumentException e) {
      send(exchange, 400, "application/json", error("UNSUPPORTED", e.getMessage()), false);
    }
  }

  private void tags(HttpExchange exchange, String repo, boolean head) throws IOException {
    List<String> tags = layout.listTags(repo);
    if (tags.isEmpty()) {
      send(exchange, 404, "application/json", error("NAME_UNKNOWN", repo), head);
      return;
    }
    byte[] body = Json.mapper().writeValueAsBytes(java.util.Map.of("name", repo, "tags", tags));
    send(exchange, 200, "application/json", body, head);
  }

  private void manifest(HttpExchange exchange, String repo, String reference, boolean head) throws IOException {
    Optional<Transport.Fetched> fetched = reference == null ? Optional.empty() : layout.fetchManifest(repo, reference);
    if (fetched.isEmpty()) {
      send(exchange, 404, "application/json", error("MANIFEST_UNKNOWN", reference), head);
      return;
    }
    exchange.getResponseHeaders().set("Docker-Content-Digest", fetched.get().digest().toString());
    send(exchange, 200, fetched.get().mediaType(), fetched.get().bytes(), head);
  }

  private void blob(HttpExchange exchange, String repo, String digest, boolean head) throws IOException {
    Path file = digest == null ? null : layout.blobPath(repo, Digest.parse(digest));
    if (file == null || !Files.isRegularFile(file)) {
      send(exchange, 404, "application/json", error("BLOB_UNKNOWN", digest), head);
      return;
    }
    exchange.getResponseHeaders().set("Content-Type", "application/octet-stream");
    exchange.getResponseHeaders().set("Docker-Content-Digest", digest);
    if (head) {
      exchange.getResponseHeaders().set("Content-Length", Long.toString(Files.size(file)));
      exchange.sendResponseHeaders(200, -1);
      return;
    }
    exchange.sendResponseHeaders(200, Files.size(file));
    try (InputStream in = Files.newInputStream(file); OutputStream out = exchange.getResponseBody()) {
      in.transferTo(out);
    }
  }

  private static byte[] error(String code, String detail) throws IOException {
    return Json.mapper().writeValueAsBytes(
        java.util.Map.of("errors", List.of(java.util.Map.of("code", code, "message", String.valueOf(detail)))));
  }

  private static void send(HttpExchange exchange, int status, String type, byte[] body, boolean head) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", type);
    if (head) {
      exchange.getResponseHeaders().set("Content-Length", Integer.toString(body.length));
      exchange.sendResponseHeaders(status, -1);
      return;
    }
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }
}
