package dev.tank.install;

import dev.tank.mediatypes.Digest;
import dev.tank.mediatypes.SkillConfig;
import dev.tank.mediatypes.SkillName;
import dev.tank.oci.Descriptor;
import dev.tank.oci.OciManifest;

/** A skill version's verified manifest and config, and where it came from. */
public record SkillArtifact(
    SkillName name,
    String version,
    Digest manifestDigest,
    OciManifest manifest,
    SkillConfig config,
    String resolved,
    byte[] manifestBytes) {

  /** The content layer's descriptor. */
  public Descriptor layer() {
    return manifest.layers().get(0);
  }
}
