import { trustInstructions } from '@strongroom/gateway';
import type { S3Endpoints } from './gateway';

/** The launcher banner's S3 lines: the endpoints, how to point aws-cli at them, and how to trust the local certificate. */
export function s3BannerLines(s3: S3Endpoints, region: string): string[] {
  const endpoint = s3.http ?? s3.https;
  const lines = [`  s3        ${[s3.http, s3.https].filter((url) => url !== undefined).join('  ')}`];
  if (endpoint !== undefined) {
    lines.push(
      `  aws-cli   aws configure   (the access key and secret key below, region ${region}), then`,
      `            aws --endpoint-url ${endpoint} s3 ls`,
    );
  }
  if (s3.https !== undefined && s3.certificatePath !== undefined) {
    lines.push(`  tls       self-signed certificate for localhost: ${s3.certificatePath}`, ...trustInstructions(s3.certificatePath, s3.https).map((line) => `            ${line}`));
  }
  return lines;
}
