package dev.tank.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tank.mediatypes.Digest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Set;
import java.util.UUID;

/**
 * A private Sigstore for tests, entirely offline: its own Fulcio-like CA (root + intermediate), CT
 * log and Rekor-like transparency log, all with fresh ECDSA P-256 keys. It writes a {@code
 * trusted_root.json} naming them and issues keyless Sigstore bundles (v0.3, message signature over
 * an artifact's SHA-256, short-lived certificate with an embedded SCT, hashedrekord 0.0.1 log entry
 * with inclusion proof, signed checkpoint and signed entry timestamp) that sigstore-java verifies.
 *
 * <p>{@link Flaw}s and the other {@link Option}s produce the bundles a verifier must reject. Two
 * instances share nothing, so one's trusted root rejects the other's bundles.
 *
 * <pre>{@code
 * PrivateSigstore sigstore = PrivateSigstore.create();
 * Path root = sigstore.writeTrustedRoot(tmp);
 * byte[] bundle = sigstore.sign(manifestBytes, "dev@example.com", "https://accounts.example.com").bundleJson();
 * }</pre>
 */
public final class PrivateSigstore {
  public static final String BUNDLE_V03 = "application/vnd.dev.sigstore.bundle.v0.3+json";
  public static final String TRUSTED_ROOT_MEDIA_TYPE = "application/vnd.dev.sigstore.trustedroot+json;version=0.1";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Base64.Encoder B64 = Base64.getEncoder();

  private final String name;
  private final Instant start;
  private final KeyPair ctKey = TestFulcio.newKey();
  private final TestFulcio fulcio;
  private final TestRekor rekor;
  private TestFulcio rogueFulcio;
  private TestRekor rogueRekor;

  private PrivateSigstore(String name) {
    this.name = name;
    this.start = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(30, ChronoUnit.DAYS);
    this.fulcio = new TestFulcio(name, start, ctKey);
    this.rekor = new TestRekor("rekor." + name + ".test", TestFulcio.newKey(), 5);
  }

  /** A new instance with a random name. */
  public static PrivateSigstore create() {
    return create("sigstore-" + UUID.randomUUID().toString().substring(0, 8));
  }

  /** A new instance; {@code name} (letters, digits, '-') goes into its certificates and host names. */
  public static PrivateSigstore create(String name) {
    if (!name.matches("[a-z0-9][a-z0-9-]*")) {
      throw new IllegalArgumentException("name must be lowercase letters, digits and '-': " + name);
    }
    return new PrivateSigstore(name);
  }

  public String name() {
    return name;
  }

  /** Ways to issue a bundle that a verifier must reject. */
  public sealed interface Option permits Flaw, ClaimedDigest, BundleMediaType {}

  public enum Flaw implements Option {
    /** The certificate's validity ended before the log integrated the entry. */
    EXPIRED_AT_INTEGRATION,
    /** The certificate's validity starts after the log integrated the entry. */
    NOT_YET_VALID_AT_INTEGRATION,
    /** {@code tlogEntries} is empty. */
    NO_TLOG_ENTRY,
    /** The log entry has no inclusion promise (signed entry timestamp). */
    NO_SIGNED_ENTRY_TIMESTAMP,
    /** The bundle's signature is a valid signature by the same key, over other bytes. */
    TAMPERED_SIGNATURE,
    /** The log entry records a different (equally valid) signature than the bundle carries. */
    LOG_BODY_MISMATCH,
    /** A hash of the inclusion proof is altered. */
    BROKEN_INCLUSION_PROOF,
    /** The checkpoint's signed text is altered, so its signature no longer verifies. */
    BAD_CHECKPOINT_SIGNATURE,
    /** The certificate has no embedded SCT. */
    NO_SCT,
    /** The certificate comes from a CA with the same names but other keys, not in the trusted root. */
    ROGUE_CA,
    /** The entry is in a log with the same host but another key, not in the trusted root. */
    ROGUE_LOG
  }

  /** The bundle's {@code messageDigest} claims {@code digest} while the signature covers the artifact. */
  public record ClaimedDigest(Digest digest) implements Option {}

  /** Write the bundle with an older media type (v0.1/v0.2 style: {@code x509CertificateChain}). */
  public record BundleMediaType(String mediaType) implements Option {}

