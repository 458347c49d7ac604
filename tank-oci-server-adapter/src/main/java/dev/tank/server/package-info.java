/** The tank-registry server adapter. Not built yet: its issue will add the /v1 API and the publish gate. */
package dev.tank.server;
