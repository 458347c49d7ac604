package dev.tank.install;

import dev.tank.analyze.AnalysisReport;
import dev.tank.analyze.Analyzer;
import dev.tank.audit.Advisories;
import dev.tank.audit.AuditFacts;
import dev.tank.audit.AuditScore;
import dev.tank.audit.AuditScorer;
import dev.tank.audit.Review;
import dev.tank.mediatypes.Digest;
import dev.tank.mediatypes.ErrorCode;
import dev.tank.mediatypes.MediaTypes;
import dev.tank.mediatypes.TankException;
import dev.tank.oci.Descriptor;
import dev.tank.oci.Referrers;
import dev.tank.oci.Transport;
import dev.tank.pack.Packer;
import dev.tank.pack.SkillFolder;
import dev.tank.sbom.SkillSbom;
import dev.tank.sign.Evidence;
import dev.tank.sign.SignatureStore;
import dev.tank.sign.TrustPolicy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Gathers the facts of the audit score for a published skill version from its registry and its
 * extracted content, and scores it. Each fact is re-derived here, never taken from the publisher:
 * signatures are re-read, the content is re-packed, the SBOM is compared with the config.
 */
public final class SkillAuditor {
  /** The analyzer's outcome, as the score needs it. */
  public record Analysis(String verdict, int findings, boolean downloadAndExecute) {}

  /** The score's view of an analyzer report. */
  public static Analysis analysis(AnalysisReport report) {
    boolean downloadExec = report.findings().stream().anyMatch(f -> "download-execute".equals(f.category()));
    return new Analysis(report.verdict().id(), report.findings().size(), downloadExec);
  }

  private final RegistryCatalog catalog;

  public SkillAuditor(RegistryCatalog catalog) {
    this.catalog = catalog;
  }

  /** A scored skill: what was audited, the analyzer's report and the score. */
  public record Result(String skill, String version, String digest, AnalysisReport analysis, AuditScore score) {}

  /**
   * Audits a published version: fetches and verifies its content, extracts it into a temporary
   * folder (removed afterwards), analyzes it and scores it against the project's trust policy and
   * advisory list.
   */
  public Result auditPublished(SkillArtifact a, TrustPolicy trust, Optional<Advisories> advisories) {
    Path tmp;
    try {
      tmp = Files.createTempDirectory("tank-audit-");
    } catch (IOException e) {
      throw new TankException(ErrorCode.IO, "cannot create a temporary folder: " + e.getMessage(), null, null, e);
    }
    try {
      Path dir = tmp.resolve(a.name().name());
      Files.createDirectories(dir);
      byte[] layer = catalog.blob(a.name(), a.layer());
      String key = a.name() + "@" + a.version();
      ContentCheck.matchesConfig(SafeExtractor.extract(new java.io.ByteArrayInputStream(layer), dir, ExtractLimits.DEFAULTS),
          a.config(), key);
      Transport t = catalog.transportFor(a.name());
      List<String> known = t.listRepositories().stream().map(r -> t.ref().skillOf(r)).flatMap(Optional::stream).toList();
      Map<String, byte[]> files = readFiles(dir);
      AnalysisReport report = analyze(a, files, known);
      String verifiedBy = null;
      if (!trust.isEmpty()) {
        List<Evidence> evidence = catalog.signatures(a.name(), a.manifestDigest()).evidence();
        verifiedBy = trust.check(a.name(), a.manifestDigest(), a.manifestBytes(), evidence, new ArrayList<>())
            .map(TrustPolicy.Verified::label).orElse(null);
      }
      // Dependencies are ranges here, not resolved versions: only the skill itself is checked against advisories.
      AuditScore score = score(a, dir, files, analysis(report), verifiedBy, advisories, Map.of());
      return new Result(key, a.version(), a.manifestDigest().toString(), report, score);
    } catch (IOException e) {
      throw new TankException(ErrorCode.IO, "cannot extract for the audit: " + e.getMessage(), tmp.toString(), null, e);
    } finally {
      Transaction.deleteTree(tmp);
    }
  }

  /**
   * Audits a skill folder that is not published (or not yet): analysis, installers, coverage; the
   * points that need a publication (signatures, reproducibility, SBOM, reviews) score 0 and say so.
   */
  public static Result auditFolder(Path dir, Optional<Advisories> advisories) {
    SkillFolder folder = SkillFolder.load(dir);
    Map<String, byte[]> files = folder.readAll();
    AnalysisReport report = Analyzer.standard().analyze(
        folder.skillName().toString(), files, folder.skillsJson().permissionsOrNone(), List.of());
    return auditFolder(folder, files, report, advisories);
  }

