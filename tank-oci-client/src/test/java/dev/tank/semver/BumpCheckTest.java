package dev.tank.semver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tank.mediatypes.ErrorCode;
import dev.tank.mediatypes.Interface;
import dev.tank.mediatypes.Json;
import dev.tank.mediatypes.Permissions;
import dev.tank.mediatypes.SkillConfig;
import dev.tank.mediatypes.SkillsJson;
import dev.tank.mediatypes.TankException;
import dev.tank.resolve.Version;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BumpCheckTest {

  static <T> T parse(String json, Class<T> type) {
    return Json.parse(json.replace('\'', '"').getBytes(StandardCharsets.UTF_8), type, "test");
  }

  static SkillSurface surface(String permissions, String iface) {
    return new SkillSurface("@acme/x", parse(permissions, Permissions.class), parse(iface, Interface.class));
  }

  static SkillSurface perms(String permissions) {
    return surface(permissions, "{}");
  }

  static BumpCheck check(String prev, SkillSurface before, String next, SkillSurface after) {
    return BumpCheck.check(Version.parse(prev), before, Version.parse(next), after);
  }

  // ---- what a step allows ----

  @ParameterizedTest(name = "{0} -> {1} is a {2} step")
  @CsvSource(
      textBlock =
          """
      1.2.3,       2.0.0,          MAJOR
      1.2.3,       3.0.1,          MAJOR
      1.2.3,       1.3.0,          MINOR
      1.2.3,       1.4.7,          MINOR
      1.2.3,       1.2.4,          PATCH
      1.2.3,       1.2.4+build.1,  PATCH
      1.2.3+b.1,   1.2.4,          PATCH
      0.2.3,       0.3.0,          MAJOR
      0.2.3,       0.2.4,          MINOR
      0.2.3,       1.0.0,          MAJOR
      0.0.3,       0.0.4,          MAJOR
      0.0.3,       0.1.0,          MAJOR
      1.2.3,       2.0.0-rc.1,     MAJOR
      1.2.3,       1.3.0-alpha,    MINOR
      1.2.3,       1.2.4-beta.1,   PATCH
      2.0.0-rc.1,  2.0.0-rc.2,     MAJOR
      2.0.0-rc.1,  2.0.0,          MAJOR
      1.3.0-rc.1,  1.3.0,          MINOR
      1.2.4-rc.1,  1.2.4,          PATCH
      1.3.0-rc.1,  1.3.1,          PATCH
      0.3.0-rc.1,  0.3.0,          MAJOR
      0.2.4-rc.1,  0.2.4,          MINOR
      0.0.4-rc.1,  0.0.4,          MAJOR
      """)
  void theStepAllowsWhatItsFirstGrowingNumberSays(String prev, String next, Bump expected) {
    assertThat(BumpCheck.actual(Version.parse(prev), Version.parse(next))).isEqualTo(expected);
  }

  @ParameterizedTest(name = "after {0}, {1} needs at least {2}")
  @CsvSource(
      textBlock =
          """
      1.2.3,       MAJOR,  2.0.0
      1.2.3,       MINOR,  1.3.0
      1.2.3,       PATCH,  1.2.4
      1.2.3+b.7,   PATCH,  1.2.4
      0.2.3,       MAJOR,  0.3.0
      0.2.3,       MINOR,  0.2.4
      0.2.3,       PATCH,  0.2.4
      0.0.3,       MAJOR,  0.0.4
      0.0.3,       MINOR,  0.0.4
      0.0.3,       PATCH,  0.0.4
      2.0.0-rc.1,  MAJOR,  2.0.0
      2.0.0-rc.1,  PATCH,  2.0.0
      1.3.0-rc.1,  MINOR,  1.3.0
      1.3.0-rc.1,  MAJOR,  2.0.0
      1.2.4-rc.1,  PATCH,  1.2.4
      1.2.4-rc.1,  MAJOR,  2.0.0
      0.3.0-rc.1,  MAJOR,  0.3.0
      0.2.4-rc.1,  MAJOR,  0.3.0
      """)
  void theMinimumVersionIsAllowedAndNothingJustBelowItIs(String prev, Bump needed, String expected) {
    Version p = Version.parse(prev);
    Version min = BumpCheck.minimum(p, needed);
    assertThat(min).hasToString(expected);
    assertThat(min).isGreaterThan(p);
    assertThat(BumpCheck.actual(p, min).allows(needed)).as("the minimum is allowed").isTrue();
    // Releases just below it (and above prev) are not enough.
    int[][] below = {
      {min.major(), min.minor(), min.patch() - 1}, {min.major(), min.minor() - 1, 99}, {min.major() - 1, 99, 99}
    };
    for (int[] b : below) {
      if (b[0] < 0 || b[1] < 0 || b[2] < 0) {
        continue;
      }
      Version v = new Version(b[0], b[1], b[2], List.of(), List.of());
      if (v.compareTo(p) > 0 && !v.hasSamePrecedence(p)) {
        assertThat(BumpCheck.actual(p, v).allows(needed)).as("%s is not enough", v).isFalse();
      }
    }
  }

  @Test
  void theNextVersionMustBeHigher() {
    assertThatThrownBy(() -> check("1.2.3", perms("{}"), "1.2.3", perms("{}"))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> check("1.2.3", perms("{}"), "1.2.3+b.2", perms("{}"))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> check("1.2.3", perms("{}"), "1.2.2", perms("{}"))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> check("1.2.3", perms("{}"), "1.2.3-rc.1", perms("{}"))).isInstanceOf(IllegalArgumentException.class);
  }

  // ---- what changes need ----

  @ParameterizedTest(name = "{0} -> {1} needs {2}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      textBlock =
          """
      {}                                               | {}                                                    | PATCH
      {}                                               | {'network': {'outbound': ['api.example.com']}}        | MAJOR
      {}                                               | {'subprocess': ['git']}                               | MAJOR
      {}                                               | {'secrets': {'required': ['TOKEN']}}                  | MAJOR
      {}                                               | {'filesystem': {'write': ['out/**']}}                 | MAJOR
      {}                                               | {'filesystem': {'read': ['docs/**']}}                 | MINOR
      {'network': {'max_requests_per_minute': 10}}     | {'network': {'max_requests_per_minute': 20}}          | MINOR
      {'network': {'outbound': ['api.example.com']}}   | {}                                                    | PATCH
      {'network': {'outbound': ['*.example.com']}}     | {'network': {'outbound': ['api.example.com']}}        | PATCH
      {'network': {'outbound': ['*.example.com']}}     | {'network': {'outbound': ['*.example.com', 'a.example.com']}} | PATCH
      {'subprocess': true}                             | {'capabilities': ['subprocess:git']}                  | PATCH
      {'filesystem': {'read': ['docs/**']}}            | {'filesystem': {'read': ['**']}}                      | MINOR
      """)
  void permissionChangesNeed(String before, String after, Bump expected) {
    assertThat(check("1.0.0", perms(before), "1.0.1", perms(after)).required()).isEqualTo(expected);
  }

  @Test
  void eachPermissionChangeIsListedWithItsReason() {
    BumpCheck c = check("1.0.0", perms("{'filesystem': {'write': ['tmp/**']}}"),
        "1.1.0", perms("{'network': {'outbound': ['api.example.com']}, 'filesystem': {'read': ['src/**']}}"));
    assertThat(c.changes()).extracting(BumpCheck.Change::describe).containsExactly(
        "permissions.network.outbound adds 'api.example.com' (dangerous) (needs major)",
        "permissions.filesystem.read adds 'src/**' (needs minor)",
        "permissions.filesystem.write removes 'tmp/**' (needs patch)");
    assertThat(c.changes()).allMatch(ch -> ch.area() == BumpCheck.Area.PERMISSIONS);
    assertThat(c.required()).isEqualTo(Bump.MAJOR);
    assertThat(c.actual()).isEqualTo(Bump.MINOR);
    assertThat(c.sufficient()).isFalse();
    assertThat(c.blocking()).extracting(BumpCheck.Change::subject).containsExactly("permissions.network.outbound");
    assertThat(c.minimum()).hasToString("2.0.0");
  }

  // ---- the error ----

  @Test
  void anInsufficientBumpIsASemverErrorNamingEachChangeAndTheMinimum() {
    BumpCheck c = check("1.2.3", surface("{}", "{'entrypoints': {'search': {}, 'index': {}}}"),
        "1.2.4", surface("{'subprocess': ['curl']}", "{'entrypoints': {'search': {}, 'export': {}}}"));
    assertThatThrownBy(c::requireSufficient)
        .isInstanceOfSatisfying(TankException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.SEMVER);
          assertThat(e.what())
              .startsWith("@acme/x 1.2.4 is a patch step after 1.2.3, but 3 changes need major: ")
              .contains("permissions.subprocess adds 'curl' (dangerous) (needs major)")
              .contains("interface.entrypoints.index was removed (needs major)")
              .contains("interface.entrypoints.export is a new entrypoint (needs minor)");
          assertThat(e.where()).isEqualTo("@acme/x@1.2.4");
          assertThat(e.hint()).startsWith("publish it as 2.0.0 or later");
        });
  }

  @Test
  void theExampleInDocsSemverMdIsWhatTankSays() {
    SkillSurface before = new SkillSurface("@acme/sync", parse("{'filesystem': {'read': ['src/**']}}", Permissions.class), null);
    SkillSurface after = new SkillSurface("@acme/sync",
        parse("{'filesystem': {'read': ['src/**']}, 'network': {'outbound': ['api.sync.example']}}", Permissions.class), null);
    assertThatThrownBy(() -> check("1.2.3", before, "1.2.4", after).requireSufficient()).hasMessage(
        "TANK-E-SEMVER: @acme/sync 1.2.4 is a patch step after 1.2.3, but a change needs major: "
            + "permissions.network.outbound adds 'api.sync.example' (dangerous) (needs major) (at @acme/sync@1.2.4)"
            + " — publish it as 2.0.0 or later (or undo those changes); docs/semver.md has the rules");
  }

  @Test
  void aSufficientBumpPasses() {
    BumpCheck c = check("1.2.3", perms("{}"), "2.0.0", perms("{'subprocess': ['curl']}"));
    assertThat(c.sufficient()).isTrue();
    assertThat(c.blocking()).isEmpty();
    c.requireSufficient();
    check("1.2.3", perms("{}"), "1.2.4", perms("{}")).requireSufficient();
  }

  @Test
  void belowOneTheMinorNumberIsTheBreakingOne() {
    SkillSurface before = perms("{}");
    SkillSurface after = perms("{'network': {'outbound': ['api.example.com']}}");
    BumpCheck patchStep = check("0.2.3", before, "0.2.4", after);
    assertThat(patchStep.sufficient()).isFalse();
    assertThat(patchStep.minimum()).hasToString("0.3.0");
    assertThatThrownBy(patchStep::requireSufficient)
        .hasMessageContaining("0.2.4 is a minor step after 0.2.3 (under 1.0.0 the minor number is the breaking one)");
    assertThat(check("0.2.3", before, "0.3.0", after).sufficient()).isTrue();
    // In 0.y.z, an addition may come in a patch-number step.
    assertThat(check("0.2.3", before, "0.2.4", perms("{'filesystem': {'read': ['docs/**']}}")).sufficient()).isTrue();
    // In 0.0.z, every step may break.
    assertThat(check("0.0.3", before, "0.0.4", after).sufficient()).isTrue();
  }

  @Test
  void aPrereleaseIsJudgedAsTheReleaseItLeadsTo() {
    SkillSurface before = perms("{}");
    SkillSurface breaking = perms("{'secrets': {'required': ['TOKEN']}}");
    assertThat(check("1.2.3", before, "2.0.0-rc.1", breaking).sufficient()).isTrue();
    assertThat(check("1.2.3", before, "1.2.4-beta.1", breaking).sufficient()).isFalse();
    assertThat(check("1.2.3", before, "1.2.4-beta.1", perms("{'filesystem': {'read': ['a']}}")).sufficient()).isFalse();
    // rc to release of a major version may still break; of a patch version may not.
    assertThat(check("2.0.0-rc.1", before, "2.0.0", breaking).sufficient()).isTrue();
    assertThat(check("1.2.4-rc.1", before, "1.2.4", breaking).sufficient()).isFalse();
    assertThat(check("1.2.4-rc.1", before, "1.2.4", breaking).minimum()).hasToString("2.0.0");
  }

  // ---- inputs ----

  @Test
  void readsPublishedConfigs() {
    SkillConfig v1 = parse("{'schemaVersion': 1, 'name': '@acme/x', 'version': '1.0.0', "
        + "'frontmatter': {'name': 'x', 'description': 'd'}, "
        + "'interface': {'entrypoints': {'run': {'input': {'type': 'object', 'properties': {'q': {'type': 'string'}}}}}}}",
        SkillConfig.class);
    SkillConfig v2 = parse("{'schemaVersion': 1, 'name': '@acme/x', 'version': '1.1.0', "
        + "'frontmatter': {'name': 'x', 'description': 'd'}, 'permissions': {'filesystem': {'read': ['**']}}, "
        + "'interface': {'entrypoints': {'run': {'input': {'type': 'object', 'properties': {'q': {'type': 'integer'}}}}}}}",
        SkillConfig.class);
    BumpCheck c = BumpCheck.check(Version.parse("1.0.0"), v1, Version.parse("1.1.0"), v2);
    assertThat(c.skill()).isEqualTo("@acme/x");
    assertThat(c.changes()).extracting(BumpCheck.Change::describe).containsExactly(
        "permissions.filesystem.read adds '**' (needs minor)",
        "interface.entrypoints.run.input.properties.q changed type from [string] to [integer] (needs major)");
    assertThat(c.sufficient()).isFalse();
  }

  @Test
  void readsASkillFolderManifest() {
    SkillsJson manifest = parse("{'name': '@acme/x', 'version': '2.0.0', 'permissions': {'subprocess': true}}", SkillsJson.class);
    SkillSurface s = SkillSurface.of(manifest);
    assertThat(s.name()).isEqualTo("@acme/x");
    assertThat(s.iface().entrypoints()).isEmpty();
    assertThat(check("1.0.0", perms("{}"), "2.0.0", s).required()).isEqualTo(Bump.MAJOR);
  }

  @Test
  void malformedPermissionsNameTheVersion() {
    SkillSurface bad = perms("{'network': {'outbound': ['http://x']}}");
    assertThatThrownBy(() -> check("1.0.0", bad, "1.0.1", perms("{}")))
        .isInstanceOfSatisfying(TankException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.SCHEMA);
          assertThat(e.where()).isEqualTo("@acme/x@1.0.0: $.permissions.network.outbound[0]");
        });
    assertThatThrownBy(() -> check("1.0.0", perms("{}"), "1.0.1", bad))
        .isInstanceOfSatisfying(TankException.class,
            e -> assertThat(e.where()).isEqualTo("@acme/x@1.0.1: $.permissions.network.outbound[0]"));
  }
}
