package dev.tank.oci;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tank.mediatypes.Digest;
import dev.tank.mediatypes.ErrorCode;
import dev.tank.mediatypes.Json;
import dev.tank.mediatypes.MediaTypes;
import dev.tank.mediatypes.TankException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.HttpURLConnection;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A remote OCI registry over the distribution API (v2), on the JDK's {@link HttpURLConnection}
 * (HTTP/1.1 with kept-alive connections).
 *
 * <p>Handles Basic and Bearer-token challenges. Every manifest and blob is hashed while read and
 * compared with the digest asked for; a tag's digest is computed from the bytes, never taken from
 * {@code Docker-Content-Digest}. Bodies are read only up to the size the descriptor allows.
 *
 * <p>Why not {@code java.net.http.HttpClient}: for the hundreds of small requests of an install it
 * spent about three times the CPU of this client (its asynchronous pipeline runs every response
 * through several executor hand-offs) and took twice as long on two cores; see docs/decisions.md.
 */
public final class RemoteTransport implements Transport {
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
  /** Bodies up to this size are sent with a known length from memory, larger ones streamed. */
  private static final int STREAM_ABOVE = 1 << 20;
  private static final String USER_AGENT = "tank/0.1";
  private static final String MANIFEST_ACCEPT = MediaTypes.OCI_MANIFEST + ", " + MediaTypes.OCI_INDEX;
  private static final Pattern CHALLENGE_PARAM = Pattern.compile("(\\w+)=\"([^\"]*)\"");

  private final RegistryRef ref;
  private final Credentials.Secret secret;
  /**
   * How long the registry may send nothing, while Tank waits for an answer or in the middle of a
   * body, before Tank gives up ({@code TANK_READ_TIMEOUT} seconds overrides).
   */
  public static final Duration DEFAULT_READ_IDLE = Duration.ofSeconds(30);

  static {
    // The JDK keeps at most 5 idle connections per registry unless told otherwise; an install
    // runs 8 requests at a time, and every connection dropped is a new TCP (and TLS) handshake.
    if (System.getProperty("http.maxConnections") == null) {
      System.setProperty("http.maxConnections", "16");
    }
  }

  private final Duration readIdle;
  private final javax.net.ssl.SSLSocketFactory tls;
  private final String base;
  private final Map<String, String> authByScope = new ConcurrentHashMap<>();

  public RemoteTransport(RegistryRef ref, Credentials.Secret secret) {
    this(ref, secret, DEFAULT_READ_IDLE);
  }

  /** {@code readIdle}: how long the registry may send nothing before a read fails. */
  public RemoteTransport(RegistryRef ref, Credentials.Secret secret, Duration readIdle) {
    this(ref, secret, readIdle, null);
  }

  /** {@code tls}: the TLS socket factory for {@code https} (null: the JVM's default trust). */
  public RemoteTransport(RegistryRef ref, Credentials.Secret secret, Duration readIdle, javax.net.ssl.SSLSocketFactory tls) {
    this.tls = tls;
    this.readIdle = readIdle;
    this.ref = ref;
    this.secret = secret;
    this.base = ref.scheme() + "://" + ref.host() + "/v2/";
  }

  @Override
  public RegistryRef ref() {
    return ref;
  }

  @Override
  public List<String> listTags(String repository) {
    List<String> tags = new ArrayList<>();
    String url = base + repository + "/tags/list?n=1000";
    java.util.Set<String> read = new java.util.HashSet<>();
    for (int page = 0; url != null && page < 1000; page++) {
      if (!read.add(url)) {
        // An honest registry's next link always moves on; following a loop would repeat it 1000 times.
        throw new TankException(ErrorCode.REGISTRY, "the tag list links back to a page already read", url,
            "the registry (or a proxy) is misbehaving; report it to the registry's operator");
      }
      try (Response r = send(Request.get(url, "application/json"), repository, false); InputStream in = r.body()) {
        if (r.statusCode() == 404) {
          return tags;
        }
        byte[] body = Verified.readBounded(in, MAX_MANIFEST_BYTES, url);
        expectOk(r, body, url);
        JsonNode node = Json.mapper().readTree(body);
        JsonNode list = node.get("tags");
        if (list != null && list.isArray()) {
          list.forEach(t -> tags.add(t.asText()));
        }
        url = nextLink(r, url);
      } catch (IOException e) {
        throw unreachable(e, url);
      }
    }
    return tags;
  }

