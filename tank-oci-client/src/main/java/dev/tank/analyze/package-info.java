/**
 * Static analysis of skills: a rule engine over {@code SKILL.md} and every text file and script of
 * a skill. {@link dev.tank.analyze.Analyzer} is the facade; it returns an
 * {@link dev.tank.analyze.AnalysisReport} with a {@link dev.tank.analyze.Verdict} and
 * {@link dev.tank.analyze.Finding}s, and {@link dev.tank.analyze.Sarif} writes a report as SARIF 2.1.0.
 *
 * <p>How it works: one pass over each file's bytes checks UTF-8, builds the line table and runs an
 * Aho-Corasick automaton over every rule's trigger literals ({@code Triggers}); a rule's regular
 * expression runs only on lines where its triggers occurred, on bounded windows. Base64, hex and
 * char-code payloads are decoded once and scanned again. The rules are data: metadata in
 * {@code Catalog}, expressions in {@code LineChecks}. Only the facade types are public.
 *
 * <p>Depends on the media-type module only ({@code Permissions}, {@code SkillsJson}, errors).
 */
package dev.tank.analyze;
