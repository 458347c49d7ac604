package dev.tank.resolve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tank.mediatypes.SkillName;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The resolution algorithm over an in-memory catalog (no registry: this is pure graph logic). */
class ResolverTest {
  private final Map<String, Map<String, Map<String, String>>> published = new HashMap<>();

  private void pub(String name, String version, String... deps) {
    Map<String, String> d = new HashMap<>();
    for (int i = 0; i < deps.length; i += 2) {
      d.put(deps[i], deps[i + 1]);
    }
    published.computeIfAbsent(name, k -> new HashMap<>()).put(version, d);
  }

  private final Catalog catalog = new Catalog() {
    @Override
    public List<Version> versions(SkillName name) {
      List<Version> out = new ArrayList<>();
      published.getOrDefault(name.toString(), Map.of()).keySet().forEach(v -> out.add(Version.parse(v)));
      return out;
    }

    @Override
    public Map<String, String> dependencies(SkillName name, Version version) {
      return published.get(name.toString()).get(version.toString());
    }
  };

  private Map<String, String> resolve(Map<String, String> roots, Map<SkillName, Version> preferred) {
    Map<String, String> out = new java.util.TreeMap<>();
    new Resolver(catalog).resolve(roots, preferred).skills().forEach((k, v) -> out.put(k.toString(), v.version().toString()));
    return out;
  }

  @Test
  void picksTheHighestVersionInRangeForEverySkill() {
    pub("@a/x", "1.0.0");
    pub("@a/x", "1.5.0");
    pub("@a/x", "2.0.0");
    pub("@a/y", "1.0.0", "@a/x", "^1.0.0");
    assertThat(resolve(Map.of("@a/y", "*"), Map.of())).containsEntry("@a/x", "1.5.0").containsEntry("@a/y", "1.0.0");
  }

  @Test
  void prereleasesAreOnlyChosenWhenAsked() {
    pub("@a/x", "1.0.0");
    pub("@a/x", "1.1.0-beta.1");
    assertThat(resolve(Map.of("@a/x", "^1.0.0"), Map.of())).containsEntry("@a/x", "1.0.0");
    assertThat(resolve(Map.of("@a/x", "^1.1.0-beta.0"), Map.of())).containsEntry("@a/x", "1.1.0-beta.1");
  }

  @Test
  void backtracksToAVersionThatSatisfiesEveryRange() {
    pub("@a/base", "1.0.0");
    pub("@a/base", "1.4.0");
    pub("@a/base", "1.9.0");
    pub("@a/first", "1.0.0", "@a/base", "^1.0.0");
    pub("@a/second", "1.0.0", "@a/base", "~1.4.0");
    assertThat(resolve(Map.of("@a/first", "1.0.0", "@a/second", "1.0.0"), Map.of())).containsEntry("@a/base", "1.4.0");
  }

  @Test
  void keepsALockedVersionThatStillFits() {
    pub("@a/x", "1.0.0");
    pub("@a/x", "1.2.0");
    assertThat(resolve(Map.of("@a/x", "^1.0.0"), Map.of(SkillName.parse("@a/x"), Version.parse("1.0.0"))))
        .containsEntry("@a/x", "1.0.0");
  }

  @Test
  void sharedDependencyAtDepthThreeResolvesOnce() {
    pub("@a/d", "1.0.0");
    pub("@a/c", "1.0.0", "@a/d", "1.x");
    pub("@a/b", "1.0.0", "@a/c", "^1.0.0", "@a/d", "^1.0.0");
    pub("@a/a", "1.0.0", "@a/b", "^1.0.0", "@a/c", "~1.0.0");
    assertThat(resolve(Map.of("@a/a", "^1.0.0"), Map.of())).hasSize(4).containsEntry("@a/d", "1.0.0");
  }

  @Test
  void dependencyCyclesTerminate() {
    pub("@a/p", "1.0.0", "@a/q", "^1.0.0");
    pub("@a/q", "1.0.0", "@a/p", "^1.0.0");
    assertThat(resolve(Map.of("@a/p", "*"), Map.of())).containsOnlyKeys("@a/p", "@a/q");
  }

  @Test
  void conflictReportsEachRangeWithItsPath() {
    pub("@a/base", "1.0.0");
    pub("@a/base", "2.0.0");
    pub("@a/l", "1.0.0", "@a/base", "^1.0.0");
    pub("@a/r", "1.0.0", "@a/base", "^2.0.0");
    assertThatThrownBy(() -> resolve(Map.of("@a/l", "*", "@a/r", "*"), Map.of()))
        .hasMessageContaining("TANK-E-CONFLICT")
        .hasMessageContaining("'^1.0.0' required by project > @a/l@1.0.0")
        .hasMessageContaining("'^2.0.0' required by project > @a/r@1.0.0")
        .hasMessageContaining("published: [1.0.0, 2.0.0]");
  }

  @Test
  void noMatchingVersionListsWhatIsPublished() {
    pub("@a/x", "1.0.0");
    assertThatThrownBy(() -> resolve(Map.of("@a/x", "^3.0.0"), Map.of()))
        .hasMessageContaining("TANK-E-NOT-FOUND").hasMessageContaining("'^3.0.0'").hasMessageContaining("1.0.0");
  }

  @Test
  void invalidRangeInSkillsJsonNamesTheField() {
    pub("@a/x", "1.0.0");
    assertThatThrownBy(() -> resolve(Map.of("@a/x", "latest"), Map.of()))
        .hasMessageContaining("TANK-E-RANGE").hasMessageContaining("$.skills['@a/x']");
  }
}
