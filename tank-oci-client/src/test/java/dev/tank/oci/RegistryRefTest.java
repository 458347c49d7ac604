package dev.tank.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class RegistryRefTest {
  @Test
  void parsesRemoteReferences() {
    RegistryRef r = RegistryRef.parse("https://ghcr.io/my-org/skills", false);
    assertThat(r.kind()).isEqualTo(RegistryRef.Kind.REMOTE);
    assertThat(r.host()).isEqualTo("ghcr.io");
    assertThat(r.repository("acme/x")).isEqualTo("my-org/skills/acme/x");
    assertThat(RegistryRef.parse("registry.example.com:5000", false).scheme()).isEqualTo("https");
    assertThat(RegistryRef.parse("http://127.0.0.1:5000/p", false).repository("_/x")).isEqualTo("p/_/x");
    assertThat(RegistryRef.parse("http://localhost:5000", false).repository("acme/x")).isEqualTo("acme/x");
  }

  @Test
  void plainHttpToARemoteHostNeedsInsecure() {
    assertThatThrownBy(() -> RegistryRef.parse("http://registry.example.com/p", false))
        .hasMessageContaining("TANK-E-REGISTRY-REF").hasMessageContaining("--insecure");
    assertThat(RegistryRef.parse("http://registry.example.com/p", true).scheme()).isEqualTo("http");
  }

  @Test
  void credentialsInTheUrlAreRefused() {
    assertThatThrownBy(() -> RegistryRef.parse("https://user:pw@ghcr.io/x", false)).hasMessageContaining("credentials");
  }

  @Test
  void layoutReferencesAreAbsolute() {
    RegistryRef r = RegistryRef.parse("oci-layout:./reg", false);
    assertThat(r.kind()).isEqualTo(RegistryRef.Kind.LAYOUT);
    assertThat(r.layoutRoot()).isEqualTo(Path.of("reg").toAbsolutePath().normalize());
  }

  @Test
  void missingOrBadReferencesAreClearErrors() {
    assertThatThrownBy(() -> RegistryRef.parse(null, false)).hasMessageContaining("TANK_REGISTRY");
    assertThatThrownBy(() -> RegistryRef.parse("ftp://x/y", false)).hasMessageContaining("unsupported scheme");
    assertThatThrownBy(() -> RegistryRef.parse("https://ghcr.io/UPPER", false)).hasMessageContaining("invalid repository prefix");
  }
}
