package dev.tank.install;

import dev.tank.audit.Advisories;
import dev.tank.audit.AuditFacts;
import dev.tank.audit.AuditScore;
import dev.tank.audit.AuditScorer;
import dev.tank.audit.Review;
import dev.tank.mediatypes.Digest;
import dev.tank.mediatypes.ErrorCode;
import dev.tank.mediatypes.MediaTypes;
import dev.tank.mediatypes.SkillName;
import dev.tank.mediatypes.TankException;
import dev.tank.oci.Descriptor;
import dev.tank.oci.Referrers;
import dev.tank.oci.Transport;
import dev.tank.pack.Packer;
import dev.tank.pack.SkillFolder;
import dev.tank.sbom.SkillSbom;
import dev.tank.sign.Evidence;
import dev.tank.sign.KeyBundle;
import dev.tank.sign.SignatureStore;
import dev.tank.sign.SimpleSigning;
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

  private final RegistryCatalog catalog;

  public SkillAuditor(RegistryCatalog catalog) {
    this.catalog = catalog;
  }

  /** Every regular file under {@code dir}, by relative path with {@code /}. */
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
   * skill). {@code verifiedBy} is what the trust policy accepted (or null); {@code dependencies}
   * maps each resolved dependency to its version, for the advisory check.
   */
  public AuditScore score(SkillArtifact a, Path extracted, Analysis analysis, String verifiedBy,
      Optional<Advisories> advisories, Map<String, String> dependencies) {
    Map<String, byte[]> files = readFiles(extracted);
    Transport t = catalog.transportFor(a.name());
    String repo = t.ref().repository(a.name().repositoryPath());
    Digest digest = a.manifestDigest();

    SignatureStore.Found found = new SignatureStore(t).fetch(repo, digest);
    int binding = 0;
    for (Evidence e : found.evidence()) {
      if (binds(e, a.name(), digest)) {
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

  /** Whether a signature names this manifest (and, for simple signatures, this skill). */
  static boolean binds(Evidence e, SkillName name, Digest digest) {
    try {
      if (e.kind() == Evidence.Kind.SIMPLE_SIGNING) {
        SimpleSigning.Payload p = SimpleSigning.parse(e.payload(), e.source());
        return p.manifestDigest().equals(digest) && SimpleSigning.namesRepository(p.dockerReference(), name.repositoryPath());
      }
      return KeyBundle.parse(e.bundle(), e.source()).messageDigest().equals(digest);
    } catch (TankException x) {
      return false;
    }
  }
}
