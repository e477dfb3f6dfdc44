import * as fs from 'node:fs';
import * as path from 'node:path';
import { expect } from 'chai';
import { generate } from '@kapi/schema-gen';

describe('backups.example.dev/v1 Backup: generated from types.ts', function () {
  this.timeout(60_000);
  it('definition.generated.ts is what kapi-schema-gen makes of types.ts (npm run generate)', () => {
    const { outFile, text } = generate(path.join(__dirname, 'types.ts'));
    expect(fs.readFileSync(outFile, 'utf8')).to.equal(text);
  });
});
