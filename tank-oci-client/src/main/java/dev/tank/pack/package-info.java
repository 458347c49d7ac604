/**
 * Packing: validates a skill folder ({@code SKILL.md} frontmatter, {@code skills.json}), collects its
 * files and turns them into a reproducible OCI artifact: content tarball, config blob and manifest,
 * byte-identical on every machine, JDK and file-system walk order.
 *
 * <p>Depends on {@code oci} (manifest model) and the media-type module only.
 */
package dev.tank.pack;
