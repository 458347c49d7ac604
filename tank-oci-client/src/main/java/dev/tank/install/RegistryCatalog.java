package dev.tank.install;

import dev.tank.cache.ContentCache;
import dev.tank.mediatypes.Digest;
import dev.tank.mediatypes.ErrorCode;
import dev.tank.mediatypes.Json;
import dev.tank.mediatypes.MediaTypes;
import dev.tank.mediatypes.SkillConfig;
import dev.tank.mediatypes.SkillName;
import dev.tank.mediatypes.TankException;
import dev.tank.oci.Descriptor;
import dev.tank.oci.OciManifest;
import dev.tank.oci.Registries;
import dev.tank.oci.Transport;
import dev.tank.resolve.Catalog;
import dev.tank.resolve.Version;
import dev.tank.resolve.VersionRange;
import dev.tank.sign.Evidence;
import dev.tank.sign.SignatureStore;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Skills as the registries (and the cache) know them: tag lists, verified manifests, configs and
 * content layers. Every artifact is checked to be what it claims — a Tank skill manifest whose
 * config names the skill and version that were asked for — so a registry cannot pass off one
 * skill's artifact as another's.
 */
public final class RegistryCatalog implements Catalog {
  private final Registries registries;
  private final ContentCache cache;
  /**
   * Fetches run ahead of resolution on this pool: when a skill's dependencies become known, their
   * tag lists and the manifests the ranges most likely pick are requested in parallel, so the
   * resolver, which asks one question at a time, mostly finds the answers waiting.
   */
  private static final ExecutorService PREFETCH = Executors.newFixedThreadPool(8, r -> {
    Thread t = new Thread(r, "tank-prefetch");
    t.setDaemon(true);
    return t;
  });

  private final Map<String, CompletableFuture<SkillArtifact>> byVersion = new ConcurrentHashMap<>();
  private final Map<SkillName, CompletableFuture<List<Version>>> tagLists = new ConcurrentHashMap<>();
  /** Blobs by digest: layers fetched ahead by the head start, and every blob {@link #fetch} downloaded. */
  private final Map<Digest, CompletableFuture<Blob>> layers = new ConcurrentHashMap<>();
  /** {@code @org/name@version}s whose dependencies the head start has already gone after. */
  private final java.util.Set<String> expanded = ConcurrentHashMap.newKeySet();
  /** Background requests in flight; {@link #settle} waits for them to end. */
  private int running;
  private boolean settled;

  /** Runs {@code work} on the prefetch pool, counted so that {@link #settle} can wait for it. */
  private <T> CompletableFuture<T> async(java.util.function.Supplier<T> work) {
    return CompletableFuture.supplyAsync(() -> {
      synchronized (this) {
        if (settled) {
          throw new java.util.concurrent.CancellationException("the run is over");
        }
        running++;
      }
      try {
        return work.get();
      } finally {
        synchronized (this) {
          running--;
          notifyAll();
        }
      }
    }, PREFETCH);
  }

