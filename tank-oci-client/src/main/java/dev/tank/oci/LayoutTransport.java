package dev.tank.oci;

import dev.tank.mediatypes.Digest;
import dev.tank.mediatypes.ErrorCode;
import dev.tank.mediatypes.MediaTypes;
import dev.tank.io.AtomicFiles;
import dev.tank.mediatypes.TankException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An OCI image-layout directory as a registry: each repository {@code org/name} is its own layout
 * at {@code ROOT/org/name} ({@code oci-layout}, {@code index.json}, {@code blobs/sha256/...}), tags
 * are {@code org.opencontainers.image.ref.name} annotations. Stock tools read it as {@code
 * oci:ROOT/org/name:TAG}. Writers serialize on a lock file and replace {@code index.json}
 * atomically, so readers never see a half-written index.
 */
public final class LayoutTransport implements Transport {
  static final String REF_NAME = "org.opencontainers.image.ref.name";
  private static final byte[] LAYOUT_FILE = "{\"imageLayoutVersion\":\"1.0.0\"}".getBytes(StandardCharsets.UTF_8);

  private final RegistryRef ref;
  private final Path root;

  public LayoutTransport(RegistryRef ref) {
    this.ref = ref;
    this.root = ref.layoutRoot();
  }

  @Override
  public RegistryRef ref() {
    return ref;
  }

  @Override
  public List<String> listRepositories() {
    List<String> out = new ArrayList<>();
    if (!Files.isDirectory(root)) {
      return out;
    }
    try (java.util.stream.Stream<Path> walk = Files.walk(root, 4)) {
      walk.filter(p -> Files.isRegularFile(p.resolve("oci-layout")))
          .forEach(p -> out.add(root.relativize(p).toString().replace('\\', '/')));
    } catch (IOException e) {
      return out;
    }
    java.util.Collections.sort(out);
    return out;
  }

  private Path repo(String repository) {
    Path p = root.resolve(repository).normalize();
    if (!p.startsWith(root)) {
      throw new IllegalArgumentException("repository escapes layout: " + repository);
    }
    return p;
  }

  /** Where this layout keeps (or would keep) blob {@code d} of {@code repository}; the file may not exist. */
  public Path blobPath(String repository, Digest d) {
    return repo(repository).resolve("blobs").resolve(d.algorithm()).resolve(d.hex());
  }

  private OciIndex readIndex(String repository) {
    Path idx = repo(repository).resolve("index.json");
    try {
      byte[] b = Files.readAllBytes(idx);
      return OciIndex.parse(b, idx.toString());
    } catch (NoSuchFileException e) {
      return null;
    } catch (IOException e) {
      throw new TankException(ErrorCode.IO, "cannot read layout index: " + e.getMessage(), idx.toString(), null, e);
    }
  }

  @Override
  public List<String> listTags(String repository) {
    OciIndex idx = readIndex(repository);
    List<String> tags = new ArrayList<>();
    if (idx != null) {
      for (Descriptor d : idx.manifests()) {
        String tag = d.annotations().get(REF_NAME);
        if (tag != null) {
          tags.add(tag);
        }
      }
    }
    return tags;
  }

  @Override
  public Optional<Fetched> fetchManifest(String repository, String reference) {
    Descriptor desc = null;
    if (reference.contains(":")) {
      Digest d = Digest.parse(reference);
      if (!Files.exists(blobPath(repository, d))) {
        return Optional.empty();
      }
      OciIndex idx = readIndex(repository);
      String mt = MediaTypes.OCI_MANIFEST;
      if (idx != null) {
        for (Descriptor x : idx.manifests()) {
          if (x.digest().equals(d.toString())) {
            mt = x.mediaType();
          }
        }
      }
      desc = new Descriptor(mt, null, d.toString(), sizeOf(blobPath(repository, d)), null, null);
    } else {
      OciIndex idx = readIndex(repository);
      if (idx == null) {
        return Optional.empty();
      }
      for (Descriptor x : idx.manifests()) {
        if (reference.equals(x.annotations().get(REF_NAME))) {
          desc = x;
        }
      }
      if (desc == null) {
        return Optional.empty();
      }
    }
    if (desc.size() > MAX_MANIFEST_BYTES) {
      throw new TankException(ErrorCode.TOO_LARGE, "manifest larger than " + MAX_MANIFEST_BYTES + " bytes",
          ref.pinned(repository, desc.digest()), "the layout's index points at something that is not a skill manifest;"
              + " publish the skill again or copy it from its registry");
    }
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    fetchBlob(repository, desc.parsedDigest(), desc.size(), out);
    return Optional.of(new Fetched(out.toByteArray(), desc.mediaType(), desc.parsedDigest()));
  }

