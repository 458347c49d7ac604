/**
 * OCI transport: registry references, the {@link dev.tank.oci.Transport} extension point and its two
 * implementations — a remote registry over the distribution API ({@link dev.tank.oci.RemoteTransport})
 * and an OCI image-layout directory ({@link dev.tank.oci.LayoutTransport}) — plus the manifest model.
 *
 * <p>Every byte read through a transport is hashed and compared with the digest that was asked for,
 * and bounded by the size the descriptor states; no header the server sends is trusted for this.
 */
package dev.tank.oci;
