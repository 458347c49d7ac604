/**
 * The {@code tank} command line (picocli). The only package that prints: tables, progress on
 * terminals, {@code --json} output and error reports with stable codes. Exit codes: 0 ok, 1 a
 * failed check or operation, 2 wrong usage.
 */
package dev.tank.cli;
