package dev.tank.install;

import dev.tank.testing.DistributionRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The safety suite against a real CNCF distribution registry, one per class. */
class RegistrySafetyTest extends SafetySuite {
  static DistributionRegistry server;

  @BeforeAll
  static void startRegistry() {
    server = DistributionRegistry.start();
  }

  @AfterAll
  static void stopRegistry() {
    server.close();
  }

  @Override
  String newRegistry(String testName) {
    return server.url() + "/" + testName;
  }
}
