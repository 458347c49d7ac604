package dev.tank.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Scores a skill version from its files and the {@link AuditFacts} known about it. */
public final class AuditScorer {
  private static final Pattern INSTALLER = Pattern.compile(
      "(^|/)(install|installer|setup|postinstall|preinstall|bootstrap|prerequisites?)(\\.(sh|bash|zsh|ps1|py|bat|cmd|command|js))?$",
      Pattern.CASE_INSENSITIVE);
  private static final Pattern TEST_FILE = Pattern.compile(
      "(^|/)(tests?|__tests__|spec)/|(^|/)test_[^/]+\\.py$|[^/]+_test\\.(py|go|sh)$|[^/]+\\.(test|spec)\\.(js|ts|mjs)$");
  private static final Pattern LINE_RATE = Pattern.compile("<coverage\\b[^>]*\\bline-rate=\"([0-9.]+)\"");
  static final double COVERAGE_THRESHOLD = 80.0;

  private AuditScorer() {}

  public static AuditScore score(Map<String, byte[]> files, AuditFacts f) {
    AuditScore.Builder b = new AuditScore.Builder();
    if (f.bindingSignatures() == null) {
      b.pass("signed", false, "not published yet: sign with 'tank publish --sign-key' or 'tank sign'");
    } else {
      b.pass("signed", f.bindingSignatures() > 0, f.bindingSignatures() > 0
          ? f.bindingSignatures() + " attached signature(s) name this manifest digest"
          : "no signature names this manifest digest");
    }
    b.pass("verified_publisher", f.verifiedBy() != null, f.verifiedBy() != null
        ? "verified by " + f.verifiedBy()
        : "no signature verifies under this project's trust policy (skills.json trust)");
    boolean clean = "pass".equals(f.analysisVerdict()) || "pass_with_notes".equals(f.analysisVerdict());
    b.pass("static_analysis", clean, "analyzer verdict " + f.analysisVerdict() + " with " + f.analysisFindings() + " finding(s)");

    List<String> installers = new ArrayList<>();
    for (String p : files.keySet()) {
      if (INSTALLER.matcher(p).find()) {
        installers.add(p);
      }
    }
    boolean noInstall = installers.isEmpty() && !f.downloadAndExecute();
    b.pass("no_install_scripts", noInstall, noInstall ? "no installer-like files, no download-and-execute instructions"
        : (installers.isEmpty() ? "" : "installer-like files: " + String.join(", ", installers) + "; ")
            + (f.downloadAndExecute() ? "the analyzer found download-and-execute instructions" : ""));

    if (f.reproducible() == null) {
      b.pass("reproducible", false, "unknowable here: nothing published to compare with");
    } else {
      b.pass("reproducible", f.reproducible(), f.reproducible()
          ? "re-packing the content gives the published manifest digest"
          : "re-packing the content gives a different digest than the published one");
    }

    if (f.sbomMissing() == null) {
      b.pass("sbom_complete", false, "no CycloneDX SBOM is attached");
    } else {
      b.pass("sbom_complete", f.sbomMissing().isEmpty(), f.sbomMissing().isEmpty()
          ? "the attached SBOM lists every file with its SHA-256 and every dependency"
          : "the SBOM misses: " + String.join("; ", f.sbomMissing()));
    }

    coverage(files, b);

    if (f.reviews().isEmpty()) {
      b.award("community_reviews", 2, 0, "no reviews attached");
    } else {
      double avg = f.reviews().stream().mapToInt(Integer::intValue).average().orElse(0);
      int pts = f.reviews().size() >= 3 && avg >= 4 ? 2 : avg >= 3 ? 1 : 0;
      b.award("community_reviews", 2, pts, f.reviews().size() + " review(s), average rating "
          + String.format(java.util.Locale.ROOT, "%.1f", avg));
    }

    if (f.advisories() == null) {
      b.pass("no_known_vulnerabilities", false, "unknowable: the project has no advisory list ("
          + Advisories.FILE_NAME + " or TANK_ADVISORIES)");
    } else {
      List<String> ids = f.advisories().stream().map(a -> a.id() + " (" + a.skill() + " " + a.versions() + ")").toList();
      b.pass("no_known_vulnerabilities", ids.isEmpty(), ids.isEmpty()
          ? "no advisory affects this version or its dependencies" : "affected by " + String.join(", ", ids));
    }
    return b.build();
  }

  private static void coverage(Map<String, byte[]> files, AuditScore.Builder b) {
    boolean tests = files.keySet().stream().anyMatch(p -> TEST_FILE.matcher(p).find());
    Double pct = null;
    String report = null;
    for (Map.Entry<String, byte[]> e : files.entrySet()) {
      String p = e.getKey();
      if (p.endsWith("coverage-summary.json")) {
        try {
          JsonNode n = new ObjectMapper().readTree(e.getValue());
          JsonNode lines = n.path("total").path("lines").path("pct");
          if (lines.isNumber()) {
            pct = lines.asDouble();
            report = p;
          }
        } catch (IOException ignored) {
          // not a coverage summary
        }
      } else if (p.endsWith("coverage.xml")) {
        Matcher m = LINE_RATE.matcher(new String(e.getValue(), StandardCharsets.UTF_8));
        if (m.find()) {
          pct = Double.parseDouble(m.group(1)) * 100;
          report = p;
        }
      }
    }
    if (!tests || pct == null) {
      b.pass("test_coverage", false, !tests ? "the skill ships no tests" : "tests but no coverage report "
          + "(coverage/coverage-summary.json or coverage.xml)");
      return;
    }
    String shown = String.format(java.util.Locale.ROOT, "%.1f%%", pct);
    b.pass("test_coverage", pct > COVERAGE_THRESHOLD, "line coverage " + shown + " in " + report
        + (pct > COVERAGE_THRESHOLD ? "" : " (needs more than 80%)"));
  }
}
