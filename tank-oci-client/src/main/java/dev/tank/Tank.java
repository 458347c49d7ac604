package dev.tank;

import dev.tank.audit.Advisories;
import dev.tank.audit.Review;
import dev.tank.cache.ContentCache;
import dev.tank.events.TankEvent;
import dev.tank.events.TankListener;
import dev.tank.install.Installer;
import dev.tank.install.ProjectVerifier;
import dev.tank.install.RegistryCatalog;
import dev.tank.install.SkillArtifact;
import dev.tank.install.SkillAuditor;
import dev.tank.mediatypes.Digest;
import dev.tank.mediatypes.ErrorCode;
import dev.tank.mediatypes.Json;
import dev.tank.mediatypes.Lockfile;
import dev.tank.mediatypes.MediaTypes;
import dev.tank.mediatypes.Permissions;
import dev.tank.mediatypes.SkillConfig;
import dev.tank.mediatypes.SkillName;
import dev.tank.mediatypes.SkillsJson;
import dev.tank.mediatypes.TankException;
import dev.tank.oci.Credentials;
import dev.tank.oci.Descriptor;
import dev.tank.oci.Referrers;
import dev.tank.oci.Registries;
import dev.tank.oci.RegistryRef;
import dev.tank.oci.Transport;
import dev.tank.pack.SkillFolder;
import dev.tank.permissions.PermissionDiff;
import dev.tank.permissions.PermissionModel;
import dev.tank.permissions.PermissionTable;
import dev.tank.publish.Publisher;
import dev.tank.resolve.Version;
import dev.tank.resolve.VersionRange;
import dev.tank.semver.BumpCheck;
import dev.tank.sign.SignatureStore;
import dev.tank.sign.SimpleSigning;
import dev.tank.sign.TrustPolicy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The Tank client: publish, install, update, remove, list and inspect skills in one project.
 *
 * <pre>{@code
 * try (Tank tank = Tank.builder().projectDir(Path.of(".")).registry("oci-layout:./registry").build()) {
 *   tank.install(Installer.Options.install());
 * }
 * }</pre>
 *
 * Defaults are the safe ones: plain HTTP only to loopback, every download verified, installs
 * atomic and serialized per project.
 */
public final class Tank implements AutoCloseable {
  private final Path project;
  private final String registryOverride;
  private final boolean insecure;
  private final Map<String, String> env;
  private final Path home;
  private final ContentCache cache;
  private final TankListener listener;
  private final Duration lockWait;
  private final java.util.function.Predicate<String> confirm;
  private Registries registries;

  private Tank(Builder b) {
    this.project = b.projectDir.toAbsolutePath().normalize();
    this.env = b.env;
    this.home = b.home;
    this.registryOverride = b.registry != null ? b.registry : emptyToNull(env.get("TANK_REGISTRY"));
    this.insecure = b.insecure;
    this.cache = new ContentCache(b.cacheDir != null ? b.cacheDir : ContentCache.defaultRoot(env, home));
    this.listener = b.listener;
    this.lockWait = b.lockWait;
    this.confirm = b.confirm;
  }

  private static String emptyToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Options for {@link Tank}; every default is the secure one. */
  public static final class Builder {
    private Path projectDir = Path.of("");
    private String registry;
    private boolean insecure;
    private Path cacheDir;
    private Map<String, String> env = System.getenv();
    private Path home = Path.of(System.getProperty("user.home"));
    private TankListener listener = TankListener.NONE;
    private Duration lockWait = Duration.ofMinutes(5);
    private java.util.function.Predicate<String> confirm;

    public Builder projectDir(Path dir) {
      this.projectDir = Objects.requireNonNull(dir);
      return this;
    }

    /** Default registry ({@code https://...}, {@code http://127.0.0.1:PORT/...}, {@code oci-layout:PATH}). */
    public Builder registry(String ref) {
      this.registry = ref;
      return this;
    }

