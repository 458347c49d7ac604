package dev.tank.mediatypes;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TankExceptionTest {
  @Test
  void localIoFailuresAndBugsGetTheirCodesNextStepWhenTheThrowerGivesNone() {
    TankException io = new TankException(ErrorCode.IO, "cannot read file: denied", "/p/SKILL.md", null);
    assertThat(io.hint()).isEqualTo(ErrorCode.IO.defaultHint()).contains("disk has free space");
    assertThat(io.getMessage()).endsWith("— " + ErrorCode.IO.defaultHint());
    assertThat(new TankException(ErrorCode.INTERNAL, "cannot write", null, " ").hint()).contains("bug in Tank");
  }

  @Test
  void aGivenHintWinsAndOtherCodesHaveNoDefault() {
    assertThat(new TankException(ErrorCode.IO, "x", null, "run it again").hint()).isEqualTo("run it again");
    assertThat(new TankException(ErrorCode.REGISTRY, "x", null, null).hint()).isNull();
    assertThat(ErrorCode.INTEGRITY.defaultHint()).isNull();
  }

  @Test
  void movingTheErrorKeepsItsHint() {
    TankException moved = new TankException(ErrorCode.IO, "x", "inner", null).at("outer");
    assertThat(moved.where()).isEqualTo("outer: inner");
    assertThat(moved.hint()).isEqualTo(ErrorCode.IO.defaultHint());
  }
}
