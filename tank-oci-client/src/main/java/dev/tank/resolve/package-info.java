/**
 * Resolution: npm-compatible versions and ranges ({@link dev.tank.resolve.Version}, {@link
 * dev.tank.resolve.VersionRange}) and the {@link dev.tank.resolve.Resolver}, which picks one version
 * per skill name for a whole project and explains conflicts with both dependency paths.
 *
 * <p>Depends on the media-type module only; skills and their versions come in through {@link
 * dev.tank.resolve.Catalog}.
 */
package dev.tank.resolve;
