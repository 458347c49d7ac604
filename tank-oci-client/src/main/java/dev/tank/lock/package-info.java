/**
 * {@code skills.lock}: building it from a resolution, reading it, and checking that it agrees with
 * {@code skills.json} (what {@code --frozen} and CI installs require).
 */
package dev.tank.lock;
