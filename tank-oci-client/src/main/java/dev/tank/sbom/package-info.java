/** CycloneDX 1.6 software bills of materials for skills. */
package dev.tank.sbom;
