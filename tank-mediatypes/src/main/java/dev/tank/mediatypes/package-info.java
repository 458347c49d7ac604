/**
 * Tank's wire vocabulary: media types, validated identifiers ({@link dev.tank.mediatypes.Digest},
 * {@link dev.tank.mediatypes.SkillName}), the JSON models of the skill config, {@code skills.json}
 * and {@code skills.lock}, strict parsing with JSON-path errors, and the one exception family
 * ({@link dev.tank.mediatypes.TankException}) every Tank module throws at users.
 *
 * <p>Depends on Jackson only, so any runtime can read Tank's files without pulling the client.
 */
package dev.tank.mediatypes;
