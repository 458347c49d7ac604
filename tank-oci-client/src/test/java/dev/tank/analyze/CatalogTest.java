package dev.tank.analyze;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tank.mediatypes.Permissions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every rule against its fixtures in {@code src/test/resources/analyze/<rule-id>/}: the
 * {@code positive} fixture must trigger the rule, the {@code benign} look-alike must not (and must
 * not fail overall). A fixture is one file (analysed as a one-file skill under its own name, with no
 * permissions) or a {@code .skill} folder (analysed as a skill folder, with its skills.json);
 * {@code known-names.txt} beside them lists registry names for the typosquatting check.
 */
class CatalogTest {
  static final Path FIXTURES = Path.of("src/test/resources/analyze");
  static final Set<String> CATEGORIES = Set.of(Catalog.PROMPT, Catalog.DOWNLOAD_EXEC, Catalog.CREDENTIALS, Catalog.EXFIL,
      Catalog.OBFUSCATION, Catalog.PERSISTENCE, Catalog.DESTRUCTIVE, Catalog.SECRETS, Catalog.TYPOSQUAT,
      Catalog.UNDECLARED);

  static Stream<String> ruleIds() {
    return Analyzer.standard().rules().stream().map(Rule::id);
  }

  @Test
  void everyRuleHasAPositiveAndABenignFixture() {
    for (Rule r : Analyzer.standard().rules()) {
      assertThat(fixture(r.id(), "positive")).as("positive fixture of " + r.id()).isPresent();
      assertThat(fixture(r.id(), "benign")).as("benign fixture of " + r.id()).isPresent();
    }
  }

  @Test
  void everyFixtureFolderBelongsToARule() throws IOException {
    Set<String> ids = new HashSet<>(ruleIds().toList());
    try (Stream<Path> dirs = Files.list(FIXTURES)) {
      assertThat(dirs.map(p -> p.getFileName().toString()).toList()).allMatch(ids::contains);
    }
  }

  @Test
  void rulesHaveUniqueIdsKnownCategoriesAndARationale() {
    List<Rule> rules = Analyzer.standard().rules();
    assertThat(rules).extracting(Rule::id).doesNotHaveDuplicates();
    assertThat(rules).hasSizeGreaterThanOrEqualTo(50);
    for (Rule r : rules) {
      assertThat(CATEGORIES).as(r.id()).contains(r.category());
      assertThat(r.title()).as(r.id()).isNotBlank();
      assertThat(r.rationale().length()).as(r.id()).isGreaterThan(40);
    }
    assertThat(rules).extracting(Rule::category).containsAll(CATEGORIES);
  }

  @Test
  void theDocumentationListsEveryRuleWithItsSeverity() throws IOException {
    String doc = Files.readString(Path.of("../docs/analysis.md"));
    for (Rule r : Analyzer.standard().rules()) {
      assertThat(doc).as(r.id()).contains("| `" + r.id() + "` | " + r.severity().id() + " |");
    }
  }

  @Test
  void everyLineCheckBelongsToACatalogueRule() {
    assertThat(LineChecks.ALL).allSatisfy(c -> assertThat(Catalog.RULES).contains(c.rule()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("ruleIds")
  void positiveFixtureTriggersTheRule(String id) {
    AnalysisReport r = analyze(id, "positive");
    assertThat(r.findings()).as(id + " positive: " + r.findings()).extracting(Finding::ruleId).contains(id);
    Finding f = r.findings().stream().filter(x -> x.ruleId().equals(id)).findFirst().orElseThrow();
    Rule rule = Analyzer.standard().rules().stream().filter(x -> x.id().equals(id)).findFirst().orElseThrow();
    assertThat(f.category()).isEqualTo(rule.category());
    assertThat(f.severity()).isEqualTo(rule.severity());
    assertThat(f.evidence()).isNotBlank().hasSizeLessThanOrEqualTo(Evidence.MAX);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("ruleIds")
  void benignLookAlikeDoesNotTriggerTheRuleNorFail(String id) {
    AnalysisReport r = analyze(id, "benign");
    assertThat(r.findings()).as(id + " benign: " + r.findings()).extracting(Finding::ruleId).doesNotContain(id);
    assertThat(r.verdict()).as(id + " benign: " + r.findings()).isNotEqualTo(Verdict.FAIL);
  }

  static AnalysisReport analyze(String id, String kind) {
    Path p = fixture(id, kind).orElseThrow();
    List<String> known = List.of();
    try {
      Path names = FIXTURES.resolve(id).resolve("known-names.txt");
      if (Files.exists(names)) {
        known = Files.readAllLines(names).stream().filter(s -> !s.isBlank()).toList();
      }
      if (Files.isDirectory(p)) {
        return Analyzer.standard().analyze(p, known);
      }
      String name = p.getFileName().toString();
      return Analyzer.standard().analyze("fixture", Map.of(name, Files.readAllBytes(p)), Permissions.NONE, known);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static Optional<Path> fixture(String id, String kind) {
    Path dir = FIXTURES.resolve(id);
    if (!Files.isDirectory(dir)) {
      return Optional.empty();
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.getFileName().toString().startsWith(kind + ".")).findFirst();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