    /** Allow plain HTTP to non-loopback registries. Off by default. */
    public Builder insecure(boolean insecure) {
      this.insecure = insecure;
      return this;
    }

    public Builder cacheDir(Path dir) {
      this.cacheDir = dir;
      return this;
    }

    /** Environment to read ({@code TANK_*}, {@code CI}, {@code DOCKER_CONFIG}); the process's by default. */
    public Builder env(Map<String, String> env) {
      this.env = Map.copyOf(env);
      return this;
    }

    public Builder home(Path home) {
      this.home = home;
      return this;
    }

    public Builder listener(TankListener listener) {
      this.listener = Objects.requireNonNull(listener);
      return this;
    }

    /** How long to wait for another Tank process working on the same project. */
    public Builder lockWait(Duration wait) {
      this.lockWait = wait;
      return this;
    }

    /**
     * How to ask the user a yes/no question (permissions beyond the budget). Leave unset where
     * nobody can answer: such installs then fail unless {@code --yes} was given.
     */
    public Builder confirm(java.util.function.Predicate<String> confirm) {
      this.confirm = confirm;
      return this;
    }

    public Tank build() {
      return new Tank(this);
    }
  }

  public Path projectDir() {
    return project;
  }

  private SkillsJson projectManifestOrNull() {
    Path f = project.resolve(SkillsJson.FILE_NAME);
    return Files.exists(f) ? SkillsJson.read(f) : null;
  }

  private synchronized Registries registries() {
    if (registries == null) {
      SkillsJson sj = projectManifestOrNull();
      registries = new Registries(sj == null ? Map.of() : sj.registries(), registryOverride, insecure, new Credentials(env, home));
    }
    return registries;
  }

  private RegistryCatalog catalog() {
    return new RegistryCatalog(registries(), cache);
  }

  /** Creates a project {@code skills.json}; refuses to overwrite one. */
  public Path init(String name) {
    Path f = project.resolve(SkillsJson.FILE_NAME);
    if (Files.exists(f)) {
      throw new TankException(ErrorCode.VERSION_EXISTS, "skills.json already exists", f.toString(),
          "edit it, or delete it first to start over");
    }
    // A new project starts with an empty permission budget: every permission a skill needs is a visible decision.
    SkillsJson sj = SkillsJson.emptyProject(name).withPermissions(Permissions.NONE);
    try {
      Files.createDirectories(project);
      Files.write(f, Json.writePretty(sj), java.nio.file.StandardOpenOption.CREATE_NEW);
    } catch (IOException e) {
      throw new TankException(ErrorCode.IO, "cannot write skills.json: " + e.getMessage(), f.toString(), null, e);
    }
    return f;
  }

  /** Publishes the skill in {@code skillDir} to {@code --registry}, TANK_REGISTRY or its skills.json. */
  public Publisher.Result publish(Path skillDir, boolean dryRun) {
    return publish(skillDir, dryRun, null);
  }

  /** Like {@link #publish(Path, boolean)}; signs the new version with {@code signKey} unless null. */
  public Publisher.Result publish(Path skillDir, boolean dryRun, PrivateKey signKey) {
    String ref = registryOverride;
    if (ref == null) {
      Path sjf = skillDir.resolve(SkillsJson.FILE_NAME);
      if (Files.exists(sjf)) {
        SkillsJson sj = SkillsJson.read(sjf);
        String scope = sj.name() == null ? null : SkillName.parse(sj.name()).scopeKey();
        ref = scope != null && sj.registries().containsKey(scope) ? sj.registries().get(scope) : sj.registries().get("default");
      }
    }
    try (Transport t = Registries.open(RegistryRef.parse(ref, insecure), new Credentials(env, home))) {
      return Publisher.publish(skillDir, t, dryRun, listener, signKey);
    }
  }

