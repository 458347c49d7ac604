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
  }
}
