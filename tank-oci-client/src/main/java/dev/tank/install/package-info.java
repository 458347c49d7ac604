/**
 * Install: the pipeline resolve → lock → fetch → verify → stage → commit, the safe extractor, agent
 * folder links, and the project lock and transaction that make installs atomic and serialized.
 *
 * <p>Nothing a skill contains runs at install: there are no install scripts, and files are only
 * written, never executed.
 */
package dev.tank.install;
