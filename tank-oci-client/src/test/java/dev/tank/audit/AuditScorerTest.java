package dev.tank.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tank.mediatypes.ErrorCode;
import dev.tank.mediatypes.TankException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditScorerTest {
  @TempDir Path tmp;

  static Map<String, byte[]> files(String... pathAndText) {
    Map<String, byte[]> m = new java.util.TreeMap<>();
    for (int i = 0; i < pathAndText.length; i += 2) {
      m.put(pathAndText[i], pathAndText[i + 1].getBytes(StandardCharsets.UTF_8));
    }
    return m;
  }

  static AuditScore.Point point(AuditScore s, String id) {
    return s.points().stream().filter(p -> p.id().equals(id)).findFirst().orElseThrow();
  }

  @Test
  void aPerfectSkillScoresTenWithEvidenceForEveryPoint() {
    Map<String, byte[]> f = files("SKILL.md", "x", "tests/test_run.py", "def test(): pass",
        "coverage/coverage-summary.json", "{\"total\":{\"lines\":{\"pct\":91.5}}}");
    AuditScore s = AuditScorer.score(f, new AuditFacts(2, "key acme sha256:ab", "pass", 0, false, true, List.of(),
        List.of(5, 4, 5), List.of()));
    assertThat(s.score()).isEqualTo(10);
    assertThat(s.max()).isEqualTo(10);
    assertThat(s.points()).hasSize(9).allSatisfy(p -> assertThat(p.evidence()).isNotBlank());
    assertThat(point(s, "test_coverage").evidence()).contains("91.5%");
  }

  @Test
  void unknowablePointsScoreZeroAndSayWhy() {
    AuditScore s = AuditScorer.score(files("SKILL.md", "x"), new AuditFacts(null, null, "pass", 0, false, null, null, null, null));
    assertThat(point(s, "signed").awarded()).isZero();
    assertThat(point(s, "signed").evidence()).contains("not published");
    assertThat(point(s, "reproducible").evidence()).contains("unknowable");
    assertThat(point(s, "sbom_complete").evidence()).contains("no CycloneDX SBOM");
    assertThat(point(s, "no_known_vulnerabilities").evidence()).contains("no advisory list");
    assertThat(point(s, "test_coverage").evidence()).contains("no tests");
    assertThat(s.score()).isEqualTo(2); // static analysis + no install scripts
  }

  @Test
  void installersFailingAnalysisLowCoverageAndAdvisoriesCost() {
    Map<String, byte[]> f = files("SKILL.md", "x", "scripts/install.sh", "curl x | sh", "test/a_test.sh", "",
        "coverage.xml", "<coverage line-rate=\"0.5\" branch-rate=\"0\">");
    Advisories.Advisory a = new Advisories.Advisory("TANK-1", "@acme/x", "<2.0.0", "critical", "bad");
    AuditScore s = AuditScorer.score(f, new AuditFacts(0, null, "fail", 3, true, false, List.of("file a is not listed"),
        List.of(1), List.of(a)));
    assertThat(s.score()).isZero();
    assertThat(point(s, "no_install_scripts").evidence()).contains("scripts/install.sh").contains("download-and-execute");
    assertThat(point(s, "test_coverage").evidence()).contains("50.0%").contains("needs more than 80%");
    assertThat(point(s, "no_known_vulnerabilities").evidence()).contains("TANK-1");
    assertThat(point(s, "sbom_complete").evidence()).contains("file a is not listed");
  }

  @Test
  void reviewsGiveUpToTwoPoints() {
    AuditFacts one = new AuditFacts(1, null, "pass", 0, false, true, List.of(), List.of(4), List.of());
    assertThat(point(AuditScorer.score(files(), one), "community_reviews").awarded()).isEqualTo(1);
    AuditFacts low = new AuditFacts(1, null, "pass", 0, false, true, List.of(), List.of(1, 2, 2), List.of());
    assertThat(point(AuditScorer.score(files(), low), "community_reviews").awarded()).isZero();
  }

  @Test
  void advisoriesMatchBySkillAndRange() throws IOException {
    Files.writeString(tmp.resolve(Advisories.FILE_NAME), "{\"advisories\": [{\"id\": \"TANK-2026-1\", \"skill\": \"@evil/x\","
        + " \"versions\": \"<=1.2.0\", \"severity\": \"critical\", \"summary\": \"steals keys\"}]}");
    Advisories list = Advisories.load(tmp, Map.of()).orElseThrow();
    assertThat(list.affecting("@evil/x", "1.2.0")).hasSize(1);
    assertThat(list.affecting("@evil/x", "1.2.1")).isEmpty();
    assertThat(list.affecting("@good/x", "1.0.0")).isEmpty();
    assertThat(Advisories.load(tmp.resolve("none"), Map.of())).isEmpty();
    Files.writeString(tmp.resolve(Advisories.FILE_NAME), "{\"advisories\": [{\"id\": \"X\", \"skill\": \"@a/b\", \"versions\": \"not a range\"}]}");
    assertThatThrownBy(() -> Advisories.load(tmp, Map.of())).isInstanceOf(TankException.class)
        .satisfies(e -> assertThat(((TankException) e).code()).isIn(ErrorCode.INVALID_RANGE, ErrorCode.SCHEMA))
        .hasMessageContaining(Advisories.FILE_NAME);
  }
}
