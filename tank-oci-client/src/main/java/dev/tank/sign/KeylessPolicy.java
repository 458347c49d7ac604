package dev.tank.sign;

import java.nio.file.Path;

/** Placeholder until the keyless branch lands. */
public record KeylessPolicy(String identity, String identityRegex, String issuer, Path trustedRoot) {}
