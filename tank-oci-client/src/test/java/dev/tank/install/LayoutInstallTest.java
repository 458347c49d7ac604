package dev.tank.install;

/** The install suite against an OCI image-layout directory (the embedded default). */
class LayoutInstallTest extends InstallSuite {
  @Override
  String newRegistry(String testName) {
    return "oci-layout:" + tmp.resolve("layout-" + testName);
  }
}