  private String nextLink(Response r, String current) {
    Optional<String> link = r.header("Link");
    if (link.isEmpty()) {
      return null;
    }
    Matcher m = Pattern.compile("<([^>]+)>\\s*;\\s*rel=\"?next\"?").matcher(link.get());
    if (!m.find()) {
      return null;
    }
    URI next = URI.create(current).resolve(m.group(1));
    if (!sameOrigin(next, URI.create(current))) {
      throw new TankException(ErrorCode.REGISTRY, "the tag list continues on another host: " + next.getHost(), current,
          "the registry (or a proxy) is misbehaving; Tank does not send credentials elsewhere");
    }
    return next.toString();
  }

  @Override
  public Optional<Fetched> fetchManifest(String repository, String reference) {
    String url = base + repository + "/manifests/" + reference;
    try (Response r = send(Request.get(url, MANIFEST_ACCEPT), repository, false); InputStream in = r.body()) {
      if (r.statusCode() == 404) {
        return Optional.empty();
      }
      byte[] body = Verified.readBounded(in, MAX_MANIFEST_BYTES, url);
      expectOk(r, body, url);
      Digest actual = Digest.sha256(body);
      if (reference.contains(":")) {
        Digest wanted = Digest.parse(reference);
        Verified.check(body, wanted, ref.pinned(repository, reference));
        actual = wanted;
      }
      String mt = r.header("Content-Type").orElse(MediaTypes.OCI_MANIFEST);
      return Optional.of(new Fetched(body, mt, actual));
    } catch (IOException e) {
      throw unreachable(e, url);
    }
  }

  @Override
  public List<String> listRepositories() {
    List<String> out = new ArrayList<>();
    String url = base + "_catalog?n=1000";
    for (int page = 0; url != null && page < 20; page++) {
      try (Response r = send(Request.get(url, "application/json"), "registry:catalog:*", "_catalog"); InputStream in = r.body()) {
        if (r.statusCode() == 404 || r.statusCode() == 401 || r.statusCode() == 403) {
          return out; // no catalog API here (GHCR, ECR) or not allowed: names are unknown
        }
        byte[] body = Verified.readBounded(in, MAX_MANIFEST_BYTES, url);
        expectOk(r, body, url);
        for (JsonNode n : Json.mapper().readTree(body).path("repositories")) {
          out.add(n.asText());
        }
        url = nextLink(r, url);
      } catch (IOException e) {
        throw unreachable(e, url);
      }
    }
    return out;
  }

  @Override
  public Optional<OciIndex> referrers(String repository, Digest subject) {
    String url = base + repository + "/referrers/" + subject;
    try (Response r = send(Request.get(url, MediaTypes.OCI_INDEX), repository, false); InputStream in = r.body()) {
      if (r.statusCode() == 404) {
        return Optional.empty();
      }
      byte[] body = Verified.readBounded(in, MAX_MANIFEST_BYTES, url);
      expectOk(r, body, url);
      return Optional.of(OciIndex.parse(body, url));
    } catch (IOException e) {
      throw unreachable(e, url);
    }
  }

  @Override
  public void fetchBlob(String repository, Digest digest, long expectedSize, OutputStream out) {
    String url = base + repository + "/blobs/" + digest;
    String where = ref.pinned(repository, digest.toString());
    try (Response r = send(Request.get(url, "*/*"), repository, false); InputStream in = r.body()) {
      if (r.statusCode() != 200) {
        byte[] body = Verified.readBounded(in, 65536, url);
        if (r.statusCode() == 404) {
          throw new TankException(ErrorCode.NOT_FOUND, "blob not found in the registry", where,
              "the artifact is incomplete; ask the publisher to publish it again");
        }
        expectOk(r, body, url);
      }
      Verified.copy(in, out, digest, expectedSize, where);
    } catch (IOException e) {
      throw unreachable(e, url);
    }
  }

  @Override
  public boolean blobExists(String repository, Digest digest) {
    String url = base + repository + "/blobs/" + digest;
    try (Response r = send(new Request("HEAD", URI.create(url), Map.of("Accept", "*/*"), null), repository, false);
        InputStream in = r.body()) {
      if (r.statusCode() == 200) {
        return true;
      }
      if (r.statusCode() == 404) {
        return false;
      }
      expectOk(r, Verified.readBounded(in, 65536, url), url);
      return false;
    } catch (IOException e) {
      throw unreachable(e, url);
    }
  }

