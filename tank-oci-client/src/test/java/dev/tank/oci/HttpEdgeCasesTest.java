package dev.tank.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.tank.mediatypes.Digest;
import dev.tank.mediatypes.ErrorCode;
import dev.tank.mediatypes.TankException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Answers no real registry gives on demand, from a small HTTP server written here: a credential
 * that expires in the middle of an upload, an answer that never comes.
 */
class HttpEdgeCasesTest {
  static final String BASIC = "Basic " + Base64.getEncoder().encodeToString("tank:s3cret".getBytes(StandardCharsets.UTF_8));

  HttpServer server;
  final List<String> seen = new CopyOnWriteArrayList<>();
  @TempDir Path home;

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private Transport transport(Duration readIdle) {
    String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/r";
    Credentials.Secret secret = new Credentials.Secret("tank", "s3cret", null);
    return new RemoteTransport(RegistryRef.parse(url, false), secret, readIdle);
  }

  private static void answer(HttpExchange ex, int status, String body) throws IOException {
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    ex.sendResponseHeaders(status, b.length == 0 ? -1 : b.length);
    if (b.length > 0) {
      ex.getResponseBody().write(b);
    }
    ex.close();
  }

  /**
   * The registry accepts the upload's start without credentials, then asks for them on the PUT
   * of a blob large enough to be streamed (a token that expired half way). The JDK cannot resend a
   * streamed body by itself; Tank answers the challenge and sends the blob again, whole.
   */
  @Test
  void aChallengeOnAStreamedUploadIsAnsweredAndTheBlobSentAgainWhole() throws IOException {
    byte[] blob = new byte[2 * 1024 * 1024 + 5];
    new java.util.Random(3).nextBytes(blob);
    Digest d = Digest.sha256(blob);
    byte[][] received = new byte[1][];
    server.createContext("/v2/", ex -> {
      String method = ex.getRequestMethod();
      String auth = ex.getRequestHeaders().getFirst("Authorization");
      byte[] body = ex.getRequestBody().readAllBytes();
      seen.add(method + " " + (auth == null ? "anonymous" : "authorized") + " " + body.length);
      switch (method) {
        case "HEAD" -> answer(ex, 404, "");
        case "POST" -> {
          ex.getResponseHeaders().add("Location", "/v2/r/acme/x/blobs/uploads/u1?state=abc");
          answer(ex, 202, "");
        }
        case "PUT" -> {
          if (!BASIC.equals(auth)) {
            ex.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"test\"");
            answer(ex, 401, "{\"errors\":[{\"code\":\"UNAUTHORIZED\"}]}");
          } else {
            assertThat(ex.getRequestURI().getRawQuery()).contains("digest=sha256%3A" + d.hex());
            received[0] = body;
            answer(ex, 201, "");
          }
        }
        default -> answer(ex, 405, "");
      }
    });
    server.start();
    try (Transport t = transport(Duration.ofSeconds(10))) {
      t.pushBlob("r/acme/x", d, blob);
    }
    assertThat(received[0]).isEqualTo(blob);
    assertThat(seen.get(seen.size() - 1)).isEqualTo("PUT authorized " + blob.length);
    assertThat(seen).contains("PUT anonymous " + blob.length);
  }

  /** Headers that never come: the wait ends after the idle limit with a coded error and a way out. */
  @Test
  void anAnswerThatNeverComesEndsAfterTheIdleLimit() {
    server.createContext("/v2/", ex -> {
      try {
        Thread.sleep(10_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      answer(ex, 200, "{}");
    });
    server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
    server.start();
    long start = System.nanoTime();
    try (Transport t = transport(Duration.ofSeconds(1))) {
      assertThatThrownBy(() -> t.listTags("r/acme/x"))
          .isInstanceOfSatisfying(TankException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.UNREACHABLE);
            assertThat(e.getMessage()).contains("did not answer in time");
            assertThat(e.hint()).contains("TANK_READ_TIMEOUT");
          });
    }
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(8));
  }

  /** A redirect to another host carries no credentials; one on the registry's own origin does. */
  @Test
  void credentialsFollowARedirectOnlyWithinTheRegistrysOrigin() throws IOException {
    HttpServer storage = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    List<String> storageSaw = new CopyOnWriteArrayList<>();
    byte[] blob = "stored elsewhere".getBytes(StandardCharsets.UTF_8);
    Digest d = Digest.sha256(blob);
    storage.createContext("/", ex -> {
      storageSaw.add(String.valueOf(ex.getRequestHeaders().getFirst("Authorization")));
      ex.sendResponseHeaders(200, blob.length);
      ex.getResponseBody().write(blob);
      ex.close();
    });
    storage.start();
    try {
      server.createContext("/v2/", ex -> {
        String auth = ex.getRequestHeaders().getFirst("Authorization");
        seen.add(ex.getRequestURI().getPath() + " " + (auth == null ? "anonymous" : "authorized"));
        if (!BASIC.equals(auth)) {
          ex.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"test\"");
          answer(ex, 401, "");
        } else if (ex.getRequestURI().getPath().startsWith("/v2/r/acme/x/blobs/")) {
          ex.getResponseHeaders().add("Location", "/v2/moved/" + d.hex());
          answer(ex, 307, "");
        } else {
          ex.getResponseHeaders().add("Location", "http://localhost:" + storage.getAddress().getPort() + "/b/" + d.hex());
          answer(ex, 302, "");
        }
      });
      server.start();
      try (Transport t = transport(Duration.ofSeconds(10))) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        t.fetchBlob("r/acme/x", d, blob.length, out);
        assertThat(out.toByteArray()).isEqualTo(blob);
      }
      assertThat(seen).contains("/v2/moved/" + d.hex() + " authorized");
      assertThat(storageSaw).containsExactly("null");
    } finally {
      storage.stop(0);
    }
  }

  /**
   * A tag list whose connection closes before the declared Content-Length: the JDK would hand over
   * the shorter body as if complete; Tank reports the cut instead of parsing half an answer.
   */
  @Test
  void anAnswerCutBeforeItsContentLengthIsAnErrorNotAShortBody() throws IOException {
    try (java.net.ServerSocket raw = new java.net.ServerSocket(0, 8, java.net.InetAddress.getLoopbackAddress())) {
      Thread t = new Thread(() -> {
        try (java.net.Socket s = raw.accept()) {
          s.getInputStream().read(new byte[8192]);
          s.getOutputStream().write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 200\r\n\r\n"
              + "{\"name\":\"r/acme/x\",\"tags\":[\"1.0.0\"]}").getBytes(StandardCharsets.US_ASCII));
        } catch (IOException ignored) {
          // the test fails on the client side if this server misbehaves
        }
      }, "cutting-server");
      t.setDaemon(true);
      t.start();
      String url = "http://127.0.0.1:" + raw.getLocalPort() + "/r";
      try (Transport tr = new RemoteTransport(RegistryRef.parse(url, false), null, Duration.ofSeconds(10))) {
        assertThatThrownBy(() -> tr.listTags("r/acme/x"))
            .isInstanceOfSatisfying(TankException.class, e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.UNREACHABLE);
              assertThat(e.getMessage()).startsWith("TANK-E-UNREACHABLE: the registry closed the connection after 36 of 200 bytes");
              assertThat(e.hint()).isNotBlank();
            });
      }
    }
  }
}
