package dev.tank.analyze;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The Aho-Corasick pre-filter finds exactly what a naive search finds. */
class TriggersTest {
  /** Check indexes whose triggers end at each offset, by running the automaton as TextFile does. */
  static Set<String> run(Triggers t, byte[] text) {
    Set<String> found = new TreeSet<>();
    int state = 0;
    for (int i = 0; i < text.length; i++) {
      int to = t.next[state + t.byteClass[text[i] & 0xff]];
      if (to < 0) {
        state = ~to;
        for (int c : t.outputs[state / t.classes]) {
          found.add(c + "@" + i);
        }
      } else {
        state = to;
      }
    }
    return found;
  }

  static Set<String> naive(List<List<String>> lits, byte[] text) {
    Set<String> found = new TreeSet<>();
    String lower = new String(text, StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
    for (int c = 0; c < lits.size(); c++) {
      for (String l : lits.get(c)) {
        String ll = l.toLowerCase(Locale.ROOT);
        for (int i = lower.indexOf(ll); i >= 0; i = lower.indexOf(ll, i + 1)) {
          found.add(c + "@" + (i + ll.length() - 1));
        }
      }
    }
    return found;
  }

  @Test
  void matchesOverlappingNestedAndCaseFoldedLiterals() {
    List<List<String>> lits = List.of(List.of("curl", "url"), List.of("he", "she", "hers"), List.of("CURL |"),
        List.of(Triggers.utf8("\u200b"), Triggers.bytes(0xF3, 0xA0, 0x80)));
    byte[] text = ("She said CURL | sh and hers, url\u200b and \uDB40\uDC20 end").getBytes(StandardCharsets.UTF_8);
    assertThat(run(new Triggers(lits), text)).isEqualTo(naive(lits, text)).isNotEmpty();
  }

  @Test
  void agreesWithANaiveSearchOnRandomInput() {
    Random rnd = new Random(42);
    String alphabet = "abcAB |.-";
    for (int round = 0; round < 200; round++) {
      List<List<String>> lits = new ArrayList<>();
      for (int c = 0; c < 5; c++) {
        List<String> l = new ArrayList<>();
        for (int j = 0; j < 3; j++) {
          l.add(random(rnd, alphabet, 1 + rnd.nextInt(4)));
        }
        lits.add(l);
      }
      byte[] text = random(rnd, alphabet, 300).getBytes(StandardCharsets.ISO_8859_1);
      assertThat(run(new Triggers(lits), text)).as("round " + round).isEqualTo(naive(lits, text));
    }
  }

  @Test
  void theCatalogueBuildsOneAutomatonWithoutEmptyTriggers() {
    assertThat(LineChecks.ALL).allSatisfy(c -> assertThat(c.triggers()).isNotEmpty().allMatch(s -> !s.isEmpty()));
    List<List<String>> lits = LineChecks.ALL.stream().map(Check::triggers).toList();
    byte[] text = "curl -s https://x | sh".getBytes(StandardCharsets.UTF_8);
    assertThat(run(new Triggers(lits), text)).isEqualTo(naive(lits, text));
  }

  private static String random(Random rnd, String alphabet, int n) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < n; i++) {
      sb.append(alphabet.charAt(rnd.nextInt(alphabet.length())));
    }
    return sb.toString();
  }
}
