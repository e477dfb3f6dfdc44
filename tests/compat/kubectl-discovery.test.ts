import { expect } from 'chai';
import { describeEachBackend } from './support/compat-server';
import { expectKubectl, expectTable, lines, parseTable } from './support/expect-output';

/** kube-apiserver 1.32's `kubectl api-resources` rows for every resource kapi's built-in groups serve (issues 8 and 9). */
const kubeApiResources: string[][] = [
  ['bindings', '', 'v1', 'true', 'Binding'],
  ['componentstatuses', 'cs', 'v1', 'false', 'ComponentStatus'],
  ['configmaps', 'cm', 'v1', 'true', 'ConfigMap'],
  ['endpoints', 'ep', 'v1', 'true', 'Endpoints'],
  ['events', 'ev', 'v1', 'true', 'Event'],
  ['limitranges', 'limits', 'v1', 'true', 'LimitRange'],
  ['namespaces', 'ns', 'v1', 'false', 'Namespace'],
  ['nodes', 'no', 'v1', 'false', 'Node'],
  ['persistentvolumeclaims', 'pvc', 'v1', 'true', 'PersistentVolumeClaim'],
  ['persistentvolumes', 'pv', 'v1', 'false', 'PersistentVolume'],
  ['pods', 'po', 'v1', 'true', 'Pod'],
  ['podtemplates', '', 'v1', 'true', 'PodTemplate'],
  ['replicationcontrollers', 'rc', 'v1', 'true', 'ReplicationController'],
  ['resourcequotas', 'quota', 'v1', 'true', 'ResourceQuota'],
  ['secrets', '', 'v1', 'true', 'Secret'],
  ['serviceaccounts', 'sa', 'v1', 'true', 'ServiceAccount'],
  ['services', 'svc', 'v1', 'true', 'Service'],
  ['controllerrevisions', '', 'apps/v1', 'true', 'ControllerRevision'],
  ['daemonsets', 'ds', 'apps/v1', 'true', 'DaemonSet'],
  ['deployments', 'deploy', 'apps/v1', 'true', 'Deployment'],
  ['replicasets', 'rs', 'apps/v1', 'true', 'ReplicaSet'],
  ['statefulsets', 'sts', 'apps/v1', 'true', 'StatefulSet'],
];
const apiResourcesHeader = ['NAME', 'SHORTNAMES', 'APIVERSION', 'NAMESPACED', 'KIND'];
// kubectl colours cluster-info's names and URLs when it thinks it writes to a terminal.
const stripAnsi = (s: string) => s.replace(/\x1b\[[0-9;]*m/g, '');

describeEachBackend('kubectl compat: version and discovery', (server) => {
  it('version prints the client, kustomize and a 1.32 server version and nothing else', async () => {
    const r = await server().kubectl(['version']);
    expect(r.code, r.stderr).to.equal(0);
    const out = lines(r.stdout);
    expect(out).to.have.length(3, r.stdout);
    expect(out[0]).to.match(/^Client Version: v1\.32\.\d+/);
    expect(out[1]).to.match(/^Kustomize Version: v\d+\.\d+\.\d+$/);
    expect(out[2]).to.match(/^Server Version: v1\.32\.\d+/);
    expect(r.stderr, 'no version skew warning').to.equal('');
  });

  it('version -o json carries the fields of version.Info', async () => {
    const info = JSON.parse(await server().kubectlOk(['version', '-o', 'json']));
    expect(Object.keys(info.serverVersion).sort()).to.deep.equal(
      ['buildDate', 'compiler', 'gitCommit', 'gitTreeState', 'gitVersion', 'goVersion', 'major', 'minor', 'platform'].sort(),
    );
    expect(info.serverVersion).to.include({ major: '1', minor: '32' });
  });

  it('api-versions lists the served group versions, sorted', async () => {
    const out = lines(await server().kubectlOk(['api-versions']));
    expect(out).to.deep.equal([...out].sort());
    expect(out).to.include.members(['apps/v1', 'v1']);
    for (const gv of out) expect(gv).to.match(/^([a-z0-9.-]+\/)?v\d+((alpha|beta)\d+)?$/);
  });

  it('api-resources prints each served resource exactly as kube-apiserver does', async () => {
    const table = parseTable(await server().kubectlOk(['api-resources']));
    expect(table[0]).to.deep.equal(apiResourcesHeader);
    const byName = new Map(kubeApiResources.map((row) => [`${row[0]}.${row[2]}`, row]));
    for (const row of table.slice(1)) {
      const known = byName.get(`${row[0]}.${row[2]}`);
      if (known) expect(row, `api-resources row for ${row[0]}`).to.deep.equal(known);
    }
  });

  // Every resource of the legacy group and of apps/v1 that kube-apiserver 1.32 serves.
  it('api-resources lists every resource of the core and apps groups', async () => {
    const out = await server().kubectlOk(['api-resources']);
    // Rows of other groups (authorization.k8s.io, plugins) are not this scenario's business.
    const coreAndApps = out.split('\n').filter((line, i) => i === 0 || line === '' || / (v1|apps\/v1) /.test(line));
    expectTable(coreAndApps.join('\n'), [apiResourcesHeader, ...kubeApiResources]);
  });

  // kube-apiserver's namespace storage has no DeleteCollection, so it never advertises deletecollection for namespaces; kapi does.
  it('api-resources -o wide lists the verbs and categories kube-apiserver advertises', async () => {
    const table = parseTable(await server().kubectlOk(['api-resources', '-o', 'wide']));
    expect(table[0]).to.deep.equal([...apiResourcesHeader, 'VERBS', 'CATEGORIES']);
    // kubectl prints lists either as [a b] or a,b depending on its version: compare the members
    const list = (cell: string) => cell.replace(/[[\]]/g, '').split(/[ ,]+/).filter(Boolean);
    const row = (name: string, version: string) => {
      const r = table.find((cells) => cells[0] === name && cells[2] === version);
      return r && { verbs: list(r[5]), categories: list(r[6]) };
    };
    const all = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];
    expect(row('configmaps', 'v1')).to.deep.equal({ verbs: all, categories: [] });
    expect(row('secrets', 'v1')).to.deep.equal({ verbs: all, categories: [] });
    expect(row('namespaces', 'v1')).to.deep.equal({ verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'], categories: [] });
    expect(row('pods', 'v1')).to.deep.equal({ verbs: all, categories: ['all'] });
    expect(row('deployments', 'apps/v1')).to.deep.equal({ verbs: all, categories: ['all'] });
  });

  it('api-resources --namespaced=false -o name lists cluster-scoped resources', async () => {
    const out = lines(await server().kubectlOk(['api-resources', '--namespaced=false', '-o', 'name']));
    expect(out).to.include('namespaces');
    expect(out).not.to.include('configmaps');
  });

  // cluster-info lists the kube-system services labelled kubernetes.io/cluster-service.
  it('cluster-info names the control plane URL', async () => {
    const r = await server().kubectl(['cluster-info']);
    expectKubectl(
      { ...r, stdout: stripAnsi(r.stdout) },
      {
        code: 0,
        stdout: [`Kubernetes control plane is running at ${server().url}`, '', "To further debug and diagnose cluster problems, use 'kubectl cluster-info dump'."],
        stderr: [],
      },
    );
  });

  // explain reads /openapi/v3 with descriptions and x-kubernetes-group-version-kind.
  it('explain configmap lists its fields with their types', async () => {
    const out = await server().kubectlOk(['explain', 'configmap']);
    const head = lines(out).slice(0, 4);
    expect(head).to.deep.equal(['KIND:       ConfigMap', 'VERSION:    v1', '', 'DESCRIPTION:']);
    const fields = lines(out)
      .map((l) => /^ {2}(\S+)\t<(.+)>$/.exec(l))
      .filter((m): m is RegExpExecArray => m !== null)
      .map((m) => `${m[1]} <${m[2]}>`);
    expect(fields).to.deep.equal([
      'apiVersion <string>',
      'binaryData <map[string]string>',
      'data <map[string]string>',
      'immutable <boolean>',
      'kind <string>',
      'metadata <ObjectMeta>',
    ]);
  });

  it('explain deployment.spec.replicas names group, kind, version and the field type', async () => {
    const out = lines(await server().kubectlOk(['explain', 'deployment.spec.replicas']));
    expect(out.slice(0, 5)).to.deep.equal(['GROUP:      apps', 'KIND:       Deployment', 'VERSION:    v1', '', 'FIELD: replicas <integer>']);
    expect(out).to.include('DESCRIPTION:');
    expect(out.join(' ')).to.match(/Number of desired pods/);
  });

  // kubectl auth can-i asks authorization.k8s.io/v1 SelfSubjectAccessReview (sent as protobuf); kapi authorizes as --authorization-mode=AlwaysAllow.
  it('auth can-i answers yes with authorization always allowing', async () => {
    expectKubectl(await server().kubectl(['auth', 'can-i', 'create', 'configmaps']), { code: 0, stdout: ['yes'], stderr: [] });
  });

  it('explain of an unknown resource fails as kubectl does', async () => {
    const r = await server().kubectl(['explain', 'nosuchthings']);
    expectKubectl(r, { code: 1, stderr: ['the server doesn\'t have a resource type "nosuchthings"'] });
  });
});
