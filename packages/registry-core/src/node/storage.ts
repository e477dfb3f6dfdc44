import {
  Store, type ConnectHandler, type Connecter, type KObject, type RequestContext, type Responder, type RESTOptionsGetter,
} from '@kapi/apiserver-core';
import { StatusREST } from '@kapi/apiserver-core';
import { joinHostPort, pinnedLookup, resolveProxyableHost } from '../proxy/proxyable';
import { forwardHTTP, kubeletConnectionInfo, proxyPath, queryString } from './kubelet';
import { nodeAttrs, nodeStatusStrategy, nodeStrategy } from './strategy';
import { nodeTable } from './table';

export class NodeREST extends Store {
  shortNames(): string[] {
    return ['no'];
  }
}

/** nodes/proxy: forwards to the node's kubelet (https://<address>:<kubelet port>/<path>). */
export class NodeProxyREST implements Connecter {
  constructor(private readonly nodes: NodeREST) {}

  newObject(): KObject {
    return { apiVersion: 'v1', kind: 'NodeProxyOptions' };
  }

  connectMethods(): string[] {
    return ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'];
  }

  async connect(_ctx: RequestContext, name: string, opts: Record<string, string | string[]>, _responder: Responder): Promise<ConnectHandler> {
    const info = await kubeletConnectionInfo(this.nodes, name);
    // A node's address is whatever its status says: it must not lead to the API server's own host.
    const address = await resolveProxyableHost(info.hostname);
    const target = new URL(`https://${joinHostPort(info.hostname, info.port)}${proxyPath(opts)}${queryString(opts, ['path'])}`);
    return (req, res) => forwardHTTP(req, res, target, req.method, pinnedLookup(address));
  }
}

export interface NodeStorage {
  node: NodeREST;
  status: StatusREST;
  proxy: NodeProxyREST;
}

export function newNodeStorage(optsGetter: RESTOptionsGetter): NodeStorage {
  const resource = { group: '', resource: 'nodes' };
  const node = new NodeREST({
    newFunc: () => ({ apiVersion: 'v1', kind: 'Node' }),
    newListFunc: () => ({ apiVersion: 'v1', kind: 'NodeList', metadata: {}, items: [] }),
    defaultQualifiedResource: resource,
    singularQualifiedResource: { group: '', resource: 'node' },
    createStrategy: nodeStrategy,
    updateStrategy: nodeStrategy,
    deleteStrategy: nodeStrategy,
    tableConvertor: nodeTable,
  }).completeWithOptions({ restOptions: optsGetter.getRESTOptions(resource), attrFunc: nodeAttrs });
  return { node, status: new StatusREST(node.withStrategies({ updateStrategy: nodeStatusStrategy })), proxy: new NodeProxyREST(node) };
}
