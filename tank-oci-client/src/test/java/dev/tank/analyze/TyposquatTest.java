package dev.tank.analyze;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TyposquatTest {
  static final List<String> KNOWN = List.of("@acme/pdf-tools", "@acme/commit-message", "pdf-viewer", "markdown-lint",
      "@globex/sheets");

  @ParameterizedTest
  @CsvSource({
      "@acrne/pdf-tools, @acme/pdf-tools",        // homoglyph in the scope (rn for m)
      "@acne/pdf-tools, @acme/pdf-tools",         // one edit in the scope, same name
      "@acme0/pdf-tools, @acme/pdf-tools",        // scope near, name equal
      "pdf-vlewer, pdf-viewer",                   // one substitution
      "pdfviewer, pdf-viewer",                    // separator dropped
      "pdf-veiwer, pdf-viewer",                   // adjacent swap
      "rnarkdown-lint, markdown-lint",            // rn for m
      "markdown-1int, markdown-lint",             // 1 for l
      "acme-pdf-tools, @acme/pdf-tools",          // unscoped spelling of a scoped name
      "@gl0bex/sheets, @globex/sheets",           // 0 for o in the scope
  })
  void lookAlikesAreFound(String name, String imitated) {
    assertThat(Typosquat.lookalikes(name, KNOWN)).contains(imitated);
  }

  @ParameterizedTest
  @CsvSource({
      "@acme/pdf-tools",       // the skill itself (a new version)
      "@acme/pdf-toolz",       // same scope: only acme can publish there
      "@initech/pdf-tools",    // same common name, unrelated publisher
      "pdf",                   // short names need an exact homoglyph match
      "spreadsheet-viewer",
      "not a valid name",
  })
  void ownNamesSameScopeAndUnrelatedNamesAreNot(String name) {
    assertThat(Typosquat.lookalikes(name, KNOWN)).isEmpty();
  }

  @ParameterizedTest
  @CsvSource({"abcd, abdc, 1", "kitten, sitting, 3", "same, same, 0", "a, abcdef, 3"})
  void distanceIsOptimalStringAlignmentCutOffAboveTheMaximum(String a, String b, int expected) {
    assertThat(Typosquat.distance(a, b, 2)).isEqualTo(Math.min(expected, 3));
  }
}