  @Override
  public void pushBlob(String repository, Digest digest, byte[] content) {
    if (blobExists(repository, digest)) {
      return;
    }
    String url = base + repository + "/blobs/uploads/";
    String location;
    try (Response r = send(new Request("POST", URI.create(url), Map.of("Accept", "*/*"), new byte[0]), repository, true);
        InputStream in = r.body()) {
      byte[] body = Verified.readBounded(in, 65536, url);
      if (r.statusCode() != 202) {
        expectOk(r, body, url);
        throw registryError(r, body, url);
      }
      location = r.header("Location").orElseThrow(() -> new TankException(
          ErrorCode.REGISTRY, "upload started without a Location header", url, "the registry is not OCI-compliant"));
    } catch (IOException e) {
      throw unreachable(e, url);
    }
    URI upload = URI.create(url).resolve(location);
    String sep = upload.getRawQuery() == null ? "?" : "&";
    URI put = URI.create(upload + sep + "digest=" + URLEncoder.encode(digest.toString(), StandardCharsets.UTF_8));
    try (Response p = send(new Request("PUT", put, Map.of("Accept", "*/*", "Content-Type", "application/octet-stream"), content),
        repository, true); InputStream in = p.body()) {
      byte[] body = Verified.readBounded(in, 65536, put.toString());
      if (p.statusCode() != 201) {
        expectOk(p, body, put.toString());
        throw registryError(p, body, put.toString());
      }
    } catch (IOException e) {
      throw unreachable(e, put.toString());
    }
  }

  @Override
  public void pushManifest(String repository, String reference, String mediaType, byte[] bytes) {
    String url = base + repository + "/manifests/" + reference;
    try (Response r = send(new Request("PUT", URI.create(url), Map.of("Accept", "*/*", "Content-Type", mediaType), bytes),
        repository, true); InputStream in = r.body()) {
      byte[] body = Verified.readBounded(in, 65536, url);
      if (r.statusCode() != 201) {
        expectOk(r, body, url);
        throw registryError(r, body, url);
      }
    } catch (IOException e) {
      throw unreachable(e, url);
    }
  }

  // --- HTTP with authentication ---

  /** One request: method, URL, headers, and a body for POST and PUT ({@code null} for none). */
  private record Request(String method, URI uri, Map<String, String> headers, byte[] body) {
    static Request get(String url, String accept) {
      return new Request("GET", URI.create(url), Map.of("Accept", accept), null);
    }

    Request with(String name, String value) {
      Map<String, String> h = new LinkedHashMap<>(headers);
      h.put(name, value);
      return new Request(method, uri, h, body);
    }

    Request to(URI target, boolean keepAuthorization) {
      Map<String, String> h = new LinkedHashMap<>(headers);
      if (!keepAuthorization) {
        h.remove("Authorization");
      }
      return new Request(method, target, h, body);
    }
  }

  /**
   * An answer with its body. Closing it hands the connection back for reuse when the body was
   * read to the end (or nearly), and drops the connection otherwise.
   */
  private static final class Response implements AutoCloseable {
    private final HttpURLConnection connection;
    private final int status;
    private final URI uri;
    private final Body body;

    Response(HttpURLConnection connection, int status, URI uri, InputStream body, long length, Duration idle) {
      this.connection = connection;
      this.status = status;
      this.uri = uri;
      this.body = new Body(body == null ? InputStream.nullInputStream() : body, body == null ? -1 : length, idle);
    }

    int statusCode() {
      return status;
    }

    URI uri() {
      return uri;
    }

    Optional<String> header(String name) {
      return Optional.ofNullable(connection.getHeaderField(name));
    }

    InputStream body() {
      return body;
    }

    @Override
    public void close() {
      if (!body.finish()) {
        connection.disconnect();
      }
    }
  }

  /**
   * A response body that reports a stall as {@link Stalled} (the connection's read timeout is the
   * idle limit: it applies to every read, so a body that stops half way fails instead of hanging),
   * a connection closed before the declared {@code Content-Length} as an error (the JDK would just
   * end the stream early), and knows whether it was read to the end.
   */
  private static final class Body extends FilterInputStream {
    private final Duration idle;
    private final long length;
    private long read;
    private boolean ended;
    private boolean closed;

    /** {@code length}: the declared Content-Length, or -1 when none was declared. */
    Body(InputStream in, long length, Duration idle) {
      super(in);
      this.length = length;
      this.idle = idle;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      int n = read(one, 0, 1);
      return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      try {
        int n = super.read(b, off, len);
        if (n < 0) {
          if (length >= 0 && read < length) {
            throw new Cut(read, length);
          }
          ended = true;
        } else {
          read += n;
        }
        return n;
      } catch (SocketTimeoutException e) {
        throw new Stalled(idle, e);
      }
    }

