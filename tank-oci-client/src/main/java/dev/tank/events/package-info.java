/**
 * Events the library reports while it works (resolving, fetching, installing, publishing). Only the
 * CLI turns them into output; embedders subscribe with a {@link dev.tank.events.TankListener}.
 */
package dev.tank.events;
