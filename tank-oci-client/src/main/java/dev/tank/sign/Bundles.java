package dev.tank.sign;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.sigstore.bundle.Bundle;
import dev.sigstore.bundle.BundleParseException;
import dev.tank.mediatypes.ErrorCode;
import dev.tank.mediatypes.Json;
import dev.tank.mediatypes.TankException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * Reads Sigstore bundles with sigstore-java, after a first look of Tank's own that turns the common
 * ways a bundle is unusable into precise messages (sigstore-java's parser says little more than
 * "could not process bundle json").
 */
final class Bundles {
  /** A keyless bundle is a few kilobytes: a certificate, a signature, one log entry. */
  static final int MAX_BYTES = 1 << 20;
  static final List<String> MEDIA_TYPES = List.of(
      "application/vnd.dev.sigstore.bundle.v0.3+json",
      "application/vnd.dev.sigstore.bundle+json;version=0.3",
      "application/vnd.dev.sigstore.bundle+json;version=0.2",
      "application/vnd.dev.sigstore.bundle+json;version=0.1");
  static final String HINT =
      "the publisher must sign this version again: a Sigstore bundle (v0.3) with a message signature and a log entry";

  private Bundles() {}

  /** The parsed bundle; any defect is a SIGNATURE error at {@code where}. */
  static Bundle parse(byte[] json, String where) {
    if (json.length > MAX_BYTES) {
      throw malformed("bundle is " + json.length + " bytes, more than the " + MAX_BYTES + " a Sigstore bundle can need",
          where, null);
    }
    JsonNode root;
    try {
      root = Json.mapper().readTree(json);
    } catch (JsonProcessingException e) {
      // The original message only: the full one quotes the input.
      throw malformed("bundle is not valid JSON: " + e.getOriginalMessage(), where, e);
    } catch (IOException e) {
      throw malformed("bundle is not valid JSON: " + TrustedRoots.reason(e), where, e);
    }
    if (root == null || !root.isObject()) {
      throw malformed("bundle is not a JSON object", where, null);
    }
    lookFirst(root, where);
    try {
      return Bundle.from(new InputStreamReader(new ByteArrayInputStream(json), StandardCharsets.UTF_8));
    } catch (BundleParseException e) {
      String detail = e.getCause() == null ? e.getMessage() : e.getMessage() + ": " + TrustedRoots.reason(e);
      throw malformed("malformed Sigstore bundle: " + detail, where, e);
    } catch (IllegalStateException e) {
      if (String.valueOf(e.getMessage()).startsWith("No timestamp verification")) {
        throw new TankException(ErrorCode.SIGNATURE,
            "bundle has neither a signed entry timestamp (inclusion promise) nor an RFC 3161 timestamp, so the time of "
                + "signing cannot be checked against the certificate", where, HINT, e);
      }
      throw malformed("malformed Sigstore bundle: " + TrustedRoots.reason(e), where, e);
    } catch (RuntimeException e) {
      throw malformed("malformed Sigstore bundle: " + TrustedRoots.reason(e), where, e);
    }
  }

  /** The signing (leaf) certificate of a parsed bundle. */
  static X509Certificate leaf(Bundle bundle) {
    return (X509Certificate) bundle.getCertPath().getCertificates().get(0);
  }

  private static void lookFirst(JsonNode root, String where) {
    JsonNode mediaType = root.get("mediaType");
    if (mediaType == null || !mediaType.isTextual()) {
      throw malformed("bundle has no 'mediaType'", where, null);
    }
    if (!MEDIA_TYPES.contains(mediaType.asText())) {
      throw malformed("unsupported bundle media type '" + mediaType.asText() + "' (Tank reads Sigstore bundles v0.1 to v0.3)",
          where, null);
    }
    if (!root.path("messageSignature").isObject()) {
      if (root.has("dsseEnvelope")) {
        throw malformed("bundle holds a DSSE envelope (an attestation), not a message signature over the manifest", where,
            null);
      }
      throw malformed("bundle has no 'messageSignature'", where, null);
    }
    JsonNode material = root.path("verificationMaterial");
    if (!material.isObject()) {
      throw malformed("bundle has no 'verificationMaterial'", where, null);
    }
    if (material.has("publicKey")) {
      throw new TankException(ErrorCode.SIGNATURE,
          "bundle was signed with a plain key, not a keyless (Fulcio) certificate", where,
          "verify key-pair signatures with trust.keys, or sign keyless");
    }
    JsonNode entries = material.path("tlogEntries");
    if (!entries.isArray() || entries.isEmpty()) {
      throw new TankException(ErrorCode.SIGNATURE,
          "bundle has no transparency log entry: a keyless signature is only trusted once it is in the log", where,
          "sign with an upload to the transparency log (cosign's default; not --tlog-upload=false)");
    }
  }

  static TankException malformed(String what, String where, Throwable cause) {
    return new TankException(ErrorCode.SIGNATURE, what, where, HINT, cause);
  }
}
