package dev.tank.conformance;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * A man-in-the-middle for registry tests: an HTTP server on {@code 127.0.0.1:0} that forwards
 * every request to a real registry and lets a test install rules that rewrite the answers for
 * matching requests — flip a byte, truncate a body, stream an endless body, serve another
 * manifest under a tag, freeze a tag list, lie in {@code Docker-Content-Digest}.
 *
 * <p>Bounded and stoppable: endless bodies stop when the client disconnects, after {@link
 * #ENDLESS_CAP_BYTES} or {@link #ENDLESS_CAP_TIME}, or when the proxy is closed; {@link
 * #openStreams()} tells a test whether any is still running.
 */
public final class TamperingProxy implements AutoCloseable {
  /** Most bytes an endless body sends before giving up on its own. */
  public static final long ENDLESS_CAP_BYTES = 1L << 30;
  /** Longest an endless body runs before giving up on its own. */
  public static final Duration ENDLESS_CAP_TIME = Duration.ofSeconds(45);

  private static final Set<String> FORWARDED_REQUEST_HEADERS =
      Set.of("accept", "content-type", "authorization", "content-range", "user-agent");
  private static final Set<String> DROPPED_RESPONSE_HEADERS =
      Set.of("content-length", "transfer-encoding", "connection", "keep-alive", "date");
  private static final long MAX_FORWARDED_BODY = 64L << 20;

  private final HttpServer server;
  private final ExecutorService pool;
  private final HttpClient client;
  private final String upstream;
  private final List<Rule> rules = new CopyOnWriteArrayList<>();
  private final List<String> seen = new CopyOnWriteArrayList<>();
  private final List<Request> received = new CopyOnWriteArrayList<>();
  private final AtomicInteger openStreams = new AtomicInteger();
  private final AtomicLong endlessBytes = new AtomicLong();
  private volatile boolean closed;

  private TamperingProxy(String upstream) throws IOException {
    this.upstream = upstream.replaceAll("/+$", "");
    this.client = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .followRedirects(HttpClient.Redirect.NEVER)
        .connectTimeout(Duration.ofSeconds(5))
        .build();
    AtomicInteger n = new AtomicInteger();
    this.pool = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "tampering-proxy-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    server.setExecutor(pool);
    server.createContext("/", this::handle);
    server.start();
  }

  /** Starts a proxy in front of {@code upstreamBase} ({@code http://127.0.0.1:PORT}). */
  public static TamperingProxy start(String upstreamBase) {
    try {
      return new TamperingProxy(upstreamBase);
    } catch (IOException e) {
      throw new IllegalStateException("cannot start the tampering proxy: " + e, e);
    }
  }

  /** {@code http://127.0.0.1:PORT} of the proxy. */
  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /**
   * Installs a rule: requests whose method equals {@code method} (or any, for {@code "*"}) and
   * whose path matches {@code pathRegex} (whole path, no query) are answered by {@code tamper}.
   * The first matching rule wins.
   */
  public Rule on(String method, String pathRegex, Tamper tamper) {
    Rule r = new Rule(method, Pattern.compile(pathRegex), tamper);
    rules.add(r);
    return r;
  }

  /** Removes every rule; the proxy forwards honestly again. */
  public void clearRules() {
    rules.clear();
  }

  /** Removes every rule and forgets the requests seen so far. */
  public void reset() {
    rules.clear();
    seen.clear();
    received.clear();
  }

  /** {@code METHOD path?query} of every request seen, in order. */
  public List<String> requests() {
    return List.copyOf(seen);
  }

  /** Every request seen, with its headers, in order. */
  public List<Request> received() {
    return List.copyOf(received);
  }

  /** Endless bodies still being written. */
  public int openStreams() {
    return openStreams.get();
  }

  /** Bytes written by endless bodies so far (all of them together). */
  public long endlessBytesSent() {
    return endlessBytes.get();
  }

  /** What the upstream answers now to {@code GET path} (e.g. to freeze a tag list). */
  public Response capture(String path, String accept) {
    Headers h = new Headers();
    if (accept != null) {
      h.add("Accept", accept);
    }
    return forward(new Request("GET", path, null, h, new byte[0]));
  }

  // --- rules and answers ---

  /** A rule; counts the requests it answered. */
  public static final class Rule {
    private final String method;
    private final Pattern path;
    private final Tamper tamper;
    private final AtomicInteger hits = new AtomicInteger();

    private Rule(String method, Pattern path, Tamper tamper) {
      this.method = method;
      this.path = path;
      this.tamper = tamper;
    }

    boolean matches(Request r) {
      return ("*".equals(method) || method.equalsIgnoreCase(r.method())) && path.matcher(r.path()).matches();
    }

    public int hits() {
      return hits.get();
    }
  }

  /** A request as received by the proxy. */
  public record Request(String method, String path, String rawQuery, Headers headers, byte[] body) {
    String pathAndQuery() {
      return rawQuery == null ? path : path + "?" + rawQuery;
    }
  }

  /** An answer: status, headers (lower-case names) and the whole body. */
  public record Response(int status, Map<String, List<String>> headers, byte[] body) {
    public Response {
      Map<String, List<String>> copy = new LinkedHashMap<>();
      headers.forEach((k, v) -> copy.put(k.toLowerCase(Locale.ROOT), List.copyOf(v)));
      headers = copy;
    }

    public Optional<String> header(String name) {
      List<String> v = headers.get(name.toLowerCase(Locale.ROOT));
      return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v.get(0));
    }

    public Response withHeader(String name, String value) {
      Map<String, List<String>> h = new LinkedHashMap<>(headers);
      h.put(name.toLowerCase(Locale.ROOT), List.of(value));
      return new Response(status, h, body);
    }

    public Response withoutHeader(String name) {
      Map<String, List<String>> h = new LinkedHashMap<>(headers);
      h.remove(name.toLowerCase(Locale.ROOT));
      return new Response(status, h, body);
    }

    public Response withBody(byte[] b) {
      return new Response(status, headers, b);
    }

    public static Response of(int status, String contentType, byte[] body) {
      return new Response(status, Map.of("content-type", List.of(contentType)), body);
    }
  }

  /** Answers one request; may forward it, or parts of it, to the real registry. */
  @FunctionalInterface
  public interface Tamper {
    void respond(Call call) throws IOException;
  }

  /** One request being answered by a {@link Tamper}. */
  public final class Call {
    private final Request request;
    private final HttpExchange exchange;

    private Call(Request request, HttpExchange exchange) {
      this.request = request;
      this.exchange = exchange;
    }

    public Request request() {
      return request;
    }

    /** The real registry's answer to this request. */
    public Response forward() {
      return TamperingProxy.this.forward(request);
    }

    /** The real registry's answer to the same request sent to {@code pathAndQuery} instead. */
    public Response forwardTo(String pathAndQuery) {
      int q = pathAndQuery.indexOf('?');
      String path = q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
      String query = q < 0 ? null : pathAndQuery.substring(q + 1);
      return TamperingProxy.this.forward(new Request(request.method(), path, query, request.headers(), request.body()));
    }

    /** Sends a whole answer with a correct Content-Length. */
    public void send(Response r) throws IOException {
      copyHeaders(r);
      if ("HEAD".equalsIgnoreCase(request.method())) {
        r.header("content-length").ifPresent(v -> exchange.getResponseHeaders().set("Content-Length", v));
        exchange.sendResponseHeaders(r.status(), -1);
        return;
      }
      boolean empty = r.body().length == 0;
      exchange.sendResponseHeaders(r.status(), empty ? -1 : r.body().length);
      if (!empty) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(r.body());
        }
      }
    }

    /**
     * Declares {@code declaredLength} bytes in Content-Length ({@code 0}: chunked), writes {@code
     * body}, then either finishes normally or (with {@code abort}) drops the connection.
     */
    public void sendRaw(Response r, long declaredLength, byte[] body, boolean abort) throws IOException {
      copyHeaders(r);
      exchange.sendResponseHeaders(r.status(), declaredLength);
      OutputStream out = exchange.getResponseBody();
      out.write(body);
      out.flush();
      if (abort) {
        // Throwing out of the handler makes the server close the socket mid-body.
        throw new AbortConnection();
      }
      out.close();
    }

    /** Streams zeros (chunked) until the client goes away, a cap is hit, or the proxy closes. */
    public void sendEndless(Response headersFrom) throws IOException {
      copyHeaders(headersFrom);
      exchange.sendResponseHeaders(200, 0);
      openStreams.incrementAndGet();
      long deadline = System.nanoTime() + ENDLESS_CAP_TIME.toNanos();
      byte[] zeros = new byte[16384];
      long sent = 0;
      try {
        OutputStream out = exchange.getResponseBody();
        while (!closed && sent < ENDLESS_CAP_BYTES && System.nanoTime() < deadline) {
          out.write(zeros);
          out.flush();
          sent += zeros.length;
          endlessBytes.addAndGet(zeros.length);
        }
        throw new AbortConnection();
      } finally {
        openStreams.decrementAndGet();
      }
    }

    private void copyHeaders(Response r) {
      Headers h = exchange.getResponseHeaders();
      r.headers().forEach((k, v) -> {
        if (!DROPPED_RESPONSE_HEADERS.contains(k)) {
          List<String> values = new ArrayList<>();
          for (String s : v) {
            values.add("location".equals(k) ? s.replace(upstream, url()) : s);
          }
          h.put(k, values);
        }
      });
    }
  }

  /** Thrown out of a handler to make the server drop the connection. */
  private static final class AbortConnection extends IOException {
    private static final long serialVersionUID = 1L;

    AbortConnection() {
      super("tampering proxy drops the connection on purpose");
    }
  }

  // --- ready-made lies ---

  /** Forwards, then rewrites the answer. */
  public static Tamper rewrite(UnaryOperator<Response> how) {
    return call -> call.send(how.apply(call.forward()));
  }

  /** Flips every bit of the byte in the middle of the body; keeps the server's headers. */
  public static UnaryOperator<Response> flipMiddleByte() {
    return r -> {
      byte[] b = r.body().clone();
      if (b.length > 0) {
        b[b.length / 2] ^= (byte) 0xFF;
      }
      return r.withBody(b);
    };
  }

  /** Sets {@code Docker-Content-Digest} to {@code digest}. */
  public static UnaryOperator<Response> digestHeader(String digest) {
    return r -> r.withHeader("Docker-Content-Digest", digest);
  }

  /** Appends {@code extra} zero bytes to the body. */
  public static UnaryOperator<Response> append(int extra) {
    return r -> {
      byte[] b = java.util.Arrays.copyOf(r.body(), r.body().length + extra);
      return r.withBody(b);
    };
  }

  /** Declares the full Content-Length, sends only {@code keep} bytes and drops the connection. */
  public static Tamper truncateKeepingLength(int keep) {
    return call -> {
      Response r = call.forward();
      int n = Math.min(keep, r.body().length - 1);
      call.sendRaw(r, r.body().length, java.util.Arrays.copyOf(r.body(), n), true);
    };
  }

  /** Sends only {@code keep} bytes as a chunked body that ends cleanly: a short but well-formed answer. */
  public static Tamper truncateChunked(int keep) {
    return call -> {
      Response r = call.forward();
      int n = Math.min(keep, r.body().length - 1);
      call.sendRaw(r, 0, java.util.Arrays.copyOf(r.body(), n), false);
    };
  }

  /** Sends the upstream's headers, then zeros forever (bounded by the caps). */
  public static Tamper endless() {
    return call -> {
      Response r = call.forward();
      call.sendEndless(r);
    };
  }

  /** Answers with what the upstream has at {@code pathAndQuery} instead. */
  public static Tamper serveFrom(String pathAndQuery) {
    return call -> call.send(call.forwardTo(pathAndQuery));
  }

  /** Answers with the upstream's answer for the same request with {@code from} replaced by {@code to} in its path. */
  public static Tamper replacePath(String from, String to) {
    return call -> call.send(call.forwardTo(call.request().pathAndQuery().replace(from, to)));
  }

  /** Answers {@code status} (a redirect) with {@code Location: location}. */
  public static Tamper redirect(int status, String location) {
    return call -> call.send(new Response(status, Map.of("location", List.of(location)), new byte[0]));
  }

  /** Always answers {@code fixed} (e.g. a tag list captured earlier: a frozen tag list). */
  public static Tamper fixed(Response fixed) {
    return call -> call.send(fixed);
  }

  // --- plumbing ---

  private void handle(HttpExchange ex) throws IOException {
    // Any exception thrown out of here makes the server drop the connection, which is exactly
    // what a broken or malicious registry does; the normal path closes the exchange itself.
    byte[] body;
    try (InputStream in = ex.getRequestBody()) {
      body = in.readNBytes((int) MAX_FORWARDED_BODY);
    }
    URI u = ex.getRequestURI();
    Request req = new Request(ex.getRequestMethod(), u.getRawPath(), u.getRawQuery(), ex.getRequestHeaders(), body);
    seen.add(req.method() + " " + req.pathAndQuery());
    received.add(req);
    Call call = new Call(req, ex);
    Rule rule = rules.stream().filter(r -> r.matches(req)).findFirst().orElse(null);
    try {
      if (rule != null) {
        rule.hits.incrementAndGet();
        rule.tamper.respond(call);
      } else {
        call.send(forward(req));
      }
    } catch (RuntimeException e) {
      throw new IOException(e);
    }
    ex.close();
  }

  private Response forward(Request req) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(upstream + req.pathAndQuery())).timeout(Duration.ofSeconds(30));
    req.headers().forEach((k, v) -> {
      if (FORWARDED_REQUEST_HEADERS.contains(k.toLowerCase(Locale.ROOT))) {
        b.header(k, String.join(", ", v));
      }
    });
    boolean hasBody = req.body().length > 0 || "PUT".equals(req.method()) || "POST".equals(req.method()) || "PATCH".equals(req.method());
    b.method(req.method(), hasBody ? HttpRequest.BodyPublishers.ofByteArray(req.body()) : HttpRequest.BodyPublishers.noBody());
    try {
      HttpResponse<byte[]> r = client.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
      return new Response(r.statusCode(), r.headers().map(), r.body() == null ? new byte[0] : r.body());
    } catch (IOException e) {
      throw new IllegalStateException("upstream failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  @Override
  public void close() {
    closed = true;
    server.stop(0);
    pool.shutdownNow();
    try {
      pool.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
