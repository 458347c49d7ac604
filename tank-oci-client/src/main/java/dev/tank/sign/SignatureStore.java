package dev.tank.sign;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tank.mediatypes.Digest;
import dev.tank.mediatypes.ErrorCode;
import dev.tank.mediatypes.MediaTypes;
import dev.tank.mediatypes.TankException;
import dev.tank.oci.Descriptor;
import dev.tank.oci.OciManifest;
import dev.tank.oci.Referrers;
import dev.tank.oci.Transport;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where signatures live in a registry, written and read the ways cosign does: the classic
 * simple-signing image under tag {@code sha256-<hex>.sig} (one layer per signature, the signature in
 * the {@code dev.cosignproject.cosign/signature} annotation), and Sigstore bundles attached as
 * referrers of the skill manifest.
 */
public final class SignatureStore {
  /** At most this many signatures of each kind are considered per skill (a registry may pile up junk). */
  static final int MAX_SIGNATURES = 32;
  private static final String IMAGE_CONFIG = "application/vnd.oci.image.config.v1+json";
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final Transport transport;

  public SignatureStore(Transport transport) {
    this.transport = transport;
  }

  /** The tag cosign keeps simple signatures of {@code manifest} under: {@code sha256-<hex>.sig}. */
  public static String signatureTag(Digest manifest) {
    return manifest.fallbackTag() + ".sig";
  }

  /** What signing wrote. */
  public record Signed(String key, String signatureTag, String signatureManifest, String bundleManifest) {}

  /**
   * Signs the skill manifest {@code subject} (whose bytes are {@code manifestBytes}) with
   * {@code key}: a simple-signing layer added to the {@code .sig} image (existing signatures are
   * kept) and a key-pair Sigstore bundle attached as a referrer.
   */
  public Signed sign(String repository, String dockerReference, Descriptor subject, byte[] manifestBytes, PrivateKey key) {
    Digest digest = subject.parsedDigest();
    if (!Digest.sha256(manifestBytes).equals(digest)) {
      throw new TankException(ErrorCode.INTEGRITY, "manifest bytes do not match " + digest, dockerReference,
          "sign the manifest the registry holds: fetch it again by digest and sign those bytes");
    }
    PublicKey publicKey = CosignKeys.publicKeyOf(key);
    byte[] payload = SimpleSigning.payload(dockerReference, digest);
    String signature = Base64.getEncoder().encodeToString(CosignKeys.sign(key, payload));
    String sigManifest = pushSimpleSignature(repository, digest, payload, signature);

    byte[] bundle = KeyBundle.create(key, publicKey, manifestBytes);
    Digest bundleDigest = Digest.sha256(bundle);
    Descriptor attached = new Referrers(transport).attach(repository, subject, new Referrers.Artifact(
        KeyBundle.MEDIA_TYPE, KeyBundle.MEDIA_TYPE, bundle,
        Map.of(MediaTypes.ANNOTATION_TITLE, bundleDigest.fallbackTag() + ".sigstore.json"),
        Map.of("dev.sigstore.bundle.content", "message-signature")));
    return new Signed(CosignKeys.fingerprint(publicKey), signatureTag(digest), sigManifest, attached.digest());
  }

  /** Attaches a Sigstore bundle made elsewhere (e.g. keyless, by a CI signer) to {@code subject}. */
  public Descriptor attachBundle(String repository, Descriptor subject, byte[] bundle) {
    KeyBundle.Parsed parsed = KeyBundle.parse(bundle, "bundle");
    if (!parsed.messageDigest().equals(subject.parsedDigest())) {
      throw new TankException(ErrorCode.SIGNATURE,
          "the bundle signs " + parsed.messageDigest() + ", not " + subject.digest(), "bundle",
          "attach the bundle made for this skill version");
    }
    return new Referrers(transport).attach(repository, subject, new Referrers.Artifact(
        KeyBundle.MEDIA_TYPE, KeyBundle.MEDIA_TYPE, bundle,
        Map.of(MediaTypes.ANNOTATION_TITLE, Digest.sha256(bundle).fallbackTag() + ".sigstore.json"),
        Map.of("dev.sigstore.bundle.content", "message-signature")));
  }

