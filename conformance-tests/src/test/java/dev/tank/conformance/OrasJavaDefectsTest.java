package dev.tank.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tank.mediatypes.Digest;
import dev.tank.mediatypes.ErrorCode;
import dev.tank.mediatypes.MediaTypes;
import dev.tank.mediatypes.TankException;
import dev.tank.oci.RegistryRef;
import dev.tank.oci.RemoteTransport;
import dev.tank.testing.DistributionRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import land.oras.Annotations;
import land.oras.ArtifactType;
import land.oras.Config;
import land.oras.ContainerRef;
import land.oras.Layer;
import land.oras.LocalPath;
import land.oras.Manifest;
import land.oras.Registry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pins the oras-java 0.7.0 defects that Tank works around (NOTES.md) by writing its own OCI
 * transport instead of using oras-java's {@link Registry} for content. Each test asserts that the
 * DEFECT STILL EXISTS.
 *
 * <p><b>When one of these tests fails after an oras-java upgrade, the defect is fixed upstream and
 * the workaround named in the test's name may be dropped</b> (then delete or invert the test).
 *
 * <p>The tests that instantiate oras-java's {@link Registry} run only when oras-java can load at
 * all: on Tank's classpath today it cannot, because the parent pom's {@code jackson-bom} 2.20.1
 * pins {@code jackson-annotations} to 2.20 while oras-java's Jackson 3.2.0 needs 2.22 ({@code
 * JsonSerializeAs}). That is a Tank build bug (it also breaks {@code Credentials} whenever a Docker
 * {@code config.json} exists; see {@link RegistryCredentialsTest}); once the parent pom pins
 * {@code jackson-annotations} 2.22 these tests run by themselves. All six were checked to pass
 * with that pin.
 */
class OrasJavaDefectsTest {
  /** Why the oras tests did not run, or null when oras-java loads. */
  static final String ORAS_LOAD_FAILURE = orasLoadFailure();
  static DistributionRegistry registry;
  static TamperingProxy proxy;
  static RegistryHttp http;

  @TempDir Path work;

  @BeforeAll
  static void start() {
    registry = DistributionRegistry.start();
    proxy = TamperingProxy.start(registry.url());
    http = new RegistryHttp(registry.url());
  }

  @AfterAll
  static void stop() {
    if (proxy != null) {
      proxy.close();
    }
    if (registry != null) {
      registry.close();
    }
  }

  @AfterEach
  void honestAgain() {
    proxy.clearRules();
  }

  private static String orasLoadFailure() {
    try {
      Class.forName("land.oras.utils.JsonUtils", true, OrasJavaDefectsTest.class.getClassLoader());
      return null;
    } catch (ReflectiveOperationException | LinkageError e) {
      return e.toString();
    }
  }

  @Test
  void orasJavaLoadsOnTanksClasspath() {
    // Tank reads Docker credentials through oras-java, so it must load (jackson-annotations must
    // match its Jackson 3); the defect pins below depend on it too.
    assertThat(ORAS_LOAD_FAILURE).as("oras-java failed to load").isNull();
  }

  private static Registry oras() {
    return Registry.builder().insecure().build();
  }

  private static byte[] binaryBlob() {
    byte[] b = new byte[128];
    for (int i = 0; i < b.length; i++) {
      b[i] = (byte) (0x80 + i);
    }
    return b;
  }

  private static RemoteTransport tankTransport(String base) {
    return new RemoteTransport(RegistryRef.parse(base, false), null);
  }

  private static String hostPort(String url) {
    return url.replaceFirst("^http://", "");
  }

  @Test
  void orasGetBlobStillCorruptsBinary_tankUsesItsOwnStreamingFetch() {
    // When this fails after an upgrade, the workaround (Tank's own RemoteTransport.fetchBlob) may be dropped.
    byte[] blob = binaryBlob();
    Digest digest = Digest.sha256(blob);
    try (RemoteTransport tank = tankTransport(registry.url())) {
      tank.pushBlob("test/x", digest, blob);
    }

    // Straight from the registry: oras reads the body as a String and re-encodes it as UTF-8, so
    // the bytes it then checks against Docker-Content-Digest no longer match — it cannot read a
    // valid binary blob at all.
    Throwable direct = catchThrowable(() -> oras().getBlob(ContainerRef.parse(registry.hostPort() + "/test/x@" + digest)));
    assertThat(direct).as("oras getBlob of a valid binary blob").isNotNull();

    // Without that header (many proxies and some registries drop it), the corruption is silent.
    proxy.on("GET", "/v2/test/x/blobs/.*", TamperingProxy.rewrite(r -> r.withoutHeader("Docker-Content-Digest")));
    byte[] viaOras = oras().getBlob(ContainerRef.parse(hostPort(proxy.url()) + "/test/x@" + digest));
    assertThat(viaOras).as("oras getBlob returns different bytes than were pushed").isNotEqualTo(blob);
    assertThat(Digest.sha256(viaOras)).isNotEqualTo(digest);

    // Tank's transport returns the exact bytes, through the same proxy.
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (RemoteTransport tank = tankTransport(proxy.url())) {
      tank.fetchBlob("test/x", digest, blob.length, out);
    }
    assertThat(out.toByteArray()).isEqualTo(blob);
  }

