package dev.tank.mediatypes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** SKILL.md frontmatter per the Agent Skills specification. */
class SkillMdTest {
  private static final String SOURCE = "skills/pdf-tools/SKILL.md";

  private static String md(String frontmatter) {
    return "---\n" + frontmatter + "---\n# Body\n\nText.\n";
  }

  private static Frontmatter parse(String text) {
    return SkillMd.parse(text, SOURCE);
  }

  /** Parsing fails with SKILL_INVALID and a message that names the file. */
  private static TankException rejected(String text) {
    TankException e = catchThrowableOfType(TankException.class, () -> SkillMd.parse(text, SOURCE));
    assertThat(e).as("expected a TankException").isNotNull();
    assertThat(e.code()).as(e.getMessage()).isEqualTo(ErrorCode.SKILL_INVALID);
    assertThat(e.getMessage()).contains(SOURCE);
    return e;
  }

  @Test
  void minimalFrontmatter() {
    Frontmatter fm = parse(md("name: pdf-tools\ndescription: Extract text from PDFs.\n"));
    assertThat(fm.name()).isEqualTo("pdf-tools");
    assertThat(fm.description()).isEqualTo("Extract text from PDFs.");
    assertThat(fm.license()).isNull();
    assertThat(fm.compatibility()).isNull();
    assertThat(fm.metadata()).isEmpty();
    assertThat(fm.allowedTools()).isNull();
  }

  @Test
  void allOptionalFields() {
    Frontmatter fm =
        parse(
            md(
                """
                name: pdf-tools
                description: >-
                  Extract text and tables from PDF files.
                  Use when the user mentions PDFs.
                license: Apache-2.0
                compatibility: Needs poppler-utils on PATH
                metadata:
                  author: acme
                  version: "1.2"
                allowed-tools: Bash(pdftotext:*) Read
                """));
    assertThat(fm.description()).isEqualTo("Extract text and tables from PDF files. Use when the user mentions PDFs.");
    assertThat(fm.license()).isEqualTo("Apache-2.0");
    assertThat(fm.compatibility()).isEqualTo("Needs poppler-utils on PATH");
    assertThat(fm.metadata()).isEqualTo(Map.of("author", "acme", "version", "1.2"));
    assertThat(fm.allowedTools()).isEqualTo("Bash(pdftotext:*) Read");
  }

  @Test
  void theBodyMayBeEmptyAndTheClosingLineMayEndTheFile() {
    assertThat(parse("---\nname: a\ndescription: b\n---").name()).isEqualTo("a");
    assertThat(parse("---\nname: a\ndescription: b\n---\n").name()).isEqualTo("a");
  }

  // ---- name ----

  @ParameterizedTest
  @ValueSource(strings = {"a", "pdf", "pdf-tools", "a1-b2-c3", "0", "x123"})
  void validNames(String name) {
    assertThat(parse(md("name: " + name + "\ndescription: d\n")).name()).isEqualTo(name);
  }

  @Test
  void nameOf64CharactersIsAcceptedAnd65Rejected() {
    String n64 = "a".repeat(64);
    assertThat(parse(md("name: " + n64 + "\ndescription: d\n")).name()).isEqualTo(n64);
    TankException e = rejected(md("name: " + n64 + "a\ndescription: d\n"));
    assertThat(e.getMessage()).contains("name");
  }

  @ParameterizedTest
  @ValueSource(strings = {"PDF-tools", "Pdf", "-pdf", "pdf-", "pdf--tools", "pdf_tools", "pdf.tools", "'pdf tools'", "'@acme/pdf'"})
  void invalidNamesAreRejected(String name) {
    TankException e = rejected(md("name: " + name + "\ndescription: d\n"));
    assertThat(e.getMessage()).contains("name");
  }

  @Test
  void emptyOrMissingNameIsRejected() {
    rejected(md("name: ''\ndescription: d\n"));
    rejected(md("description: d\n"));
  }

  // ---- description, compatibility, metadata ----

  @Test
  void descriptionOf1024IsAcceptedAnd1025Rejected() {
    assertThat(parse(md("name: a\ndescription: " + "d".repeat(1024) + "\n")).description()).hasSize(1024);
    TankException e = rejected(md("name: a\ndescription: " + "d".repeat(1025) + "\n"));
    assertThat(e.getMessage()).contains("description").contains("1025");
  }

  @Test
  void descriptionLengthCountsCharactersNotUtf16Units() {
    String emoji = "\uD83D\uDCC4"; // one character, two UTF-16 units
    assertThat(parse(md("name: a\ndescription: " + emoji.repeat(1024) + "\n")).description()).hasSize(2048);
  }

  @Test
  void emptyBlankOrMissingDescriptionIsRejected() {
    assertThat(rejected(md("name: a\ndescription: ''\n")).getMessage()).contains("description");
    assertThat(rejected(md("name: a\ndescription: '   '\n")).getMessage()).contains("description");
    assertThat(rejected(md("name: a\ndescription:\n")).getMessage()).contains("description");
    assertThat(rejected(md("name: a\n")).getMessage()).contains("description");
  }

