package dev.tank.semver;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tank.mediatypes.Interface;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The interface rules of enforced semver, one row per rule. */
class InterfaceDiffTest {

  private static List<BumpCheck.Change> diff(String before, String after) {
    List<BumpCheck.Change> out = new ArrayList<>();
    SchemaDiff.interfaces(
        BumpCheckTest.parse(before, Interface.class), BumpCheckTest.parse(after, Interface.class), out);
    return out;
  }

  /** An interface with one entrypoint 'run' whose input is {@code schema}. */
  private static String run(String schema) {
    return "{'entrypoints': {'run': {'input': " + schema + "}}}";
  }

  @ParameterizedTest(name = "{0} -> {1}: {2}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      textBlock =
          """
      # properties and required
      {'type': 'object', 'properties': {'q': {'type': 'string'}}} | {'type': 'object', 'properties': {}} | MAJOR | .properties.q | was removed
      {'type': 'object', 'properties': {'q': {'type': 'string'}}} | {'type': 'object', 'properties': {'q': {'type': 'integer'}}} | MAJOR | .properties.q | changed type from [string] to [integer]
      {'type': 'object', 'properties': {'q': {'type': 'string'}}} | {'type': 'object', 'properties': {'q': {'type': 'string'}, 'n': {'type': 'integer'}}} | MINOR | .properties.n | is a new optional property
      {'type': 'object', 'properties': {'q': {'type': 'string'}}} | {'type': 'object', 'properties': {'q': {'type': 'string'}, 'n': {}}, 'required': ['n']} | MAJOR | .properties.n | is a new required property
      {'type': 'object', 'properties': {'q': {}}}                 | {'type': 'object', 'properties': {'q': {}}, 'required': ['q']} | MAJOR | .properties.q | became required
      {'type': 'object', 'required': ['q']}                        | {'type': 'object', 'required': ['q', 'r']} | MAJOR | .properties.r | became required
      {'type': 'object', 'properties': {'q': {}}, 'required': ['q']} | {'type': 'object', 'properties': {'q': {}}} | MINOR | .properties.q | is no longer required
      {'properties': {'o': {'properties': {'x': {'type': 'string'}}}}} | {'properties': {'o': {'properties': {}}}} | MAJOR | .properties.o.properties.x | was removed
      {'properties': {'odd name': {'type': 'string'}}}             | {'properties': {}}                         | MAJOR | .properties['odd name'] | was removed
      # type
      {'type': 'string'}                                           | {'type': ['string', 'null']}               | MINOR | .input | accepts more types
      {'type': 'integer'}                                          | {'type': 'number'}                         | MINOR | .input | accepts more types
      {'type': 'number'}                                           | {'type': 'integer'}                        | MAJOR | .input | changed type from [number] to [integer]
      {'type': 'string'}                                           | {}                                         | MINOR | .input | accepts any type now
      {}                                                           | {'type': 'object'}                         | MAJOR | .input | is now restricted to type [object]
      {'type': 5}                                                  | {'type': 'string'}                         | MAJOR | .input | cannot prove
      # items
      {'type': 'array', 'items': {'type': 'string'}}               | {'type': 'array', 'items': {'type': 'integer'}} | MAJOR | .input.items | changed type
      {'type': 'array', 'items': {'properties': {}}}               | {'type': 'array', 'items': {'properties': {'x': {}}}} | MINOR | .input.items.properties.x | is a new optional property
      {'type': 'array'}                                            | {'type': 'array', 'items': {'type': 'string'}} | MAJOR | .input.items | is now restricted to type [string]
      {'items': [{'type': 'string'}]}                              | {'items': [{'type': 'integer'}]}           | MAJOR | .input.items | tuple form
      # additionalProperties
      {'type': 'object'}                                           | {'type': 'object', 'additionalProperties': false} | MAJOR | .input | restricts additional properties
      {'type': 'object', 'additionalProperties': false}            | {'type': 'object'}                         | MINOR | .input | allows any additional properties
      {'additionalProperties': false}                              | {'additionalProperties': {'type': 'string'}} | MINOR | .input | allows additional properties now
      {'additionalProperties': {'type': 'string'}}                 | {'additionalProperties': false}            | MAJOR | .input | forbids additional properties
      {'additionalProperties': {'type': 'string'}}                 | {'additionalProperties': {'type': 'integer'}} | MAJOR | .input.additionalProperties | changed type
      # enum and const
      {'enum': ['a', 'b']}                                         | {'enum': ['a', 'b', 'c']}                  | MINOR | .input | allows more values
      {'enum': ['a', 'b']}                                         | {'enum': ['a']}                            | MAJOR | .input | no longer allows ["b"]
      {}                                                           | {'enum': ['a']}                            | MAJOR | .input | limits values with 'enum'
      {'const': 1}                                                 | {}                                         | MINOR | .input | no longer limits values
      {'const': 1}                                                 | {'const': 2}                               | MAJOR | .input | no longer allows [1]
      # annotations
      {'type': 'string', 'description': 'a'}                       | {'type': 'string', 'description': 'b'}     | PATCH | .input | has a new 'description'
      {'title': 'a'}                                               | {'title': 'b', 'examples': [1]}            | PATCH | .input | has a new 'examples'
      # keywords Tank does not reason about
      {'type': 'integer', 'minimum': 0}                            | {'type': 'integer', 'minimum': 1}          | MAJOR | .input | 'minimum' changed from 0 to 1
      {'type': 'string'}                                           | {'type': 'string', 'pattern': '^a'}        | MAJOR | .input | 'pattern' changed
      {'type': 'string', 'maxLength': 5}                           | {'type': 'string', 'maxLength': 9}         | MAJOR | .input | cannot prove
      {'properties': {'q': {'default': 1}}}                        | {'properties': {'q': {'default': 2}}}      | MAJOR | .properties.q | 'default' changed
      {'oneOf': [{'type': 'string'}]}                              | {'oneOf': [{'type': 'string'}, {'type': 'null'}]} | MAJOR | .input | 'oneOf' changed
      {'properties': {'a': {'type': 'string'}}}                    | {'properties': {'a': false}}               | MAJOR | .properties.a | changed from {"type":"string"} to false
      """)
  void inputSchemaChangesNeed(String before, String after, Bump needs, String subjectEnd, String reason) {
    List<BumpCheck.Change> changes = diff(run(before), run(after));
    assertThat(changes).anySatisfy(c -> {
      assertThat(c.needs()).isEqualTo(needs);
      assertThat(c.subject()).startsWith("interface.entrypoints.run.input").endsWith(subjectEnd);
      assertThat(c.reason()).contains(reason);
      assertThat(c.area()).isEqualTo(BumpCheck.Area.INTERFACE);
    });
    assertThat(changes.stream().map(BumpCheck.Change::needs).max(Enum::compareTo)).hasValue(needs);
  }

