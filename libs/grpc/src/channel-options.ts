import type { ChannelOptions } from '@grpc/grpc-js';

/**
 * Channel settings shared by servers and clients. Bulk object data crosses
 * service hops as messages of hundreds of KiB, so the message limit sits
 * above the largest chunk and the HTTP/2 windows are sized to keep a stream
 * of such messages flowing without a round trip per message.
 */
export const GRPC_CHANNEL_OPTIONS: ChannelOptions = {
  'grpc.max_receive_message_length': 8 * 1024 * 1024,
  'grpc.max_send_message_length': 8 * 1024 * 1024,
  'grpc-node.flow_control_window': 4 * 1024 * 1024,
  'grpc.keepalive_time_ms': 30_000,
  'grpc.keepalive_timeout_ms': 10_000,
};
