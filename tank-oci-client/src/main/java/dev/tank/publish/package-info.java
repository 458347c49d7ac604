/** Publishing: validate and pack a skill folder, refuse existing versions, push the artifact. */
package dev.tank.publish;
