package dev.tank.publish;

import dev.tank.analyze.AnalysisReport;
import dev.tank.analyze.Analyzer;
import dev.tank.analyze.Severity;
import dev.tank.analyze.Verdict;
import dev.tank.audit.AuditFacts;
import dev.tank.audit.AuditScore;
import dev.tank.audit.AuditScorer;
import dev.tank.events.TankEvent;
import dev.tank.events.TankListener;
import dev.tank.mediatypes.Digest;
import dev.tank.mediatypes.ErrorCode;
import dev.tank.mediatypes.Json;
import dev.tank.mediatypes.MediaTypes;
import dev.tank.mediatypes.SkillConfig;
import dev.tank.mediatypes.TankException;
import dev.tank.oci.Descriptor;
import dev.tank.oci.OciManifest;
import dev.tank.oci.Referrers;
import dev.tank.oci.Transport;
import dev.tank.pack.PackedSkill;
import dev.tank.pack.Packer;
import dev.tank.pack.SkillFolder;
import dev.tank.permissions.PermissionModel;
import dev.tank.resolve.Version;
import dev.tank.resolve.VersionRange;
import dev.tank.sbom.SkillSbom;
import dev.tank.semver.BumpCheck;
import dev.tank.sign.CosignKeys;
import dev.tank.sign.SignatureStore;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Publishes a skill folder to a registry as a Tank artifact. Versions are immutable. */
public final class Publisher {
  private Publisher() {}

  /** Skills already in the registry, for the typosquatting rule; empty where the registry has no catalog. */
  private static List<String> knownNames(Transport transport) {
    try {
      return transport.listRepositories().stream().map(r -> transport.ref().skillOf(r)).flatMap(Optional::stream).toList();
    } catch (TankException e) {
      return List.of(); // best effort: a registry without a readable catalog just cannot be compared with
    }
  }

  /**
   * The audit report attached at publish: the analyzer's findings and the score as far as the
   * publisher can know it (no trust policy, reviews or advisory list yet). Installers recompute
   * the score themselves; this report is for people and registries browsing the skill.
   */
  private static byte[] auditReport(PackedSkill packed, Map<String, byte[]> files, AnalysisReport analysis, byte[] sbom,
      boolean signed, boolean reproducible) {
    AuditScore score = AuditScorer.score(files, new AuditFacts(signed ? 1 : 0, null, analysis.verdict().id(),
        analysis.findings().size(), analysis.findings().stream().anyMatch(f -> "download-execute".equals(f.category())),
        reproducible, SkillSbom.missing(sbom, packed.config()), List.of(), null));
    Map<String, Object> report = new java.util.LinkedHashMap<>();
    report.put("subject", packed.manifestDigest().toString());
    report.put("skill", packed.name() + "@" + packed.config().version());
    report.put("analysis", analysis);
    report.put("score", score);
    return Json.writePretty(report);
  }

  /**
   * Enforced semver at publish: the new version's permission and interface changes against the
   * highest version already published below it must fit its bump.
   */
  private static void checkBump(Transport transport, String repo, Version version, SkillConfig config, Path dir) {
    Optional<Version> previous = transport.listTags(repo).stream()
        .map(Version::fromTag).flatMap(Optional::stream)
        .filter(v -> v.compareTo(version) < 0).max(Version::compareTo);
    if (previous.isEmpty()) {
      return;
    }
    SkillConfig prev = publishedConfig(transport, repo, previous.get());
    try {
      BumpCheck.check(previous.get(), prev, version, config).requireSufficient();
    } catch (TankException e) {
      throw e.at(dir.resolve("skills.json") + " (compared with " + config.name() + "@" + previous.get() + " in " + transport.ref() + ")");
    }
  }

  private static SkillConfig publishedConfig(Transport transport, String repo, Version version) {
    String where = transport.ref() + " " + repo + ":" + version.toTag();
    Transport.Fetched f = transport.fetchManifest(repo, version.toTag()).orElseThrow(() -> new TankException(
        ErrorCode.NOT_FOUND, "published version vanished while publishing", where, "retry"));
    Descriptor cd = OciManifest.parse(f.bytes(), where).config();
    if (cd.size() > Json.MAX_DOCUMENT_BYTES) {
      throw new TankException(ErrorCode.TOO_LARGE, "config blob is " + cd.size() + " bytes", where,
          "a skill config is at most " + Json.MAX_DOCUMENT_BYTES + " bytes; the version already in the registry is not a valid Tank skill, so it cannot be compared with");
    }
    byte[] bytes = cd.embedded(where).orElseGet(() -> {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      transport.fetchBlob(repo, cd.parsedDigest(), cd.size(), out);
      return out.toByteArray();
    });
    return Json.parse(bytes, SkillConfig.class, where + " config");
  }

  /** What was (or, in a dry run, would be) published. */
  public record Result(
      String name, String version, String registry, String repository, String tag, String digest,
      long contentBytes, int files, boolean dryRun, String signedBy) {}

  /** Validates and packs {@code dir}; with {@code dryRun} stops before pushing anything. */
  public static Result publish(Path dir, Transport transport, boolean dryRun, TankListener listener) {
    return publish(dir, transport, dryRun, listener, null);
  }

