package dev.tank.permissions;

import static dev.tank.permissions.PermissionModelTest.json;
import static dev.tank.permissions.PermissionModelTest.perms;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tank.mediatypes.ErrorCode;
import dev.tank.mediatypes.Permissions;
import dev.tank.mediatypes.TankException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class BudgetCheckTest {
  private static final Permissions BUDGET = perms(
      "{'network': {'outbound': ['*.example.com'], 'max_requests_per_minute': 60}, "
          + "'filesystem': {'read': ['src/**'], 'write': ['build/**']}, 'subprocess': ['git'], "
          + "'secrets': {'required': ['GITHUB_TOKEN']}}");

  private static Map<String, Permissions> requests(String... keyAndJson) {
    Map<String, Permissions> out = new TreeMap<>();
    for (int i = 0; i < keyAndJson.length; i += 2) {
      out.put(keyAndJson[i], perms(keyAndJson[i + 1]));
    }
    return out;
  }

  @Test
  void skillsWithinTheBudgetPass() {
    BudgetCheck check = BudgetCheck.check(requests(
        "@acme/a@1.0.0", "{'network': {'outbound': ['api.example.com:443'], 'max_requests_per_minute': 30}}",
        "@acme/b@2.1.0", "{'filesystem': {'read': ['src/**/*.java'], 'write': ['build/out/']}, 'subprocess': ['git']}",
        "c@0.1.0", "{'capabilities': ['secrets:GITHUB_TOKEN']}"), BUDGET);
    assertThat(check.fits()).isTrue();
    assertThat(check.excesses()).isEmpty();
    assertThat(check.bySkill()).isEmpty();
    assertThat(check.expansion()).isEqualTo(Permissions.NONE);
    check.requireFits();
  }

  @Test
  void reportsWhichSkillAsksForWhatBeyondTheBudget() {
    BudgetCheck check = BudgetCheck.check(requests(
        "@acme/fine@1.0.0", "{'subprocess': ['git']}",
        "@acme/greedy@1.0.0", "{'network': {'outbound': ['api.example.com', 'evil.net']}, 'subprocess': ['git', 'curl']}",
        "@zed/writer@3.0.0", "{'filesystem': {'write': ['src/**']}}"), BUDGET);
    assertThat(check.fits()).isFalse();
    assertThat(check.bySkill().keySet()).containsExactly("@acme/greedy@1.0.0", "@zed/writer@3.0.0");
    assertThat(check.bySkill().get("@acme/greedy@1.0.0"))
        .extracting(Excess::capability, Excess::requested)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(Capability.NETWORK_OUTBOUND, "evil.net"),
            org.assertj.core.groups.Tuple.tuple(Capability.SUBPROCESS, "curl"));
    assertThat(check.bySkill().get("@zed/writer@3.0.0")).singleElement()
        .satisfies(x -> {
          assertThat(x.skill()).isEqualTo("@zed/writer@3.0.0");
          assertThat(x.capability()).isEqualTo(Capability.FILESYSTEM_WRITE);
          assertThat(x.requested()).isEqualTo("src/**");
        });
  }

  @Test
  void theExpansionIsExactlyTheExcessAndMakesEverythingFit() {
    Map<String, Permissions> req = requests(
        "@acme/a@1.0.0", "{'network': {'outbound': ['api.example.com', 'evil.net'], 'max_requests_per_minute': 90}}",
        "@acme/b@1.0.0", "{'network': {'outbound': ['other.net'], 'max_requests_per_minute': 120}, 'subprocess': ['jq', 'git']}",
        "@acme/c@1.0.0", "{'filesystem': {'read': ['docs/**', 'src/a.md']}, 'secrets': {'required': ['NPM_TOKEN']}}");
    BudgetCheck check = BudgetCheck.check(req, BUDGET);
    assertThat(json(check.expansion())).isEqualTo(
        "{'network':{'outbound':['evil.net','other.net'],'max_requests_per_minute':120},"
            + "'filesystem':{'read':['docs/**']},'subprocess':['jq'],'secrets':{'required':['NPM_TOKEN']}}");
    Permissions widened = check.expandedBudget();
    assertThat(json(widened)).isEqualTo(
        "{'network':{'outbound':['*.example.com','evil.net','other.net'],'max_requests_per_minute':120},"
            + "'filesystem':{'read':['docs/**','src/**'],'write':['build/**']},'subprocess':['git','jq'],"
            + "'secrets':{'required':['GITHUB_TOKEN','NPM_TOKEN']}}");
    assertThat(BudgetCheck.check(req, widened).fits()).isTrue();
  }

  @Test
  void askingForAnyCommandExpandsTheBudgetToAnyCommand() {
    BudgetCheck check = BudgetCheck.check(requests("x@1.0.0", "{'subprocess': true}"), BUDGET);
    assertThat(check.excesses()).extracting(Excess::requested).containsExactly("*");
    assertThat(check.expansion().subprocess().booleanValue()).isTrue();
    assertThat(check.expandedBudget().subprocess().booleanValue()).isTrue();
  }

  @Test
  void withoutABudgetNothingIsAllowed() {
    BudgetCheck check = BudgetCheck.check(requests("x@1.0.0", "{'filesystem': {'read': ['a.txt']}}"), null);
    assertThat(check.excesses()).singleElement().satisfies(x -> assertThat(x.why()).isEqualTo("the budget allows no file reads"));
    assertThat(BudgetCheck.check(requests("x@1.0.0", "{}"), null).fits()).isTrue();
  }

  @Test
  void theErrorNamesEachSkillAndItemAndTheWayOut() {
    BudgetCheck check = BudgetCheck.check(requests(
        "@acme/a@1.0.0", "{'network': {'outbound': ['evil.net']}}",
        "@acme/b@2.0.0", "{'secrets': {'required': ['AWS_KEY']}, 'subprocess': ['sh']}"), BUDGET);
    assertThatThrownBy(check::requireFits)
        .isInstanceOfSatisfying(TankException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.PERMISSION);
          assertThat(e.what())
              .startsWith("2 skills ask for more than the project's permission budget")
              .contains("@acme/a@1.0.0 wants network.outbound 'evil.net'")
              .contains("@acme/b@2.0.0 wants subprocess 'sh': the budget allows only the commands [git]; "
                  + "secrets.required 'AWS_KEY'");
          assertThat(e.where()).isEqualTo("skills.json at $.permissions");
          assertThat(e.hint()).contains("network.outbound [evil.net]; subprocess [sh]; secrets.required [AWS_KEY]");
        });
  }

  @Test
  void aRequestTooBroadForASkillIsRefusedNamingTheSkill() {
    assertThatThrownBy(() -> BudgetCheck.check(
            requests("@acme/wild@1.0.0", "{'network': {'outbound': ['ok.example.com', '*.co.uk']}}"),
            perms("{'network': {'outbound': ['*']}}")))
        .isInstanceOfSatisfying(TankException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.PERMISSION);
          assertThat(e.where()).isEqualTo("@acme/wild@1.0.0: $.permissions.network.outbound[1]");
        });
  }

  @Test
  void aMalformedBudgetIsASchemaErrorInSkillsJson() {
    assertThatThrownBy(() -> BudgetCheck.check(Map.of(), perms("{'filesystem': {'read': ['../up']}}")))
        .isInstanceOfSatisfying(TankException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.SCHEMA);
          assertThat(e.where()).isEqualTo("skills.json: $.permissions.filesystem.read[0]");
        });
  }

  @Test
  void requestsAndBudgetAreKeptInNormalForm() {
    BudgetCheck check = BudgetCheck.check(
        requests("x@1.0.0", "{'capabilities': ['subprocess:git'], 'network': {'outbound': ['API.example.com.']}}"), BUDGET);
    assertThat(json(check.requests().get("x@1.0.0")))
        .isEqualTo("{'network':{'outbound':['api.example.com']},'subprocess':['git']}");
    assertThat(check.budget()).isEqualTo(PermissionModel.normalise(BUDGET));
    assertThat(check.requests()).containsOnlyKeys("x@1.0.0");
    assertThat(List.copyOf(check.requests().values())).hasSize(1);
  }
}
