package dev.tank.sign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tank.mediatypes.Digest;
import dev.tank.mediatypes.ErrorCode;
import dev.tank.mediatypes.TankException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SimpleSigningTest {
  static final Digest D = Digest.sha256("manifest".getBytes(StandardCharsets.UTF_8));

  @Test
  void payloadHasCosignsFieldsInCosignsOrder() {
    String p = new String(SimpleSigning.payload("reg.example:5000/skills/acme/x", D), StandardCharsets.UTF_8);
    assertThat(p).isEqualTo("{\"critical\":{\"identity\":{\"docker-reference\":\"reg.example:5000/skills/acme/x\"},"
        + "\"image\":{\"docker-manifest-digest\":\"" + D + "\"},\"type\":\"cosign container image signature\"},"
        + "\"optional\":null}");
  }

  @Test
  void parseReadsWhatCosignWritesIncludingOptionalAnnotations() {
    String cosign = "{\"critical\":{\"identity\":{\"docker-reference\":\"ghcr.io/acme/skills/acme/x\"},"
        + "\"image\":{\"docker-manifest-digest\":\"" + D + "\"},\"type\":\"cosign container image signature\"},"
        + "\"optional\":{\"creator\":\"ci\"}}";
    SimpleSigning.Payload p = SimpleSigning.parse(cosign.getBytes(StandardCharsets.UTF_8), "test");
    assertThat(p.dockerReference()).isEqualTo("ghcr.io/acme/skills/acme/x");
    assertThat(p.manifestDigest()).isEqualTo(D);
  }

  @ParameterizedTest
  @CsvSource({
    "not json",
    "[]",
    "{\"critical\":{\"type\":\"atomic container signature\"}}",
    "{\"critical\":{\"type\":\"cosign container image signature\"}}",
    "{\"critical\":{\"identity\":{\"docker-reference\":\"r\"},\"image\":{\"docker-manifest-digest\":\"md5:x\"},\"type\":\"cosign container image signature\"}}"
  })
  void malformedPayloadsAreSignatureErrors(String text) {
    assertThatThrownBy(() -> SimpleSigning.parse(text.getBytes(StandardCharsets.UTF_8), "sig"))
        .isInstanceOf(TankException.class)
        .satisfies(e -> assertThat(((TankException) e).code()).isEqualTo(ErrorCode.SIGNATURE));
  }

  @ParameterizedTest
  @CsvSource({
    "acme/x, acme/x, true",
    "127.0.0.1:5000/p/acme/x, acme/x, true",
    "ghcr.io/org/mirror/acme/x:1.0.0, acme/x, true",
    "ghcr.io/acme/x@sha256:abc, acme/x, true",
    "127.0.0.1:5000/p/acme/xy, acme/x, false",
    "127.0.0.1:5000/p/acme/y, acme/x, false",
    "127.0.0.1:5000/p/evilacme/x, acme/x, false",
    "127.0.0.1:5000/acme/x/extra, acme/x, false",
    "127.0.0.1:5000/p/_/x, acme/x, false"
  })
  void theReferenceMustNameThisSkillsRepository(String reference, String repo, boolean expected) {
    assertThat(SimpleSigning.namesRepository(reference, repo)).isEqualTo(expected);
  }
}
