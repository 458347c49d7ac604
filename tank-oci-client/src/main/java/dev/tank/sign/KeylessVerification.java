package dev.tank.sign;

import dev.tank.mediatypes.Digest;
import dev.tank.mediatypes.ErrorCode;
import dev.tank.mediatypes.TankException;

/** Placeholder until the keyless branch lands. */
public final class KeylessVerification {
  private KeylessVerification() {}

  public static KeylessIdentity verify(byte[] bundleJson, Digest artifact, KeylessPolicy policy) {
    throw new TankException(ErrorCode.SIGNATURE, "keyless verification is not available", artifact.toString(), null);
  }
}
