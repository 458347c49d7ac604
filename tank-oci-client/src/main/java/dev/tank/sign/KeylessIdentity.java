package dev.tank.sign;

/** Placeholder until the keyless branch lands. */
public record KeylessIdentity(String subject, String issuer) {}
