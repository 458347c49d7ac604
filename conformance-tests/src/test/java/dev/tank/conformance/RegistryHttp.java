package dev.tank.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * A plain distribution-API client for tests, independent of Tank's own transport: reads what a
 * registry really holds and writes to it the way an attacker with push access (or a careless
 * mirror) would — no immutability checks, no verification.
 */
public final class RegistryHttp {
  static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String base;
  private final HttpClient http = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5))
      .build();

  /** {@code base} is {@code http://127.0.0.1:PORT}. */
  public RegistryHttp(String base) {
    this.base = base.replaceAll("/+$", "");
  }

  public static String sha256(byte[] bytes) {
    try {
      return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  public static JsonNode json(byte[] bytes) {
    try {
      return JSON.readTree(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static JsonNode json(String text) {
    return json(text.getBytes(StandardCharsets.UTF_8));
  }

  /** Manifest bytes at {@code repo:reference}; fails when absent. */
  public byte[] manifest(String repo, String reference) {
    HttpResponse<byte[]> r = send(HttpRequest.newBuilder(uri("/v2/" + repo + "/manifests/" + reference))
        .header("Accept", OCI_MANIFEST).GET());
    expect(r, 200, "GET manifest " + repo + ":" + reference);
    return r.body();
  }

  /** True when {@code repo:reference} resolves. */
  public boolean manifestExists(String repo, String reference) {
    HttpResponse<byte[]> r = send(HttpRequest.newBuilder(uri("/v2/" + repo + "/manifests/" + reference))
        .header("Accept", OCI_MANIFEST).method("HEAD", HttpRequest.BodyPublishers.noBody()));
    return r.statusCode() == 200;
  }

  public byte[] blob(String repo, String digest) {
    HttpResponse<byte[]> r = send(HttpRequest.newBuilder(uri("/v2/" + repo + "/blobs/" + digest)).GET());
    expect(r, 200, "GET blob " + repo + "@" + digest);
    return r.body();
  }

  /** Tags of {@code repo}; empty when the repository does not exist. */
  public List<String> tags(String repo) {
    HttpResponse<byte[]> r = send(HttpRequest.newBuilder(uri("/v2/" + repo + "/tags/list")).GET());
    if (r.statusCode() == 404) {
      return List.of();
    }
    expect(r, 200, "GET tags " + repo);
    List<String> out = new ArrayList<>();
    json(r.body()).path("tags").forEach(t -> out.add(t.asText()));
    return out;
  }

  /** Uploads a blob (monolithic POST + PUT); returns its digest. */
  public String pushBlob(String repo, byte[] content) {
    String digest = sha256(content);
    HttpResponse<byte[]> start = send(HttpRequest.newBuilder(uri("/v2/" + repo + "/blobs/uploads/"))
        .POST(HttpRequest.BodyPublishers.noBody()));
    expect(start, 202, "start upload " + repo);
    String location = start.headers().firstValue("Location").orElseThrow();
    URI upload = uri("/v2/" + repo + "/blobs/uploads/").resolve(location);
    String sep = upload.getRawQuery() == null ? "?" : "&";
    URI put = URI.create(upload + sep + "digest=" + URLEncoder.encode(digest, StandardCharsets.UTF_8));
    HttpResponse<byte[]> done = send(HttpRequest.newBuilder(put)
        .header("Content-Type", "application/octet-stream").PUT(HttpRequest.BodyPublishers.ofByteArray(content)));
    expect(done, 201, "finish upload " + repo);
    return digest;
  }

  /** Mounts an existing blob of {@code fromRepo} into {@code repo}. */
  public void mountBlob(String repo, String fromRepo, String digest) {
    HttpResponse<byte[]> r = send(HttpRequest.newBuilder(uri("/v2/" + repo + "/blobs/uploads/?mount="
        + URLEncoder.encode(digest, StandardCharsets.UTF_8) + "&from=" + URLEncoder.encode(fromRepo, StandardCharsets.UTF_8)))
        .POST(HttpRequest.BodyPublishers.noBody()));
    expect(r, 201, "mount " + digest + " from " + fromRepo + " into " + repo);
  }

  /** Stores manifest bytes under {@code reference} (a tag, moved if it exists); returns their digest. */
  public String putManifest(String repo, String reference, byte[] manifest) {
    HttpResponse<byte[]> r = send(HttpRequest.newBuilder(uri("/v2/" + repo + "/manifests/" + reference))
        .header("Content-Type", OCI_MANIFEST).PUT(HttpRequest.BodyPublishers.ofByteArray(manifest)));
    expect(r, 201, "PUT manifest " + repo + ":" + reference);
    return sha256(manifest);
  }

  public void deleteManifest(String repo, String digest) {
    HttpResponse<byte[]> r = send(HttpRequest.newBuilder(uri("/v2/" + repo + "/manifests/" + digest)).DELETE());
    expect(r, 202, "DELETE manifest " + repo + "@" + digest);
  }

  private URI uri(String path) {
    return URI.create(base + path);
  }

  private HttpResponse<byte[]> send(HttpRequest.Builder b) {
    try {
      return http.send(b.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static void expect(HttpResponse<byte[]> r, int status, String what) {
    if (r.statusCode() != status) {
      throw new IllegalStateException(what + ": HTTP " + r.statusCode() + " " + new String(r.body(), StandardCharsets.UTF_8));
    }
  }
}
