/** File-system helpers shared by the packages that write to disk: atomic replacement and tree deletion. */
package dev.tank.io;
