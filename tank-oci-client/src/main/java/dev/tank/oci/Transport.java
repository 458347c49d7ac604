package dev.tank.oci;

import dev.tank.mediatypes.Digest;
import java.io.Closeable;
import java.io.OutputStream;
import java.util.List;
import java.util.Optional;

/**
 * Access to one registry (or OCI layout). The extension point for other stores.
 *
 * <p>Contract for implementations: {@link #fetchManifest} and {@link #fetchBlob} must hash every
 * byte they return and fail with {@code TANK-E-INTEGRITY} when it does not match the digest asked
 * for (or, for a tag, return the digest computed from the bytes — never one the server claims), and
 * must stop reading at the size the caller allows with {@code TANK-E-TOO-LARGE}.
 */
public interface Transport extends Closeable {

  /** Largest manifest or index Tank reads. */
  long MAX_MANIFEST_BYTES = 4L * 1024 * 1024;

  /** The registry this transport talks to. */
  RegistryRef ref();

  /** Tags of {@code repository}, empty when the repository does not exist. */
  List<String> listTags(String repository);

  /** The manifest a tag or digest points at, with its verified digest; empty when absent. */
  Optional<Fetched> fetchManifest(String repository, String reference);

  /**
   * Streams a blob to {@code out}, verifying its size ({@code expectedSize}) and digest. On failure
   * some bytes may already be in {@code out}: callers write to a staging place they discard.
   */
  void fetchBlob(String repository, Digest digest, long expectedSize, OutputStream out);

  boolean blobExists(String repository, Digest digest);

  void pushBlob(String repository, Digest digest, byte[] content);

  /** Stores manifest bytes as given, under {@code reference} (a tag, or the digest itself). */
  void pushManifest(String repository, String reference, String mediaType, byte[] bytes);

  /**
   * Every repository the registry lists (distribution's {@code /v2/_catalog}), best effort: empty
   * where the registry has no catalog or does not let these credentials read it.
   */
  default List<String> listRepositories() {
    return List.of();
  }

  /**
   * The registry's referrers API answer for {@code subject}: the index of manifests whose
   * {@code subject} is that digest. Empty when the registry has no referrers API (it answers 404,
   * as distribution 2.8 does); callers then use the fallback tag (see {@link Referrers}).
   */
  default Optional<OciIndex> referrers(String repository, Digest subject) {
    return Optional.empty();
  }

  @Override
  default void close() {}

  /** Manifest bytes with their media type and the digest computed from the bytes. */
  record Fetched(byte[] bytes, String mediaType, Digest digest) {}
}
