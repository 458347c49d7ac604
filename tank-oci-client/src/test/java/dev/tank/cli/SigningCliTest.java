package dev.tank.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tank.mediatypes.Json;
import dev.tank.testing.SkillFixtures;
import dev.tank.testing.TestFiles;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** keygen → publish --sign-key / sign → install under a trust policy → verify, through the CLI. */
class SigningCliTest {
  @TempDir Path tmp;
  Map<String, String> env;
  String out;
  String err;
  Path project;

  @BeforeEach
  void setUp() throws Exception {
    env = new HashMap<>(Map.of("TANK_CACHE", tmp.resolve("cache").toString(),
        "TANK_REGISTRY", "oci-layout:" + tmp.resolve("registry"), "HOME", tmp.toString(), "TANK_PASSWORD", "correct horse"));
    assertThat(tank("keygen", "--output-key-prefix", tmp.resolve("acme").toString())).as(err).isZero();
    project = Files.createDirectories(tmp.resolve("p"));
    Files.writeString(project.resolve("skills.json"), "{\"skills\": {\"@acme/hello\": \"^1.0.0\"},"
        + " \"audit\": {\"require_signing\": true},"
        + " \"trust\": {\"keys\": [{\"name\": \"acme\", \"public_key\": \"" + tmp.resolve("acme.pub") + "\"}]}}\n");
  }

  int tank(String... args) {
    StringWriter o = new StringWriter();
    StringWriter e = new StringWriter();
    int code = Main.run(args, new PrintWriter(o, true), new PrintWriter(e, true), Map.copyOf(env));
    out = o.toString();
    err = e.toString();
    return code;
  }

  @Test
  void signedPublishInstallsAndVerifies() throws Exception {
    Path skill = SkillFixtures.skill(tmp.resolve("src"), "hello", "1.0.0", Map.of());
    assertThat(tank("publish", skill.toString(), "--sign-key", tmp.resolve("acme.key").toString())).as(err).isZero();
    assertThat(out).contains("signed:   key sha256:");
    assertThat(tank("install", "-C", project.toString())).as(err).isZero();
    assertThat(tank("verify", "-C", project.toString())).as(err).isZero();
    assertThat(out).contains("@acme/hello").contains("key acme sha256:").contains("verified 1 skills");
    assertThat(tank("verify", "-C", project.toString(), "--json")).isZero();
    JsonNode report = Json.mapper().readTree(out);
    assertThat(report.get("ok").asBoolean()).isTrue();
    assertThat(report.get("skills").get(0).get("files").asText()).isEqualTo("ok");

    Files.writeString(project.resolve(".agents/skills/hello/SKILL.md"), "tampered");
    assertThat(tank("verify", "-C", project.toString())).isEqualTo(1);
    assertThat(out).contains("FAILED");
    assertThat(err).contains("error TANK-E-INTEGRITY").contains("1 of 1 skills failed");
  }

  @Test
  void signAnExistingVersionThenInstall() {
    Path skill = SkillFixtures.skill(tmp.resolve("src"), "hello", "1.0.0", Map.of());
    assertThat(tank("publish", skill.toString())).isZero();
    assertThat(tank("install", "-C", project.toString())).isEqualTo(1);
    assertThat(err).contains("TANK-E-SIGNATURE").contains("carries no signature").contains("tank sign @acme/hello@1.0.0");
    assertThat(tank("sign", "@acme/hello@1.0.0", "--key", tmp.resolve("acme.key").toString(), "--json")).as(err).isZero();
    assertThat(out).contains("\"signatureTag\": \"sha256-");
    assertThat(tank("install", "-C", project.toString())).as(err).isZero();
  }

  @Test
  void aWrongPasswordSignsNothing() {
    Path skill = SkillFixtures.skill(tmp.resolve("src"), "hello", "1.0.0", Map.of());
    Map<String, String> registryBefore = TestFiles.snapshot(tmp.resolve("cache").getParent().resolve("registry"));
    env.put("TANK_PASSWORD", "wrong");
    assertThat(tank("publish", skill.toString(), "--sign-key", tmp.resolve("acme.key").toString())).isEqualTo(1);
    assertThat(err).contains("TANK-E-KEY").contains("wrong password");
    assertThat(TestFiles.snapshot(tmp.resolve("registry"))).isEqualTo(registryBefore);
    assertThat(tank("sign", "@acme/hello", "--key", tmp.resolve("acme.key").toString())).isEqualTo(2);
    assertThat(err).contains("TANK-E-USAGE").contains("exact version");
  }

  @Test
  void aCorruptKeyFileIsAKeyError() throws Exception {
    Files.writeString(tmp.resolve("bad.key"), "-----BEGIN ENCRYPTED SIGSTORE PRIVATE KEY-----\nnot base64!\n"
        + "-----END ENCRYPTED SIGSTORE PRIVATE KEY-----\n");
    Path skill = SkillFixtures.skill(tmp.resolve("src"), "hello", "1.0.0", Map.of());
    assertThat(tank("publish", skill.toString(), "--sign-key", tmp.resolve("bad.key").toString())).isEqualTo(1);
    assertThat(err).contains("TANK-E-KEY").contains("bad.key");
    assertThat(tank("publish", skill.toString(), "--sign-key", tmp.resolve("missing.key").toString())).isEqualTo(1);
    assertThat(err).contains("TANK-E-KEY").contains("missing.key");
  }
}
