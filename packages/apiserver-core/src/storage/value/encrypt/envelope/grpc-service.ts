import type * as grpc from '@grpc/grpc-js';
import type protobuf from 'protobufjs';

/**
 * @grpc/grpc-js, required when a KMS provider is first dialled: the storage barrel re-exports the KMS services, so a
 * top-level import put the gRPC stack (~40 ms of module loading) into every server's start-up, KMS or not.
 */
const grpcJS = (): typeof grpc => require('@grpc/grpc-js') as typeof grpc;

/** A KMS message as protobufjs reads and writes it: fields by their proto names. */
export type Message = Record<string, unknown>;

/** A unary method of `<pkg>.KeyManagementService`, (de)serialized with the messages of `root`. */
export function unaryMethod(root: protobuf.Root, servicePath: string, name: string, request: string, response: string): grpc.MethodDefinition<Message, Message> {
  const req = root.lookupType(request);
  const res = root.lookupType(response);
  return {
    path: `/${servicePath}/${name}`,
    requestStream: false,
    responseStream: false,
    requestSerialize: (m) => Buffer.from(req.encode(req.fromObject(m)).finish()),
    requestDeserialize: (b) => req.toObject(req.decode(b), { defaults: true }),
    responseSerialize: (m) => Buffer.from(res.encode(res.fromObject(m)).finish()),
    responseDeserialize: (b) => res.toObject(res.decode(b), { defaults: true }),
  };
}

/** A plugin's connection: unary calls bounded by the provider's timeout, errors worded as grpc-go's. */
export interface KMSConnection {
  call(name: string, req: Message): Promise<Message>;
  close(): void;
}

/** One connection to `unix:///path` (or `unix:path`), as both of kube's KMS clients dial their plugin. */
export function dialKMS(definition: grpc.ServiceDefinition, endpoint: string, timeoutMs: number): KMSConnection {
  const socket = endpoint.replace(/^unix:\/\//, '').replace(/^unix:/, '');
  const { makeGenericClientConstructor, credentials } = grpcJS();
  const Client = makeGenericClientConstructor(definition, 'KeyManagementService');
  const client = new Client(`unix:${socket}`, credentials.createInsecure());
  type UnaryCall = (r: Message, o: grpc.CallOptions, cb: (e: grpc.ServiceError | null, m: Message) => void) => void;
  return {
    call: (name, req) =>
      new Promise((resolve, reject) => {
        const fn = (client as unknown as Record<string, UnaryCall>)[name];
        fn.call(client, req, { deadline: Date.now() + timeoutMs }, (err, res) =>
          err ? reject(new Error(`rpc error: code = ${goCodeName(err.code)} desc = ${err.details}`)) : resolve(res),
        );
      }),
    close: () => client.close(),
  };
}

/** grpc-go's names for status codes (DEADLINE_EXCEEDED → DeadlineExceeded), so errors read as kube's. */
export function goCodeName(code: grpc.status): string {
  return (grpcJS().status[code] ?? String(code)).toLowerCase().replace(/(^|_)([a-z])/g, (_, __, c: string) => c.toUpperCase());
}
