import { expect } from 'chai';
import { bytesField, doubleField, tag, varint } from './testing/wire-writer';
import { ProtobufWireError, WireReader, WireType } from './wire-reader';

describe('protobuf WireReader', () => {
  it('reads one-byte, multi-byte and ten-byte varints exactly', () => {
    expect(new WireReader(Buffer.from([0x01])).readVarint()).to.equal(1n);
    expect(new WireReader(Buffer.from([0xac, 0x02])).readVarint()).to.equal(300n);
    expect(new WireReader(varint(2n ** 53n + 1n)).readVarint()).to.equal(2n ** 53n + 1n);
    // A negative int32 is sign-extended to 64 bits, ten bytes on the wire.
    const minusOne = varint(-1);
    expect(minusOne.length).to.equal(10);
    expect(BigInt.asIntN(32, new WireReader(minusOne).readVarint())).to.equal(-1n);
  });

  it('reads tags, length-delimited fields and doubles', () => {
    const r = new WireReader(Buffer.concat([bytesField(7, 'hello'), doubleField(2, 1.5)]));
    expect(r.readTag()).to.deep.equal({ fieldNumber: 7, wireType: WireType.LengthDelimited });
    expect(Buffer.from(r.readLengthDelimited()).toString()).to.equal('hello');
    expect(r.readTag()).to.deep.equal({ fieldNumber: 2, wireType: WireType.Fixed64 });
    expect(r.readDouble()).to.equal(1.5);
    expect(r.done).to.equal(true);
  });

  it('skips every wire type, including nested groups', () => {
    const group = Buffer.concat([
      tag(3, WireType.StartGroup),
      tag(4, WireType.StartGroup),
      tag(4, WireType.EndGroup),
      tag(5, WireType.Varint),
      varint(0),
      tag(3, WireType.EndGroup),
    ]);
    const body = Buffer.concat([
      tag(1, WireType.Varint),
      varint(123456789),
      tag(2, WireType.Fixed64),
      Buffer.alloc(8),
      tag(3, WireType.Fixed32),
      Buffer.alloc(4),
      bytesField(4, 'skip me'),
      group,
      bytesField(9, 'kept'),
    ]);
    const r = new WireReader(body);
    for (;;) {
      const t = r.readTag();
      if (t.fieldNumber === 9) break;
      // The group's own start tag was read above; skip consumes up to its matching end.
      r.skip(t.wireType);
    }
    expect(Buffer.from(r.readLengthDelimited()).toString()).to.equal('kept');
  });

  it('refuses truncated input, overlong varints, field number 0 and lengths past the end', () => {
    expect(() => new WireReader(Buffer.from([0x80])).readVarint()).to.throw(ProtobufWireError, /unexpected end/);
    expect(() => new WireReader(Buffer.alloc(11, 0xff)).readVarint()).to.throw(ProtobufWireError, /longer than ten bytes/);
    expect(() => new WireReader(Buffer.from([0x02])).readTag()).to.throw(ProtobufWireError, /field number 0/);
    const r = new WireReader(Buffer.from([0x0a, 0x05, 0x61]));
    r.readTag();
    expect(() => r.readLengthDelimited()).to.throw(ProtobufWireError, /past the end/);
  });
});