  @ParameterizedTest(name = "{0} and {1} are the same")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      textBlock =
          """
      {'type': 'string'}                          | {'type': ['string']}
      {'properties': {'a': true}}                 | {'properties': {'a': {}}}
      {'items': true}                             | {}
      {'type': 'object', 'required': ['a', 'b']}  | {'type': 'object', 'required': ['b', 'a']}
      {'properties': {'a': {}, 'b': {}}}          | {'properties': {'b': {}, 'a': {}}}
      """)
  void equivalentSchemasAreNoChange(String before, String after) {
    assertThat(diff(run(before), run(after))).isEmpty();
  }

  @Test
  void anEntrypointWithoutInputAcceptsAnythingSoDeclaringOneNarrowsIt() {
    List<BumpCheck.Change> changes = diff("{'entrypoints': {'run': {}}}", run("{'type': 'object'}"));
    assertThat(changes).singleElement().satisfies(c -> {
      assertThat(c.needs()).isEqualTo(Bump.MAJOR);
      assertThat(c.subject()).isEqualTo("interface.entrypoints.run.input");
    });
    assertThat(diff(run("{'type': 'object'}"), "{'entrypoints': {'run': {}}}"))
        .singleElement().satisfies(c -> assertThat(c.needs()).isEqualTo(Bump.MINOR));
  }

  @Test
  void entrypointsRemovedAddedAndReworded() {
    List<BumpCheck.Change> changes = diff(
        "{'entrypoints': {'search': {'description': 'Find'}, 'index': {}}}",
        "{'entrypoints': {'search': {'description': 'Find things'}, 'export': {}, 'my tool': {}}}");
    assertThat(changes).extracting(BumpCheck.Change::describe).containsExactly(
        "interface.entrypoints.index was removed (needs major)",
        "interface.entrypoints.search has a new description (needs patch)",
        "interface.entrypoints.export is a new entrypoint (needs minor)",
        "interface.entrypoints['my tool'] is a new entrypoint (needs minor)");
  }

  @Test
  void noInterfaceOnEitherSideIsNoChange() {
    assertThat(diff("{}", "{}")).isEmpty();
    assertThat(diff("{}", "{'entrypoints': {'a': {}}}")).extracting(BumpCheck.Change::needs).containsExactly(Bump.MINOR);
  }

  @Test
  void onlyChangedPropertiesAreReported() {
    List<BumpCheck.Change> changes = diff(
        run("{'type': 'object', 'properties': {'a': {'type': 'string'}, 'b': {'type': 'string'}}, 'required': ['a']}"),
        run("{'type': 'object', 'properties': {'a': {'type': 'string'}, 'b': {'type': 'boolean'}}, 'required': ['a']}"));
    assertThat(changes).extracting(BumpCheck.Change::subject)
        .containsExactly("interface.entrypoints.run.input.properties.b");
  }
}
