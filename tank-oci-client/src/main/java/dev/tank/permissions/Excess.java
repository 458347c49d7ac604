package dev.tank.permissions;

import java.util.Objects;

/**
 * One thing a skill asks for that the budget does not allow.
 *
 * @param skill the skill ({@code @org/name@version}), or null when the check was for one request
 * @param capability which kind of permission
 * @param requested the requested item in canonical form: a host pattern, a glob, a command
 *     ({@code *} for any command), a secret name or a request rate
 * @param why why the budget does not allow it, in one phrase
 */
public record Excess(String skill, Capability capability, String requested, String why) {
  public Excess {
    Objects.requireNonNull(capability, "capability");
    Objects.requireNonNull(requested, "requested");
    Objects.requireNonNull(why, "why");
  }

  Excess forSkill(String key) {
    return new Excess(key, capability, requested, why);
  }

  /** E.g. {@code network.outbound 'api.example.com': the budget's network.outbound does not cover it}. */
  public String describe() {
    return capability.field() + " '" + requested + "': " + why;
  }
}