  /**
   * The name part of {@code @org/name@1.2.3}; a spec without a version is a usage error of
   * {@code command}, which needs an exact version.
   */
  public static SkillName exactName(String spec, String command) {
    int at = spec.lastIndexOf('@');
    if (at <= 0) {
      throw new TankException(ErrorCode.USAGE, command + " needs an exact version: @org/name@1.2.3", spec,
          "'tank info " + spec + "' lists the versions");
    }
    return SkillName.parse(spec.substring(0, at));
  }

  private static Version exactVersion(String spec) {
    return Version.parse(spec.substring(spec.lastIndexOf('@') + 1));
  }

  /** What {@link #sign} did. */
  public record SignResult(String name, String version, String digest, String key, String signatureTag,
      String signatureManifest, String bundleManifest) {}

  /**
   * Signs a published version ({@code @org/name@version}, exact) in its registry: a cosign
   * simple signature under {@code sha256-<hex>.sig} and a Sigstore bundle as a referrer.
   */
  public SignResult sign(String spec, PrivateKey key) {
    SkillName name = exactName(spec, "sign");
    Version version = exactVersion(spec);
    SkillArtifact a = catalog().byTag(name, version);
    Transport t = registries().forSkill(name);
    String repo = t.ref().repository(name.repositoryPath());
    SignatureStore.Signed s = new SignatureStore(t).sign(repo, t.ref().dockerReference(repo),
        Descriptor.of(MediaTypes.OCI_MANIFEST, a.manifestDigest(), a.manifestBytes().length), a.manifestBytes(), key);
    listener.on(new TankEvent.Pushed("signature", repo + ":" + s.signatureTag()));
    return new SignResult(name.toString(), version.toString(), a.manifestDigest().toString(), s.key(), s.signatureTag(),
        s.signatureManifest(), s.bundleManifest());
  }

  /** What {@link #permissions()} reports: per skill and capability, the budget, and the lock's check. */
  public record PermissionReport(PermissionTable table, String budgetCheck, boolean hasBudget) {}

  /** The permissions the locked skills ask for, against the project's budget (from skills.lock and skills.json). */
  public PermissionReport permissions() {
    Path lf = project.resolve(Lockfile.FILE_NAME);
    if (!Files.exists(lf)) {
      throw new TankException(ErrorCode.MISSING_FILE, "no skills.lock", lf.toString(), "run 'tank install' first");
    }
    Lockfile lock = Lockfile.read(lf);
    Map<String, Permissions> requests = new java.util.TreeMap<>();
    lock.skills().forEach((k, e) -> requests.put(k, e.permissions()));
    SkillsJson sj = projectManifestOrNull();
    Permissions budget = sj == null ? null : sj.permissions();
    return new PermissionReport(PermissionTable.of(requests, budget), lock.permissionBudgetCheck(), budget != null);
  }

  /** What {@link #diff} reports between two published versions. */
  public record VersionDiff(String name, String from, String to, String requiredBump, String actualBump, boolean sufficient,
      String minimumVersion, List<BumpCheck.Change> changes, List<PermissionDiff.Change> permissions, List<FileChange> files) {}

  /** A file added, removed or modified between two versions; sizes are -1 where the file is absent. */
  public record FileChange(String path, String change, long fromSize, long toSize) {}

