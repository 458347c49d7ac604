package dev.tank.sign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sigstore.KeylessVerificationException;
import dev.sigstore.KeylessVerifier;
import dev.sigstore.TrustedRootProvider;
import dev.sigstore.VerificationOptions;
import dev.sigstore.VerificationOptions.CertificateMatcher;
import dev.sigstore.bundle.Bundle;
import dev.sigstore.encryption.certificates.Certificates;
import dev.sigstore.rekor.client.HashedRekordRequest;
import dev.sigstore.strings.StringMatcher;
import dev.sigstore.trustroot.SigstoreTrustedRoot;
import dev.tank.mediatypes.Digest;
import dev.tank.testing.PrivateSigstore;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The private Sigstore is checked against sigstore-java directly (no Tank code in between), so a
 * passing {@link KeylessVerificationTest} means Tank's wrapper works, not that both sides share a
 * misunderstanding of the formats.
 */
class PrivateSigstoreTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final byte[] ARTIFACT = "manifest bytes".getBytes(StandardCharsets.UTF_8);
  @TempDir Path tmp;

  @Test
  void trustedRootLoadsThroughSigstoreJavasFileProvider() throws Exception {
    PrivateSigstore sigstore = PrivateSigstore.create("root-check");
    Path file = sigstore.writeTrustedRoot(tmp);
    assertThat(file.getFileName().toString()).isEqualTo("trusted_root.json");
    SigstoreTrustedRoot root = TrustedRootProvider.from(file).get();
    assertThat(root.getCAs()).hasSize(1);
    assertThat(root.getCAs().get(0).getCertPath().getCertificates()).hasSize(2);
    assertThat(root.getTLogs()).hasSize(1);
    assertThat(root.getCTLogs()).hasSize(1);
    assertThat(root.getTLogs().get(0).getBaseUrl().getHost()).isEqualTo("rekor.root-check.test");
    byte[] tlogKey = root.getTLogs().get(0).getPublicKey().getRawBytes();
    assertThat(root.getTLogs().get(0).getLogId().getKeyId())
        .isEqualTo(MessageDigest.getInstance("SHA-256").digest(tlogKey));
  }

  @Test
  void sigstoreJavaVerifiesAnIssuedBundleAndEnforcesTheIdentity() throws Exception {
    PrivateSigstore sigstore = PrivateSigstore.create();
    KeylessVerifier verifier = KeylessVerifier.builder()
        .trustedRootProvider(TrustedRootProvider.from(sigstore.writeTrustedRoot(tmp))).build();
    PrivateSigstore.Issued issued = sigstore.sign(ARTIFACT, "ci@tank.test", "https://idp.tank.test");
    Bundle bundle = Bundle.from(new StringReader(issued.bundleText()));
    byte[] digest = MessageDigest.getInstance("SHA-256").digest(ARTIFACT);
    verifier.verify(digest, bundle, options("ci@tank.test", "https://idp.tank.test"));
    assertThatThrownBy(() -> verifier.verify(digest, bundle, options("other@tank.test", "https://idp.tank.test")))
        .isInstanceOf(KeylessVerificationException.class);
  }

  @Test
  void bundleHasTheV03ShapeAndALogEntryAsRekorWritesIt() throws Exception {
    PrivateSigstore sigstore = PrivateSigstore.create();
    PrivateSigstore.Issued first = sigstore.sign(ARTIFACT, "ci@tank.test", "https://idp.tank.test");
    PrivateSigstore.Issued second = sigstore.sign(ARTIFACT, "ci@tank.test", "https://idp.tank.test");
    JsonNode b = JSON.readTree(second.bundleJson());
    assertThat(b.path("mediaType").asText()).isEqualTo("application/vnd.dev.sigstore.bundle.v0.3+json");
    assertThat(b.path("messageSignature").path("messageDigest").path("algorithm").asText()).isEqualTo("SHA2_256");
    assertThat(b.path("messageSignature").path("messageDigest").path("digest").asText())
        .isEqualTo(Base64.getEncoder().encodeToString(HexFormat.of().parseHex(Digest.sha256(ARTIFACT).hex())));
    JsonNode entry = b.path("verificationMaterial").path("tlogEntries").get(0);
    assertThat(entry.path("kindVersion").path("kind").asText()).isEqualTo("hashedrekord");
    assertThat(entry.path("kindVersion").path("version").asText()).isEqualTo("0.0.1");
    assertThat(entry.path("inclusionProof").path("hashes").size()).as("proof has depth").isGreaterThan(1);
    long firstIndex = JSON.readTree(first.bundleJson()).path("verificationMaterial").path("tlogEntries").get(0)
        .path("logIndex").asLong();
    assertThat(entry.path("logIndex").asLong()).isEqualTo(firstIndex + 1);
    assertThat(entry.path("inclusionProof").path("checkpoint").path("envelope").asText())
        .contains("\n\n\u2014 rekor." + sigstore.name() + ".test ");

    // The body is byte-for-byte the canonical hashedrekord sigstore-java computes itself.
    byte[] body = Base64.getDecoder().decode(entry.path("canonicalizedBody").asText());
    byte[] signature = Base64.getDecoder().decode(b.path("messageSignature").path("signature").asText());
    String expected = HashedRekordRequest.newHashedRekordRequest(
        HexFormat.of().parseHex(second.digest().hex()), Certificates.toPemBytes(second.certificate()), signature).toJsonPayload();
    assertThat(new String(body, StandardCharsets.UTF_8)).isEqualTo(expected);
  }

  @Test
  void certificateLooksLikeFulcios() throws Exception {
    PrivateSigstore.Issued issued = PrivateSigstore.create().sign(ARTIFACT,
        "https://github.com/acme/skills/.github/workflows/release.yml@refs/heads/main", "https://token.actions.githubusercontent.com");
    var cert = issued.certificate();
    assertThat(cert.getSubjectX500Principal().getName()).isEmpty();
    assertThat(cert.getCriticalExtensionOIDs()).contains("2.5.29.17");
    assertThat(cert.getSubjectAlternativeNames()).singleElement()
        .satisfies(san -> assertThat(san.get(0)).isEqualTo(6));
    assertThat(cert.getExtensionValue("1.3.6.1.4.1.57264.1.1")).isNotNull();
    assertThat(cert.getExtensionValue("1.3.6.1.4.1.57264.1.8")).isNotNull();
    assertThat(cert.getExtensionValue("1.3.6.1.4.1.11129.2.4.2")).as("embedded SCT").isNotNull();
    assertThat(cert.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.3");
    assertThat(FulcioCertificates.identity(cert))
        .isEqualTo(new KeylessIdentity(issued.subject(), "https://token.actions.githubusercontent.com"));
    long minutes = (cert.getNotAfter().getTime() - cert.getNotBefore().getTime()) / 60_000;
    assertThat(minutes).isEqualTo(10);
  }

  private static VerificationOptions options(String san, String issuer) {
    return VerificationOptions.builder()
        .addCertificateMatchers(CertificateMatcher.fulcio()
            .subjectAlternativeName(StringMatcher.string(san)).issuer(StringMatcher.string(issuer)).build())
        .build();
  }
}