  private String pushSimpleSignature(String repository, Digest subject, byte[] payload, String signature) {
    String tag = signatureTag(subject);
    List<Descriptor> layers = new ArrayList<>();
    for (Descriptor d : existingSignatureManifest(repository, subject).map(OciManifest::layers).orElse(List.of())) {
      if (SimpleSigning.MEDIA_TYPE.equals(d.mediaType())) {
        layers.add(d);
      }
    }
    Digest payloadDigest = Digest.sha256(payload);
    Descriptor layer = Descriptor.of(SimpleSigning.MEDIA_TYPE, payloadDigest, payload.length)
        .withAnnotations(Map.of(SimpleSigning.SIGNATURE_ANNOTATION, signature));
    if (layers.stream().noneMatch(d -> d.digest().equals(layer.digest())
        && signature.equals(d.annotations().get(SimpleSigning.SIGNATURE_ANNOTATION)))) {
      layers.add(layer);
    }
    if (!transport.blobExists(repository, payloadDigest)) {
      transport.pushBlob(repository, payloadDigest, payload);
    }
    byte[] config = imageConfig(layers);
    Digest configDigest = Digest.sha256(config);
    if (!transport.blobExists(repository, configDigest)) {
      transport.pushBlob(repository, configDigest, config);
    }
    byte[] manifest = new OciManifest(2, MediaTypes.OCI_MANIFEST, null,
        Descriptor.of(IMAGE_CONFIG, configDigest, config.length), layers, null, null).toBytes();
    transport.pushManifest(repository, tag, MediaTypes.OCI_MANIFEST, manifest);
    return Digest.sha256(manifest).toString();
  }

  /** The minimal image config cosign writes for a signature image: its layers as diff_ids. */
  private static byte[] imageConfig(List<Descriptor> layers) {
    ObjectNode c = MAPPER.createObjectNode();
    c.put("architecture", "");
    c.putObject("config");
    c.put("created", "0001-01-01T00:00:00Z");
    c.putArray("history").addObject().put("created", "0001-01-01T00:00:00Z");
    c.put("os", "");
    ObjectNode rootfs = c.putObject("rootfs");
    rootfs.put("type", "layers");
    ArrayNode ids = rootfs.putArray("diff_ids");
    layers.forEach(l -> ids.add(l.digest()));
    try {
      return MAPPER.writeValueAsBytes(c);
    } catch (IOException e) {
      throw new TankException(ErrorCode.INTERNAL, "cannot write a signature image config", null, null, e);
    }
  }

  private Optional<OciManifest> existingSignatureManifest(String repository, Digest subject) {
    String tag = signatureTag(subject);
    return transport.fetchManifest(repository, tag)
        .map(f -> OciManifest.parse(f.bytes(), transport.ref() + " " + repository + ":" + tag));
  }

  /** Signature material found for a manifest, and why other listed items were unusable. */
  public record Found(List<Evidence> evidence, List<String> problems) {}

  /**
   * Every signature found for {@code subject}: simple signatures under the {@code .sig} tag and
   * Sigstore bundles among its referrers. Each byte is verified against its digest and bounded in
   * size; an oversize or endless answer fails the whole lookup ({@code TANK-E-TOO-LARGE}), while a
   * listed referrer that is broken or refers to another manifest is skipped and reported in
   * {@link Found#problems()}. Nothing here says whether a signature is valid: that is
   * {@link TrustPolicy}'s job.
   */
  public Found fetch(String repository, Digest subject) {
    List<Evidence> out = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    String tag = signatureTag(subject);
    Optional<OciManifest> sig = existingSignatureManifest(repository, subject);
    if (sig.isPresent()) {
      int n = 0;
      for (Descriptor d : sig.get().layers()) {
        String signature = d.annotations().get(SimpleSigning.SIGNATURE_ANNOTATION);
        if (!SimpleSigning.MEDIA_TYPE.equals(d.mediaType()) || signature == null || n++ >= MAX_SIGNATURES) {
          continue;
        }
        if (d.size() > SimpleSigning.MAX_PAYLOAD_BYTES) {
          throw new TankException(ErrorCode.TOO_LARGE, "signature payload is " + d.size() + " bytes",
              transport.ref().pinned(repository, d.digest()), "the registry serves something that is not a signature");
        }
        ByteArrayOutputStream payload = new ByteArrayOutputStream();
        transport.fetchBlob(repository, d.parsedDigest(), d.size(), payload);
        byte[] raw;
        try {
          raw = Base64.getDecoder().decode(signature.trim());
        } catch (IllegalArgumentException e) {
          raw = new byte[0]; // kept: the policy reports it as a signature that does not verify
        }
        out.add(Evidence.simpleSigning(payload.toByteArray(), raw, repository + ":" + tag));
      }
    }
    Referrers referrers = new Referrers(transport);
    int n = 0;
    for (Descriptor d : referrers.list(repository, subject, null)) {
      String type = d.artifactType() == null ? "" : d.artifactType();
      if (!type.startsWith(KeyBundle.MEDIA_TYPE_PREFIX) || n++ >= MAX_SIGNATURES) {
        continue;
      }
      try {
        Referrers.Attached a = referrers.fetchLayer(repository, subject, d, type, KeyBundle.MAX_BUNDLE_BYTES);
        out.add(Evidence.bundle(a.content(), repository + "@" + d.digest()));
      } catch (TankException e) {
        if (e.code() == ErrorCode.TOO_LARGE || e.code() == ErrorCode.UNREACHABLE || e.code() == ErrorCode.AUTH) {
          throw e;
        }
        problems.add("referrer " + d.digest() + " is unusable: " + e.what());
      }
    }
    return new Found(out, problems);
  }
}
