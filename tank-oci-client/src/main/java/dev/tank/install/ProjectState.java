package dev.tank.install;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.tank.mediatypes.Json;
import dev.tank.mediatypes.TankException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * What Tank put into the project ({@code .tank/state.json}): installed skill folders and the agent
 * links or copies it made, so it only ever removes or replaces what it owns.
 *
 * @param skills folder name under {@code .agents/skills} → {@code @org/name@version}
 * @param links agent path (relative to the project) → {@code link} or {@code copy}
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
record ProjectState(Map<String, String> skills, Map<String, String> links) {
  static final String FILE = ".tank/state.json";

  ProjectState {
    skills = skills == null ? Map.of() : new java.util.TreeMap<>(skills);
    links = links == null ? Map.of() : new java.util.TreeMap<>(links);
  }

  static ProjectState read(Path project) {
    Path f = project.resolve(FILE);
    if (!Files.exists(f)) {
      return new ProjectState(Map.of(), Map.of());
    }
    try {
      return Json.read(f, ProjectState.class);
    } catch (TankException e) {
      // State is Tank's own bookkeeping; a damaged file must not block recovery by reinstalling.
      return new ProjectState(Map.of(), Map.of());
    }
  }
}
