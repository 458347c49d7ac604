package dev.tank.events;

/** What the library is doing. */
public sealed interface TankEvent {
  /** Waiting for another Tank process that holds the project lock. */
  record Waiting(String reason) implements TankEvent {}

  record Resolving(int roots) implements TankEvent {}

  record Resolved(int skills) implements TankEvent {}

  /** Starting to fetch one skill; {@code index} of {@code total}. */
  record Fetching(String skill, int index, int total) implements TankEvent {}

  /** One skill's content is available, from the cache or the registry. */
  record Fetched(String skill, long bytes, boolean fromCache) implements TankEvent {}

  record Installed(String skill, String directory) implements TankEvent {}

  record Removed(String skill) implements TankEvent {}

  record Linked(String skill, String agentFolder, boolean copied) implements TankEvent {}

  record Pushed(String what, String reference) implements TankEvent {}
}
