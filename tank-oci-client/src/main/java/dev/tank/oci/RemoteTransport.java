package dev.tank.oci;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tank.mediatypes.Digest;
import dev.tank.mediatypes.ErrorCode;
import dev.tank.mediatypes.Json;
import dev.tank.mediatypes.MediaTypes;
import dev.tank.mediatypes.TankException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A remote OCI registry over the distribution API (v2), on the JDK HTTP client.
 *
 * <p>Handles Basic and Bearer-token challenges. Every manifest and blob is hashed while read and
 * compared with the digest asked for; a tag's digest is computed from the bytes, never taken from
 * {@code Docker-Content-Digest}. Bodies are read only up to the size the descriptor allows.
 */
public final class RemoteTransport implements Transport {
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);
  private static final String MANIFEST_ACCEPT = MediaTypes.OCI_MANIFEST + ", " + MediaTypes.OCI_INDEX;
  private static final Pattern CHALLENGE_PARAM = Pattern.compile("(\\w+)=\"([^\"]*)\"");

  private final RegistryRef ref;
  private final Credentials.Secret secret;
  /** How long a body may stall before Tank gives up on it ({@code TANK_READ_TIMEOUT} seconds overrides). */
  public static final Duration DEFAULT_READ_IDLE = Duration.ofSeconds(30);

  private final Duration readIdle;
  private final HttpClient http;
  private final String base;
  private final Map<String, String> authByScope = new ConcurrentHashMap<>();

  public RemoteTransport(RegistryRef ref, Credentials.Secret secret) {
    this(ref, secret, DEFAULT_READ_IDLE);
  }

  /** {@code readIdle}: how long a response body may send nothing before the read fails. */
  public RemoteTransport(RegistryRef ref, Credentials.Secret secret, Duration readIdle) {
    this.readIdle = readIdle;
    this.ref = ref;
    this.secret = secret;
    this.base = ref.scheme() + "://" + ref.host() + "/v2/";
    this.http = HttpClient.newBuilder()
        .connectTimeout(CONNECT_TIMEOUT)
        // Redirects are followed by hand so credentials never travel to another origin (storage
        // hosts and CDNs get the redirect URL only, as S3 presigned URLs require).
        .followRedirects(HttpClient.Redirect.NEVER)
        .version("http".equals(ref.scheme()) ? HttpClient.Version.HTTP_1_1 : HttpClient.Version.HTTP_2)
        .build();
  }

  @Override
  public RegistryRef ref() {
    return ref;
  }

  /**
   * Stops the HTTP client's selector thread (JDK 21+, where the client is closeable). Left running,
   * it sits in a native call, and the JVM waits up to 0.3 s for such threads when it exits: a third
   * of a second added to every command that used a registry.
   */
  @Override
  public void close() {
    if (http instanceof AutoCloseable closeable) {
      try {
        closeable.close();
      } catch (Exception e) {
        // Nothing is in flight any more; the JVM reclaims the rest when it exits.
      }
    }
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
      HttpResponse<InputStream> r = send(HttpRequest.newBuilder(URI.create(url)).GET(), repository, false);
      try (InputStream in = r.body()) {
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

  private String nextLink(HttpResponse<?> r, String current) {
    Optional<String> link = r.headers().firstValue("Link");
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
    HttpResponse<InputStream> r = send(HttpRequest.newBuilder(URI.create(url)).header("Accept", MANIFEST_ACCEPT).GET(), repository, false);
    try (InputStream in = r.body()) {
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
      String mt = r.headers().firstValue("Content-Type").orElse(MediaTypes.OCI_MANIFEST);
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
      HttpResponse<InputStream> r = send(HttpRequest.newBuilder(URI.create(url)).GET(), "registry:catalog:*", "_catalog");
      try (InputStream in = r.body()) {
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
    HttpResponse<InputStream> r = send(HttpRequest.newBuilder(URI.create(url)).header("Accept", MediaTypes.OCI_INDEX).GET(), repository, false);
    try (InputStream in = r.body()) {
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
    HttpResponse<InputStream> r = send(HttpRequest.newBuilder(URI.create(url)).GET(), repository, false);
    String where = ref.pinned(repository, digest.toString());
    try (InputStream in = r.body()) {
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
    HttpResponse<InputStream> r = send(HttpRequest.newBuilder(URI.create(url)).method("HEAD", HttpRequest.BodyPublishers.noBody()), repository, false);
    try (InputStream in = r.body()) {
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
    HttpResponse<InputStream> r = send(HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.noBody()), repository, true);
    String location;
    try (InputStream in = r.body()) {
      byte[] body = Verified.readBounded(in, 65536, url);
      if (r.statusCode() != 202) {
        expectOk(r, body, url);
        throw registryError(r, body, url);
      }
      location = r.headers().firstValue("Location").orElseThrow(() -> new TankException(
          ErrorCode.REGISTRY, "upload started without a Location header", url, "the registry is not OCI-compliant"));
    } catch (IOException e) {
      throw unreachable(e, url);
    }
    URI upload = URI.create(url).resolve(location);
    String sep = upload.getRawQuery() == null ? "?" : "&";
    URI put = URI.create(upload + sep + "digest=" + URLEncoder.encode(digest.toString(), StandardCharsets.UTF_8));
    HttpResponse<InputStream> p = send(
        HttpRequest.newBuilder(put).header("Content-Type", "application/octet-stream").PUT(HttpRequest.BodyPublishers.ofByteArray(content)),
        repository, true);
    try (InputStream in = p.body()) {
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
    HttpResponse<InputStream> r = send(
        HttpRequest.newBuilder(URI.create(url)).header("Content-Type", mediaType).PUT(HttpRequest.BodyPublishers.ofByteArray(bytes)),
        repository, true);
    try (InputStream in = r.body()) {
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

  private static boolean sameOrigin(URI a, URI b) {
    return a.getScheme().equalsIgnoreCase(b.getScheme()) && a.getHost() != null
        && a.getHost().equalsIgnoreCase(b.getHost()) && port(a) == port(b);
  }

  private static int port(URI u) {
    return u.getPort() >= 0 ? u.getPort() : "https".equalsIgnoreCase(u.getScheme()) ? 443 : 80;
  }

  /**
   * Follows up to five redirects of a GET or HEAD by hand: the Authorization header goes along only
   * while the target has the registry's own origin.
   */
  private HttpResponse<InputStream> followRedirects(HttpRequest request, HttpResponse<InputStream> r) {
    URI origin = URI.create(base);
    for (int hops = 0; hops < 5 && isRedirect(r.statusCode()); hops++) {
      String method = request.method();
      if (!method.equals("GET") && !method.equals("HEAD")) {
        return r;
      }
      Optional<String> location = r.headers().firstValue("Location");
      if (location.isEmpty()) {
        return r;
      }
      drain(r);
      URI target = r.uri().resolve(location.get());
      if (!"https".equalsIgnoreCase(target.getScheme()) && !"http".equalsIgnoreCase(target.getScheme())) {
        throw new TankException(ErrorCode.REGISTRY, "redirect to an unsupported URL scheme", target.toString(),
            "a registry redirects only to http(s) URLs; the registry or a proxy is misbehaving");
      }
      if ("https".equalsIgnoreCase(origin.getScheme()) && "http".equalsIgnoreCase(target.getScheme())) {
        throw new TankException(ErrorCode.REGISTRY, "redirect from HTTPS to plain HTTP refused", target.toString(),
            "the registry or a proxy is downgrading the connection");
      }
      HttpRequest.Builder next = HttpRequest.newBuilder(target).timeout(REQUEST_TIMEOUT).header("User-Agent", "tank/0.1")
          .method(method, HttpRequest.BodyPublishers.noBody());
      request.headers().firstValue("Accept").ifPresent(a -> next.header("Accept", a));
      if (sameOrigin(target, origin)) {
        request.headers().firstValue("Authorization").ifPresent(a -> next.header("Authorization", a));
      }
      request = next.build();
      r = exchange(request);
    }
    return r;
  }

  private static boolean isRedirect(int status) {
    return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
  }

  private HttpResponse<InputStream> send(HttpRequest.Builder builder, String repository, boolean push) {
    return send(builder, "repository:" + repository + ":" + (push ? "pull,push" : "pull"), repository);
  }

  private HttpResponse<InputStream> send(HttpRequest.Builder builder, String scope, String repository) {
    builder.timeout(REQUEST_TIMEOUT).header("User-Agent", "tank/0.1");
    String auth = authByScope.get(scope);
    HttpRequest request = (auth == null ? builder : builder.copy().header("Authorization", auth)).build();
    HttpResponse<InputStream> r = followRedirects(request, exchange(request));
    if (r.statusCode() != 401) {
      return r;
    }
    String challenge = r.headers().firstValue("WWW-Authenticate").orElse("");
    drain(r);
    String header = authenticate(challenge, scope, request.uri().toString());
    authByScope.put(scope, header);
    HttpRequest authed = builder.copy().header("Authorization", header).build();
    HttpResponse<InputStream> retry = followRedirects(authed, exchange(authed));
    if (retry.statusCode() == 401 || retry.statusCode() == 403) {
      drain(retry);
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
      throw new TankException(ErrorCode.AUTH, "unsupported authentication challenge: " + challenge, url, null);
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
      throw new TankException(ErrorCode.AUTH, "Bearer challenge without realm", url, null);
    }
    StringBuilder tokenUrl = new StringBuilder(realm).append(realm.contains("?") ? "&" : "?");
    if (params.containsKey("service")) {
      tokenUrl.append("service=").append(URLEncoder.encode(params.get("service"), StandardCharsets.UTF_8)).append('&');
    }
    tokenUrl.append("scope=").append(URLEncoder.encode(params.getOrDefault("scope", scope), StandardCharsets.UTF_8));
    HttpRequest.Builder tb = HttpRequest.newBuilder(URI.create(tokenUrl.toString())).timeout(REQUEST_TIMEOUT).GET();
    if (secret != null) {
      tb.header("Authorization", secret.basicHeader());
    }
    HttpResponse<InputStream> r = exchange(tb.build());
    try (InputStream in = r.body()) {
      byte[] body = Verified.readBounded(in, 1 << 20, realm);
      if (r.statusCode() == 401 || r.statusCode() == 403) {
        throw new TankException(ErrorCode.AUTH, "the token service refused the credentials (HTTP " + r.statusCode() + ")",
            realm, "check your registry credentials");
      }
      if (r.statusCode() != 200) {
        throw registryError(r, body, realm);
      }
      JsonNode n = Json.mapper().readTree(body);
      JsonNode token = n.has("token") ? n.get("token") : n.get("access_token");
      if (token == null || !token.isTextual()) {
        throw new TankException(ErrorCode.AUTH, "token service answered without a token", realm, null);
      }
      return "Bearer " + token.asText();
    } catch (IOException e) {
      throw unreachable(e, realm);
    }
  }

  private HttpResponse<InputStream> exchange(HttpRequest request) {
    try {
      HttpResponse<InputStream> r = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
      return new Watched(r, new IdleTimeoutInputStream(r.body(), readIdle));
    } catch (IOException e) {
      throw unreachable(e, request.uri().toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TankException(ErrorCode.UNREACHABLE, "interrupted", request.uri().toString(), null, e);
    }
  }

  private static void drain(HttpResponse<InputStream> r) {
    try (InputStream in = r.body()) {
      in.skip(65536);
    } catch (IOException ignored) {
      // the connection is discarded anyway
    }
  }

  /** A response whose body fails when it stalls (see {@link IdleTimeoutInputStream}). */
  private record Watched(HttpResponse<InputStream> r, InputStream body) implements HttpResponse<InputStream> {
    @Override
    public int statusCode() {
      return r.statusCode();
    }

    @Override
    public HttpRequest request() {
      return r.request();
    }

    @Override
    public Optional<HttpResponse<InputStream>> previousResponse() {
      return r.previousResponse();
    }

    @Override
    public java.net.http.HttpHeaders headers() {
      return r.headers();
    }

    @Override
    public Optional<javax.net.ssl.SSLSession> sslSession() {
      return r.sslSession();
    }

    @Override
    public URI uri() {
      return r.uri();
    }

    @Override
    public HttpClient.Version version() {
      return r.version();
    }
  }

  private TankException unreachable(IOException e, String url) {
    if (e instanceof IdleTimeoutInputStream.Stalled) {
      return new TankException(ErrorCode.UNREACHABLE, e.getMessage(), url,
          "retry later; a proxy or CDN in between may be cutting the transfer (TANK_READ_TIMEOUT sets the wait in seconds)", e);
    }
    if (e instanceof ConnectException || e instanceof HttpConnectTimeoutException) {
      return new TankException(ErrorCode.UNREACHABLE, "cannot connect to the registry", url,
          "check that the registry is running and the address is right", e);
    }
    if (e instanceof HttpTimeoutException) {
      return new TankException(ErrorCode.UNREACHABLE, "the registry did not answer in time", url, "retry later", e);
    }
    return new TankException(ErrorCode.UNREACHABLE, "connection to the registry failed: " + e, url,
        "retry; if it persists, check the registry", e);
  }

  private void expectOk(HttpResponse<?> r, byte[] body, String url) {
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

  private static TankException registryError(HttpResponse<?> r, byte[] body, String url) {
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
