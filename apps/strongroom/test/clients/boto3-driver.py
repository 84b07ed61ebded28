"""Drives boto3 (and plain urllib) for boto3.test.ts: one operation per run.

Usage: python3 boto3-driver.py <operation> '<json arguments>'; prints one JSON
document. The endpoint comes from STRONGROOM_S3_ENDPOINT, the credentials and
region from the AWS_* variables that the test sets. Retries are off so that a
gateway bug shows up as a failure instead of being retried away.
"""

import json
import os
import sys
import urllib.error
import urllib.request
import uuid

import boto3
from boto3.s3.transfer import TransferConfig
from botocore.config import Config


def client(region="us-east-1"):
    return boto3.client(
        "s3",
        endpoint_url=os.environ["STRONGROOM_S3_ENDPOINT"],
        region_name=region,
        config=Config(signature_version="s3v4", s3={"addressing_style": "path"}, retries={"total_max_attempts": 1}),
    )


def transfer_config(args):
    return TransferConfig(multipart_threshold=args["threshold"], multipart_chunksize=args["chunk"], max_concurrency=4)


def create_bucket(args):
    client().create_bucket(Bucket=args["bucket"])
    return {}


def upload_file(args):
    s3 = client()
    s3.upload_file(args["file"], args["bucket"], args["key"], Config=transfer_config(args))
    head = s3.head_object(Bucket=args["bucket"], Key=args["key"])
    return {"ETag": head["ETag"], "ContentLength": head["ContentLength"]}


def download_file(args):
    client().download_file(args["bucket"], args["key"], args["file"], Config=transfer_config(args))
    return {}


def presign(args):
    params = {"Bucket": args["bucket"], "Key": args["key"], **args.get("params", {})}
    return {"url": client().generate_presigned_url(args["method"], Params=params, ExpiresIn=args["expires"])}


def send(request, out=None):
    """Sends a urllib request; the answer's status, and its headers and body (or the error body), as JSON."""
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            data = response.read()
            status, headers = response.status, dict(response.headers)
    except urllib.error.HTTPError as error:
        return {"status": error.code, "body": error.read().decode("utf-8", "replace")}
    if out is not None:
        with open(out, "wb") as sink:
            sink.write(data)
    return {"status": status, "headers": {name.lower(): value for name, value in headers.items()}, "body": data.decode("utf-8", "replace") if out is None else ""}


def http(args):
    """A plain urllib request, no boto3 involved: how a browser or curl would use a presigned URL."""
    body = None
    if "file" in args:
        with open(args["file"], "rb") as source:
            body = source.read()
    return send(urllib.request.Request(args["url"], data=body, method=args["method"]), args.get("out"))


def presigned_post(args):
    """generate_presigned_post, then the form posted with plain urllib as a browser would: its fields, then the file, last."""
    post = client().generate_presigned_post(
        args["bucket"], args["key"], Fields=args.get("fields"), Conditions=args.get("conditions"), ExpiresIn=args.get("expires", 300)
    )
    boundary = "----strongroom" + uuid.uuid4().hex
    parts = [f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode() for name, value in post["fields"].items()]
    with open(args["file"], "rb") as source:
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{args["filename"]}"\r\n'
            "Content-Type: application/octet-stream\r\n\r\n".encode()
        )
        parts.append(source.read())
    parts.append(f"\r\n--{boundary}--\r\n".encode())
    headers = {"Content-Type": f"multipart/form-data; boundary={boundary}"}
    return send(urllib.request.Request(post["url"], data=b"".join(parts), method="POST", headers=headers))


def from_other_region(args):
    """HEAD and GET by a client configured for another region: botocore learns the bucket's region from the error and signs again."""
    s3 = client(args["region"])
    bucket = s3.head_bucket(Bucket=args["bucket"])
    head = s3.head_object(Bucket=args["bucket"], Key=args["key"])
    body = s3.get_object(Bucket=args["bucket"], Key=args["key"])["Body"].read().decode()
    return {"BucketRegion": bucket["ResponseMetadata"]["HTTPHeaders"]["x-amz-bucket-region"], "ContentLength": head["ContentLength"], "Body": body}


OPERATIONS = {
    "create_bucket": create_bucket,
    "upload_file": upload_file,
    "download_file": download_file,
    "presign": presign,
    "http": http,
    "presigned_post": presigned_post,
    "from_other_region": from_other_region,
}

if __name__ == "__main__":
    print(json.dumps(OPERATIONS[sys.argv[1]](json.loads(sys.argv[2]))))
