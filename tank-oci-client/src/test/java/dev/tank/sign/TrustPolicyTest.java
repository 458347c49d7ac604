package dev.tank.sign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tank.mediatypes.Digest;
import dev.tank.mediatypes.ErrorCode;
import dev.tank.mediatypes.SkillName;
import dev.tank.mediatypes.SkillsJson;
import dev.tank.mediatypes.TankException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TrustPolicyTest {
  static final KeyPair KEY = CosignKeys.generate();
  static final KeyPair OTHER = CosignKeys.generate();
  static final SkillName X = SkillName.parse("@acme/x");
  static final byte[] MANIFEST = "{\"schemaVersion\":2}".getBytes(StandardCharsets.UTF_8);
  static final Digest D = Digest.sha256(MANIFEST);

  @TempDir Path dir;

  @BeforeEach
  void writeKey() throws IOException {
    Files.writeString(dir.resolve("acme.pub"), CosignKeys.publicKeyPem(KEY.getPublic()));
  }

  TrustPolicy load(String json) throws IOException {
    Files.writeString(dir.resolve("skills.json"), json);
    return TrustPolicy.load(SkillsJson.read(dir.resolve("skills.json")), dir);
  }

  static Evidence simple(KeyPair k, String reference, Digest digest) {
    byte[] payload = SimpleSigning.payload(reference, digest);
    return Evidence.simpleSigning(payload, CosignKeys.sign(k.getPrivate(), payload), "test");
  }

  @Test
  void aTrustedKeyVerifiesBothSignatureForms() throws IOException {
    TrustPolicy p = load("{\"trust\": {\"keys\": [{\"name\": \"acme\", \"public_key\": \"acme.pub\"}]}}");
    assertThat(p.requires(X)).isFalse();
    List<String> why = new ArrayList<>();
    assertThat(p.check(X, D, MANIFEST, List.of(simple(KEY, "h/acme/x", D)), why)).get()
        .extracting(TrustPolicy.Verified::label).asString().startsWith("key acme sha256:");
    Evidence bundle = Evidence.bundle(KeyBundle.create(KEY.getPrivate(), KEY.getPublic(), MANIFEST), "test");
    assertThat(p.check(X, D, MANIFEST, List.of(bundle), why)).isPresent();
  }

  @Test
  void eachWayOfBeingWrongIsNamed() throws IOException {
    TrustPolicy p = load("{\"trust\": {\"keys\": [{\"public_key\": \"acme.pub\"}]}, \"audit\": {\"require_signing\": true}}");
    assertThat(p.requires(X)).isTrue();
    Digest other = Digest.sha256("other".getBytes(StandardCharsets.UTF_8));
    List<Evidence> evidence = List.of(
        simple(OTHER, "h/acme/x", D),
        simple(KEY, "h/acme/y", D),
        simple(KEY, "h/acme/x", other),
        Evidence.bundle(KeyBundle.create(OTHER.getPrivate(), OTHER.getPublic(), MANIFEST), "b1"),
        Evidence.bundle("{\"mediaType\":\"nope\"}".getBytes(StandardCharsets.UTF_8), "b2"));
    assertThatThrownBy(() -> p.require(X, "@acme/x@1.0.0", D, MANIFEST, evidence, "reg"))
        .isInstanceOf(TankException.class)
        .satisfies(e -> assertThat(((TankException) e).code()).isEqualTo(ErrorCode.SIGNATURE))
        .hasMessageContaining("does not verify with any trusted key")
        .hasMessageContaining("names 'h/acme/y', not @acme/x")
        .hasMessageContaining("covers " + other)
        .hasMessageContaining("Sigstore bundle does not verify")
        .hasMessageContaining("no Sigstore bundle mediaType");
    assertThatThrownBy(() -> p.require(X, "@acme/x@1.0.0", D, MANIFEST, List.of(), "reg"))
        .hasMessageContaining("carries no signature");
  }

  @Test
  void scopedEntriesApplyToAndRequireOnlyTheirScope() throws IOException {
    TrustPolicy p = load("{\"trust\": {\"keys\": [{\"public_key\": \"acme.pub\", \"scopes\": [\"@acme\"]}]}}");
    assertThat(p.requires(X)).isTrue();
    SkillName other = SkillName.parse("@other/x");
    assertThat(p.requires(other)).isFalse();
    // The acme key does not vouch for @other skills.
    assertThat(p.check(other, D, MANIFEST, List.of(simple(KEY, "h/other/x", D)), new ArrayList<>())).isEmpty();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "{\"trust\": {\"keyz\": []}} | $.trust.keyz",
    "{\"trust\": {\"keys\": {}}} | $.trust.keys",
    "{\"trust\": {\"keys\": [{\"name\": \"a\"}]}} | $.trust.keys[0].public_key",
    "{\"trust\": {\"keys\": [{\"public_key\": \"acme.pub\", \"scopes\": [\"acme\"]}]}} | $.trust.keys[0].scopes",
    "{\"trust\": {\"keyless\": [{\"issuer\": \"https://i\"}]}} | $.trust.keyless[0]",
    "{\"trust\": {\"keyless\": [{\"identity\": \"a\", \"identity_regex\": \"b\", \"issuer\": \"https://i\"}]}} | $.trust.keyless[0]",
    "{\"trust\": {\"keyless\": [{\"identity_regex\": \"(\", \"issuer\": \"https://i\"}]}} | $.trust.keyless[0].identity_regex",
    "{\"trust\": {\"keyless\": [{\"identity\": \"a\"}]}} | $.trust.keyless[0].issuer",
    "{\"audit\": {\"require_signing\": true}} | $.trust"
  })
  void badTrustSectionsNameTheJsonPath(String json, String path) {
    assertThatThrownBy(() -> load(json)).isInstanceOf(TankException.class)
        .satisfies(e -> assertThat(((TankException) e).code()).isEqualTo(ErrorCode.SCHEMA))
        .hasMessageContaining(path);
  }

  @Test
  void missingOrCorruptKeyFilesAreKeyErrorsNamingTheFile() throws IOException {
    assertThatThrownBy(() -> load("{\"trust\": {\"keys\": [{\"public_key\": \"missing.pub\"}]}}"))
        .satisfies(e -> assertThat(((TankException) e).code()).isEqualTo(ErrorCode.KEY))
        .hasMessageContaining("missing.pub");
    Files.writeString(dir.resolve("bad.pub"), "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n");
    assertThatThrownBy(() -> load("{\"trust\": {\"keys\": [{\"public_key\": \"bad.pub\"}]}}"))
        .satisfies(e -> assertThat(((TankException) e).code()).isEqualTo(ErrorCode.KEY))
        .hasMessageContaining("bad.pub");
  }

  @Test
  void evidenceSurvivesTheCacheRoundTrip() {
    Evidence e = simple(KEY, "h/acme/x", D);
    Evidence back = Evidence.parse(e.toBytes(), "t");
    assertThat(back.payload()).isEqualTo(e.payload());
    assertThat(back.signature()).isEqualTo(e.signature());
    assertThat(back.toBytes()).isEqualTo(e.toBytes());
    assertThatThrownBy(() -> Evidence.parse("{\"kind\":\"x\"}".getBytes(StandardCharsets.UTF_8), "t"))
        .satisfies(x -> assertThat(((TankException) x).code()).isEqualTo(ErrorCode.SIGNATURE));
  }

  @Test
  void publicKeyIsDerivedFromThePrivateKey() {
    assertThat(CosignKeys.publicKeyOf(KEY.getPrivate()).getEncoded()).isEqualTo(KEY.getPublic().getEncoded());
  }
}