  /** An issued bundle and what went into it. */
  public record Issued(byte[] bundleJson, Digest digest, X509Certificate certificate, String subject, String issuer) {
    @Override
    public byte[] bundleJson() {
      return bundleJson.clone();
    }

    public String bundleText() {
      return new String(bundleJson, StandardCharsets.UTF_8);
    }
  }

  /** Signs {@code artifact} (its SHA-256) as {@code subject} (email or URI) certified by {@code oidcIssuer}. */
  public Issued sign(byte[] artifact, String subject, String oidcIssuer, Option... options) {
    return sign(Digest.sha256(artifact), subject, oidcIssuer, options);
  }

  /** Signs an artifact given by its SHA-256 digest, e.g. a manifest digest. */
  public Issued sign(Digest digest, String subject, String oidcIssuer, Option... options) {
    if (!"sha256".equals(digest.algorithm())) {
      throw new IllegalArgumentException("keyless bundles sign SHA-256 digests");
    }
    Set<Flaw> flaws = EnumSet.noneOf(Flaw.class);
    Digest claimed = digest;
    String mediaType = BUNDLE_V03;
    for (Option o : options) {
      if (o instanceof Flaw f) {
        flaws.add(f);
      } else if (o instanceof ClaimedDigest c) {
        claimed = c.digest();
      } else if (o instanceof BundleMediaType m) {
        mediaType = m.mediaType();
      }
    }
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    Instant notBefore = now.minusSeconds(60);
    if (flaws.contains(Flaw.EXPIRED_AT_INTEGRATION)) {
      notBefore = now.minusSeconds(2 * 3600);
    } else if (flaws.contains(Flaw.NOT_YET_VALID_AT_INTEGRATION)) {
      notBefore = now.plusSeconds(3600);
    }
    Instant notAfter = notBefore.plusSeconds(600);

    KeyPair leafKey = TestFulcio.newKey();
    TestFulcio ca = flaws.contains(Flaw.ROGUE_CA) ? rogueFulcio() : fulcio;
    X509Certificate leaf = ca.issue(leafKey.getPublic(), subject, oidcIssuer, notBefore, notAfter,
        !flaws.contains(Flaw.NO_SCT));
    byte[] raw = HexFormat.of().parseHex(digest.hex());
    byte[] signature = TestFulcio.sign(leafKey.getPrivate(), "NONEwithECDSA", raw);
    byte[] logged = flaws.contains(Flaw.LOG_BODY_MISMATCH)
        ? TestFulcio.sign(leafKey.getPrivate(), "NONEwithECDSA", raw) // ECDSA is randomized: another valid signature
        : signature;
    byte[] body = hashedRekord(digest, leaf, logged);

    ObjectNode bundle = JSON.createObjectNode();
    bundle.put("mediaType", mediaType);
    ObjectNode material = bundle.putObject("verificationMaterial");
    if (BUNDLE_V03.equals(mediaType)) {
      material.putObject("certificate").put("rawBytes", B64.encodeToString(der(leaf)));
    } else {
      material.putObject("x509CertificateChain").putArray("certificates").addObject()
          .put("rawBytes", B64.encodeToString(der(leaf)));
    }
    ArrayNode entries = material.putArray("tlogEntries");
    if (!flaws.contains(Flaw.NO_TLOG_ENTRY)) {
      TestRekor log = flaws.contains(Flaw.ROGUE_LOG) ? rogueRekor() : rekor;
      ObjectNode entry = log.append(body, now.getEpochSecond(), !flaws.contains(Flaw.NO_SIGNED_ENTRY_TIMESTAMP), JSON);
      spoil(entry, flaws);
      entries.add(entry);
    }
    material.putObject("timestampVerificationData");
    ObjectNode message = bundle.putObject("messageSignature");
    message.putObject("messageDigest").put("algorithm", "SHA2_256")
        .put("digest", B64.encodeToString(HexFormat.of().parseHex(claimed.hex())));
    byte[] carried = flaws.contains(Flaw.TAMPERED_SIGNATURE)
        ? TestFulcio.sign(leafKey.getPrivate(), "SHA256withECDSA", "other bytes".getBytes(StandardCharsets.UTF_8))
        : signature;
    message.put("signature", B64.encodeToString(carried));
    return new Issued(bytes(bundle), digest, leaf, subject, oidcIssuer);
  }

