import { newBadRequest, takeUpgradeConnection, type ConnectHandler, type Connecter, type KObject, type RequestContext, type Responder, type Store } from '@kapi/apiserver-core';
import { echoWebSocket, websocketAccept } from './websocket-echo';

/**
 * widgets/attach: a stream into a widget, as pods/attach is into a container — here a WebSocket
 * that echoes what the client sends. The server's filters have authenticated the client and
 * authorized `create` on widgets/attach before connect runs; the widget must exist.
 */
export class WidgetAttachREST implements Connecter {
  constructor(private readonly store: Store) {}

  newObject(): KObject {
    return { apiVersion: 'widgets.example.dev/v1', kind: 'WidgetAttachOptions' };
  }

  connectMethods(): string[] {
    return ['GET', 'POST'];
  }

  async connect(ctx: RequestContext, name: string, _opts: Record<string, string | string[]>, _responder: Responder): Promise<ConnectHandler> {
    await this.store.get(ctx, name, {});
    return async (req, res) => {
      const accept = websocketAccept(req.headers);
      const conn = accept ? takeUpgradeConnection(req) : undefined;
      if (!conn) {
        // What kube's httpstream answers a plain request to an upgrade-only endpoint.
        const status = newBadRequest('Upgrade request required');
        res.writeHead(status.code, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify(status.toStatus()));
        return;
      }
      conn.socket.write(accept!);
      echoWebSocket(conn.socket, conn.head);
    };
  }
}
