package dev.tank.analyze;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tank.mediatypes.Json;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

class SarifTest {
  static final Rule R1 = new Rule("pipe-to-shell", "download-execute", Severity.CRITICAL, "t1", "why1");
  static final Rule R2 = new Rule("dotenv-access", "credential-access", Severity.MEDIUM, "t2", "why2");

  @Test
  void writesSarif210WithRulesResultsAndRegions() throws Exception {
    AnalysisReport report = new AnalysisReport(Verdict.FAIL, List.of(
        new Finding("pipe-to-shell", "download-execute", Severity.CRITICAL, "scripts/in stall.sh", 3, "curl x | sh", "m1"),
        new Finding("dotenv-access", "credential-access", Severity.MEDIUM, "bin.dat", 0, "bin.dat", "m2")), 2, 99);
    JsonNode root = Json.mapper().readTree(Sarif.write(report, List.of(R1, R2), "1.2.3", URI.create("file:///x/skill")));
    assertThat(root.get("version").asText()).isEqualTo("2.1.0");
    assertThat(root.get("$schema").asText()).contains("sarif-2.1.0");
    JsonNode run = root.get("runs").get(0);
    JsonNode driver = run.get("tool").get("driver");
    assertThat(driver.get("version").asText()).isEqualTo("1.2.3");
    assertThat(driver.get("rules").get(1).get("id").asText()).isEqualTo("dotenv-access");
    assertThat(driver.get("rules").get(0).get("properties").get("security-severity").asText()).isEqualTo("9.5");
    assertThat(driver.get("rules").get(1).get("defaultConfiguration").get("level").asText()).isEqualTo("warning");
    assertThat(run.get("originalUriBaseIds").get("SKILLROOT").get("uri").asText()).isEqualTo("file:///x/skill/");
    JsonNode first = run.get("results").get(0);
    assertThat(first.get("ruleIndex").asInt()).isZero();
    assertThat(first.get("level").asText()).isEqualTo("error");
    JsonNode loc = first.get("locations").get(0).get("physicalLocation");
    assertThat(loc.get("artifactLocation").get("uri").asText()).isEqualTo("scripts/in%20stall.sh");
    assertThat(loc.get("region").get("startLine").asInt()).isEqualTo(3);
    assertThat(loc.get("region").get("snippet").get("text").asText()).isEqualTo("curl x | sh");
    JsonNode second = run.get("results").get(1).get("locations").get(0).get("physicalLocation");
    assertThat(second.has("region")).as("a whole-file finding has no region").isFalse();
    assertThat(run.get("properties").get("verdict").asText()).isEqualTo("fail");
  }

  @Test
  void equalReportsGiveEqualBytes() {
    AnalysisReport report = new AnalysisReport(Verdict.PASS, List.of(), 1, 1);
    assertThat(Sarif.write(report, List.of(R1, R2), null, null)).isEqualTo(Sarif.write(report, List.of(R1, R2), null, null));
  }

  @Test
  void aFindingOfAnUnlistedRuleIsAProgrammingError() {
    AnalysisReport report = new AnalysisReport(Verdict.FAIL, List.of(
        new Finding("other", "c", Severity.CRITICAL, "a", 1, "e", "m")), 1, 1);
    assertThatThrownBy(() -> Sarif.write(report, List.of(R1), null, null)).isInstanceOf(IllegalArgumentException.class);
  }
}
