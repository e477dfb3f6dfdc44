import { expect } from 'chai';
import { isDNS1123Label, isDNS1123Subdomain, isQualifiedName, isValidLabelValue, nameIsDNSSubdomain } from './names';

describe('name validation', () => {
  it('accepts DNS-1123 subdomains and labels and refuses the rest', () => {
    expect(isDNS1123Subdomain('my-app.example.com')).to.deep.equal([]);
    expect(isDNS1123Subdomain('My_App')).to.have.length(1);
    expect(isDNS1123Subdomain('a'.repeat(254))).to.have.length(1);
    expect(isDNS1123Label('a.b')).to.have.length(1);
    expect(isDNS1123Label('a'.repeat(64))[0]).to.equal('must be no more than 63 characters');
  });
  it('validates qualified label keys and values', () => {
    expect(isQualifiedName('example.com/app')).to.deep.equal([]);
    expect(isQualifiedName('app name')).to.have.length(1);
    expect(isQualifiedName('/app')).to.deep.equal(['prefix part must be non-empty']);
    expect(isValidLabelValue('')).to.deep.equal([]);
    expect(isValidLabelValue('-x')).to.have.length(1);
  });
  it('allows a generateName prefix ending in a dash', () => {
    expect(nameIsDNSSubdomain('web-', true)).to.deep.equal([]);
    expect(nameIsDNSSubdomain('web-', false)).to.have.length(1);
  });
});
