package dev.tank.pack;

import dev.tank.mediatypes.Digest;
import dev.tank.mediatypes.ErrorCode;
import dev.tank.mediatypes.Json;
import dev.tank.mediatypes.MediaTypes;
import dev.tank.mediatypes.SkillConfig;
import dev.tank.mediatypes.SkillName;
import dev.tank.mediatypes.SkillsJson;
import dev.tank.mediatypes.TankException;
import dev.tank.oci.Descriptor;
import dev.tank.oci.OciManifest;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a validated {@link SkillFolder} into its OCI artifact. Pure function of the folder's file
 * names, contents and executable bits: timestamps, owners and walk order never reach the output.
 */
public final class Packer {
  private Packer() {}

  /** Packs {@code folder} as {@code version} (normally {@link SkillFolder#version()}). */
  public static PackedSkill pack(SkillFolder folder, String version) {
    SkillName name = folder.skillName();
    ReproducibleTarGz tar = new ReproducibleTarGz();
    List<SkillConfig.FileEntry> files = new ArrayList<>();
    HexFormat hex = HexFormat.of();
    for (SkillFolder.SourceFile f : folder.files()) {
      byte[] content;
      try {
        content = Files.readAllBytes(f.absolute());
      } catch (IOException e) {
        throw new TankException(ErrorCode.IO, "cannot read file: " + e.getMessage(), f.absolute().toString(), null, e);
      }
      if (content.length != f.size()) {
        throw new TankException(
            ErrorCode.IO, "file changed while packing", f.absolute().toString(), "run the command again");
      }
      tar.add(f.path(), content, f.executable());
      files.add(new SkillConfig.FileEntry(
          f.path(), content.length, f.executable() ? "0755" : "0644",
          hex.formatHex(Digest.messageDigest("SHA-256").digest(content))));
    }
    byte[] layer = tar.finish();
    SkillsJson sj = folder.skillsJson();
    SkillConfig config = new SkillConfig(
        SkillConfig.SCHEMA_VERSION,
        name.toString(),
        version,
        folder.frontmatter().description(),
        folder.frontmatter().license(),
        sj == null ? Map.of() : sj.skills(),
        sj == null ? null : sj.permissions(),
        sj == null ? null : sj.iface(),
        folder.frontmatter(),
        files);
    byte[] configBytes = Json.writeCompact(config);
    Digest configDigest = Digest.sha256(configBytes);
    Digest layerDigest = Digest.sha256(layer);

    Map<String, String> layerAnnotations = Map.of(MediaTypes.ANNOTATION_TITLE, name.name() + "-" + version + ".tar.gz");
    Map<String, String> annotations = new LinkedHashMap<>();
    annotations.put(MediaTypes.ANNOTATION_CREATED, MediaTypes.FIXED_CREATED);
    annotations.put(MediaTypes.ANNOTATION_TITLE, name.toString());
    annotations.put(MediaTypes.ANNOTATION_VERSION, version);
    OciManifest manifest = new OciManifest(
        2,
        MediaTypes.OCI_MANIFEST,
        MediaTypes.SKILL_ARTIFACT,
        embedIfSmall(Descriptor.of(MediaTypes.SKILL_CONFIG, configDigest, configBytes.length), configBytes),
        List.of(Descriptor.of(MediaTypes.SKILL_CONTENT, layerDigest, layer.length).withAnnotations(layerAnnotations)),
        null,
        annotations);
    byte[] manifestBytes = manifest.toBytes();
    return new PackedSkill(
        name, version, config, configBytes, configDigest, layer, layerDigest, manifest, manifestBytes,
        Digest.sha256(manifestBytes));
  }

  /**
   * Configs up to this size travel inside the manifest as well as beside it (the descriptor's
   * {@code data}): a client resolving dependencies then needs one request per skill instead of two.
   * The blob is still pushed, for clients that ignore {@code data}.
   */
  static final int EMBED_CONFIG_UP_TO = 16 * 1024;

  private static Descriptor embedIfSmall(Descriptor d, byte[] content) {
    return content.length <= EMBED_CONFIG_UP_TO ? d.withData(content) : d;
  }
}
