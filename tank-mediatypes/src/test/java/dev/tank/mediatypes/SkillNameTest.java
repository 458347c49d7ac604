package dev.tank.mediatypes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class SkillNameTest {
  private static final String P64 = "a".repeat(64);

  @ParameterizedTest
  @CsvSource(
      nullValues = "null",
      value = {
        // text, scope, name, repositoryPath, scopeKey
        "@org/name, org, name, org/name, @org",
        "@acme/pdf-tools, acme, pdf-tools, acme/pdf-tools, @acme",
        "@a1-b2/c3-d4, a1-b2, c3-d4, a1-b2/c3-d4, @a1-b2",
        "name, null, name, _/name, null",
        "pdf-tools, null, pdf-tools, _/pdf-tools, null",
        "0, null, 0, _/0, null",
      })
  void validNames(String text, String scope, String name, String repositoryPath, String scopeKey) {
    SkillName n = SkillName.parse(text);
    assertThat(n.scope()).isEqualTo(scope);
    assertThat(n.name()).isEqualTo(name);
    assertThat(n.repositoryPath()).isEqualTo(repositoryPath);
    assertThat(n.scopeKey()).isEqualTo(scopeKey);
    assertThat(n).hasToString(text);
    assertThat(SkillName.isValid(text)).isTrue();
  }

  @Test
  void partsOf64CharactersAreAllowed() {
    SkillName n = SkillName.parse("@" + P64 + "/" + P64);
    assertThat(n.repositoryPath()).isEqualTo(P64 + "/" + P64);
    assertThat(SkillName.parse(P64).repositoryPath()).isEqualTo("_/" + P64);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "@org",
        "@org/",
        "@/x",
        "@",
        "Org/x",
        "org/x",
        "@Org/x",
        "@org/X",
        "a--b",
        "-a",
        "a-",
        "@-org/a",
        "@org/a-",
        "a_b",
        "a.b",
        "a b",
        " a",
        "a\n",
        "@org/x/y",
        "@@org/x",
        "a@1.0.0",
        "\u00e9t\u00e9",
        "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
        "@aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/x",
        "@x/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
      })
  @NullSource
  void invalidNames(String text) {
    assertThatThrownBy(() -> SkillName.parse(text))
        .isInstanceOfSatisfying(TankException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_NAME));
    assertThat(SkillName.isValid(text)).isFalse();
  }

  @Test
  void theLongInvalidCasesAreExactly65Characters() {
    assertThat("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa").hasSize(65);
  }

  @Test
  void theErrorNamesTheWholeInput() {
    assertThatThrownBy(() -> SkillName.parse("@acme/Bad"))
        .isInstanceOf(TankException.class)
        .hasMessageContaining("'@acme/Bad'")
        .hasMessageContaining("TANK-E-NAME");
  }

  @Test
  void theConstructorValidatesToo() {
    assertThatThrownBy(() -> new SkillName("Org", "x")).isInstanceOf(TankException.class);
    assertThatThrownBy(() -> new SkillName(null, null)).isInstanceOf(TankException.class);
    assertThat(new SkillName(null, "x")).isEqualTo(SkillName.parse("x"));
  }

  @Test
  void namesSortByTheirTextualForm() {
    List<SkillName> names =
        new ArrayList<>(List.of(SkillName.parse("zeta"), SkillName.parse("@b/x"), SkillName.parse("@a/y"), SkillName.parse("alpha")));
    Collections.sort(names);
    assertThat(names).extracting(SkillName::toString).containsExactly("@a/y", "@b/x", "alpha", "zeta");
  }

  @Test
  void comparisonAgreesWithTheTextualFormOnTrickyNeighbours() {
    List<String> texts = List.of("@a/b", "@a-b/x", "@ab/c", "@a/b-c", "@a/bc", "a", "a-b", "ab", "@b/a", "@a/a", "z", "@z9/z");
    for (String x : texts) {
      for (String y : texts) {
        assertThat(Integer.signum(SkillName.parse(x).compareTo(SkillName.parse(y))))
            .as(x + " vs " + y).isEqualTo(Integer.signum(x.compareTo(y)));
      }
    }
  }
}
