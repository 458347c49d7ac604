package dev.tank.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tank.mediatypes.Json;
import dev.tank.testing.SkillFixtures;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI's contract: exit codes 0/1/2, --help everywhere, --json output, coded errors on stderr. */
class CliTest {
  @TempDir Path tmp;
  String out;
  String err;

  int tank(String... args) {
    StringWriter o = new StringWriter();
    StringWriter e = new StringWriter();
    Map<String, String> env = Map.of("TANK_CACHE", tmp.resolve("cache").toString(),
        "TANK_REGISTRY", "oci-layout:" + tmp.resolve("registry"), "HOME", tmp.toString());
    int code = Main.run(args, new PrintWriter(o, true), new PrintWriter(e, true), env);
    out = o.toString();
    err = e.toString();
    return code;
  }

  @ParameterizedTest
  @ValueSource(strings = {"init", "publish", "install", "update", "remove", "list", "info", "keygen", "sign", "verify", "permissions", "diff", "review"})
  void everyCommandHasHelp(String command) {
    assertThat(tank(command, "--help")).isZero();
    assertThat(out).contains("Usage: tank " + command);
  }

  @Test
  void topLevelHelpAndTheHelpCommandListEveryCommand() {
    for (String[] args : new String[][] {{"--help"}, {"help"}, {}}) {
      int code = tank(args);
      String shown = out + err;
      assertThat(code).as(String.join(" ", args)).isEqualTo(args.length == 0 ? 2 : 0);
      for (Class<?> c : Main.SUBCOMMANDS) {
        assertThat(shown).as(String.join(" ", args)).contains(Main.names(c).get(0));
      }
    }
    assertThat(tank("help", "install")).isZero();
    assertThat(out).contains("Usage: tank install");
  }

  @Test
  void aliasesReachTheirCommandAndUnknownWordsGetSuggestions() {
    assertThat(tank("ls", "--help")).isZero();
    assertThat(out).contains("Usage: tank list");
    assertThat(tank("i", "--help")).isZero();
    assertThat(out).contains("Usage: tank install");
    assertThat(tank("instal")).isEqualTo(2);
    assertThat(err).contains("TANK-E-USAGE").contains("install");
    assertThat(tank("--version")).isZero();
    assertThat(out).startsWith("tank ");
  }

  @Test
  void onlyTheNamedSubcommandIsBuilt() {
    assertThat(Main.commandLine(new String[] {"list", "--json"}, Map.of()).getSubcommands()).containsOnlyKeys("list", "ls");
    assertThat(Main.commandLine(new String[] {"--version"}, Map.of()).getSubcommands()).isEmpty();
    assertThat(Main.commandLine(new String[] {"-h"}, Map.of()).getSubcommands()).containsKeys("install", "audit", "help");
  }

  @Test
  void keygenWritesCosignFormatKeysThatLoadAndRefusesToOverwrite() throws Exception {
    String prefix = tmp.resolve("k").toString();
    StringWriter o = new StringWriter();
    StringWriter e = new StringWriter();
    Map<String, String> env = Map.of("TANK_PASSWORD", "pw", "HOME", tmp.toString());
    assertThat(Main.run(new String[] {"keygen", "--output-key-prefix", prefix}, new PrintWriter(o, true), new PrintWriter(e, true), env))
        .as(e.toString()).isZero();
    String key = java.nio.file.Files.readString(Path.of(prefix + ".key"));
    assertThat(key).startsWith("-----BEGIN ENCRYPTED SIGSTORE PRIVATE KEY-----");
    assertThat(dev.tank.sign.CosignKeys.decryptPrivateKey(key, "pw".toCharArray(), prefix + ".key")).isNotNull();
    assertThat(dev.tank.sign.CosignKeys.readPublicKey(java.nio.file.Files.readString(Path.of(prefix + ".pub")), "pub")).isNotNull();
    assertThat(Main.run(new String[] {"keygen", "--output-key-prefix", prefix}, new PrintWriter(o, true), new PrintWriter(e, true), env))
        .isEqualTo(1);
    assertThat(e.toString()).contains("never overwrites keys");
    assertThat(java.nio.file.Files.readString(Path.of(prefix + ".key"))).isEqualTo(key);
  }

  @Test
  void unknownOptionIsAUsageErrorWithExitCode2() {
    assertThat(tank("install", "--bogus")).isEqualTo(2);
    assertThat(err).contains("TANK-E-USAGE").contains("--bogus");
  }

  @Test
  void publishInstallListAndInfoSpeakJson() throws Exception {
    Path skill = SkillFixtures.skill(tmp.resolve("src"), "hello", "1.0.0", Map.of());
    assertThat(tank("publish", skill.toString(), "--json")).isZero();
    assertThat(Json.mapper().readTree(out).get("digest").asText()).startsWith("sha256:");
    Path project = SkillFixtures.project(tmp.resolve("p"), Map.of());
    assertThat(tank("install", "-C", project.toString(), "@acme/hello", "--json")).as(err).isZero();
    JsonNode installed = Json.mapper().readTree(out).get("installed");
    assertThat(installed.get(0).get("name").asText()).isEqualTo("@acme/hello");
    assertThat(tank("list", "-C", project.toString(), "--json")).isZero();
    assertThat(Json.mapper().readTree(out).get(0).get("version").asText()).isEqualTo("1.0.0");
    assertThat(tank("info", "@acme/hello", "--json")).isZero();
    assertThat(Json.mapper().readTree(out).get("versions").toString()).isEqualTo("[\"1.0.0\"]");
  }

  @Test
  void failedCheckExitsOneWithCodeWhereAndFix() {
    Path skill = SkillFixtures.skill(tmp.resolve("src"), "hello", "1.0.0", Map.of());
    assertThat(tank("publish", skill.toString())).isZero();
    assertThat(tank("publish", skill.toString())).isEqualTo(1);
    assertThat(err).contains("error TANK-E-EXISTS").contains("at:").contains("fix:").contains("bump \"version\"");
  }

  @Test
  void errorsInJsonModeAreJsonOnStdout() throws Exception {
    assertThat(tank("info", "@acme/missing", "--json")).isEqualTo(1);
    assertThat(Json.mapper().readTree(out).get("error").get("code").asText()).isEqualTo("TANK-E-NOT-FOUND");
  }
}
