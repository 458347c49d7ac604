package dev.tank.sign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.Signature;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CosignKeysTest {
  @TempDir Path tmp;
  private static final char[] PW = "correct horse".toCharArray();

  @Test
  void secretBoxMatchesTheNaclTestVector() {
    // The crypto_secretbox vector published with NaCl (tests/secretbox.c); also what tweetnacl
    // and Go's secretbox.Seal produce: 16-byte tag, then ciphertext.
    HexFormat h = HexFormat.of();
    byte[] key = h.parseHex("1b27556473e985d462cd51197a9a46c76009549eac6474f206c4ee0844f68389");
    byte[] nonce = h.parseHex("69696ee955b62b73cd62bda875fc73d68219e0036b7a0b37");
    byte[] m = h.parseHex("be075fc53c81f2d5cf141316ebeb0c7b5228c52a4c62cbd44b66849b64244ffce5ecbaaf33bd751a1ac728d45e6c6129"
        + "6cdc3c01233561f41db66cce314adb310e3be8250c46f06dceea3a7fa1348057e2f6556ad6b1318a024a838f21af1fde048977eb48f59ffd49"
        + "24ca1c60902e52f0a089bc76897040e082f937763848645e0705");
    String c = "f3ffc7703f9400e52a7dfb4b3d3305d98e993b9f48681273c29650ba32fc76ce48332ea7164d96a4476fb8c531a1186ac0dfc17c98dce87b"
        + "4da7f011ec48c97271d2c20f9b928fe2270d6fb863d51738b48eeee314a7cc8ab932164548e526ae90224368517acfeabd6bb3732bc0e9da"
        + "99832b61ca01b6de56244a9e88d5f9b37973f622a43d14a6599b1f654cb45a74e355a5";
    assertThat(h.formatHex(SecretBox.seal(m, nonce, key))).isEqualTo(c);
    assertThat(SecretBox.open(h.parseHex(c), nonce, key)).isEqualTo(m);
    byte[] altered = h.parseHex(c);
    altered[40] ^= 1;
    assertThat(SecretBox.open(altered, nonce, key)).isNull();
  }

  @Test
  void encryptedKeyRoundTripsAndHasCosignsShape() {
    KeyPair kp = CosignKeys.generate();
    String pem = CosignKeys.encryptPrivateKey(kp.getPrivate(), PW);
    assertThat(pem).startsWith("-----BEGIN ENCRYPTED SIGSTORE PRIVATE KEY-----\n").endsWith("-----END ENCRYPTED SIGSTORE PRIVATE KEY-----\n");
    String json = new String(CosignKeys.unpem(pem, "k", CosignKeys.PRIVATE_PEM_TYPE), StandardCharsets.UTF_8);
    assertThat(json).startsWith("{\"kdf\":{\"name\":\"scrypt\",\"params\":{\"N\":65536,\"r\":8,\"p\":1},\"salt\":\"")
        .contains("\"cipher\":{\"name\":\"nacl/secretbox\",\"nonce\":\"").contains("\"ciphertext\":\"");
    PrivateKey back = CosignKeys.decryptPrivateKey(pem, PW, "k");
    assertThat(back.getEncoded()).isEqualTo(kp.getPrivate().getEncoded());
  }

  @Test
  void legacyCosignHeaderAndCostAreRead() {
    KeyPair kp = CosignKeys.generate();
    String pem = CosignKeys.encrypt(kp.getPrivate(), PW, 32768, CosignKeys.LEGACY_PRIVATE_PEM_TYPE);
    assertThat(CosignKeys.decryptPrivateKey(pem, PW, "old.key").getEncoded()).isEqualTo(kp.getPrivate().getEncoded());
  }

  @Test
  void handEditedPemWithCrlfAndSpacesStillLoads() {
    KeyPair kp = CosignKeys.generate();
    String pem = CosignKeys.encryptPrivateKey(kp.getPrivate(), PW).replace("\n", "\r\n").replace("-----\r\n", "-----\r\n  ");
    assertThat(CosignKeys.decryptPrivateKey("\n\n" + pem + "\n", PW, "k").getEncoded()).isEqualTo(kp.getPrivate().getEncoded());
    String pub = CosignKeys.publicKeyPem(kp.getPublic()).replace("\n", "\r\n");
    assertThat(CosignKeys.readPublicKey(pub, "p")).isEqualTo(kp.getPublic());
  }

  @Test
  void wrongPasswordCorruptPemAndAlteredKeyAreKeyErrors() {
    String pem = CosignKeys.encryptPrivateKey(CosignKeys.generate().getPrivate(), PW);
    assertThatThrownBy(() -> CosignKeys.decryptPrivateKey(pem, "nope".toCharArray(), "cosign.key"))
        .hasMessageContaining("TANK-E-KEY").hasMessageContaining("wrong password").hasMessageContaining("cosign.key");
    assertThatThrownBy(() -> CosignKeys.decryptPrivateKey("garbage", PW, "x.key")).hasMessageContaining("no PEM block");
    int mid = pem.indexOf('\n') + 40;
    String altered = pem.substring(0, mid) + (pem.charAt(mid) == 'A' ? 'B' : 'A') + pem.substring(mid + 1);
    assertThatThrownBy(() -> CosignKeys.decryptPrivateKey(altered, PW, "x.key")).hasMessageContaining("TANK-E-KEY");
    assertThatThrownBy(() -> CosignKeys.readPublicKey(CosignKeys.pem("PUBLIC KEY", new byte[] {1, 2, 3}), "p.pub"))
        .hasMessageContaining("not an ECDSA public key");
  }

  @Test
  void nonP256KeysAreRefused() throws Exception {
    java.security.KeyPairGenerator g = java.security.KeyPairGenerator.getInstance("EC");
    g.initialize(new java.security.spec.ECGenParameterSpec("secp384r1"));
    KeyPair kp = g.generateKeyPair();
    assertThatThrownBy(() -> CosignKeys.readPublicKey(CosignKeys.publicKeyPem(kp.getPublic()), "p384.pub"))
        .hasMessageContaining("only ECDSA P-256");
  }

  @Test
  void signatureByATankKeyVerifiesWithOpenssl() throws Exception {
    KeyPair kp = CosignKeys.generate();
    PrivateKey key = CosignKeys.decryptPrivateKey(CosignKeys.encryptPrivateKey(kp.getPrivate(), PW), PW, "k");
    byte[] payload = "{\"critical\":{}}".getBytes(StandardCharsets.UTF_8);
    Signature s = Signature.getInstance("SHA256withECDSA");
    s.initSign(key);
    s.update(payload);
    Files.write(tmp.resolve("payload"), payload);
    Files.write(tmp.resolve("sig"), s.sign());
    Files.writeString(tmp.resolve("pub.pem"), CosignKeys.publicKeyPem(kp.getPublic()));
    Process p = new ProcessBuilder("openssl", "dgst", "-sha256", "-verify", "pub.pem", "-signature", "sig", "payload")
        .directory(tmp.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as(out).isZero();
    assertThat(out).contains("Verified OK");
  }

  @Test
  void anOpensslGeneratedKeyEncryptsAndLoads() throws Exception {
    Process p = new ProcessBuilder("openssl", "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", "k.pem")
        .directory(tmp.toFile()).redirectErrorStream(true).start();
    assertThat(p.waitFor()).isZero();
    String text = Files.readString(tmp.resolve("k.pem"));
    byte[] der = CosignKeys.unpem(text, "k.pem", "PRIVATE KEY");
    PrivateKey key = java.security.KeyFactory.getInstance("EC").generatePrivate(new java.security.spec.PKCS8EncodedKeySpec(der));
    String enc = CosignKeys.encryptPrivateKey(key, PW);
    assertThat(CosignKeys.decryptPrivateKey(enc, PW, "k").getEncoded()).isEqualTo(key.getEncoded());
  }
}
