package dev.tank.oci;

import dev.tank.mediatypes.ErrorCode;
import dev.tank.mediatypes.TankException;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Trust for registries whose TLS certificate comes from a private certificate authority (a company
 * CA, a self-hosted Harbor): {@code TANK_CA_FILE} names a PEM file with one or more CA
 * certificates, trusted in addition to the JVM's own roots, never instead of them. There is no way
 * to switch certificate checks off.
 */
final class TlsTrust {
  static final String ENV = "TANK_CA_FILE";

  /** One context per CA file and run: the same factory lets kept-alive connections be reused. */
  private static final Map<Path, SSLSocketFactory> BY_FILE = new ConcurrentHashMap<>();

  private TlsTrust() {}

  /** The socket factory {@code TANK_CA_FILE} asks for, or null (the JVM's defaults) when unset. */
  static SSLSocketFactory fromEnv(Map<String, String> env) {
    String v = env == null ? null : env.get(ENV);
    if (v == null || v.isBlank()) {
      return null;
    }
    Path file = Path.of(v.trim()).toAbsolutePath().normalize();
    return BY_FILE.computeIfAbsent(file, TlsTrust::withExtraRoots);
  }

  private static SSLSocketFactory withExtraRoots(Path pem) {
    List<X509Certificate> extra = read(pem);
    try {
      TrustManagerFactory jvm = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      jvm.init((KeyStore) null);
      KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(null, null);
      for (int i = 0; i < extra.size(); i++) {
        store.setCertificateEntry("tank-ca-" + i, extra.get(i));
      }
      TrustManagerFactory own = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      own.init(store);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, new TrustManager[] {new Either(x509(jvm), x509(own))}, null);
      return context.getSocketFactory();
    } catch (GeneralSecurityException | IOException e) {
      throw new TankException(ErrorCode.USAGE, "cannot use the certificates in " + ENV + ": " + e.getMessage(), pem.toString(),
          "set " + ENV + " to a PEM file of CA certificates (-----BEGIN CERTIFICATE-----), or unset it", e);
    }
  }

  private static List<X509Certificate> read(Path pem) {
    Collection<? extends java.security.cert.Certificate> certs;
    try (InputStream in = Files.newInputStream(pem)) {
      certs = java.security.cert.CertificateFactory.getInstance("X.509").generateCertificates(in);
    } catch (NoSuchFileException e) {
      throw new TankException(ErrorCode.USAGE, ENV + " names a file that does not exist", pem.toString(),
          "set " + ENV + " to the PEM file of your registry's certificate authority, or unset it");
    } catch (IOException | CertificateException e) {
      throw new TankException(ErrorCode.USAGE, "cannot read the certificates in " + ENV + ": " + e.getMessage(), pem.toString(),
          "set " + ENV + " to a PEM file of CA certificates (-----BEGIN CERTIFICATE-----), or unset it", e);
    }
    List<X509Certificate> out = new ArrayList<>();
    for (java.security.cert.Certificate c : certs) {
      if (c instanceof X509Certificate x) {
        out.add(x);
      }
    }
    if (out.isEmpty()) {
      throw new TankException(ErrorCode.USAGE, ENV + " holds no certificate", pem.toString(),
          "set " + ENV + " to a PEM file of CA certificates (-----BEGIN CERTIFICATE-----), or unset it");
    }
    return out;
  }

  private static X509ExtendedTrustManager x509(TrustManagerFactory f) {
    for (TrustManager m : f.getTrustManagers()) {
      if (m instanceof X509ExtendedTrustManager x) {
        return x;
      }
    }
    throw new IllegalStateException("no X.509 trust manager in " + f.getAlgorithm());
  }

  /** Trusts a server when the JVM's roots or the extra ones do (host names are checked either way). */
  private static final class Either extends X509ExtendedTrustManager {
    private final X509ExtendedTrustManager jvm;
    private final X509ExtendedTrustManager own;

    Either(X509ExtendedTrustManager jvm, X509ExtendedTrustManager own) {
      this.jvm = jvm;
      this.own = own;
    }

    private interface Check {
      void run(X509ExtendedTrustManager m) throws CertificateException;
    }

    /**
     * Passes when either manager trusts the chain. When both refuse, the error of the one that got
     * further wins: a chain the extra roots accept but for another host fails on the host name,
     * not on "unknown authority".
     */
    private void either(Check check) throws CertificateException {
      try {
        check.run(jvm);
      } catch (CertificateException first) {
        try {
          check.run(own);
        } catch (CertificateException second) {
          CertificateException chosen = unknownIssuer(second) ? first : second;
          chosen.addSuppressed(chosen == first ? second : first);
          throw chosen;
        }
      }
    }

    private static boolean unknownIssuer(CertificateException e) {
      for (Throwable t = e; t != null; t = t.getCause()) {
        if (t instanceof java.security.cert.CertPathBuilderException || String.valueOf(t.getMessage()).contains("PKIX path")) {
          return true;
        }
      }
      return false;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
      either(m -> m.checkServerTrusted(chain, authType, socket));
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
      either(m -> m.checkServerTrusted(chain, authType, engine));
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
      either(m -> m.checkServerTrusted(chain, authType));
    }

    // Tank is only ever the client of a registry: no client certificate is ever checked here.
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
      throw clientsNotChecked();
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
      throw clientsNotChecked();
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
      throw clientsNotChecked();
    }

    private static CertificateException clientsNotChecked() {
      return new CertificateException("registry trust does not check client certificates");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      List<X509Certificate> all = new ArrayList<>(List.of(jvm.getAcceptedIssuers()));
      all.addAll(List.of(own.getAcceptedIssuers()));
      return all.toArray(new X509Certificate[0]);
    }
  }
}
