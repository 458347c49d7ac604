package dev.tank.conformance;

import static dev.tank.conformance.TamperingProxy.append;
import static dev.tank.conformance.TamperingProxy.endless;
import static dev.tank.conformance.TamperingProxy.rewrite;
import static dev.tank.conformance.TamperingProxy.serveFrom;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tank.install.Installer;
import dev.tank.mediatypes.ErrorCode;
import dev.tank.mediatypes.Lockfile;
import dev.tank.mediatypes.TankException;
import dev.tank.sign.CosignKeys;
import dev.tank.sign.SimpleSigning;
import dev.tank.testing.DistributionRegistry;
import dev.tank.testing.SkillFixtures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Attacks on signatures through a tampering proxy in front of a real registry, and interop of
 * Tank's signatures with an independent implementation (openssl). The project requires signing and
 * trusts one key; every refused install must leave the project exactly as it was.
 */
class SignatureAttackTest {
  private static final Duration FAST = Duration.ofSeconds(30);
  static final KeyPair ACME = CosignKeys.generate();

  static DistributionRegistry registry;
  static TamperingProxy proxy;
  static RegistryHttp http;
  static String direct;
  static String viaProxy;
  static String signedDigest;
  static String otherDigest;
  @TempDir static Path shared;

  @TempDir Path work;

