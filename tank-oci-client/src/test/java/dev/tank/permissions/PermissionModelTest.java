package dev.tank.permissions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tank.mediatypes.ErrorCode;
import dev.tank.mediatypes.Json;
import dev.tank.mediatypes.Permissions;
import dev.tank.mediatypes.TankException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PermissionModelTest {

  static Permissions perms(String json) {
    return Json.parse(json.replace('\'', '"').getBytes(StandardCharsets.UTF_8), Permissions.class, "test");
  }

  static String json(Permissions p) {
    return new String(Json.writeCompact(p), StandardCharsets.UTF_8).replace('"', '\'');
  }

  // ---- normal form ----

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      textBlock =
          """
      {}                                                              | {}
      {'capabilities': ['filesystem:read']}                           | {'filesystem':{'read':['**']}}
      {'capabilities': ['filesystem:write']}                          | {'filesystem':{'write':['**']}}
      {'capabilities': ['network:outbound']}                          | {'network':{'outbound':['*']}}
      {'capabilities': ['subprocess']}                                | {'subprocess':true}
      {'capabilities': ['subprocess:git'], 'subprocess': ['jq']}      | {'subprocess':['git','jq']}
      {'capabilities': ['subprocess', 'subprocess:git'], 'subprocess': ['jq']} | {'subprocess':true}
      {'capabilities': ['secrets:TOKEN'], 'secrets': {'required': ['A_KEY', 'TOKEN']}} | {'secrets':{'required':['A_KEY','TOKEN']}}
      {'capabilities': ['filesystem:read'], 'filesystem': {'read': ['src/**']}} | {'filesystem':{'read':['**','src/**']}}
      {'subprocess': false}                                           | {}
      {'subprocess': []}                                              | {}
      {'network': {'outbound': []}}                                   | {}
      {'network': {'outbound': ['B.example.com', 'b.example.com.', 'a.example.com']}} | {'network':{'outbound':['a.example.com','b.example.com']}}
      {'network': {'outbound': ['[0:0::1]:443', '::1']}}              | {'network':{'outbound':['[::1]','[::1]:443']}}
      {'network': {'max_requests_per_minute': 60}}                    | {'network':{'max_requests_per_minute':60}}
      {'filesystem': {'read': ['./src/', 'src/**', 'docs//a.md']}}    | {'filesystem':{'read':['docs/a.md','src/**']}}
      """)
  void normalisesToOneCanonicalForm(String in, String expected) {
    Permissions normal = PermissionModel.normalise(perms(in));
    assertThat(json(normal)).isEqualTo(expected);
    assertThat(normal.capabilities()).isEmpty();
    assertThat(PermissionModel.normalise(normal)).as("idempotent").isEqualTo(normal);
  }

  @Test
  void aNullPermissionsObjectIsNothing() {
    assertThat(PermissionModel.normalise(null)).isEqualTo(Permissions.NONE);
    assertThat(PermissionModel.forSkill(null)).isEqualTo(Permissions.NONE);
  }

  // ---- errors name the path ----

  @ParameterizedTest(name = "{0}: {1} at {2}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      textBlock =
          """
      {'network': {'outbound': ['a.example.com', 'https://b.example.com']}} | SCHEMA     | $.permissions.network.outbound[1] | is a URL
      {'network': {'outbound': ['*']}}                                      | PERMISSION | $.permissions.network.outbound[0] | any host
      {'network': {'outbound': ['*:443']}}                                  | PERMISSION | $.permissions.network.outbound[0] | any host
      {'network': {'outbound': ['*.com']}}                                  | PERMISSION | $.permissions.network.outbound[0] | public suffix 'com'
      {'network': {'outbound': ['ok.example', '*.CO.UK.']}}                 | PERMISSION | $.permissions.network.outbound[1] | public suffix 'co.uk'
      {'network': {'outbound': ['*.github.io']}}                            | PERMISSION | $.permissions.network.outbound[0] | public suffix 'github.io'
      {'capabilities': ['filesystem:read', 'network:outbound']}             | PERMISSION | $.permissions.capabilities[1]     | network:outbound
      {'filesystem': {'read': ['src/**'], 'write': ['/tmp/x']}}             | SCHEMA     | $.permissions.filesystem.write[0] | absolute path
      {'filesystem': {'read': ['../secrets']}}                              | SCHEMA     | $.permissions.filesystem.read[0]  | leaves the project root
      {'subprocess': ['git', 'git status']}                                 | SCHEMA     | $.permissions.subprocess[1]       | not a command name
      {'subprocess': ['/usr/bin/git']}                                      | SCHEMA     | $.permissions.subprocess[0]       | not a command name
      {'secrets': {'required': ['MY-TOKEN']}}                               | SCHEMA     | $.permissions.secrets.required[0] | not an environment variable name
      """)
  void skillRequestErrorsNameTheJsonPath(String in, ErrorCode code, String path, String fragment) {
    assertThatThrownBy(() -> PermissionModel.forSkill(perms(in)))
        .isInstanceOfSatisfying(TankException.class, e -> {
          assertThat(e.code()).isEqualTo(code);
          assertThat(e.where()).isEqualTo(path);
          assertThat(e.what()).contains(fragment);
          assertThat(e.hint()).isNotBlank();
        });
  }

  @Test
  void aBudgetMayAllowAnyHostAndPublicSuffixWildcards() {
    Permissions budget = PermissionModel.forBudget(
        perms("{'network': {'outbound': ['*', '*.com', '*.co.uk']}, 'capabilities': ['network:outbound']}"));
    assertThat(budget.network().outbound()).containsExactly("*", "*.co.uk", "*.com");
  }

  @Test
  void aBudgetIsStillCheckedForSyntax() {
    assertThatThrownBy(() -> PermissionModel.forBudget(perms("{'filesystem': {'write': ['C:/x']}}"), "$.budget"))
        .isInstanceOfSatisfying(TankException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.SCHEMA);
          assertThat(e.where()).isEqualTo("$.budget.filesystem.write[0]");
        });
  }

  @Test
  void theBasePathIsTheCallersChoice() {
    assertThatThrownBy(() -> PermissionModel.forSkill(perms("{'network': {'outbound': ['*']}}"), "$.skills['x@1.0.0'].permissions"))
        .isInstanceOfSatisfying(TankException.class,
            e -> assertThat(e.where()).isEqualTo("$.skills['x@1.0.0'].permissions.network.outbound[0]"));
  }

  @Test
  void aSkillMayAskForWholeProjectAccessAndAnyCommand() {
    Permissions p = PermissionModel.forSkill(perms("{'capabilities': ['filesystem:read', 'filesystem:write', 'subprocess']}"));
    assertThat(json(p)).isEqualTo("{'filesystem':{'read':['**'],'write':['**']},'subprocess':true}");
  }

  // ---- union ----

  @Test
  void unionMergesEverythingAndTheBroadestWins() {
    Permissions u = PermissionModel.union(List.of(
        perms("{'network': {'outbound': ['A.example.com'], 'max_requests_per_minute': 30}, 'subprocess': ['git']}"),
        perms("{'network': {'outbound': ['a.example.com.', 'b.example.com'], 'max_requests_per_minute': 90}}"),
        perms("{'capabilities': ['subprocess', 'secrets:TOKEN', 'filesystem:read']}"),
        Permissions.NONE));
    assertThat(json(u)).isEqualTo(
        "{'network':{'outbound':['a.example.com','b.example.com'],'max_requests_per_minute':90},"
            + "'filesystem':{'read':['**']},'subprocess':true,'secrets':{'required':['TOKEN']}}");
  }

  @Test
  void unionOfNothingIsNothing() {
    assertThat(PermissionModel.union(List.of())).isEqualTo(Permissions.NONE);
  }

  @Test
  void unionOfCommandListsIsSortedAndDistinct() {
    Permissions u = PermissionModel.union(List.of(perms("{'subprocess': ['jq', 'git']}"), perms("{'subprocess': ['git', 'awk']}")));
    assertThat(json(u)).isEqualTo("{'subprocess':['awk','git','jq']}");
  }

  // ---- fits ----

  @ParameterizedTest(name = "{0} within {1}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      textBlock =
          """
      {}                                                           | {}
      {'network': {'outbound': ['api.example.com']}}               | {'network': {'outbound': ['*.example.com']}}
      {'network': {'outbound': ['*.a.example.com:443']}}           | {'network': {'outbound': ['*.example.com']}}
      {'network': {'outbound': ['api.example.com:443']}}           | {'network': {'outbound': ['api.example.com']}}
      {'network': {'outbound': ['x.example.com']}}                 | {'network': {'outbound': ['*']}}
      {'network': {'outbound': ['10.0.0.1']}}                      | {'capabilities': ['network:outbound']}
      {'network': {'outbound': ['a.example.com'], 'max_requests_per_minute': 60}} | {'network': {'outbound': ['a.example.com'], 'max_requests_per_minute': 60}}
      {'network': {'outbound': ['a.example.com']}}                 | {'network': {'outbound': ['a.example.com'], 'max_requests_per_minute': 60}}
      {'network': {'outbound': ['a.example.com'], 'max_requests_per_minute': 600}} | {'network': {'outbound': ['a.example.com']}}
      {'filesystem': {'read': ['src/a/*.md']}}                     | {'filesystem': {'read': ['src/**']}}
      {'filesystem': {'read': ['docs/**/*.md']}}                   | {'filesystem': {'read': ['**/*.md']}}
      {'filesystem': {'write': ['build/out.txt']}}                 | {'capabilities': ['filesystem:write']}
      {'subprocess': ['git']}                                      | {'subprocess': ['git', 'jq']}
      {'subprocess': ['git']}                                      | {'subprocess': true}
      {'subprocess': true}                                         | {'capabilities': ['subprocess']}
      {'subprocess': false}                                        | {}
      {'secrets': {'required': ['TOKEN']}}                         | {'secrets': {'required': ['OTHER', 'TOKEN']}}
      {'capabilities': ['secrets:TOKEN', 'subprocess:git']}        | {'secrets': {'required': ['TOKEN']}, 'subprocess': ['git']}
      """)
  void requestsWithinTheBudgetFit(String request, String budget) {
    assertThat(PermissionModel.fits(perms(request), perms(budget))).isEmpty();
  }

  @ParameterizedTest(name = "{0} beyond {1}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      textBlock =
          """
      {'network': {'outbound': ['api.example.com']}}           | {}                                                  | network.outbound | api.example.com     | the budget allows no outbound network
      {'network': {'outbound': ['example.com']}}               | {'network': {'outbound': ['*.example.com']}}        | network.outbound | example.com         | not covered by the budget's network.outbound [*.example.com]
      {'network': {'outbound': ['evilexample.com']}}           | {'network': {'outbound': ['*.example.com']}}        | network.outbound | evilexample.com     | not covered
      {'network': {'outbound': ['example.com.evil.net']}}      | {'network': {'outbound': ['*.example.com']}}        | network.outbound | example.com.evil.net | not covered
      {'network': {'outbound': ['api.example.com']}}           | {'network': {'outbound': ['api.example.com:443']}}  | network.outbound | api.example.com     | not covered
      {'network': {'outbound': ['api.example.com:8443']}}      | {'network': {'outbound': ['*.example.com:443']}}    | network.outbound | api.example.com:8443 | not covered
      {'network': {'outbound': ['*.example.com']}}             | {'network': {'outbound': ['api.example.com']}}      | network.outbound | *.example.com       | not covered
      {'network': {'outbound': ['a.example.com'], 'max_requests_per_minute': 120}} | {'network': {'outbound': ['a.example.com'], 'max_requests_per_minute': 60}} | network.max_requests_per_minute | 120 | above the budget's 60 requests per minute
      {'filesystem': {'read': ['src/**']}}                     | {'filesystem': {'read': ['src/*']}}                 | filesystem.read  | src/**              | no glob in the budget's filesystem.read [src/*] is known to cover it
      {'filesystem': {'read': ['src/a.md']}}                   | {'filesystem': {'write': ['src/**']}}               | filesystem.read  | src/a.md            | the budget allows no file reads
      {'filesystem': {'write': ['src/a.md']}}                  | {'filesystem': {'read': ['**']}}                    | filesystem.write | src/a.md            | the budget allows no file writes
      {'subprocess': ['git']}                                  | {}                                                  | subprocess       | git                 | the budget allows no subprocesses
      {'subprocess': ['curl']}                                 | {'subprocess': ['git', 'jq']}                       | subprocess       | curl                | the budget allows only the commands [git, jq]
      {'subprocess': true}                                     | {'subprocess': ['git']}                             | subprocess       | *                   | any command: the budget allows only the commands [git]
      {'secrets': {'required': ['AWS_SECRET']}}                | {'secrets': {'required': ['TOKEN']}}                | secrets.required | AWS_SECRET          | not among the budget's secrets.required [TOKEN]
      {'capabilities': ['secrets:TOKEN']}                      | {}                                                  | secrets.required | TOKEN               | the budget allows no secrets
      """)
  void excessesSayWhatAndWhy(String request, String budget, String capability, String requested, String why) {
    List<Excess> excess = PermissionModel.fits(perms(request), perms(budget));
    assertThat(excess).hasSize(1);
    Excess x = excess.get(0);
    assertThat(x.skill()).isNull();
    assertThat(x.capability().field()).isEqualTo(capability);
    assertThat(x.requested()).isEqualTo(requested);
    assertThat(x.why()).contains(why);
  }

  @Test
  void everyItemBeyondTheBudgetIsReportedInCapabilityOrder() {
    List<Excess> excess = PermissionModel.fits(
        perms("{'secrets': {'required': ['B', 'A']}, 'subprocess': ['git', 'sh'], "
            + "'network': {'outbound': ['x.example.com', 'ok.example.com']}}"),
        perms("{'network': {'outbound': ['ok.example.com']}, 'subprocess': ['git']}"));
    assertThat(excess).extracting(Excess::requested).containsExactly("x.example.com", "sh", "A", "B");
  }

  @Test
  void longBudgetListsAreShortenedInReasons() {
    List<Excess> excess = PermissionModel.fits(
        perms("{'subprocess': ['z']}"), perms("{'subprocess': ['a', 'b', 'c', 'd', 'e', 'f', 'g']}"));
    assertThat(excess.get(0).why()).endsWith("[a, b, c, d, e, ... 2 more]");
  }

  // ---- diff ----

  @ParameterizedTest(name = "{0} -> {1}: {2}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      textBlock =
          """
      {}                                              | {'network': {'outbound': ['api.example.com']}}          | adds network.outbound 'api.example.com' (dangerous)
      {'network': {'outbound': ['*.example.com']}}    | {'network': {'outbound': ['*.example.com', 'api.example.com']}} | ""
      {'network': {'outbound': ['api.example.com']}}  | {'network': {'outbound': ['*.example.com']}}            | adds network.outbound '*.example.com' (dangerous)
      {'network': {'outbound': ['api.example.com']}}  | {}                                                      | removes network.outbound 'api.example.com'
      {'network': {'outbound': ['a.example.com']}}    | {'network': {'outbound': ['a.example.com:443']}}        | removes network.outbound 'a.example.com'
      {}                                              | {'network': {'max_requests_per_minute': 60}}            | adds network.max_requests_per_minute '60'
      {'network': {'max_requests_per_minute': 60}}    | {'network': {'max_requests_per_minute': 120}}           | raises network.max_requests_per_minute '120 (was 60)'
      {'network': {'max_requests_per_minute': 120}}   | {'network': {'max_requests_per_minute': 60}}            | lowers network.max_requests_per_minute '60 (was 120)'
      {'network': {'max_requests_per_minute': 60}}    | {}                                                      | removes network.max_requests_per_minute '60'
      {}                                              | {'filesystem': {'read': ['docs/**']}}                   | adds filesystem.read 'docs/**'
      {'filesystem': {'read': ['**']}}                | {'filesystem': {'read': ['docs/**']}}                   | removes filesystem.read '**'
      {}                                              | {'filesystem': {'write': ['out/**']}}                   | adds filesystem.write 'out/**' (dangerous)
      {'filesystem': {'write': ['out/**']}}           | {'filesystem': {'write': ['out/a.txt']}}                | removes filesystem.write 'out/**'
      {'filesystem': {'read': ['src/**']}}            | {'capabilities': ['filesystem:read']}                   | adds filesystem.read '**'
      {'subprocess': ['git']}                         | {'subprocess': ['git', 'jq']}                           | adds subprocess 'jq' (dangerous)
      {'subprocess': ['git']}                         | {'subprocess': true}                                    | adds subprocess '*' (dangerous)
      {'subprocess': true}                            | {'subprocess': ['git']}                                 | removes subprocess '*'
      {'subprocess': ['git']}                         | {'capabilities': ['subprocess:git']}                    | ""
      {}                                              | {'secrets': {'required': ['TOKEN']}}                    | adds secrets.required 'TOKEN' (dangerous)
      {'secrets': {'required': ['TOKEN']}}            | {}                                                      | removes secrets.required 'TOKEN'
      """)
  void diffTagsDangerousAdditions(String before, String after, String expected) {
    PermissionDiff diff = PermissionModel.diff(perms(before), perms(after));
    assertThat(diff.changes().stream().map(PermissionDiff.Change::describe).toList())
        .containsExactlyElementsOf(expected.isEmpty() ? List.of() : List.of(expected));
  }

  @Test
  void diffSplitsAddedRemovedAndDangerous() {
    PermissionDiff diff = PermissionModel.diff(
        perms("{'network': {'outbound': ['old.example.com'], 'max_requests_per_minute': 10}, 'filesystem': {'write': ['tmp/**']}}"),
        perms("{'network': {'outbound': ['new.example.com'], 'max_requests_per_minute': 20}, 'filesystem': {'read': ['src/**']}}"));
    assertThat(diff.added()).extracting(PermissionDiff.Change::value)
        .containsExactly("new.example.com", "20 (was 10)", "src/**");
    assertThat(diff.removed()).extracting(PermissionDiff.Change::value).containsExactly("old.example.com", "tmp/**");
    assertThat(diff.dangerous()).extracting(PermissionDiff.Change::value).containsExactly("new.example.com");
    assertThat(diff.isEmpty()).isFalse();
    assertThat(PermissionModel.diff(Permissions.NONE, null).isEmpty()).isTrue();
  }

  @Test
  void aDiffSerialisesAsPlainJson() {
    PermissionDiff diff = PermissionModel.diff(Permissions.NONE, perms("{'subprocess': ['git']}"));
    assertThat(new String(Json.writeCompact(diff), StandardCharsets.UTF_8)).isEqualTo(
        "{\"changes\":[{\"capability\":\"subprocess\",\"kind\":\"ADDED\",\"value\":\"git\",\"dangerous\":true}]}");
  }
}
