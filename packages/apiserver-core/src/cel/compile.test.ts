import { expect } from 'chai';
import { compile, CompileError, EvaluationError, newEnvironment } from './index';

describe('cel compile', () => {
  const env = newEnvironment({ self: 'dyn', oldSelf: 'dyn' });

  it('evaluates macros, string and list functions over self', () => {
    const p = compile('self.items.all(i, i.name.startsWith("a")) && self.items.map(i, i.n).sum() == 3 && self.name.lowerAscii() == "abc"', env);
    expect(
      p.evaluate({
        self: {
          name: 'ABC',
          items: [
            { name: 'ax', n: 1n },
            { name: 'ay', n: 2n },
          ],
        },
      }).value,
    ).to.equal(true);
  });

  it('kube extension functions: lists, strings, regex, url', () => {
    const cases: [string, unknown][] = [
      ['[1, 2, 3].isSorted()', true],
      ['[3, 1, 2].min()', 1n],
      ['[3, 1, 2].max()', 3n],
      ['[1, 2, 3].indexOf(2)', 1n],
      ['"abc".charAt(1)', 'b'],
      ['"a-b-c".replace("-", "+")', 'a+b+c'],
      ['"a-b-c".replace("-", "+", 1)', 'a+b-c'],
      ['"abc".reverse()', 'cba'],
      ['"x1y22".find("[0-9]+")', '1'],
      ['"x1y22".findAll("[0-9]+")', ['1', '22']],
      ['url("https://example.com:8443/a?x=1").getHost()', 'example.com:8443'],
      ['isURL("not a url")', false],
      ['"hello".matches("^h.*o$")', true],
      ['quantity("1Gi").isGreaterThan(quantity("1000Mi"))', true],
      ['quantity("500m").compareTo(quantity("0.5"))', 0n],
      ['quantity("1.5k").add(500).asInteger()', 2000n],
      ['quantity("2e3").sub(quantity("1k")).isInteger()', true],
      ['quantity("100Mi") == quantity("104857600")', true],
      ['isQuantity("1x")', false],
      ['quantity("-1").sign()', -1n],
      ['sets.contains([1, 2, 3], [3, 1])', true],
      ['sets.equivalent([1, 2], [2, 1, 1])', true],
      ['sets.intersects(["a"], ["b"])', false],
      ['"%s has %d items (%.2f%%)".format(["list", 3, 12.5])', 'list has 3 items (12.50%)'],
    ];
    for (const [expr, want] of cases) expect(compile(expr, env).evaluate({}).value, expr).to.deep.equal(want);
  });

  it('reports which variables an expression reads', () => {
    expect([...compile('self == oldSelf', env).variablesUsed]).to.have.members(['self', 'oldSelf']);
    expect([...compile('self > 1', env).variablesUsed]).to.deep.equal(['self']);
  });

  it('a syntax error is "compilation failed" with cel-go\'s location format', () => {
    expect(() => compile('self.a +', env)).to.throw(CompileError, /^compilation failed: ERROR: <input>:1:9: .*\n \| self\.a \+\n \| \.{8}\^$/);
  });

  it('an undeclared variable is an undeclared reference', () => {
    expect(() => compile('nope > 1', env)).to.throw(CompileError, "compilation failed: ERROR: <input>:1:1: undeclared reference to 'nope' (in container '')");
  });

  it('a non-bool result is refused when bool is required', () => {
    expect(() => compile('1 + 2', env, { resultType: 'bool' })).to.throw(CompileError, 'cel expression must evaluate to a bool');
  });

  it('runtime errors use cel-go wording', () => {
    expect(() => compile('self.missing == 1', env).evaluate({ self: {} })).to.throw(EvaluationError, 'no such key: missing');
    expect(() => compile('1 / 0 == 1', env).evaluate({})).to.throw(EvaluationError, 'division by zero');
  });

  it("stops an evaluation over its cost limit with kube's message", () => {
    const p = compile('self.all(x, self.all(y, x + y >= 0))', env, { costLimit: 10_000 });
    const big = Array.from({ length: 200 }, (_, i) => BigInt(i));
    let err: unknown;
    try {
      p.evaluate({ self: big });
    } catch (e) {
      err = e;
    }
    expect(err).to.be.instanceOf(EvaluationError);
    expect((err as EvaluationError).message).to.equal('operation cancelled: actual cost limit exceeded');
    expect((err as EvaluationError).costExceeded).to.equal(true);
    // The same program is reusable, and small inputs stay within the limit; cost grows with the data.
    const small = p.evaluate({ self: [1n, 2n] });
    const larger = p.evaluate({ self: [1n, 2n, 3n, 4n] });
    expect(small.value).to.equal(true);
    expect(larger.cost).to.be.greaterThan(small.cost * 2);
  });
});
