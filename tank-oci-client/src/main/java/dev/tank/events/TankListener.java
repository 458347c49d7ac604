package dev.tank.events;

/** Receives {@link TankEvent}s. Called on the working thread(s); keep it quick and thread-safe. */
@FunctionalInterface
public interface TankListener {
  TankListener NONE = e -> {};

  void on(TankEvent event);
}
