package dev.tank.install;

import dev.tank.mediatypes.ErrorCode;
import dev.tank.mediatypes.SkillConfig;
import dev.tank.mediatypes.TankException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Checks extracted files against the per-file hashes the skill's config declares. */
final class ContentCheck {
  private ContentCheck() {}

  static void matchesConfig(List<ExtractedFile> files, SkillConfig config, String where) {
    Map<String, SkillConfig.FileEntry> declared = new HashMap<>();
    config.files().forEach(f -> declared.put(f.path(), f));
    if (files.size() != declared.size()) {
      throw mismatch(where, "archive has " + files.size() + " files, config lists " + declared.size());
    }
    for (ExtractedFile f : files) {
      SkillConfig.FileEntry d = declared.get(f.path());
      if (d == null) {
        throw mismatch(where, "archive holds '" + f.path() + "', which the config does not list");
      }
      if (d.size() != f.size() || !d.sha256().equals(f.sha256Hex())) {
        throw mismatch(where, "'" + f.path() + "' differs from the hash in the config");
      }
      if (f.executable() != "0755".equals(d.mode())) {
        throw mismatch(where, "'" + f.path() + "' has a different mode than the config declares");
      }
    }
  }

  private static TankException mismatch(String where, String what) {
    return new TankException(ErrorCode.INTEGRITY, "skill content does not match its config: " + what, where,
        "the artifact is inconsistent or tampered with; do not install it");
  }
}
