from calc import Parser

def test_parser_evaluates_sums():
    parser = Parser()
    assert parser.eval("1 + 2") == 3
    assert parser.evaluate("2 * 3") == 6


class Node:
    def eval(self, env):
        return env[self.name]
