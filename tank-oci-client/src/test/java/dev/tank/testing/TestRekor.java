package dev.tank.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/**
 * A Rekor-like transparency log kept in memory: an RFC 6962 Merkle tree over entry bodies, a
 * checkpoint (signed note: origin, size, base64 root hash, then "— host base64(keyhint+sig)") and a
 * signed entry timestamp over the canonical JSON {@code {body, integratedTime, logID, logIndex}}.
 * Its log ID is the SHA-256 of its public key's DER, and the checkpoint key hint is that ID's first
 * four bytes.
 */
final class TestRekor {
  private static final Base64.Encoder B64 = Base64.getEncoder();
  final KeyPair key;
  final String host;
  final byte[] logId;
  private final String origin;
  private final List<byte[]> leaves = new ArrayList<>();

  /** A log at {@code https://host}, holding {@code earlier} unrelated entries so proofs have depth. */
  TestRekor(String host, KeyPair key, int earlier) {
    this.key = key;
    this.host = host;
    this.logId = TestFulcio.sha256(key.getPublic().getEncoded());
    // Rekor names its checkpoints "<host> - <tree id>".
    this.origin = host + " - " + (java.nio.ByteBuffer.wrap(logId).getLong() >>> 1);
    for (int i = 0; i < earlier; i++) {
      leaves.add(leafHash(("earlier entry " + i + " of " + host).getBytes(StandardCharsets.UTF_8)));
    }
  }

  /** What the log returns for a new entry, as a bundle's {@code tlogEntries[]} element. */
  synchronized ObjectNode append(byte[] body, long integratedTime, boolean signedEntryTimestamp, ObjectMapper json) {
    long index = leaves.size();
    leaves.add(leafHash(body));
    List<byte[]> tree = List.copyOf(leaves);
    byte[] root = hash(tree);
    String logIdHex = HexFormat.of().formatHex(logId);

    ObjectNode entry = json.createObjectNode();
    entry.put("logIndex", Long.toString(index));
    entry.putObject("logId").put("keyId", B64.encodeToString(logId));
    entry.putObject("kindVersion").put("kind", "hashedrekord").put("version", "0.0.1");
    entry.put("integratedTime", Long.toString(integratedTime));
    if (signedEntryTimestamp) {
      String bodyB64 = B64.encodeToString(body);
      // RFC 8785 canonical form: keys sorted, no spaces; base64 and hex need no escaping.
      String set = "{\"body\":\"" + bodyB64 + "\",\"integratedTime\":" + integratedTime + ",\"logID\":\"" + logIdHex
          + "\",\"logIndex\":" + index + "}";
      entry.putObject("inclusionPromise").put("signedEntryTimestamp",
          B64.encodeToString(TestFulcio.sign(key.getPrivate(), "SHA256withECDSA", set.getBytes(StandardCharsets.UTF_8))));
    }
    ObjectNode proof = entry.putObject("inclusionProof");
    proof.put("logIndex", Long.toString(index));
    proof.put("rootHash", B64.encodeToString(root));
    proof.put("treeSize", Long.toString(tree.size()));
    ArrayNode hashes = proof.putArray("hashes");
    for (byte[] h : path((int) index, tree)) {
      hashes.add(B64.encodeToString(h));
    }
    proof.putObject("checkpoint").put("envelope", checkpoint(tree.size(), root));
    entry.put("canonicalizedBody", B64.encodeToString(body));
    return entry;
  }

  private String checkpoint(int size, byte[] root) {
    String note = origin + "\n" + size + "\n" + B64.encodeToString(root) + "\n";
    byte[] sig = TestFulcio.sign(key.getPrivate(), "SHA256withECDSA", note.getBytes(StandardCharsets.UTF_8));
    byte[] hintAndSig = new byte[4 + sig.length];
    System.arraycopy(logId, 0, hintAndSig, 0, 4);
    System.arraycopy(sig, 0, hintAndSig, 4, sig.length);
    return note + "\n\u2014 " + host + " " + B64.encodeToString(hintAndSig) + "\n";
  }

  static byte[] leafHash(byte[] body) {
    return digest(new byte[] {0}, body);
  }

  /** RFC 6962 MTH over leaf hashes. */
  static byte[] hash(List<byte[]> leaves) {
    if (leaves.size() == 1) {
      return leaves.get(0);
    }
    int k = split(leaves.size());
    return digest(new byte[] {1}, hash(leaves.subList(0, k)), hash(leaves.subList(k, leaves.size())));
  }

  /** RFC 6962 audit path for leaf {@code m}, from the leaf up. */
  static List<byte[]> path(int m, List<byte[]> leaves) {
    List<byte[]> out = new ArrayList<>();
    if (leaves.size() <= 1) {
      return out;
    }
    int k = split(leaves.size());
    if (m < k) {
      out.addAll(path(m, leaves.subList(0, k)));
      out.add(hash(leaves.subList(k, leaves.size())));
    } else {
      out.addAll(path(m - k, leaves.subList(k, leaves.size())));
      out.add(hash(leaves.subList(0, k)));
    }
    return out;
  }

  /** The largest power of two smaller than {@code n}. */
  private static int split(int n) {
    int k = Integer.highestOneBit(n);
    return k == n ? k / 2 : k;
  }

  private static byte[] digest(byte[]... parts) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      Arrays.stream(parts).forEach(md::update);
      return md.digest();
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