    @Override
    public long skip(long n) throws IOException {
      byte[] buffer = new byte[8192];
      long skipped = 0;
      while (skipped < n) {
        int r = read(buffer, 0, (int) Math.min(buffer.length, n - skipped));
        if (r < 0) {
          break;
        }
        skipped += r;
      }
      return skipped;
    }

    @Override
    public void close() {
      finish();
    }

    /**
     * Reads what little is left of the body (error pages, an unread 404) so the connection can be
     * reused, then closes the stream. False when the body did not end: the caller drops the connection.
     */
    boolean finish() {
      if (closed) {
        return ended;
      }
      closed = true;
      try {
        if (!ended) {
          skip(65536);
          ended = super.read() < 0;
        }
        if (ended) {
          super.close();
        }
      } catch (IOException e) {
        ended = false;
      }
      return ended;
    }
  }

  /** The connection closed before the declared Content-Length arrived. */
  static final class Cut extends IOException {
    private static final long serialVersionUID = 1L;

    Cut(long read, long length) {
      super("the registry closed the connection after " + read + " of " + length + " bytes");
    }
  }

  /** The registry stopped sending: nothing arrived for the idle limit. */
  static final class Stalled extends IOException {
    private static final long serialVersionUID = 1L;

    Stalled(Duration idle, Throwable cause) {
      super("the registry stopped sending (no data for " + idle.toSeconds() + " s)", cause);
    }
  }

  private static boolean sameOrigin(URI a, URI b) {
    return a.getScheme().equalsIgnoreCase(b.getScheme()) && a.getHost() != null
        && a.getHost().equalsIgnoreCase(b.getHost()) && port(a) == port(b);
  }

  private static int port(URI u) {
    return u.getPort() >= 0 ? u.getPort() : "https".equalsIgnoreCase(u.getScheme()) ? 443 : 80;
  }

  /**
   * Follows up to five redirects of a GET or HEAD by hand: the Authorization header goes along only
   * while the target has the registry's own origin (storage hosts and CDNs get the redirect URL
   * only, as S3 presigned URLs require).
   */
  private Response followRedirects(Request request, Response r) {
    URI origin = URI.create(base);
    for (int hops = 0; hops < 5 && isRedirect(r.statusCode()); hops++) {
      if (!request.method().equals("GET") && !request.method().equals("HEAD")) {
        return r;
      }
      Optional<String> location = r.header("Location");
      if (location.isEmpty()) {
        return r;
      }
      r.close();
      URI target = r.uri().resolve(location.get());
      if (!"https".equalsIgnoreCase(target.getScheme()) && !"http".equalsIgnoreCase(target.getScheme())) {
        throw new TankException(ErrorCode.REGISTRY, "redirect to an unsupported URL scheme", target.toString(),
            "a registry redirects only to http(s) URLs; the registry or a proxy is misbehaving");
      }
      if ("https".equalsIgnoreCase(origin.getScheme()) && "http".equalsIgnoreCase(target.getScheme())) {
        throw new TankException(ErrorCode.REGISTRY, "redirect from HTTPS to plain HTTP refused", target.toString(),
            "the registry or a proxy is downgrading the connection");
      }
      request = request.to(target, sameOrigin(target, origin));
      r = exchange(request);
    }
    return r;
  }

  private static boolean isRedirect(int status) {
    return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
  }

  private Response send(Request request, String repository, boolean push) {
    return send(request, "repository:" + repository + ":" + (push ? "pull,push" : "pull"), repository);
  }

  private Response send(Request request, String scope, String repository) {
    String auth = authByScope.get(scope);
    Request first = auth == null ? request : request.with("Authorization", auth);
    Response r = followRedirects(first, exchange(first));
    if (r.statusCode() != 401) {
      return r;
    }
    String challenge = r.header("WWW-Authenticate").orElse("");
    r.close();
    String header = authenticate(challenge, scope, request.uri().toString());
    authByScope.put(scope, header);
    Request authed = request.with("Authorization", header);
    Response retry = followRedirects(authed, exchange(authed));
    if (retry.statusCode() == 401 || retry.statusCode() == 403) {
      retry.close();
      throw new TankException(ErrorCode.AUTH, "the registry refused the credentials (HTTP " + retry.statusCode() + ")",
          ref + " " + repository, "check TANK_REGISTRY_USERNAME/TANK_REGISTRY_PASSWORD, TANK_REGISTRY_TOKEN or docker login");
    }
    return retry;
  }

