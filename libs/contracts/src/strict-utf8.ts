import { configureTextEncoding, getTextEncoding } from '@bufbuild/protobuf/wire';

/**
 * Protobuf strings must be valid UTF-8. The generated decoders read them
 * leniently, turning invalid bytes into U+FFFD, so two different byte
 * strings sent as an object key would have named one key. Configured once,
 * for every decoder of this package: invalid UTF-8 makes `decode` throw, and
 * a server answers the call INVALID_ARGUMENT (libs/grpc's decoding guard).
 */
const standard = getTextEncoding();
configureTextEncoding({ ...standard, decodeUtf8: (bytes) => standard.decodeUtf8(bytes, true) });
