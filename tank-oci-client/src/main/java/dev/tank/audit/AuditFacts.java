package dev.tank.audit;

import java.util.List;

/**
 * What is known about a skill version when it is scored. Null means unknowable in this context
 * (e.g. {@code reproducible} before anything is published), which scores 0 with the reason.
 *
 * @param bindingSignatures how many attached signatures name this manifest digest (null: not published)
 * @param verifiedBy the signer the project's trust policy accepted, or null
 * @param analysisVerdict the analyzer's verdict (pass, pass_with_notes, flagged, fail)
 * @param analysisFindings how many findings the analyzer reported
 * @param downloadAndExecute whether the analyzer found download-and-execute or installer instructions
 * @param reproducible whether re-packing gave the published digest (null: unknowable)
 * @param sbomMissing what the attached SBOM lacks; empty when complete; null when none is attached
 * @param reviews ratings (1–5) from attached reviews
 * @param advisories advisories affecting the version or its dependencies; null when the project has no list
 */
public record AuditFacts(
    Integer bindingSignatures,
    String verifiedBy,
    String analysisVerdict,
    int analysisFindings,
    boolean downloadAndExecute,
    Boolean reproducible,
    List<String> sbomMissing,
    List<Integer> reviews,
    List<Advisories.Advisory> advisories) {

  public AuditFacts {
    sbomMissing = sbomMissing == null ? null : List.copyOf(sbomMissing);
    reviews = reviews == null ? List.of() : List.copyOf(reviews);
    advisories = advisories == null ? null : List.copyOf(advisories);
  }
}