  private String authenticate(String challenge, String scope, String url) {
    if (secret == null && !challenge.regionMatches(true, 0, "Bearer", 0, 6)) {
      throw new TankException(ErrorCode.AUTH, "the registry requires authentication and no credentials were found",
          ref.toString(), "run 'docker login " + ref.host() + "' or set TANK_REGISTRY_USERNAME and TANK_REGISTRY_PASSWORD");
    }
    if (challenge.regionMatches(true, 0, "Basic", 0, 5)) {
      if (secret.bearerToken() != null) {
        return "Bearer " + secret.bearerToken();
      }
      return secret.basicHeader();
    }
    if (!challenge.regionMatches(true, 0, "Bearer", 0, 6)) {
      throw new TankException(ErrorCode.AUTH, "unsupported authentication challenge: " + challenge, url,
          "Tank answers Basic and Bearer challenges; ask the registry's operator which one it accepts");
    }
    if (secret != null && secret.bearerToken() != null) {
      return "Bearer " + secret.bearerToken();
    }
    Map<String, String> params = new java.util.HashMap<>();
    Matcher m = CHALLENGE_PARAM.matcher(challenge);
    while (m.find()) {
      params.put(m.group(1).toLowerCase(java.util.Locale.ROOT), m.group(2));
    }
    String realm = params.get("realm");
    if (realm == null) {
      throw new TankException(ErrorCode.AUTH, "Bearer challenge without realm", url,
          "the registry does not say where to get a token; report it to the registry's operator");
    }
    StringBuilder tokenUrl = new StringBuilder(realm).append(realm.contains("?") ? "&" : "?");
    if (params.containsKey("service")) {
      tokenUrl.append("service=").append(URLEncoder.encode(params.get("service"), StandardCharsets.UTF_8)).append('&');
    }
    tokenUrl.append("scope=").append(URLEncoder.encode(params.getOrDefault("scope", scope), StandardCharsets.UTF_8));
    Request token = Request.get(tokenUrl.toString(), "application/json");
    if (secret != null) {
      token = token.with("Authorization", secret.basicHeader());
    }
    try (Response r = exchange(token); InputStream in = r.body()) {
      byte[] body = Verified.readBounded(in, 1 << 20, realm);
      if (r.statusCode() == 401 || r.statusCode() == 403) {
        throw new TankException(ErrorCode.AUTH, "the token service refused the credentials (HTTP " + r.statusCode() + ")",
            realm, "check your registry credentials");
      }
      if (r.statusCode() != 200) {
        throw registryError(r, body, realm);
      }
      JsonNode n = Json.mapper().readTree(body);
      JsonNode t = n.has("token") ? n.get("token") : n.get("access_token");
      if (t == null || !t.isTextual()) {
        throw new TankException(ErrorCode.AUTH, "token service answered without a token", realm,
            "check your registry credentials, then report it to the registry's operator if it persists");
      }
      return "Bearer " + t.asText();
    } catch (IOException e) {
      throw unreachable(e, realm);
    }
  }

  /**
   * One HTTP exchange, up to the response headers. A body larger than {@link #STREAM_ABOVE} is
   * streamed. A challenge to a streamed body still comes back as a 401 with its headers (the JDK
   * does not resend it by itself), so {@link #send} answers it like any other.
   */
  private Response exchange(Request request) {
    HttpURLConnection c;
    try {
      c = (HttpURLConnection) request.uri().toURL().openConnection();
    } catch (IOException e) {
      throw unreachable(e, request.uri().toString());
    }
    if (tls != null && c instanceof javax.net.ssl.HttpsURLConnection https) {
      https.setSSLSocketFactory(tls);
    }
    try {
      c.setInstanceFollowRedirects(false); // by hand, see followRedirects
      c.setUseCaches(false);
      c.setConnectTimeout((int) CONNECT_TIMEOUT.toMillis());
      c.setReadTimeout((int) Math.min(Integer.MAX_VALUE, Math.max(1, readIdle.toMillis())));
      c.setRequestMethod(request.method());
      c.setRequestProperty("User-Agent", USER_AGENT);
      request.headers().forEach(c::setRequestProperty);
      if (request.body() != null) {
        c.setDoOutput(true);
        if (request.body().length > STREAM_ABOVE) {
          c.setFixedLengthStreamingMode(request.body().length);
        }
        try (OutputStream out = c.getOutputStream()) {
          out.write(request.body());
        }
      }
      int status = c.getResponseCode();
      if (status < 0) {
        throw new IOException("not an HTTP answer");
      }
      InputStream body = status >= 400 ? c.getErrorStream() : c.getInputStream();
      long length = "HEAD".equals(request.method()) ? -1 : c.getContentLengthLong();
      return new Response(c, status, request.uri(), body, length, readIdle);
    } catch (IOException e) {
      c.disconnect();
      throw unreachable(e, request.uri().toString());
    } catch (RuntimeException e) {
      c.disconnect();
      throw e;
    }
  }