  /** Permission, interface and file changes from {@code from} to {@code to}, and the bump they need. */
  public VersionDiff diff(String skill, String from, String to) {
    SkillName name = SkillName.parse(skill);
    Version a = Version.parse(from);
    Version b = Version.parse(to);
    if (b.compareTo(a) <= 0) {
      throw new TankException(ErrorCode.USAGE, "the second version must be higher than the first", from + " → " + to,
          "e.g. tank diff " + name + " 1.0.0 2.0.0");
    }
    RegistryCatalog catalog = catalog();
    SkillConfig ca = catalog.byTag(name, a).config();
    SkillConfig cb = catalog.byTag(name, b).config();
    BumpCheck bump = BumpCheck.check(a, ca, b, cb);
    Map<String, SkillConfig.FileEntry> fa = new java.util.TreeMap<>();
    ca.files().forEach(f -> fa.put(f.path(), f));
    Map<String, SkillConfig.FileEntry> fb = new java.util.TreeMap<>();
    cb.files().forEach(f -> fb.put(f.path(), f));
    java.util.SortedSet<String> paths = new java.util.TreeSet<>(fa.keySet());
    paths.addAll(fb.keySet());
    List<FileChange> files = new ArrayList<>();
    for (String p : paths) {
      SkillConfig.FileEntry x = fa.get(p);
      SkillConfig.FileEntry y = fb.get(p);
      if (x == null) {
        files.add(new FileChange(p, "added", -1, y.size()));
      } else if (y == null) {
        files.add(new FileChange(p, "removed", x.size(), -1));
      } else if (!x.sha256().equals(y.sha256()) || !x.mode().equals(y.mode())) {
        files.add(new FileChange(p, "modified", x.size(), y.size()));
      }
    }
    return new VersionDiff(name.toString(), a.toString(), b.toString(), bump.required().label(), bump.actual().label(),
        bump.sufficient(), bump.minimum().toString(), bump.changes(),
        PermissionModel.diff(ca.permissionsOrNone(), cb.permissionsOrNone()).changes(), files);
  }

  /**
   * The audit of a published skill ({@code @org/name} = highest release, or {@code @org/name@range})
   * against this project's trust policy and advisory list: analysis report and 0–10 score.
   */
  public SkillAuditor.Result audit(String spec) {
    RegistryCatalog catalog = catalog();
    Picked p = pick(catalog, spec);
    SkillsJson sj = projectManifestOrNull();
    TrustPolicy trust = sj == null ? TrustPolicy.NONE : TrustPolicy.load(sj, project);
    return new SkillAuditor(catalog).auditPublished(p.artifact(), trust, Advisories.load(project, env));
  }

  /** The audit of a skill folder that need not be published (publication-dependent points score 0). */
  public SkillAuditor.Result auditFolder(Path dir) {
    return SkillAuditor.auditFolder(dir, Advisories.load(project, env));
  }

  /** Like {@link #auditFolder(Path)}, scoring files already read and analysed (e.g. with known names). */
  public SkillAuditor.Result auditFolder(SkillFolder folder, Map<String, byte[]> files, dev.tank.analyze.AnalysisReport analysis) {
    return SkillAuditor.auditFolder(folder, files, analysis, Advisories.load(project, env));
  }

  /** Attaches a review (rating 1–5) of an exact published version as a referrer of its manifest. */
  public Attachment review(String spec, int rating, String reviewer, String comment) {
    SkillName name = exactName(spec, "review");
    SkillArtifact a = catalog().byTag(name, exactVersion(spec));
    Review r = new Review(a.manifestDigest().toString(), rating, reviewer, comment);
    Transport t = registries().forSkill(name);
    String repo = t.ref().repository(name.repositoryPath());
    byte[] bytes = r.toBytes();
    Descriptor d = new Referrers(t).attach(repo,
        Descriptor.of(MediaTypes.OCI_MANIFEST, a.manifestDigest(), a.manifestBytes().length),
        new Referrers.Artifact(Review.MEDIA_TYPE, Review.MEDIA_TYPE, bytes, Map.of(), Map.of()));
    return new Attachment(d.artifactType(), d.digest(), d.size());
  }

  /** Re-checks the installed project against skills.lock and the cache, offline. */
  public ProjectVerifier.Report verify() {
    return new ProjectVerifier(project, cache).run();
  }

  /** Installs, adds, removes or updates skills; see {@link Installer.Options}. */
  public Installer.Result install(Installer.Options options) {
    Installer installer = new Installer(project, catalog(), listener, env, lockWait);
    installer.setConfirm(confirm);
    return installer.run(options);
  }

