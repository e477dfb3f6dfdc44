/*
 * Encodes an object kubectl printed as JSON into Kubernetes protobuf with an independent encoder
 * (protobufjs reading kubernetes/api's generated.proto), for golden tests of kinds kubectl itself
 * sends as JSON (kubectl run posts Pods as JSON, kubelets post them as protobuf).
 *
 *   node encode-with-protobufjs.cjs <proto-root> <message> <in.json> <out.pb>
 *
 * <proto-root> holds k8s.io/api/... and k8s.io/apimachinery/... generated.proto files (not kept in
 * this repository); <message> is e.g. k8s.io.api.core.v1.Pod.
 */
const fs = require('node:fs');
const path = require('node:path');
const protobuf = require('protobufjs');

const [root, messageName, inFile, outFile] = process.argv.slice(2);
const pbRoot = new protobuf.Root();
pbRoot.resolvePath = (_origin, target) => path.join(root, target);
pbRoot.loadSync(
  `${messageName
    .split('.')
    .slice(0, -1)
    .join('/')
    .replace(/^k8s\/io/, 'k8s.io')}/generated.proto`,
  { keepCase: true },
);
pbRoot.resolveAll();

/** The JSON form of the few well-known types, turned into their wire messages. */
function wellKnown(typeName, v) {
  if (typeName.endsWith('.Time') || typeName.endsWith('.MicroTime')) return v === null ? undefined : { seconds: Math.floor(Date.parse(v) / 1000) };
  if (typeName.endsWith('.Quantity')) return { string: v };
  if (typeName.endsWith('.IntOrString')) return typeof v === 'number' ? { type: 0, intVal: v } : { type: 1, strVal: v };
  if (typeName.endsWith('.RawExtension')) return { raw: Buffer.from(JSON.stringify(v)) };
  if (typeName.endsWith('.FieldsV1')) return { Raw: Buffer.from(JSON.stringify(v)) };
  return null;
}

/** Fields Go embeds with json:",inline": their keys sit in the parent JSON object. */
const inline = new Set(['volumeSource', 'handler', 'ephemeralContainerCommon', 'localObjectReference', 'ingressRuleValue']);

function convert(type, json) {
  const out = {};
  for (const f of type.fieldsArray) {
    const value = json[f.name];
    const sub = f.resolvedType;
    if (value === undefined) {
      if (sub && inline.has(f.name)) out[f.name] = convert(sub, json);
      continue;
    }
    const one = (v) => {
      if (!sub) return f.type === 'bytes' ? Buffer.from(v, 'base64') : v;
      const wk = wellKnown(sub.fullName, v);
      return wk !== null ? wk : convert(sub, v);
    };
    if (f.map) out[f.name] = Object.fromEntries(Object.entries(value ?? {}).map(([k, v]) => [k, one(v)]));
    else if (f.repeated) out[f.name] = (value ?? []).map(one);
    else if (value !== null) out[f.name] = one(value);
  }
  return out;
}

const json = JSON.parse(fs.readFileSync(inFile, 'utf8'));
const Type = pbRoot.lookupType(messageName);
const raw = Type.encode(Type.fromObject(convert(Type, json))).finish();
const Unknown = pbRoot.lookupType('k8s.io.apimachinery.pkg.runtime.Unknown');
const envelope = Unknown.encode(Unknown.fromObject({ typeMeta: { apiVersion: json.apiVersion, kind: json.kind }, raw })).finish();
fs.writeFileSync(outFile, Buffer.concat([Buffer.from([0x6b, 0x38, 0x73, 0x00]), envelope]));
