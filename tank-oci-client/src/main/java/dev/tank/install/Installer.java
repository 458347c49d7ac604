package dev.tank.install;

import dev.tank.analyze.AnalysisReport;
import dev.tank.audit.Advisories;
import dev.tank.audit.AuditScore;
import dev.tank.events.TankEvent;
import dev.tank.events.TankListener;
import dev.tank.lock.LockAgreement;
import dev.tank.lock.LockKey;
import dev.tank.mediatypes.Digest;
import dev.tank.mediatypes.ErrorCode;
import dev.tank.mediatypes.Json;
import dev.tank.mediatypes.Lockfile;
import dev.tank.mediatypes.Permissions;
import dev.tank.mediatypes.SkillName;
import dev.tank.mediatypes.SkillsJson;
import dev.tank.mediatypes.TankException;
import dev.tank.permissions.BudgetCheck;
import dev.tank.permissions.PermissionModel;
import dev.tank.resolve.Resolution;
import dev.tank.resolve.Resolver;
import dev.tank.resolve.Version;
import dev.tank.resolve.VersionRange;
import dev.tank.semver.BumpCheck;
import dev.tank.sign.Evidence;
import dev.tank.sign.SignatureStore;
import dev.tank.sign.TrustPolicy;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Installs a project's skills: resolve (or read the lock) → fetch and verify every artifact →
 * extract into a staging folder and check each file against the config → commit in one
 * transaction (skill folders, agent links, {@code skills.lock}, {@code skills.json}).
 *
 * <p>A failure at any point leaves the project's skills, lockfile, manifest and agent folders
 * exactly as they were; processes on one project are serialized by {@link ProjectLock}.
 */
public final class Installer {
  /** What to do. {@code update}: null for none, empty for all, else the skill names to update. */
  public record Options(
      boolean frozen, List<String> add, List<String> remove, Set<String> update, boolean allowDowngrade, boolean yes) {
    public Options {
      add = add == null ? List.of() : List.copyOf(add);
      remove = remove == null ? List.of() : List.copyOf(remove);
    }

    public Options(boolean frozen, List<String> add, List<String> remove, Set<String> update) {
      this(frozen, add, remove, update, false, false);
    }

    /** The same, accepting versions older than ones seen before (a publisher withdrew them). */
    public Options allowingDowngrade() {
      return new Options(frozen, add, remove, update, true, yes);
    }

    /** The same, accepting permissions beyond the budget and recording them in skills.json ({@code --yes}). */
    public Options acceptingPermissions() {
      return new Options(frozen, add, remove, update, allowDowngrade, true);
    }

    public static Options install() {
      return new Options(false, List.of(), List.of(), null);
    }
  }

  /** One installed skill. */
  public record InstalledSkill(String name, String version, String digest, String directory, boolean fromCache) {}

  /** What an install did. */
  public record Result(List<InstalledSkill> installed, List<String> removed, boolean lockWritten, Lockfile lock) {}

  private static final int FETCH_THREADS = 8;

  private final Path project;
  private final RegistryCatalog catalog;
  private final TankListener listener;
  private final Map<String, String> env;
  private final Duration lockWait;
  private Consumer<String> faults = point -> {};
  private Predicate<String> confirm;
  /** Unpacked skills kept in the cache, installed by hard links (set per run). */
  private UnpackedCache unpacked;

  public Installer(Path project, RegistryCatalog catalog, TankListener listener, Map<String, String> env, Duration lockWait) {
    this.project = project.toAbsolutePath().normalize();
    this.catalog = catalog;
    this.listener = listener;
    this.env = env;
    this.lockWait = lockWait;
  }

  /**
   * Asks the user (on a terminal) whether to accept permissions beyond the budget; the question
   * lists each skill and what it asks for. Null (the default) means nobody can be asked.
   */
  public void setConfirm(Predicate<String> confirm) {
    this.confirm = confirm;
  }

  /** For tests: called at named points of the commit so a failure can be injected there. */
  void setFaultInjector(Consumer<String> faults) {
    this.faults = faults;
  }

  private record Planned(
      SkillArtifact artifact, Map<String, String> dependencies, String lockedIntegrity, String lockedSignature) {}

