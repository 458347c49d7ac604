package dev.tank.oci;

import dev.tank.mediatypes.Digest;
import dev.tank.mediatypes.ErrorCode;
import dev.tank.mediatypes.MediaTypes;
import dev.tank.mediatypes.TankException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Artifacts attached to a skill manifest through OCI 1.1 {@code subject}: signatures bundles,
 * SBOMs, audit reports, reviews. The one place that writes and reads referrers, for every kind.
 *
 * <p>Writing pushes the artifact's manifest (with {@code subject}) by digest; where the registry has
 * no referrers API it also adds the manifest to the fallback index under the tag
 * {@code sha256-<hex>} of the subject, as the distribution spec prescribes. Reading asks the
 * referrers API first and falls back to that tag on 404. The fallback index is updated by
 * read-modify-write, so two writers attaching to one subject at the same moment can lose an entry;
 * attaching again repairs it (the manifest itself is never lost).
 */
public final class Referrers {
  /** The OCI empty descriptor's content. */
  public static final byte[] EMPTY_CONFIG = "{}".getBytes(StandardCharsets.UTF_8);

  private final Transport transport;

  public Referrers(Transport transport) {
    this.transport = transport;
  }

  /** An artifact to attach: its type, one layer and annotations for the manifest and the layer. */
  public record Artifact(
      String artifactType, String layerMediaType, byte[] content, Map<String, String> layerAnnotations,
      Map<String, String> annotations) {}

  /**
   * Pushes {@code artifact} as a manifest whose subject is {@code subject} and makes it findable
   * by {@link #list}. Returns the pushed manifest's descriptor (as listed in the referrers index).
   */
  public Descriptor attach(String repository, Descriptor subject, Artifact artifact) {
    Digest configDigest = Digest.sha256(EMPTY_CONFIG);
    if (!transport.blobExists(repository, configDigest)) {
      transport.pushBlob(repository, configDigest, EMPTY_CONFIG);
    }
    Digest layerDigest = Digest.sha256(artifact.content());
    if (!transport.blobExists(repository, layerDigest)) {
      transport.pushBlob(repository, layerDigest, artifact.content());
    }
    OciManifest manifest = new OciManifest(2, MediaTypes.OCI_MANIFEST, artifact.artifactType(),
        Descriptor.of(MediaTypes.OCI_EMPTY, configDigest, EMPTY_CONFIG.length),
        List.of(Descriptor.of(artifact.layerMediaType(), layerDigest, artifact.content().length)
            .withAnnotations(artifact.layerAnnotations())),
        new Descriptor(subject.mediaType(), null, subject.digest(), subject.size(), null, null),
        artifact.annotations());
    byte[] bytes = manifest.toBytes();
    Digest digest = Digest.sha256(bytes);
    transport.pushManifest(repository, digest.toString(), MediaTypes.OCI_MANIFEST, bytes);
    Descriptor entry = new Descriptor(
        MediaTypes.OCI_MANIFEST, artifact.artifactType(), digest.toString(), bytes.length, null, artifact.annotations());
    Optional<OciIndex> api = transport.referrers(repository, subject.parsedDigest());
    if (api.isEmpty()) {
      addToFallback(repository, subject.parsedDigest(), entry);
    }
    return entry;
  }

  private void addToFallback(String repository, Digest subject, Descriptor entry) {
    String tag = subject.fallbackTag();
    List<Descriptor> manifests = new ArrayList<>(fallbackIndex(repository, subject).map(OciIndex::manifests).orElse(List.of()));
    if (manifests.stream().anyMatch(d -> d.digest().equals(entry.digest()))) {
      return;
    }
    manifests.add(entry);
    byte[] index = new OciIndex(2, MediaTypes.OCI_INDEX, null, manifests, null).toBytes();
    transport.pushManifest(repository, tag, MediaTypes.OCI_INDEX, index);
  }

  private Optional<OciIndex> fallbackIndex(String repository, Digest subject) {
    String tag = subject.fallbackTag();
    return transport.fetchManifest(repository, tag)
        .map(f -> OciIndex.parse(f.bytes(), transport.ref() + " " + repository + ":" + tag));
  }

  /**
   * Every manifest listed as referring to {@code subject}, optionally only those of
   * {@code artifactType} (null for all). The list is what the registry says; callers verify each
   * manifest's {@code subject} themselves when they fetch it ({@link #fetchLayer}).
   */
  public List<Descriptor> list(String repository, Digest subject, String artifactType) {
    Optional<OciIndex> index = transport.referrers(repository, subject);
    if (index.isEmpty()) {
      index = fallbackIndex(repository, subject);
    }
    List<Descriptor> out = new ArrayList<>();
    for (Descriptor d : index.map(OciIndex::manifests).orElse(List.of())) {
      if (artifactType == null || artifactType.equals(d.artifactType())) {
        out.add(d);
      }
    }
    return out;
  }

  /** A referrer manifest, checked to refer to {@code subject}, and its single layer's bytes. */
  public record Attached(Descriptor manifest, OciManifest parsed, byte[] content) {}

  /**
   * Fetches the referrer {@code d} and its one layer of {@code layerMediaType}, verifying the
   * manifest's digest, that its subject is {@code subject}, and the layer's digest and size
   * (at most {@code maxLayerBytes}).
   */
  public Attached fetchLayer(String repository, Digest subject, Descriptor d, String layerMediaType, long maxLayerBytes) {
    String where = transport.ref().pinned(repository, d.digest());
    Transport.Fetched f = transport.fetchManifest(repository, d.digest()).orElseThrow(() -> new TankException(
        ErrorCode.NOT_FOUND, "a listed referrer manifest is missing", where, "the referrers index is stale; attach again"));
    OciManifest m = OciManifest.parse(f.bytes(), where);
    if (m.subject() == null || !subject.toString().equals(m.subject().digest())) {
      throw new TankException(ErrorCode.INTEGRITY,
          "referrer names subject " + (m.subject() == null ? "none" : m.subject().digest()) + ", not " + subject, where,
          "the registry lists an artifact of another manifest; do not trust it");
    }
    if (m.layers().size() != 1 || !layerMediaType.equals(m.layers().get(0).mediaType())) {
      throw new TankException(ErrorCode.REGISTRY, "referrer must have exactly one " + layerMediaType + " layer", where,
          "this artifact was not written by a cosign-compatible signer; ask the publisher to sign again");
    }
    Descriptor layer = m.layers().get(0);
    if (layer.size() > maxLayerBytes) {
      throw new TankException(ErrorCode.TOO_LARGE,
          "referrer layer is " + layer.size() + " bytes; Tank reads at most " + maxLayerBytes, where, null);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream((int) layer.size());
    transport.fetchBlob(repository, layer.parsedDigest(), layer.size(), out);
    return new Attached(d, m, out.toByteArray());
  }
}
