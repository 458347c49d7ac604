package dev.tank.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tank.mediatypes.Json;
import dev.tank.testing.SkillFixtures;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** init's empty budget, install --yes, permissions, diff and review through the CLI. */
class SafetyCliTest {
  @TempDir Path tmp;
  String out;
  String err;

  int tank(String... args) {
    StringWriter o = new StringWriter();
    StringWriter e = new StringWriter();
    Map<String, String> env = Map.of("TANK_CACHE", tmp.resolve("cache").toString(),
        "TANK_REGISTRY", "oci-layout:" + tmp.resolve("registry"), "HOME", tmp.toString(), "USER", "tester");
    int code = Main.run(args, new PrintWriter(o, true), new PrintWriter(e, true), env);
    out = o.toString();
    err = e.toString();
    return code;
  }

  Path skill(String version, String permissions) throws Exception {
    Path dir = SkillFixtures.skill(tmp.resolve("src-" + version), "net", version, Map.of());
    Files.writeString(dir.resolve("skills.json"), "{\"name\": \"@acme/net\", \"version\": \"" + version + "\""
        + (permissions == null ? "" : ", \"permissions\": " + permissions) + "}\n");
    return dir;
  }

  @Test
  void aNewProjectHasAnEmptyBudgetThatYesWidens() throws Exception {
    assertThat(tank("publish", skill("1.0.0", "{\"network\": {\"outbound\": [\"api.github.com\"]}}").toString())).as(err).isZero();
    Path p = Files.createDirectories(tmp.resolve("p"));
    assertThat(tank("init", "-C", p.toString())).isZero();
    assertThat(Files.readString(p.resolve("skills.json"))).contains("\"permissions\"");
    assertThat(tank("install", "-C", p.toString(), "@acme/net")).isEqualTo(1);
    assertThat(err).contains("TANK-E-PERMISSION").contains("@acme/net@1.0.0").contains("api.github.com").contains("--yes");
    assertThat(p.resolve("skills.lock")).doesNotExist();
    assertThat(tank("install", "-C", p.toString(), "@acme/net", "--yes")).as(err).isZero();
    assertThat(Files.readString(p.resolve("skills.json"))).contains("api.github.com");

    assertThat(tank("permissions", "-C", p.toString())).isZero();
    assertThat(out).contains("@acme/net@1.0.0").contains("network.outbound").contains("api.github.com")
        .contains("budget check when locked: accepted-expansion");
    assertThat(tank("permissions", "-C", p.toString(), "--json")).isZero();
    assertThat(Json.mapper().readTree(out).get("budgetCheck").asText()).isEqualTo("accepted-expansion");
  }

  @Test
  void diffAndPublishTellTheBumpAChangeNeeds() throws Exception {
    assertThat(tank("publish", skill("1.0.0", null).toString())).isZero();
    assertThat(tank("publish", skill("1.1.0", "{\"subprocess\": [\"git\"]}").toString())).isEqualTo(1);
    assertThat(err).contains("TANK-E-SEMVER").contains("subprocess").contains("2.0.0");
    assertThat(tank("publish", skill("2.0.0", "{\"subprocess\": [\"git\"]}").toString())).as(err).isZero();
    assertThat(tank("diff", "@acme/net", "1.0.0", "2.0.0")).as(err).isZero();
    assertThat(out).contains("added subprocess git  (dangerous)").contains("modified skills.json");
    assertThat(tank("diff", "@acme/net", "1.0.0", "2.0.0", "--json")).isZero();
    JsonNode d = Json.mapper().readTree(out);
    assertThat(d.get("requiredBump").asText()).isEqualTo("major");
    assertThat(d.get("sufficient").asBoolean()).isTrue();
  }

  @Test
  void reviewsAreAttachedAndListedByInfo() throws Exception {
    assertThat(tank("publish", skill("1.0.0", null).toString())).isZero();
    assertThat(tank("review", "@acme/net@1.0.0", "--rating", "5", "--comment", "clean and useful")).as(err).isZero();
    assertThat(out).contains("reviewed @acme/net@1.0.0: 5/5");
    assertThat(tank("review", "@acme/net@1.0.0", "--rating", "9")).isEqualTo(2);
    assertThat(err).contains("TANK-E-USAGE").contains("1 to 5");
    assertThat(tank("info", "@acme/net")).isZero();
    assertThat(out).contains("application/vnd.tank.review.v1+json").contains("application/vnd.cyclonedx+json");
  }

  @Test
  void auditShowsTheScoreBreakdownForFoldersAndPublishedSkills() throws Exception {
    Path dir = skill("1.0.0", null);
    assertThat(tank("audit", dir.toString())).as(err).isZero();
    assertThat(out).contains("@acme/net: pass").contains("audit score 2/10")
        .contains("signed").contains("not published yet").contains("no_known_vulnerabilities");
    assertThat(tank("publish", dir.toString())).isZero();
    assertThat(tank("audit", "@acme/net", "--json")).as(err).isZero();
    JsonNode r = Json.mapper().readTree(out);
    assertThat(r.get("digest").asText()).startsWith("sha256:");
    assertThat(r.get("score").get("score").asDouble()).isEqualTo(4.0);
    assertThat(r.get("score").get("points")).hasSize(9);
    assertThat(tank("audit", "@acme/missing")).isEqualTo(1);
    assertThat(err).contains("TANK-E-NOT-FOUND");
  }
}