  /** One entry of {@link #list()}. */
  public record ListedSkill(
      String name, String version, String digest, String signature, Double auditScore, boolean installed,
      Map<String, String> dependencies, Permissions permissions) {}

  /** Skills in the project's lock, and whether each is on disk. */
  public List<ListedSkill> list() {
    Path lf = project.resolve(Lockfile.FILE_NAME);
    if (!Files.exists(lf)) {
      return List.of();
    }
    Lockfile lock = Lockfile.read(lf);
    List<ListedSkill> out = new ArrayList<>();
    lock.skills().forEach((key, e) -> {
      int at = key.lastIndexOf('@');
      SkillName n = SkillName.parse(key.substring(0, at));
      boolean on = Files.isDirectory(project.resolve(".agents/skills").resolve(n.name()), LinkOption.NOFOLLOW_LINKS);
      out.add(new ListedSkill(n.toString(), key.substring(at + 1), e.digest(), e.signature(), e.auditScore(), on,
          e.dependencies(), e.permissions()));
    });
    return out;
  }

  /** A skill chosen by {@code @org/name[@range]}: its published versions and the highest match. */
  private record Picked(SkillName name, List<Version> versions, SkillArtifact artifact) {}

  private Picked pick(RegistryCatalog catalog, String spec) {
    int at = spec.lastIndexOf('@');
    SkillName name = SkillName.parse(at > 0 ? spec.substring(0, at) : spec);
    VersionRange range = VersionRange.parse(at > 0 ? spec.substring(at + 1) : "*");
    List<Version> versions = new ArrayList<>(catalog.versions(name));
    if (versions.isEmpty()) {
      throw new TankException(ErrorCode.NOT_FOUND, name + " is not in the registry",
          registries().forSkill(name).ref().toString(), "check the name and the registry");
    }
    versions.sort(null);
    Version v = range.maxSatisfying(versions).orElseThrow(() -> new TankException(ErrorCode.NOT_FOUND,
        "no version of " + name + " matches '" + range + "'", registries().forSkill(name).ref().toString(),
        "published versions: " + versions));
    return new Picked(name, versions, catalog.byTag(name, v));
  }

  /** What {@link #info} reports about a published skill. */
  public record SkillInfo(
      String name, String version, List<String> versions, String digest, String resolved, String description,
      String license, Map<String, String> dependencies, Permissions permissions, int files, long contentBytes,
      List<Attachment> attached) {}

  /** An artifact attached to a skill manifest as a referrer (signature bundle, SBOM, audit report). */
  public record Attachment(String artifactType, String digest, long size) {}

  /**
   * A skill in the registry: {@code @org/name} (the highest release), or {@code @org/name@range}.
   */
  public SkillInfo info(String spec) {
    Picked p = pick(catalog(), spec);
    SkillName name = p.name();
    List<Version> versions = p.versions();
    SkillArtifact a = p.artifact();
    return new SkillInfo(name.toString(), a.version(), versions.stream().map(Version::toString).toList(),
        a.manifestDigest().toString(), a.resolved(), a.config().description(), a.config().license(),
        a.config().dependencies(), a.config().permissionsOrNone(), a.config().files().size(), a.layer().size(),
        attachments(name, a.manifestDigest()));
  }

  private List<Attachment> attachments(SkillName name, Digest manifest) {
    Transport t = registries().forSkill(name);
    String repo = t.ref().repository(name.repositoryPath());
    List<Attachment> out = new ArrayList<>();
    for (Descriptor d : new Referrers(t).list(repo, manifest, null)) {
      out.add(new Attachment(d.artifactType(), d.digest(), d.size()));
    }
    if (t.fetchManifest(repo, SignatureStore.signatureTag(manifest)).isPresent()) {
      out.add(new Attachment(SimpleSigning.MEDIA_TYPE, repo + ":" + SignatureStore.signatureTag(manifest), 0));
    }
    return out;
  }

  @Override
  public synchronized void close() {
    if (registries != null) {
      registries.close();
    }
  }
}
