package dev.tank.mediatypes;

/** Media types and annotation keys of Tank's OCI artifacts. See DESIGN.md, "Wire format". */
public final class MediaTypes {
  private MediaTypes() {}

  public static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
  public static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
  public static final String OCI_EMPTY = "application/vnd.oci.empty.v1+json";

  /** {@code artifactType} of every skill manifest. */
  public static final String SKILL_ARTIFACT = "application/vnd.tank.skill.v1";
  /** Config blob: the skill's metadata ({@link SkillConfig}). */
  public static final String SKILL_CONFIG = "application/vnd.tank.skill.config.v1+json";
  /** The one layer: the reproducible content tarball. */
  public static final String SKILL_CONTENT = "application/vnd.tank.skill.content.v1.tar+gzip";

  public static final String AUDIT_REPORT = "application/vnd.tank.audit.v1+json";
  public static final String REVIEW = "application/vnd.tank.review.v1+json";
  public static final String CYCLONEDX_JSON = "application/vnd.cyclonedx+json";

  public static final String ANNOTATION_TITLE = "org.opencontainers.image.title";
  public static final String ANNOTATION_CREATED = "org.opencontainers.image.created";
  public static final String ANNOTATION_VERSION = "org.opencontainers.image.version";
  public static final String ANNOTATION_DESCRIPTION = "org.opencontainers.image.description";

  /**
   * The fixed creation time written on every skill manifest, so that the same input always gives
   * the same manifest digest (tools that stamp "now" break reproducibility).
   */
  public static final String FIXED_CREATED = "1970-01-01T00:00:00Z";
}
