import { expect } from 'chai';
import { compile } from '../compile';
import { CELEnvironment } from '../environment';

const run = (expr: string) => compile(expr, new CELEnvironment({})).evaluate({}).value;

describe('CEL standard conversions kapi adds to its engine', () => {
  it('int(uint) converts, and refuses a uint past int64', () => {
    expect(run('int(42u)')).to.equal(42n);
    expect(() => run('int(9223372036854775808u)')).to.throw(/overflow/);
  });

  it('int(timestamp) is the seconds since the epoch; string(timestamp) is RFC 3339 as Go prints it', () => {
    expect(run("int(timestamp('2009-02-13T23:31:30Z'))")).to.equal(1234567890n);
    expect(run("string(timestamp('2009-02-13T23:31:30Z'))")).to.equal('2009-02-13T23:31:30Z');
    expect(run("string(timestamp('2009-02-13T23:31:30.120Z'))")).to.equal('2009-02-13T23:31:30.12Z');
  });

  it('string(duration) and the identity conversions', () => {
    expect(run("string(duration('1m30s'))")).to.equal('90s');
    expect(run("duration(duration('100s')) == duration('100s')")).to.equal(true);
    expect(run("timestamp(timestamp('2009-02-13T23:31:30Z')) == timestamp('2009-02-13T23:31:30Z')")).to.equal(true);
  });
});
