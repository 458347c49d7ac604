package dev.tank.permissions;

import static dev.tank.permissions.PermissionModelTest.perms;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tank.mediatypes.Json;
import dev.tank.mediatypes.Permissions;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PermissionTableTest {

  @Test
  void oneRowPerSkillAndCapabilityWithTheExcessMarked() {
    PermissionTable table = PermissionTable.of(
        Map.of(
            "@b/two@1.0.0", perms("{'capabilities': ['subprocess'], 'secrets': {'required': ['TOKEN']}}"),
            "@a/one@1.0.0", perms("{'network': {'outbound': ['x.example.com', 'evil.net']}, "
                + "'filesystem': {'read': ['src/**']}}")),
        perms("{'network': {'outbound': ['*.example.com']}, 'filesystem': {'read': ['**']}, 'subprocess': ['git']}"));
    assertThat(table.rows()).containsExactly(
        new PermissionTable.Row("@a/one@1.0.0", Capability.NETWORK_OUTBOUND, List.of("evil.net", "x.example.com"), List.of("evil.net")),
        new PermissionTable.Row("@a/one@1.0.0", Capability.FILESYSTEM_READ, List.of("src/**"), List.of()),
        new PermissionTable.Row("@b/two@1.0.0", Capability.SUBPROCESS, List.of("*"), List.of("*")),
        new PermissionTable.Row("@b/two@1.0.0", Capability.SECRETS, List.of("TOKEN"), List.of("TOKEN")));
    assertThat(table.budget()).containsExactly(
        new PermissionTable.Row(null, Capability.NETWORK_OUTBOUND, List.of("*.example.com"), List.of()),
        new PermissionTable.Row(null, Capability.FILESYSTEM_READ, List.of("**"), List.of()),
        new PermissionTable.Row(null, Capability.SUBPROCESS, List.of("git"), List.of()));
  }

  @Test
  void withoutABudgetNothingIsMarked() {
    PermissionTable table = PermissionTable.of(
        Map.of("x@1.0.0", perms("{'network': {'outbound': ['a.example.com'], 'max_requests_per_minute': 5}}")), null);
    assertThat(table.rows()).containsExactly(
        new PermissionTable.Row("x@1.0.0", Capability.NETWORK_OUTBOUND, List.of("a.example.com"), List.of()),
        new PermissionTable.Row("x@1.0.0", Capability.NETWORK_RATE, List.of("5"), List.of()));
    assertThat(table.budget()).isEmpty();
  }

  @Test
  void aSkillWithoutPermissionsHasNoRows() {
    assertThat(PermissionTable.of(Map.of("x@1.0.0", Permissions.NONE), Permissions.NONE).rows()).isEmpty();
  }

  @Test
  void serialisesAsPlainJsonWithCapabilityFieldNames() {
    PermissionTable table = PermissionTable.of(Map.of("x@1.0.0", perms("{'subprocess': ['git']}")), perms("{}"));
    String json = new String(Json.writeCompact(table), StandardCharsets.UTF_8);
    assertThat(json).isEqualTo(
        "{\"rows\":[{\"skill\":\"x@1.0.0\",\"capability\":\"subprocess\",\"values\":[\"git\"],"
            + "\"beyondBudget\":[\"git\"]}],\"budget\":[]}");
  }

  @Test
  void aMalformedRequestIsPlacedAtItsSkill() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> PermissionTable.of(Map.of("x@1.0.0", perms("{'subprocess': ['rm -rf']}")), null))
        .isInstanceOfSatisfying(dev.tank.mediatypes.TankException.class,
            e -> assertThat(e.where()).isEqualTo("x@1.0.0: $.permissions.subprocess[0]"));
  }
}
