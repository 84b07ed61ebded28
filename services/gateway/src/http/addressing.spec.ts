import { S3Error } from '../s3/errors';
import { resolveAddressing } from './addressing';

describe('resolveAddressing', () => {
  it('reads path-style names, keeping keys opaque', () => {
    expect(resolveAddressing('127.0.0.1:9000', '/', 'localhost')).toEqual({ bucket: undefined, key: undefined, style: 'path' });
    expect(resolveAddressing('127.0.0.1:9000', '/b', 'localhost')).toEqual({ bucket: 'b', key: undefined, style: 'path' });
    expect(resolveAddressing('127.0.0.1:9000', '/b/', 'localhost')).toEqual({ bucket: 'b', key: undefined, style: 'path' });
    expect(resolveAddressing('localhost:9000', '/b/a//c/../x', 'localhost').key).toBe('a//c/../x');
    expect(resolveAddressing('localhost', '/b/a%20b%2Bc+d/%C3%A9', 'localhost').key).toBe('a b+c d/é');
    expect(resolveAddressing('[::1]:9000', '/b/k', 'localhost')).toEqual({ bucket: 'b', key: 'k', style: 'path' });
  });

  it('reads virtual-hosted names under the domain', () => {
    expect(resolveAddressing('my.bucket.localhost:9000', '/dir/key', 'localhost')).toEqual({ bucket: 'my.bucket', key: 'dir/key', style: 'virtual-hosted' });
    expect(resolveAddressing('B.S3.Example.com', '/', 's3.example.com')).toEqual({ bucket: 'b', key: undefined, style: 'virtual-hosted' });
    expect(resolveAddressing('b.localhost', '//x', 'localhost').key).toBe('/x');
    expect(resolveAddressing('localhost', '/b/k', 'localhost').style).toBe('path');
  });

  it('refuses bad percent-encoding with InvalidURI', () => {
    expect(() => resolveAddressing('localhost', '/b/%E0%A4%A', 'localhost')).toThrow(S3Error);
  });
});