  public Result run(Options o) {
    try (ProjectLock lock = ProjectLock.acquire(project, lockWait, listener)) {
      Transaction.recover(project);
      return runLocked(o);
    } finally {
      catalog.settle();
    }
  }

  private Result runLocked(Options o) {
    unpacked = UnpackedCache.under(catalog.cache().root(), env);
    Path manifestFile = project.resolve(SkillsJson.FILE_NAME);
    Path lockFile = project.resolve(Lockfile.FILE_NAME);
    boolean ci = "true".equalsIgnoreCase(env.getOrDefault("CI", ""));
    boolean frozen = o.frozen() || ci;
    String frozenWhy = o.frozen() ? "--frozen" : "CI=true";
    boolean changesManifest = !o.add().isEmpty() || !o.remove().isEmpty();
    if (frozen && (changesManifest || o.update() != null)) {
      throw new TankException(ErrorCode.LOCK_MISMATCH,
          "cannot add, remove or update skills with " + frozenWhy + ": the lock may not change", lockFile.toString(),
          "run the command without " + frozenWhy + " (locally), commit skills.json and skills.lock, then install in CI");
    }
    SkillsJson manifest;
    if (Files.exists(manifestFile)) {
      manifest = SkillsJson.read(manifestFile);
    } else if (!o.add().isEmpty()) {
      manifest = SkillsJson.emptyProject(null);
    } else {
      throw new TankException(ErrorCode.MISSING_FILE, "no skills.json in this folder", manifestFile.toString(),
          "run 'tank init' to create one, or 'tank install @org/name' to add a skill");
    }
    Lockfile lock = Files.exists(lockFile) ? Lockfile.read(lockFile) : null;

    Map<String, String> skills = new TreeMap<>(manifest.skills());
    for (String r : o.remove()) {
      SkillName n = SkillName.parse(r);
      if (skills.remove(n.toString()) == null) {
        throw new TankException(ErrorCode.NOT_FOUND, n + " is not in skills.json", manifestFile.toString(),
            "'tank list' shows the installed skills");
      }
    }
    Map<SkillName, String> addedWithoutRange = new HashMap<>();
    for (String spec : o.add()) {
      int at = spec.lastIndexOf('@');
      String nameText = at > 0 ? spec.substring(0, at) : spec;
      SkillName n = SkillName.parse(nameText);
      String range = at > 0 ? spec.substring(at + 1) : null;
      if (range != null) {
        VersionRange.parse(range);
        skills.put(n.toString(), range);
      } else {
        skills.put(n.toString(), "*");
        addedWithoutRange.put(n, "*");
      }
    }
    SkillsJson newManifest = manifest.withSkills(skills);
    TrustPolicy trust = TrustPolicy.load(manifest, project);
    SeenVersions seen = SeenVersions.read(project);

    List<Planned> plan;
    if (frozen) {
      if (lock == null) {
        throw new TankException(ErrorCode.LOCK_MISMATCH, "no skills.lock to install from (" + frozenWhy + ")", lockFile.toString(),
            "run 'tank install' without " + frozenWhy + " and commit skills.lock");
      }
      LockAgreement.require(newManifest, lock, frozenWhy);
      plan = fromLock(lock);
    } else if (lock != null && o.update() == null && !changesManifest && LockAgreement.problems(newManifest, lock).isEmpty()) {
      plan = fromLock(lock);
    } else {
      Map<SkillName, Version> preferred = new HashMap<>();
      if (lock != null) {
        for (String key : lock.skills().keySet()) {
          LockKey k = LockKey.parse(key);
          boolean updating = o.update() != null && (o.update().isEmpty() || o.update().contains(k.name().toString()));
          if (!updating) {
            preferred.put(k.name(), Version.parse(k.version()));
          }
        }
      }
      listener.on(new TankEvent.Resolving(skills.size()));
      catalog.prefetch(skills);
      Resolution res = new Resolver(catalog).resolve(skills, preferred);
      listener.on(new TankEvent.Resolved(res.skills().size()));
      checkNoRollback(res, skills, lock, seen, o, addedWithoutRange.keySet());
      plan = new ArrayList<>();
      for (Resolution.Node node : res.skills().values()) {
        SkillArtifact a = catalog.byTag(node.name(), node.version());
        Map<String, String> deps = new TreeMap<>();
        node.dependencies().forEach((k, v) -> deps.put(k.toString(), v.toString()));
        String locked = null;
        String lockedSignature = null;
        if (lock != null) {
          Lockfile.Entry e = lock.skills().get(node.name() + "@" + node.version());
          if (e != null && e.digest().equals(a.manifestDigest().toString())) {
            locked = e.integrity();
            lockedSignature = e.signature();
          }
        }
        plan.add(new Planned(a, deps, locked, lockedSignature));
      }
      checkSemver(plan, skills);
      for (SkillName n : addedWithoutRange.keySet()) {
        Version v = res.skills().get(n).version();
        skills.put(n.toString(), v.isPrerelease() ? v.toString() : "^" + v);
      }
      newManifest = manifest.withSkills(skills);
    }

    Budget budget = checkBudget(plan, newManifest, o, frozen, ci, frozenWhy);
    newManifest = budget.manifest();

    // Fetch and verify every artifact before touching the project.
    Map<String, byte[]> layers = new LinkedHashMap<>();
    Map<String, String> integrity = new HashMap<>();
    Map<String, Boolean> fromCache = new HashMap<>();
    Map<String, String> signatures = new HashMap<>();
    for (Fetched f : fetchAll(plan, trust)) {
      layers.put(f.key(), f.layer());
      integrity.put(f.key(), f.sri());
      fromCache.put(f.key(), f.cached());
      signatures.put(f.key(), f.signature());
    }
    for (Planned p : plan) {
      seen.add(p.artifact().name(), List.of(Version.parse(p.artifact().version())));
    }
    catalog.listed().forEach(seen::add);

    byte[] newManifestBytes = Json.writePretty(newManifest);
    boolean writeManifest = !newManifest.skills().equals(manifest.skills()) || !Files.exists(manifestFile)
        || !java.util.Objects.equals(newManifest.permissions(), manifest.permissions());

    Path staging = project.resolve(".tank").resolve("staging-" + UUID.randomUUID());
    try {
      Map<String, Planned> byDir = stage(plan, layers, integrity, staging);
      Map<String, Double> scores = checkMinScore(newManifest, byDir, staging, signatures, lock);
      Lockfile newLock = buildLock(plan, integrity, signatures, lock, budget, scores);
      byte[] newLockBytes = newLock.toBytes();
      boolean writeLock = !frozen && !Arrays.equals(newLockBytes, readIfExists(lockFile));
      List<InstalledSkill> installed = new ArrayList<>();
      List<String> removed = commit(newManifest, byDir, staging, writeLock ? newLockBytes : null,
          writeManifest ? newManifestBytes : null, seen.toBytes());
      for (Map.Entry<String, Planned> e : byDir.entrySet()) {
        SkillArtifact a = e.getValue().artifact();
        String key = a.name() + "@" + a.version();
        installed.add(new InstalledSkill(a.name().toString(), a.version(), a.manifestDigest().toString(),
            ".agents/skills/" + e.getKey(), fromCache.get(key)));
        listener.on(new TankEvent.Installed(key, ".agents/skills/" + e.getKey()));
      }
      return new Result(installed, removed, writeLock, newLock);
    } finally {
      Transaction.deleteTree(staging);
    }
  }

