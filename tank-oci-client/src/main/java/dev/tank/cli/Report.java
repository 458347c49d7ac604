package dev.tank.cli;

import dev.tank.install.Installer;
import java.util.LinkedHashMap;
import java.util.Map;

/** Renders install results. */
final class Report {
  private Report() {}

  static void install(Common c, Installer.Result r) {
    if (c.json) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("installed", r.installed());
      m.put("removed", r.removed());
      m.put("lockWritten", r.lockWritten());
      Output.json(c.out(), m);
      return;
    }
    for (Installer.InstalledSkill s : r.installed()) {
      c.out().println("+ " + s.name() + "@" + s.version() + "  " + s.digest().substring(0, 19) + "  " + s.directory()
          + (s.fromCache() ? "  (cache)" : ""));
    }
    for (String s : r.removed()) {
      c.out().println("- " + s);
    }
    c.out().println(r.installed().size() + " skill(s) installed" + (r.removed().isEmpty() ? "" : ", " + r.removed().size() + " removed")
        + (r.lockWritten() ? "; skills.lock written" : "; skills.lock unchanged"));
  }
}
