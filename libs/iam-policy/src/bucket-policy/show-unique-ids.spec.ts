import { showUniqueIds } from './show-unique-ids';

const CAROL = 'arn:aws:iam::111122223333:user/carol';
const DAVE = 'arn:aws:iam::111122223333:user/dave';

describe('showUniqueIds', () => {
  const shown = new Map([[CAROL, 'AIDAOLDCAROL']]);

  it('replaces a shown ARN in each Principal AWS, as a string or in a list', () => {
    const document = { Version: '2012-10-17', Statement: [{ Principal: { AWS: CAROL } }, { Principal: { AWS: [DAVE, CAROL], Service: 'x' } }] };
    expect(showUniqueIds(document, shown)).toEqual({
      Version: '2012-10-17',
      Statement: [{ Principal: { AWS: 'AIDAOLDCAROL' } }, { Principal: { AWS: [DAVE, 'AIDAOLDCAROL'], Service: 'x' } }],
    });
  });

  it('replaces in a single Statement object, and leaves NotPrincipal and "*" as written', () => {
    expect(showUniqueIds({ Statement: { Principal: { AWS: CAROL } } }, shown)).toEqual({ Statement: { Principal: { AWS: 'AIDAOLDCAROL' } } });
    const others = { Statement: [{ NotPrincipal: { AWS: CAROL } }, { Principal: '*' }] };
    expect(showUniqueIds(others, shown)).toEqual(others);
  });
});