  private static void spoil(ObjectNode entry, Set<Flaw> flaws) {
    ObjectNode proof = (ObjectNode) entry.get("inclusionProof");
    if (flaws.contains(Flaw.BROKEN_INCLUSION_PROOF)) {
      ArrayNode hashes = (ArrayNode) proof.get("hashes");
      byte[] h = Base64.getDecoder().decode(hashes.get(0).asText());
      h[0] ^= 1;
      hashes.set(0, JSON.getNodeFactory().textNode(B64.encodeToString(h)));
    }
    if (flaws.contains(Flaw.BAD_CHECKPOINT_SIGNATURE)) {
      ObjectNode checkpoint = (ObjectNode) proof.get("checkpoint");
      checkpoint.put("envelope", "x" + checkpoint.get("envelope").asText());
    }
  }

  /** The trusted root naming this instance's CA, log and CT log. */
  public byte[] trustedRootJson() {
    ObjectNode root = JSON.createObjectNode();
    root.put("mediaType", TRUSTED_ROOT_MEDIA_TYPE);
    root.putArray("tlogs").add(log("https://" + rekor.host, rekor.key.getPublic()));
    ObjectNode ca = root.putArray("certificateAuthorities").addObject();
    ca.putObject("subject").put("organization", name).put("commonName", name);
    ca.put("uri", "https://fulcio." + name + ".test");
    ArrayNode chain = ca.putObject("certChain").putArray("certificates");
    chain.addObject().put("rawBytes", B64.encodeToString(der(fulcio.intermediate)));
    chain.addObject().put("rawBytes", B64.encodeToString(der(fulcio.root)));
    ca.putObject("validFor").put("start", start.toString());
    root.putArray("ctlogs").add(log("https://ctfe." + name + ".test/test", ctKey.getPublic()));
    root.putArray("timestampAuthorities");
    return bytes(root);
  }

  /** Writes {@code dir/trusted_root.json} and returns its path. */
  public Path writeTrustedRoot(Path dir) {
    try {
      Files.createDirectories(dir);
      return Files.write(dir.resolve("trusted_root.json"), trustedRootJson());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private ObjectNode log(String baseUrl, PublicKey key) {
    ObjectNode log = JSON.createObjectNode();
    log.put("baseUrl", baseUrl);
    log.put("hashAlgorithm", "SHA2_256");
    ObjectNode pk = log.putObject("publicKey");
    pk.put("rawBytes", B64.encodeToString(key.getEncoded()));
    pk.put("keyDetails", "PKIX_ECDSA_P256_SHA_256");
    pk.putObject("validFor").put("start", start.toString());
    log.putObject("logId").put("keyId", B64.encodeToString(TestFulcio.sha256(key.getEncoded())));
    return log;
  }

  /** The canonical (RFC 8785) hashedrekord 0.0.1 body: keys sorted, the certificate as base64 of its PEM. */
  private static byte[] hashedRekord(Digest digest, X509Certificate leaf, byte[] signature) {
    String pem = "-----BEGIN CERTIFICATE-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der(leaf))
        + "\n-----END CERTIFICATE-----\n";
    String json = "{\"apiVersion\":\"0.0.1\",\"kind\":\"hashedrekord\",\"spec\":{\"data\":{\"hash\":{\"algorithm\":\"sha256\","
        + "\"value\":\"" + digest.hex() + "\"}},\"signature\":{\"content\":\"" + B64.encodeToString(signature)
        + "\",\"publicKey\":{\"content\":\"" + B64.encodeToString(pem.getBytes(StandardCharsets.US_ASCII)) + "\"}}}}";
    return json.getBytes(StandardCharsets.UTF_8);
  }

  private synchronized TestFulcio rogueFulcio() {
    if (rogueFulcio == null) {
      rogueFulcio = new TestFulcio(name, start, ctKey);
    }
    return rogueFulcio;
  }

  private synchronized TestRekor rogueRekor() {
    if (rogueRekor == null) {
      rogueRekor = new TestRekor(rekor.host, TestFulcio.newKey(), 5);
    }
    return rogueRekor;
  }

  private static byte[] der(X509Certificate c) {
    try {
      return c.getEncoded();
    } catch (CertificateEncodingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] bytes(ObjectNode node) {
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public String toString() {
    return "PrivateSigstore[" + name + "]";
  }
}
