/**
 * Enforced semver: {@link dev.tank.semver.BumpCheck} compares two versions of a skill (their
 * permissions through {@code dev.tank.permissions} and their declared interfaces) and says which
 * bump the changes need, which bump the version step allows, and the lowest version that would be
 * allowed. Publish and install call it; a step that is too small is a {@code TANK-E-SEMVER} error.
 *
 * <p>Pure functions; the rules in prose, with examples, are in {@code docs/semver.md}.
 */
package dev.tank.semver;
