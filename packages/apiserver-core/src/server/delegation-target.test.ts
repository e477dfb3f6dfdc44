import { expect } from 'chai';
import { GenericAPIServer } from './generic-apiserver';

describe('server chain: a GenericAPIServer delegating to another', () => {
  it("serves its routes, then the delegate's, then NotFound; hooks, checks and destruction compose", async () => {
    const events: string[] = [];
    const inner = new GenericAPIServer();
    inner.router.get('/apis/inner.example.com', (ctx) => {
      ctx.body = { served: 'inner' };
    });
    inner.handle(async (ctx, next) => {
      if (ctx.path !== '/dynamic') return next();
      ctx.body = { served: 'inner handler' };
    });
    inner.addPostStartHook('inner-hook', () => void events.push('inner post-start'));
    inner.addPreShutdownHook('inner-stop', () => void events.push('inner pre-shutdown'));
    inner.addReadyzChecks({ name: 'inner-ready', check: async () => undefined });
    const outer = new GenericAPIServer({ delegationTarget: { ...inner.delegationParts(), destroy: async () => void events.push('inner destroyed') } });
    outer.router.get('/apis/outer.example.com', (ctx) => {
      ctx.body = { served: 'outer' };
    });
    const url = await outer.run('127.0.0.1', 0);
    try {
      expect(await (await fetch(`${url}/apis/outer.example.com`)).json()).to.deep.equal({ served: 'outer' });
      expect(await (await fetch(`${url}/apis/inner.example.com`)).json()).to.deep.equal({ served: 'inner' });
      expect(await (await fetch(`${url}/dynamic`)).json()).to.deep.equal({ served: 'inner handler' });
      const missing = await fetch(`${url}/apis/nowhere.example.com`);
      expect(missing.status).to.equal(404);
      expect(await missing.json()).to.deep.include({ kind: 'Status', reason: 'NotFound' });
      const readyz = await (await fetch(`${url}/readyz?verbose`)).text();
      expect(readyz).to.include('[+]poststarthook/inner-hook ok').and.include('[+]inner-ready ok');
    } finally {
      await outer.shutdown();
    }
    expect(events).to.deep.equal(['inner post-start', 'inner pre-shutdown', 'inner destroyed']);
  });
});
