package dev.tank.install;

/** The safety suite against OCI image layouts. */
class LayoutSafetyTest extends SafetySuite {
  @Override
  String newRegistry(String testName) {
    return "oci-layout:" + tmp.resolve("layout-" + testName);
  }
}