  private TankException unreachable(IOException e, String url) {
    if (e instanceof Stalled) {
      return new TankException(ErrorCode.UNREACHABLE, e.getMessage(), url,
          "retry later; a proxy or CDN in between may be cutting the transfer (TANK_READ_TIMEOUT sets the wait in seconds)", e);
    }
    if (e instanceof javax.net.ssl.SSLException) {
      return tlsFailure(e, url);
    }
    if (e instanceof Cut) {
      return new TankException(ErrorCode.UNREACHABLE, e.getMessage(), url,
          "retry; if it persists, the registry or a proxy in between is dropping connections", e);
    }
    if (e instanceof ConnectException || (e instanceof SocketTimeoutException && String.valueOf(e.getMessage()).contains("connect"))) {
      return new TankException(ErrorCode.UNREACHABLE, "cannot connect to the registry", url,
          "check that the registry is running and the address is right", e);
    }
    if (e instanceof SocketTimeoutException) {
      return new TankException(ErrorCode.UNREACHABLE, "the registry did not answer in time (no data for "
          + readIdle.toSeconds() + " s)", url, "retry later (TANK_READ_TIMEOUT sets the wait in seconds)", e);
    }
    return new TankException(ErrorCode.UNREACHABLE, "connection to the registry failed: " + e, url,
        "retry; if it persists, check the registry", e);
  }

  /** A TLS failure, named by what went wrong: an unknown issuer, another host's certificate, the rest. */
  private static TankException tlsFailure(IOException e, String url) {
    String all = String.valueOf(e.getMessage());
    for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
      all += " " + t.getMessage();
    }
    if (all.contains("PKIX path") || all.contains("unable to find valid certification path")) {
      return new TankException(ErrorCode.UNREACHABLE, "the registry's TLS certificate is not signed by an authority Tank trusts", url,
          "if the registry uses a private certificate authority, set " + TlsTrust.ENV
              + " to that authority's PEM certificate (Tank never skips the check)", e);
    }
    if (all.contains("No subject alternative") || all.contains("No name matching")) {
      return new TankException(ErrorCode.UNREACHABLE, "the registry's TLS certificate is for another host (" + e.getMessage() + ")", url,
          "use the host name the certificate names, or have the registry's certificate reissued for this one", e);
    }
    return new TankException(ErrorCode.UNREACHABLE, "TLS connection to the registry failed: " + e.getMessage(), url,
        "check the registry's address and its TLS set-up", e);
  }

  private void expectOk(Response r, byte[] body, String url) {
    int s = r.statusCode();
    if (s >= 200 && s < 300) {
      return;
    }
    if (s == 401 || s == 403) {
      throw new TankException(ErrorCode.AUTH, "access denied (HTTP " + s + ")" + ociError(body), url,
          "check your registry credentials and permissions");
    }
    throw registryError(r, body, url);
  }

  private static TankException registryError(Response r, byte[] body, String url) {
    return new TankException(ErrorCode.REGISTRY, "registry answered HTTP " + r.statusCode() + ociError(body), url,
        r.statusCode() >= 500 ? "the registry failed; retry later" : "check the request and the registry's logs");
  }

  /** The OCI error code and message from an error body, e.g. {@code : MANIFEST_INVALID (manifest invalid)}. */
  static String ociError(byte[] body) {
    try {
      JsonNode n = Json.mapper().readTree(body);
      JsonNode e = n.path("errors").path(0);
      if (e.has("code")) {
        return ": " + e.get("code").asText() + (e.has("message") ? " (" + e.get("message").asText() + ")" : "");
      }
    } catch (IOException | RuntimeException ignored) {
      // not an OCI error body
    }
    return "";
  }
}
