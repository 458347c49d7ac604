/**
 * A content-addressed cache of manifests and blobs under the user cache directory (or {@code
 * TANK_CACHE}). Entries are re-hashed before every use; a corrupt entry is evicted and fetched again.
 */
package dev.tank.cache;