  /**
   * Like {@link #publish(Path, Transport, boolean, TankListener)}, and signs the manifest with
   * {@code signKey} when it is not null. The version tag is pushed last, after the signatures, so
   * a signed version never appears unsigned, and a failed signing leaves no version behind.
   */
  public static Result publish(Path dir, Transport transport, boolean dryRun, TankListener listener, PrivateKey signKey) {
    SkillFolder folder = SkillFolder.load(dir);
    Version version = Version.parse(folder.version());
    for (Map.Entry<String, String> d : folder.skillsJson().skills().entrySet()) {
      try {
        VersionRange.parse(d.getValue());
      } catch (TankException e) {
        throw e.at(dir.resolve("skills.json") + " at $.skills['" + d.getKey() + "']");
      }
    }
    try {
      PermissionModel.forSkill(folder.skillsJson().permissionsOrNone());
    } catch (TankException e) {
      throw e.at(dir.resolve("skills.json").toString());
    }
    PackedSkill packed = Packer.pack(folder, version.toString());
    String repo = transport.ref().repository(packed.name().repositoryPath());
    String tag = version.toTag();
    if (transport.fetchManifest(repo, tag).isPresent()) {
      throw new TankException(ErrorCode.VERSION_EXISTS,
          packed.name() + "@" + version + " is already published; versions are immutable",
          transport.ref() + " " + repo + ":" + tag,
          "bump \"version\" in " + dir.resolve("skills.json") + " and publish again");
    }
    checkBump(transport, repo, version, packed.config(), dir);
    Map<String, byte[]> files = folder.readAll();
    AnalysisReport analysis = Analyzer.standard().analyze(
        packed.name().toString(), files, folder.skillsJson().permissionsOrNone(), knownNames(transport));
    if (analysis.verdict() == Verdict.FAIL) {
      StringBuilder why = new StringBuilder();
      analysis.findings().stream().filter(f -> f.severity() == Severity.CRITICAL).limit(10).forEach(f ->
          why.append("\n    ").append(f.file()).append(':').append(f.line()).append(' ').append(f.ruleId()).append(": ")
              .append(f.message()));
      throw new TankException(ErrorCode.AUDIT, packed.name() + "@" + version + " fails static analysis:" + why,
          dir.toString(), "'tank audit " + dir + "' lists every finding with its evidence; remove what it flags and publish again");
    }
    String signedBy = signKey == null ? null : CosignKeys.fingerprint(CosignKeys.publicKeyOf(signKey));
    Result result = new Result(packed.name().toString(), version.toString(), transport.ref().toString(), repo, tag,
        packed.manifestDigest().toString(), packed.layerBytes().length, packed.config().files().size(), dryRun, signedBy);
    if (dryRun) {
      return result;
    }
    transport.pushBlob(repo, packed.configDigest(), packed.configBytes());
    listener.on(new TankEvent.Pushed("config", packed.configDigest().toString()));
    transport.pushBlob(repo, packed.layerDigest(), packed.layerBytes());
    listener.on(new TankEvent.Pushed("content", packed.layerDigest().toString()));
    // By digest first: SBOM and signatures attach to it before the version tag makes it visible.
    transport.pushManifest(repo, packed.manifestDigest().toString(), MediaTypes.OCI_MANIFEST, packed.manifestBytes());
    Descriptor subject = Descriptor.of(MediaTypes.OCI_MANIFEST, packed.manifestDigest(), packed.manifestBytes().length);
    Referrers referrers = new Referrers(transport);
    byte[] sbom = SkillSbom.generate(packed.config(), packed.manifestDigest());
    referrers.attach(repo, subject, new Referrers.Artifact(SkillSbom.MEDIA_TYPE, SkillSbom.MEDIA_TYPE, sbom,
        Map.of(MediaTypes.ANNOTATION_TITLE, "sbom.cdx.json"), Map.of()));
    listener.on(new TankEvent.Pushed("sbom", repo + "@" + Digest.sha256(sbom)));
    boolean reproducible = Packer.pack(SkillFolder.load(dir), version.toString()).manifestDigest().equals(packed.manifestDigest());
    byte[] report = auditReport(packed, files, analysis, sbom, signKey != null, reproducible);
    referrers.attach(repo, subject, new Referrers.Artifact(MediaTypes.AUDIT_REPORT, MediaTypes.AUDIT_REPORT, report,
        Map.of(MediaTypes.ANNOTATION_TITLE, "audit.json"), Map.of()));
    listener.on(new TankEvent.Pushed("audit report", repo + "@" + Digest.sha256(report)));
    if (signKey != null) {
      SignatureStore.Signed s = new SignatureStore(transport)
          .sign(repo, transport.ref().dockerReference(repo), subject, packed.manifestBytes(), signKey);
      listener.on(new TankEvent.Pushed("signature", repo + ":" + s.signatureTag()));
    }
    transport.pushManifest(repo, tag, MediaTypes.OCI_MANIFEST, packed.manifestBytes());
    listener.on(new TankEvent.Pushed("manifest", repo + ":" + tag + "@" + packed.manifestDigest()));
    return result;
  }
}
