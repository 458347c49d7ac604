package dev.tank.analyze;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class EvidenceTest {
  @ParameterizedTest
  @CsvSource(delimiterString = " ## ", quoteCharacter = '~', textBlock = """
      export GITHUB_TOKEN=ghp_4fK9tQx2LmZ8vBn3Wc7Rj1Yd6Hs0Ge5UaPiO ## 4fK9tQx2LmZ8
      password = "hunter2-Prod!9x" ## hunter2-Prod
      curl https://deploy:S3cr3tPass@git.example.com/x ## S3cr3tPass
      -H "Authorization: Bearer abcdefghijklmnopqrstuvwxyz012345" ## abcdefghijklmnop
      unzip -P infected2026 toolkit.zip ## fected2026
      """)
  void secretsAreRedacted(String line, String secretPart) {
    String e = Evidence.of(line, 0);
    assertThat(e).contains("[REDACTED]").doesNotContain(secretPart);
  }

  @Test
  void environmentReferencesAreNotSecrets() {
    assertThat(Evidence.of("-H \"x-api-key: $ANTHROPIC_API_KEY\"", 0)).contains("$ANTHROPIC_API_KEY");
  }

  @Test
  void invisibleCharactersBecomeVisibleAndLongLinesAreCutAroundTheMatch() {
    assertThat(Evidence.of("a\u202Eb\u200bc\tz", 0)).isEqualTo("a<U+202E>b<U+200B>c z");
    String line = "a".repeat(1000) + "MATCH" + "b".repeat(1000);
    String e = Evidence.of(line, 1000);
    assertThat(e).hasSizeLessThanOrEqualTo(Evidence.MAX).startsWith("…").endsWith("…").contains("MATCH");
    assertThat(Evidence.of("  short line  ", 2)).isEqualTo("short line");
  }
}
