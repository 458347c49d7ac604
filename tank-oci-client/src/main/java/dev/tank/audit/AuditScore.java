package dev.tank.audit;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * A skill version's audit score out of 10 and why. Every point is shown with its evidence; a
 * point Tank cannot know (no advisory list, not published yet, no coverage report) scores 0 and
 * says why, so the total is never flattered by guesses.
 *
 * <table>
 *   <caption>The points</caption>
 *   <tr><td>signed</td><td>1</td><td>a signature binding this manifest digest is attached</td></tr>
 *   <tr><td>verified_publisher</td><td>1</td><td>a signature verifies under the project's trust policy</td></tr>
 *   <tr><td>static_analysis</td><td>1</td><td>the analyzer's verdict is pass or pass_with_notes</td></tr>
 *   <tr><td>no_install_scripts</td><td>1</td><td>no installer-like files and no download-and-execute findings</td></tr>
 *   <tr><td>reproducible</td><td>1</td><td>re-packing the content gives the published manifest digest</td></tr>
 *   <tr><td>sbom_complete</td><td>1</td><td>an attached CycloneDX SBOM lists every file (with its hash) and dependency</td></tr>
 *   <tr><td>test_coverage</td><td>1</td><td>the skill ships tests and a coverage report above 80%</td></tr>
 *   <tr><td>community_reviews</td><td>2</td><td>1 for at least one review averaging 3+, 2 for three or more averaging 4+</td></tr>
 *   <tr><td>no_known_vulnerabilities</td><td>1</td><td>neither it nor its dependencies are in the advisory list</td></tr>
 * </table>
 */
@JsonPropertyOrder({"score", "max", "points"})
public record AuditScore(double score, double max, List<Point> points) {

  public static final double MAX = 10;

  /** One criterion: what it is worth, what it scored, and the evidence. */
  @JsonPropertyOrder({"id", "max", "awarded", "evidence"})
  public record Point(String id, double max, double awarded, String evidence) {}

  public AuditScore {
    points = List.copyOf(points);
  }

  /** Builds the score from its points. */
  public static AuditScore of(List<Point> points) {
    double total = 0;
    double max = 0;
    for (Point p : points) {
      total += p.awarded();
      max += p.max();
    }
    return new AuditScore(total, max, points);
  }

  /** Accumulates points in the documented order. */
  public static final class Builder {
    private final List<Point> points = new ArrayList<>();

    public Builder award(String id, double max, double awarded, String evidence) {
      points.add(new Point(id, max, Math.max(0, Math.min(max, awarded)), evidence));
      return this;
    }

    public Builder pass(String id, boolean ok, String evidence) {
      return award(id, 1, ok ? 1 : 0, evidence);
    }

    public AuditScore build() {
      return of(points);
    }
  }
}
