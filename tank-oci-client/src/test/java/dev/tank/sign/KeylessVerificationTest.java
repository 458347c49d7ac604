package dev.tank.sign;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tank.mediatypes.Digest;
import dev.tank.testing.PrivateSigstore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeylessVerificationTest {
  private static final String ME = "dev@tank.test";
  private static final String ISSUER = "https://accounts.tank.test";
  private static final byte[] MANIFEST = "{\"schemaVersion\":2}".getBytes(StandardCharsets.UTF_8);
  private static final Digest DIGEST = Digest.sha256(MANIFEST);

  @TempDir static Path tmp;
  static PrivateSigstore sigstore;
  static Path root;

  @BeforeAll
  static void setUp() {
    sigstore = PrivateSigstore.create("tank-unit");
    root = sigstore.writeTrustedRoot(tmp.resolve("root"));
  }

  @Test
  void validBundleVerifiesAndNamesItsSigner() {
    byte[] bundle = sigstore.sign(MANIFEST, ME, ISSUER).bundleJson();
    KeylessIdentity who = KeylessVerification.verify(bundle, DIGEST, KeylessPolicy.exact(ME, ISSUER, root));
    assertThat(who).isEqualTo(new KeylessIdentity(ME, ISSUER));
  }
}
