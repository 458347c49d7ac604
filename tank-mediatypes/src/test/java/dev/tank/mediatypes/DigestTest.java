package dev.tank.mediatypes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class DigestTest {
  private static final String EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
  private static final String ABC_SHA256 = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
  /** SHA-512 of the empty input, as SRI. */
  private static final String EMPTY_SRI512 =
      "sha512-z4PhNX7vuL3xVChQ1m2AB9Yg5AULVxXcg/SpIdNs6c5H0NE8XYXysP+DGNKHfuwvY7kxvUdBeoGlODJ6+SfaPg==";

  @ParameterizedTest
  @CsvSource({
    "sha256:" + EMPTY_SHA256 + ", sha256, " + EMPTY_SHA256,
    "sha256:" + ABC_SHA256 + ", sha256, " + ABC_SHA256,
    "sha512:cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e,"
        + " sha512, cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e",
  })
  void validDigestsParseAndPrintBack(String text, String algorithm, String hex) {
    Digest d = Digest.parse(text);
    assertThat(d.algorithm()).isEqualTo(algorithm);
    assertThat(d.hex()).isEqualTo(hex);
    assertThat(d).hasToString(text);
    assertThat(Digest.parse(d.toString())).isEqualTo(d);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "sha256",
        "sha256:",
        EMPTY_SHA256,
        "sha256:E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855",
        "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b85",
        "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b8555",
        "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b85g",
        "sha256:" + EMPTY_SHA256 + "\n",
        " sha256:" + EMPTY_SHA256,
        "SHA256:" + EMPTY_SHA256,
        "sha256-" + EMPTY_SHA256,
        "sha512:" + EMPTY_SHA256,
        "sha384:" + EMPTY_SHA256,
        "md5:d41d8cd98f00b204e9800998ecf8427e",
        "sha1:da39a3ee5e6b4b0d3255bfef95601890afd80709",
        "sha256:" + EMPTY_SHA256 + ":x",
      })
  @NullSource
  void invalidDigestsAreSchemaErrors(String text) {
    assertThatThrownBy(() -> Digest.parse(text))
        .isInstanceOfSatisfying(TankException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.SCHEMA);
          assertThat(e.getMessage()).contains("not a valid digest");
        });
  }

  @Test
  void theConstructorValidatesToo() {
    assertThatThrownBy(() -> new Digest("sha256", "abc")).isInstanceOf(TankException.class);
    assertThatThrownBy(() -> new Digest(null, EMPTY_SHA256)).isInstanceOf(TankException.class);
  }

  @Test
  void hashesBytesAndStreamsAlike() throws IOException {
    byte[] abc = "abc".getBytes(StandardCharsets.US_ASCII);
    assertThat(Digest.sha256(abc)).hasToString("sha256:" + ABC_SHA256);
    assertThat(Digest.sha256(new ByteArrayInputStream(abc))).isEqualTo(Digest.sha256(abc));
    assertThat(Digest.sha256(new byte[0])).hasToString("sha256:" + EMPTY_SHA256);
    assertThat(Digest.sha256(new ByteArrayInputStream(new byte[200_000]))).isEqualTo(Digest.sha256(new byte[200_000]));
  }

  @Test
  void matchesComparesRawDigests() {
    Digest d = Digest.parse("sha256:" + ABC_SHA256);
    assertThat(d.matches(HexFormat.of().parseHex(ABC_SHA256))).isTrue();
    assertThat(d.matches(HexFormat.of().parseHex(EMPTY_SHA256))).isFalse();
    assertThat(d.newMessageDigest().getAlgorithm()).isEqualTo("SHA-256");
    assertThat(Digest.parse("sha512:" + "0".repeat(128)).newMessageDigest().getAlgorithm()).isEqualTo("SHA-512");
  }

  @Test
  void fallbackTagIsTheReferrersTagOfTheDistributionSpec() {
    assertThat(Digest.parse("sha256:" + ABC_SHA256).fallbackTag()).isEqualTo("sha256-" + ABC_SHA256);
  }

  @Test
  void sri512MatchesTheLockfilePattern() {
    String sri = Digest.sri512(Digest.messageDigest("SHA-512").digest(new byte[0]));
    assertThat(sri).isEqualTo(EMPTY_SRI512).matches("sha512-[A-Za-z0-9+/]{86}==");
  }
}
