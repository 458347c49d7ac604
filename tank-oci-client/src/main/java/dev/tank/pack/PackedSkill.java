package dev.tank.pack;

import dev.tank.mediatypes.Digest;
import dev.tank.mediatypes.SkillConfig;
import dev.tank.mediatypes.SkillName;
import dev.tank.oci.OciManifest;

/**
 * A packed skill: the three blobs of its OCI artifact and their digests. The byte arrays are the
 * exact bytes to push; never re-serialize them.
 */
public record PackedSkill(
    SkillName name,
    String version,
    SkillConfig config,
    byte[] configBytes,
    Digest configDigest,
    byte[] layerBytes,
    Digest layerDigest,
    OciManifest manifest,
    byte[] manifestBytes,
    Digest manifestDigest) {}
