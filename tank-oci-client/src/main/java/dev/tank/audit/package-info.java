/**
 * The 0–10 audit score: each point with its evidence, reproducible from public facts about a
 * skill version (signatures, analysis, packing, SBOM, coverage, reviews, advisories).
 */
package dev.tank.audit;
