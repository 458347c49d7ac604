package dev.tank.permissions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tank.mediatypes.ErrorCode;
import dev.tank.mediatypes.TankException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HostPatternTest {

  @ParameterizedTest(name = "''{0}'' is written {1}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      textBlock =
          """
      api.example.com               | api.example.com
      API.Example.COM.              | api.example.com
      *.Example.com                 | *.example.com
      *.example.com.:443            | *.example.com:443
      example.com:8080              | example.com:8080
      localhost                     | localhost
      xn--bcher-kva.example         | xn--bcher-kva.example
      1e100.net                     | 1e100.net
      10.0.0.1                      | 10.0.0.1
      10.0.0.1:443                  | 10.0.0.1:443
      0.0.0.0                       | 0.0.0.0
      [::1]                         | [::1]
      ::1                           | [::1]
      [::1]:443                     | [::1]:443
      [2001:DB8:0:0:0:0:0:1]        | [2001:db8::1]
      2001:db8:0:0:1:0:0:1          | [2001:db8::1:0:0:1]
      2001:0db8:0000:0000:0000:ff00:0042:8329 | [2001:db8::ff00:42:8329]
      1:0:0:0:0:0:0:0               | [1::]
      [::]                          | [::]
      [::ffff:10.0.0.1]:80          | 10.0.0.1:80
      [::ffff:a00:1]                | 10.0.0.1
      [64:ff9b::10.0.0.1]           | [64:ff9b::a00:1]
      *                             | *
      *:443                         | *:443
      """)
  void normalisesToCanonicalText(String text, String canonical) {
    assertThat(HostPattern.parse(text)).hasToString(canonical);
    assertThat(HostPattern.parse(canonical)).isEqualTo(HostPattern.parse(text));
  }

  @ParameterizedTest(name = "''{0}'' is refused: {1}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      textBlock =
          """
      ""                          | is empty
      https://api.example.com     | is a URL
      api.example.com/v1          | is a URL
      user@api.example.com        | is a URL
      bücher.example              | non-ASCII
      api example.com             | white space
      api.*.com                   | '*' in a place
      a*.example.com              | '*' in a place
      **.example.com              | '*' in a place
      *.                          | '*' in a place
      .                           | names no host
      example..com                | invalid label ''
      -a.example.com              | invalid label '-a'
      a-.example.com              | invalid label 'a-'
      a_b.example.com             | invalid label 'a_b'
      aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.example | invalid label
      example.com:0               | invalid port '0'
      example.com:65536           | invalid port '65536'
      example.com:080             | invalid port '080'
      example.com:                | invalid port ''
      example.com:http            | invalid port 'http'
      1.2.3                       | not a valid IPv4 address
      256.1.1.1                   | not a valid IPv4 address
      010.0.0.1                   | not a valid IPv4 address
      0x7f.0.0.1                  | not a valid IPv4 address
      *.10.0.0.1                  | wildcard in front of an IP address
      [::1                        | '[' without ']'
      [::1]443                    | not a port
      [::1]:0                     | invalid port '0'
      [::g]                       | not a valid IPv6 address
      [1:2:3:4:5:6:7:8:9]         | not a valid IPv6 address
      1::2::3                     | not a valid IPv6 address
      [fe80::1%eth0]              | not a valid IPv6 address
      [::ffff:1.2.3]              | not a valid IPv6 address
      """)
  void refusesMalformedPatterns(String text, String fragment) {
    assertThatThrownBy(() -> HostPattern.parse(text))
        .isInstanceOfSatisfying(TankException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.SCHEMA);
          assertThat(e.what()).contains("'" + text + "'").contains(fragment);
          assertThat(e.hint()).isNotBlank();
        });
  }

  @ParameterizedTest(name = "{0} matches {1} port {2}: {3}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      textBlock =
          """
      *.example.com        | a.example.com            | 443 | true
      *.example.com        | a.b.example.com          | 443 | true
      *.example.com        | A.EXAMPLE.COM.           | 443 | true
      *.example.com        | example.com              | 443 | false
      *.example.com        | evilexample.com          | 443 | false
      *.example.com        | example.com.evil.net     | 443 | false
      *.example.com        | a.example.com.evil.net   | 443 | false
      *.example.com        | 10.0.0.1                 | 443 | false
      *.example.com        | *.example.com            | 443 | false
      api.example.com      | api.example.com          | 80  | true
      api.example.com      | api.example.com.         | 1   | true
      api.example.com      | x.api.example.com        | 443 | false
      api.example.com      | api.example.co           | 443 | false
      api.example.com:443  | api.example.com          | 443 | true
      api.example.com:443  | api.example.com          | 80  | false
      10.0.0.1             | 10.0.0.1                 | 443 | true
      10.0.0.1             | 10.0.0.2                 | 443 | false
      10.0.0.1             | ::ffff:10.0.0.1          | 443 | true
      10.0.0.1             | 010.0.0.1                | 443 | false
      [::1]:443            | ::1                      | 443 | true
      [::1]:443            | [0:0:0:0:0:0:0:1]        | 443 | true
      [::1]:443            | ::1                      | 80  | false
      [::1]                | ::2                      | 443 | false
      [::1]                | 127.0.0.1                | 443 | false
      *                    | anything.example         | 1   | true
      *                    | 10.0.0.1                 | 22  | true
      *:443                | x.example.com            | 80  | false
      *.example.com        | not a host               | 443 | false
      """)
  void matchesConcreteHosts(String pattern, String host, int port, boolean expected) {
    assertThat(HostPattern.parse(pattern).matches(host, port)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0} covers {1}: {2}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      textBlock =
          """
      *.example.com        | api.example.com          | true
      *.example.com        | *.a.example.com          | true
      *.example.com        | *.example.com            | true
      *.example.com        | example.com              | false
      *.example.com        | evilexample.com          | false
      *.a.example.com      | *.example.com            | false
      *.a.example.com      | b.example.com            | false
      *.example.com        | api.example.com:443      | true
      *.example.com:443    | api.example.com          | false
      *.example.com:443    | api.example.com:443      | true
      *.example.com:443    | api.example.com:8443     | false
      api.example.com      | api.example.com:443      | true
      api.example.com:443  | api.example.com          | false
      api.example.com      | *.api.example.com        | false
      example.com          | *.example.com            | false
      *                    | *.example.com            | true
      *                    | 10.0.0.1:22              | true
      *                    | *                        | true
      *:443                | *                        | false
      *:443                | x.example.com:443        | true
      *.example.com        | *                        | false
      10.0.0.1             | 10.0.0.1:80              | true
      10.0.0.1:80          | 10.0.0.1                 | false
      [::1]                | [::1]:443                | true
      [::1]                | ::ffff:0.0.0.1           | false
      *.com                | *.example.com            | true
      """)
  void coversOtherPatterns(String budget, String request, boolean expected) {
    assertThat(HostPattern.parse(budget).covers(HostPattern.parse(request))).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0} is a public-suffix wildcard: {1}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      textBlock =
          """
      *.com               | true
      *.internal          | true
      *.co.uk             | true
      *.com.au            | true
      *.github.io         | true
      *.s3.amazonaws.com  | true
      *.example.com       | false
      *.bbc.co.uk         | false
      *.acme.github.io    | false
      example.com         | false
      com                 | false
      *                   | false
      """)
  void knowsPublicSuffixes(String pattern, boolean expected) {
    assertThat(HostPattern.parse(pattern).isPublicSuffixWildcard()).isEqualTo(expected);
  }
}