  private record Fetched(String key, byte[] layer, String sri, boolean cached, String signature) {}

  /**
   * Fetches every content layer with bounded parallelism (registries throttle wide fan-out), checks
   * each against the lock's integrity, and fails on the first error after cancelling the rest.
   */
  private List<Fetched> fetchAll(List<Planned> plan, TrustPolicy trust) {
    java.util.concurrent.atomic.AtomicInteger counter = new java.util.concurrent.atomic.AtomicInteger();
    return parallel(plan, p -> fetchOne(p, trust, counter.incrementAndGet(), plan.size()));
  }

  /**
   * Runs {@code work} on every item with bounded parallelism (registries throttle wide fan-out),
   * and fails on the first error after cancelling the rest. Results keep the items' order.
   */
  private static <T, R> List<R> parallel(List<T> items, java.util.function.Function<T, R> work) {
    int threads = Math.max(1, Math.min(FETCH_THREADS, items.size()));
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "tank-fetch");
      t.setDaemon(true);
      return t;
    });
    try {
      List<java.util.concurrent.Future<R>> futures = new ArrayList<>();
      for (T item : items) {
        futures.add(pool.submit(() -> work.apply(item)));
      }
      List<R> out = new ArrayList<>();
      for (java.util.concurrent.Future<R> f : futures) {
        try {
          out.add(f.get());
        } catch (java.util.concurrent.ExecutionException e) {
          futures.forEach(x -> x.cancel(true));
          if (e.getCause() instanceof RuntimeException re) {
            throw re;
          }
          throw new TankException(ErrorCode.INTERNAL, "parallel work failed: " + e.getCause(), null, null, e.getCause());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new TankException(ErrorCode.IO, "interrupted while fetching", null,
              "the run was stopped before it changed anything; run the command again", e);
        }
      }
      return out;
    } finally {
      pool.shutdownNow();
    }
  }

  private Fetched fetchOne(Planned p, TrustPolicy trust, int index, int total) {
    String key = p.artifact().name() + "@" + p.artifact().version();
    listener.on(new TankEvent.Fetching(key, index, total));
    Layer layer;
    if (p.lockedIntegrity() != null && unpacked.integrity(p.artifact().layer().parsedDigest()).filter(p.lockedIntegrity()::equals).isPresent()) {
      // Locked and kept unpacked from a layer of this integrity: staging checks every kept file
      // against the config (which the locked manifest digest binds) and reads the layer only when
      // that fails.
      layer = new Layer(null, p.lockedIntegrity(), true);
    } else {
      layer = verifiedLayer(p, key);
    }
    String signature = verifySignature(p, trust, key);
    listener.on(new TankEvent.Fetched(key, p.artifact().layer().size(), layer.cached()));
    return new Fetched(key, layer.bytes(), layer.sri(), layer.cached(), signature);
  }

  private record Layer(byte[] bytes, String sri, boolean cached) {}

  /** The content layer, from the cache or the registry, checked against the lock's integrity. */
  private Layer verifiedLayer(Planned p, String key) {
    RegistryCatalog.Blob blob = catalog.fetch(p.artifact().name(), p.artifact().layer());
    String sri = Digest.sri512(Digest.messageDigest("SHA-512").digest(blob.bytes()));
    if (p.lockedIntegrity() != null && !p.lockedIntegrity().equals(sri)) {
      throw new TankException(ErrorCode.INTEGRITY,
          "content of " + key + " does not match the integrity recorded in skills.lock",
          "skills.lock at $.skills['" + key + "'].integrity",
          "the lock or the registry was tampered with; investigate before reinstalling");
    }
    return new Layer(blob.bytes(), sri, blob.fromCache());
  }

  /**
   * The signature label for the lock. Required when the policy says so, and also when the lock
   * recorded a signature for this very manifest: a signature once seen may not disappear. Cached
   * signatures that verified before are tried first (offline installs), then the registry's.
   */
  private String verifySignature(Planned p, TrustPolicy trust, String key) {
    SkillArtifact a = p.artifact();
    boolean wasSigned = p.lockedSignature() != null && !Lockfile.NO_SIGNATURE.equals(p.lockedSignature());
    boolean required = trust.requires(a.name()) || wasSigned;
    if (trust.isEmpty() && !required) {
      return Lockfile.NO_SIGNATURE;
    }
    if (trust.isEmpty()) {
      throw new TankException(ErrorCode.SIGNATURE,
          key + " was locked as signed (" + p.lockedSignature() + ") but skills.json trusts no key or identity",
          "skills.json at $.trust", "restore the trust section, or remove the skill and add it again to accept it unsigned");
    }
    List<Evidence> cached = catalog.cachedSignatures(a.manifestDigest());
    Optional<TrustPolicy.Verified> v = trust.check(a.name(), a.manifestDigest(), a.manifestBytes(), cached, new ArrayList<>());
    if (v.isPresent()) {
      return v.get().label();
    }
    SignatureStore.Found remote = catalog.signatures(a.name(), a.manifestDigest());
    if (!required) {
      v = trust.check(a.name(), a.manifestDigest(), a.manifestBytes(), remote.evidence(), new ArrayList<>());
    } else {
      v = Optional.of(trust.require(a.name(), key, a.manifestDigest(), a.manifestBytes(), remote.evidence(),
          remote.problems(), a.resolved() != null ? a.resolved() : key));
    }
    v.ifPresent(x -> catalog.rememberSignature(a.manifestDigest(), x.evidence()));
    return v.map(TrustPolicy.Verified::label).orElse(Lockfile.NO_SIGNATURE);
  }

  /** The budget check's outcome: the (maybe widened) manifest, per-skill requests, lock status. */
  private record Budget(SkillsJson manifest, Map<String, Permissions> requests, String status) {}

  /** Lock values of {@code permission_budget_check}. */
  static final String BUDGET_PASS = "pass";
  static final String BUDGET_EXPANDED = "accepted-expansion";
  static final String BUDGET_NOT_CHECKED = "not-checked";

  /**
   * Checks the union of every skill's permissions against the project's {@code permissions}.
   * Beyond it: accepted with {@code --yes} or by the user on a terminal (the widened budget is then
   * written to skills.json), refused otherwise, and always refused with --frozen or CI=true.
   * A project without {@code permissions} has no budget: nothing is checked and the lock says so.
   */
  private Budget checkBudget(List<Planned> plan, SkillsJson manifest, Options o, boolean frozen, boolean ci, String frozenWhy) {
    Map<String, Permissions> raw = new TreeMap<>();
    for (Planned p : plan) {
      raw.put(p.artifact().name() + "@" + p.artifact().version(), p.artifact().config().permissionsOrNone());
    }
    if (manifest.permissions() == null) {
      return new Budget(manifest, raw, BUDGET_NOT_CHECKED);
    }
    BudgetCheck check = BudgetCheck.check(raw, manifest.permissions());
    if (check.fits()) {
      return new Budget(manifest, check.requests(), BUDGET_PASS);
    }
    StringBuilder what = new StringBuilder("skills need permissions beyond the project's budget:");
    check.bySkill().forEach((skill, xs) -> {
      what.append("\n    ").append(skill).append(':');
      xs.forEach(x -> what.append("\n      ").append(x.capability().field()).append(' ').append(x.requested())
          .append(" (").append(x.why()).append(')'));
    });
    boolean accepted = !frozen && (o.yes() || (!ci && confirm != null && confirm.test(what + "\nAccept and add them to the budget in skills.json?")));
    if (!accepted) {
      throw new TankException(ErrorCode.PERMISSION, what.toString(), project.resolve(SkillsJson.FILE_NAME) + " at $.permissions",
          frozen ? "widen $.permissions in skills.json locally (or drop the skill), commit it, then run " + frozenWhy + " again"
              : "review what each skill asks for; re-run with --yes to accept and record it in skills.json, or remove the skill");
    }
    return new Budget(manifest.withPermissions(check.expandedBudget()), check.requests(), BUDGET_EXPANDED);
  }

  /**
   * Enforced semver: each newly resolved version is compared with the highest version published
   * below it; one whose permission or interface changes need a bigger bump than it has is refused,
   * unless skills.json pins exactly that version.
   */
  private void checkSemver(List<Planned> plan, Map<String, String> roots) {
    List<Planned> toCheck = new ArrayList<>();
    for (Planned p : plan) {
      String root = roots.get(p.artifact().name().toString());
      // Already in the lock with this digest (accepted before), or pinned exactly: not checked.
      if (p.lockedIntegrity() == null && (root == null || !VersionRange.parse(root).isExact())) {
        toCheck.add(p);
      }
    }
    parallel(toCheck, p -> {
      checkSemver(p);
      return null;
    });
  }

  private void checkSemver(Planned p) {
    SkillArtifact a = p.artifact();
    Version next = Version.parse(a.version());
    Optional<Version> previous = catalog.versions(a.name()).stream().filter(v -> v.compareTo(next) < 0).max(Version::compareTo);
    if (previous.isEmpty()) {
      return;
    }
    SkillArtifact prev = catalog.byTag(a.name(), previous.get());
    BumpCheck check = BumpCheck.check(previous.get(), prev.config(), next, a.config());
    if (!check.sufficient()) {
      try {
        check.requireSufficient();
      } catch (TankException e) {
        throw new TankException(ErrorCode.SEMVER, e.what(), a.name() + "@" + a.version() + " (" + a.manifestDigest() + ")",
            "the registry delivers a version whose changes break its semver promise; pin an exact version in skills.json"
                + " ('tank install " + a.name() + "@" + previous.get() + "') to stay on the old one, or '" + a.name() + "@"
                + a.version() + "' to accept this one knowingly");
      }
    }
  }

  /**
   * With {@code audit.min_score}: scores every skill not already scored in the lock (same digest)
   * from its staged content and its registry, and refuses any below the minimum, naming each
   * point it missed. Returns the scores by {@code @org/name@version}.
   */
  private Map<String, Double> checkMinScore(SkillsJson manifest, Map<String, Planned> byDir, Path staging,
      Map<String, String> signatures, Lockfile lock) {
    Double min = manifest.audit() == null ? null : manifest.audit().minScore();
    Map<String, Double> scores = new HashMap<>();
    if (min == null) {
      return scores;
    }
    Optional<Advisories> advisories = Advisories.load(project, env);
    SkillAuditor auditor = new SkillAuditor(catalog);
    for (Map.Entry<String, Planned> e : byDir.entrySet()) {
      SkillArtifact a = e.getValue().artifact();
      String key = a.name() + "@" + a.version();
      Lockfile.Entry prev = lock == null ? null : lock.skills().get(key);
      double score;
      if (prev != null && prev.auditScore() != null && prev.digest().equals(a.manifestDigest().toString())) {
        score = prev.auditScore();
      } else {
        Path dir = staging.resolve(e.getKey());
        Map<String, byte[]> files = SkillAuditor.readFiles(dir);
        AnalysisReport report = SkillAuditor.analyze(a, files, List.of());
        String signer = signatures.get(key);
        AuditScore s = auditor.score(a, dir, files, SkillAuditor.analysis(report),
            signer == null || Lockfile.NO_SIGNATURE.equals(signer) ? null : signer, advisories,
            e.getValue().dependencies());
        score = s.score();
        if (score < min) {
          StringBuilder missed = new StringBuilder();
          for (AuditScore.Point p : s.points()) {
            if (p.awarded() < p.max()) {
              missed.append("\n    ").append(p.id()).append(" (").append(p.awarded()).append('/').append(p.max())
                  .append("): ").append(p.evidence());
            }
          }
          throw new TankException(ErrorCode.AUDIT,
              key + " scores " + score + "/10, below audit.min_score " + min + ":" + missed,
              a.resolved() != null ? a.resolved() : key,
              "'tank audit " + key + "' shows the breakdown; pick another version, or lower audit.min_score in skills.json");
        }
      }
      scores.put(key, score);
    }
    return scores;
  }

  private void checkNoRollback(Resolution res, Map<String, String> roots, Lockfile lock, SeenVersions seen, Options o,
      Set<SkillName> addedWithoutRange) {
    Map<SkillName, List<String>> ranges = new HashMap<>();
    Set<SkillName> exempt = new java.util.HashSet<>();
    roots.forEach((n, r) -> {
      SkillName name = SkillName.parse(n);
      ranges.computeIfAbsent(name, k -> new ArrayList<>()).add(r);
      if (VersionRange.parse(r).isExact()) {
        exempt.add(name);
      }
    });
    for (Resolution.Node node : res.skills().values()) {
      catalog.dependencies(node.name(), node.version()).forEach((n, r) ->
          ranges.computeIfAbsent(SkillName.parse(n), k -> new ArrayList<>()).add(r));
      if (o.allowDowngrade()) {
        exempt.add(node.name());
      }
    }
    if (lock != null) {
      for (String k : lock.skills().keySet()) {
        LockKey lk = LockKey.parse(k);
        seen.add(lk.name(), List.of(Version.parse(lk.version())));
      }
    }
    seen.checkNoRollback(res, ranges, catalog.listed(), exempt);
  }

  private List<Planned> fromLock(Lockfile lock) {
    // Manifests and configs by digest (from the cache when present), read and verified in parallel.
    return parallel(new ArrayList<>(lock.skills().entrySet()), e -> {
      LockKey k = LockKey.parse(e.getKey());
      SkillArtifact a = catalog.byDigest(k.name(), k.version(), Digest.parse(e.getValue().digest()));
      if (a.resolved() == null) {
        a = new SkillArtifact(a.name(), a.version(), a.manifestDigest(), a.manifest(), a.config(), e.getValue().resolved(),
            a.manifestBytes());
      }
      return new Planned(a, e.getValue().dependencies(), e.getValue().integrity(), e.getValue().signature());
    });
  }

  private static Lockfile buildLock(
      List<Planned> plan, Map<String, String> integrity, Map<String, String> signatures, Lockfile old, Budget budget,
      Map<String, Double> scores) {
    Map<String, Lockfile.Entry> entries = new TreeMap<>();
    for (Planned p : plan) {
      SkillArtifact a = p.artifact();
      String key = a.name() + "@" + a.version();
      Lockfile.Entry prev = old == null ? null : old.skills().get(key);
      Permissions perms = budget.requests().get(key);
      entries.put(key, new Lockfile.Entry(
          a.resolved() != null ? a.resolved() : prev != null ? prev.resolved() : a.manifestDigest().toString(),
          a.manifestDigest().toString(),
          integrity.get(key),
          signatures.get(key),
          scores.containsKey(key) ? scores.get(key)
              : prev != null && prev.digest().equals(a.manifestDigest().toString()) ? prev.auditScore() : null,
          perms,
          p.dependencies()));
    }
    return new Lockfile(Lockfile.VERSION, entries, PermissionModel.union(budget.requests().values()), budget.status());
  }

  private Map<String, Planned> stage(List<Planned> plan, Map<String, byte[]> layers, Map<String, String> integrity,
      Path staging) {
    Map<String, Planned> byDir = new TreeMap<>();
    for (Planned p : plan) {
      SkillArtifact a = p.artifact();
      String dir = a.name().name();
      Planned clash = byDir.put(dir, p);
      if (clash != null) {
        throw new TankException(ErrorCode.CONFLICT,
            a.name() + " and " + clash.artifact().name() + " would both install into .agents/skills/" + dir,
            "skills.json", "agents see skills by folder name; keep only one of them");
      }
    }
    // Each skill unpacks into its own folder: independent work, done in parallel.
    parallel(new ArrayList<>(byDir.entrySet()), e -> {
      SkillArtifact a = e.getValue().artifact();
      Path target = staging.resolve(e.getKey());
      try {
        Files.createDirectories(target);
      } catch (IOException x) {
        throw new TankException(ErrorCode.IO, "cannot create staging folder: " + x.getMessage(), target.toString(), null, x);
      }
      String key = a.name() + "@" + a.version();
      Digest layer = a.layer().parsedDigest();
      List<ExtractedFile> linked = unpacked.linkInto(layer, target);
      if (linked != null) {
        try {
          ContentCheck.matchesConfig(linked, a.config(), key);
          if (layers.get(key) != null) {
            unpacked.noteIntegrity(layer, integrity.get(key)); // read and checked in this run
          }
          return linked.size();
        } catch (TankException mismatch) {
          // A kept folder that changed since: extract the verified layer again.
          unpacked.reject(layer, target);
        }
      }
      byte[] bytes = layers.get(key);
      if (bytes == null) {
        bytes = verifiedLayer(e.getValue(), key).bytes();
      }
      List<ExtractedFile> files;
      try {
        files = SafeExtractor.extract(new ByteArrayInputStream(bytes), target, ExtractLimits.DEFAULTS);
      } catch (TankException x) {
        throw x.at(key + " (" + layer + ")");
      }
      ContentCheck.matchesConfig(files, a.config(), key);
      unpacked.keep(layer, target, integrity.get(key));
      return files.size();
    });
    return byDir;
  }

  private List<String> commit(SkillsJson manifest, Map<String, Planned> byDir, Path staging, byte[] lockBytes,
      byte[] manifestBytes, byte[] seenBytes) {
    ProjectState old = ProjectState.read(project);
    Path skillsRoot = project.resolve(".agents").resolve("skills");
    List<Path> agentFolders = new ArrayList<>();
    for (String agent : manifest.agentsOrDefault()) {
      agentFolders.add(project.resolve(SkillsJson.AGENT_FOLDERS.get(agent)));
    }
    // Pre-flight: never overwrite anything Tank does not own.
    for (String dir : byDir.keySet()) {
      Path p = skillsRoot.resolve(dir);
      if (Files.exists(p, java.nio.file.LinkOption.NOFOLLOW_LINKS) && !old.skills().containsKey(dir)) {
        throw new TankException(ErrorCode.CONFLICT, "folder exists and was not installed by Tank", p.toString(),
            "move or delete it, then run the command again");
      }
      for (Path folder : agentFolders) {
        Path link = folder.resolve(dir);
        String rel = project.relativize(link).toString();
        if (Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS) && !old.links().containsKey(rel)) {
          throw new TankException(ErrorCode.CONFLICT, "agent folder entry exists and was not made by Tank", link.toString(),
              "move or delete it, then run the command again");
        }
      }
    }
    List<String> removed = new ArrayList<>();
    Map<String, String> newLinks = new TreeMap<>();
    Map<String, String> newSkills = new TreeMap<>();
    try (Transaction tx = Transaction.begin(project)) {
      for (Map.Entry<String, String> e : old.links().entrySet()) {
        Path p = project.resolve(e.getKey());
        if (Files.exists(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
          tx.moveAside(p);
        }
      }
      for (Map.Entry<String, String> e : old.skills().entrySet()) {
        Path p = skillsRoot.resolve(e.getKey());
        if (Files.exists(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
          tx.moveAside(p);
        }
        if (!byDir.containsKey(e.getKey())) {
          removed.add(e.getValue());
        }
      }
      faults.accept("after-move-aside");
      for (Map.Entry<String, Planned> e : byDir.entrySet()) {
        tx.place(staging.resolve(e.getKey()), skillsRoot.resolve(e.getKey()));
        SkillArtifact a = e.getValue().artifact();
        newSkills.put(e.getKey(), a.name() + "@" + a.version());
      }
      faults.accept("after-place");
      for (Path folder : agentFolders) {
        for (String dir : byDir.keySet()) {
          Path link = folder.resolve(dir);
          boolean copied = AgentLinks.link(tx, link, skillsRoot.resolve(dir), "copy".equalsIgnoreCase(env.get("TANK_LINK_MODE")));
          newLinks.put(project.relativize(link).toString(), copied ? "copy" : "link");
          listener.on(new TankEvent.Linked(newSkills.get(dir), project.relativize(folder).toString(), copied));
        }
      }
      faults.accept("after-links");
      if (lockBytes != null) {
        tx.writeFile(project.resolve(Lockfile.FILE_NAME), lockBytes);
      }
      faults.accept("after-lock");
      if (manifestBytes != null) {
        tx.writeFile(project.resolve(SkillsJson.FILE_NAME), manifestBytes);
      }
      tx.writeFile(project.resolve(ProjectState.FILE), Json.writePretty(new ProjectState(newSkills, newLinks)));
      tx.writeFile(project.resolve(SeenVersions.FILE), seenBytes);
      faults.accept("before-commit");
      tx.commit();
    }
    removed.forEach(r -> listener.on(new TankEvent.Removed(r)));
    return removed;
  }

  private static byte[] readIfExists(Path p) {
    try {
      return Files.exists(p) ? Files.readAllBytes(p) : null;
    } catch (IOException e) {
      throw new TankException(ErrorCode.IO, "cannot read: " + e.getMessage(), p.toString(), null, e);
    }
  }
}