  /**
   * Like {@link #auditFolder(Path, Optional)} with the folder's files (those packing takes) already
   * read and analysed.
   */
  public static Result auditFolder(SkillFolder folder, Map<String, byte[]> files, AnalysisReport report,
      Optional<Advisories> advisories) {
    List<Advisories.Advisory> hits = advisories.map(x -> x.affecting(folder.skillName().toString(), folder.version())).orElse(null);
    Analysis an = analysis(report);
    AuditScore score = AuditScorer.score(files, new AuditFacts(null, null, an.verdict(), an.findings(),
        an.downloadAndExecute(), null, null, List.of(), hits));
    return new Result(folder.skillName() + "@" + folder.version(), folder.version(), null, report, score);
  }

  /** Analyses the published content of {@code a} ({@code files}) against its declared permissions. */
  public static AnalysisReport analyze(SkillArtifact a, Map<String, byte[]> files, java.util.Collection<String> knownNames) {
    return Analyzer.standard().analyze(a.name().toString(), files, a.config().permissionsOrNone(), knownNames);
  }

  /** Every regular file under {@code dir} (an extracted artifact), by relative path with {@code /}. */
  public static Map<String, byte[]> readFiles(Path dir) {
    Map<String, byte[]> out = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.toList()) {
        if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
          out.put(dir.relativize(p).toString().replace('\\', '/'), Files.readAllBytes(p));
        }
      }
    } catch (IOException e) {
      throw new TankException(ErrorCode.IO, "cannot read skill files: " + e.getMessage(), dir.toString(), null, e);
    }
    return out;
  }

  /**
   * Scores {@code a}, whose content is extracted in {@code extracted} (a folder named like the
   * skill) and read into {@code files}. {@code verifiedBy} is what the trust policy accepted (or null); {@code dependencies}
   * maps each resolved dependency to its version, for the advisory check.
   */
  public AuditScore score(SkillArtifact a, Path extracted, Map<String, byte[]> files, Analysis analysis, String verifiedBy,
      Optional<Advisories> advisories, Map<String, String> dependencies) {
    Transport t = catalog.transportFor(a.name());
    String repo = t.ref().repository(a.name().repositoryPath());
    Digest digest = a.manifestDigest();

    SignatureStore.Found found = new SignatureStore(t).fetch(repo, digest);
    int binding = 0;
    for (Evidence e : found.evidence()) {
      if (e.binds(a.name(), digest)) {
        binding++;
      }
    }

    Boolean reproducible;
    try {
      reproducible = Packer.pack(SkillFolder.load(extracted), a.version()).manifestDigest().equals(digest);
    } catch (TankException e) {
      reproducible = false;
    }

    Referrers referrers = new Referrers(t);
    List<String> sbomMissing = null;
    List<Integer> ratings = new ArrayList<>();
    for (Descriptor d : referrers.list(repo, digest, null)) {
      try {
        if (SkillSbom.MEDIA_TYPE.equals(d.artifactType()) && (sbomMissing == null || !sbomMissing.isEmpty())) {
          byte[] sbom = referrers.fetchLayer(repo, digest, d, SkillSbom.MEDIA_TYPE, 4L << 20).content();
          sbomMissing = SkillSbom.missing(sbom, a.config());
        } else if (MediaTypes.REVIEW.equals(d.artifactType()) && ratings.size() < 100) {
          byte[] r = referrers.fetchLayer(repo, digest, d, MediaTypes.REVIEW, Review.MAX_BYTES).content();
          Review.parse(r, digest.toString()).ifPresent(x -> ratings.add(x.rating()));
        }
      } catch (TankException e) {
        if (e.code() == ErrorCode.TOO_LARGE || e.code() == ErrorCode.UNREACHABLE) {
          throw e;
        }
        // a broken referrer earns nothing
      }
    }

    List<Advisories.Advisory> hits = null;
    if (advisories.isPresent()) {
      hits = new ArrayList<>(advisories.get().affecting(a.name().toString(), a.version()));
      for (Map.Entry<String, String> dep : dependencies.entrySet()) {
        hits.addAll(advisories.get().affecting(dep.getKey(), dep.getValue()));
      }
    }
    return AuditScorer.score(files, new AuditFacts(binding, verifiedBy, analysis.verdict(), analysis.findings(),
        analysis.downloadAndExecute(), reproducible, sbomMissing, ratings, hits));
  }

}
