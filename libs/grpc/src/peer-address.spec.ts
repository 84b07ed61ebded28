import { isLoopback, peerAddress } from './peer-address';

describe('peerAddress', () => {
  it.each([
    ['127.0.0.1:36082', '127.0.0.1'],
    ['::1:5555', '::1'],
    ['[::1]:5555', '::1'],
    ['::ffff:10.1.2.3:443', '10.1.2.3'],
    ['fe80::1:80', 'fe80::1'],
  ])('reads %s as %s', (peer, address) => {
    expect(peerAddress(peer)).toBe(address);
  });

  it.each(['unknown', '/run/storage.sock', '127.0.0.1', 'example.com:443', ''])('finds no address in %j', (peer) => {
    expect(peerAddress(peer)).toBeUndefined();
  });
});

describe('isLoopback', () => {
  it.each(['127.0.0.1', '127.9.9.9', '::1'])('takes %s as loopback', (address) => {
    expect(isLoopback(address)).toBe(true);
  });

  it.each(['10.1.2.3', '192.0.2.7', 'fe80::1', '::', '0.0.0.0'])('takes %s as another host', (address) => {
    expect(isLoopback(address)).toBe(false);
  });
});