  private static long sizeOf(Path p) {
    try {
      return Files.size(p);
    } catch (IOException e) {
      throw new TankException(ErrorCode.IO, "cannot read: " + e.getMessage(), p.toString(), null, e);
    }
  }

  @Override
  public void fetchBlob(String repository, Digest digest, long expectedSize, OutputStream out) {
    Path p = blobPath(repository, digest);
    String where = ref.pinned(repository, digest.toString());
    try (InputStream in = Files.newInputStream(p)) {
      Verified.copy(in, out, digest, expectedSize, where);
    } catch (NoSuchFileException e) {
      throw new TankException(ErrorCode.NOT_FOUND, "blob missing from the layout", where,
          "the layout is incomplete; publish the skill again", e);
    } catch (IOException e) {
      throw new TankException(ErrorCode.IO, "cannot read blob: " + e.getMessage(), where, null, e);
    }
  }

  @Override
  public boolean blobExists(String repository, Digest digest) {
    return Files.isRegularFile(blobPath(repository, digest));
  }

  @Override
  public void pushBlob(String repository, Digest digest, byte[] content) {
    Verified.check(content, digest, "blob to push");
    withLock(() -> {
      ensureLayout(repository);
      Path p = blobPath(repository, digest);
      if (!Files.exists(p)) {
        atomicWrite(p, content);
      }
    });
  }

  @Override
  public void pushManifest(String repository, String reference, String mediaType, byte[] bytes) {
    Digest d = Digest.sha256(bytes);
    withLock(() -> {
      ensureLayout(repository);
      Path p = blobPath(repository, d);
      if (!Files.exists(p)) {
        atomicWrite(p, bytes);
      }
      OciIndex idx = readIndex(repository);
      List<Descriptor> list = new ArrayList<>(idx == null ? List.of() : idx.manifests());
      boolean isTag = !reference.contains(":");
      String artifactType = artifactTypeOf(bytes);
      Map<String, String> ann = new HashMap<>();
      if (isTag) {
        ann.put(REF_NAME, reference);
        list.removeIf(x -> reference.equals(x.annotations().get(REF_NAME)));
      } else if (list.stream().anyMatch(x -> x.digest().equals(d.toString()))) {
        return;
      }
      list.add(new Descriptor(mediaType, artifactType, d.toString(), bytes.length, null, ann));
      OciIndex updated = new OciIndex(2, MediaTypes.OCI_INDEX, null, list, null);
      atomicWrite(repo(repository).resolve("index.json"), updated.toBytes());
    });
  }

  private static String artifactTypeOf(byte[] manifestBytes) {
    try {
      return OciManifest.parse(manifestBytes, "manifest").artifactType();
    } catch (TankException e) {
      return null;
    }
  }

  private void ensureLayout(String repository) throws IOException {
    Path r = repo(repository);
    Files.createDirectories(r.resolve("blobs").resolve("sha256"));
    Path marker = r.resolve("oci-layout");
    if (!Files.exists(marker)) {
      atomicWrite(marker, LAYOUT_FILE);
    }
    if (!Files.exists(r.resolve("index.json"))) {
      atomicWrite(r.resolve("index.json"), new OciIndex(2, MediaTypes.OCI_INDEX, null, List.of(), null).toBytes());
    }
  }

  private static void atomicWrite(Path target, byte[] content) throws IOException {
    AtomicFiles.write(target, content, true);
  }


  private interface IoAction {
    void run() throws IOException;
  }

  private void withLock(IoAction action) {
    try {
      Files.createDirectories(root);
      try (FileChannel ch = FileChannel.open(root.resolve(".tank-layout.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
          FileLock lock = ch.lock()) {
        action.run();
      }
    } catch (IOException e) {
      throw new TankException(ErrorCode.IO, "cannot write to the OCI layout: " + e.getMessage(), root.toString(),
          "check that the directory is writable", e);
    }
  }
}
