package dev.tank.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * What the command-line half of a resident Tank process would cost per command, which Tank does not
 * have (see bench/README.md, sixth round): a new JVM that sends its arguments, working folder and
 * environment over a Unix socket and waits for the exit code. {@code serve SOCKET} answers every
 * request at once with exit code 0, so the time of {@code client SOCKET ARGS...} is the client's
 * start, connection and round trip, without any work behind it.
 *
 * <p>Usage: {@code ClientRoundTrip serve SOCKET} (runs until killed) or
 * {@code ClientRoundTrip client SOCKET ARGS...} (exits with the code the server answers).
 */
public final class ClientRoundTrip {
  private ClientRoundTrip() {}

  public static void main(String[] args) throws IOException {
    if (args.length < 2 || !(args[0].equals("serve") || args[0].equals("client"))) {
      System.err.println("usage: ClientRoundTrip serve SOCKET | client SOCKET ARGS...");
      System.exit(2);
    }
    Path socket = Path.of(args[1]);
    if (args[0].equals("serve")) {
      serve(socket);
    } else {
      String[] rest = new String[args.length - 2];
      System.arraycopy(args, 2, rest, 0, rest.length);
      System.exit(client(socket, rest));
    }
  }

  private static void serve(Path socket) throws IOException {
    Files.deleteIfExists(socket);
    try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      server.bind(UnixDomainSocketAddress.of(socket));
      while (true) {
        try (SocketChannel c = server.accept()) {
          ByteBuffer length = readFully(c, 4);
          readFully(c, length.getInt());
          c.write(ByteBuffer.allocate(4).putInt(0).flip());
        }
      }
    }
  }

  /** One request, as a client would frame it: length, then folder, arguments and environment. */
  private static int client(Path socket, String[] args) throws IOException {
    ByteArrayOutputStream request = new ByteArrayOutputStream();
    field(request, Path.of("").toAbsolutePath().toString());
    field(request, String.valueOf(args.length));
    for (String a : args) {
      field(request, a);
    }
    for (Map.Entry<String, String> e : System.getenv().entrySet()) {
      field(request, e.getKey() + "=" + e.getValue());
    }
    byte[] body = request.toByteArray();
    try (SocketChannel c = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
      c.write(ByteBuffer.allocate(4 + body.length).putInt(body.length).put(body).flip());
      return readFully(c, 4).getInt();
    }
  }

  private static void field(ByteArrayOutputStream out, String s) {
    out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
    out.write(0);
  }

  private static ByteBuffer readFully(SocketChannel c, int n) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(n);
    while (b.hasRemaining()) {
      if (c.read(b) < 0) {
        throw new IOException("connection closed after " + b.position() + " of " + n + " bytes");
      }
    }
    return b.flip();
  }
}
