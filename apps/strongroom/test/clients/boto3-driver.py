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

import boto3
from boto3.s3.transfer import TransferConfig
from botocore.config import Config


def client():
    return boto3.client(
        "s3",
        endpoint_url=os.environ["STRONGROOM_S3_ENDPOINT"],
        region_name="us-east-1",
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


def http(args):
    """A plain urllib request, no boto3 involved: how a browser or curl would use a presigned URL."""
    body = None
    if "file" in args:
        with open(args["file"], "rb") as source:
            body = source.read()
    request = urllib.request.Request(args["url"], data=body, method=args["method"])
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            data = response.read()
            status, headers = response.status, dict(response.headers)
    except urllib.error.HTTPError as error:
        return {"status": error.code, "body": error.read().decode("utf-8", "replace")}
    if "out" in args:
        with open(args["out"], "wb") as sink:
            sink.write(data)
    return {"status": status, "headers": {name.lower(): value for name, value in headers.items()}}


OPERATIONS = {
    "create_bucket": create_bucket,
    "upload_file": upload_file,
    "download_file": download_file,
    "presign": presign,
    "http": http,
}

if __name__ == "__main__":
    print(json.dumps(OPERATIONS[sys.argv[1]](json.loads(sys.argv[2]))))
