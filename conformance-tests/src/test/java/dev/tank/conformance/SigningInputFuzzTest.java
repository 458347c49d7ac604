package dev.tank.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tank.mediatypes.Digest;
import dev.tank.mediatypes.ErrorCode;
import dev.tank.mediatypes.TankException;
import dev.tank.sign.CosignKeys;
import dev.tank.sign.KeyBundle;
import dev.tank.sign.KeylessVerification;
import dev.tank.sign.SimpleSigning;
import dev.tank.testing.PrivateSigstore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * Fuzzes the readers of signing material: PKIX public-key PEMs ({@link CosignKeys#readPublicKey}),
 * cosign's encrypted private keys ({@link CosignKeys#decryptPrivateKey}), key-pair Sigstore bundles
 * ({@link KeyBundle#parse}), keyless bundles ({@link KeylessVerification#peek}) and cosign
 * simple-signing payloads ({@link SimpleSigning#parse}). Inputs: random bytes, byte mutations of
 * valid material made here (DER mutated under an intact PEM armour, too), and encrypted keys whose
 * scrypt parameters and fields are varied. Property as in {@link ParserFuzzTest}: success or a
 * {@code TankException} with a code, within {@link Fuzz#CALL_TIMEOUT}, never another exception.
 *
 * <p>Tries: {@code jqwik.tries.default}; see {@link ParserFuzzTest} for long runs.
 */
class SigningInputFuzzTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final char[] PASSWORD = "fuzz".toCharArray();
  private static final KeyPair P256 = CosignKeys.generate();
  private static final byte[] MANIFEST = "{\"schemaVersion\":2}".getBytes(StandardCharsets.UTF_8);

  private static final List<byte[]> PUBLIC_DERS = List.of(
      P256.getPublic().getEncoded(),
      generate("EC", new ECGenParameterSpec("secp384r1")).getPublic().getEncoded(),
      generate("RSA", null).getPublic().getEncoded(),
      generate("Ed25519", null).getPublic().getEncoded(),
      P256.getPrivate().getEncoded());
  /** A real cosign key, re-encrypted with N=16 so that a try costs microseconds, not a second of scrypt. */
  private static final ObjectNode CHEAP_KEY = cheapEncryptedKey();
  private static final List<byte[]> BUNDLES = List.of(
      KeyBundle.create(P256.getPrivate(), P256.getPublic(), MANIFEST),
      PrivateSigstore.create("fuzz").sign(MANIFEST, "dev@example.com", "https://issuer.example").bundleJson());
  private static final List<byte[]> PAYLOADS = List.of(
      SimpleSigning.payload("127.0.0.1:5000/acme/x", Digest.sha256(MANIFEST)),
      ("{\"critical\":{\"identity\":{\"docker-reference\":\"r/acme/x\"},\"image\":{\"docker-manifest-digest\":\""
          + Digest.sha256(MANIFEST) + "\"},\"type\":\"cosign container image signature\"},\"optional\":{\"a\":1}}")
          .getBytes(StandardCharsets.UTF_8));
  private static final List<byte[]> PEM_TOKENS = Fuzz.utf8("-----BEGIN PUBLIC KEY-----", "-----END PUBLIC KEY-----",
      "-----BEGIN ENCRYPTED SIGSTORE PRIVATE KEY-----", "-----END ENCRYPTED SIGSTORE PRIVATE KEY-----",
      "-----BEGIN ENCRYPTED COSIGN PRIVATE KEY-----", "\r\n", "=", "==", "\u0000", " ", "\u00e9", "-----");

  private static KeyPair generate(String algorithm, ECGenParameterSpec spec) {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance(algorithm);
      if (spec != null) {
        g.initialize(spec);
      }
      return g.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static ObjectNode cheapEncryptedKey() {
    // The body of a real key, with N lowered: decryption then fails as a wrong password would,
    // after every check of the format has run.
    String pem = CosignKeys.encryptPrivateKey(P256.getPrivate(), PASSWORD);
    String body = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
    try {
      ObjectNode json = (ObjectNode) JSON.readTree(Base64.getDecoder().decode(body));
      ((ObjectNode) json.path("kdf").path("params")).put("N", 16);
      return json;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String pem(String type, byte[] der) {
    return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
        + "\n-----END " + type + "-----\n";
  }

  // --- public keys ---

  @Property
  void publicKeyPem(@ForAll("publicPems") String pem) {
    byte[] b = pem.getBytes(StandardCharsets.UTF_8);
    Fuzz.onlyTankErrors("CosignKeys.readPublicKey", b, () -> CosignKeys.readPublicKey(pem, "cosign.pub"));
  }

  @Provide
  Arbitrary<String> publicPems() {
    List<byte[]> pems = new ArrayList<>();
    PUBLIC_DERS.forEach(d -> pems.add(pem("PUBLIC KEY", d).getBytes(StandardCharsets.UTF_8)));
    return Arbitraries.oneOf(
        // The DER changed under intact armour reaches the key decoders.
        Fuzz.mutated(PUBLIC_DERS, List.of(new byte[] {0x30, (byte) 0x82}, new byte[] {0x06}, new byte[] {(byte) 0x80}))
            .map(der -> pem("PUBLIC KEY", der)),
        Fuzz.mutated(pems, PEM_TOKENS).map(b -> new String(b, StandardCharsets.UTF_8)),
        Fuzz.randomBytes().map(b -> pem("PUBLIC KEY", b)),
        Fuzz.randomBytes().map(b -> new String(b, StandardCharsets.ISO_8859_1)));
  }

  /** Found by {@link #publicKeyPem}: the END marker searched from inside the BEGIN marker's dashes. */
  @Example
  void aPemWhoseEndMarkerOverlapsItsBeginMarkerIsAKeyError() {
    for (String pem : List.of("-----BEGIN PUBLIC KEY---------END PUBLIC KEY-----\n", "-----BEGIN PUBLIC KEY----END PUBLIC KEY-----",
        "-----BEGIN PUBLIC KEY-----END PUBLIC KEY-----")) {
      TankException e = catchThrowableOfType(TankException.class, () -> CosignKeys.readPublicKey(pem, "cosign.pub"));
      assertThat(e).as(pem).isNotNull();
      assertThat(e.code()).isEqualTo(ErrorCode.KEY);
    }
  }

  // --- encrypted private keys ---

  @Property
  void encryptedPrivateKey(@ForAll("privatePems") String pem) {
    byte[] b = pem.getBytes(StandardCharsets.UTF_8);
    Fuzz.onlyTankErrors("CosignKeys.decryptPrivateKey", b, () -> CosignKeys.decryptPrivateKey(pem, PASSWORD, "cosign.key"));
  }

  @Provide
  Arbitrary<String> privatePems() {
    Arbitrary<Integer> n = Arbitraries.frequencyOf(
        Tuple.of(6, Arbitraries.integers().between(0, 12).map(e -> 1 << e)),
        Tuple.of(2, Arbitraries.integers().between(-4, 5000)),
        Tuple.of(1, Arbitraries.of(Integer.MIN_VALUE, Integer.MAX_VALUE, 1 << 30, 1 << 31, 3, 6)));
    Arbitrary<Integer> small = Arbitraries.frequencyOf(
        Tuple.of(6, Arbitraries.integers().between(1, 8)),
        Tuple.of(1, Arbitraries.integers()),
        Tuple.of(1, Arbitraries.of(0, -1, 33, 17)));
    Arbitrary<String> b64 = Arbitraries.oneOf(
        Arbitraries.bytes().array(byte[].class).ofMaxSize(80).map(x -> Base64.getEncoder().encodeToString(x)),
        Arbitraries.of("", "=", "!!!", "AAAA====", "A", "\u00e9"));
    Arbitrary<String> field = Arbitraries.of("salt", "nonce", "ciphertext", "kdf.name", "cipher.name", "none");
    Arbitrary<byte[]> varied = Combinators.combine(n, small, small, field, b64).as((nv, r, p, f, value) -> {
      ObjectNode json = CHEAP_KEY.deepCopy();
      ObjectNode kdf = (ObjectNode) json.get("kdf");
      ObjectNode params = (ObjectNode) kdf.get("params");
      params.put("N", nv);
      params.put("r", r);
      params.put("p", p);
      switch (f) {
        case "salt" -> kdf.put("salt", value);
        case "nonce" -> ((ObjectNode) json.get("cipher")).put("nonce", value);
        case "ciphertext" -> json.put("ciphertext", value);
        case "kdf.name" -> kdf.put("name", value);
        case "cipher.name" -> ((ObjectNode) json.get("cipher")).put("name", value);
        default -> { }
      }
      return bytes(json);
    });
    Arbitrary<byte[]> mutatedJson = Fuzz.mutated(List.of(bytes(CHEAP_KEY)), Fuzz.JSON_TOKENS);
    Arbitrary<String> type = Arbitraries.of(CosignKeys.PRIVATE_PEM_TYPE, CosignKeys.LEGACY_PRIVATE_PEM_TYPE);
    return Arbitraries.oneOf(
        Combinators.combine(type, varied).as(SigningInputFuzzTest::pem),
        Combinators.combine(type, mutatedJson).as(SigningInputFuzzTest::pem),
        Fuzz.mutated(List.of(pem(CosignKeys.PRIVATE_PEM_TYPE, bytes(CHEAP_KEY)).getBytes(StandardCharsets.UTF_8)), PEM_TOKENS)
            .map(b -> new String(b, StandardCharsets.UTF_8)),
        Fuzz.randomBytes().map(b -> pem(CosignKeys.PRIVATE_PEM_TYPE, b)));
  }

  private static byte[] bytes(Object json) {
    try {
      return JSON.writeValueAsBytes(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * scrypt parameters are the file's to choose, so they must be bounded by what cosign writes
   * (N=65536, r=8, p=1): the largest values each check allowed alone would make a key file cost
   * 4 GiB and many minutes to open, and BouncyCastle refuses some combinations (r=1 with N of 65536
   * or more) with its own unchecked exception.
   */
  @Example
  void scryptParametersBeyondWhatCosignWritesAreKeyErrorsNotExceptionsOrMinutesOfWork() {
    for (int[] nrp : new int[][] {{65536, 1, 1}, {1 << 20, 1, 1}, {1 << 20, 32, 16}, {1 << 20, 8, 1}, {65536, 8, 16}}) {
      ObjectNode json = CHEAP_KEY.deepCopy();
      ObjectNode params = (ObjectNode) json.path("kdf").path("params");
      params.put("N", nrp[0]);
      params.put("r", nrp[1]);
      params.put("p", nrp[2]);
      String pem = pem(CosignKeys.PRIVATE_PEM_TYPE, bytes(json));
      TankException e = catchThrowableOfType(TankException.class, () -> assertTimeoutPreemptively(Duration.ofSeconds(20),
          () -> CosignKeys.decryptPrivateKey(pem, PASSWORD, "cosign.key"), "N=" + nrp[0] + " r=" + nrp[1] + " p=" + nrp[2]));
      assertThat(e).as("N=%d r=%d p=%d", nrp[0], nrp[1], nrp[2]).isNotNull();
      assertThat(e.code()).isEqualTo(ErrorCode.KEY);
      assertThat(e.getMessage()).contains("scrypt");
    }
  }

  @Example
  void cosignsOwnParametersStillDecrypt() {
    String pem = CosignKeys.encryptPrivateKey(P256.getPrivate(), PASSWORD);
    assertThat(CosignKeys.decryptPrivateKey(pem, PASSWORD, "cosign.key").getEncoded()).isEqualTo(P256.getPrivate().getEncoded());
  }

  // --- bundles and payloads ---

  @Property
  void keyBundle(@ForAll("bundles") byte[] input) {
    Fuzz.onlyTankErrors("KeyBundle.parse", input, () -> KeyBundle.parse(input, "bundle"));
  }

  @Property
  void keylessBundlePeek(@ForAll("bundles") byte[] input) {
    Fuzz.onlyTankErrors("KeylessVerification.peek", input, () -> KeylessVerification.peek(input));
  }

  @Property
  void simpleSigningPayload(@ForAll("payloads") byte[] input) {
    Fuzz.onlyTankErrors("SimpleSigning.parse", input, () -> SimpleSigning.parse(input, "payload"));
  }

  @Provide
  Arbitrary<byte[]> bundles() {
    return Arbitraries.oneOf(
        Fuzz.mutated(BUNDLES, Fuzz.JSON_TOKENS),
        ParserFuzzTest.structurallyMutated(BUNDLES),
        Fuzz.randomBytes());
  }

  @Provide
  Arbitrary<byte[]> payloads() {
    return Arbitraries.oneOf(
        Fuzz.mutated(PAYLOADS, Fuzz.JSON_TOKENS),
        ParserFuzzTest.structurallyMutated(PAYLOADS),
        Fuzz.randomBytes());
  }
}
