package dev.tank.publish;

import dev.tank.events.TankEvent;
import dev.tank.events.TankListener;
import dev.tank.mediatypes.Digest;
import dev.tank.mediatypes.ErrorCode;
import dev.tank.mediatypes.MediaTypes;
import dev.tank.mediatypes.TankException;
import dev.tank.oci.Descriptor;
import dev.tank.oci.Referrers;
import dev.tank.oci.Transport;
import dev.tank.pack.PackedSkill;
import dev.tank.pack.Packer;
import dev.tank.pack.SkillFolder;
import dev.tank.resolve.Version;
import dev.tank.resolve.VersionRange;
import dev.tank.sbom.SkillSbom;
import dev.tank.sign.CosignKeys;
import dev.tank.sign.SignatureStore;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.util.Map;

/** Publishes a skill folder to a registry as a Tank artifact. Versions are immutable. */
public final class Publisher {
  private Publisher() {}

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
    PackedSkill packed = Packer.pack(folder, version.toString());
    String repo = transport.ref().repository(packed.name().repositoryPath());
    String tag = version.toTag();
    if (transport.fetchManifest(repo, tag).isPresent()) {
      throw new TankException(ErrorCode.VERSION_EXISTS,
          packed.name() + "@" + version + " is already published; versions are immutable",
          transport.ref() + " " + repo + ":" + tag,
          "bump \"version\" in " + dir.resolve("skills.json") + " and publish again");
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