  @Test
  void orasTagPushStillStampsTheCurrentTime_tankWritesAFixedCreatedAnnotation() throws Exception {
    // When this fails after an upgrade, the workaround (Tank's Packer writing its own manifest
    // with org.opencontainers.image.created = 1970-01-01T00:00:00Z) may be dropped.
    Path file = work.resolve("hello.txt");
    Files.writeString(file, "same input\n");
    ContainerRef ref = ContainerRef.parse(registry.hostPort() + "/test/stamp:v1");
    Registry oras = oras();

    Manifest first = oras.pushArtifact(ref, ArtifactType.from("application/vnd.test.stamp"), Annotations.empty(), Config.empty(), LocalPath.of(file));
    String firstDigest = RegistryHttp.sha256(http.manifest("test/stamp", "v1"));
    JsonNode stored = RegistryHttp.json(http.manifest("test/stamp", "v1"));
    String created = stored.path("annotations").path(MediaTypes.ANNOTATION_CREATED).asText(null);
    assertThat(created).as("oras stamps the push time into the manifest").isNotNull().isNotEqualTo(MediaTypes.FIXED_CREATED);
    assertThat(first.getAnnotations()).containsKey(MediaTypes.ANNOTATION_CREATED);

    // Same input, pushed again once the clock has moved on: a different manifest digest.
    Thread.sleep(1100);
    oras.pushArtifact(ref, ArtifactType.from("application/vnd.test.stamp"), Annotations.empty(), Config.empty(), LocalPath.of(file));
    String secondDigest = RegistryHttp.sha256(http.manifest("test/stamp", "v1"));
    assertThat(secondDigest).as("same input, different manifest digest").isNotEqualTo(firstDigest);
  }

  @Test
  void orasTrustsDockerContentDigestInsteadOfTheDigestItAskedFor_tankHashesEveryByteAgainstTheRequest() throws IOException {
    // When this fails after an upgrade, the workaround (Tank's Verified.copy hashing against the
    // requested digest in its own transport) may be dropped for oras-based code paths.
    byte[] blob = "honest content\n".getBytes(StandardCharsets.UTF_8);
    String digest = http.pushBlob("test/trust", blob);
    byte[] evil = "EVIL! content\n".getBytes(StandardCharsets.UTF_8);
    // A consistent liar: other bytes, and a header that names the digest of those other bytes.
    proxy.on("GET", "/v2/test/trust/blobs/" + Pattern.quote(digest), TamperingProxy.fixed(
        TamperingProxy.Response.of(200, "application/octet-stream", evil).withHeader("Docker-Content-Digest", RegistryHttp.sha256(evil))));

    Path target = work.resolve("fetched");
    oras().fetchBlob(ContainerRef.parse(hostPort(proxy.url()) + "/test/trust@" + digest), target);
    assertThat(Files.readAllBytes(target)).as("oras accepted bytes that do not hash to " + digest).isEqualTo(evil);

    try (RemoteTransport tank = tankTransport(proxy.url())) {
      TankException e = org.junit.jupiter.api.Assertions.assertThrows(TankException.class,
          () -> tank.fetchBlob("test/trust", Digest.parse(digest), blob.length, new ByteArrayOutputStream()));
      assertThat(e.code()).isEqualTo(ErrorCode.INTEGRITY);
    }
  }

  @Test
  void orasPushManifestWithSubjectStillThrowsAfterThePutSucceeded_tankPushesManifestsItself() {
    // When this fails after an upgrade, the workaround (Tank's own pushManifest plus the OCI 1.1
    // fallback tag on registries without a referrers API) may be dropped.
    byte[] subjectBytes = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"artifactType\":\"application/vnd.test.subject\",\"config\":{\"mediaType\":\"application/vnd.oci.empty.v1+json\",\"digest\":\"sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a\",\"size\":2},\"layers\":[{\"mediaType\":\"application/vnd.oci.empty.v1+json\",\"digest\":\"sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a\",\"size\":2}]}"
        .getBytes(StandardCharsets.UTF_8);
    http.pushBlob("test/subject", "{}".getBytes(StandardCharsets.UTF_8));
    String subjectDigest = http.putManifest("test/subject", "base", subjectBytes);
    String referrer = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"artifactType\":\"application/vnd.test.referrer\","
        + "\"config\":{\"mediaType\":\"application/vnd.oci.empty.v1+json\",\"digest\":\"sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a\",\"size\":2},"
        + "\"layers\":[{\"mediaType\":\"application/vnd.oci.empty.v1+json\",\"digest\":\"sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a\",\"size\":2}],"
        + "\"subject\":{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\"" + subjectDigest + "\",\"size\":" + subjectBytes.length + "}}";

    Throwable t = catchThrowable(() -> oras().pushManifest(ContainerRef.parse(registry.hostPort() + "/test/subject:ref"), Manifest.fromJson(referrer)));

    assertThat(t).as("oras pushManifest with a subject on a registry without referrers API").isNotNull();
    assertThat(t.getMessage()).contains("Legacy flow not implemented");
    assertThat(http.manifestExists("test/subject", "ref")).as("...although the PUT had already succeeded").isTrue();
  }

  @Test
  void orasLayerFromDigestStillDefaultsToTheEmptyMediaType_tankBuildsItsOwnDescriptors() {
    // When this fails after an upgrade, the workaround (Tank's own Descriptor records) may be dropped.
    Layer l = Layer.fromDigest("sha256:" + "a".repeat(64), 10);
    assertThat(l.getMediaType()).isEqualTo(MediaTypes.OCI_EMPTY);
  }

  @Test
  void orasPushBlobFromBytesStillInlinesTheDataIntoTheDescriptor_tankPushesBlobsItself() {
    // When this fails after an upgrade, the workaround (Tank's RemoteTransport.pushBlob) may be dropped.
    byte[] content = "inline me\n".getBytes(StandardCharsets.UTF_8);
    Layer l = oras().pushBlob(ContainerRef.parse(registry.hostPort() + "/test/inline"), content);
    JsonNode descriptor = RegistryHttp.json(l.toJson());
    assertThat(descriptor.has("data")).as("descriptor JSON carries the blob itself: " + l.toJson()).isTrue();
  }
}
