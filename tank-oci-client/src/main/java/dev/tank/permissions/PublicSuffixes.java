package dev.tank.permissions;

import java.util.Set;

/**
 * A small built-in list of public suffixes: names under which unrelated parties register their own
 * domains, so that {@code *.suffix} would reach sites of many owners. A skill may not ask for such
 * a wildcard.
 *
 * <p>This is not the full Public Suffix List (which has thousands of entries and changes weekly);
 * Tank does not download it. Instead every single-label suffix ({@code *.com}, {@code *.anything})
 * is refused outright, and this list adds the common multi-label registry suffixes
 * ({@code co.uk}, {@code com.au}, ...) and shared hosting domains ({@code github.io},
 * {@code herokuapp.com}, ...). A budget may still name any of them.
 */
final class PublicSuffixes {
  private static final Set<String> MULTI_LABEL =
      Set.of(
          // United Kingdom
          "co.uk", "org.uk", "me.uk", "ltd.uk", "plc.uk", "net.uk", "ac.uk", "gov.uk", "sch.uk", "nhs.uk",
          // Japan
          "co.jp", "ne.jp", "or.jp", "ac.jp", "go.jp", "ed.jp", "gr.jp", "lg.jp",
          // Australia, New Zealand
          "com.au", "net.au", "org.au", "edu.au", "gov.au", "asn.au", "id.au",
          "co.nz", "net.nz", "org.nz", "govt.nz", "ac.nz",
          // Asia
          "com.cn", "net.cn", "org.cn", "gov.cn", "edu.cn", "ac.cn",
          "com.hk", "org.hk", "net.hk", "edu.hk", "gov.hk",
          "com.tw", "org.tw", "net.tw", "edu.tw", "gov.tw",
          "com.sg", "org.sg", "net.sg", "edu.sg", "gov.sg",
          "co.kr", "or.kr", "ne.kr", "ac.kr", "go.kr",
          "co.in", "net.in", "org.in", "firm.in", "gen.in", "ind.in", "ac.in", "gov.in",
          "co.id", "or.id", "ac.id", "go.id", "web.id",
          "com.my", "net.my", "org.my", "edu.my", "gov.my",
          "com.ph", "net.ph", "org.ph", "com.vn", "net.vn", "org.vn", "co.th", "in.th", "ac.th", "go.th",
          "com.pk", "net.pk", "org.pk", "com.bd",
          // Americas
          "com.br", "net.br", "org.br", "gov.br", "edu.br",
          "com.mx", "org.mx", "gob.mx", "edu.mx", "com.ar", "org.ar", "gob.ar", "com.co", "com.pe", "com.uy",
          "com.ve", "co.ve", "gc.ca", "qc.ca", "on.ca", "bc.ca",
          // Europe, Africa, Middle East
          "com.tr", "org.tr", "net.tr", "gov.tr", "edu.tr", "com.pl", "org.pl", "net.pl", "com.ua", "org.ua",
          "co.il", "org.il", "ac.il", "gov.il", "com.sa", "com.eg", "co.za", "org.za", "gov.za", "ac.za",
          "co.ke", "or.ke", "com.ng", "co.at", "or.at", "ac.at", "gv.at", "com.es", "org.es", "com.pt", "com.gr",
          "com.ru", "org.ru", "net.ru",
          // Shared hosting: each subdomain belongs to a different customer.
          "github.io", "githubusercontent.com", "gitlab.io", "herokuapp.com", "vercel.app", "netlify.app",
          "pages.dev", "workers.dev", "web.app", "firebaseapp.com", "appspot.com", "blogspot.com",
          "cloudfront.net", "azurewebsites.net", "azureedge.net", "s3.amazonaws.com", "elasticbeanstalk.com",
          "fly.dev", "onrender.com", "ngrok.io", "ngrok-free.app", "glitch.me", "repl.co", "readthedocs.io");

  private PublicSuffixes() {}

  /** True if {@code *.name} would span registrations of many owners. {@code name} is lower case. */
  static boolean isPublicSuffix(String name) {
    return name.indexOf('.') < 0 || MULTI_LABEL.contains(name);
  }
}
