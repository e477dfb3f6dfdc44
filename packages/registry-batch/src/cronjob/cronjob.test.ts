import { expect } from 'chai';
import { allResourcesEnabled, storage, StorageFactoryRestOptionsFactory, type KObject, type RequestContext, type StorageBackend, type Store, type J } from '@kapi/apiserver-core';
import { batchRESTStorageProvider } from '../rest/storage-batch';
import { scheduleError } from './schedule';
import { cronJobTable } from './table';
import { invalidMessage as invalid, modify } from '@kapi/apiserver-core/registry/definition/testing';

const ctx: RequestContext = { namespace: 'default' };
const cronJob = (name: string, spec: Record<string, unknown> = {}): KObject => ({
  apiVersion: 'batch/v1',
  kind: 'CronJob',
  metadata: { name },
  spec: { schedule: '*/5 * * * *', jobTemplate: { spec: { template: { spec: { restartPolicy: 'OnFailure', containers: [{ name: 'c', image: 'busybox' }] } } } }, ...spec },
});

describe('batch/v1 CronJob', () => {
  let backend: StorageBackend;
  let cronJobs: Store;
  beforeEach(async () => {
    const config: storage.Config = { type: 'memory', prefix: '/registry' };
    backend = await storage.newMemoryBackend(config);
    const info = await batchRESTStorageProvider.newRESTStorage(allResourcesEnabled, new StorageFactoryRestOptionsFactory({ config, backend }));
    cronJobs = info.versionedResourcesStorageMap.v1.cronjobs as Store;
  });
  afterEach(() => backend.destroy());

  it("defaults as SetDefaults_CronJob and leaves the job template's Job fields alone", async () => {
    const out = (await cronJobs.create(ctx, cronJob('c'), undefined, {})) as KObject & { spec: J };
    expect(out.spec).to.deep.include({ concurrencyPolicy: 'Allow', suspend: false, successfulJobsHistoryLimit: 3, failedJobsHistoryLimit: 1 });
    expect(out.spec.jobTemplate.spec.backoffLimit).to.equal(undefined);
    expect(out.spec.jobTemplate.metadata).to.deep.equal({ creationTimestamp: null });
    expect(out.spec.jobTemplate.spec.template.spec.schedulerName).to.equal('default-scheduler');
    expect(out.metadata?.generation).to.equal(1);
  });

  it("validates schedule, time zone, name length and the job template with kube's messages", async () => {
    expect(await invalid(cronJobs.create(ctx, cronJob('c', { schedule: '*/5 * * * MON-FOO', timeZone: 'Local' }), undefined, {}))).to.equal(
      'CronJob.batch "c" is invalid: [spec.schedule: Invalid value: "*/5 * * * MON-FOO": failed to parse int from FOO: strconv.Atoi: parsing "FOO": invalid syntax, spec.timeZone: Invalid value: "Local": timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones]',
    );
    const long = 'a'.repeat(53);
    expect(await invalid(cronJobs.create(ctx, cronJob(long), undefined, {}))).to.equal(
      `CronJob.batch "${long}" is invalid: metadata.name: Invalid value: "${long}": must be no more than 52 characters`,
    );
    const template = {
      spec: { manualSelector: true, selector: { matchLabels: { a: 'b' } }, template: { spec: { restartPolicy: 'Never', containers: [{ name: 'c', image: 'i' }] } } },
    };
    expect(await invalid(cronJobs.create(ctx, cronJob('c', { jobTemplate: template }), undefined, {}))).to.match(
      /spec\.jobTemplate\.spec\.selector: Invalid value: .*: `selector` will be auto-generated, spec\.jobTemplate\.spec\.manualSelector: Unsupported value: true: supported values: "nil", "false"/,
    );
  });

  it('a TZ in the schedule is tolerated only on CronJobs that had one; an unchanged time zone is not checked again', async () => {
    await cronJobs.create(ctx, cronJob('c', { timeZone: 'America/New_York' }), undefined, {});
    const { obj } = await cronJobs.update(
      ctx,
      'c',
      modify((o) => ((o.spec as J).suspend = true)),
      undefined,
      undefined,
      false,
      {},
    );
    expect(obj.metadata?.generation).to.equal(2);
    expect(
      await invalid(
        cronJobs.update(
          ctx,
          'c',
          modify((o) => ((o.spec as J).schedule = 'CRON_TZ=UTC 0 * * * *')),
          undefined,
          undefined,
          false,
          {},
        ),
      ),
    ).to.equal('CronJob.batch "c" is invalid: spec.schedule: Invalid value: "CRON_TZ=UTC 0 * * * *": cannot use TZ or CRON_TZ in schedule, use timeZone field instead');
  });

  it("parses schedules as robfig/cron's standard parser", () => {
    for (const ok of ['* * * * *', '0 0 1 jan *', '*/15 9-17 * * mon-fri', '@hourly', '@every 1h30m', '0 0 ? * SUN', '5,10-20/5 * * * *'])
      expect(scheduleError(ok), ok).to.equal(undefined);
    expect(scheduleError('')).to.equal('empty spec string');
    expect(scheduleError('* * * * * *')).to.equal('expected exactly 5 fields, found 6: [* * * * * *]');
    expect(scheduleError('0 24 * * *')).to.equal('end of range (24) above maximum (23): 24');
    expect(scheduleError('0 0 0 * *')).to.equal('beginning of range (0) below minimum (1): 0');
    expect(scheduleError('5-1 * * * *')).to.equal('beginning of range (5) beyond end of range (1): 5-1');
    expect(scheduleError('*/0 * * * *')).to.equal('step of range should be a positive number: */0');
    expect(scheduleError('1-2-3 * * * *')).to.equal('too many hyphens: 1-2-3');
    expect(scheduleError('@fortnightly')).to.equal('unrecognized descriptor: @fortnightly');
    expect(scheduleError('@every 5')).to.equal('failed to parse duration @every 5: time: missing unit in duration "5"');
    expect(scheduleError('TZ=Nowhere/Land * * * * *')).to.equal('provided bad location Nowhere/Land: unknown time zone Nowhere/Land');
  });

  it('prints SCHEDULE TIMEZONE SUSPEND ACTIVE LAST SCHEDULE as printCronJob does', () => {
    const cells = (o: KObject) => cronJobTable.slice(0, 5).map((c) => c.cell(o));
    expect(cells({ ...cronJob('c', { suspend: true }), status: { active: [{ name: 'j' }] } })).to.deep.equal(['*/5 * * * *', '<none>', 'True', 1, '<none>']);
  });
});
