package dev.tank.permissions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tank.mediatypes.ErrorCode;
import dev.tank.mediatypes.TankException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PathGlobTest {

  @ParameterizedTest(name = "''{0}'' is written {1}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      textBlock =
          """
      src/**                | src/**
      ./src//a/./b.txt      | src/a/b.txt
      src/                  | src/**
      docs/**/              | docs/**
      src/../docs/*.md      | docs/*.md
      a/b/../../c           | c
      **/**/x               | **/x
      **                    | **
      .env                  | .env
      *.md                  | *.md
      a/?/c                 | a/?/c
      """)
  void normalisesToCanonicalText(String text, String canonical) {
    assertThat(PathGlob.parse(text)).hasToString(canonical);
    assertThat(PathGlob.parse(canonical)).isEqualTo(PathGlob.parse(text));
  }

  @ParameterizedTest(name = "''{0}'' is refused: {1}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      textBlock =
          """
      ""              | is empty
      /etc/passwd     | is an absolute path
      ~/.ssh/id_rsa   | is an absolute path
      C:/Windows      | is an absolute path
      ..              | leaves the project root
      ../x            | leaves the project root
      src/../../x     | leaves the project root
      a/./../../b     | leaves the project root
      a/*/../b        | '..' after a wildcard
      a/**/../b       | '..' after a wildcard
      src\\a          | backslash
      a**/b           | '**' inside a segment
      a/b**           | '**' inside a segment
      src/[ab].md     | uses '['
      {a,b}/x         | uses '{'
      .               | names only the project root
      a/..            | names only the project root
      """)
  void refusesGlobsThatLeaveOrAreNotRelative(String text, String fragment) {
    assertThatThrownBy(() -> PathGlob.parse(text))
        .isInstanceOfSatisfying(TankException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.SCHEMA);
          assertThat(e.what()).contains("'" + text + "'").contains(fragment);
        });
  }

  @Test
  void refusesControlCharactersAndHugeGlobs() {
    assertThatThrownBy(() -> PathGlob.parse("a\u0000b")).hasMessageContaining("control character");
    assertThatThrownBy(() -> PathGlob.parse("a/".repeat(65) + "b")).hasMessageContaining("more than 64 segments");
    assertThatThrownBy(() -> PathGlob.parse("a".repeat(4097))).hasMessageContaining("longer than 4096");
  }

  @ParameterizedTest(name = "{0} matches {1}: {2}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      textBlock =
          """
      *.md          | README.md              | true
      *.md          | docs/README.md         | false
      **/*.md       | docs/a/README.md       | true
      **/*.md       | README.md              | true
      src/**        | src                    | true
      src/**        | src/a/b.c              | true
      src/**        | srcx/a                 | false
      src/*         | src/a/b                | false
      ?.txt         | a.txt                  | true
      ?.txt         | ab.txt                 | false
      *             | .env                   | true
      a*b           | ab                     | true
      a*b           | a/b                    | false
      src/**        | src/../secrets.txt     | false
      src/**        | ../src/a               | false
      src/**        | /src/a                 | false
      src/**        | src\\a                 | false
      docs/*.md     | docs/./a.md            | true
      docs/*.md     | docs//a.md             | true
      **            | a/b/c/d                | true
      a/**/b        | a/b                    | true
      a/**/b        | a/x/y/b                | true
      a/**/b        | a/x/y/c                | false
      """)
  void matchesNormalisedPaths(String glob, String path, boolean expected) {
    assertThat(PathGlob.parse(glob).matches(path)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0} covers {1}: {2}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      textBlock =
          """
      **            | src/**           | true
      **            | .env             | true
      **            | **               | true
      src/**        | src/a/*.md       | true
      src/**        | src/**/x         | true
      src/**        | src              | true
      src/**        | srcx/a           | false
      src/**        | **               | false
      src/*         | src/**           | false
      src/*         | src/a.md         | true
      src/*         | src/?            | true
      src/*.md      | src/a.md         | true
      src/*.md      | src/*.md         | true
      src/*.md      | src/a*.md        | true
      src/*.md      | src/*            | false
      src/*.md      | src/*.mdx        | false
      src/a?.md     | src/a*.md        | false
      src/a?.md     | src/a?.md        | true
      src/?         | src/*            | false
      **/*.md       | docs/**/*.md     | true
      **/*.md       | *.md             | true
      docs/**/*.md  | **/*.md          | false
      a/**/b        | a/b              | true
      a/**/b        | a/**/c/b         | true
      a/**/b        | a/**             | false
      src/a.md      | src/a.md         | true
      src/a.md      | src/b.md         | false
      src/a.md      | src/?.md         | false
      */**          | **               | false
      """)
  void coversOnlyWhatItCanProve(String budget, String request, boolean expected) {
    assertThat(PathGlob.parse(budget).covers(PathGlob.parse(request))).isEqualTo(expected);
  }

  /** Soundness: whenever covers() says yes, every sample path the request matches, the budget matches. */
  @Test
  void coverageIsSoundOnSamplePaths() {
    String[] globs = {"**", "src/**", "src/*", "src/*.md", "src/a*.md", "src/?", "**/*.md", "docs/**/*.md", "a/**/b",
      "*", "*.md", "a?", "?", "src/a.md", "*/**", "a/*/b", "a/**", "**/b"};
    String[] paths = {"a", "b", "ab", "a.md", "src", "src/a", "src/a.md", "src/ab.md", "src/b.md", "src/x/y.md",
      "docs/a.md", "docs/x/a.md", "a/b", "a/x/b", "a/x/y/b", "x/b", "src/a/b", ".env", "src/.md"};
    for (String b : globs) {
      for (String r : globs) {
        PathGlob budget = PathGlob.parse(b);
        PathGlob request = PathGlob.parse(r);
        if (budget.covers(request)) {
          for (String p : paths) {
            if (request.matches(p)) {
              assertThat(budget.matches(p)).as("%s covers %s, so it must match %s", b, r, p).isTrue();
            }
          }
        }
      }
    }
  }
}
