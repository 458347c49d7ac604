package dev.tank.install;

import dev.tank.cache.ContentCache;
import dev.tank.lock.LockKey;
import dev.tank.mediatypes.Digest;
import dev.tank.mediatypes.ErrorCode;
import dev.tank.mediatypes.Json;
import dev.tank.mediatypes.Lockfile;
import dev.tank.mediatypes.MediaTypes;
import dev.tank.mediatypes.SkillConfig;
import dev.tank.mediatypes.SkillsJson;
import dev.tank.mediatypes.TankException;
import dev.tank.oci.OciManifest;
import dev.tank.sign.Evidence;
import dev.tank.sign.TrustPolicy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * {@code tank verify}: re-checks a project against {@code skills.lock} and the content cache
 * without any network: each manifest's digest, the content's integrity, every installed file's
 * hash, size and mode, and each signature against the project's current trust policy.
 */
public final class ProjectVerifier {
  /** The outcome for one skill; {@code problems} is empty when all checks passed. */
  public record SkillReport(
      String name, String version, String digest, String manifest, String content, String files, String signature,
      List<String> problems) {
    public boolean ok() {
      return problems.isEmpty();
    }
  }

  /** The outcome for the project. */
  public record Report(boolean ok, List<SkillReport> skills) {}

  private static final String OK = "ok";
  private static final String FAILED = "FAILED";

  private final Path project;
  private final ContentCache cache;

  public ProjectVerifier(Path project, ContentCache cache) {
    this.project = project.toAbsolutePath().normalize();
    this.cache = cache;
  }

  public Report run() {
    Path lockFile = project.resolve(Lockfile.FILE_NAME);
    if (!Files.exists(lockFile)) {
      throw new TankException(ErrorCode.MISSING_FILE, "no skills.lock to verify against", lockFile.toString(),
          "run 'tank install' first");
    }
    Lockfile lock = Lockfile.read(lockFile);
    Path manifestFile = project.resolve(SkillsJson.FILE_NAME);
    TrustPolicy trust = Files.exists(manifestFile) ? TrustPolicy.load(SkillsJson.read(manifestFile), project) : TrustPolicy.NONE;
    List<SkillReport> out = new ArrayList<>();
    for (Map.Entry<String, Lockfile.Entry> e : lock.skills().entrySet()) {
      out.add(verifyOne(LockKey.parse(e.getKey()), e.getKey(), e.getValue(), trust));
    }
    return new Report(out.stream().allMatch(SkillReport::ok), out);
  }

  private SkillReport verifyOne(LockKey key, String label, Lockfile.Entry entry, TrustPolicy trust) {
    List<String> problems = new ArrayList<>();
    String manifestStatus = FAILED;
    String contentStatus = FAILED;
    String filesStatus = FAILED;
    String signatureStatus = FAILED;
    Digest digest = Digest.parse(entry.digest());
    Optional<byte[]> manifestBytes = cache.get(digest);
    if (manifestBytes.isEmpty()) {
      problems.add("manifest " + digest + " is not in the cache (or its bytes no longer hash to it); run 'tank install'");
      return new SkillReport(key.name().toString(), key.version(), entry.digest(), FAILED, FAILED, FAILED, FAILED, problems);
    }
    SkillConfig config = null;
    try {
      OciManifest m = OciManifest.parse(manifestBytes.get(), label);
      byte[] configBytes = m.config().embedded(label).or(() -> cache.get(m.config().parsedDigest())).orElseThrow(() -> new TankException(
          ErrorCode.MISSING_FILE, "config " + m.config().digest() + " is not in the cache", label, "run 'tank install'"));
      config = Json.parse(configBytes, SkillConfig.class, label + " config");
      if (!config.name().equals(key.name().toString()) || !config.version().equals(key.version())) {
        throw new TankException(ErrorCode.INTEGRITY, "manifest describes " + config.name() + "@" + config.version(), label, null);
      }
      manifestStatus = OK;
      if (m.layers().size() != 1 || !MediaTypes.SKILL_CONTENT.equals(m.layers().get(0).mediaType())) {
        throw new TankException(ErrorCode.REGISTRY, "not a single-layer Tank skill", label, null);
      }
      byte[] layer = cache.get(m.layers().get(0).parsedDigest()).orElseThrow(() -> new TankException(
          ErrorCode.MISSING_FILE, "content " + m.layers().get(0).digest() + " is not in the cache", label, "run 'tank install'"));
      String sri = Digest.sri512(Digest.messageDigest("SHA-512").digest(layer));
      if (!sri.equals(entry.integrity())) {
        throw new TankException(ErrorCode.INTEGRITY, "content does not match the lock's integrity", label, null);
      }
      contentStatus = OK;
    } catch (TankException x) {
      problems.add(x.what());
    }
    if (config != null) {
      try {
        ContentCheck.matchesConfig(installedFiles(key.name().name()), config, label);
        filesStatus = OK;
      } catch (TankException x) {
        problems.add(x.what());
      }
    }
    signatureStatus = checkSignature(key, label, entry, trust, digest, manifestBytes.get(), problems);
    return new SkillReport(key.name().toString(), key.version(), entry.digest(), manifestStatus, contentStatus, filesStatus,
        signatureStatus, problems);
  }

  private String checkSignature(LockKey key, String label, Lockfile.Entry entry, TrustPolicy trust, Digest digest,
      byte[] manifestBytes, List<String> problems) {
    boolean recorded = !Lockfile.NO_SIGNATURE.equals(entry.signature());
    boolean required = trust.requires(key.name()) || recorded;
    if (!required) {
      return "unsigned (not required)";
    }
    List<Evidence> evidence = RegistryCatalog.cachedSignatures(cache, digest);
    List<String> why = new ArrayList<>();
    Optional<TrustPolicy.Verified> v = trust.check(key.name(), digest, manifestBytes, evidence, why);
    if (v.isEmpty()) {
      problems.add(evidence.isEmpty()
          ? "no cached signature verifies it (the lock says: " + entry.signature() + "); run 'tank install' online"
          : "signature does not verify under the current trust policy: " + String.join("; ", why));
      return FAILED;
    }
    if (recorded && !v.get().label().equals(entry.signature())) {
      problems.add("verified by " + v.get().label() + ", but the lock records " + entry.signature());
      return FAILED;
    }
    return v.get().label();
  }

  private List<ExtractedFile> installedFiles(String dir) {
    Path root = project.resolve(".agents").resolve("skills").resolve(dir);
    if (!Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
      throw new TankException(ErrorCode.MISSING_FILE, ".agents/skills/" + dir + " is missing", root.toString(), "run 'tank install'");
    }
    List<ExtractedFile> out = new ArrayList<>();
    byte[] buffer = new byte[65536];
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.toList()) {
        if (p.equals(root) || Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
          continue;
        }
        String rel = root.relativize(p).toString().replace('\\', '/');
        if (!Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
          throw new TankException(ErrorCode.INTEGRITY, "'" + rel + "' is not a regular file", p.toString(), "run 'tank install'");
        }
        out.add(ExtractedFile.read(rel, p, buffer));
      }
    } catch (IOException e) {
      throw new TankException(ErrorCode.IO, "cannot read installed files: " + e.getMessage(), root.toString(), null, e);
    }
    return out;
  }
}
