import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import type { KapiServer } from '@kapi/controlplane';
import { createTestServer } from './support/create-test-server';
import { kubectl, kubectlOk } from './support/kubectl';

const manifest = readFileSync(join(__dirname, 'fixtures/every-kind/batch.yaml'), 'utf8');

/** batch/v1 through the real kubectl: apply (client- and server-side), columns, diff, the create commands, bad input, delete. */
describe('batch/v1 through kubectl', function () {
  this.timeout(120_000);
  let server: KapiServer;
  const k = (args: string[], input?: string) => kubectl(server.url, args, { input });
  const ok = (args: string[], input?: string) => kubectlOk(server.url, args, { input });
  const row = async (args: string[]) => (await ok(['get', ...args, '--no-headers'])).trim().split(/\s{2,}/);
  before(async () => {
    server = await createTestServer();
  });
  after(() => server.close());

  it('kubectl api-resources lists the group as kube-apiserver 1.32 does', async () => {
    const rows = (await ok(['api-resources', '--api-group=batch', '-o', 'wide', '--no-headers']))
      .trim()
      .split('\n')
      .map((l) => l.trim().split(/\s+/));
    expect(rows).to.deep.equal([
      ['cronjobs', 'cj', 'batch/v1', 'true', 'CronJob', 'create,delete,deletecollection,get,list,patch,update,watch', 'all'],
      ['jobs', 'batch/v1', 'true', 'Job', 'create,delete,deletecollection,get,list,patch,update,watch', 'all'],
    ]);
  });

  it('applies every batch kind client-side and server-side; diff is empty', async () => {
    expect(await ok(['apply', '-f', '-'], manifest)).to.equal('job.batch/db-migrate created\ncronjob.batch/nightly-report created\n');
    expect(await ok(['apply', '--server-side', '-f', '-'], manifest)).to.equal('job.batch/db-migrate serverside-applied\ncronjob.batch/nightly-report serverside-applied\n');
    const diff = await k(['diff', '-f', '-'], manifest);
    expect(diff.stderr).to.equal('');
    expect(diff.stdout).to.equal('');
    expect(diff.code).to.equal(0);
  });

  it("stores kube's Job defaults and its generated selector and labels", async () => {
    const job = JSON.parse(await ok(['get', 'job', 'db-migrate', '-o', 'json']));
    const uid = job.metadata.uid;
    expect(job.spec).to.deep.include({
      backoffLimit: 3,
      completions: 1,
      parallelism: 1,
      completionMode: 'NonIndexed',
      suspend: false,
      podReplacementPolicy: 'TerminatingOrFailed',
      manualSelector: false,
      selector: { matchLabels: { 'batch.kubernetes.io/controller-uid': uid } },
    });
    expect(job.spec.template.metadata.labels).to.deep.equal({
      'app.kubernetes.io/name': 'shop',
      'batch.kubernetes.io/controller-uid': uid,
      'batch.kubernetes.io/job-name': 'db-migrate',
      'controller-uid': uid,
      'job-name': 'db-migrate',
    });
    // The Job had labels of its own: they are not replaced by the template's.
    expect(job.metadata.labels).to.deep.equal({ 'app.kubernetes.io/name': 'shop', 'app.kubernetes.io/component': 'migration' });
    expect(job.metadata.generation).to.equal(1);
    const cj = JSON.parse(await ok(['get', 'cj', 'nightly-report', '-o', 'json']));
    expect(cj.spec).to.deep.include({ concurrencyPolicy: 'Forbid', suspend: false, successfulJobsHistoryLimit: 3, failedJobsHistoryLimit: 1, timeZone: 'Europe/Berlin' });
    expect(cj.spec.jobTemplate.spec.template.spec).to.include({ dnsPolicy: 'ClusterFirst', schedulerName: 'default-scheduler', terminationGracePeriodSeconds: 30 });
  });

  it("prints kube's columns for jobs and cronjobs, wide included", async () => {
    const jobs = await ok(['get', 'jobs']);
    expect(jobs.split('\n')[0].split(/\s{2,}/)).to.deep.equal(['NAME', 'STATUS', 'COMPLETIONS', 'DURATION', 'AGE']);
    expect((await row(['job', 'db-migrate'])).slice(0, 3)).to.deep.equal(['db-migrate', 'Running', '0/1']);
    const wide = await ok(['get', 'job', 'db-migrate', '-o', 'wide']);
    expect(wide.split('\n')[0].split(/\s{2,}/)).to.deep.equal(['NAME', 'STATUS', 'COMPLETIONS', 'DURATION', 'AGE', 'CONTAINERS', 'IMAGES', 'SELECTOR']);
    expect(wide).to.match(/migrate\s+registry\.k8s\.io\/e2e-test-images\/busybox:1\.36\.1-1\s+batch\.kubernetes\.io\/controller-uid=[0-9a-f-]{36}/);
    const cjs = await ok(['get', 'cronjobs']);
    expect(cjs.split('\n')[0].split(/\s{2,}/)).to.deep.equal(['NAME', 'SCHEDULE', 'TIMEZONE', 'SUSPEND', 'ACTIVE', 'LAST SCHEDULE', 'AGE']);
    const r = await row(['cj', 'nightly-report']);
    expect(r.slice(0, 6)).to.deep.equal(['nightly-report', '30 2 * * *', 'Europe/Berlin', 'False', '0', '<none>']);
    const all = await ok(['get', 'all', '-o', 'name']);
    expect(all).to.include('job.batch/db-migrate').and.include('cronjob.batch/nightly-report');
  });

  it('kubectl create cronjob, create job and create job --from=cronjob', async () => {
    expect(await ok(['create', 'cronjob', 'tick', '--image=busybox', '--schedule=*/1 * * * *'])).to.equal('cronjob.batch/tick created\n');
    expect(await ok(['create', 'job', 'once', '--image=busybox'])).to.equal('job.batch/once created\n');
    expect(await ok(['create', 'job', 'tick-manual', '--from=cronjob/tick'])).to.equal('job.batch/tick-manual created\n');
    const manual = JSON.parse(await ok(['get', 'job', 'tick-manual', '-o', 'json']));
    expect(manual.metadata.annotations).to.deep.equal({ 'cronjob.kubernetes.io/instantiate': 'manual' });
    expect(manual.metadata.ownerReferences[0]).to.include({ kind: 'CronJob', name: 'tick', controller: true });
    expect(manual.spec.template.spec.containers[0]).to.include({ name: 'tick', image: 'busybox' });
    // Without labels of its own, the Job takes its template's, the generated ones included.
    expect(manual.metadata.labels).to.deep.equal(manual.spec.template.metadata.labels);
    expect((await row(['cj', 'tick'])).slice(0, 4)).to.deep.equal(['tick', '*/1 * * * *', '<none>', 'False']);
    // A subdomain name is accepted, with kube's warning: the pods take it as their hostname prefix.
    const dotted = await k(['create', '-f', '-'], manifest.split('---')[0].replace('name: db-migrate', 'name: db.v2'));
    expect(dotted.stdout).to.equal('job.batch/db.v2 created\n');
    expect(dotted.stderr).to.include(
      'Warning: metadata.name: this is used in Pod names and hostnames, which can result in surprising behavior; a DNS label is recommended: [must not contain dots]',
    );
    await ok(['delete', 'job', 'db.v2']);
  });

  it("refuses bad schedules, time zones and policies with kube's messages; nothing is stored", async () => {
    const bad = await k(['create', 'cronjob', 'bad', '--image=busybox', '--schedule=61 * * * *']);
    expect(bad.stderr.trim()).to.equal(
      'error: failed to create cronjob: CronJob.batch "bad" is invalid: spec.schedule: Invalid value: "61 * * * *": end of range (61) above maximum (59): 61',
    );
    const fields = await k(['create', 'cronjob', 'bad', '--image=busybox', '--schedule=* * *']);
    expect(fields.stderr).to.include('spec.schedule: Invalid value: "* * *": expected exactly 5 fields, found 3: [* * *]');
    const zone = await k(['apply', '-f', '-'], manifest.replace('Europe/Berlin', 'Mars/Olympus').replace('nightly-report', 'bad'));
    expect(zone.stderr).to.include('spec.timeZone: Invalid value: "Mars/Olympus": unknown time zone Mars/Olympus');
    const tz = await k(['apply', '-f', '-'], manifest.replace('"30 2 * * *"', '"TZ=UTC 30 2 * * *"').replace('nightly-report', 'bad').replace('  timeZone: Europe/Berlin\n', ''));
    expect(tz.stderr).to.include('spec.schedule: Invalid value: "TZ=UTC 30 2 * * *": cannot use TZ or CRON_TZ in schedule, use timeZone field instead');
    const policy = await k(['patch', 'cj', 'nightly-report', '--type=merge', '-p', '{"spec":{"concurrencyPolicy":"Sometimes"}}']);
    expect(policy.stderr).to.include('spec.concurrencyPolicy: Unsupported value: "Sometimes": supported values: "Allow", "Forbid", "Replace"');
    expect((await k(['get', 'cj', 'bad'])).code).to.equal(1);
  });

  it('refuses a Job that restarts Always and changes of its immutable fields', async () => {
    const always = await k(['apply', '-f', '-'], manifest.split('---')[0].replace('restartPolicy: Never', 'restartPolicy: Always').replace('db-migrate', 'bad'));
    expect(always.stderr).to.include('spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"');
    const completions = await k(['patch', 'job', 'db-migrate', '--type=merge', '-p', '{"spec":{"completions":3}}']);
    expect(completions.stderr).to.include('spec.completions: Invalid value: 3: field is immutable');
    const template = await k(['patch', 'job', 'db-migrate', '--type=merge', '-p', '{"spec":{"template":{"spec":{"activeDeadlineSeconds":5}}}}']);
    expect(template.stderr).to.include('spec.template: Invalid value:').and.include('field is immutable');
    const selector = await k(['patch', 'job', 'db-migrate', '--type=merge', '-p', '{"spec":{"selector":{"matchLabels":{"x":"y"}}}}']);
    expect(selector.stderr).to.include('`selector` not auto-generated');
    const job = JSON.parse(await ok(['get', 'job', 'db-migrate', '-o', 'json']));
    expect(job.spec.completions).to.equal(1);
    expect(job.metadata.generation).to.equal(1);
    // Parallelism is what a Job may change: generation follows.
    await ok(['patch', 'job', 'db-migrate', '--type=merge', '-p', '{"spec":{"parallelism":0}}']);
    expect(JSON.parse(await ok(['get', 'job', 'db-migrate', '-o', 'json'])).metadata.generation).to.equal(2);
  });

  it('jobs/status takes only the status and refuses a decreasing counter', async () => {
    await ok([
      'patch',
      'job',
      'db-migrate',
      '--subresource=status',
      '--type=merge',
      '-p',
      '{"status":{"succeeded":1,"startTime":"2026-01-01T00:00:00Z"},"spec":{"backoffLimit":9}}',
    ]);
    const job = JSON.parse(await ok(['get', 'job', 'db-migrate', '-o', 'json']));
    expect(job.status).to.deep.include({ succeeded: 1 });
    expect(job.spec.backoffLimit).to.equal(3);
    expect((await row(['job', 'db-migrate'])).slice(0, 3)).to.deep.equal(['db-migrate', 'Running', '1/1']);
    expect(await ok(['get', 'jobs', '--field-selector', 'status.successful=1', '-o', 'name'])).to.equal('job.batch/db-migrate\n');
    expect(await ok(['get', 'jobs', '--field-selector', 'status.successful=0', '-o', 'name'])).to.not.include('db-migrate');
    const down = await k(['patch', 'job', 'db-migrate', '--subresource=status', '--type=merge', '-p', '{"status":{"succeeded":0}}']);
    expect(down.stderr).to.include('status.succeeded: Invalid value: 0: cannot decrease the succeeded counter');
  });

  it('deletes what it applied', async () => {
    expect(await ok(['delete', '-f', '-'], manifest)).to.equal('job.batch "db-migrate" deleted\ncronjob.batch "nightly-report" deleted\n');
    expect(await ok(['delete', 'job', 'once', 'tick-manual'])).to.equal('job.batch "once" deleted\njob.batch "tick-manual" deleted\n');
    expect((await ok(['get', 'jobs,cronjobs', '-o', 'name'])).trim()).to.equal('cronjob.batch/tick');
  });
});
