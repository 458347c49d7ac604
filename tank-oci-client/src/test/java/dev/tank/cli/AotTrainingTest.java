package dev.tank.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The start-up training workload bin/tank records: every step must run as users run it. */
class AotTrainingTest {
  @TempDir Path tmp;

  @Test
  void everyStepOfTheTrainingWorkloadSucceeds() throws Exception {
    assertThat(new AotTraining(tmp).run()).isEmpty();
    assertThat(tmp.resolve("project/skills.lock")).exists();
    assertThat(Files.readString(tmp.resolve("project/skills.json"))).doesNotContain("@training/tool");
    // the publish cache's step: a new key, a signed publish with its SBOM, audit report and
    // signatures beside it, and a second signature (one bundle per key)
    assertThat(tmp.resolve("author.pub")).exists();
    String index = Files.readString(tmp.resolve("published/training/notes/index.json"));
    assertThat(index).contains("\"1.0.0\"", "application/vnd.cyclonedx+json", "application/vnd.tank.audit.v1+json", ".sig\"");
    assertThat(index.split("application/vnd.dev.sigstore.bundle.v0.3\\+json", -1)).hasSize(3);
  }
}
