/**
 * The AWS KMS operations the gateway does not serve: asked for one, it
 * answers UnsupportedOperationException, as for a parameter it does not
 * support, so that a tool learns the operation exists and is refused here;
 * UnknownOperationException is for names AWS KMS does not have.
 */
export const UNSERVED_KMS_OPERATIONS: ReadonlySet<string> = new Set([
  'ConnectCustomKeyStore',
  'CreateCustomKeyStore',
  'DeleteCustomKeyStore',
  'DeleteImportedKeyMaterial',
  'DeriveSharedSecret',
  'DescribeCustomKeyStores',
  'DisconnectCustomKeyStore',
  'GenerateDataKeyPair',
  'GenerateDataKeyPairWithoutPlaintext',
  'GenerateMac',
  'GenerateRandom',
  'GetKeyPolicy',
  'GetParametersForImport',
  'GetPublicKey',
  'ImportKeyMaterial',
  'ListKeyPolicies',
  'ListResourceTags',
  'ListRetirableGrants',
  'PutKeyPolicy',
  'ReplicateKey',
  'RetireGrant',
  'Sign',
  'TagResource',
  'UntagResource',
  'UpdateCustomKeyStore',
  'UpdateKeyDescription',
  'UpdatePrimaryRegion',
  'Verify',
  'VerifyMac',
]);
