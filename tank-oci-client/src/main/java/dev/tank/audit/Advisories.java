package dev.tank.audit;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.tank.mediatypes.ErrorCode;
import dev.tank.mediatypes.Json;
import dev.tank.mediatypes.TankException;
import dev.tank.resolve.Version;
import dev.tank.resolve.VersionRange;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The project's list of known-bad skill versions: {@code skills-advisories.json} at the project
 * root (or the file {@code TANK_ADVISORIES} names). The project updates it by replacing the file,
 * e.g. from a security team's feed; Tank never fetches it by itself.
 *
 * <pre>
 * {"advisories": [{"id": "TANK-2026-0001", "skill": "@evil/helper", "versions": "&lt;=1.2.0",
 *                  "severity": "critical", "summary": "exfiltrates ~/.aws via a prerequisite script"}]}
 * </pre>
 */
public record Advisories(List<Advisory> advisories, String source) {
  public static final String FILE_NAME = "skills-advisories.json";

  /** One advisory: a skill and the versions (an npm range) it affects. */
  public record Advisory(String id, String skill, String versions, String severity, String summary) {
    public Advisory {
      if (id == null || skill == null || versions == null) {
        throw new TankException(ErrorCode.SCHEMA, "an advisory needs id, skill and versions", FILE_NAME,
            "see the format in docs/audit.md");
      }
      VersionRange.parse(versions);
    }
  }

  private record FileForm(@JsonProperty("advisories") List<Advisory> advisories) {}

  public Advisories {
    advisories = advisories == null ? List.of() : List.copyOf(advisories);
  }

  /** The project's list, or empty when it has none (then vulnerabilities are unknowable). */
  public static Optional<Advisories> load(Path project, Map<String, String> env) {
    String override = env.get("TANK_ADVISORIES");
    Path f = override != null && !override.isBlank() ? Path.of(override) : project.resolve(FILE_NAME);
    if (!Files.exists(f)) {
      return Optional.empty();
    }
    try {
      FileForm form = Json.read(f, FileForm.class);
      return Optional.of(new Advisories(form.advisories(), f.toString()));
    } catch (TankException e) {
      throw e.at(f.toString());
    }
  }

  /** Advisories affecting {@code skill@version}. */
  public List<Advisory> affecting(String skill, String version) {
    List<Advisory> out = new ArrayList<>();
    Version v = Version.parse(version);
    for (Advisory a : advisories) {
      if (a.skill().equals(skill) && VersionRange.parse(a.versions()).satisfies(v)) {
        out.add(a);
      }
    }
    return out;
  }
}