  @Test
  void compatibilityOf500IsAcceptedAnd501Rejected() {
    assertThat(parse(md("name: a\ndescription: d\ncompatibility: " + "c".repeat(500) + "\n")).compatibility()).hasSize(500);
    assertThat(rejected(md("name: a\ndescription: d\ncompatibility: " + "c".repeat(501) + "\n")).getMessage())
        .contains("compatibility");
  }

  @Test
  void metadataValuesMustBeStrings() {
    assertThat(parse(md("name: a\ndescription: d\nmetadata:\n  k: v\n")).metadata()).containsEntry("k", "v");
    assertThat(rejected(md("name: a\ndescription: d\nmetadata:\n  k: [1, 2]\n")).getMessage()).contains("metadata");
    assertThat(rejected(md("name: a\ndescription: d\nmetadata:\n  k:\n    nested: v\n")).getMessage()).contains("metadata");
  }

  @Test
  void unknownFieldIsRejectedByNameWithAHintToUseMetadata() {
    TankException e = rejected(md("name: a\ndescription: d\nauthor: acme\n"));
    assertThat(e.getMessage()).contains("'author'").contains("metadata:");
  }

  @Test
  void duplicateFieldIsRejected() {
    assertThat(rejected(md("name: a\nname: b\ndescription: d\n")).getMessage()).contains("name");
  }

  // ---- framing ----

  @Test
  void missingOpeningDelimiterIsRejected() {
    TankException e = rejected("name: a\ndescription: d\n---\n");
    assertThat(e.getMessage()).contains("---");
    rejected("# Title\n\n---\nname: a\ndescription: d\n---\n");
    rejected("");
  }

  @Test
  void unclosedFrontmatterIsRejected() {
    TankException e = rejected("---\nname: a\ndescription: d\n\n# Body\n");
    assertThat(e.getMessage()).contains("not closed");
  }

  @Test
  void aDelimiterMustBeAWholeLine() {
    rejected("---\nname: a\ndescription: d\n--- \n");
    rejected("---\nname: a\ndescription: d\n----\n");
  }

  @Test
  void emptyFrontmatterIsRejected() {
    rejected("---\n---\nbody\n");
  }

  @Test
  void crlfLineEndingsAreAccepted() {
    Frontmatter fm = parse("---\r\nname: a\r\ndescription: d\r\nmetadata:\r\n  k: v\r\n---\r\nbody\r\n");
    assertThat(fm.name()).isEqualTo("a");
    assertThat(fm.description()).isEqualTo("d");
    assertThat(fm.metadata()).containsEntry("k", "v");
  }

  @Test
  void aByteOrderMarkIsAccepted() {
    assertThat(parse("\uFEFF" + md("name: a\ndescription: d\n")).name()).isEqualTo("a");
  }

  // ---- hostile YAML ----

  @Test
  void billionLaughsIsRejectedQuickly() {
    StringBuilder yaml = new StringBuilder("name: a\ndescription: d\nmetadata:\n  l0: &l0 \"lol\"\n");
    for (int i = 1; i <= 30; i++) {
      yaml.append("  l").append(i).append(": &l").append(i).append(" [");
      for (int j = 0; j < 10; j++) {
        yaml.append(j == 0 ? "" : ", ").append("*l").append(i - 1);
      }
      yaml.append("]\n");
    }
    String text = md(yaml.toString());
    TankException e = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> rejected(text));
    assertThat(e.getMessage()).contains("alias");
  }

  @Test
  void aliasesAreRejectedRatherThanReadAsTheirAnchorName() {
    // Jackson's YAML parser would read *n as the string "n"; a silent wrong value is worse than an error.
    TankException e = rejected(md("name: &n pdf\ndescription: *n\n"));
    assertThat(e.getMessage()).contains("'*n'");
  }

  @Test
  void oversizedFrontmatterIsRejected() {
    String big = md("name: a\ndescription: d\nmetadata:\n" + "  k: v\n".repeat(SkillMd.MAX_FRONTMATTER_CHARS / 6 + 1));
    assertThat(rejected(big).getMessage()).contains("larger than");
  }

  @Test
  void deepNestingIsATankException() {
    String deep = md("name: a\ndescription: d\nmetadata: " + "[".repeat(1000) + "]".repeat(1000) + "\n");
    assertThatThrownBy(() -> SkillMd.parse(deep, SOURCE))
        .isInstanceOfSatisfying(TankException.class, e -> assertThat(e.getMessage()).contains(SOURCE));
  }

  @Test
  void malformedYamlIsSkillInvalidNamingTheFile() {
    TankException e = rejected(md("name: a\ndescription: [unclosed\n"));
    assertThat(e.getMessage()).contains("YAML");
    rejected(md("name: a\n  description: d\n"));
    rejected(md("name: a\ndescription: d: e\n"));
  }

  @Test
  void frontmatterThatIsNotAMappingIsRejected() {
    rejected(md("- name\n- description\n"));
    rejected(md("just text\n"));
  }
}
