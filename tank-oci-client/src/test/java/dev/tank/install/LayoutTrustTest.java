package dev.tank.install;

/** The trust suite against OCI image layouts. */
class LayoutTrustTest extends TrustSuite {
  @Override
  String newRegistry(String testName) {
    return "oci-layout:" + tmp.resolve("layout-" + testName);
  }
}