  /**
   * Ends the background work of this run: requests not started yet are dropped, running ones are
   * waited for, so nothing writes to the cache after the caller returns.
   */
  public void settle() {
    synchronized (this) {
      settled = true; // nothing starts from now on, whatever is queued or chained
    }
    tagLists.values().forEach(f -> f.cancel(false));
    byVersion.values().forEach(f -> f.cancel(false));
    layers.values().forEach(f -> f.cancel(false));
    synchronized (this) {
      while (running > 0) {
        try {
          wait();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  /** The content cache this catalog reads and fills. */
  public ContentCache cache() {
    return cache;
  }

  public RegistryCatalog(Registries registries, ContentCache cache) {
    this.registries = registries;
    this.cache = cache;
  }

  private Transport transport(SkillName name) {
    return registries.forSkill(name);
  }

  /** The transport that serves {@code name}. */
  public Transport transportFor(SkillName name) {
    return transport(name);
  }

  @Override
  public List<Version> versions(SkillName name) {
    return new ArrayList<>(join(versionsAsync(name))); // one tag list per skill and run
  }

  private CompletableFuture<List<Version>> versionsAsync(SkillName name) {
    return tagLists.computeIfAbsent(name, n -> async(() -> {
      Transport t = transport(n);
      List<Version> out = new ArrayList<>();
      for (String tag : t.listTags(t.ref().repository(n.repositoryPath()))) {
        Version.fromTag(tag).ifPresent(out::add);
      }
      return List.copyOf(out);
    }));
  }

  @Override
  public Map<String, String> dependencies(SkillName name, Version version) {
    Map<String, String> deps = byTag(name, version).config().dependencies();
    if (expanded.add(name + "@" + version)) {
      prefetch(deps); // a version the head start did not guess: its dependencies start now
    }
    return deps;
  }

  /**
   * Starts fetching, in the background, the tag list of each skill in {@code ranges} and the
   * manifest and config of the highest version its range allows. Only a head start: failures are
   * kept in the futures and surface if (and only if) the resolver asks the same question.
   */
  public void prefetch(Map<String, String> ranges) {
    ranges.forEach((n, r) -> {
      SkillName name;
      VersionRange range;
      try {
        name = SkillName.parse(n);
        range = VersionRange.parse(r);
      } catch (TankException e) {
        return; // the resolver reports it with its context
      }
      versionsAsync(name).thenAccept(vs -> range.maxSatisfying(vs).ifPresent(v -> prefetch(name, v, vs)));
    });
  }

  /**
   * The head start for version {@code v} of {@code name}: its manifest and config, then its content
   * layer (held in memory for {@link #fetch}) and the head start of its own dependencies (so the
   * graph is walked as fast as the registry answers, not at the resolver's pace), and the manifest
   * and config of the version before it, which the install's semver check compares with.
   */
  private void prefetch(SkillName name, Version v, List<Version> all) {
    byTagAsync(name, v).thenAccept(a -> {
      layers.computeIfAbsent(a.layer().parsedDigest(), d -> async(() -> fetchNow(name, a.layer())));
      if (expanded.add(name + "@" + v)) {
        prefetch(a.config().dependencies());
      }
    });
    all.stream().filter(x -> x.compareTo(v) < 0).max(Version::compareTo).ifPresent(prev -> byTagAsync(name, prev));
  }

  /** The versions each skill's registry listed during this run (for rollback detection). */
  public Map<SkillName, List<Version>> listed() {
    Map<SkillName, List<Version>> out = new HashMap<>();
    tagLists.forEach((n, f) -> {
      if (f.isDone() && !f.isCompletedExceptionally()) {
        out.put(n, f.join());
      }
    });
    return out;
  }

  private static <T> T join(CompletableFuture<T> f) {
    try {
      return f.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      throw new TankException(ErrorCode.INTERNAL, "registry request failed: " + e.getCause(), null, null, e.getCause());
    }
  }

  /** Signature material the registry holds for a skill manifest (bounded, each byte verified). */
  public SignatureStore.Found signatures(SkillName name, Digest manifest) {
    Transport t = transport(name);
    return new SignatureStore(t).fetch(t.ref().repository(name.repositoryPath()), manifest);
  }

  /** Signature material that verified {@code manifest} before, from the cache. */
  public List<Evidence> cachedSignatures(Digest manifest) {
    return cachedSignatures(cache, manifest);
  }

  static List<Evidence> cachedSignatures(ContentCache cache, Digest manifest) {
    List<Evidence> out = new ArrayList<>();
    for (Digest d : cache.refs(SIGNATURE_REFS, manifest)) {
      cache.get(d).ifPresent(bytes -> out.add(Evidence.parse(bytes, "cache " + d)));
    }
    return out;
  }

  /** Keeps signature material that verified {@code manifest}, for offline installs and 'tank verify'. */
  public void rememberSignature(Digest manifest, Evidence evidence) {
    byte[] bytes = evidence.toBytes();
    Digest d = Digest.sha256(bytes);
    cache.put(d, bytes);
    cache.addRef(SIGNATURE_REFS, manifest, d);
  }

  private static final String SIGNATURE_REFS = "signatures";

  /** The artifact a version tag points at now. */
  public SkillArtifact byTag(SkillName name, Version version) {
    return join(byTagAsync(name, version));
  }

  private CompletableFuture<SkillArtifact> byTagAsync(SkillName name, Version version) {
    return byVersion.computeIfAbsent(name + "@" + version, k -> async(() -> {
      Transport t = transport(name);
      String repo = t.ref().repository(name.repositoryPath());
      Transport.Fetched f = t.fetchManifest(repo, version.toTag()).orElseThrow(() -> new TankException(
          ErrorCode.NOT_FOUND, name + "@" + version + " is not in the registry", t.ref() + " " + repo,
          "check the version with 'tank info " + name + "'"));
      cache.put(f.digest(), f.bytes());
      return load(name, version.toString(), f.digest(), f.bytes(), t.ref().pinned(repo, f.digest().toString()));
    }));
  }

  /**
   * The artifact with manifest {@code digest} (from a lockfile): from the cache when present, so a
   * locked install needs no registry; else fetched by digest.
   */
  public SkillArtifact byDigest(SkillName name, String version, Digest digest) {
    Optional<byte[]> cached = cache.get(digest);
    byte[] bytes;
    String resolved;
    if (cached.isPresent()) {
      bytes = cached.get();
      resolved = null;
    } else {
      Transport t = transport(name);
      String repo = t.ref().repository(name.repositoryPath());
      Transport.Fetched f = t.fetchManifest(repo, digest.toString()).orElseThrow(() -> new TankException(
          ErrorCode.NOT_FOUND, "locked manifest of " + name + "@" + version + " is gone from the registry",
          t.ref().pinned(repo, digest.toString()),
          "the registry deleted it; run 'tank update " + name + "' to pick a version that exists"));
      bytes = f.bytes();
      cache.put(digest, bytes);
      resolved = t.ref().pinned(repo, digest.toString());
    }
    return load(name, version, digest, bytes, resolved);
  }

  private SkillArtifact load(SkillName name, String version, Digest digest, byte[] manifestBytes, String resolved) {
    String where = name + "@" + version + " (" + digest + ")";
    OciManifest m = OciManifest.parse(manifestBytes, where);
    if (!MediaTypes.SKILL_ARTIFACT.equals(m.artifactType()) || !MediaTypes.SKILL_CONFIG.equals(m.config().mediaType())) {
      throw new TankException(ErrorCode.REGISTRY, "not a Tank skill artifact (artifactType " + m.artifactType() + ")", where,
          "the tag points at something else; ask the publisher to republish");
    }
    if (m.layers().size() != 1 || !MediaTypes.SKILL_CONTENT.equals(m.layers().get(0).mediaType())) {
      throw new TankException(ErrorCode.REGISTRY, "a skill manifest must have exactly one content layer", where,
          "the tag points at something else; ask the publisher to republish");
    }
    Descriptor cd = m.config();
    if (cd.size() > Json.MAX_DOCUMENT_BYTES) {
      throw new TankException(ErrorCode.TOO_LARGE, "config blob is " + cd.size() + " bytes", where,
          "a skill config is at most " + Json.MAX_DOCUMENT_BYTES + " bytes; do not install this artifact");
    }
    byte[] configBytes = cd.embedded(where).orElseGet(() -> blob(name, cd));
    SkillConfig config = Json.parse(configBytes, SkillConfig.class, where + " config");
    if (!config.name().equals(name.toString()) || !config.version().equals(version)) {
      throw new TankException(ErrorCode.INTEGRITY,
          "artifact is " + config.name() + "@" + config.version() + ", not the " + name + "@" + version + " that was asked for",
          where, "the registry is serving another skill's artifact under this name; do not install it");
    }
    return new SkillArtifact(name, version, digest, m, config, resolved, manifestBytes);
  }

  /** A blob's verified bytes, and whether they came from the cache. */
  public record Blob(byte[] bytes, boolean fromCache) {}

  /** A blob's verified bytes, from the cache or the registry (then cached). */
  public byte[] blob(SkillName name, Descriptor d) {
    return fetch(name, d).bytes();
  }

  /**
   * Like {@link #blob}, also telling whether the cache had it (one read and hash, not two). A blob
   * the head start is fetching is awaited; one it has not reached yet is fetched here, and recorded
   * first, so that the head start, reaching it a moment later, awaits this download instead of
   * starting a second one.
   */
  public Blob fetch(SkillName name, Descriptor d) {
    CompletableFuture<Blob> mine = new CompletableFuture<>();
    CompletableFuture<Blob> prefetched = layers.putIfAbsent(d.parsedDigest(), mine);
    if (prefetched != null) {
      return join(prefetched);
    }
    try {
      Blob b = fetchNow(name, d);
      mine.complete(b);
      return b;
    } catch (RuntimeException e) {
      mine.completeExceptionally(e);
      throw e;
    }
  }

  private Blob fetchNow(SkillName name, Descriptor d) {
    Digest digest = d.parsedDigest();
    Optional<byte[]> cached = cache.get(digest);
    if (cached.isPresent()) {
      if (cached.get().length != d.size()) {
        throw new TankException(ErrorCode.INTEGRITY, "descriptor size " + d.size() + " differs from the content", digest.toString(),
            "the manifest misstates the size of a blob it names; do not install it");
      }
      return new Blob(cached.get(), true);
    }
    Transport t = transport(name);
    String repo = t.ref().repository(name.repositoryPath());
    ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(d.size(), 1 << 20));
    t.fetchBlob(repo, digest, d.size(), out);
    byte[] bytes = out.toByteArray();
    cache.put(digest, bytes);
    return new Blob(bytes, false);
  }
}