  @BeforeAll
  static void publish() throws IOException {
    registry = DistributionRegistry.start();
    proxy = TamperingProxy.start(registry.url());
    http = new RegistryHttp(registry.url());
    direct = registry.url() + "/sig";
    viaProxy = proxy.url() + "/sig";
    Path home = shared.resolve("home");
    try (var t = Hermetic.tank(shared.resolve("unused"), direct, home)) {
      signedDigest = t.publish(SkillFixtures.skill(shared.resolve("s"), "signed", "1.0.0", Map.of()), false, ACME.getPrivate())
          .digest();
      otherDigest = t.publish(SkillFixtures.skill(shared.resolve("o"), "other", "1.0.0", Map.of()), false, ACME.getPrivate())
          .digest();
    }
    // The other skill's signature payload blob also exists in the signed skill's repository, so a
    // swapped signature manifest is caught by what it says, not by a missing blob.
    JsonNode otherSig = RegistryHttp.json(http.manifest("sig/acme/other", tag(otherDigest) + ".sig"));
    http.mountBlob("sig/acme/signed", "sig/acme/other", otherSig.path("layers").path(0).path("digest").asText());
    http.mountBlob("sig/acme/signed", "sig/acme/other", otherSig.path("config").path("digest").asText());
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

  static String tag(String digest) {
    return digest.replace(':', '-');
  }

  Path project(String pubPem) throws IOException {
    Path p = Files.createDirectories(work.resolve("project"));
    Files.writeString(p.resolve("trusted.pub"), pubPem);
    Files.writeString(p.resolve("skills.json"), "{\"skills\": {\"@acme/signed\": \"^1.0.0\"},"
        + " \"audit\": {\"require_signing\": true},"
        + " \"trust\": {\"keys\": [{\"name\": \"acme\", \"public_key\": \"trusted.pub\"}]}}\n");
    return p;
  }

  TankException refused(Path project, ErrorCode... codes) {
    Map<String, String> before = Hermetic.snapshot(project);
    TankException e = assertTimeoutPreemptively(FAST,
        () -> Hermetic.installFails(project, viaProxy, work.resolve("home"), Map.of(), false));
    assertThat(codes).as(e.getMessage()).contains(e.code());
    assertThat(Hermetic.snapshot(project)).as("project unchanged").isEqualTo(before);
    return e;
  }

  @Test
  void anHonestRegistryInstallsAndTheLockNamesTheKey() throws IOException {
    Path p = project(CosignKeys.publicKeyPem(ACME.getPublic()));
    Hermetic.install(p, viaProxy, work.resolve("home"));
    assertThat(Lockfile.read(p.resolve("skills.lock")).skills().get("@acme/signed@1.0.0").signature())
        .isEqualTo("key acme " + CosignKeys.fingerprint(ACME.getPublic()));
  }

  @Test
  void strippedSignaturesAreRefused() throws IOException {
    Path p = project(CosignKeys.publicKeyPem(ACME.getPublic()));
    proxy.on("GET", "/v2/sig/acme/signed/manifests/sha256-.*", call -> call.send(
        TamperingProxy.Response.of(404, "application/json", "{\"errors\":[{\"code\":\"MANIFEST_UNKNOWN\"}]}".getBytes(StandardCharsets.UTF_8))));
    assertThat(refused(p, ErrorCode.SIGNATURE).getMessage()).contains("carries no signature");
  }

  @Test
  void anotherSkillsValidSignatureServedForThisOneIsRefused() throws IOException {
    Path p = project(CosignKeys.publicKeyPem(ACME.getPublic()));
    proxy.on("GET", "/v2/sig/acme/signed/manifests/" + Pattern.quote(tag(signedDigest) + ".sig"),
        serveFrom("/v2/sig/acme/other/manifests/" + tag(otherDigest) + ".sig"));
    proxy.on("GET", "/v2/sig/acme/signed/manifests/" + Pattern.quote(tag(signedDigest)),
        serveFrom("/v2/sig/acme/other/manifests/" + tag(otherDigest)));
    TankException e = refused(p, ErrorCode.SIGNATURE);
    assertThat(e.getMessage()).contains("covers " + otherDigest);
  }

  @Test
  void anEndlessSignatureManifestIsCutOff() throws IOException {
    Path p = project(CosignKeys.publicKeyPem(ACME.getPublic()));
    proxy.on("GET", "/v2/sig/acme/signed/manifests/" + Pattern.quote(tag(signedDigest) + ".sig"), endless());
    refused(p, ErrorCode.TOO_LARGE, ErrorCode.UNREACHABLE);
  }

  @Test
  void anEndlessReferrersIndexIsCutOff() throws IOException {
    Path p = project(CosignKeys.publicKeyPem(ACME.getPublic()));
    // No valid simple signature either, so the referrers must be read.
    proxy.on("GET", "/v2/sig/acme/signed/manifests/" + Pattern.quote(tag(signedDigest) + ".sig"), call -> call.send(
        TamperingProxy.Response.of(404, "application/json", "{}".getBytes(StandardCharsets.UTF_8))));
    proxy.on("GET", "/v2/sig/acme/signed/manifests/" + Pattern.quote(tag(signedDigest)) + "$", endless());
    refused(p, ErrorCode.TOO_LARGE, ErrorCode.UNREACHABLE);
  }

  @Test
  void anOversizeSignaturePayloadIsRefused() throws IOException {
    Path p = project(CosignKeys.publicKeyPem(ACME.getPublic()));
    JsonNode sig = RegistryHttp.json(http.manifest("sig/acme/signed", tag(signedDigest) + ".sig"));
    String payload = sig.path("layers").path(0).path("digest").asText();
    proxy.on("GET", "/v2/sig/acme/signed/blobs/" + Pattern.quote(payload), rewrite(append(1 << 20)));
    proxy.on("GET", "/v2/sig/acme/signed/manifests/" + Pattern.quote(tag(signedDigest)) + "$", call -> call.send(
        TamperingProxy.Response.of(404, "application/json", "{}".getBytes(StandardCharsets.UTF_8))));
    refused(p, ErrorCode.TOO_LARGE, ErrorCode.INTEGRITY);
  }

  @Test
  void aSignatureFromAnUntrustedKeyIsRefused() throws IOException {
    Path p = project(CosignKeys.publicKeyPem(CosignKeys.generate().getPublic()));
    assertThat(refused(p, ErrorCode.SIGNATURE).getMessage()).contains("does not verify with any trusted key");
  }

  @Test
  void opensslVerifiesTheStoredPayloadWithTheTankPublicKey() throws Exception {
    JsonNode sig = RegistryHttp.json(http.manifest("sig/acme/signed", tag(signedDigest) + ".sig"));
    JsonNode layer = sig.path("layers").path(0);
    assertThat(layer.path("mediaType").asText()).isEqualTo(SimpleSigning.MEDIA_TYPE);
    Path payload = Files.write(work.resolve("payload"), http.blob("sig/acme/signed", layer.path("digest").asText()));
    Path signature = Files.write(work.resolve("sig.der"),
        Base64.getDecoder().decode(layer.path("annotations").path(SimpleSigning.SIGNATURE_ANNOTATION).asText()));
    Path pub = Files.writeString(work.resolve("pub.pem"), CosignKeys.publicKeyPem(ACME.getPublic()));
    assertThat(openssl("dgst", "-sha256", "-verify", pub.toString(), "-signature", signature.toString(), payload.toString()))
        .contains("Verified OK");
    Files.write(payload, "tampered".getBytes(StandardCharsets.UTF_8), java.nio.file.StandardOpenOption.APPEND);
    assertThat(openssl("dgst", "-sha256", "-verify", pub.toString(), "-signature", signature.toString(), payload.toString()))
        .contains("Verification failure");
  }

  @Test
  void aSignatureMadeByOpensslInCosignsLayoutIsAcceptedByTank() throws Exception {
    // An independent signer: openssl makes the key and the signature; the test writes cosign's layout by hand.
    String digest = Hermetic.publish(SkillFixtures.skill(work.resolve("src"), "indie", "1.0.0", Map.of()), direct, work.resolve("h"))
        .digest();
    Path key = work.resolve("indie.pem");
    openssl("ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", key.toString());
    Path pub = work.resolve("indie.pub");
    openssl("pkey", "-in", key.toString(), "-pubout", "-out", pub.toString());
    String reference = registry.hostPort() + "/sig/acme/indie";
    byte[] payload = ("{\"critical\":{\"identity\":{\"docker-reference\":\"" + reference + "\"},\"image\":"
        + "{\"docker-manifest-digest\":\"" + digest + "\"},\"type\":\"cosign container image signature\"},"
        + "\"optional\":{\"signer\":\"openssl\"}}").getBytes(StandardCharsets.UTF_8);
    Path payloadFile = Files.write(work.resolve("indie-payload"), payload);
    Path sigFile = work.resolve("indie.sig");
    openssl("dgst", "-sha256", "-sign", key.toString(), "-out", sigFile.toString(), payloadFile.toString());
    String payloadDigest = http.pushBlob("sig/acme/indie", payload);
    byte[] config = "{\"architecture\":\"\",\"os\":\"\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]},\"config\":{}}"
        .getBytes(StandardCharsets.UTF_8);
    String configDigest = http.pushBlob("sig/acme/indie", config);
    String sigManifest = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
        + "\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\"" + configDigest
        + "\",\"size\":" + config.length + "},\"layers\":[{\"mediaType\":\"" + SimpleSigning.MEDIA_TYPE + "\",\"digest\":\""
        + payloadDigest + "\",\"size\":" + payload.length + ",\"annotations\":{\"" + SimpleSigning.SIGNATURE_ANNOTATION
        + "\":\"" + Base64.getEncoder().encodeToString(Files.readAllBytes(sigFile)) + "\"}}]}";
    http.putManifest("sig/acme/indie", tag(digest) + ".sig", sigManifest.getBytes(StandardCharsets.UTF_8));

    Path p = Files.createDirectories(work.resolve("indie-project"));
    Files.copy(pub, p.resolve("indie.pub"));
    Files.writeString(p.resolve("skills.json"), "{\"skills\": {\"@acme/indie\": \"1.0.0\"},"
        + " \"audit\": {\"require_signing\": true},"
        + " \"trust\": {\"keys\": [{\"name\": \"indie\", \"public_key\": \"indie.pub\"}]}}\n");
    Installer.Result r = Hermetic.install(p, direct, work.resolve("home"));
    assertThat(r.installed()).hasSize(1);
    assertThat(Lockfile.read(p.resolve("skills.lock")).skills().get("@acme/indie@1.0.0").signature()).startsWith("key indie sha256:");
  }

  private static String openssl(String... args) throws IOException, InterruptedException {
    List<String> cmd = new java.util.ArrayList<>(List.of("openssl"));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    return out;
  }
}
